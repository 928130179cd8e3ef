//! How much of each Shipper rate-limit class one client uses under a mixed load from 4 threads,
//! against a sandbox enforcing the documented budgets (Read 120, Dashboard 30, Reference 60,
//! Write 30, Destructive 20 per window) over a shortened window. The work is scheduled as a
//! host with a queue of every kind of work would: each thread takes next the class with the
//! most room left in the last window by its own count (calls are synchronous, so a thread that
//! picked a full class would sit out the wait while other classes had room; that would measure
//! the scheduling, not the limiter). What the ratio then shows is the budget the limiter leaves
//! unused, and the 429 count whether it ever let too much through.
//! The first window (an initial burst of a whole budget) is left out: the ratio is the requests
//! completed in the following windows over the budget of those windows.
//! usage: bench-shipper-budget [WINDOW_MS] [WINDOWS]   (default 2000 5); prints JSON.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::json;
use shiplink::shipper::{Client, Config};
use shiplink_sandbox::{Sandbox, SandboxConfig, Scopes};

const CLASSES: [(&str, u64); 5] =
    [("read", 120), ("dashboard", 30), ("reference", 60), ("write", 30), ("destructive", 20)];

fn main() {
    let args: Vec<u64> = std::env::args().skip(1).map(|a| a.parse().expect("a number")).collect();
    let window_ms = args.first().copied().unwrap_or(2_000);
    let windows = args.get(1).copied().unwrap_or(5).max(2);
    let token = "bench-shipper-key";
    let sandbox = Sandbox::start(
        SandboxConfig::new()
            .token_for("shipper", token, Scopes::All)
            .shipper_rate_window_ms(window_ms)
            .workers(8),
    )
    .expect("sandbox");
    let mut config = Config::new(format!("{}/api/v1", sandbox.base_url()), token);
    config.rate_window_ms = window_ms;
    let client = Client::new(config).expect("client");
    let uuid = client.list("products", &json!({"per_page": 1})).unwrap()["data"][0]["uuid"]
        .as_str()
        .unwrap()
        .to_owned();
    // The read above is part of the first window, which is not measured.
    let order = json!({"address": {"name": "Bench Mark", "phone1": "20000000", "address1": "Rue 1", "country": "TN"},
                       "items": [{"id": uuid}]});

    let board = Mutex::new(Board::default());
    let cancellable = Mutex::new(Vec::<u64>::new());
    let done: Mutex<Vec<(usize, Instant)>> = Mutex::new(Vec::new());
    let stop = AtomicBool::new(false);
    let started = Instant::now();
    let window = Duration::from_millis(window_ms);
    let end = started + window * windows as u32;
    std::thread::scope(|scope| {
        for t in 0..4u64 {
            let (client, order, board, cancellable, done, stop) =
                (&client, &order, &board, &cancellable, &done, &stop);
            let _ = t;
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let class = board.lock().unwrap().take(window);
                    let ok = match class {
                        0 => client.list("orders", &json!({"per_page": 1})).is_ok(),
                        1 => client.dashboard("overview", &serde_json::Value::Null).is_ok(),
                        2 => client.countries().is_ok(),
                        3 => match client.create_order(order) {
                            Ok(created) => {
                                cancellable.lock().unwrap().push(created.id);
                                true
                            }
                            Err(_) => false,
                        },
                        _ => {
                            let Some(id) = cancellable.lock().unwrap().pop() else {
                                board.lock().unwrap().in_flight[class] -= 1;
                                continue;
                            };
                            client.cancel_order(&id.to_string()).is_ok()
                        }
                    };
                    let now = Instant::now();
                    board.lock().unwrap().finish(class, now);
                    if now >= end {
                        stop.store(true, Ordering::Relaxed);
                    }
                    if ok && now < end {
                        done.lock().unwrap().push((class, now));
                    }
                }
            });
        }
    });
    let measured_from = started + window;
    let done = done.into_inner().unwrap();
    let stats = sandbox.stats()["shipper"].clone();
    let measured = windows - 1;
    let classes: Vec<_> = CLASSES
        .iter()
        .enumerate()
        .map(|(c, (name, budget))| {
            let n = done.iter().filter(|(k, at)| *k == c && *at >= measured_from).count() as u64;
            json!({"class": name, "budget_per_window": budget, "requests": n,
                   "ratio": (n as f64 / (budget * measured) as f64 * 1000.0).round() / 1000.0})
        })
        .collect();
    println!(
        "{}",
        json!({"window_ms": window_ms, "windows_measured": measured, "threads": 4,
               "classes": classes, "rate_limited_429": stats["rate_limited_total"]})
    );
}

/// The host's own view of its work: per class, the calls finished in the last window and the
/// calls in flight.
#[derive(Default)]
struct Board {
    finished: [std::collections::VecDeque<Instant>; 5],
    in_flight: [u64; 5],
}

impl Board {
    /// The class with the most room left (as a share of its budget), or, when all are full, the
    /// one whose oldest call leaves the window first; counted as in flight.
    fn take(&mut self, window: Duration) -> usize {
        let now = Instant::now();
        for log in &mut self.finished {
            while log.front().is_some_and(|t| now.duration_since(*t) >= window) {
                log.pop_front();
            }
        }
        let room = |c: usize| {
            let used = self.finished[c].len() as f64 + self.in_flight[c] as f64;
            1.0 - used / CLASSES[c].1 as f64
        };
        let class = (0..5).max_by(|a, b| room(*a).total_cmp(&room(*b))).unwrap_or(0);
        let class = if room(class) > 0.0 {
            class
        } else {
            (0..5).min_by_key(|c| self.finished[*c].front().copied().unwrap_or(now)).unwrap_or(0)
        };
        self.in_flight[class] += 1;
        class
    }

    fn finish(&mut self, class: usize, at: Instant) {
        self.in_flight[class] -= 1;
        self.finished[class].push_back(at);
    }
}
