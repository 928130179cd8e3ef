//! The blueprint's lists: the name a host passes, the path, the key that identifies a row,
//! and whether it is polled incrementally (`updated_since`).

use std::str::FromStr;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resource {
    Orders,
    Shipments,
    Inventory,
    Warehouses,
    ShippingMethods,
    InboundShipments,
    InventoryAdjustments,
    Returns,
    Webhooks,
}

impl Resource {
    pub const ALL: [Resource; 9] = [
        Resource::Orders,
        Resource::Shipments,
        Resource::Inventory,
        Resource::Warehouses,
        Resource::ShippingMethods,
        Resource::InboundShipments,
        Resource::InventoryAdjustments,
        Resource::Returns,
        Resource::Webhooks,
    ];

    /// The name hosts use: `"shipping_methods"`.
    pub fn name(self) -> &'static str {
        match self {
            Resource::Orders => "orders",
            Resource::Shipments => "shipments",
            Resource::Inventory => "inventory",
            Resource::Warehouses => "warehouses",
            Resource::ShippingMethods => "shipping_methods",
            Resource::InboundShipments => "inbound_shipments",
            Resource::InventoryAdjustments => "inventory_adjustments",
            Resource::Returns => "returns",
            Resource::Webhooks => "webhooks",
        }
    }

    /// The path under the base URL: `/shipping-methods`.
    pub fn path(self) -> &'static str {
        match self {
            Resource::Orders => "/orders",
            Resource::Shipments => "/shipments",
            Resource::Inventory => "/inventory",
            Resource::Warehouses => "/warehouses",
            Resource::ShippingMethods => "/shipping-methods",
            Resource::InboundShipments => "/inbound-shipments",
            Resource::InventoryAdjustments => "/inventory-adjustments",
            Resource::Returns => "/returns",
            Resource::Webhooks => "/webhooks",
        }
    }

    /// What identifies a row: `id`, or the natural key `sku` for inventory (rows have no id).
    pub fn key(self) -> &'static str {
        match self {
            Resource::Inventory => "sku",
            _ => "id",
        }
    }

    /// Polled with `updated_since` and the incremental sync; the others are small lists read
    /// whole.
    pub fn incremental(self) -> bool {
        !matches!(self, Resource::Warehouses | Resource::ShippingMethods | Resource::Webhooks)
    }
}

impl FromStr for Resource {
    type Err = Error;

    fn from_str(s: &str) -> Result<Resource> {
        let wanted = s.replace('-', "_");
        Resource::ALL.into_iter().find(|r| r.name() == wanted).ok_or_else(|| {
            let names: Vec<&str> = Resource::ALL.iter().map(|r| r.name()).collect();
            Error::invalid("resource", format!("unknown resource {s:?}; one of {}", names.join(", ")))
        })
    }
}
