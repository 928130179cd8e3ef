"""What an ERP script would write instead of shiplink: requests + json, page by page.
usage: drain_requests.py BASE_URL TOKEN STORE_CODE"""
import sys

import requests

base_url, token, store = sys.argv[1:4]
url = f"{base_url}/rest/{store}/V1/fulfillmentOrders/pending_accept"
session = requests.Session()
session.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json"})
orders = 0
page = 1
while True:
    response = session.get(url, params={"page": page}, timeout=30)
    response.raise_for_status()
    batch = response.json()
    if not batch:
        break
    orders += len(batch)
    page += 1
print(orders)
