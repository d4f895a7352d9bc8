//! UK phone numbers: the digit count the numbering plan gives each prefix,
//! the short numbers, `+44`, and an extension printed one way everywhere.

/// Eight-digit freephone numbers from before the plan's ten and eleven; only
/// the one the shipped content prints (Childline's `0800 1111`).
const OLD_SHORT_FREEPHONE: &[&str] = &["08001111"];

/// Three-digit numbers that reach a service from any UK phone.
const SHORT_NUMBERS: &[&str] = &["999", "112", "101", "111", "105"];

/// The number as it is printed: groups as written, single spaces, and an
/// extension as ` ext. 204`. An error says what is wrong in words a user can
/// act on (without naming the field; the caller does).
pub fn parse_uk_phone(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let (number, ext) = split_extension(raw)?;
    if let Some(c) = number
        .chars()
        .find(|c| !(c.is_ascii_digit() || *c == ' ' || *c == '+'))
    {
        return Err(format!(
            "{} has `{}`; write the number with digits and spaces only",
            crate::diag::shown(raw),
            c.escape_debug()
        ));
    }
    if number.rfind('+').is_some_and(|i| i > 0) || number.matches('+').count() > 1 {
        return Err(format!(
            "{} has a `+` inside it; only `+44` at the start is allowed",
            crate::diag::shown(raw)
        ));
    }
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let national = match digits
        .strip_prefix("44")
        .filter(|_| number.starts_with('+'))
    {
        Some(rest) if rest.starts_with('0') => {
            return Err(format!(
                "{} has a 0 after +44; write `+44 20 …` or `020 …`, not `+44 020 …`",
                crate::diag::shown(raw)
            ));
        }
        Some(rest) => format!("0{rest}"),
        None if number.starts_with('+') => {
            return Err(format!(
                "{} is not a UK number; only numbers starting `+44` or `0` can be printed",
                crate::diag::shown(raw)
            ));
        }
        None => digits,
    };
    check_digits(&national).map_err(|why| format!("{} {why}", crate::diag::shown(raw)))?;
    let number = number.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(match ext {
        Some(ext) => format!("{number} ext. {ext}"),
        None => number,
    })
}

/// Split `0121 496 0000 ext 204` (or `ext. 204`, `extension 204`, `x204`)
/// into the number and the extension's digits.
fn split_extension(raw: &str) -> Result<(&str, Option<&str>), String> {
    // After the last character that is not a digit (which may be several bytes).
    let digits_from = raw
        .char_indices()
        .rfind(|(_, c)| !c.is_ascii_digit())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let head = raw[..digits_from].trim_end();
    let lower = head.to_ascii_lowercase();
    let marker = ["extension", "ext.", "ext", "x"]
        .into_iter()
        .find(|m| lower.ends_with(m));
    let Some(marker) = marker else {
        return Ok((raw, None));
    };
    let ext = &raw[digits_from..];
    if ext.is_empty() || ext.len() > 6 {
        return Err(format!(
            "{} has an extension of {} digits; an extension has 1 to 6",
            crate::diag::shown(raw),
            ext.len()
        ));
    }
    let number = head[..head.len() - marker.len()]
        .trim_end()
        .trim_end_matches(',')
        .trim_end();
    Ok((number, Some(ext)))
}

/// Check a national number (starting 0, or a short number) against the
/// digit counts of the UK numbering plan.
fn check_digits(d: &str) -> Result<(), String> {
    let n = d.len();
    if SHORT_NUMBERS.contains(&d) || OLD_SHORT_FREEPHONE.contains(&d) {
        return Ok(());
    }
    if d.starts_with("116") {
        return if n == 6 {
            Ok(())
        } else {
            Err(format!(
                "has {n} digits; a 116 helpline number has 6 (`116 123`)"
            ))
        };
    }
    let (allowed, what, prefix): (&[usize], &str, usize) = match d.get(..3).unwrap_or(d) {
        p if p.starts_with("01") || p.starts_with("02") => (&[10, 11], "a geographic number", 2),
        p if p.starts_with("07") => (&[11], "a mobile number", 2),
        "080" => (&[10, 11], "a freephone number", 3),
        p if p.starts_with("03") => (&[11], "a non-geographic number", 2),
        "084" | "087" => (&[11], "a non-geographic number", 3),
        p if p.starts_with("09") => (&[11], "a premium-rate number", 2),
        "055" | "056" => (&[11], "a corporate number", 3),
        _ if !d.starts_with('0') => {
            return Err("is not a UK number: one starts with 0 (`0121 496 0000`), or is 999, 101, 111 or 116 xxx".to_string());
        }
        _ => {
            return Err(format!(
                "is not a UK number: no UK number starts {}",
                d.get(..2).unwrap_or(d)
            ));
        }
    };
    if allowed.contains(&n) {
        return Ok(());
    }
    let counts = match allowed {
        [one] => one.to_string(),
        _ => format!("{} or {}", allowed[0], allowed[1]),
    };
    Err(format!(
        "has {n} digits; {what} (starting {}) has {counts}",
        &d[..prefix]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_ending_in_a_letter_of_another_script_is_refused_not_a_panic() {
        for raw in ["0121 496 0000 ☎", "تحفظ سے متعلق معلومات", "শিশু"]
        {
            assert!(parse_uk_phone(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn numbers_of_the_plan_are_accepted_as_written() {
        for ok in [
            "999",
            "101",
            "111",
            "116 123",
            "0800 1111",
            "0800 555 111",
            "0808 800 5000",
            "0808 1000 900",
            "0121 496 0000",
            "020 7946 0000",
            "01632 960000",
            "07700 900000",
            "0300 123 4567",
            "0845 600 0000",
            "+44 20 7946 0000",
        ] {
            assert_eq!(parse_uk_phone(ok).as_deref(), Ok(ok), "{ok}");
        }
    }

    #[test]
    fn extensions_are_printed_one_way() {
        for written in [
            "0121 496 0000 ext 204",
            "0121 496 0000 ext. 204",
            "0121 496 0000 Ext.204",
            "0121 496 0000 x204",
            "0121 496 0000, extension 204",
            "0121  496 0000 EXT 204",
        ] {
            assert_eq!(
                parse_uk_phone(written).as_deref(),
                Ok("0121 496 0000 ext. 204"),
                "{written}"
            );
        }
    }

    #[test]
    fn wrong_shapes_say_what_is_wrong() {
        let err = |s| parse_uk_phone(s).unwrap_err();
        assert!(err("0+1+2+1+4+9+6+0+0+0").contains("`+` inside it"));
        assert!(
            err("0121 496 00")
                .contains("has 9 digits; a geographic number (starting 01) has 10 or 11")
        );
        assert!(err("07700 90000").contains("a mobile number (starting 07) has 11"));
        assert!(err("0800 111").contains("freephone"));
        assert!(err("116 12").contains("116 helpline number has 6"));
        assert!(err("0044 20 7946 0000").contains("no UK number starts 00"));
        assert!(err("+1 202 555 0100").contains("only numbers starting `+44`"));
        assert!(err("+44 020 7946 0000").contains("not `+44 020"));
        assert!(err("0808-800-5000").contains("has `-`"));
        assert!(err("12345").contains("one starts with 0"));
        assert!(err("0121 496 0000 ext 1234567").contains("extension of 7 digits"));
        assert!(err("call 999").contains("has `c`"));
        assert!(err("0121 496 0000\u{1b}").contains("\\u{1b}"));
    }
}
