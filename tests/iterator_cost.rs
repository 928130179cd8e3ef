//! A walk on which nobody acts reads each page once, the pages after the second on the
//! read-ahead thread; a walk that acts reads for itself. Alone in its own test binary: the
//! iterator re-reads pages when any thread of the process acts on the same queue, as tests
//! running in parallel would, and the log sink that shows who read what is process-wide.

mod common;

use std::sync::{Arc, Mutex};

use common::{client, sandbox, seed};
use shiplink::log::{clear_logger, set_logger, Level};
use shiplink::{AcceptRequest, Queue};

/// Which thread read each page of `pending_accept`, in order: "walk" or the read-ahead's name.
type Reads = Arc<Mutex<Vec<(u32, String)>>>;

fn record_page_reads() -> Reads {
    let reads = Reads::default();
    let sink = Arc::clone(&reads);
    set_logger(Level::Debug, move |_, message| {
        let Some(page) = message.split("pending_accept?page=").nth(1) else { return };
        let page: u32 = page.split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap();
        let thread = std::thread::current();
        let who = thread.name().filter(|n| n.starts_with("shiplink")).unwrap_or("walk");
        sink.lock().unwrap().push((page, who.to_owned()));
    });
    reads
}

fn taken(reads: &Reads) -> Vec<(u32, String)> {
    std::mem::take(&mut *reads.lock().unwrap())
}

fn walk(pages: &[u32], ahead: &[u32]) -> Vec<(u32, String)> {
    let mut reads: Vec<(u32, String)> = pages.iter().map(|p| (*p, "walk".to_owned())).collect();
    reads.extend(ahead.iter().map(|p| (*p, "shiplink-read-ahead".to_owned())));
    reads
}

#[test]
fn each_page_is_read_once_whether_or_not_the_host_acts() {
    let reads = record_page_reads();
    let sandbox = sandbox();
    let seeded = seed(&sandbox, 250);
    let client = client(&sandbox);
    let mut iter = client.iter_queue(Queue::PendingAccept, None);
    let yielded: Vec<String> = iter.by_ref().map(|o| o.unwrap().order_id).collect();
    assert!(yielded == seeded, "yielded {} of {} orders, or out of order", yielded.len(), seeded.len());
    assert_eq!(iter.pages_read(), 4, "three pages and the empty one");
    assert_eq!(taken(&reads), walk(&[1, 2], &[3, 4]), "pages 3 and 4 read ahead");

    // Acting on every order: the page just read is read again (the next orders slid into it),
    // never more, no closing pass is needed, and nothing is read ahead.
    sandbox.reset();
    let seeded = seed(&sandbox, 250);
    let mut iter = client.iter_queue(Queue::PendingAccept, None);
    let mut walked = Vec::new();
    for order in iter.by_ref() {
        let order = order.unwrap();
        let items: Vec<(u64, f64)> = order.items.iter().map(|i| (i.item_id, i.qty.unwrap())).collect();
        client.accept(&AcceptRequest::new(&order.order_id, &items)).unwrap();
        walked.push(order.order_id);
    }
    assert!(walked == seeded, "walked {} orders, in a different order than seeded", walked.len());
    assert_eq!(iter.pages_read(), 4, "page 1 three times, then the empty page");
    assert_eq!(taken(&reads), walk(&[1, 1, 1, 1], &[]), "the last read finds page 1 empty");

    // A read-only walk a page at a time reads ahead the same way.
    sandbox.reset();
    let seeded = seed(&sandbox, 350);
    let mut iter = client.iter_queue(Queue::PendingAccept, None);
    let mut walked = Vec::new();
    while let Some(batch) = iter.next_batch() {
        walked.extend(batch.unwrap().into_iter().map(|o| o.order_id));
    }
    assert!(walked == seeded, "walked {} orders, in a different order than seeded", walked.len());
    assert_eq!(iter.pages_read(), 5, "four pages and the empty one");
    assert_eq!(taken(&reads), walk(&[1, 2], &[3, 4, 5]));

    // One page and the end: nothing to read ahead of.
    sandbox.reset();
    seed(&sandbox, 40);
    let mut iter = client.iter_queue(Queue::PendingAccept, None);
    assert_eq!(iter.by_ref().count(), 40);
    assert_eq!(taken(&reads), walk(&[1, 2], &[]));
    clear_logger();
}
