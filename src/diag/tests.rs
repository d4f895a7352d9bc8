//! Unit tests of the diagnostics module.

use super::*;

#[test]
fn line_and_column_are_one_based_and_count_characters() {
    let src = "a = 1\nb = “x”\nc";
    assert_eq!(line_col(src, 0), (1, 1));
    assert_eq!(line_col(src, 6), (2, 1));
    let c = src.find('c').unwrap();
    assert_eq!(line_col(src, c), (3, 1));
    let x = src.find('x').unwrap();
    assert_eq!(line_col(src, x), (2, 6));
}

#[test]
fn values_in_messages_are_escaped_and_shortened() {
    let long = "é".repeat(10_000);
    let s = shown(&long);
    assert_eq!(s.chars().count(), SHOWN_CHARS + 2, "{s}");
    assert!(s.contains("é…é"), "{s}");
    let path = format!("/home/dsl/{}/org.toml", "Safeguarding posters ".repeat(5));
    assert!(shown(&path).ends_with("/org.toml`"), "{}", shown(&path));
    let escaped = |v: &str| Diagnostic::error(format!("x {}", shown(v))).to_string();
    assert_eq!(escaped("a\u{1b}[2Jb"), "error: x `a\\u{1b}[2Jb`");
    assert_eq!(escaped("x\u{202e}y"), "error: x `x\\u{202e}y`");
    assert_eq!(escaped(&long), format!("error: x {s}"));
    // Everything printed goes through the same filter, the snippet too.
    let source = format!("k = \"\u{1b}[2J{long}\"\n");
    let d = Diagnostic::error(format!("unknown field `{long}` and \u{1b}[2J"))
        .in_file("a\u{7}.toml")
        .at_span(&source, 4..source.len() - 1)
        .with_hint("tab\there");
    let text = d.to_string();
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
    assert!(
        text.contains("\\u{1b}[2J") && text.contains("a\\u{7}.toml"),
        "{text}"
    );
    assert!(text.chars().count() < 600, "{text}");
}

#[test]
fn display_has_message_location_snippet_caret_and_hints() {
    let src = "[poster]\ntitel = \"What is CSE?\"\n";
    let at = src.find("titel").unwrap();
    let d = Diagnostic::error("unknown key `titel`")
        .in_file("my-content/en/strings.toml")
        .at_span(src, at..at + 5)
        .with_hint("did you mean `title`?")
        .with_hint("every language has the keys en has");
    assert_eq!(
        d.to_string(),
        "error: unknown key `titel`\n  --> my-content/en/strings.toml:2:1\n   |\n 2 | titel = \"What is CSE?\"\n   | ^^^^^\n   = hint: did you mean `title`?\n   = hint: every language has the keys en has"
    );
}

#[test]
fn a_caret_stays_under_its_text_after_tabs_and_wide_lines() {
    let src = "\tname = \"x\"\r\n";
    let at = src.find("\"x\"").unwrap();
    let d = Diagnostic::error("m").at_span(src, at..at + 3);
    assert_eq!(
        d.to_string(),
        "error: m\n   |\n 1 |     name = \"x\"\n   |            ^^^"
    );
    let long = format!("{}X{}", "a".repeat(100), "b".repeat(200));
    let at = long.find('X').unwrap();
    let text = Diagnostic::error("m")
        .at_span(&long, at..at + 1)
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let x = lines[2].chars().position(|c| c == 'X').unwrap();
    assert_eq!(lines[3].chars().position(|c| c == '^'), Some(x), "{text}");
    assert!(
        lines[2].starts_with(" 1 | …") && lines[2].ends_with('…'),
        "{text}"
    );
}

#[test]
fn a_span_at_the_end_of_the_file_or_inside_a_character_is_safe() {
    let src = "a = “x";
    let d = Diagnostic::error("m").at_span(src, 5..100);
    assert_eq!(d.span.as_ref().map(|s| (s.line, s.col)), Some((1, 5)));
    let d = Diagnostic::error("m").at_offset("", 3);
    assert_eq!(d.to_string(), "error: m\n   |\n 1 |\n   | ^");
}
