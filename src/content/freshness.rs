//! Checks on contact records and dates: a wrong number shape, an unsafe link,
//! or information past its review date is caught before anything is printed.

use crate::assets::Tree;
use crate::diag::{Diagnostic, Part};
use crate::model::{Confirmed, Content, Date};

/// Contacts checked longer ago than this get a warning.
const CONTACT_MAX_AGE_MONTHS: i32 = 12;

/// Problems with the pack's dates and its contact records, as of `today`.
pub fn check_freshness(
    tree: &Tree,
    content: &Content,
    today: Date,
    allow_stale: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let spans = &content.spans;
    if content.pack.review_by < today {
        let d = Diagnostic::error(format!(
            "the pack was due for review by {} and today is {today}",
            content.pack.review_by
        ))
        .with_hint("have the content reviewed and update `reviewed` and `review-by`; `--allow-stale` builds anyway");
        let d = spans.place("pack.toml", "review-by", Part::Value, d);
        out.push(if allow_stale {
            Diagnostic {
                severity: crate::diag::Severity::Warning,
                ..d
            }
        } else {
            d
        });
    }
    out.extend(not_confirmed_live(tree, content));
    for c in &content.contacts {
        // At the value concerned.
        let here = |key: &str, d: Diagnostic| {
            spans.place("contacts.toml", &format!("{}.{key}", c.id), Part::Value, d)
        };
        if months_between(c.checked, today) > CONTACT_MAX_AGE_MONTHS {
            out.push(here("checked", Diagnostic::warning(format!(
                "contact `{}` was last checked on {}, more than {CONTACT_MAX_AGE_MONTHS} months ago",
                c.id, c.checked
            ))
            .with_hint("check the number against its source page and update `checked`")));
        }
        if c.checked > today {
            out.push(here(
                "checked",
                Diagnostic::error(format!(
                    "contact `{}` says it was checked on {}, after today",
                    c.id, c.checked
                ))
                .with_hint("`checked` is the date someone confirmed the number"),
            ));
        }
        if let Some(phone) = &c.phone
            && !is_uk_phone(phone)
        {
            out.push(here(
                "phone",
                Diagnostic::error(format!(
                    "contact `{}`: `{phone}` is not the shape of a UK phone number",
                    c.id
                ))
                .with_hint(
                    "write it as dialled in the UK, e.g. `0808 800 5000`, `999` or `116 123`",
                ),
            ));
        }
        let urls = [("url", c.url.as_ref()), ("source", Some(&c.source))];
        for (key, url) in urls.into_iter().filter_map(|(k, u)| Some((k, u?))) {
            if let Some(scheme) = bad_scheme(url) {
                out.push(here(
                    key,
                    Diagnostic::error(format!("contact `{}`: `{url}` uses `{scheme}:`", c.id))
                        .with_hint("only https, http, tel and mailto addresses are printed"),
                ));
            }
        }
    }
    out
}

/// A note per file listing the sources and contact records nobody has yet
/// confirmed on a live page (archived copies, third-party copies, the seed
/// text), for the editor to re-check before the next review.
fn not_confirmed_live(tree: &Tree, content: &Content) -> Vec<Diagnostic> {
    let sources: Vec<String> = content
        .pack
        .sources
        .iter()
        .filter(|s| s.confirmed != Confirmed::LivePage)
        .map(|s| format!("`{}` ({})", s.id, s.confirmed))
        .collect();
    let contacts: Vec<String> = content
        .contacts
        .iter()
        .filter(|c| c.confirmed != Confirmed::LivePage)
        .map(|c| format!("`{}` ({})", c.id, c.confirmed))
        .collect();
    let review = content.pack.review_by;
    [("pack.toml", "sources", sources), ("contacts.toml", "contact records", contacts)]
        .into_iter()
        .filter(|(_, _, ids)| !ids.is_empty())
        .map(|(file, what, ids)| {
            Diagnostic::note(format!(
                "{} {what} were not confirmed on a live page: {}",
                ids.len(),
                ids.join(", ")
            ))
            .in_file(tree.display_path(file))
            .with_hint(format!(
                "re-check each live before the next review (by {review}), then set `confirmed = \"live page\"` and `checked`"
            ))
        })
        .collect()
}

/// Whole months from `from` to `to` (negative if `to` is earlier).
fn months_between(from: Date, to: Date) -> i32 {
    let months = (i32::from(to.year) - i32::from(from.year)) * 12 + i32::from(to.month)
        - i32::from(from.month);
    if to.day < from.day {
        months - 1
    } else {
        months
    }
}

/// UK numbers as dialled, to the digit counts of the numbering plan (see
/// `org::parse_uk_phone`, which organisations' numbers are held to as well).
pub fn is_uk_phone(phone: &str) -> bool {
    crate::phone::parse_uk_phone(phone).is_ok()
}

/// The scheme of `url` if it has one other than https, http, tel or mailto.
pub fn bad_scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let is_scheme = !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    (is_scheme
        && !["https", "http", "tel", "mailto"].contains(&scheme.to_ascii_lowercase().as_str()))
    .then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_phone_shapes() {
        for ok in [
            "999",
            "101",
            "0808 800 5000",
            "0800 1111",
            "0800 555 111",
            "0808 1000 900",
            "116 123",
            "020 7946 0000",
            "+44 20 7946 0000",
        ] {
            assert!(is_uk_phone(ok), "{ok}");
        }
        for bad in [
            "12345",
            "0808 80",
            "call 999",
            "0808-800-5000x",
            "1234 567 8901",
        ] {
            assert!(!is_uk_phone(bad), "{bad}");
        }
    }

    #[test]
    fn only_web_phone_and_mail_schemes() {
        assert_eq!(bad_scheme("https://www.nspcc.org.uk"), None);
        assert_eq!(bad_scheme("childline.org.uk"), None);
        assert_eq!(bad_scheme("javascript:alert(1)"), Some("javascript"));
        assert_eq!(bad_scheme("ftp://x.org"), Some("ftp"));
    }

    #[test]
    fn months_are_counted_by_calendar() {
        let d = |y, m, day| Date {
            year: y,
            month: m,
            day,
        };
        assert_eq!(months_between(d(2025, 11, 28), d(2026, 11, 28)), 12);
        assert_eq!(months_between(d(2025, 11, 29), d(2026, 11, 28)), 11);
        assert_eq!(months_between(d(2025, 10, 1), d(2026, 11, 28)), 13);
    }
}
