"""Accepts N orders through the shiplink Python binding, one call each; prints per-call latency
as JSON. Reading the orders first is not timed. usage: accept_shiplink.py BASE_URL TOKEN N"""
import json
import sys
import time

import shiplink

base_url, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with shiplink.Client(base_url, token) as client:
    orders = []
    for order in client.iter_queue("pending_accept"):
        orders.append(order)
        if len(orders) == n:
            break
    latencies = []
    for order in orders:
        lines = [(item["item_id"], item["qty"]) for item in order["items"]]
        started = time.perf_counter()
        client.accept(order["order_id"], lines)
        latencies.append((time.perf_counter() - started) * 1e3)
latencies.sort()
at = lambda q: latencies[round((len(latencies) - 1) * q)]
print(json.dumps({"calls": len(latencies), "median_ms": at(0.5), "p99_ms": at(0.99)}))
