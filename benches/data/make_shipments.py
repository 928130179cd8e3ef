"""Writes the 3PL sync benchmark's data: N shipments in the blueprint's shape (spec 003), about
0.8 KB each, as cursor pages of 100: shipments/c0.json (the first page), c1.json, … each
naming the next in pagination.next_cursor. Five shipments share each timestamp, as in a busy
warehouse. Deterministic: the same arguments give the same bytes.

usage: make_shipments.py OUT_DIR SHIPMENTS
"""
import datetime
import json
import os
import random
import sys

PER_PAGE = 100
SKUS = ["WIDGET-BLUE-M", "WIDGET-RED-S", "GADGET-GRN-L", "GIZMO-1", "SPROCKET-XL"]
START = datetime.datetime(2026, 7, 1, tzinfo=datetime.timezone.utc)


def shipment(n, rng):
    at = (START + datetime.timedelta(seconds=n // 5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    parcels = []
    for p in range(rng.randint(1, 3)):
        tracking = f"SL{n:08d}{p:02d}AU"
        parcels.append({"tracking_number": tracking, "tracking_url": f"https://auspost.com.au/track/{tracking}",
                        "carrier": "auspost", "service": "Express Post",
                        "weight": {"value": round(rng.uniform(0.2, 9.0), 1), "unit": "kg"},
                        "dimensions": {"length": 30, "width": 20, "height": 10, "unit": "cm"}})
    items = [{"sku": rng.choice(SKUS), "quantity": rng.randint(1, 4)} for _ in range(rng.randint(1, 3))]
    return {"id": f"shp_{n:08d}", "order_id": f"ord_{n:08d}", "order_number": f"SO-{100000 + n}",
            "status": rng.choice(["shipped", "in_transit", "delivered"]), "warehouse_id": "wh_syd_1",
            "shipped_at": at, "created_at": at, "updated_at": at,
            "cost": {"amount": f"{rng.randint(8, 40)}.{rng.randint(0, 99):02d}", "currency": "AUD"},
            "voided": False, "parcels": parcels, "items": items}


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(3)
    pages = os.path.join(out, "shipments")
    os.makedirs(pages, exist_ok=True)
    total = (count + PER_PAGE - 1) // PER_PAGE
    for p in range(total):
        rows = [shipment(n, rng) for n in range(p * PER_PAGE, min(count, (p + 1) * PER_PAGE))]
        more = p + 1 < total
        page = {"data": rows, "pagination": {"next_cursor": f"c{p + 1}" if more else None, "has_more": more}}
        with open(os.path.join(pages, f"c{p}.json"), "w") as f:
            json.dump(page, f, separators=(",", ":"))
    print(total)


if __name__ == "__main__":
    main()
