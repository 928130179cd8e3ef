//! The end-to-end demo: starts the embedded sandbox and drives fulfillment orders through both
//! roles — a partial accept with one rejected (and rerouted) item, an allocation with an
//! inter-warehouse item, a shipment in two parcels, and an invoice after the partial shipment.
//! Exits non-zero as soon as anything behaves differently from the documents.
//!
//!     cargo run --release --example lifecycle

use std::error::Error;

use serde_json::json;
use shiplink::{
    AcceptRequest, AllocateRequest, Client, Config, InvoiceRequest, Order, Queue, ShipRequest, Track,
};
use shiplink_sandbox::{Sandbox, SandboxConfig, Scopes};

type Outcome<T = ()> = Result<T, Box<dyn Error>>;

const TOKEN: &str = "demo-token-0001";

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+).into());
        }
    };
}

fn main() {
    match run() {
        Ok(()) => println!("\nlifecycle demo: every stage behaved as documented"),
        Err(e) => {
            eprintln!("\nlifecycle demo FAILED: {e}");
            std::process::exit(1);
        }
    }
}

fn run() -> Outcome {
    let sandbox = Sandbox::start(SandboxConfig::new().token(TOKEN, Scopes::All).rng_seed(42))?;
    println!("sandbox listening on {}", sandbox.base_url());
    let showcase = sandbox.create_orders(json!({"orders": [{
        "warehouse_code": "WH-A", "allow_partial": true, "shipping_amount_incl_tax": 4.99,
        "items": [
            {"sku": "CHAIR-OAK", "name": "Oak chair", "qty_ordered": 2, "price_incl_tax": 89.0},
            {"sku": "LAMP-BRASS", "name": "Brass lamp", "qty_ordered": 1, "price_incl_tax": 45.0,
             "warehouse_code": "WH-C"},
            {"sku": "RUG-WOOL", "name": "Wool rug", "qty_ordered": 1, "price_incl_tax": 120.0}
        ]
    }]}))?;
    let showcase_id = showcase[0]["order_id"].as_str().ok_or("seeded order has no id")?.to_owned();
    sandbox.seed_orders(4);
    println!("seeded {showcase_id} (partial delivery allowed) and 4 more orders\n");

    let client = Client::new(Config::new(sandbox.base_url(), TOKEN))?;
    accept_stage(&client, &showcase_id)?;
    allocate_stage(&client)?;
    first_parcels(&client, &showcase_id)?;
    invoice_stage(&client, "3. ERP: invoice what has shipped so far")?;
    second_parcel(&client, &showcase_id)?;
    invoice_stage(&client, "5. ERP: invoice the second parcel")?;
    verify(&client, &sandbox, &showcase_id)
}

fn heading(title: &str) {
    println!("== {title} ==");
}

fn sku(order: &Order, item_id: u64) -> String {
    order
        .items
        .iter()
        .find(|i| i.item_id == item_id)
        .and_then(|i| i.sku.clone())
        .unwrap_or_else(|| item_id.to_string())
}

fn accept_stage(client: &Client, showcase_id: &str) -> Outcome {
    heading("1. Fulfillment partner: pending_accept");
    let mut rerouted = 0;
    for order in client.iter_queue(Queue::PendingAccept, None) {
        let order = order?;
        // The warehouse has no wool rugs: reject that line, accept the rest.
        let decisions: Vec<(u64, f64)> = order
            .items
            .iter()
            .map(|i| {
                let qty = if i.sku.as_deref() == Some("RUG-WOOL") && order.order_id == showcase_id {
                    0.0
                } else {
                    i.qty.unwrap_or(0.0)
                };
                (i.item_id, qty)
            })
            .collect();
        let after = client.accept(&AcceptRequest::new(&order.order_id, &decisions))?;
        let summary: Vec<String> = decisions
            .iter()
            .map(|(id, q)| {
                if *q == 0.0 {
                    format!("reject {}", sku(&order, *id))
                } else {
                    format!("accept {} x{q}", sku(&order, *id))
                }
            })
            .collect();
        let from = order.extra.get("rerouted_from").and_then(|v| v.as_str());
        if let Some(from) = from {
            rerouted += 1;
            println!(
                "  {} (rerouted from {from}, now at {})",
                order.order_id,
                order.warehouse_code.as_deref().unwrap_or("?")
            );
        }
        println!(
            "  {}: {} -> {}",
            order.order_id,
            summary.join(", "),
            after.status.as_deref().unwrap_or("?")
        );
    }
    ensure!(rerouted == 1, "expected the rejected rug to come back as one rerouted order, saw {rerouted}");
    Ok(())
}

fn allocate_stage(client: &Client) -> Outcome {
    heading("2. ERP: pending_allocation");
    let mut transfers = 0;
    for order in client.iter_queue(Queue::PendingAllocation, None) {
        let order = order?;
        for item in order.items.iter().filter(|i| i.warehouse_code.is_some()) {
            transfers += 1;
            println!(
                "  {}: {} is stocked in {}: transfer to {} before picking",
                order.order_id,
                item.sku.as_deref().unwrap_or("?"),
                item.warehouse_code.as_deref().unwrap_or("?"),
                order.warehouse_code.as_deref().unwrap_or("?")
            );
        }
        let ids: Vec<u64> = order.items.iter().map(|i| i.item_id).collect();
        let after = client.allocate(&AllocateRequest::new(&order.order_id, &ids))?;
        println!(
            "  {}: allocated {} item(s) -> {}",
            order.order_id,
            ids.len(),
            after.status.as_deref().unwrap_or("?")
        );
    }
    ensure!(transfers >= 1, "the brass lamp should have been an inter-warehouse item");
    Ok(())
}

fn first_parcels(client: &Client, showcase_id: &str) -> Outcome {
    heading("3. Fulfillment partner: pending_shipment (first parcels)");
    for order in client.iter_queue(Queue::PendingShipment, None) {
        let order = order?;
        // The showcase's lamp is still in transfer: ship the chairs now, the lamp later.
        let items: Vec<(u64, f64)> = order
            .items
            .iter()
            .filter(|i| order.order_id != showcase_id || i.sku.as_deref() == Some("CHAIR-OAK"))
            .map(|i| (i.item_id, i.qty.unwrap_or(0.0)))
            .collect();
        let track = format!("JD{}A", &order.order_id[3..]);
        let after = client.ship(&ShipRequest::new(
            &order.order_id,
            &items,
            vec![Track::new("dhl", "DHL Express", &track)],
        ))?;
        println!(
            "  {}: parcel {track} with {} line(s) -> {}",
            order.order_id,
            items.len(),
            after.status.as_deref().unwrap_or("?")
        );
    }
    Ok(())
}

fn invoice_stage(client: &Client, title: &str) -> Outcome {
    heading(title);
    let mut invoiced = 0;
    for order in client.iter_queue(Queue::PendingInvoice, None) {
        let order = order?;
        let ids: Vec<u64> = order.items.iter().map(|i| i.item_id).collect();
        let shipping =
            order.shipping_amount_incl_tax.ok_or("pending_invoice omits shipping_amount_incl_tax")?;
        let after = client.invoice(&InvoiceRequest::new(&order.order_id, &ids, shipping))?;
        invoiced += 1;
        println!(
            "  {}: invoiced {} line(s), shipping {shipping:.2} -> {}",
            order.order_id,
            ids.len(),
            after.status.as_deref().unwrap_or("?")
        );
    }
    ensure!(invoiced > 0, "nothing was waiting for an invoice");
    Ok(())
}

fn second_parcel(client: &Client, showcase_id: &str) -> Outcome {
    heading("4. Fulfillment partner: the second parcel");
    let remaining: Vec<Order> = client.iter_queue(Queue::PendingShipment, None).collect::<Result<_, _>>()?;
    ensure!(
        remaining.len() == 1 && remaining[0].order_id == showcase_id,
        "only {showcase_id} should still be waiting to ship, found {:?}",
        remaining.iter().map(|o| &o.order_id).collect::<Vec<_>>()
    );
    let order = &remaining[0];
    let items: Vec<(u64, f64)> = order.items.iter().map(|i| (i.item_id, i.qty.unwrap_or(0.0))).collect();
    let tracks =
        vec![Track::new("ups", "UPS", "1Z999AA10123456784"), Track::new("ups", "UPS", "1Z999AA10123456785")];
    let after = client.ship(&ShipRequest::new(&order.order_id, &items, tracks))?;
    println!(
        "  {}: lamp shipped in a box with two tracking numbers -> {}",
        order.order_id,
        after.status.as_deref().unwrap_or("?")
    );
    Ok(())
}

fn verify(client: &Client, sandbox: &Sandbox, showcase_id: &str) -> Outcome {
    heading("6. Check the sandbox's own records");
    for queue in Queue::ALL {
        let left = client.poll_queue(queue, 1, None)?.len();
        ensure!(left == 0, "{queue} still holds {left} order(s)");
    }
    for order in sandbox.orders() {
        let id = order["order_id"].as_str().unwrap_or("?");
        ensure!(order["status"] == "complete", "{id} ended as {}", order["status"]);
    }
    let showcase = sandbox.order(showcase_id).ok_or("showcase order vanished")?;
    let shipments = showcase["shipments"].as_array().map_or(0, Vec::len);
    let invoices = showcase["invoices"].as_array().map_or(0, Vec::len);
    ensure!(
        shipments == 2 && invoices == 2,
        "{showcase_id}: {shipments} shipments, {invoices} invoices (expected 2 and 2)"
    );
    println!(
        "  all {} orders complete; {showcase_id}: 2 parcels, 2 invoices, rug rerouted",
        sandbox.orders().len()
    );
    Ok(())
}
