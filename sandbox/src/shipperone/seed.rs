//! Order blueprints, and random but realistic ones for seeding.

use chrono::NaiveDateTime;
use fastrand::Rng;

use crate::shipperone::model::{Address, Customer};

/// Warehouses in routing order; rejected goods move to the next untried one.
pub const WAREHOUSES: [&str; 3] = ["WH-A", "WH-B", "WH-C"];

#[derive(Debug, Clone)]
pub struct ItemSpec {
    pub sku: String,
    pub name: String,
    pub qty_ordered: u32,
    pub price_incl_tax: f64,
    pub warehouse_code: Option<String>,
}

#[derive(Debug, Clone)]
pub struct OrderSpec {
    pub order_id: Option<String>,
    pub store_code: String,
    pub warehouse_code: String,
    pub customer: Customer,
    pub shipping_address: Address,
    pub shipping_method: String,
    pub shipping_amount_incl_tax: f64,
    pub currency_code: String,
    pub allow_partial: bool,
    pub allow_partial_qty: bool,
    pub timestamp: Option<NaiveDateTime>,
    pub items: Vec<ItemSpec>,
}

#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub count: usize,
    pub store_code: String,
    pub allow_partial: bool,
    pub allow_partial_qty: bool,
    pub min_items: u32,
    pub max_items: u32,
    pub timestamp: Option<NaiveDateTime>,
}

impl SeedOptions {
    pub fn new(count: usize) -> Self {
        SeedOptions {
            count,
            store_code: "all".to_string(),
            allow_partial: false,
            allow_partial_qty: false,
            min_items: 1,
            max_items: 3,
            timestamp: None,
        }
    }
}

const FIRST_NAMES: [&str; 16] = [
    "Ana", "Marko", "Jelena", "Nikola", "Ivana", "Luka", "Milica", "Stefan", "Petra", "Filip", "Sara",
    "Mateo", "Katarina", "Vuk", "Maja", "Tomislav",
];

/// (display name, ASCII form for e-mail addresses)
const LAST_NAMES: [(&str, &str); 14] = [
    ("Jovanović", "jovanovic"),
    ("Petrović", "petrovic"),
    ("Horvat", "horvat"),
    ("Kovačević", "kovacevic"),
    ("Babić", "babic"),
    ("Nikolić", "nikolic"),
    ("Marić", "maric"),
    ("Novak", "novak"),
    ("Đorđević", "djordjevic"),
    ("Vuković", "vukovic"),
    ("Knežević", "knezevic"),
    ("Popović", "popovic"),
    ("Radić", "radic"),
    ("Šarić", "saric"),
];

const EMAIL_DOMAINS: [&str; 5] =
    ["example.com", "mail.example.net", "example.org", "inbox.example.com", "example.rs"];

/// (city, postcode, country_id, phone prefix)
const CITIES: [(&str, &str, &str, &str); 10] = [
    ("Beograd", "11000", "RS", "+381 11"),
    ("Novi Sad", "21000", "RS", "+381 21"),
    ("Niš", "18000", "RS", "+381 18"),
    ("Zagreb", "10000", "HR", "+385 1"),
    ("Split", "21000", "HR", "+385 21"),
    ("Rijeka", "51000", "HR", "+385 51"),
    ("Podgorica", "81000", "ME", "+382 20"),
    ("Budva", "85310", "ME", "+382 33"),
    ("Ljubljana", "1000", "SI", "+386 1"),
    ("Sarajevo", "71000", "BA", "+387 33"),
];

const STREETS: [&str; 12] = [
    "Knez Mihailova",
    "Bulevar oslobođenja",
    "Ilica",
    "Vukovarska",
    "Njegoševa",
    "Slovenska cesta",
    "Ferhadija",
    "Cara Dušana",
    "Trg bana Jelačića",
    "Kralja Petra I",
    "Obala kneza Branimira",
    "Jadranska magistrala",
];

/// (shipping_method, shipping_amount_incl_tax)
const SHIPPING: [(&str, f64); 4] =
    [("flatrate_flatrate", 4.99), ("dhl_express", 9.9), ("gls_standard", 3.5), ("dpd_home", 5.49)];

/// (sku, name, price_incl_tax)
const CATALOG: [(&str, &str, f64); 24] = [
    ("TSH-ORG-BLK-M", "Organic cotton T-shirt, black, M", 19.9),
    ("TSH-ORG-WHT-L", "Organic cotton T-shirt, white, L", 19.9),
    ("HOD-ZIP-NVY-M", "Zip hoodie, navy, M", 49.0),
    ("JNS-SLM-IND-32", "Slim jeans, indigo, 32/32", 59.95),
    ("SNK-RUN-GRY-42", "Running sneakers, grey, EU 42", 89.0),
    ("SCK-WOL-3PK", "Merino wool socks, 3-pack", 14.5),
    ("CAP-BSB-OLV", "Baseball cap, olive", 17.0),
    ("BAG-TOT-CNV", "Canvas tote bag", 12.99),
    ("BTL-STL-750", "Steel water bottle, 750 ml", 24.9),
    ("MUG-CER-350", "Ceramic mug, 350 ml", 9.5),
    ("LMP-DSK-LED", "LED desk lamp with dimmer", 39.99),
    ("CHG-USB-C-65", "USB-C charger, 65 W", 34.9),
    ("CBL-USB-C-2M", "USB-C cable, braided, 2 m", 11.9),
    ("HPH-BT-ANC", "Bluetooth headphones, noise cancelling", 129.0),
    ("KBD-MEC-TKL", "Mechanical keyboard, tenkeyless", 84.5),
    ("MSE-WRL-ERG", "Wireless ergonomic mouse", 42.0),
    ("BK-COOK-BAL", "Cookbook: Balkan kitchen", 27.5),
    ("TEA-HRB-100", "Herbal tea, 100 g", 6.8),
    ("COF-BNS-1KG", "Coffee beans, medium roast, 1 kg", 22.4),
    ("OIL-OLV-500", "Extra virgin olive oil, 500 ml", 13.2),
    ("TWL-BTH-GRY", "Bath towel, grey, 70x140", 18.75),
    ("PLW-MEM-STD", "Memory foam pillow", 45.0),
    ("TOY-BLK-120", "Wooden building blocks, 120 pcs", 31.0),
    ("PLN-PTR-CER", "Ceramic plant pot, 18 cm", 15.6),
];

pub fn random_order(rng: &mut Rng, opts: &SeedOptions) -> OrderSpec {
    let first = FIRST_NAMES[rng.usize(..FIRST_NAMES.len())];
    let (last, last_ascii) = LAST_NAMES[rng.usize(..LAST_NAMES.len())];
    let (city, postcode, country_id, phone_prefix) = CITIES[rng.usize(..CITIES.len())];
    let (method, shipping) = SHIPPING[rng.usize(..SHIPPING.len())];
    let name = format!("{first} {last}");
    let email = format!(
        "{}.{}{}@{}",
        first.to_lowercase(),
        last_ascii,
        rng.u32(1..100),
        EMAIL_DOMAINS[rng.usize(..EMAIL_DOMAINS.len())]
    );
    let warehouse = WAREHOUSES[rng.usize(..WAREHOUSES.len())];
    let n_items = rng.u32(opts.min_items..=opts.max_items.max(opts.min_items));
    let mut picks: Vec<usize> = (0..CATALOG.len()).collect();
    rng.shuffle(&mut picks);
    let items = picks
        .into_iter()
        .cycle()
        .take(n_items as usize)
        .map(|i| {
            let (sku, name, price) = CATALOG[i];
            // About one item in five lives in another warehouse: an inter-warehouse transfer.
            let transfer = rng.u8(..5) == 0;
            ItemSpec {
                sku: sku.to_string(),
                name: name.to_string(),
                qty_ordered: rng.u32(1..=3),
                price_incl_tax: price,
                warehouse_code: transfer.then(|| other_warehouse(rng, warehouse)),
            }
        })
        .collect();
    OrderSpec {
        order_id: None,
        store_code: opts.store_code.clone(),
        warehouse_code: warehouse.to_string(),
        customer: Customer { name: name.clone(), email },
        shipping_address: Address {
            name,
            street: format!("{} {}", STREETS[rng.usize(..STREETS.len())], rng.u32(1..180)),
            city: city.to_string(),
            postcode: postcode.to_string(),
            country_id: country_id.to_string(),
            telephone: format!("{phone_prefix} {:03} {:04}", rng.u32(100..1000), rng.u32(0..10000)),
        },
        shipping_method: method.to_string(),
        shipping_amount_incl_tax: shipping,
        currency_code: "EUR".to_string(),
        allow_partial: opts.allow_partial,
        allow_partial_qty: opts.allow_partial_qty,
        timestamp: opts.timestamp,
        items,
    }
}

fn other_warehouse(rng: &mut Rng, not: &str) -> String {
    let others: Vec<&str> = WAREHOUSES.iter().copied().filter(|w| *w != not).collect();
    others[rng.usize(..others.len())].to_string()
}
