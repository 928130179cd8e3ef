//! Items exactly as the server sent them, plus their id: what the C ABI and the bindings hand
//! on, without the cost of building and re-encoding a typed model. The items of one page share
//! that page's text, so a page is one allocation wherever it goes (another thread included).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use serde_json::value::RawValue;

use super::scan::top_level_string;
use super::Entry;

/// One item of a list (an order, a shipment, a product…) as the server sent it.
#[derive(Debug, Clone)]
pub struct RawItem {
    page: Arc<String>,
    range: Range<usize>,
    id: ItemId,
}

/// Where an item's id is: nearly always plain text inside the page, so a page of items needs
/// no allocation per item; an id with escapes, or a number, is kept on its own.
#[derive(Debug, Clone)]
enum ItemId {
    InPage(Range<usize>),
    Owned(Box<str>),
}

impl RawItem {
    /// The item's id: the value of the list's id key (`order_id` in ShipperOne queues).
    pub fn id(&self) -> &str {
        match &self.id {
            ItemId::InPage(range) => &self.page[range.clone()],
            ItemId::Owned(id) => id,
        }
    }

    /// [`RawItem::id`], under the name ShipperOne's orders give it.
    pub fn order_id(&self) -> &str {
        self.id()
    }

    /// The item's JSON text, verbatim.
    pub fn json(&self) -> &str {
        &self.page[self.range.clone()]
    }

    /// The elements of the JSON array `items`, found in `page` (the text they were read from).
    /// Each element is an object whose `id_key` holds a string, or a whole number when
    /// `numeric_ids` allows it (Shipper's ids are integers; the C ABI speaks of them as text).
    pub(crate) fn from_elements(
        page: &Arc<String>,
        items: Vec<&RawValue>,
        id_key: &str,
        numeric_ids: bool,
    ) -> Result<Vec<RawItem>, String> {
        let offset = |text: &str| text.as_ptr() as usize - page.as_ptr() as usize;
        items
            .into_iter()
            .enumerate()
            .map(|(n, raw)| {
                let text = raw.get();
                let id = match top_level_string(text, id_key) {
                    Some(Cow::Borrowed(id)) => ItemId::InPage(offset(id)..offset(id) + id.len()),
                    Some(Cow::Owned(id)) => ItemId::Owned(id.into()),
                    None => match numeric_ids.then(|| numeric_id(text, id_key)).flatten() {
                        Some(id) => ItemId::Owned(id.into()),
                        None => return Err(format!("item {n} of the page has no string {id_key}")),
                    },
                };
                let start = offset(text);
                Ok(RawItem { page: Arc::clone(page), range: start..start + text.len(), id })
            })
            .collect()
    }

    /// A page that is a JSON array of items keyed by `id_key`: one validating pass over the
    /// page (serde_json), then a scan of each item for its id.
    pub fn decode_array(body: Vec<u8>, id_key: &str) -> Result<Vec<RawItem>, String> {
        let page = Arc::new(String::from_utf8(body).map_err(|e| e.to_string())?);
        let items: Vec<&RawValue> = serde_json::from_str(&page).map_err(|e| e.to_string())?;
        RawItem::from_elements(&page, items, id_key, false)
    }
}

/// `id_key` of the object `text` when it is a whole number, as decimal text.
fn numeric_id(text: &str, id_key: &str) -> Option<String> {
    let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text).ok()?;
    match object.get(id_key)? {
        serde_json::Value::Number(n) if n.is_u64() || n.is_i64() => Some(n.to_string()),
        _ => None,
    }
}

impl Entry for RawItem {
    fn id(&self) -> &str {
        RawItem::id(self)
    }

    fn decode_page(body: Vec<u8>, id_key: &str) -> Result<Vec<RawItem>, String> {
        RawItem::decode_array(body, id_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_items_keep_the_text_and_find_the_id() {
        let page = r#" [ {"items":[],"order_id":"FO-\u0031","qty":2.50} , {"order_id":"FO-2"}]"#;
        let items = RawItem::decode_array(page.as_bytes().to_vec(), "order_id").unwrap();
        assert_eq!(items[0].id(), "FO-1");
        assert_eq!(items[0].json(), r#"{"items":[],"order_id":"FO-\u0031","qty":2.50}"#);
        assert_eq!(items[1].json(), r#"{"order_id":"FO-2"}"#);
        assert!(RawItem::decode_array(br#"[{"id":1}]"#.to_vec(), "order_id")
            .unwrap_err()
            .contains("order_id"));
        assert!(RawItem::decode_array(br#"{"order_id":"x"}"#.to_vec(), "order_id").is_err());
        assert!(RawItem::decode_array(b"[{\"order_id\":\"\xff\"}]".to_vec(), "order_id").is_err());
    }

    #[test]
    fn the_id_key_is_the_lists_own() {
        let page = r#"[{"id":"shp_1","order_id":"ord_9"},{"id":"shp_2"}]"#;
        let items = RawItem::decode_array(page.as_bytes().to_vec(), "id").unwrap();
        assert_eq!([items[0].id(), items[1].id()], ["shp_1", "shp_2"]);
    }

    #[test]
    fn numeric_ids_only_where_allowed() {
        let page = Arc::new(r#"[{"id":1201,"n":"a"},{"id":"7"}]"#.to_owned());
        let elements: Vec<&RawValue> = serde_json::from_str(&page).unwrap();
        let items = RawItem::from_elements(&page, elements.clone(), "id", true).unwrap();
        assert_eq!([items[0].id(), items[1].id()], ["1201", "7"]);
        assert!(RawItem::from_elements(&page, elements, "id", false).is_err());
    }
}
