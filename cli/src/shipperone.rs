//! `shiplink shipperone …`: the queues and the five actions, through the typed client (so
//! bodies are checked before anything is sent, and allocate/invoice reconcile rather than
//! repeat).

use serde::Serialize;
use shiplink::{from_body, parse_since, ActionRequest, Client, Config, Order, Queue, RawOrder};

use crate::args::{Global, ShipperOne};
use crate::failure::{Failure, Outcome};
use crate::input;
use crate::output::Output;
use crate::profile;
use crate::progress::Progress;

pub fn run(global: &Global, command: &ShipperOne) -> Outcome {
    let client = Client::new(Config::from_json(&profile::api_config(global, "shipperone")?)?)?;
    let mut out = Output::new(global.json);
    match command {
        ShipperOne::Queue { queue, page, since } => {
            let since = since.as_deref().map(parse_since).transpose()?;
            let orders: Vec<RawOrder> = client.poll_queue_as(queue.parse()?, *page, since)?;
            orders.iter().try_for_each(|order| out.item(order.json()))
        }
        ShipperOne::Iter { queue, since } => {
            let queue: Queue = queue.parse()?;
            let since = since.as_deref().map(parse_since).transpose()?;
            let progress = Progress::new(&format!("orders from {queue}"));
            for order in client.iter_queue_raw(queue, since) {
                out.item(order?.json())?;
                progress.tick();
            }
            Ok(())
        }
        ShipperOne::Accept(body) => act(&mut out, body.file.as_deref(), |r| client.accept(r)),
        ShipperOne::Reject(body) => act(&mut out, body.file.as_deref(), |r| client.reject(r)),
        ShipperOne::Allocate(body) => act(&mut out, body.file.as_deref(), |r| client.allocate(r)),
        ShipperOne::Ship(body) => act(&mut out, body.file.as_deref(), |r| client.ship(r)),
        ShipperOne::Invoice(body) => act(&mut out, body.file.as_deref(), |r| client.invoice(r)),
    }
}

/// Reads the documented request body, sends it, prints the order's state.
fn act<R: ActionRequest>(
    out: &mut Output,
    body: Option<&std::path::Path>,
    send: impl FnOnce(&R) -> shiplink::Result<Order>,
) -> Outcome {
    let request: R = from_body(&input::text(body)?)?;
    out.value(&json(&send(&request)?)?)
}

fn json<T: Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| Failure::command(format!("cannot encode the answer: {e}")))
}
