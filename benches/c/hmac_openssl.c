/* The same verification with OpenSSL's HMAC (libcrypto): compute, then compare in constant
 * time. The baseline for shiplink's webhook throughput. usage: hmac_openssl SIZE_BYTES SECONDS */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    unsigned char expected[EVP_MAX_MD_SIZE], mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret, (int)strlen(secret), body, size, expected, &len);
    long calls = 0;
    double started = now(), elapsed;
    while ((elapsed = now() - started) < seconds) {
        HMAC(EVP_sha256(), secret, (int)strlen(secret), body, size, mac, &len);
        if (CRYPTO_memcmp(mac, expected, len) != 0) return 1;
        calls++;
    }
    printf("{\"size\":%zu,\"calls_per_s\":%.1f,\"mb_per_s\":%.1f}\n", size, calls / elapsed, calls * (double)size / elapsed / 1e6);
    free(body);
    return 0;
}
