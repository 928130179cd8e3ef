/* Webhook verification throughput through the C ABI (hex scheme: HMAC-SHA256 of the raw body).
 * usage: hmac SIZE_BYTES SECONDS */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <shiplink.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SIZE_BYTES SECONDS\n", argv[0]);
        return 2;
    }
    size_t size = strtoul(argv[1], NULL, 10);
    double seconds = atof(argv[2]);
    unsigned char *body = malloc(size);
    for (size_t i = 0; i < size; i++) body[i] = (unsigned char)(i % 251);
    const char *secret = "whsec_benchmark_secret";
    char *header = NULL;
    if (shiplink_sign_webhook("hex", secret, body, size, 0, &header) != SHIPLINK_OK) return 1;
    long calls = 0;
    double started = now(), elapsed;
    while ((elapsed = now() - started) < seconds) {
        if (shiplink_verify_signature("hex", secret, header, body, size, 0, 0) != SHIPLINK_OK) return 1;
        calls++;
    }
    printf("{\"size\":%zu,\"calls_per_s\":%.1f,\"mb_per_s\":%.1f}\n", size, calls / elapsed, calls * (double)size / elapsed / 1e6);
    shiplink_string_free(header);
    free(body);
    return 0;
}
