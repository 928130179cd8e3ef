//! ACL resource names, one per endpoint, as ShipperOne spells them.

pub const PENDING_ACCEPT: &str = "Shipper_FulfillmentOrder::api_pending_accept";
pub const PENDING_ALLOCATION: &str = "Shipper_FulfillmentOrder::api_pending_allocation";
pub const PENDING_SHIPMENT: &str = "Shipper_FulfillmentOrder::api_pending_shipment";
pub const PENDING_INVOICE: &str = "Shipper_FulfillmentOrder::api_pending_invoice";
pub const FAILED: &str = "Shipper_FulfillmentOrder::api_failed";
pub const ACCEPT: &str = "Shipper_FulfillmentOrder::api_accept";
pub const ALLOCATE: &str = "Shipper_FulfillmentOrder::api_allocate";
pub const SHIP: &str = "Shipper_FulfillmentOrder::api_ship";
pub const INVOICE: &str = "Shipper_FulfillmentOrder::api_invoice";

pub const ALL: [&str; 9] = [
    PENDING_ACCEPT,
    PENDING_ALLOCATION,
    PENDING_SHIPMENT,
    PENDING_INVOICE,
    FAILED,
    ACCEPT,
    ALLOCATE,
    SHIP,
    INVOICE,
];
