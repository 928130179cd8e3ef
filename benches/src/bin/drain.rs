//! Drains one queue through the typed Rust API and prints how many orders it saw.
//! usage: bench-drain BASE_URL TOKEN STORE_CODE

use shiplink::{Client, Config, Queue};

fn main() -> Result<(), shiplink::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base_url, token, store] = &args[..] else {
        eprintln!("usage: bench-drain BASE_URL TOKEN STORE_CODE");
        std::process::exit(2);
    };
    let mut config = Config::new(base_url.as_str(), token.as_str());
    config.store_code = store.clone();
    let client = Client::new(config)?;
    let mut orders = 0u64;
    for order in client.iter_queue(Queue::PendingAccept, None) {
        order?;
        orders += 1;
    }
    println!("{orders}");
    Ok(())
}
