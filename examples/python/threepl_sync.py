"""An ERP's 3PL plugin: push orders, amend one, cancel one, then pull shipments and stock.

    python threepl_sync.py BASE_URL TOKEN DATABASE

BASE_URL is the 3PL's API root (``https://api.your-3pl.com/v1``; the sandbox's is
``http://127.0.0.1:PORT/v1``). DATABASE is the ERP's own SQLite file: the rows received and the
sync checkpoints are written there in one transaction per walk, so a run that stops halfway
loses nothing, and the next run picks up only what changed since.
"""

import json
import sqlite3
import sys

import shiplink

ORDERS = [
    {
        "order_number": "SO-10042{}".format(n),
        "reference": "F-10042{}-1".format(n),
        "warehouse_id": "wh_syd_1",
        "shipping_method_id": "sm_auspost_parcel",
        "ship_to": {"name": "Jane Doe", "address1": "123 Main St", "city": "Sydney", "state": "NSW",
                    "postcode": "2000", "country": "AU"},
        "items": [{"sku": "WIDGET-BLUE-M", "quantity": n, "unit_price": "19.99", "currency": "AUD"}],
    }
    for n in (1, 2, 3)
]


def open_db(path):
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS checkpoints (resource TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS orders (reference TEXT PRIMARY KEY, id TEXT NOT NULL, status TEXT);
        CREATE TABLE IF NOT EXISTS shipments (id TEXT PRIMARY KEY, order_id TEXT, status TEXT,
                                              tracking TEXT, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS stock (sku TEXT PRIMARY KEY, body TEXT NOT NULL);
        """
    )
    return db


def push_orders(client, db):
    for order in ORDERS:
        created = client.create_order(order)  # the same reference is the same order, every run
        db.execute("INSERT OR REPLACE INTO orders VALUES (?, ?, ?)", (order["reference"], created["id"], created["status"]))
    db.commit()
    first, _, last = [db.execute("SELECT id FROM orders WHERE reference = ?", (o["reference"],)).fetchone()[0] for o in ORDERS]
    current = client.get_order(first)
    if current.get("packing_note") != "Leave in porch" and current["status"] == "received":
        try:
            client.amend_order(first, {"packing_note": "Leave in porch"}, if_match=current["version"])
        except shiplink.Conflict as e:
            print("amend refused:", e.body["error"]["code"])
    try:
        client.cancel_order(last)  # a repeat on the next run is a success too
    except shiplink.Conflict as e:
        print("cancel refused:", e.body["error"]["code"])


def sync(client, db, resource, store_row):
    row = db.execute("SELECT value FROM checkpoints WHERE resource = ?", (resource,)).fetchone()
    received = 0
    with client.iter(resource, checkpoint=row[0] if row else None) as walk:
        for item in walk:
            store_row(item)
            received += 1
        # The checkpoint goes in with the rows it covers: both or neither.
        db.execute("INSERT OR REPLACE INTO checkpoints VALUES (?, ?)", (resource, walk.checkpoint()))
    db.commit()
    return received


def main(base_url, token, path):
    db = open_db(path)
    with shiplink.ThreePLClient(base_url, token) as client:
        push_orders(client, db)

        def shipment(s):
            tracking = ",".join(p["tracking_number"] for p in s.get("parcels", []))
            db.execute("INSERT OR REPLACE INTO shipments VALUES (?, ?, ?, ?, ?)",
                       (s["id"], s["order_id"], s["status"], tracking, json.dumps(s)))

        def stock(level):
            db.execute("INSERT OR REPLACE INTO stock VALUES (?, ?)", (level["sku"], json.dumps(level)))

        print("shipments: {} new".format(sync(client, db, "shipments", shipment)))
        print("inventory: {} new".format(sync(client, db, "inventory", stock)))
    db.close()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
