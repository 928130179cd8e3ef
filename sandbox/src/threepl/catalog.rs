//! The reference data a new sandbox starts with: two warehouses, two shipping methods and a
//! few SKUs with stock in each warehouse.

use serde_json::{json, Value};

use crate::http::ApiError;
use crate::threepl::envelope::unprocessable;

pub const WAREHOUSES: [(&str, &str, &str, &str); 2] =
    [("wh_syd_1", "Sydney DC", "SYD", "Sydney"), ("wh_mel_1", "Melbourne DC", "MEL", "Melbourne")];

pub const SKUS: [&str; 5] = ["WIDGET-BLUE-M", "WIDGET-RED-S", "GADGET-GRN-L", "GIZMO-1", "SPROCKET-XL"];

/// Stock of every SKU in every warehouse at start.
pub const START_STOCK: i64 = 10_000;

pub fn warehouses() -> Vec<Value> {
    WAREHOUSES
        .iter()
        .map(|(id, name, code, city)| {
            json!({"id": id, "name": name, "code": code, "address": {
                "address1": "1 Freight Rd", "city": city, "state": if *code == "SYD" { "NSW" } else { "VIC" },
                "postcode": if *code == "SYD" { "2000" } else { "3000" }, "country": "AU"}})
        })
        .collect()
}

pub fn shipping_methods() -> Vec<Value> {
    vec![
        json!({"id": "sm_auspost_express", "name": "Express Post", "carrier": "auspost",
               "carrier_name": "Australia Post", "service_code": "EXP"}),
        json!({"id": "sm_auspost_parcel", "name": "Parcel Post", "carrier": "auspost",
               "carrier_name": "Australia Post", "service_code": "PP"}),
    ]
}

/// A known warehouse id, or the 422 that names `warehouse_id`.
pub fn check_warehouse(id: &str) -> Result<(), ApiError> {
    if WAREHOUSES.iter().any(|w| w.0 == id) {
        return Ok(());
    }
    Err(unprocessable(
        "invalid_warehouse",
        "warehouse_id",
        format!("warehouse_id {id:?} is not a known warehouse"),
    ))
}

pub fn is_shipping_method(id: &str) -> bool {
    id == "sm_auspost_express" || id == "sm_auspost_parcel"
}
