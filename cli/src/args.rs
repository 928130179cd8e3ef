//! The command line. No flag takes a token or a webhook secret: `ps` and shell history would
//! show it. Tokens come from the config file's profile or the environment; webhook secrets from
//! an environment variable or a file.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "shiplink", version, about = "Operate the APIs shiplink speaks, from a shell")]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args)]
pub struct Global {
    /// The config file: JSON with named profiles of the library's own config keys
    /// [default: ~/.config/shiplink/config.json, when it exists]
    #[arg(long, global = true, env = "SHIPLINK_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Which profile of the config file to use
    #[arg(long, global = true, env = "SHIPLINK_PROFILE", default_value = "default")]
    pub profile: String,
    /// JSON output even on a terminal (one object per line for walks)
    #[arg(long, global = true)]
    pub json: bool,
    /// The library's log lines (requests, retries, reconciliation) on stderr, and the full
    /// error record on failure
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

#[derive(Subcommand)]
pub enum Command {
    /// ShipperOne fulfillment-order queues: poll, walk, act
    Shipperone {
        #[command(subcommand)]
        command: ShipperOne,
    },
    /// The 3PL blueprint: orders in, shipments and stock out, synced with a checkpoint
    Threepl {
        #[command(subcommand)]
        command: ThreePl,
    },
    /// Shipper Open API: products, orders, dashboard reports, webhooks
    Shipper {
        #[command(subcommand)]
        command: Shipper,
    },
    /// Webhook signatures: check a delivery, or sign a body
    Webhook {
        #[command(subcommand)]
        command: Webhook,
    },
    /// Run the sandbox: ShipperOne, the 3PL blueprint and Shipper, offline (the flags of
    /// shiplink-sandbox; `shiplink sandbox --help` lists them)
    #[command(disable_help_flag = true)]
    Sandbox {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        flags: Vec<String>,
    },
    /// Check that an API keeps the rules that make integrations safe
    Conform {
        #[command(subcommand)]
        command: Conform,
    },
}

#[derive(Subcommand)]
pub enum Conform {
    /// Run the blueprint checklist (spec 003) against a 3PL's API, e.g. its sandbox; exits 20
    /// when a check fails
    Threepl {
        /// The API's root, version included: https://api.sandbox.your-3pl.com/v1
        #[arg(long)]
        base_url: String,
        /// The environment variable holding the API token
        #[arg(long, value_name = "NAME", default_value = "SHIPLINK_THREEPL_TOKEN")]
        token_env: String,
        /// An order the warehouse has shipped, for the "cancel after ship" check
        #[arg(long, value_name = "ID")]
        shipped_order: Option<String>,
        /// Requests the 429 check may send looking for a rate limit
        #[arg(long, default_value_t = 300)]
        burst: usize,
    },
}

#[derive(Subcommand)]
pub enum ShipperOne {
    /// One page of a queue (100 orders)
    Queue {
        /// pending_accept, pending_allocation, pending_shipment, pending_invoice or failed
        queue: String,
        #[arg(long, default_value_t = 1)]
        page: u32,
        /// Only orders updated at or after "yyyy-mm-dd hh:mm:ss"
        #[arg(long)]
        since: Option<String>,
    },
    /// Every order of a queue, once each
    Iter {
        queue: String,
        #[arg(long)]
        since: Option<String>,
    },
    /// Accept or reject items: {"order":{"order_id":…,"items":[{"item_id":…,"qty":…}]}}
    Accept(Body),
    /// Reject whole items: {"order":{"order_id":…,"items":[{"item_id":…}]}}
    Reject(Body),
    /// Confirm allocation (never blindly re-sent)
    Allocate(Body),
    /// Report a shipment with its tracks
    Ship(Body),
    /// Invoice shipped items (never blindly re-sent)
    Invoice(Body),
}

#[derive(Subcommand)]
pub enum ThreePl {
    /// One page of a list, as the server sends it
    List {
        /// orders, shipments, inventory, warehouses, shipping_methods, inbound_shipments,
        /// inventory_adjustments, returns or webhooks
        resource: String,
        #[command(flatten)]
        query: ListQuery,
        /// The page after the one that returned this next_cursor
        #[arg(long)]
        cursor: Option<String>,
    },
    /// Every item of a list, one per line
    Iter {
        resource: String,
        #[command(flatten)]
        query: ListQuery,
    },
    /// What changed since the last sync, one item per line: the checkpoint file is read at the
    /// start and rewritten (atomically) after each page is printed. Interrupted (Ctrl-C,
    /// SIGTERM), it finishes the page in hand, saves, and exits 130; run it again to go on.
    Sync {
        resource: String,
        /// Where the sync keeps its place between runs
        #[arg(long, value_name = "FILE")]
        checkpoint: PathBuf,
        #[command(flatten)]
        query: ListQuery,
    },
    /// Orders: get, create (idempotent), amend (If-Match), cancel
    Orders {
        #[command(subcommand)]
        command: ThreePlOrders,
    },
    /// Announce inbound stock (an ASN): {"reference",…}, created once
    InboundCreate(Keyed),
    /// Announce a return (an RMA): {"rma",…}, created once
    ReturnCreate(Keyed),
    /// Subscribe to webhooks: {"url","events"}; the answer holds the secret, shown once
    WebhookCreate(Body),
    /// Remove a webhook subscription
    WebhookDelete { id: String },
}

#[derive(Subcommand)]
pub enum ThreePlOrders {
    Get {
        id: String,
    },
    /// Create an order: the same key (yours, or derived from "reference") on every retry and
    /// every run, so it is created once
    Create(Keyed),
    /// Send the changed fields ("items" replaces the lines)
    Amend {
        id: String,
        /// The version the changes were made against; a newer one on the server is a CONFLICT
        #[arg(long)]
        if_match: Option<String>,
        #[command(flatten)]
        body: Body,
    },
    /// Cancel before pick; safe to repeat
    Cancel {
        id: String,
    },
}

#[derive(Args)]
pub struct Keyed {
    /// Your own idempotency key [default: derived from the body's reference]
    #[arg(long)]
    pub idempotency_key: Option<String>,
    #[command(flatten)]
    pub body: Body,
}

#[derive(Args)]
pub struct ListQuery {
    /// Only rows updated at or after this ISO 8601 UTC time (2026-07-02T22:04:11Z)
    #[arg(long)]
    pub updated_since: Option<String>,
    /// A list filter (sku, warehouse_id, status, order_id, reference, rma, limit), e.g.
    /// --filter warehouse_id=wh_syd_1
    #[arg(long = "filter", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
}

#[derive(Subcommand)]
pub enum Shipper {
    /// Supported countries with their geographic structure
    Countries,
    /// A country's divisions: level 1, or the children of --parent-id
    Divisions {
        country: String,
        #[arg(long)]
        level: Option<u64>,
        #[arg(long)]
        parent_id: Option<u64>,
    },
    /// Products: list a page, walk them all, or get one
    Products {
        #[command(subcommand)]
        command: Listing,
    },
    /// Orders: list a page, walk them all, get, create (never sent twice) or cancel one
    Orders {
        #[command(subcommand)]
        command: Orders,
    },
    /// A dashboard report: overview, delivery-stats, confirmation-stats,
    /// internal-confirmation-stats or product-performance
    Dashboard {
        report: String,
        #[command(flatten)]
        filters: Filters,
    },
    /// Webhook registrations: list, create, delete
    Webhooks {
        #[command(subcommand)]
        command: Webhooks,
    },
}

#[derive(Subcommand)]
pub enum Listing {
    /// One page, as the server sends it
    List(Filters),
    /// Every item, each once, one per line
    Iter(Filters),
    /// One item by its id
    Get { id: String },
}

#[derive(Subcommand)]
pub enum Orders {
    /// One page, as the server sends it
    List(Filters),
    /// Every order, each once, one per line
    Iter(Filters),
    /// One order by its id
    Get { id: String },
    /// Create an order from its JSON body (set external_order_id: it is how a lost answer is
    /// found again)
    Create(Body),
    /// Cancel an order; safe to repeat
    Cancel { id: String },
}

#[derive(Subcommand)]
pub enum Webhooks {
    List,
    /// Register a URL: {"url":"https://…","secret":"…"} from a file or stdin
    Create(Body),
    Delete {
        id: String,
    },
}

#[derive(Args)]
pub struct Filters {
    /// A query filter, e.g. --filter status=Paid --filter "start_date=2026-05-01 09:00"
    #[arg(long = "filter", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
}

#[derive(Args)]
pub struct Body {
    /// The request body, as the API documents it; `-` or nothing reads stdin
    pub file: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum Webhook {
    /// Check a delivery's signature; exit 0 when authentic, else the SIGNATURE_* status
    Verify {
        #[command(flatten)]
        signed: Signed,
        /// The signature header's value as received (X-Webhook-Signature or X-Shipper-Signature)
        #[arg(long)]
        header: String,
        /// Seconds a timestamped delivery may be from now, either way
        #[arg(long, default_value_t = 300)]
        tolerance: u32,
        /// Check against this time (unix seconds) instead of the clock
        #[arg(long)]
        now: Option<i64>,
    },
    /// Print the signature header a sender attaches to a body
    Sign {
        #[command(flatten)]
        signed: Signed,
        /// Unix seconds to sign with (timestamped); default now
        #[arg(long)]
        timestamp: Option<i64>,
    },
}

#[derive(Args)]
pub struct Signed {
    /// timestamped (3PL blueprint, t=…,v1=…) or hex (Shipper)
    #[arg(long)]
    pub scheme: String,
    /// The environment variable holding the secret
    #[arg(long, value_name = "NAME", default_value = "SHIPLINK_WEBHOOK_SECRET")]
    pub secret_env: String,
    /// A file holding the secret (a trailing newline is ignored); wins over --secret-env
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// The raw body exactly as received; `-` or nothing reads stdin
    pub body: Option<PathBuf>,
}
