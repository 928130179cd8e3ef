"""The same N accepts with requests: one POST each, the documented body, the answer decoded.
usage: accept_requests.py BASE_URL TOKEN N"""
import json
import sys
import time

import requests

base_url, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
root = f"{base_url}/rest/all/V1"
session = requests.Session()
session.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json"})
orders = []
page = 1
while len(orders) < n:
    batch = session.get(f"{root}/fulfillmentOrders/pending_accept", params={"page": page}, timeout=30).json()
    if not batch:
        break
    orders.extend(batch)
    page += 1
latencies = []
for order in orders[:n]:
    body = {"order": {"order_id": order["order_id"],
                      "items": [{"item_id": i["item_id"], "qty": i["qty"]} for i in order["items"]]}}
    started = time.perf_counter()
    response = session.post(f"{root}/fulfillmentOrder/accept", json=body, timeout=30)
    response.raise_for_status()
    response.json()
    latencies.append((time.perf_counter() - started) * 1e3)
latencies.sort()
at = lambda q: latencies[round((len(latencies) - 1) * q)]
print(json.dumps({"calls": len(latencies), "median_ms": at(0.5), "p99_ms": at(0.99)}))
