//! A walk on which nobody acts reads each page once. Alone in its own test binary: the iterator
//! re-reads pages when any thread of the process acts on the same queue, as tests running in
//! parallel would.

mod common;

use common::{client, sandbox, seed};
use shiplink::{AcceptRequest, Queue};

#[test]
fn each_page_is_read_once_whether_or_not_the_host_acts() {
    let sandbox = sandbox();
    let seeded = seed(&sandbox, 250);
    let client = client(&sandbox);
    let mut iter = client.iter_queue(Queue::PendingAccept, None);
    let yielded: Vec<String> = iter.by_ref().map(|o| o.unwrap().order_id).collect();
    assert!(yielded == seeded, "yielded {} of {} orders, or out of order", yielded.len(), seeded.len());
    assert_eq!(iter.pages_read(), 4, "three pages and the empty one");

    // Acting on every order: the page just read is read again (the next orders slid into it),
    // never more, and no closing pass is needed.
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

    // A read-only walk a page at a time reads ahead, and still asks for each page once.
    sandbox.reset();
    let seeded = seed(&sandbox, 350);
    let mut iter = client.iter_queue(Queue::PendingAccept, None);
    let mut walked = Vec::new();
    while let Some(batch) = iter.next_batch() {
        walked.extend(batch.unwrap().into_iter().map(|o| o.order_id));
    }
    assert!(walked == seeded, "walked {} orders, in a different order than seeded", walked.len());
    assert_eq!(iter.pages_read(), 5, "four pages and the empty one, all but the first read ahead");
}
