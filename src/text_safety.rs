//! Characters an organisation's text may not carry: bidi controls that would
//! reorder what is printed (a phone number printed backwards), control
//! characters, noncharacters and invisible formatting characters.

/// Why a character is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Changes the direction of the text around it.
    Bidi,
    /// A C0 or C1 control character (TAB, NUL, ESC, …).
    Control,
    /// An invisible formatting character (zero-width space, byte order mark, …).
    Format,
    /// A code point Unicode promises never to assign.
    Noncharacter,
}

impl Refusal {
    /// What the character does, for a message.
    pub fn explain(self) -> &'static str {
        match self {
            Refusal::Bidi => {
                "an invisible character that changes the direction of the text around it (it can print a phone number backwards)"
            }
            Refusal::Control => "a control character, which cannot be printed",
            Refusal::Format => "an invisible formatting character",
            Refusal::Noncharacter => "a noncharacter, which is not text",
        }
    }
}

/// Why `c` may not be in an organisation's text, or `None` if it may.
/// Zero-width joiner and non-joiner are allowed: Urdu, Persian and Bengali
/// spelling needs them.
pub fn refused_char(c: char) -> Option<Refusal> {
    let u = c as u32;
    if matches!(u, 0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C) {
        Some(Refusal::Bidi)
    } else if c.is_control() {
        Some(Refusal::Control)
    } else if (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE {
        Some(Refusal::Noncharacter)
    } else if is_format(c) && !matches!(c, '\u{200C}' | '\u{200D}') {
        Some(Refusal::Format)
    } else {
        None
    }
}

/// Unicode's format characters (general category Cf), and the line and
/// paragraph separators, which break a line where no one can see why.
fn is_format(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x0890..=0x0891
        | 0x08E2 | 0x180E | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2064
        | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD
        | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0001 | 0xE0020..=0xE007F)
}

/// True if `s` has nothing a reader could see: only spaces and invisible
/// characters (a value of zero-width spaces is empty).
pub fn is_blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || is_format(c) || c.is_control())
}

/// `U+202E RIGHT-TO-LEFT OVERRIDE`: the code point and, for the characters
/// this module refuses by name, the Unicode name.
pub fn describe_char(c: char) -> String {
    match char_name(c) {
        Some(name) => format!("U+{:04X} {name}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

fn char_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{0}' => "NULL",
        '\u{8}' => "BACKSPACE",
        '\t' => "CHARACTER TABULATION (tab)",
        '\n' => "LINE FEED (new line)",
        '\r' => "CARRIAGE RETURN",
        '\u{1B}' => "ESCAPE",
        '\u{7F}' => "DELETE",
        '\u{85}' => "NEXT LINE",
        '\u{AD}' => "SOFT HYPHEN",
        '\u{61C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
        '\u{FFFE}' | '\u{FFFF}' => "noncharacter",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_controls_are_refused_by_name() {
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            assert_eq!(refused_char(c), Some(Refusal::Bidi), "{c:?}");
            assert!(describe_char(c).len() > 6, "{}", describe_char(c));
        }
        assert_eq!(describe_char('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
    }

    #[test]
    fn controls_noncharacters_and_invisible_formatting_are_refused() {
        for c in ['\0', '\t', '\n', '\u{1B}', '\u{9B}'] {
            assert_eq!(refused_char(c), Some(Refusal::Control), "{c:?}");
        }
        for c in [
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{FDD0}',
            '\u{1FFFF}',
            '\u{10FFFE}',
        ] {
            assert_eq!(refused_char(c), Some(Refusal::Noncharacter), "{c:?}");
        }
        for c in ['\u{FEFF}', '\u{200B}', '\u{AD}', '\u{2060}', '\u{E0041}'] {
            assert_eq!(refused_char(c), Some(Refusal::Format), "{c:?}");
        }
    }

    #[test]
    fn letters_of_every_script_and_joiners_are_allowed() {
        for s in [
            "Ms Jane Doe",
            "Zoë Łukasiewicz",
            "مرکز النور",
            "রাজিয়া",
            "Siân ap Gwilym",
            "می\u{200C}خواهم",
        ] {
            assert!(s.chars().all(|c| refused_char(c).is_none()), "{s}");
            assert!(!is_blank(s));
        }
        assert!(is_blank("\u{200B}\u{200B} \u{FEFF}"));
        assert!(is_blank(""));
    }
}
