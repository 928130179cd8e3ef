"""Drains one queue through the shiplink Python binding; prints how many orders it saw.
usage: drain_shiplink.py BASE_URL TOKEN STORE_CODE"""
import sys

import shiplink

base_url, token, store = sys.argv[1:4]
with shiplink.Client(base_url, token, store_code=store) as client:
    print(sum(1 for _ in client.iter_queue("pending_accept")))
