//! Accepts N orders through the typed Rust API, one call each, and prints per-call latency as
//! JSON. Reading the orders first is not timed. usage: bench-accept BASE_URL TOKEN N

use std::time::Instant;

use shiplink::{AcceptRequest, Client, Config, Queue};

fn main() -> Result<(), shiplink::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base_url, token, n] = &args[..] else {
        eprintln!("usage: bench-accept BASE_URL TOKEN N");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let client = Client::new(Config::new(base_url.as_str(), token.as_str()))?;
    let orders: Vec<_> = client.iter_queue(Queue::PendingAccept, None).take(n).collect::<Result<_, _>>()?;
    let mut latencies = Vec::with_capacity(orders.len());
    for order in &orders {
        let lines: Vec<(u64, f64)> = order.items.iter().map(|i| (i.item_id, i.qty.unwrap_or(0.0))).collect();
        let started = Instant::now();
        client.accept(&AcceptRequest::new(&order.order_id, &lines))?;
        latencies.push(started.elapsed().as_secs_f64() * 1e3);
    }
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    println!(r#"{{"calls":{},"median_ms":{:.4},"p99_ms":{:.4}}}"#, latencies.len(), at(0.5), at(0.99));
    Ok(())
}
