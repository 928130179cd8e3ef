#!/usr/bin/env python3
"""The ERP role: allocate every order waiting for allocation, then invoice every order waiting
for an invoice. Run it from cron every minute or so (Python 3.8+, `pip install ./bindings/python`).

    python3 examples/python/erp.py --base-url https://tenant.example.com --token "$TOKEN"
    SHIPLINK_BASE_URL=http://127.0.0.1:8080 SHIPLINK_TOKEN=dev-token python3 examples/python/erp.py

Per-order refusals (the server said no, or an allocate/invoice whose outcome is unknown) are
reported and the walk goes on; anything else (bad token, network down…) stops the script with
the exception. The exit status is 1 when anything failed, so cron mails it: nothing is swallowed.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Tuple

import shiplink

# Refusals that concern one order; every other shiplink.Error concerns the whole run.
PER_ORDER = (shiplink.BadRequest, shiplink.Conflict, shiplink.NotFound, shiplink.OutcomeUnknown)


def report_failure(action: str, order_id: str, error: shiplink.Error) -> None:
    print("FAILED {} {}: {} [{}]".format(action, order_id, error, type(error).__name__), file=sys.stderr)
    if error.body is not None:
        print("  server said: {}".format(error.body), file=sys.stderr)
    if isinstance(error, shiplink.OutcomeUnknown):
        print("  check {} in ShipperOne before sending it again".format(order_id), file=sys.stderr)


def allocate_pending(client: shiplink.Client) -> Tuple[int, int]:
    done = failed = 0
    for order in client.iter_queue("pending_allocation"):
        order_id = order["order_id"]
        item_ids = [item["item_id"] for item in order["items"]]
        try:
            result = client.allocate(order_id, item_ids)
        except PER_ORDER as e:
            report_failure("allocate", order_id, e)
            failed += 1
            continue
        note = " (reconciled after a lost answer)" if result.get("reconciled") else ""
        print("allocated {} ({} items){}".format(order_id, len(item_ids), note))
        done += 1
    return done, failed


def invoice_pending(client: shiplink.Client) -> Tuple[int, int]:
    done = failed = 0
    for order in client.iter_queue("pending_invoice"):
        order_id = order["order_id"]
        item_ids = [item["item_id"] for item in order["items"]]
        shipping = order.get("shipping_amount_incl_tax", 0)
        try:
            result = client.invoice(order_id, item_ids, shipping)
        except PER_ORDER as e:
            report_failure("invoice", order_id, e)
            failed += 1
            continue
        note = " (reconciled after a lost answer)" if result.get("reconciled") else ""
        print("invoiced {} ({} items, shipping {}){}".format(order_id, len(item_ids), shipping, note))
        done += 1
    return done, failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("SHIPLINK_BASE_URL"), help="e.g. https://tenant.example.com")
    parser.add_argument("--token", default=os.environ.get("SHIPLINK_TOKEN"), help="bearer token (or SHIPLINK_TOKEN)")
    parser.add_argument("--store-code", default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args()
    if not args.base_url or not args.token:
        parser.error("--base-url and --token (or SHIPLINK_BASE_URL and SHIPLINK_TOKEN) are required")

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    with shiplink.Client(args.base_url, args.token, store_code=args.store_code, timeout=30) as client:
        allocated, allocate_failed = allocate_pending(client)
        invoiced, invoice_failed = invoice_pending(client)

    failed = allocate_failed + invoice_failed
    print("allocated {}, invoiced {}, failed {}".format(allocated, invoiced, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
