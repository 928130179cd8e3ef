"""Writes the drain benchmark's data: N orders of about 1.5 KB each as ShipperOne queue pages
(100 orders per page, pages/1.json …), plus pages/empty.json for every page past the end.
Deterministic: the same arguments give the same bytes.

usage: make_pages.py OUT_DIR ORDERS
"""
import json
import os
import random
import sys

FIRST = ["Ana", "Marko", "Jelena", "Ivan", "Milica", "Luka", "Sara", "Nikola", "Petra", "Filip"]
LAST = ["Jovanović", "Horvat", "Petrović", "Kovačević", "Babić", "Marić", "Novak", "Ilić"]
CITIES = [("Beograd", "11000", "RS"), ("Zagreb", "10000", "HR"), ("Podgorica", "81000", "ME"),
          ("Novi Sad", "21000", "RS"), ("Split", "21000", "HR"), ("Niš", "18000", "RS")]
PRODUCTS = [("TSH-ORG-BLK-M", "Organic cotton T-shirt, black, M", 19.9),
            ("MUG-CER-350", "Ceramic mug, 350 ml", 9.5),
            ("LAMP-BRS-DSK", "Brass desk lamp with linen shade", 64.0),
            ("SCK-WOL-3PK", "Merino wool socks, 3-pack", 14.0),
            ("TWL-BTH-GRY", "Bath towel, grey, 70x140", 22.5),
            ("PLW-MEM-STD", "Memory-foam pillow, standard", 39.0)]


def order(n, rng):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    city, postcode, country = rng.choice(CITIES)
    address = {
        "name": f"{first} {last}", "street": f"Ulica {rng.randint(1, 200)}. br. {rng.randint(1, 90)}",
        "city": city, "postcode": postcode, "country_id": country,
        "telephone": f"+381 6{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
    }
    items = []
    for k in range(rng.randint(1, 3)):
        sku, name, price = rng.choice(PRODUCTS)
        qty = rng.randint(1, 3)
        item = {"item_id": 100000 + n * 3 + k, "sku": sku, "name": name, "qty": qty, "qty_ordered": qty,
                "price_incl_tax": price, "row_total_incl_tax": round(price * qty, 2), "weight": 0.4}
        if rng.random() < 0.2:
            item["warehouse_code"] = rng.choice(["WH-B", "WH-C"])
        items.append(item)
    stamp = f"2026-11-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:{(n * 7) % 60:02d}"
    return {
        "order_id": f"FO-{n:09d}", "increment_id": f"1000{n:06d}", "status": "pending_accept",
        "store_code": "all", "warehouse_code": "WH-A", "created_at": stamp, "updated_at": stamp,
        "allow_partial": rng.random() < 0.3, "currency_code": "EUR",
        "customer": {"name": f"{first} {last}", "email": f"{first.lower()}.{n}@example.rs", "group": "retail"},
        "shipping_address": address, "billing_address": dict(address),
        "shipping_method": rng.choice(["dpd_home", "gls_parcel", "post_express"]),
        "shipping_description": "Home delivery, 1-3 business days",
        "payment": {"method": rng.choice(["cashondelivery", "card"]), "paid": rng.random() < 0.6},
        "shipping_amount_incl_tax": rng.choice([0.0, 3.5, 4.99, 5.49]),
        "grand_total": round(sum(i["row_total_incl_tax"] for i in items) + 4.99, 2),
        "customer_note": "Please call before delivery." if rng.random() < 0.3 else None,
        "extension_attributes": {
            "sales_channel": rng.choice(["webshop", "marketplace", "b2b-portal"]),
            "delivery_window": {"from": "09:00", "to": "17:00"}, "gift_wrap": rng.random() < 0.1,
            "source_order_id": f"SO-{n:08d}", "loyalty_points": rng.randint(0, 500),
            "fraud_check": {"score": round(rng.random(), 3), "provider": "internal", "passed": True},
        },
        "items": items,
    }


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(20261120)
    os.makedirs(os.path.join(out, "pages"), exist_ok=True)
    orders = [order(n + 1, rng) for n in range(count)]
    for page in range((count + 99) // 100):
        with open(os.path.join(out, "pages", f"{page + 1}.json"), "w", encoding="utf-8") as f:
            json.dump(orders[page * 100:(page + 1) * 100], f, ensure_ascii=False, separators=(",", ":"))
    with open(os.path.join(out, "pages", "empty.json"), "w") as f:
        f.write("[]")
    size = sum(len(json.dumps(o, ensure_ascii=False, separators=(",", ":")).encode()) for o in orders)
    print(f"{count} orders, {size / count:.0f} bytes each on average, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
