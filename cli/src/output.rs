//! What commands print on stdout. Piped or redirected: JSON, exactly as the server sent it,
//! one object per line for walks and pages (so `jq`, `grep` and `wc -l` work on it). On a
//! terminal, unless `--json`: walks as a table, single answers as indented JSON.

use std::io::{IsTerminal, Write};

use serde_json::Value;

use crate::failure::Failure;

/// Columns a table shows at most, and how wide one may grow.
const MAX_COLUMNS: usize = 6;
const MAX_WIDTH: usize = 28;

pub struct Output {
    table: bool,
    /// The table's columns and widths, from its first row.
    columns: Option<Vec<(String, usize)>>,
}

impl Output {
    pub fn new(json: bool) -> Output {
        Output { table: !json && std::io::stdout().is_terminal(), columns: None }
    }

    /// A single answer (an action's result, a page as a whole).
    pub fn value(&mut self, json: &str) -> Result<(), Failure> {
        let text = match self.table {
            true => serde_json::from_str::<Value>(json)
                .and_then(|v| serde_json::to_string_pretty(&v))
                .unwrap_or_else(|_| json.to_owned()),
            false => json.to_owned(),
        };
        line(&text)
    }

    /// One item of a walk or a page.
    pub fn item(&mut self, json: &str) -> Result<(), Failure> {
        if !self.table {
            return line(json);
        }
        let Ok(Value::Object(item)) = serde_json::from_str::<Value>(json) else {
            return line(json);
        };
        if self.columns.is_none() {
            let columns: Vec<(String, usize)> = item
                .iter()
                .filter(|(_, v)| !v.is_object())
                .take(MAX_COLUMNS)
                .map(|(k, v)| (k.clone(), k.len().max(cell(v).chars().count()).min(MAX_WIDTH)))
                .collect();
            line(&row(columns.iter().map(|(k, w)| (k.clone(), *w))))?;
            self.columns = Some(columns);
        }
        let columns = self.columns.as_deref().unwrap_or_default();
        line(&row(columns.iter().map(|(k, w)| (item.get(k).map(cell).unwrap_or_default(), *w))))
    }
}

/// A value as a table shows it: text bare, arrays by their length.
fn cell(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => format!("[{}]", items.len()),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn row(cells: impl Iterator<Item = (String, usize)>) -> String {
    let cells: Vec<String> = cells
        .map(|(text, width)| {
            let shown: String = match text.chars().count() > width {
                true => text.chars().take(width.saturating_sub(1)).chain(['…']).collect(),
                false => text,
            };
            format!("{shown:<width$}")
        })
        .collect();
    cells.join("  ").trim_end().to_owned()
}

fn line(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) ends the command quietly.
    match writeln!(out, "{text}").and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Failure::command(format!("cannot write to stdout: {e}"))),
        Ok(()) => Ok(()),
    }
}
