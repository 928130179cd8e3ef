//! `shiplink shipper …`: the Shipper Open API through its typed client, so every call is
//! checked locally, paced by the key's rate limiter, and `orders create` never sends an order
//! twice (a lost answer is looked up by `external_order_id`).

use serde_json::{Map, Value};
use shiplink::shipper::{Client, Config};

use crate::args::{Filters, Global, Listing, Orders, Shipper, Webhooks};
use crate::failure::{Failure, Outcome};
use crate::input;
use crate::output::Output;
use crate::profile;
use crate::progress::Progress;

pub fn run(global: &Global, command: &Shipper) -> Outcome {
    let client = Client::new(Config::from_json(&profile::api_config(global, "shipper")?)?)?;
    let mut out = Output::new(global.json);
    let answer = match command {
        Shipper::Countries => client.countries()?,
        Shipper::Divisions { country, level, parent_id } => client.divisions(country, *level, *parent_id)?,
        Shipper::Products { command } => match command {
            Listing::List(filters) => client.list("products", &query(filters)?)?,
            Listing::Iter(filters) => return walk(&client, &mut out, "products", filters),
            Listing::Get { id } => client.get_product(id)?,
        },
        Shipper::Orders { command } => match command {
            Orders::List(filters) => client.list("orders", &query(filters)?)?,
            Orders::Iter(filters) => return walk(&client, &mut out, "orders", filters),
            Orders::Get { id } => client.get_order(id)?,
            Orders::Create(body) => {
                let created = client.create_order(&json_body(body.file.as_deref())?)?;
                let mut answer = created.body;
                if created.reconciled {
                    answer["reconciled"] = Value::Bool(true);
                }
                answer
            }
            Orders::Cancel { id } => client.cancel_order(id)?,
        },
        Shipper::Dashboard { report, filters } => client.dashboard(report, &query(filters)?)?,
        Shipper::Webhooks { command } => match command {
            Webhooks::List => client.list_webhooks()?,
            Webhooks::Create(body) => client.create_webhook(&json_body(body.file.as_deref())?)?,
            Webhooks::Delete { id } => client.delete_webhook(id)?,
        },
    };
    out.value(&answer.to_string())
}

fn walk(client: &Client, out: &mut Output, resource: &str, filters: &Filters) -> Outcome {
    let progress = Progress::new(resource);
    for item in client.iter(resource, &query(filters)?)? {
        out.item(item?.json())?;
        progress.tick();
    }
    Ok(())
}

/// `--filter key=value` flags as the JSON query the client checks.
pub fn query(filters: &Filters) -> Result<Value, Failure> {
    let mut query = Map::new();
    for filter in &filters.filters {
        let (key, value) = filter
            .split_once('=')
            .ok_or_else(|| Failure::command(format!("--filter {filter:?}: expected KEY=VALUE")))?;
        query.insert(key.to_owned(), Value::String(value.to_owned()));
    }
    Ok(Value::Object(query))
}

pub fn json_body(path: Option<&std::path::Path>) -> Result<Value, Failure> {
    let text = input::text(path)?;
    serde_json::from_str(&text)
        .map_err(|e| Failure::Shiplink(shiplink::Error::invalid("body", format!("not valid JSON ({e})"))))
}
