//! Two tenants in one process: a walk re-reads a page only when its own tenant's queue was acted
//! on. Two handles on the same tenant still see each other's actions, so neither skips an order.

mod common;

use shiplink::{AcceptRequest, Client, Order, Queue};

fn accept_all(client: &Client, order: &Order) {
    let lines: Vec<(u64, f64)> = order.items.iter().map(|i| (i.item_id, i.qty.unwrap_or(1.0))).collect();
    client.accept(&AcceptRequest::new(&order.order_id, &lines)).unwrap();
}

#[test]
fn another_tenants_actions_do_not_make_a_walk_read_again() {
    let (tenant_a, tenant_b) = (common::sandbox(), common::sandbox());
    let seeded = common::seed(&tenant_a, 250); // three pages
    common::seed(&tenant_b, 250);
    let (a, b) = (common::client(&tenant_a), common::client(&tenant_b));
    let mut b_orders = b.iter_queue(Queue::PendingAccept, None);
    let mut walk = a.iter_queue(Queue::PendingAccept, None);
    let mut yielded = Vec::new();
    for order in walk.by_ref() {
        yielded.push(order.unwrap().order_id);
        // Tenant B's host acts on its own pending_accept queue between A's orders.
        let theirs = b_orders.next().unwrap().unwrap();
        accept_all(&b, &theirs);
    }
    assert_eq!(yielded, seeded, "every order of A once, in order");
    // Pages 1, 2, 3 and the empty page 4: what a walk of a queue nobody touches costs.
    assert_eq!(walk.pages_read(), 4, "A's walk read pages again because B acted");
}

#[test]
fn two_handles_on_one_tenant_still_see_each_others_actions() {
    let sandbox = common::sandbox();
    let mut seeded = common::seed(&sandbox, 250);
    let (walker, actor) = (common::client(&sandbox), common::client(&sandbox));
    let mut yielded: Vec<String> = Vec::new();
    for order in walker.iter_queue(Queue::PendingAccept, None) {
        let order = order.unwrap();
        // The other handle accepts every order the walk yields: the queue shrinks under it.
        accept_all(&actor, &order);
        yielded.push(order.order_id);
    }
    yielded.sort();
    seeded.sort();
    assert_eq!(yielded, seeded, "no order skipped or repeated");
}
