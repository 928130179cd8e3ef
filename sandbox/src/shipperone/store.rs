//! The whole in-memory ShipperOne tenant: orders, id counters, tokens, store codes and
//! settings.

use std::collections::{BTreeMap, HashMap};

use fastrand::Rng;

use crate::clock;
use crate::http::ApiError;
use crate::shipperone::config::Config;
use crate::shipperone::model::{Item, Order};
use crate::shipperone::seed::{self, ItemSpec, OrderSpec, SeedOptions, WAREHOUSES};
use crate::shipperone::settings::Settings;
use crate::tokens::Tokens;

const FIRST_ITEM_ID: u64 = 55501;

pub struct Store {
    /// In creation order, which is also queue order: orders are only ever appended, so new
    /// ones (rerouted ones included) always land at the end of every queue.
    orders: Vec<Order>,
    index: HashMap<String, usize>,
    next_order_no: u64,
    next_item_id: u64,
    next_shipment_id: u64,
    next_invoice_id: u64,
    pub settings: Settings,
    default_settings: Settings,
    pub tokens: Tokens,
    store_codes: Vec<String>,
    rng_seed: u64,
    pub rng: Rng,
    /// Repeats of non-repeatable actions that the sandbox refused (an allocate of an allocated
    /// item, an invoice of invoiced items): a client that re-sends blindly shows up here.
    pub repeats_refused: BTreeMap<&'static str, u64>,
}

impl Store {
    pub fn new(config: &Config, rng_seed: u64) -> Store {
        let mut store = Store {
            orders: Vec::new(),
            index: HashMap::new(),
            next_order_no: 1,
            next_item_id: FIRST_ITEM_ID,
            next_shipment_id: 1,
            next_invoice_id: 1,
            settings: config.settings,
            default_settings: config.settings,
            tokens: Tokens::default(),
            store_codes: config.store_codes.clone(),
            rng_seed,
            rng: Rng::with_seed(rng_seed),
            repeats_refused: BTreeMap::new(),
        };
        store.seed(&SeedOptions::new(config.seed_orders));
        store
    }

    /// Empties the tenant. Tokens and store codes stay, so connected clients keep working;
    /// settings go back to what the sandbox was started with.
    pub fn reset(&mut self) {
        self.orders.clear();
        self.index.clear();
        self.next_order_no = 1;
        self.next_item_id = FIRST_ITEM_ID;
        self.next_shipment_id = 1;
        self.next_invoice_id = 1;
        self.settings = self.default_settings;
        self.rng = Rng::with_seed(self.rng_seed);
        self.repeats_refused.clear();
    }

    pub fn has_store_code(&self, code: &str) -> bool {
        self.store_codes.iter().any(|c| c == code)
    }

    pub fn orders(&self) -> &[Order] {
        &self.orders
    }

    /// `all` sees every store's orders; any other code sees only its own.
    pub fn visible_in(order: &Order, store_code: &str) -> bool {
        store_code == "all" || order.store_code == store_code
    }

    pub fn order(&self, order_id: &str) -> Option<&Order> {
        self.index.get(order_id).map(|&i| &self.orders[i])
    }

    pub fn order_mut(&mut self, order_id: &str) -> Option<&mut Order> {
        self.index.get(order_id).map(|&i| &mut self.orders[i])
    }

    pub fn find(&self, order_id: &str) -> Result<&Order, ApiError> {
        self.order(order_id).ok_or_else(|| order_not_found(order_id))
    }

    pub fn find_mut(&mut self, order_id: &str) -> Result<&mut Order, ApiError> {
        self.order_mut(order_id).ok_or_else(|| order_not_found(order_id))
    }

    pub fn seed(&mut self, opts: &SeedOptions) -> Vec<String> {
        (0..opts.count)
            .map(|_| {
                let spec = seed::random_order(&mut self.rng, opts);
                self.insert(spec).expect("generated orders are always valid")
            })
            .collect()
    }

    pub fn insert(&mut self, spec: OrderSpec) -> Result<String, ApiError> {
        self.check_spec(&spec)?;
        let order_id = match spec.order_id {
            Some(id) => id,
            None => self.next_order_id(),
        };
        let now = spec.timestamp.unwrap_or_else(clock::now);
        let items = spec.items.iter().map(|s| self.new_item(s, &spec.warehouse_code)).collect();
        let order = Order {
            order_id: order_id.clone(),
            store_code: spec.store_code,
            warehouses_tried: vec![spec.warehouse_code.clone()],
            warehouse_code: spec.warehouse_code,
            created_at: now,
            updated_at: now,
            allow_partial: spec.allow_partial,
            allow_partial_qty: spec.allow_partial_qty,
            customer: spec.customer,
            shipping_address: spec.shipping_address,
            shipping_method: spec.shipping_method,
            shipping_amount_incl_tax: spec.shipping_amount_incl_tax,
            currency_code: spec.currency_code,
            items,
            shipments: Vec::new(),
            invoices: Vec::new(),
            rerouted_from: None,
            rerouted_to: Vec::new(),
            failure_reason: None,
        };
        self.push(order);
        Ok(order_id)
    }

    pub fn check_spec(&self, spec: &OrderSpec) -> Result<(), ApiError> {
        if !self.has_store_code(&spec.store_code) {
            return Err(ApiError::bad_request(
                "unknown_store_code",
                format!("store code {:?} is not served by this sandbox", spec.store_code),
            )
            .field("store_code"));
        }
        if let Some(id) = &spec.order_id {
            if self.index.contains_key(id) {
                return Err(ApiError::bad_request("duplicate_order", format!("order {id} already exists"))
                    .field("order_id"));
            }
        }
        Ok(())
    }

    fn new_item(&mut self, spec: &ItemSpec, order_warehouse: &str) -> Item {
        let mut item = Item::new(
            self.take_item_id(),
            spec.sku.clone(),
            spec.name.clone(),
            spec.qty_ordered,
            spec.price_incl_tax,
        );
        item.warehouse_code = spec.warehouse_code.clone().filter(|w| w != order_warehouse);
        item
    }

    /// Moves rejected quantities of `from` into a new order at the next untried warehouse.
    /// Returns the new order id, or `None` once every warehouse has had its chance.
    pub fn reroute(&mut self, from: &str, rejected: &[(u64, u32)]) -> Option<String> {
        let source = self.order(from)?.clone();
        let next = next_warehouse(&source.warehouse_code, &source.warehouses_tried)?;
        let specs: Vec<ItemSpec> = rejected
            .iter()
            .filter(|(_, qty)| *qty > 0)
            .filter_map(|(id, qty)| {
                let it = source.item(*id)?;
                Some(ItemSpec {
                    sku: it.sku.clone(),
                    name: it.name.clone(),
                    qty_ordered: *qty,
                    price_incl_tax: it.price_incl_tax,
                    warehouse_code: it.warehouse_code.clone(),
                })
            })
            .collect();
        if specs.is_empty() {
            return None;
        }
        let now = clock::now();
        let order_id = self.next_order_id();
        let items = specs.iter().map(|s| self.new_item(s, &next)).collect();
        let mut tried = source.warehouses_tried.clone();
        tried.push(next.clone());
        let order = Order {
            order_id: order_id.clone(),
            warehouse_code: next,
            created_at: now,
            updated_at: now,
            items,
            shipments: Vec::new(),
            invoices: Vec::new(),
            // Shipping stays with the original order; the rerouted goods travel on it.
            shipping_amount_incl_tax: 0.0,
            rerouted_from: Some(source.order_id.clone()),
            rerouted_to: Vec::new(),
            warehouses_tried: tried,
            failure_reason: None,
            ..source
        };
        self.push(order);
        if let Some(src) = self.order_mut(from) {
            src.rerouted_to.push(order_id.clone());
        }
        Some(order_id)
    }

    pub fn take_shipment_id(&mut self) -> u64 {
        let id = self.next_shipment_id;
        self.next_shipment_id += 1;
        id
    }

    pub fn take_invoice_id(&mut self) -> u64 {
        let id = self.next_invoice_id;
        self.next_invoice_id += 1;
        id
    }

    fn push(&mut self, order: Order) {
        self.index.insert(order.order_id.clone(), self.orders.len());
        self.orders.push(order);
    }

    fn take_item_id(&mut self) -> u64 {
        let id = self.next_item_id;
        self.next_item_id += 1;
        id
    }

    fn next_order_id(&mut self) -> String {
        loop {
            let id = format!("FO-{:09}", self.next_order_no);
            self.next_order_no += 1;
            // Explicit admin orders may have claimed a generated-looking id already.
            if !self.index.contains_key(&id) {
                return id;
            }
        }
    }
}

/// The warehouse after `current` in routing order that has not been tried yet.
fn next_warehouse(current: &str, tried: &[String]) -> Option<String> {
    let start = WAREHOUSES.iter().position(|w| *w == current).map_or(0, |p| p + 1);
    (0..WAREHOUSES.len())
        .map(|k| WAREHOUSES[(start + k) % WAREHOUSES.len()])
        .find(|w| !tried.iter().any(|t| t == w))
        .map(str::to_string)
}

pub fn order_not_found(order_id: &str) -> ApiError {
    ApiError::not_found("order_not_found", format!("fulfillment order {order_id} does not exist"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing_cycles_through_untried_warehouses() {
        let tried = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(next_warehouse("WH-A", &tried(&["WH-A"])).as_deref(), Some("WH-B"));
        assert_eq!(next_warehouse("WH-C", &tried(&["WH-C"])).as_deref(), Some("WH-A"));
        assert_eq!(next_warehouse("WH-B", &tried(&["WH-A", "WH-B"])).as_deref(), Some("WH-C"));
        assert_eq!(next_warehouse("WH-C", &tried(&["WH-A", "WH-B", "WH-C"])), None);
        assert_eq!(next_warehouse("EXT-1", &tried(&["EXT-1"])).as_deref(), Some("WH-A"));
    }
}
