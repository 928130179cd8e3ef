//! A Shipper list as a page-numbered walk ([`crate::paging::NumberedWalk`]): every item once,
//! by id; it stops at `last_page`, an empty page or a page with nothing new.
//!
//! A walk over orders pins `end_date` to its start unless the host set one, so orders created
//! meanwhile (which arrive at the front: the list is newest first) cannot push the ones still
//! to read onto pages already read. A burst of new orders would otherwise make a later page
//! repeat an earlier one, which reads as "nothing new" and would end the walk early. The start
//! is taken from the server's clock, not this machine's: the `created_at` of the newest order
//! on page 1, which page 1 reads unpinned. An order that existed when the walk began was
//! created at or before it (so it is never filtered out, whatever the clocks' skew), and one
//! created after it is newer (so it never shifts the pages).

use std::any::Any;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;
use serde_json::value::RawValue;

use super::query::{Query, Resource};
use super::Client;
use crate::error::Result;
use crate::paging::{Entry, NumberedWalk, Page, PageSource, RawItem};

/// Every item of a Shipper list, as the server sent it.
pub type ListIter = NumberedWalk<ListSource, RawItem>;

/// One list with its filters (without `page`, which the walk chooses).
#[derive(Clone)]
pub struct ListSource {
    pub(super) client: Client,
    pub(super) resource: Resource,
    pub(super) query: Query,
    /// The `end_date` later pages carry, learned from page 1 (orders whose host set none).
    pub(super) pin: Option<Arc<OnceLock<String>>>,
}

impl PageSource for ListSource {
    fn fetch_with<R>(
        &self,
        page: u32,
        decode: &dyn Fn(Vec<u8>) -> std::result::Result<R, String>,
    ) -> Result<R> {
        let mut query = self.query.clone();
        if self.resource.max_per_page().is_some() {
            query.set("page", page.to_string());
        }
        let Some(pin) = &self.pin else {
            return self.client.get_list(self.resource, &query, decode);
        };
        if let Some(end) = pin.get() {
            query.set("end_date", end.clone());
            return self.client.get_list(self.resource, &query, decode);
        }
        self.client.get_list(self.resource, &query, &|body: Vec<u8>| {
            if let Some(newest) = newest_created_at(&body) {
                let _ = pin.set(newest);
            }
            decode(body)
        })
    }

    fn decode<T: Entry>(&self, body: Vec<u8>) -> std::result::Result<Page<T>, String> {
        let (items, last) = self.decode_raw(body)?;
        // Shipper's ids are integers, which only raw items carry as text; the walk is only
        // ever built over them (see `ListIter`).
        let items: Box<dyn Any> = Box::new(items);
        let items =
            items.downcast::<Vec<T>>().map_err(|_| "Shipper lists are walked as raw items".to_owned())?;
        Ok(Page { items: *items, last })
    }

    /// Cancels move orders out of a list filtered by status, shifting the pages behind.
    fn shifts(&self) -> u64 {
        if self.resource == Resource::Orders && self.query.get("status").is_some() {
            self.client.cancels()
        } else {
            0
        }
    }

    fn stops_on_nothing_new(&self) -> bool {
        true
    }
}

/// The newest `created_at` of an orders page, as the server wrote it.
fn newest_created_at(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Orders {
        data: Vec<Created>,
    }
    #[derive(Deserialize)]
    struct Created {
        created_at: Option<String>,
    }
    let page: Orders = serde_json::from_slice(body).ok()?;
    // The server's format sorts as text; only a date the API reads back is used.
    let newest = page.data.into_iter().filter_map(|o| o.created_at).max()?;
    super::dates::check("end_date", &newest).ok().map(|()| newest)
}

#[derive(Deserialize)]
struct Pagination {
    current_page: u64,
    last_page: u64,
}

impl ListSource {
    /// A page's items and whether it is the last.
    fn decode_raw(&self, body: Vec<u8>) -> std::result::Result<(Vec<RawItem>, bool), String> {
        #[derive(Deserialize)]
        struct Paged<'a> {
            #[serde(borrow)]
            data: Vec<&'a RawValue>,
            #[serde(default)]
            pagination: Option<Pagination>,
        }
        #[derive(Deserialize)]
        struct Divisions<'a> {
            #[serde(borrow)]
            divisions: Vec<&'a RawValue>,
        }
        #[derive(Deserialize)]
        struct Performance<'a> {
            #[serde(borrow)]
            products: Vec<&'a RawValue>,
        }
        let page = Arc::new(String::from_utf8(body).map_err(|e| e.to_string())?);
        let err = |e: serde_json::Error| e.to_string();
        let (elements, last) = match self.resource {
            Resource::Countries | Resource::Webhooks => (serde_json::from_str(&page).map_err(err)?, true),
            Resource::Divisions => (serde_json::from_str::<Divisions>(&page).map_err(err)?.divisions, true),
            Resource::Products | Resource::Orders => {
                let paged: Paged = serde_json::from_str(&page).map_err(err)?;
                let last = paged.pagination.is_none_or(|p| p.current_page >= p.last_page);
                (paged.data, last)
            }
            Resource::ProductPerformance => {
                // Only a total comes back: a short page is the last.
                let products = serde_json::from_str::<Performance>(&page).map_err(err)?.products;
                let per_page = self.query.get("per_page").and_then(|p| p.parse().ok()).unwrap_or(20);
                let last = products.len() < per_page;
                (products, last)
            }
        };
        let items = RawItem::from_elements(&page, elements, self.resource.id_key(), true)?;
        Ok((items, last))
    }
}
