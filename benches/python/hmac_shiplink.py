"""Webhook verification throughput through the shiplink Python binding (hex scheme: HMAC-SHA256
of the raw body). usage: hmac_shiplink.py SIZE_BYTES SECONDS"""
import json
import sys
import time

import shiplink

size, seconds = int(sys.argv[1]), float(sys.argv[2])
body = bytes(i % 251 for i in range(size))
secret = "whsec_benchmark_secret"
header = shiplink.sign_webhook("hex", secret, body)
calls, started = 0, time.perf_counter()
while time.perf_counter() - started < seconds:
    shiplink.verify_signature("hex", secret, header, body)
    calls += 1
elapsed = time.perf_counter() - started
print(json.dumps({"size": size, "calls_per_s": calls / elapsed, "mb_per_s": calls * size / elapsed / 1e6}))
