//! Fonts: the Noto files in `fonts/`, parsed once by the face
//! ([`FontBook::embedded`]) and passed to the core as data, shared by the
//! build and the checks of an organisation's text.
//!
//! A family is the file-name stem before `-` (`NotoSans`); its styles are the
//! suffixes `Regular`, `Bold`, `Italic`, `BoldItalic`. System fonts are never used.

use crate::assets::Tree;
use rustybuzz::Face;
use std::collections::BTreeMap;

/// Index of a face in the [`FontBook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FontId(pub u16);

/// Bold and/or italic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FontStyle {
    pub bold: bool,
    pub italic: bool,
}

impl FontStyle {
    pub const REGULAR: FontStyle = FontStyle {
        bold: false,
        italic: false,
    };
    pub const BOLD: FontStyle = FontStyle {
        bold: true,
        italic: false,
    };
    pub const ITALIC: FontStyle = FontStyle {
        bold: false,
        italic: true,
    };
}

/// One parsed font file.
pub struct FontFace {
    /// File stem, e.g. `NotoSans-Bold`.
    pub name: String,
    pub data: &'static [u8],
    pub face: Face<'static>,
    /// Vertical metrics as fractions of the em.
    pub ascender: f32,
    pub descender: f32,
}

impl FontFace {
    pub fn covers(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }
}

/// Every font of the build, by id and by family and style.
pub struct FontBook {
    faces: Vec<FontFace>,
    families: BTreeMap<String, BTreeMap<&'static str, FontId>>,
}

impl std::fmt::Debug for FontBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The faces by name: their parsed tables say nothing to a reader.
        f.debug_list()
            .entries(self.faces.iter().map(|face| &face.name))
            .finish()
    }
}

impl FontBook {
    /// The fonts embedded in the binary.
    pub fn embedded() -> Self {
        Self::from_files(Tree::embedded_fonts())
    }

    /// Parse `.ttf`/`.otf` files given as (file name, bytes).
    pub fn from_files(files: impl Iterator<Item = (&'static str, &'static [u8])>) -> Self {
        let mut book = FontBook {
            faces: Vec::new(),
            families: BTreeMap::new(),
        };
        for (name, data) in files {
            let Some(stem) = name
                .strip_suffix(".ttf")
                .or_else(|| name.strip_suffix(".otf"))
            else {
                continue;
            };
            let Some(face) = Face::from_slice(data, 0) else {
                continue;
            };
            let (family, style) = stem.split_once('-').unwrap_or((stem, "Regular"));
            let style: &'static str = match style {
                "Bold" => "Bold",
                "Italic" => "Italic",
                "BoldItalic" => "BoldItalic",
                _ => "Regular",
            };
            let upem = face.units_per_em() as f32;
            let id = FontId(u16::try_from(book.faces.len()).expect("fewer than 65536 fonts"));
            book.faces.push(FontFace {
                name: stem.to_string(),
                data,
                ascender: f32::from(face.ascender()) / upem,
                descender: f32::from(face.descender()) / upem,
                face,
            });
            book.families
                .entry(family.to_string())
                .or_default()
                .insert(style, id);
        }
        book
    }

    pub fn face(&self, id: FontId) -> &FontFace {
        &self.faces[usize::from(id.0)]
    }

    pub fn faces(&self) -> impl Iterator<Item = (FontId, &FontFace)> {
        self.faces
            .iter()
            .enumerate()
            .map(|(i, f)| (FontId(i as u16), f))
    }

    /// Every family, in name order.
    pub fn families(&self) -> impl Iterator<Item = &str> {
        self.families.keys().map(String::as_str)
    }

    /// Whether some font has a glyph for `c`.
    pub fn any_covers(&self, c: char) -> bool {
        self.faces.iter().any(|f| f.covers(c))
    }

    pub fn has_family(&self, family: &str) -> bool {
        self.families.contains_key(family)
    }

    /// The face of `family` closest to `style` (a missing italic falls back to upright).
    pub fn resolve(&self, family: &str, style: FontStyle) -> Option<FontId> {
        let styles = self.families.get(family)?;
        let wanted: &[&str] = match (style.bold, style.italic) {
            (false, false) => &["Regular"],
            (true, false) => &["Bold", "Regular"],
            (false, true) => &["Italic", "Regular"],
            (true, true) => &["BoldItalic", "Bold", "Italic", "Regular"],
        };
        wanted.iter().find_map(|s| styles.get(s).copied())
    }

    /// The faces of a stack for one style, first choice first.
    pub fn stack(&self, families: &[String], style: FontStyle) -> Vec<FontId> {
        families
            .iter()
            .filter_map(|f| self.resolve(f, style))
            .collect()
    }

    /// Every character of `text` that no face of the stack has, each once,
    /// in the order it first appears (for `check`).
    pub fn missing_chars(&self, families: &[String], text: &str, style: FontStyle) -> Vec<char> {
        let stack = self.stack(families, style);
        let mut seen = std::collections::HashSet::new();
        text.chars()
            .filter(|c| seen.insert(*c))
            .filter(|c| !is_default_ignorable(*c) && !is_control(*c))
            .filter(|c| !stack.iter().any(|f| self.face(*f).covers(*c)))
            .collect()
    }
}

/// The CSS family name of a font file's family, as the fonts name
/// themselves: `NotoNastaliqUrdu-Regular` or `NotoNastaliqUrdu` →
/// `Noto Nastaliq Urdu`. The HTML twin's `@font-face` rules and the web
/// page's language names both use it.
pub fn css_family(face_or_family: &str) -> String {
    let family = face_or_family
        .split_once('-')
        .map_or(face_or_family, |(f, _)| f);
    let mut out = String::new();
    for (i, c) in family.char_indices() {
        if i > 0 && c.is_ascii_uppercase() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Characters that take the font of their neighbour and never need their own glyph.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// Characters of every stack's first font that need no coverage check (line separators).
pub fn is_control(c: char) -> bool {
    c == '\n' || c == '\r' || c == '\t'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_noto_sans_has_every_style() {
        let book = FontBook::embedded();
        let regular = book.resolve("NotoSans", FontStyle::REGULAR).unwrap();
        let bold = book.resolve("NotoSans", FontStyle::BOLD).unwrap();
        assert_ne!(regular, bold);
        assert_eq!(book.face(bold).name, "NotoSans-Bold");
        assert!(book.face(regular).covers('ŵ'));
        assert!(!book.face(regular).covers('ب'));
    }

    #[test]
    fn css_family_names_a_family_as_its_fonts_do() {
        assert_eq!(css_family("NotoNastaliqUrdu-Regular"), "Noto Nastaliq Urdu");
        assert_eq!(css_family("NotoSansBengali"), "Noto Sans Bengali");
        assert_eq!(css_family("NotoSans-BoldItalic"), "Noto Sans");
    }
}
