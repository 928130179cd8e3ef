//! The five polling queues: membership, the `page` and `date` parameters, and paging.

use chrono::NaiveDateTime;
use serde_json::Value;

use crate::clock;
use crate::http::ApiError;
use crate::shipperone::model::{Order, Stage};
use crate::shipperone::scope;
use crate::shipperone::store::Store;
use crate::shipperone::views;

pub const PAGE_SIZE: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    PendingAccept,
    PendingAllocation,
    PendingShipment,
    PendingInvoice,
    Failed,
}

impl Queue {
    pub const ALL: [Queue; 5] = [
        Queue::PendingAccept,
        Queue::PendingAllocation,
        Queue::PendingShipment,
        Queue::PendingInvoice,
        Queue::Failed,
    ];

    pub fn parse(name: &str) -> Option<Queue> {
        Queue::ALL.into_iter().find(|q| q.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Queue::PendingAccept => "pending_accept",
            Queue::PendingAllocation => "pending_allocation",
            Queue::PendingShipment => "pending_shipment",
            Queue::PendingInvoice => "pending_invoice",
            Queue::Failed => "failed",
        }
    }

    pub fn scope(self) -> &'static str {
        match self {
            Queue::PendingAccept => scope::PENDING_ACCEPT,
            Queue::PendingAllocation => scope::PENDING_ALLOCATION,
            Queue::PendingShipment => scope::PENDING_SHIPMENT,
            Queue::PendingInvoice => scope::PENDING_INVOICE,
            Queue::Failed => scope::FAILED,
        }
    }

    /// The item stage this queue lists; `None` for `failed`, which is about the order.
    pub fn stage(self) -> Option<Stage> {
        match self {
            Queue::PendingAccept => Some(Stage::PendingAccept),
            Queue::PendingAllocation => Some(Stage::PendingAllocation),
            Queue::PendingShipment => Some(Stage::PendingShipment),
            Queue::PendingInvoice => Some(Stage::PendingInvoice),
            Queue::Failed => None,
        }
    }

    pub fn contains(self, o: &Order) -> bool {
        match self.stage() {
            None => o.is_failed(),
            Some(stage) => !o.is_failed() && o.in_stage(stage),
        }
    }
}

/// `page`: an integer >= 1, default 1.
pub fn parse_page(raw: Option<&str>) -> Result<usize, ApiError> {
    let Some(raw) = raw else { return Ok(1) };
    let bad = || {
        ApiError::bad_request("invalid_page", format!("page must be an integer of 1 or more, got {raw:?}"))
            .field("page")
    };
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    match raw.parse::<usize>() {
        Ok(0) => Err(bad()),
        Ok(n) => Ok(n),
        // Only overflow is left: a valid page number far past the end.
        Err(_) => Ok(usize::MAX),
    }
}

/// `date`: `yyyy-mm-dd hh:mm:ss`; only orders updated at or after it are listed.
pub fn parse_date(raw: Option<&str>) -> Result<Option<NaiveDateTime>, ApiError> {
    match raw {
        None => Ok(None),
        Some(s) => clock::parse(s).map(Some).ok_or_else(|| {
            ApiError::bad_request(
                "invalid_date",
                format!("date must be formatted yyyy-mm-dd hh:mm:ss, got {s:?}"),
            )
            .field("date")
        }),
    }
}

pub fn members<'a>(
    store: &'a Store,
    queue: Queue,
    store_code: &'a str,
    since: Option<NaiveDateTime>,
) -> impl Iterator<Item = &'a Order> + 'a {
    store
        .orders()
        .iter()
        .filter(move |o| Store::visible_in(o, store_code))
        .filter(move |o| since.is_none_or(|d| o.updated_at >= d))
        .filter(move |o| queue.contains(o))
}

pub fn page(
    store: &Store,
    queue: Queue,
    store_code: &str,
    since: Option<NaiveDateTime>,
    page: usize,
) -> Value {
    let skip = (page - 1).saturating_mul(PAGE_SIZE);
    let orders: Vec<Value> = members(store, queue, store_code, since)
        .skip(skip)
        .take(PAGE_SIZE)
        .map(|o| views::queue_view(o, queue, store.settings.item_key))
        .collect();
    Value::Array(orders)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_parameter() {
        assert_eq!(parse_page(None).unwrap(), 1);
        assert_eq!(parse_page(Some("3")).unwrap(), 3);
        for bad in ["0", "-1", "abc", "1.5", "", "+1", " 1"] {
            let e = parse_page(Some(bad)).unwrap_err();
            assert_eq!(e.parts().field.as_deref(), Some("page"), "{bad}");
        }
    }
}
