//! Reading `org.toml`, finding a key's line and column for messages, and the
//! commented file `cse-pack init` writes (`ORG_TEMPLATE`).

use super::{OrgConfig, validate};
use crate::content::toml_file::from_toml_error;
use crate::diag::Diagnostic;
use crate::fonts::FontBook;
use crate::images::{ImageCache, ImageFiles};
use crate::model::{Locate, Org, Origin};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// Load and check `org.toml` (`bytes`, named `display` in messages), with
/// its images from `images`, the file's folder, and its text checked against
/// the fonts in `book`.
pub fn load_org_file(
    bytes: Vec<u8>,
    display: &str,
    images: &dyn ImageFiles,
    cache: &mut ImageCache,
    book: &FontBook,
) -> Result<Org, Vec<Diagnostic>> {
    let display = display.to_string();
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        vec![
            Diagnostic::error("the file is not UTF-8 text")
                .in_file(&display)
                .at_offset(&before, valid)
                .with_hint("save it as UTF-8 in your editor"),
        ]
    })?;
    let config: OrgConfig = toml::from_str(&text).map_err(|e| {
        let d = from_toml_error(
            &e,
            &text,
            0,
            &display,
            "see the comments `cse-pack init` writes",
        );
        // A raw control character inside quotes: say what to do about it.
        if d.message.contains("invalid basic string") || d.message.contains("invalid literal string") {
            vec![d.with_hint(
                "the value has a character that cannot be typed there (a tab or a control character); retype the value",
            )]
        } else {
            vec![d]
        }
    })?;
    let spans = value_spans(&text);
    let locate = FileLocator {
        display,
        text,
        spans,
    };
    let mut org = validate(config, images, cache, &locate, book)?;
    org.origin = Some(Origin(std::sync::Arc::new(locate)));
    Ok(org)
}

/// Places keys of `org.toml` at the parser's spans.
struct FileLocator {
    display: String,
    text: String,
    /// Each dotted key's value span, and each table's name (`dsl`) span.
    spans: BTreeMap<String, Range<usize>>,
}

impl Locate for FileLocator {
    fn locate(&self, key: &str, d: Diagnostic) -> Diagnostic {
        // The value, or failing that (a key the file lacks) its table.
        let table = key.rsplit_once('.').map(|(t, _)| t);
        let span = self
            .spans
            .get(key)
            .or_else(|| table.and_then(|t| self.spans.get(t)));
        let d = d.in_file(&self.display);
        match span {
            Some(span) => d.at_span(&self.text, span.clone()),
            None => d,
        }
    }
}

/// The span of every value in `text` by its dotted key (`dsl.phone`), and of
/// every table by its name, as the TOML parser reports them. (The file has
/// already parsed, so a failure here leaves the map empty.)
fn value_spans(text: &str) -> BTreeMap<String, Range<usize>> {
    fn walk(table: &DeTable<'_>, prefix: &str, out: &mut BTreeMap<String, Range<usize>>) {
        for (key, value) in table {
            let full = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            match value.get_ref() {
                DeValue::Table(inner) => {
                    out.insert(full.clone(), key.span());
                    walk(inner, &full, out);
                }
                _ => {
                    out.insert(full, value.span());
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    if let Ok(root) = DeTable::parse(text) {
        walk(root.get_ref(), "", &mut out);
    }
    out
}

/// The file `cse-pack init` writes.
pub const ORG_TEMPLATE: &str = r##"# Your organisation, printed on every poster, leaflet and card.
# Fill in what you have and delete the lines you do not need. The example
# numbers below are from Ofcom's range reserved for drama: replace them.
# Build with:  cse-pack build --org org.toml

# Your organisation's name, as it should appear (up to 100 characters).
name = ""

# What sort of organisation this is: "school", "gp-practice" or "charity".
# It sets the role titles printed for your leads (for a school, "Designated
# Safeguarding Lead").
# kind = "school"

# Your logo: a PNG or JPEG file in this folder (or a folder inside it). A
# large logo is fine; cse-pack shrinks it to what print needs.
# logo = "logo.png"

# A web page with more information, starting https:// (up to 100
# characters); printed as text and as a QR code.
# website = "https://www.example-academy.org.uk/safeguarding"

# Optional brand colour for panels and headings, as #RRGGBB. It must be dark
# enough for white text on it (WCAG AA, 4.5:1); cse-pack says if it is not.
# brand-colour = "#005EA5"

# Designated Safeguarding Lead. Phone numbers are written as dialled in the
# UK; an extension may follow, e.g. "0121 496 0000 ext 204" (printed as
# "0121 496 0000 ext. 204").
[dsl]
name = ""
# Their own role title, if not the usual one for your kind (up to 60 characters).
# title = "Deputy Head and Designated Safeguarding Lead"
# phone = "0121 496 0000"
# email = "dsl@example-academy.org.uk"
# where = "Pastoral office, ground floor"
# A photo so pupils and staff know the face: a PNG or JPEG in this folder.
# photo = "dsl.jpg"

# Deputy Designated Safeguarding Lead (same keys as [dsl]).
# [deputy-dsl]
# name = ""
# phone = ""

# Your local children's social care or MASH (Multi-Agency Safeguarding Hub).
# [childrens-services]
# name = "Children's Advice and Support Service"
# phone = "0121 496 0001"

# Out of hours (emergency duty team).
# [out-of-hours]
# name = "Emergency Duty Team"
# phone = "0121 496 0002"
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_init_file_parses_as_an_org() {
        let cfg: OrgConfig = toml::from_str(ORG_TEMPLATE).unwrap();
        assert_eq!(cfg.name, "");
    }

    #[test]
    fn values_are_found_under_their_table_and_with_crlf() {
        let text =
            "name = \"A\"\r\nwebsite = \"x\"\r\n\r\n[dsl]\r\n  name = \"B\"\r\nphone=\"1\"\r\n";
        let spans = value_spans(text);
        let at = |key| crate::diag::line_col(text, spans[key].start);
        assert_eq!(at("name"), (1, 8));
        assert_eq!(at("website"), (2, 11));
        assert_eq!(at("dsl.name"), (5, 10));
        assert_eq!(at("dsl.phone"), (6, 7));
        // A table is at its name in its header.
        assert_eq!(at("dsl"), (4, 2));
        let dotted = "name = \"A\"\ndsl.name = \"B\"\ndeputy-dsl = { name = \"C\" }\n";
        let spans = value_spans(dotted);
        let at = |key| crate::diag::line_col(dotted, spans[key].start);
        assert_eq!(at("dsl.name"), (2, 12));
        assert_eq!(at("deputy-dsl.name"), (3, 23));
    }
}
