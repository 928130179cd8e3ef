/* A tiny test harness for the C suites: CHECK counts, TEST names a group, and the summary
 * prints "N passed, N failed". Admin calls to the sandbox go through curl. */
#ifndef SHIPLINK_TEST_HARNESS_H
#define SHIPLINK_TEST_HARNESS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int harness_passed = 0;
static int harness_failed = 0;
static const char *harness_group = "";

#define TEST(name) (harness_group = (name))

#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        if (cond) {                                                             \
            harness_passed++;                                                   \
        } else {                                                                \
            harness_failed++;                                                   \
            fprintf(stderr, "FAIL %s (%s:%d): %s: ", harness_group, __FILE__,   \
                    __LINE__, #cond);                                           \
            fprintf(stderr, __VA_ARGS__);                                       \
            fputc('\n', stderr);                                                \
        }                                                                       \
    } while (0)

static int harness_summary(void) {
    printf("%d passed, %d failed\n", harness_passed, harness_failed);
    return harness_failed == 0 ? 0 : 1;
}

static const char *env_or_die(const char *name) {
    const char *value = getenv(name);
    if (value == NULL || *value == '\0') {
        fprintf(stderr, "%s must be set (scripts/test-c sets it)\n", name);
        exit(2);
    }
    return value;
}

/* Runs `curl` against the sandbox's admin surface; returns the body (caller frees). */
static char *sandbox_admin(const char *method, const char *path, const char *json_body) {
    char command[4096];
    snprintf(command, sizeof command,
             "curl -sS -X %s -H 'Content-Type: application/json' --data '%s' '%s%s'", method,
             json_body ? json_body : "", env_or_die("SHIPLINK_SANDBOX_URL"), path);
    FILE *pipe = popen(command, "r");
    if (pipe == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    size_t n;
    while ((n = fread(out + len, 1, cap - len - 1, pipe)) > 0) {
        len += n;
        if (cap - len < 1024) {
            cap *= 2;
            out = realloc(out, cap);
        }
    }
    out[len] = '\0';
    pclose(pipe);
    return out;
}

#endif
