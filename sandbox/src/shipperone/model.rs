//! Fulfillment orders and the per-item counters the state machine runs on.

use chrono::NaiveDateTime;

/// Where an item (or part of one) stands. Ordered from least to most advanced, so the
/// order's status is the minimum over its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    PendingAccept,
    PendingAllocation,
    PendingShipment,
    PendingInvoice,
    Complete,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub name: String,
    pub street: String,
    pub city: String,
    pub postcode: String,
    pub country_id: String,
    pub telephone: String,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub item_id: u64,
    pub sku: String,
    pub name: String,
    pub qty_ordered: u32,
    pub price_incl_tax: f64,
    /// Set only when the item sits in another warehouse than the order (a transfer).
    pub warehouse_code: Option<String>,
    pub qty_accepted: u32,
    pub qty_rejected: u32,
    pub allocated: bool,
    pub qty_shipped: u32,
    pub qty_invoiced: u32,
}

impl Item {
    pub fn new(item_id: u64, sku: String, name: String, qty_ordered: u32, price_incl_tax: f64) -> Self {
        Item {
            item_id,
            sku,
            name,
            qty_ordered,
            price_incl_tax,
            warehouse_code: None,
            qty_accepted: 0,
            qty_rejected: 0,
            allocated: false,
            qty_shipped: 0,
            qty_invoiced: 0,
        }
    }

    pub fn row_total_incl_tax(&self) -> f64 {
        round2(self.price_incl_tax * f64::from(self.qty_ordered))
    }

    pub fn decided(&self) -> bool {
        self.qty_accepted + self.qty_rejected > 0
    }

    pub fn rejected(&self) -> bool {
        self.decided() && self.qty_accepted == 0
    }

    pub fn pending_accept(&self) -> bool {
        !self.decided()
    }

    pub fn pending_allocation(&self) -> bool {
        self.qty_accepted > 0 && !self.allocated
    }

    pub fn remaining_to_ship(&self) -> u32 {
        if self.allocated {
            self.qty_accepted - self.qty_shipped
        } else {
            0
        }
    }

    pub fn pending_invoice_qty(&self) -> u32 {
        self.qty_shipped - self.qty_invoiced
    }

    /// Least advanced stage any unit of this item is in; `None` when the item was rejected.
    pub fn stage(&self) -> Option<Stage> {
        if self.rejected() {
            None
        } else if self.pending_accept() {
            Some(Stage::PendingAccept)
        } else if self.pending_allocation() {
            Some(Stage::PendingAllocation)
        } else if self.remaining_to_ship() > 0 {
            Some(Stage::PendingShipment)
        } else if self.pending_invoice_qty() > 0 {
            Some(Stage::PendingInvoice)
        } else {
            Some(Stage::Complete)
        }
    }

    pub fn status(&self) -> &'static str {
        match self.stage() {
            None => "rejected",
            Some(Stage::PendingAccept) => "pending_accept",
            Some(Stage::PendingAllocation) => "pending_allocation",
            Some(Stage::PendingShipment) if self.qty_shipped > 0 => "partially_shipped",
            Some(Stage::PendingShipment) => "pending_shipment",
            Some(Stage::PendingInvoice) if self.qty_invoiced > 0 => "partially_invoiced",
            Some(Stage::PendingInvoice) => "pending_invoice",
            Some(Stage::Complete) => "complete",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Track {
    pub carrier_code: Option<String>,
    pub title: Option<String>,
    pub track_number: String,
}

#[derive(Debug, Clone)]
pub struct Shipment {
    pub shipment_id: u64,
    /// (item_id, qty) in request order.
    pub items: Vec<(u64, u32)>,
    pub tracks: Vec<Track>,
    pub cod_amount: Option<f64>,
    pub package_value: Option<f64>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct Invoice {
    pub invoice_id: u64,
    pub items: Vec<(u64, u32)>,
    pub shipping_amount_incl_tax: f64,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct Order {
    pub order_id: String,
    pub store_code: String,
    pub warehouse_code: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub allow_partial: bool,
    pub allow_partial_qty: bool,
    pub customer: Customer,
    pub shipping_address: Address,
    pub shipping_method: String,
    pub shipping_amount_incl_tax: f64,
    pub currency_code: String,
    pub items: Vec<Item>,
    pub shipments: Vec<Shipment>,
    pub invoices: Vec<Invoice>,
    pub rerouted_from: Option<String>,
    pub rerouted_to: Vec<String>,
    /// Every warehouse this order's goods have been offered to, its own included; rerouting
    /// stops once no untried warehouse is left.
    pub warehouses_tried: Vec<String>,
    pub failure_reason: Option<String>,
}

impl Order {
    pub fn item(&self, item_id: u64) -> Option<&Item> {
        self.items.iter().find(|i| i.item_id == item_id)
    }

    pub fn item_mut(&mut self, item_id: u64) -> Option<&mut Item> {
        self.items.iter_mut().find(|i| i.item_id == item_id)
    }

    pub fn grand_total(&self) -> f64 {
        round2(self.items.iter().map(Item::row_total_incl_tax).sum::<f64>() + self.shipping_amount_incl_tax)
    }

    /// Shipping is invoiced once, with the first invoice.
    pub fn shipping_to_invoice(&self) -> f64 {
        if self.invoices.is_empty() {
            self.shipping_amount_incl_tax
        } else {
            0.0
        }
    }

    pub fn is_failed(&self) -> bool {
        self.failure_reason.is_some()
    }

    pub fn in_stage(&self, stage: Stage) -> bool {
        self.items.iter().any(|i| match stage {
            Stage::PendingAccept => i.pending_accept(),
            Stage::PendingAllocation => i.pending_allocation(),
            Stage::PendingShipment => i.remaining_to_ship() > 0,
            Stage::PendingInvoice => i.pending_invoice_qty() > 0,
            Stage::Complete => i.stage() == Some(Stage::Complete),
        })
    }

    pub fn status(&self) -> &'static str {
        if self.is_failed() {
            return "failed";
        }
        let least = self.items.iter().filter_map(Item::stage).min();
        let some = |f: fn(&Item) -> bool| self.items.iter().any(f);
        match least {
            None => "rejected",
            Some(Stage::PendingAccept) if some(Item::decided) => "partially_accepted",
            Some(Stage::PendingAccept) => "pending_accept",
            Some(Stage::PendingAllocation) if some(|i| i.allocated) => "partially_allocated",
            Some(Stage::PendingAllocation) => "pending_allocation",
            Some(Stage::PendingShipment) if some(|i| i.qty_shipped > 0) => "partially_shipped",
            Some(Stage::PendingShipment) => "pending_shipment",
            Some(Stage::PendingInvoice) if some(|i| i.qty_invoiced > 0) => "partially_invoiced",
            Some(Stage::PendingInvoice) => "pending_invoice",
            Some(Stage::Complete) => "complete",
        }
    }
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
