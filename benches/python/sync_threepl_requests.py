"""What an ERP script would write instead of shiplink: requests + json, cursor by cursor (no
dedup, no checkpoint). usage: sync_threepl_requests.py BASE_URL TOKEN"""
import sys

import requests

base_url, token = sys.argv[1:3]
session = requests.Session()
session.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json"})
shipments = 0
params = {}
while True:
    response = session.get(f"{base_url}/shipments", params=params, timeout=30)
    response.raise_for_status()
    page = response.json()
    shipments += len(page["data"])
    if not page["pagination"]["has_more"]:
        break
    params = {"cursor": page["pagination"]["next_cursor"]}
print(shipments)
