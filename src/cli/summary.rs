//! The end of a batch, in words: how many of the CSV's organisations were
//! built, and each one left out or built without every document, with its
//! row and the reason.

use crate::diag::{Diagnostic, Diagnostics, escape, shown};
use crate::model::Nation;
use crate::orgs::Row;
use crate::{Job, Made};

/// Who in a batch got what.
pub(super) struct Summary {
    rows: Vec<Entry>,
}

/// One CSV row's outcome.
struct Entry {
    line: usize,
    name: String,
    /// Why the row got nothing, if it did not load or made no document.
    left_out: Option<String>,
    /// Documents made for it.
    made: usize,
    /// The documents it lacks, each with the reason.
    lacks: Vec<String>,
}

impl Summary {
    /// Every row, those that did not load already left out (their problems
    /// go to `diags`).
    pub(super) fn new(rows: &[Row], diags: &mut Diagnostics) -> Self {
        let rows = rows
            .iter()
            .map(|row| {
                let left_out = row.org.as_ref().err().map(|problems| {
                    diags.extend(problems.iter().cloned());
                    reason(row.line, problems)
                });
                Entry {
                    line: row.line,
                    name: row.name.clone(),
                    left_out,
                    made: 0,
                    lacks: Vec::new(),
                }
            })
            .collect();
        Summary { rows }
    }

    /// The results of row `index`'s `jobs` (in one nation, named when a run
    /// has several).
    pub(super) fn record(
        &mut self,
        index: usize,
        jobs: &[Job],
        results: &[Result<Made, Diagnostic>],
        nation: Option<Nation>,
    ) {
        let entry = &mut self.rows[index];
        let nation = nation.map(|n| format!(", {n}")).unwrap_or_default();
        for (job, result) in jobs.iter().zip(results) {
            match result {
                Ok(_) => entry.made += 1,
                Err(d) => entry.lacks.push(format!(
                    "`{}` in `{}`{nation} ({})",
                    job.product,
                    job.lang,
                    reason(entry.line, std::slice::from_ref(d))
                )),
            }
        }
    }

    /// `built 47 of 50 organisations`, then a line for each row left out
    /// and each built without every document.
    pub(super) fn render(&self) -> String {
        let built = self.rows.iter().filter(|e| e.made > 0).count();
        let total = self.rows.len();
        let mut out = format!(
            "built {built} of {total} organisation{}\n",
            if total == 1 { "" } else { "s" }
        );
        let left_out: Vec<String> = self
            .rows
            .iter()
            .filter(|e| e.made == 0)
            .map(|e| {
                let why = match &e.left_out {
                    Some(why) => why.clone(),
                    None => e.lacks.join("; "),
                };
                format!("  {}: {why}\n", e.label())
            })
            .collect();
        if !left_out.is_empty() {
            out.push_str(&format!("left out ({}):\n", left_out.len()));
            out.extend(left_out);
        }
        let partial: Vec<String> = self
            .rows
            .iter()
            .filter(|e| e.made > 0 && !e.lacks.is_empty())
            .map(|e| format!("  {}: lacks {}\n", e.label(), e.lacks.join("; ")))
            .collect();
        if !partial.is_empty() {
            out.push_str(&format!(
                "built without every document ({}):\n",
                partial.len()
            ));
            out.extend(partial);
        }
        escape(&out)
    }
}

impl Entry {
    /// `row 7, `School B``.
    fn label(&self) -> String {
        if self.name.is_empty() {
            format!("row {} (no name)", self.line)
        } else {
            format!("row {}, {}", self.line, shown(&self.name))
        }
    }
}

/// The first problem's message (without the row, which the summary gives),
/// and how many more there are.
fn reason(line: usize, problems: &[Diagnostic]) -> String {
    let Some(first) = problems.first() else {
        return "it could not be read".to_string();
    };
    // `row 7, column `dsl.phone`: ` is said by the summary's own label.
    let prefix = format!("row {line}, ");
    let mut message = first
        .message
        .strip_prefix(&prefix)
        .unwrap_or(&first.message);
    if let Some(rest) = message.strip_prefix("column `")
        && let Some((_, after)) = rest.split_once("`: ")
    {
        message = after;
    }
    match problems.len() {
        1 => message.to_string(),
        n => format!("{message} (and {} more)", n - 1),
    }
}
