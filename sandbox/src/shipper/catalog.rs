//! The reference data: countries with their geographic structure and divisions, and a product
//! catalogue with variants and stock. Fixed at start-up, so tests can rely on names and ids.

use serde_json::{json, Value};

/// `(code, name, [level-1 label, level-2 label])`.
const COUNTRIES: [(&str, &str, [&str; 2]); 3] = [
    ("TN", "Tunisia", ["Governorate", "Delegation"]),
    ("DZ", "Algeria", ["Wilaya", "Commune"]),
    ("MA", "Morocco", ["Region", "City"]),
];

/// `(id, country, name, level, parent_id)`.
const DIVISIONS: [(u64, &str, &str, u8, Option<u64>); 15] = [
    (1, "TN", "Tunis", 1, None),
    (2, "TN", "Sfax", 1, None),
    (3, "TN", "Sousse", 1, None),
    (10, "TN", "Bab El Bhar", 2, Some(1)),
    (11, "TN", "Bab Souika", 2, Some(1)),
    (12, "TN", "Carthage", 2, Some(1)),
    (20, "TN", "Sfax Ville", 2, Some(2)),
    (30, "TN", "Sousse Medina", 2, Some(3)),
    (100, "DZ", "Alger", 1, None),
    (101, "DZ", "Oran", 1, None),
    (110, "DZ", "Bab El Oued", 2, Some(100)),
    (200, "MA", "Casablanca-Settat", 1, None),
    (201, "MA", "Rabat-Sale-Kenitra", 1, None),
    (210, "MA", "Casablanca", 2, Some(200)),
    (211, "MA", "Rabat", 2, Some(201)),
];

/// Products in the catalogue.
pub const PRODUCT_COUNT: u64 = 45;

pub fn geo_structure(code: &str) -> Option<Value> {
    let (_, _, labels) = COUNTRIES.iter().find(|(c, _, _)| *c == code)?;
    Some(json!({ "fields": [
        { "id": "division_1_id", "label": labels[0], "level": 1, "required": true, "depends_on": null },
        { "id": "division_2_id", "label": labels[1], "level": 2, "required": true, "depends_on": "division_1_id" }
    ]}))
}

pub fn countries() -> Value {
    let list: Vec<Value> = COUNTRIES
        .iter()
        .map(|(code, name, _)| json!({ "code": code, "name": name, "geo_structure": geo_structure(code) }))
        .collect();
    Value::Array(list)
}

/// The divisions of `country` at `level` (under `parent`, when given).
pub fn divisions(country: &str, level: u8, parent: Option<u64>) -> Vec<Value> {
    DIVISIONS
        .iter()
        .filter(|(_, c, _, l, p)| *c == country && *l == level && (parent.is_none() || *p == parent))
        .map(|(id, _, name, level, parent)| json!({ "id": id, "name": name, "level": level, "parent_id": parent }))
        .collect()
}

/// One product, with its sequential id (what orders and dashboards call `retailer_product_id`).
#[derive(Debug, Clone)]
pub struct Product {
    pub id: u64,
    pub uuid: String,
    pub name: String,
    pub sku: String,
    pub price: u64,
    pub cost: u64,
    /// `(uuid, name, sku, stock)`.
    pub variants: Vec<(String, String, String, u64)>,
}

const KINDS: [&str; 9] =
    ["T-Shirt", "Hoodie", "Cap", "Sneakers", "Backpack", "Mug", "Lamp", "Watch", "Scarf"];
const COLOURS: [&str; 5] = ["Blue", "Red", "Black", "White", "Green"];

fn uuid(kind: u64, n: u64) -> String {
    format!("{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}", 0x2e97_b37a_u64 + n, kind, n % 0xfff, kind, n * 7919)
}

pub fn products() -> Vec<Product> {
    (1..=PRODUCT_COUNT)
        .map(|n| {
            let kind = KINDS[(n as usize) % KINDS.len()];
            let colour = COLOURS[(n as usize) % COLOURS.len()];
            let sku = format!("SKU-{n:03}");
            let variants = ["S", "M", "L"]
                .iter()
                .enumerate()
                .map(|(i, size)| {
                    (
                        uuid(2, n * 10 + i as u64),
                        format!("Size {size}"),
                        format!("{sku}-{size}"),
                        (n * 3 + i as u64 * 5) % 40,
                    )
                })
                .collect();
            Product {
                id: 440 + n,
                uuid: uuid(1, n),
                name: format!("{colour} {kind}"),
                sku,
                price: 50 + (n * 17) % 200,
                cost: 20 + (n * 7) % 60,
                variants,
            }
        })
        .collect()
}

impl Product {
    pub fn stock(&self) -> u64 {
        self.variants.iter().map(|v| v.3).sum()
    }

    pub fn view(&self) -> Value {
        let variants: Vec<Value> = self
            .variants
            .iter()
            .map(|(uuid, name, sku, stock)| {
                json!({ "uuid": uuid, "name": name, "sku": sku, "price": self.price, "cost": self.cost,
                        "available_qte": stock })
            })
            .collect();
        json!({
            "uuid": self.uuid, "name": self.name, "sku": self.sku, "price": self.price, "cost": self.cost,
            "status": "active",
            "link": format!("https://app.shipper.market/products/{}", self.uuid),
            "supplier_identifier": "RU836",
            "available_qte": self.stock(),
            "variants": variants,
        })
    }

    /// Whether `id` is this product's uuid or one of its variants'.
    pub fn owns(&self, id: &str) -> bool {
        self.uuid == id || self.variants.iter().any(|v| v.0 == id)
    }
}
