//! The tenant-wide switches: partials, and the name of an item's own id on the wire.

use std::fmt;
use std::str::FromStr;

use serde_json::{json, Value};

/// System-wide switches. The partial ones follow spec 002: a tenant-level setting, OR-ed with
/// the order's own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settings {
    pub partial: bool,
    pub partial_qty: bool,
    /// What queue views and action responses call an item's own id.
    pub item_key: ItemKey,
}

/// The key that holds an order item's own id in queue views and action responses. The
/// endpoint references show `item_id`; the ERP guide says each item carries its own `id`, so
/// a client can be tested against both. Request bodies always carry `item_id`, and the admin
/// surface always shows `item_id`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ItemKey {
    #[default]
    ItemId,
    Id,
}

impl ItemKey {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKey::ItemId => "item_id",
            ItemKey::Id => "id",
        }
    }
}

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ItemKey {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "item_id" => Ok(ItemKey::ItemId),
            "id" => Ok(ItemKey::Id),
            other => Err(format!("the item key is \"item_id\" or \"id\", not {other:?}")),
        }
    }
}

impl Settings {
    /// As `/sandbox/settings` shows them. `item_key` is listed only when it is not the
    /// default, so the answer stays `{"partial", "partial_qty"}` for clients that compare it
    /// whole.
    pub(crate) fn to_json(self) -> Value {
        let mut v = json!({ "partial": self.partial, "partial_qty": self.partial_qty });
        if self.item_key != ItemKey::default() {
            v["item_key"] = json!(self.item_key.as_str());
        }
        v
    }
}
