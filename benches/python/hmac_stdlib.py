"""The same verification with Python's hmac module, as an ERP script would write it.
usage: hmac_stdlib.py SIZE_BYTES SECONDS"""
import hashlib
import hmac
import json
import sys
import time

size, seconds = int(sys.argv[1]), float(sys.argv[2])
body = bytes(i % 251 for i in range(size))
secret = b"whsec_benchmark_secret"
header = hmac.new(secret, body, hashlib.sha256).hexdigest()
calls, started = 0, time.perf_counter()
while time.perf_counter() - started < seconds:
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, header):
        raise SystemExit("mismatch")
    calls += 1
elapsed = time.perf_counter() - started
print(json.dumps({"size": size, "calls_per_s": calls / elapsed, "mb_per_s": calls * size / elapsed / 1e6}))
