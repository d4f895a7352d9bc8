//! The content model: the pack, its contacts and languages, as loaded and
//! validated from `content/`.

use super::{Date, Nation};

use std::collections::BTreeMap;
use std::fmt;

/// Everything one build prints: the pack, its contacts and its languages.
#[derive(Debug, Clone)]
pub struct Content {
    pub pack: Pack,
    pub contacts: Vec<Contact>,
    /// By folder name (`en`, `cy`, …), sorted.
    pub languages: BTreeMap<String, Language>,
    /// Where each value was in its file, for diagnostics made after loading.
    pub spans: crate::diag::SourceMap,
}

impl Content {
    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// The record for contact `id` that applies in `nation`: of those listing
    /// the nation, the one listing the fewest (a nation's own record beats a
    /// UK-wide one).
    pub fn contact_for(&self, id: &str, nation: Nation) -> Option<&Contact> {
        self.contacts
            .iter()
            .filter(|c| c.id == id && c.nations.contains(&nation))
            .min_by_key(|c| c.nations.len())
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.pack.sources.iter().find(|s| s.id == id)
    }
}

/// `pack.toml`: the pack's identity, dates and sources.
#[derive(Debug, Clone)]
pub struct Pack {
    pub id: String,
    pub version: String,
    pub reviewed: Date,
    pub review_by: Date,
    pub sources: Vec<Source>,
    /// Bilingual posters built by default (`cy+en`), first language first.
    pub bilingual: Vec<super::Pair>,
}

/// The language a source's publisher and title are written in (BCP 47): the
/// pack's sources are British publications, named as published, in English.
/// Printed in another language's document, they are tagged with it.
pub const SOURCE_LANG: &str = "en-GB";

/// A publication the content quotes or draws on.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    /// The title as printed under a quoted block, after the publisher
    /// (`National Guidance …, version 1.0`); none prints the publisher alone.
    pub short_title: Option<String>,
    pub publisher: String,
    pub date: Option<SourceDate>,
    pub url: Option<String>,
    pub confirmed: Confirmed,
    /// The day its words were confirmed, by the means `confirmed` names.
    pub checked: Date,
}

/// A publication's date: a year, or a month of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceDate {
    pub year: u16,
    pub month: Option<u8>,
}

/// How a source's words or a contact's number were confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
pub enum Confirmed {
    #[serde(rename = "live page")]
    /// Someone read the publisher's live page (or rang the number) that day.
    LivePage,
    #[serde(rename = "archived copy")]
    /// The exact words seen in an archived copy of the publisher's own page.
    ArchivedCopy,
    #[serde(rename = "third-party copy")]
    /// The exact words seen in a third party's reproduction that names the publisher.
    ThirdPartyCopy,
    #[serde(rename = "seed text")]
    /// Taken from the project's seed text; not seen in the publication.
    SeedText,
}

impl fmt::Display for Confirmed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Confirmed::LivePage => "live page",
            Confirmed::ArchivedCopy => "archived copy",
            Confirmed::ThirdPartyCopy => "third-party copy",
            Confirmed::SeedText => "seed text",
        })
    }
}

/// Who a contact pathway is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    Emergency,
    Helpline,
    Local,
}

/// One way to get help: a phone number, web address or e-mail, with its evidence.
#[derive(Debug, Clone)]
pub struct Contact {
    pub id: String,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    pub text: Option<String>,
    pub audience: String,
    pub priority: Priority,
    pub nations: Vec<Nation>,
    pub hours: Option<String>,
    pub source: String,
    pub confirmed: Confirmed,
    /// The day it was confirmed, by the means `confirmed` names.
    pub checked: Date,
    /// A pathway with no number of its own (Scotland's local social work):
    /// printed as its label and description.
    pub advice: bool,
    /// Records this one points to (where to find the Gateway numbers): it is
    /// printed only on a document that prints none of them.
    pub stands_in_for: Vec<String>,
}

impl Contact {
    /// The main way to reach it, as printed large: the phone number, else the web address.
    pub fn headline(&self) -> &str {
        self.phone
            .as_deref()
            .or(self.url.as_deref())
            .or(self.email.as_deref())
            .or(self.text.as_deref())
            .unwrap_or("")
    }

    /// Secondary ways to reach it, printed small under the description.
    pub fn extras(&self) -> Vec<&str> {
        let headline = self.headline();
        [
            self.url.as_deref(),
            self.email.as_deref(),
            self.text.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| *s != headline)
        .collect()
    }
}

/// Writing direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// Whether a translation has been checked by a fluent reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    Reviewed,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Draft => "draft",
            Status::Reviewed => "reviewed",
        })
    }
}

/// One language's content (`content/<code>/`).
#[derive(Debug, Clone)]
pub struct Language {
    /// The folder name, used in paths (`en`, `cy`).
    pub code: String,
    /// BCP 47 tag written into the PDF (`en-GB`).
    pub tag: String,
    pub name: String,
    pub native_name: String,
    pub script: String,
    pub direction: Direction,
    /// Font families, first choice first (`NotoNastaliqUrdu`, `NotoSans`).
    pub fonts: Vec<String>,
    /// Line-height multiplier for the script (1.0 = the fonts' own metrics).
    pub line_height: f32,
    /// A font family that carries the text of lines set in the first font,
    /// invisibly, for copy/paste and search (`NotoNaskhArabic` under
    /// Nastaliq, whose cascading letters extractors read as separate lines).
    pub text_layer: Option<String>,
    pub status: Status,
    pub reviewer: Option<String>,
    pub reviewed: Option<Date>,
    pub strings: Strings,
    /// Markdown blocks by file stem (`definition`, `something`).
    pub blocks: BTreeMap<String, Block>,
    pub quotes: Vec<Quote>,
}

impl Language {
    pub fn block(&self, id: &str) -> Option<&Block> {
        self.blocks.get(id)
    }

    /// Block `id` as it applies in `nation`: `definition.wales.md` overrides
    /// `definition.md` in Wales.
    pub fn block_for(&self, id: &str, nation: Nation) -> Option<&Block> {
        self.blocks
            .get(&format!("{id}.{nation}"))
            .or_else(|| self.blocks.get(id))
    }

    pub fn quote(&self, id: &str) -> Option<&Quote> {
        self.quotes.iter().find(|q| q.id == id)
    }
}

/// A short string's value.
#[derive(Debug, Clone, PartialEq)]
pub enum StringValue {
    Text(String),
    List(Vec<String>),
}

/// `strings.toml`, flattened to dotted keys (`contacts.nspcc.label`).
#[derive(Debug, Clone, Default)]
pub struct Strings(pub BTreeMap<String, StringValue>);

impl Strings {
    /// The text at `key`; loading has checked that every key `en` has is present.
    pub fn get(&self, key: &str) -> &str {
        match self.0.get(key) {
            Some(StringValue::Text(s)) => s,
            _ => "",
        }
    }

    /// The list at `key` (month names).
    pub fn list(&self, key: &str) -> &[String] {
        match self.0.get(key) {
            Some(StringValue::List(l)) => l,
            _ => &[],
        }
    }

    /// The text at `key` with `{name}` placeholders filled in.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.get(key).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// "November 2026" in this language.
    pub fn month_year(&self, date: Date) -> String {
        self.source_date(SourceDate {
            year: date.year,
            month: Some(date.month),
        })
    }

    /// "February 2017", or "2015", in this language.
    pub fn source_date(&self, date: SourceDate) -> String {
        let Some(m) = date.month else {
            return date.year.to_string();
        };
        let months = self.list("footer.months");
        let month = months
            .get(usize::from(m.saturating_sub(1)))
            .cloned()
            .unwrap_or_else(|| format!("{m:02}"));
        format!("{month} {}", date.year)
    }
}

/// Inline text with emphasis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
}

/// A paragraph or list in a Markdown block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockItem {
    Paragraph(Vec<Span>),
    List(Vec<Vec<Span>>),
}

/// A Markdown block (`definition.md`) with its front matter.
#[derive(Debug, Clone)]
pub struct Block {
    pub id: String,
    pub heading: String,
    /// Source id in `pack.toml`, printed under the block.
    pub source: Option<String>,
    /// The body is a quotation of its source, word for word.
    pub quoted: bool,
    /// Nations this block applies to; empty means all.
    pub nations: Vec<Nation>,
    /// Paragraph numbers in the source (`4.186–4.187`), printed in its line.
    pub locator: Option<String>,
    /// Only part of the source's text, marked as an excerpt.
    pub excerpt: bool,
    /// The language this block was translated from, if it is a translation.
    pub translated_from: Option<String>,
    pub items: Vec<BlockItem>,
}

/// An attributed quote.
#[derive(Debug, Clone)]
pub struct Quote {
    pub id: String,
    pub text: String,
    pub attribution: String,
    pub source: String,
    /// The language it was translated from, if it is a translation.
    pub translated_from: Option<String>,
}
