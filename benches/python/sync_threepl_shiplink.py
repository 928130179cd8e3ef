"""Syncs every shipment of a 3PL through the shiplink Python binding; prints how many it got.
usage: sync_threepl_shiplink.py BASE_URL TOKEN"""
import sys

import shiplink

base_url, token = sys.argv[1:3]
with shiplink.ThreePLClient(base_url, token) as client:
    with client.iter("shipments") as walk:
        count = sum(1 for _ in walk)
        walk.checkpoint()
print(count)
