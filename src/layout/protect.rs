//! Text that must stay on one line: phone numbers, web addresses, e-mail
//! addresses — and, for an address too long for any line, the places it may
//! break as people expect (after `/` and `@`, before `.`), with no hyphen.

use std::ops::Range;

/// Where a web or e-mail address may break when it is longer than the line:
/// byte offsets in `text`, each inside an address and never inside a phone
/// number. After `/` (the second of `//`) and `@`; before `.`, `?`,
/// `#`, `&`, `=`, `_`, `-` and `~` — a break before punctuation starts the
/// next line with it, so it cannot be read as an added hyphen.
pub fn address_breaks(text: &str) -> Vec<usize> {
    let phones = phone_numbers(text);
    let mut out = Vec::new();
    for word in address_ranges(text) {
        let w = &text[word.clone()];
        for (i, c) in w.char_indices().skip(1) {
            let prev = w[..i].chars().next_back().unwrap_or(' ');
            let after = prev == '@' || (prev == '/' && c != '/');
            let before = matches!(c, '.' | '?' | '#' | '&' | '=' | '_' | '-' | '~')
                && !matches!(prev, '/' | '@' | '.' | ':');
            let at = word.start + i;
            // Phone numbers are in order and apart: the one that could hold
            // `at` is the last to start before it.
            let in_phone = phones[..phones.partition_point(|p| p.start < at)]
                .last()
                .is_some_and(|p| at < p.end);
            if (after || before) && !in_phone {
                out.push(at);
            }
        }
    }
    out
}

/// Byte ranges of phone numbers, URLs and e-mail addresses in `text`.
pub fn unbreakable_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = phone_numbers(text);
    out.extend(address_ranges(text));
    out.sort_by_key(|r| r.start);
    out
}

/// Byte ranges of the words that are web or e-mail addresses.
fn address_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let word = trim_punctuation(&text[s..i]);
                if looks_like_address(word) {
                    out.push(s..s + word.len());
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// Runs of digits with single spaces or hyphens between groups, holding at least three digits.
fn phone_numbers(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit()
            || (bytes[i] == b'+' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            let start = i;
            let mut end = i + 1;
            let mut j = i + 1;
            while j < bytes.len() {
                if bytes[j].is_ascii_digit() {
                    j += 1;
                    end = j;
                } else if matches!(bytes[j], b' ' | b'-')
                    && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let digits = bytes[start..end]
                .iter()
                .filter(|b| b.is_ascii_digit())
                .count();
            if digits >= 3 && end - start > digits {
                out.push(start..end);
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn trim_punctuation(word: &str) -> &str {
    word.trim_end_matches(['.', ',', ';', ':', ')', '”', '’', '"', '!', '?', '۔', '،'])
}

/// `https://…`, `www.…`, `name@host.tld`, or `host.tld/path`.
fn looks_like_address(word: &str) -> bool {
    if word.contains("://") || word.starts_with("www.") {
        return true;
    }
    let host = word.split('/').next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        unbreakable_ranges(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn finds_numbers_and_addresses() {
        assert_eq!(spans("Call 0808 800 5000 now."), ["0808 800 5000"]);
        assert_eq!(
            spans("Visit ceop.police.uk/Safety-Centre."),
            ["ceop.police.uk/Safety-Centre"]
        );
        assert_eq!(spans("Mail help@nspcc.org.uk, or"), ["help@nspcc.org.uk"]);
        assert_eq!(
            spans("See https://example.org/a-b"),
            ["https://example.org/a-b"]
        );
    }

    fn breaks(text: &str) -> Vec<String> {
        let mut pieces = Vec::new();
        let mut last = 0;
        for b in address_breaks(text) {
            pieces.push(text[last..b].to_string());
            last = b;
        }
        pieces.push(text[last..].to_string());
        pieces
    }

    #[test]
    fn addresses_break_after_slash_and_at_and_before_dots() {
        assert_eq!(
            breaks("safeguarding@st-marys.sch.uk"),
            ["safeguarding@", "st", "-marys", ".sch", ".uk"]
        );
        assert_eq!(
            breaks("www.example.org.uk/our-school/safeguarding"),
            [
                "www",
                ".example",
                ".org",
                ".uk/",
                "our",
                "-school/",
                "safeguarding"
            ]
        );
        // Never inside the scheme's `//`, nor inside a phone number.
        assert_eq!(breaks("https://a.uk"), ["https://", "a", ".uk"]);
        assert!(address_breaks("Call 0808 800 5000 now").is_empty());
    }

    #[test]
    fn ordinary_words_and_years_are_free() {
        assert!(spans("In 2017, e.g. the D.f.E said so.").is_empty());
        assert!(spans("under the age of 18 into").is_empty());
    }
}
