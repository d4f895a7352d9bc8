//! Loading: content files (TOML, Markdown with front matter) into the model,
//! with every problem reported as a diagnostic naming its file and line.

mod freshness;
mod frontmatter;
mod glyphs;
mod markdown;
mod strings;
pub mod toml_file;

pub use freshness::{check_freshness, is_uk_phone};
pub use frontmatter::split as split_front_matter;
pub use glyphs::check_coverage;
pub use markdown::to_items as markdown_to_items;

use crate::assets::Tree;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml_file::{TomlDate, parse};

pub use crate::model::NATIONS;

/// The language every other language is checked against.
pub const SOURCE_LANGUAGE: &str = "en";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackConfig {
    id: String,
    version: String,
    reviewed: TomlDate,
    review_by: TomlDate,
    #[serde(default)]
    bilingual: Vec<String>,
    #[serde(default)]
    source: Vec<SourceConfig>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SourceConfig {
    id: String,
    title: String,
    short_title: Option<String>,
    publisher: String,
    date: Option<SourceDateConfig>,
    url: Option<String>,
    confirmed: Confirmed,
    checked: TomlDate,
}

/// `"2017-02"` or `"2015"`.
struct SourceDateConfig(SourceDate);

impl<'de> Deserialize<'de> for SourceDateConfig {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_source_date(&text)
            .map(SourceDateConfig)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{text}` is not a publication date; write it as \"YYYY-MM\" or \"YYYY\""
                ))
            })
    }
}

fn parse_source_date(text: &str) -> Option<SourceDate> {
    let (year, month) = match text.split_once('-') {
        Some((y, m)) if m.len() == 2 => (y, Some(m.parse::<u8>().ok()?)),
        Some(_) => return None,
        None => (text, None),
    };
    if year.len() != 4 || month.is_some_and(|m| !(1..=12).contains(&m)) {
        return None;
    }
    Some(SourceDate {
        year: year.parse().ok()?,
        month,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactsFile {
    #[serde(default)]
    contact: Vec<toml::Spanned<toml::Table>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ContactConfig {
    id: String,
    phone: Option<String>,
    url: Option<String>,
    email: Option<String>,
    text: Option<String>,
    audience: String,
    priority: PriorityConfig,
    nations: Vec<String>,
    hours: Option<String>,
    source: String,
    confirmed: Confirmed,
    checked: TomlDate,
    #[serde(default)]
    advice: bool,
    #[serde(default)]
    stands_in_for: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum PriorityConfig {
    Emergency,
    Helpline,
    Local,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LanguageConfig {
    tag: String,
    name: String,
    native_name: String,
    script: String,
    direction: DirectionConfig,
    fonts: Vec<String>,
    #[serde(default = "one")]
    line_height: f32,
    text_layer: Option<String>,
    status: StatusConfig,
    reviewer: Option<String>,
    reviewed: Option<TomlDate>,
}

fn one() -> f32 {
    1.0
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum DirectionConfig {
    Ltr,
    Rtl,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum StatusConfig {
    Draft,
    Reviewed,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BlockFront {
    heading: String,
    source: Option<String>,
    #[serde(default)]
    quoted: bool,
    #[serde(default)]
    nations: Vec<String>,
    locator: Option<String>,
    #[serde(default)]
    excerpt: bool,
    translated_from: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuotesConfig {
    #[serde(default)]
    quote: Vec<QuoteConfig>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct QuoteConfig {
    id: String,
    text: String,
    attribution: String,
    source: String,
    translated_from: Option<String>,
}

/// Load and validate a content tree. Every problem found is returned at once.
pub fn load_content(tree: &Tree) -> Result<Content, Diagnostics> {
    match load_content_partial(tree) {
        (Some(content), diags) if !diags.has_errors() => Ok(content),
        (_, diags) => Err(diags),
    }
}

/// Load what can be loaded: a language whose files have errors is left out,
/// so `check` can still lay out the others and report everything in one run.
/// `None` only when `pack.toml` or `contacts.toml` cannot be read.
pub fn load_content_partial(tree: &Tree) -> (Option<Content>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let pack = load_pack(tree).map_err(|d| diags.push(d)).ok();
    let contacts = match load_contacts(tree) {
        Ok((contacts, problems)) => {
            diags.extend(problems);
            Some(contacts)
        }
        Err(d) => {
            diags.push(d);
            None
        }
    };

    let mut languages = BTreeMap::new();
    let mut offsets = BTreeMap::new();
    for code in language_codes(tree) {
        match load_language(tree, &code) {
            Ok((lang, key_offsets)) => {
                offsets.insert(code.clone(), key_offsets);
                languages.insert(code, lang);
            }
            Err(ds) => diags.extend(ds.0),
        }
    }
    if !languages.contains_key(SOURCE_LANGUAGE) && !tree.paths().any(|p| p == "en/language.toml") {
        diags.push(
            Diagnostic::error(format!("no `{SOURCE_LANGUAGE}` language folder"))
                .in_file(tree.display(SOURCE_LANGUAGE))
                .with_hint(
                    "every pack needs English content; other languages are checked against it",
                ),
        );
    }
    if let (Some(pack), Some(contacts)) = (pack, contacts) {
        let content = Content {
            pack,
            contacts,
            languages,
        };
        check_cross_references(tree, &content, &offsets, &mut diags);
        return (Some(content), diags);
    }
    (None, diags)
}

/// Language folders: every top-level folder that has a `language.toml`.
fn language_codes(tree: &Tree) -> Vec<String> {
    tree.paths()
        .filter_map(|p| p.strip_suffix("/language.toml"))
        .filter(|code| !code.contains('/'))
        .map(str::to_string)
        .collect()
}

fn load_pack(tree: &Tree) -> Result<Pack, Diagnostic> {
    let rel = "pack.toml";
    let src = tree.text(rel)?;
    let cfg: PackConfig = parse(
        src,
        &tree.display(rel),
        "see the built-in content/pack.toml for its shape",
    )?;
    Ok(Pack {
        id: cfg.id,
        version: cfg.version,
        reviewed: cfg.reviewed.0,
        review_by: cfg.review_by.0,
        bilingual: cfg.bilingual,
        sources: cfg
            .source
            .into_iter()
            .map(|s| Source {
                id: s.id,
                title: s.title,
                short_title: s.short_title,
                publisher: s.publisher,
                date: s.date.map(|d| d.0),
                url: s.url,
                confirmed: s.confirmed,
                checked: s.checked.0,
            })
            .collect(),
    })
}

/// Contact records; a record with a problem is reported and left out, and
/// the rest still load (so `check` can report everything in one run).
fn load_contacts(tree: &Tree) -> Result<(Vec<Contact>, Vec<Diagnostic>), Diagnostic> {
    let rel = "contacts.toml";
    let src = tree.text(rel)?;
    let display = tree.display(rel);
    let hint =
        "each [[contact]] needs id, audience, priority, nations, source, confirmed and checked";
    let file: ContactsFile = parse(src, &display, hint)?;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for record in file.contact {
        let span = record.span();
        let c: ContactConfig = match toml::Value::Table(record.into_inner()).try_into() {
            Ok(c) => c,
            Err(e) => {
                let message = e.message().trim().to_string();
                // Point at the offending key if the message names one, else the record.
                let key = message.split('`').nth(1).unwrap_or("").to_string();
                let end = src[span.end..]
                    .find("[[")
                    .map_or(src.len(), |i| span.end + i);
                let at = src[span.start..end]
                    .find(&format!("\n{key} "))
                    .map_or(span.start, |i| span.start + i + 1);
                problems.push(
                    Diagnostic::error(message)
                        .in_file(&display)
                        .at_offset(src, at)
                        .with_hint(if key.is_empty() {
                            hint.to_string()
                        } else {
                            format!("check `{key}`; {hint}")
                        }),
                );
                continue;
            }
        };
        let reachable =
            c.phone.is_some() || c.url.is_some() || c.email.is_some() || c.text.is_some();
        if !reachable && !c.advice {
            problems.push(
                Diagnostic::error(format!(
                    "contact `{}` has no phone, url, email or text",
                    c.id
                ))
                .in_file(&display)
                .at_offset(src, span.start)
                .with_hint("a contact record must say how to reach it, or be `advice = true`"),
            );
            continue;
        }
        out.push(Contact {
            id: c.id,
            phone: c.phone,
            url: c.url,
            email: c.email,
            text: c.text,
            audience: c.audience,
            priority: match c.priority {
                PriorityConfig::Emergency => Priority::Emergency,
                PriorityConfig::Helpline => Priority::Helpline,
                PriorityConfig::Local => Priority::Local,
            },
            nations: c.nations,
            hours: c.hours,
            source: c.source,
            confirmed: c.confirmed,
            checked: c.checked.0,
            advice: c.advice,
            stands_in_for: c.stands_in_for,
        });
    }
    Ok((out, problems))
}

type KeyOffsets = BTreeMap<String, usize>;

fn load_language(tree: &Tree, code: &str) -> Result<(Language, KeyOffsets), Diagnostics> {
    let mut diags = Diagnostics::default();
    let rel = format!("{code}/language.toml");
    let cfg: Option<LanguageConfig> = tree
        .text(&rel)
        .and_then(|src| {
            parse(
                src,
                &tree.display(&rel),
                "see content/en/language.toml for its shape",
            )
        })
        .map_err(|d| diags.push(d))
        .ok();

    let rel = format!("{code}/strings.toml");
    let strings = match tree.text(&rel) {
        Ok(src) => strings::parse(src, &tree.display(&rel))
            .map_err(|ds| diags.extend(ds))
            .ok(),
        Err(d) => {
            diags.push(d);
            None
        }
    };

    let mut blocks = BTreeMap::new();
    let prefix = format!("{code}/");
    let md_files: Vec<String> = tree
        .paths()
        .filter(|p| {
            p.starts_with(&prefix) && p.ends_with(".md") && !p[prefix.len()..].contains('/')
        })
        .map(str::to_string)
        .collect();
    for rel in md_files {
        match load_block(tree, &rel) {
            Ok(block) => {
                blocks.insert(block.id.clone(), block);
            }
            Err(d) => diags.push(d),
        }
    }

    let rel = format!("{code}/quotes.toml");
    let quotes: Option<QuotesConfig> = tree
        .text(&rel)
        .and_then(|src| {
            parse(
                src,
                &tree.display(&rel),
                "each [[quote]] needs id, text, attribution and source",
            )
        })
        .map_err(|d| diags.push(d))
        .ok();

    match (cfg, strings, quotes) {
        (Some(cfg), Some(strings), Some(quotes)) if !diags.has_errors() => Ok((
            Language {
                code: code.to_string(),
                tag: cfg.tag,
                name: cfg.name,
                native_name: cfg.native_name,
                script: cfg.script,
                direction: match cfg.direction {
                    DirectionConfig::Ltr => Direction::Ltr,
                    DirectionConfig::Rtl => Direction::Rtl,
                },
                fonts: cfg.fonts,
                line_height: if cfg.line_height.is_finite() {
                    cfg.line_height.clamp(0.5, 2.0)
                } else {
                    1.0
                },
                text_layer: cfg.text_layer,
                status: match cfg.status {
                    StatusConfig::Draft => Status::Draft,
                    StatusConfig::Reviewed => Status::Reviewed,
                },
                reviewer: cfg.reviewer,
                reviewed: cfg.reviewed.map(|d| d.0),
                strings: strings.strings,
                blocks,
                quotes: quotes
                    .quote
                    .into_iter()
                    .map(|q| Quote {
                        id: q.id,
                        text: q.text,
                        attribution: q.attribution,
                        source: q.source,
                        translated_from: q.translated_from,
                    })
                    .collect(),
            },
            strings.offsets,
        )),
        _ => Err(diags),
    }
}

fn load_block(tree: &Tree, rel: &str) -> Result<Block, Diagnostic> {
    let src = tree.text(rel)?;
    let display = tree.display(rel);
    let split = split_front_matter(src).map_err(|(at, msg)| {
        Diagnostic::error(msg)
            .in_file(&display)
            .at_offset(src, at)
            .with_hint("a block starts with `+++`, then TOML such as `heading = \"…\"`, then `+++`")
    })?;
    let front: BlockFront = toml::from_str(split.front).map_err(|e| {
        let mut d = toml_file::from_toml_error(&e, split.front, &display, "");
        let at = split.front_offset + e.span().map_or(0, |s| s.start);
        d = d.at_offset(src, at);
        d
    })?;
    let items = markdown_to_items(split.body).map_err(|(at, msg)| {
        Diagnostic::error(msg)
            .in_file(&display)
            .at_offset(src, split.body_offset + at)
            .with_hint("blocks take paragraphs, `-` lists, *italic* and **bold**")
    })?;
    let id = rel
        .rsplit('/')
        .next()
        .and_then(|f| f.strip_suffix(".md"))
        .expect("filtered on .md")
        .to_string();
    if let Some((_, nation)) = id.split_once('.')
        && !NATIONS.contains(&nation)
    {
        return Err(Diagnostic::error(format!("`{nation}` in `{id}.md` is not a nation"))
            .in_file(&display)
            .at(1, 1)
            .with_hint("a nation's own version is named like `definition.wales.md`: england, wales, scotland or northern-ireland"));
    }
    Ok(Block {
        id,
        heading: front.heading,
        source: front.source,
        quoted: front.quoted,
        nations: front.nations,
        locator: front.locator,
        excerpt: front.excerpt,
        translated_from: front.translated_from,
        items,
    })
}

/// Checks across files: keys against `en`, and that source ids exist.
fn check_cross_references(
    tree: &Tree,
    content: &Content,
    offsets: &BTreeMap<String, KeyOffsets>,
    diags: &mut Diagnostics,
) {
    let Some(en) = content.languages.get(SOURCE_LANGUAGE) else {
        return;
    };
    for (code, lang) in &content.languages {
        let src = tree.text(&format!("{code}/strings.toml")).unwrap_or("");
        diags.extend(strings::check_values(
            &lang.strings,
            &en.strings,
            offsets.get(code),
            src,
            &tree.display(&format!("{code}/strings.toml")),
        ));
        let strings_file = tree.display(&format!("{code}/strings.toml"));
        for key in en.strings.0.keys() {
            if !lang.strings.0.contains_key(key) {
                diags.push(
                    Diagnostic::error(format!("missing key `{key}`"))
                        .in_file(&strings_file)
                        .at(1, 1)
                        .with_hint(format!(
                            "every language needs the keys that {SOURCE_LANGUAGE} has"
                        )),
                );
            }
        }
        if let Some(key_offsets) = offsets.get(code) {
            let src = tree.text(&format!("{code}/strings.toml")).unwrap_or("");
            for (key, at) in key_offsets {
                if !en.strings.0.contains_key(key) {
                    diags.push(
                        Diagnostic::error(format!("unknown key `{key}`"))
                            .in_file(&strings_file)
                            .at_offset(src, *at)
                            .with_hint(format!(
                                "{SOURCE_LANGUAGE} has no such key; check its spelling"
                            )),
                    );
                }
            }
        }
        for id in en.blocks.keys().filter(|id| !id.contains('.')) {
            if !lang.blocks.contains_key(id) {
                diags.push(
                    Diagnostic::error(format!("missing block `{id}.md`"))
                        .in_file(tree.display(&format!("{code}/{id}.md")))
                        .with_hint(format!(
                            "every language needs the blocks that {SOURCE_LANGUAGE} has"
                        )),
                );
            }
        }
        for q in &en.quotes {
            if lang.quote(&q.id).is_none() {
                diags.push(
                    Diagnostic::error(format!("missing quote `{}`", q.id))
                        .in_file(tree.display(&format!("{code}/quotes.toml")))
                        .with_hint(format!(
                            "every language needs the quotes that {SOURCE_LANGUAGE} has"
                        )),
                );
            }
        }
        for q in &lang.quotes {
            if content.source(&q.source).is_none() {
                diags.push(unknown_source(
                    tree,
                    &format!("{code}/quotes.toml"),
                    &q.source,
                ));
            }
        }
        for b in lang.blocks.values() {
            if let Some(s) = &b.source
                && content.source(s).is_none()
            {
                diags.push(unknown_source(tree, &format!("{code}/{}.md", b.id), s));
            }
        }
    }
}

fn unknown_source(tree: &Tree, rel: &str, id: &str) -> Diagnostic {
    let src = tree.text(rel).unwrap_or("");
    let at = src.find(&format!("\"{id}\"")).unwrap_or(0);
    Diagnostic::error(format!("source `{id}` does not exist"))
        .in_file(tree.display(rel))
        .at_offset(src, at)
        .with_hint("source ids are the `id`s of the [[source]] tables in pack.toml")
}
