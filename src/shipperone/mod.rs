//! The typed ShipperOne client: poll the five queues, walk one without losing orders, and act on
//! orders in both roles (fulfillment partner: accept/reject/ship; ERP: allocate/invoice).

mod config;
mod iter;
mod models;
mod queue;
mod reconcile;
mod requests;

use std::sync::Arc;

use chrono::NaiveDateTime;

pub use config::Config;
pub use iter::{QueueIter, QueueSource};
pub use models::{Order, OrderItem, QueueEntry, RawOrder, Track};
pub use queue::{parse_since, Queue, PAGE_SIZE, SINCE_FORMAT};
pub use requests::{
    from_body, AcceptItem, AcceptRequest, ActionRequest, AllocateRequest, InvoiceRequest, ItemRef,
    RejectItem, RejectRequest, ShipItem, ShipRequest,
};

use crate::error::{Error, Result};
use crate::transport::{Api, Decoder, Failure, Replay, Transport};
use queue::ActionCounts;

/// A connection to one ShipperOne tenant and store. Cheap to clone; share it across threads.
#[derive(Clone)]
pub struct Client {
    transport: Arc<Transport>,
    /// Actions on this tenant's queues, which walks watch to know when pages shifted.
    actions: Arc<ActionCounts>,
}

impl Client {
    pub fn new(config: Config) -> Result<Client> {
        config.validate()?;
        let root = config.api_root();
        let actions = ActionCounts::for_root(&root);
        Ok(Client { transport: Arc::new(Transport::new(&config.transport, Api::new(root))?), actions })
    }

    /// One page (1-based, 100 orders) of a queue; an empty page means the end. `since` keeps
    /// only orders updated at or after that time.
    pub fn poll_queue(&self, queue: Queue, page: u32, since: Option<NaiveDateTime>) -> Result<Vec<Order>> {
        self.poll_queue_as(queue, page, since)
    }

    /// [`Client::poll_queue`] with the orders as the server sent them ([`RawOrder`]) or as any
    /// other [`QueueEntry`].
    pub fn poll_queue_as<T: QueueEntry>(
        &self,
        queue: Queue,
        page: u32,
        since: Option<NaiveDateTime>,
    ) -> Result<Vec<T>> {
        self.read_page(queue, page, since, &|body| T::decode_page(body, models::ORDER_ID))
    }

    pub(crate) fn read_page<T>(
        &self,
        queue: Queue,
        page: u32,
        since: Option<NaiveDateTime>,
        decode: Decoder<T>,
    ) -> Result<T> {
        if page == 0 {
            return Err(Error::invalid("page", "pages start at 1"));
        }
        let page_text = page.to_string();
        let since_text = since.map(|t| t.format(SINCE_FORMAT).to_string());
        let mut query = vec![("page", page_text.as_str())];
        if let Some(s) = &since_text {
            query.push(("date", s.as_str()));
        }
        self.transport.get_with(&queue.path(), &query, decode)
    }

    /// Every order of a queue, once each, even while the host acts on them between calls.
    pub fn iter_queue(&self, queue: Queue, since: Option<NaiveDateTime>) -> QueueIter {
        QueueIter::new(self.queue_source(queue, since))
    }

    /// [`Client::iter_queue`] yielding each order as the server sent it.
    pub fn iter_queue_raw(&self, queue: Queue, since: Option<NaiveDateTime>) -> QueueIter<RawOrder> {
        QueueIter::new(self.queue_source(queue, since))
    }

    fn queue_source(&self, queue: Queue, since: Option<NaiveDateTime>) -> QueueSource {
        QueueSource { client: self.clone(), queue, since }
    }

    /// Accepts (qty > 0) or rejects (qty 0) items. Safe to retry: a repeated decision is a no-op.
    pub fn accept(&self, request: &AcceptRequest) -> Result<Order> {
        self.act(Queue::PendingAccept, "/fulfillmentOrder/accept", request, Replay::Always)
    }

    /// Rejects whole items, through the documented path: accept with `qty: 0`.
    pub fn reject(&self, request: &RejectRequest) -> Result<Order> {
        request.validate()?;
        self.accept(&request.to_accept())
    }

    /// Confirms stock allocation. Never blindly re-sent: after an ambiguous failure the client
    /// checks `pending_allocation` and re-sends only if the items are provably still there.
    pub fn allocate(&self, request: &AllocateRequest) -> Result<Order> {
        self.act_once(Queue::PendingAllocation, "/fulfillmentOrder/allocate", request)
    }

    /// Reports a shipment with its tracks. Safe to retry: the same shipment is not recorded twice.
    pub fn ship(&self, request: &ShipRequest) -> Result<Order> {
        self.act(Queue::PendingShipment, "/fulfillmentOrder/ship", request, Replay::Always)
    }

    /// Invoices shipped items. Never blindly re-sent, like [`Client::allocate`].
    pub fn invoice(&self, request: &InvoiceRequest) -> Result<Order> {
        self.act_once(Queue::PendingInvoice, "/fulfillmentOrder/invoice", request)
    }

    fn act<R: ActionRequest>(&self, queue: Queue, path: &str, request: &R, replay: Replay) -> Result<Order> {
        self.send(queue, path, request, replay).map_err(Failure::into_error)
    }

    fn send<R: ActionRequest>(
        &self,
        queue: Queue,
        path: &str,
        request: &R,
        replay: Replay,
    ) -> std::result::Result<Order, Failure> {
        request.validate().map_err(Failure::Definite)?;
        self.actions.note(queue);
        self.transport.post(path, &requests::to_body(request), replay)
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.transport
    }
}
