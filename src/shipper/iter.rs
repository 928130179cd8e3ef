//! A Shipper list as a page-numbered walk ([`crate::paging::NumberedWalk`]): every item once,
//! by id; a walk over orders pins `end_date` to its start, so orders created meanwhile (which
//! arrive at the front, newest first) cannot push the ones it has still to read onto pages it
//! has read; it stops at `last_page`, an empty page or a page with nothing new.

use std::any::Any;
use std::sync::Arc;

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
        self.client.get_list(self.resource, &query, decode)
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
