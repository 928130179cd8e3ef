//! The checklist's results: one line per check, with the section of the blueprint (spec 003) it
//! comes from, printed as a table or as JSON.

use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    /// The check needs something the run could not provide (a shipped order, data with ties…).
    NotChecked,
}

impl Verdict {
    fn word(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "FAIL",
            Verdict::NotChecked => "not checked",
        }
    }
}

pub struct Line {
    pub check: &'static str,
    pub section: &'static str,
    pub verdict: Verdict,
    pub detail: String,
}

#[derive(Default)]
pub struct Report {
    pub lines: Vec<Line>,
}

impl Report {
    pub fn pass(&mut self, check: &'static str, section: &'static str, detail: impl Into<String>) {
        self.add(check, section, Verdict::Pass, detail);
    }

    pub fn fail(&mut self, check: &'static str, section: &'static str, detail: impl Into<String>) {
        self.add(check, section, Verdict::Fail, detail);
    }

    pub fn skip(&mut self, check: &'static str, section: &'static str, detail: impl Into<String>) {
        self.add(check, section, Verdict::NotChecked, detail);
    }

    /// Pass when `ok`, else fail; the detail says what was seen either way.
    pub fn expect(
        &mut self,
        check: &'static str,
        section: &'static str,
        ok: bool,
        detail: impl Into<String>,
    ) {
        self.add(check, section, if ok { Verdict::Pass } else { Verdict::Fail }, detail);
    }

    fn add(
        &mut self,
        check: &'static str,
        section: &'static str,
        verdict: Verdict,
        detail: impl Into<String>,
    ) {
        self.lines.push(Line { check, section, verdict, detail: detail.into() });
    }

    pub fn failed(&self) -> usize {
        self.lines.iter().filter(|l| l.verdict == Verdict::Fail).count()
    }

    pub fn to_json(&self) -> Value {
        let checks: Vec<Value> = self
            .lines
            .iter()
            .map(|l| json!({"check": l.check, "section": l.section, "result": l.verdict.word().to_lowercase(), "detail": l.detail}))
            .collect();
        let count = |v: Verdict| self.lines.iter().filter(|l| l.verdict == v).count();
        json!({"checks": checks, "passed": count(Verdict::Pass), "failed": count(Verdict::Fail),
               "not_checked": count(Verdict::NotChecked)})
    }

    pub fn to_table(&self) -> String {
        let width = self.lines.iter().map(|l| l.check.len()).max().unwrap_or(0);
        let mut out = String::new();
        for l in &self.lines {
            out.push_str(&format!("{:<11}  {:<width$}  {}\n", l.verdict.word(), l.check, l.section));
            if l.verdict != Verdict::Pass && !l.detail.is_empty() {
                out.push_str(&format!("{:<11}  {:<width$}  ↳ {}\n", "", "", l.detail));
            }
        }
        let totals = self.to_json();
        out.push_str(&format!(
            "\n{} passed, {} failed, {} not checked\n",
            totals["passed"], totals["failed"], totals["not_checked"]
        ));
        out
    }
}
