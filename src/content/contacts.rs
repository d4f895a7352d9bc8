//! `contacts.toml`: the national contact records. A record with a problem is
//! reported and left out, and the rest still load (so `check` can report
//! everything in one run).

use super::toml_file::{TomlDate, from_toml_error};
use crate::assets::Tree;
use crate::diag::{Diagnostic, Diagnostics, Part, SourceMap};
use crate::model::{Confirmed, Contact, Nation, Priority};
use serde::Deserialize;
use serde::de::IntoDeserializer as _;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ContactConfig {
    id: String,
    phone: Option<String>,
    url: Option<String>,
    email: Option<String>,
    text: Option<String>,
    audience: String,
    priority: Priority,
    nations: Vec<Nation>,
    hours: Option<String>,
    source: String,
    confirmed: Confirmed,
    checked: TomlDate,
    #[serde(default)]
    advice: bool,
    #[serde(default)]
    stands_in_for: Vec<String>,
}

/// The file, relative to the content tree.
pub const CONTACTS_FILE: &str = "contacts.toml";

const HINT: &str =
    "each [[contact]] needs id, audience, priority, nations, source, confirmed and checked";

/// Every record that loads; each one that does not is reported to `diags`.
/// The span of each record (`<id>`, `Part::Key`) and of each of its values
/// (`<id>.<key>`) goes into `spans`. Fails only when the file cannot be read.
pub fn load_contacts(
    tree: &Tree,
    spans: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Result<Vec<Contact>, Diagnostics> {
    let src = tree.text(CONTACTS_FILE)?;
    let display = tree.display_path(CONTACTS_FILE);
    let root = DeTable::parse(src).map_err(|e| from_toml_error(&e, src, 0, &display, HINT))?;
    let mut records: &[Spanned<DeValue<'_>>] = &[];
    for (key, value) in root.get_ref() {
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("contact", DeValue::Array(array)) => records = array.as_ref(),
            ("contact", _) => diags.push(
                Diagnostic::error("`contact` must be a list of [[contact]] tables")
                    .in_file(&display)
                    .at_span(src, key.span())
                    .with_hint(HINT),
            ),
            (other, _) => diags.push(
                Diagnostic::error(format!("unknown field `{other}`, expected `contact`"))
                    .in_file(&display)
                    .at_span(src, key.span())
                    .with_hint(HINT),
            ),
        }
    }
    let mut out = Vec::new();
    for record in records {
        if let Some(c) = load_record(record, src, &display, spans, diags) {
            out.push(c);
        }
    }
    Ok(out)
}

/// One `[[contact]]` table, or `None` with its problem reported.
fn load_record(
    record: &Spanned<DeValue<'_>>,
    src: &str,
    display: &str,
    spans: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<Contact> {
    let c = match ContactConfig::deserialize(record.clone().into_deserializer()) {
        Ok(c) => c,
        Err(e) => {
            diags.push(from_toml_error(&e, src, 0, display, HINT));
            return None;
        }
    };
    spans.record(CONTACTS_FILE, &c.id, Part::Key, record.span());
    if let DeValue::Table(table) = record.get_ref() {
        for (key, value) in table {
            let key = format!("{}.{}", c.id, key.get_ref());
            spans.record(CONTACTS_FILE, &key, Part::Value, value.span());
        }
    }
    let reachable = c.phone.is_some() || c.url.is_some() || c.email.is_some() || c.text.is_some();
    if !reachable && !c.advice {
        diags.push(
            Diagnostic::error(format!(
                "contact `{}` has no phone, url, email or text",
                c.id
            ))
            .in_file(display)
            .at_span(src, record.span())
            .with_hint("a contact record must say how to reach it, or be `advice = true`"),
        );
        return None;
    }
    Some(Contact {
        id: c.id,
        phone: c.phone,
        url: c.url,
        email: c.email,
        text: c.text,
        audience: c.audience,
        priority: c.priority,
        nations: c.nations,
        hours: c.hours,
        source: c.source,
        confirmed: c.confirmed,
        checked: c.checked.0,
        advice: c.advice,
        stands_in_for: c.stands_in_for,
    })
}
