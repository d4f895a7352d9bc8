//! Hostile organisation files: direction controls, control and invisible
//! characters, bad web addresses and phone numbers, huge values, hostile CSV
//! cells and TOML (images are in `hostile_images`). Each is an error at the
//! user's own file, line and column naming the field — never a "bug", never a
//! raw control character on the terminal.

use crate::common::*;
use std::path::Path;

/// A complete organisation, one `(table, key, value)` a line; tables start
/// with a header line and a blank line before it.
pub(crate) const FIELDS: &[(&str, &str, &str)] = &[
    ("", "name", "Test School"),
    ("", "kind", "school"),
    ("", "website", "https://www.test-school.sch.uk/safeguarding"),
    ("", "brand-colour", "#005EA5"),
    ("", "logo", "logo.png"),
    ("dsl", "name", "Ms Anna Kowalczyk"),
    ("dsl", "title", "Designated Safeguarding Lead"),
    ("dsl", "phone", "0121 496 0000"),
    ("dsl", "email", "dsl@test-school.sch.uk"),
    ("dsl", "where", "Pastoral office, ground floor"),
    ("dsl", "photo", "logo.png"),
    ("deputy-dsl", "name", "Mr John Roe"),
    ("deputy-dsl", "title", "Deputy Designated Safeguarding Lead"),
    ("deputy-dsl", "phone", "0121 496 0001"),
    ("deputy-dsl", "email", "deputy@test-school.sch.uk"),
    ("deputy-dsl", "where", "Room 12"),
    (
        "childrens-services",
        "name",
        "Children's Advice and Support Service",
    ),
    ("childrens-services", "phone", "0121 496 0002"),
    ("out-of-hours", "name", "Emergency Duty Team"),
    ("out-of-hours", "phone", "0121 496 0003"),
];

/// The dotted name of a field (`dsl.phone`).
pub(crate) fn key(table: &str, leaf: &str) -> String {
    if table.is_empty() {
        leaf.to_string()
    } else {
        format!("{table}.{leaf}")
    }
}

/// `org.toml` with `field`'s value replaced by `value` (already TOML-escaped),
/// and the line and column the value starts at.
pub(crate) fn org_with(field: &str, value: &str) -> (String, usize, usize) {
    let mut text = String::new();
    let mut table = "";
    let mut at = (0, 0);
    for (t, leaf, v) in FIELDS {
        if *t != table {
            text.push_str(&format!("\n[{t}]\n"));
            table = t;
        }
        let v = if key(t, leaf) == field { value } else { v };
        if key(t, leaf) == field {
            at = (text.lines().count() + 1, leaf.len() + 4);
        }
        text.push_str(&format!("{leaf} = \"{v}\"\n"));
    }
    assert_ne!(at.0, 0, "no field {field}");
    (text, at.0, at.1)
}

/// A folder with `org.toml` and the fixture logo.
pub(crate) fn folder(org: &str) -> tempfile::TempDir {
    let d = folder_with(&[("org.toml", org)]);
    add_logo(d.path());
    d
}

/// The messages a user sees for an organisation file, as printed (each
/// place joined to its message's line, as `common::located` does).
pub(crate) fn messages(dir: &Path) -> Result<cse_pack::model::Org, String> {
    cse_pack::cli::inputs::load_org_file(&dir.join("org.toml"), &mut Default::default()).map_err(
        |ds| {
            let shown = cse_pack::diag::Diagnostics(ds).to_string();
            assert_terminal_safe(&shown);
            located(&shown)
        },
    )
}

/// Nothing that would move the cursor, clear the screen or reverse text.
pub(crate) fn assert_terminal_safe(shown: &str) {
    let bad = shown.chars().find(|c| {
        *c != '\n' && (c.is_control() || cse_pack::text_safety::refused_char(*c).is_some())
    });
    assert!(bad.is_none(), "raw {bad:?} in:\n{shown}");
    assert!(!shown.contains("bug"), "{shown}");
}

/// The error for `field` set to `value`, asserted to be at its line and column.
pub(crate) fn refused(field: &str, value: &str) -> String {
    let (org, line, col) = org_with(field, value);
    let d = folder(&org);
    let err = messages(d.path()).expect_err(&format!("{field} = {value} was accepted"));
    let place = format!("org.toml:{line}:{col}: ");
    assert!(err.contains(&place), "not at {place}:\n{err}");
    let named = format!("`{field}`");
    assert!(err.contains(&named), "{field} not named:\n{err}");
    err
}

#[test]
fn the_full_fixture_is_accepted_with_every_field() {
    let (org, _, _) = org_with("name", "Test School");
    let d = folder(&org);
    let org = messages(d.path()).unwrap();
    let dsl = org.dsl.unwrap();
    assert_eq!(dsl.title.as_deref(), Some("Designated Safeguarding Lead"));
    assert!(dsl.photo.is_some());
    assert_eq!(org.kind, cse_pack::model::OrgKind::School);
}

#[test]
fn direction_controls_are_refused_in_every_text_field_by_name() {
    let names = [
        ("202A", "LEFT-TO-RIGHT EMBEDDING"),
        ("202B", "RIGHT-TO-LEFT EMBEDDING"),
        ("202C", "POP DIRECTIONAL FORMATTING"),
        ("202D", "LEFT-TO-RIGHT OVERRIDE"),
        ("202E", "RIGHT-TO-LEFT OVERRIDE"),
        ("2066", "LEFT-TO-RIGHT ISOLATE"),
        ("2067", "RIGHT-TO-LEFT ISOLATE"),
        ("2068", "FIRST STRONG ISOLATE"),
        ("2069", "POP DIRECTIONAL ISOLATE"),
        ("200F", "RIGHT-TO-LEFT MARK"),
        ("061C", "ARABIC LETTER MARK"),
    ];
    for (t, leaf, value) in FIELDS {
        let field = key(t, leaf);
        for (code, name) in names {
            // In the middle of the value, as pasted text would have it.
            let mid = value.len() / 2;
            let hostile = format!("{}\\u{code}{}", &value[..mid], &value[mid..]);
            let err = refused(&field, &hostile);
            assert!(err.contains(&format!("U+{code} {name}")), "{err}");
        }
    }
}

#[test]
fn control_characters_noncharacters_and_invisible_formatting_are_refused() {
    for (escape, name) in [
        ("\\t", "U+0009 CHARACTER TABULATION"),
        ("\\u0000", "U+0000 NULL"),
        ("\\u001B[2J", "U+001B ESCAPE"),
        ("\\n", "U+000A LINE FEED"),
        ("\\u0085", "U+0085 NEXT LINE"),
        ("\\uFEFF", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("\\uFFFF", "U+FFFF noncharacter"),
        ("\\uFFFE", "U+FFFE noncharacter"),
        ("\\u200B", "U+200B ZERO WIDTH SPACE"),
        ("\\u00AD", "U+00AD SOFT HYPHEN"),
        ("\\U000E0041", "U+E0041"),
    ] {
        for field in ["name", "dsl.name", "dsl.where", "out-of-hours.name"] {
            let err = refused(field, &format!("Ms Jane{escape} Doe"));
            assert!(err.contains(name), "{err}");
        }
    }
}

#[test]
fn a_name_of_only_invisible_characters_is_empty() {
    let err = refused("name", "\\u200B\\u200B\\uFEFF ");
    assert!(err.contains("the organisation has no name"), "{err}");
    let err = refused("dsl.name", "\\u200B");
    assert!(err.contains("`dsl.name` is empty"), "{err}");
}

#[test]
fn web_addresses_that_mislead_are_refused() {
    for (url, why) in [
        ("https://", "is not a web address"),
        (
            "https://www.test-school.sch.uk/\\nsafeguarding",
            "U+000A LINE FEED",
        ),
        ("https://www.test school.sch.uk/", "space"),
        (
            "https://www.nspcc.org.uk@evil.example/",
            "leads to `evil.example`",
        ),
        (
            "https://user:secret@test-school.sch.uk/",
            "user name or password",
        ),
        ("javascript://test-school.sch.uk/", "only https and http"),
        ("www.test-school.sch.uk", "does not start with `https://`"),
        ("https://intranet/", "no site name with a dot"),
    ] {
        let err = refused("website", url);
        assert!(err.contains(why), "{url}: {err}");
    }
}

#[test]
fn phone_numbers_must_fit_the_uk_numbering_plan() {
    for (phone, why) in [
        ("0+1+2+1+4+9+6+0+0+0", "`+` inside it"),
        (
            "0121 496 00",
            "has 9 digits; a geographic number (starting 01) has 10 or 11",
        ),
        ("0121 496 00000", "has 12 digits"),
        ("07700 90000", "a mobile number (starting 07) has 11"),
        ("0800 11", "a freephone number (starting 080) has 10 or 11"),
        ("116 12", "a 116 helpline number has 6"),
        ("1234", "one starts with 0"),
        ("+1 202 555 0100", "only numbers starting `+44`"),
        ("0121-496-0000", "has `-`"),
    ] {
        for field in [
            "dsl.phone",
            "deputy-dsl.phone",
            "childrens-services.phone",
            "out-of-hours.phone",
        ] {
            let err = refused(field, phone);
            assert!(err.contains(why), "{phone}: {err}");
        }
    }
}

#[test]
fn extensions_are_printed_the_same_however_they_are_written() {
    for written in [
        "0121 496 0000 ext 204",
        "0121 496 0000 x204",
        "0121 496 0000 Ext.204",
    ] {
        let (org, _, _) = org_with("dsl.phone", written);
        let d = folder(&org);
        let org = messages(d.path()).unwrap();
        assert_eq!(
            org.dsl.unwrap().phone.as_deref(),
            Some("0121 496 0000 ext. 204"),
            "{written}"
        );
    }
}

#[test]
fn huge_values_are_refused_and_shown_shortened() {
    let huge = "A".repeat(10_000);
    for field in [
        "name",
        "dsl.name",
        "dsl.title",
        "dsl.where",
        "dsl.email",
        "website",
        "childrens-services.name",
    ] {
        let err = refused(field, &huge);
        assert!(err.contains("is 10000 characters long"), "{err}");
        assert!(err.len() < 600, "{} bytes:\n{err}", err.len());
        assert!(err.contains("AAAA…"), "{err}");
    }
}

#[test]
fn an_escape_in_a_csv_cell_is_shown_escaped_at_its_row_and_column() {
    let d = folder_with(&[
        (
            "schools.csv",
            "name,dsl.name,dsl.phone\nGood School,Ms A,0121 496 0000\nBad School,Ms \u{1b}[2J\u{1b}[H Doe,0121 496 0000\n",
        ),
        // As a spreadsheet saves it: a byte order mark and Windows line
        // endings, which must not shift the row numbers.
        (
            "excel.csv",
            "\u{feff}name,dsl.name,dsl.phone\r\nGood School,Ms A,0121 496 0000\r\nBad School,Ms \u{1b}[2J Doe,0121 496 0000\r\nShort School,Ms B\r\n",
        ),
    ]);
    let out = check_one(d.path(), &["--orgs", "excel.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_terminal_safe(&err);
    assert!(
        err.contains("excel.csv:3:12: row 3, column `dsl.name`: `dsl.name` has U+001B ESCAPE"),
        "{err}"
    );
    assert!(
        err.contains("excel.csv:4:1: row 4 has 2 cells, but the first row has 3"),
        "{err}"
    );
    let out = check_one(d.path(), &["--orgs", "schools.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_terminal_safe(&err);
    assert!(
        err.contains("schools.csv:3:12: row 3, column `dsl.name`: `dsl.name` has U+001B ESCAPE"),
        "{err}"
    );
}

#[test]
fn toml_errors_show_keys_escaped_and_shortened() {
    let d = tempfile::tempdir().unwrap();
    let long = "k".repeat(5000);
    std::fs::write(
        d.path().join("org.toml"),
        format!("name = \"Test School\"\n\"x\\u001b[2J{long}\" = 1\n"),
    )
    .unwrap();
    let err = messages(d.path()).unwrap_err();
    assert!(
        err.contains("org.toml:2:1: unknown field `x\\u{1b}[2Jkkk"),
        "{err}"
    );
    assert!(err.len() < 1000, "{} bytes", err.len());
    // A raw escape inside quotes is a TOML error; its hint says what to do.
    std::fs::write(
        d.path().join("org.toml"),
        "name = \"Test \u{1b}[2J School\"\n",
    )
    .unwrap();
    let err = messages(d.path()).unwrap_err();
    assert!(err.contains("org.toml:1:14: invalid basic string"), "{err}");
    assert!(err.contains("a tab or a control character"), "{err}");
}

#[test]
fn the_right_to_left_override_case_is_refused_at_its_line_by_the_binary() {
    // The case: an override in the DSL's name, before the helpline.
    let (org, line, col) = org_with("dsl.name", "Ms Anna \\u202EKowalczyk 0800 1111");
    let d = folder(&org);
    let out = build_one(d.path(), &["--org", "org.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_terminal_safe(&err);
    assert!(
        err.contains(&format!(
            "org.toml:{line}:{col}: `dsl.name` has U+202E RIGHT-TO-LEFT OVERRIDE"
        )),
        "{err}"
    );
    assert!(!d.path().join("dist/en/poster-a4.pdf").exists());
}

#[test]
fn organisation_text_is_isolated_so_numbers_and_names_keep_their_order() {
    let name = "محترمہ فاطمہ خان";
    let (org, _, _) = org_with("dsl.name", name);
    // A name that starts with a digit: unisolated, UAX #9 would show it as
    // "Towns Academy 3" after the Urdu words on the Urdu poster.
    let org = org.replacen("Test School", "3 Towns Academy", 1);
    let d = folder(&org);
    let out = run(
        d.path(),
        &[
            "build",
            "--lang",
            "en,ur",
            "--product",
            "poster-a4",
            "--org",
            "org.toml",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for lang in ["en", "ur"] {
        let Some(text) = pdftotext(&d.path().join(format!("dist/{lang}/poster-a4.pdf"))) else {
            eprintln!("pdftotext is not installed; skipping");
            return;
        };
        for number in ["0121 496 0000", "0800 1111", "0808 800 5000"] {
            assert!(
                text.contains(number),
                "{lang}: {number} not in order in:\n{text}"
            );
        }
        assert!(text.contains("3 Towns Academy"), "{lang}: {text}");
        for reversed in [
            "0000 496 0121",
            "1111 0800",
            "5000 800 0808",
            "Towns Academy 3",
        ] {
            assert!(!text.contains(reversed), "{lang}: {reversed} in:\n{text}");
        }
    }
}

#[test]
fn spaces_no_font_can_print_are_refused_at_their_line() {
    let err = refused("dsl.name", "Ms\\u3000Doe");
    assert!(err.contains("U+3000"), "{err}");
}

/// Letters, digits and spaces of the scripts we print, mixed with what must
/// be refused; each random value is either refused at its line or builds.
const POOL: &[char] = &[
    'a', 'Z', ' ', '0', '8', '-', '@', '.', 'ł', 'ŵ', 'م', 'ر', 'ک', 'ز', 'ন', '\u{200C}',
    '\u{200D}', '\u{00A0}', '\u{2003}', '\u{202E}', '\u{202D}', '\u{2067}', '\u{2069}', '\u{200F}',
    '\u{0009}', '\u{0000}', '\u{001B}', '\u{009B}', '\u{FEFF}', '\u{FFFF}', '\u{200B}', '\u{00AD}',
    '\u{2028}', '\u{3000}',
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 32,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    #[test]
    fn any_value_is_refused_at_its_line_or_builds(
        field in proptest::sample::select(&["name", "dsl.name", "dsl.where", "dsl.title", "childrens-services.name"][..]),
        chars in proptest::collection::vec(proptest::sample::select(POOL), 1..24)
    ) {
        let value: String = chars.iter().collect();
        let escaped: String = chars.iter().map(|c| {
            if c.is_ascii_alphanumeric() || *c == ' ' { c.to_string() } else { format!("\\u{:04X}", *c as u32) }
        }).collect();
        let (org, line, col) = org_with(field, &escaped);
        let d = folder(&org);
        let out = run(d.path(), &["build", "--lang", "en,ur", "--product", "poster-a4", "--org", "org.toml"]);
        let err = stderr(&out);
        assert_terminal_safe(&err);
        // Leading and trailing white space (U+2028 and U+3000 among it) is
        // trimmed before the value is checked, as a user would expect.
        let hostile = value.trim().chars().any(|c| cse_pack::text_safety::refused_char(c).is_some() || c == '\u{3000}');
        let visible = !cse_pack::text_safety::is_blank(&value);
        let required = field == "name" || field == "dsl.name";
        let place = format!("org.toml:{line}:{col}: ");
        if (hostile && visible) || (!visible && required) {
            proptest::prop_assert_eq!(out.status.code(), Some(1), "{} = {:?} was accepted", field, value);
            proptest::prop_assert!(err.contains(&place), "{} = {:?}: {}", field, value, err);
            proptest::prop_assert!(err.contains(&format!("`{field}`")) || err.contains("has no name"), "{}", err);
        } else {
            proptest::prop_assert!(out.status.success(), "{} = {:?}: {}", field, value, err);
        }
    }
}
