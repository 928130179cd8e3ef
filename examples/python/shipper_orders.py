#!/usr/bin/env python3
"""Pushes a day's orders from a shop's CSV export into Shipper, then reports their statuses
and the delivery stats (Python 3.8+, `pip install ./bindings/python`).

    python3 examples/python/shipper_orders.py orders.csv --token "$SHIPPER_API_KEY"
    SHIPPER_BASE_URL=http://127.0.0.1:8080/api/v1 python3 examples/python/shipper_orders.py orders.csv

Each row carries the shop's own order number as external_order_id: if an answer is lost,
shiplink finds the order by it instead of creating it twice. A row whose outcome stays unknown
is reported, not re-sent: run the script again after checking the dashboard. Columns:
external_order_id, name, phone, address, division_1, country, sku, quantity, total_price.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import sys
from typing import Dict

import shiplink


def product_ids(client: shiplink.ShipperClient) -> Dict[str, str]:
    """SKU → product (or variant) UUID, from the whole catalogue."""
    ids: Dict[str, str] = {}
    for product in client.iter("products"):
        ids[product["sku"]] = product["uuid"]
        for variant in product.get("variants") or []:
            ids[variant["sku"]] = variant["uuid"]
    return ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", help="the shop's order export")
    parser.add_argument("--base-url", default=os.environ.get("SHIPPER_BASE_URL", shiplink.shipper.DEFAULT_BASE_URL))
    parser.add_argument("--token", default=os.environ.get("SHIPPER_API_KEY"))
    args = parser.parse_args()
    if not args.token:
        parser.error("--token or SHIPPER_API_KEY is required")

    started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    failed = 0
    with shiplink.ShipperClient(args.token, base_url=args.base_url) as client:
        ids = product_ids(client)
        with open(args.csv, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                order = {
                    "address": {"name": row["name"], "phone1": row["phone"], "address1": row["address"],
                                "division_1": row["division_1"], "country": row["country"]},
                    "items": [{"id": ids.get(row["sku"], row["sku"]), "quantity": int(row["quantity"]),
                               "total_price": float(row["total_price"])}],
                    "is_cod": True,
                    "external_order_id": row["external_order_id"],
                }
                try:
                    created = client.create_order(order)
                    note = " (found after a lost answer)" if created.get("reconciled") else ""
                    print("pushed {} as order {}{}".format(row["external_order_id"], created["id"], note))
                except (shiplink.BadRequest, shiplink.InvalidArgument, shiplink.OutcomeUnknown) as e:
                    failed += 1
                    print("FAILED {}: {} [{}]".format(row["external_order_id"], e, type(e).__name__), file=sys.stderr)

        for order in client.iter("orders", start_date=started - dt.timedelta(minutes=5)):
            print("order {} ({}): {}".format(order["id"], order["external_order_id"], order["status"]))
        stats = client.dashboard("delivery-stats", start_date=started.date())
        for line in stats["total_by_status"]:
            print("shipments {}: {}".format(line["status"], line["count"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
