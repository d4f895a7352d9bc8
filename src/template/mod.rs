//! Templates: each product is a TOML file under `templates/` — page size,
//! margins, palette and the regions its components fill. Data, not code.
//! A paper size of the poster design is a short file that extends it
//! (`extend`), resolved when the templates load (`load`).

mod extend;
mod load;

pub use load::{OFFICE_MARGIN_MM, load_some_templates, load_templates, wanted_templates};

use crate::model::Nation;
use crate::model::details::LocalField;
use crate::units::{Color, Length, Pt};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A product template as written in `templates/<id>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TemplateConfig {
    pub id: String,
    /// What the user sees in `cse-pack list` (`A4 poster`).
    pub name: String,
    pub family: Family,
    /// The template this one refines (`poster-a4`): its keys are merged onto
    /// that one's when templates load. Only a poster design is extended.
    pub extends: Option<String>,
    /// How a template that extends another scales the design's lengths.
    pub scale: Option<Scale>,
    /// Which lengths a paper size that extends this design scales, and how
    /// each is rounded, by key (`padding`, `min-size`).
    #[serde(default)]
    pub scaling: BTreeMap<String, ScaleRule>,
    /// This paper size's legibility floors: no region of the component is
    /// set below it (`block = "14pt"`). Not inherited by a template that
    /// extends this one.
    #[serde(default)]
    pub floors: BTreeMap<Component, Length>,
    pub page: PageConfig,
    #[serde(default)]
    pub palette: Palette,
    /// Regions of a single-panel product (a poster): the whole page is one panel.
    #[serde(default, rename = "region")]
    pub regions: Vec<RegionConfig>,
    /// Panels of a folded or imposed product, in reading order (cover first).
    #[serde(default, rename = "panel")]
    pub panels: Vec<PanelConfig>,
    /// Repeat each panel in a grid on its side (wallet cards, 10 to a sheet).
    pub imposition: Option<ImpositionConfig>,
    /// A strings key printed in the footer to tell the printer how to print
    /// (`print.duplex-long-edge`).
    pub print_note: Option<String>,
    /// What the print shop does after printing (folds, cuts), in a sentence
    /// or two of English: `--bleed --zip` writes it in `PRINT-SHOP.txt`.
    pub finishing: Option<String>,
    /// A bilingual product sets twice the text: its size bounds are scaled by this.
    #[serde(default = "bilingual_scale")]
    pub bilingual_scale: f32,
    /// A bilingual product's second language is set at this share of the
    /// first's size (never larger: the first language leads).
    #[serde(default = "second_scale")]
    pub second_scale: f32,
}

/// What kind of product a template is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// One page; the design scales to any paper size (`extends`).
    Poster,
    Leaflet,
    Booklet,
    Card,
}

impl Family {
    /// The name a template writes (`poster`).
    pub fn name(self) -> &'static str {
        match self {
            Family::Poster => "poster",
            Family::Leaflet => "leaflet",
            Family::Booklet => "booklet",
            Family::Card => "card",
        }
    }
}

/// How a paper size scales the design it extends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// By the square root of the ratio of the page areas (`"area"`): the
    /// same proportions, read from a distance that grows with the page.
    Area,
    /// By the ratio of the page widths (`"width"`).
    Width,
    /// By this factor (`1.5`).
    Factor(f64),
}

impl<'de> Deserialize<'de> for Scale {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let bad = |shown: String| {
            serde::de::Error::custom(format!(
                "`scale = {shown}` is not a scale rule; write `\"area\"` (by the square root of the page areas' ratio), `\"width\"`, or a factor above 0 such as `1.5`"
            ))
        };
        Ok(match toml::Value::deserialize(d)? {
            toml::Value::String(s) if s == "area" => Scale::Area,
            toml::Value::String(s) if s == "width" => Scale::Width,
            toml::Value::Float(k) if k.is_finite() && k > 0.0 => Scale::Factor(k),
            toml::Value::Integer(k) if k > 0 => Scale::Factor(k as f64),
            toml::Value::String(s) => return Err(bad(format!("\"{s}\""))),
            other => return Err(bad(other.to_string())),
        })
    }
}

/// How one length of the design is scaled for a paper size that extends it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScaleRule {
    /// Rounded to this many decimal places of the unit it is written in.
    pub decimals: u8,
    /// Never below this length (`"10mm"`).
    pub least: Option<String>,
}

/// The lengths of a page or region a `[scaling]` rule may name.
const SCALABLE: &[&str] = &[
    "margin",
    "padding",
    "radius",
    "qr-size",
    "min-size",
    "max-size",
    "website-size",
];

/// One face of a folded or imposed product: a rectangle of a sheet side with
/// its own regions. Text keeps `margin` clear of the panel's edges (the folds).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PanelConfig {
    /// What the panel is (`cover`, `back`, `inside-left`), for messages and tests.
    pub name: String,
    /// Sheet side: 0 = front (outside), 1 = back (inside).
    #[serde(default)]
    pub side: usize,
    pub x: Length,
    pub y: Length,
    pub w: Length,
    pub h: Length,
    #[serde(default = "no_length")]
    pub margin: Length,
    #[serde(rename = "region")]
    pub regions: Vec<RegionConfig>,
}

/// A grid of identical panels on each side, backs mirrored for duplex printing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ImpositionConfig {
    pub columns: usize,
    pub rows: usize,
}

/// The finished page and its safe margin.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PageConfig {
    pub width: Length,
    pub height: Length,
    /// Nothing is placed nearer the edge than this.
    pub margin: Length,
    /// Printed sides (2 for a two-sided leaflet or card sheet).
    #[serde(default = "one_side")]
    pub sides: usize,
}

fn one_side() -> usize {
    1
}

/// Named colours a template's regions use.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Palette {
    pub paper: Color,
    pub ink: Color,
    pub muted: Color,
    pub primary: Color,
    pub on_primary: Color,
    pub accent: Color,
    pub on_accent: Color,
    pub surface: Color,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            paper: Color::WHITE,
            ink: Color::rgb(0x1B, 0x1B, 0x1F),
            muted: Color::rgb(0x4A, 0x50, 0x5A),
            primary: Color::rgb(0x16, 0x32, 0x4F),
            on_primary: Color::WHITE,
            accent: Color::rgb(0xF5, 0xB0, 0x41),
            on_accent: Color::rgb(0x1B, 0x1B, 0x1F),
            surface: Color::rgb(0xEC, 0xF0, 0xF5),
        }
    }
}

impl Palette {
    /// The colour `name` stands for in this palette.
    pub fn get(&self, name: PaletteColor) -> Color {
        match name {
            PaletteColor::Paper => self.paper,
            PaletteColor::Ink => self.ink,
            PaletteColor::Muted => self.muted,
            PaletteColor::Primary => self.primary,
            PaletteColor::OnPrimary => self.on_primary,
            PaletteColor::Accent => self.accent,
            PaletteColor::OnAccent => self.on_accent,
            PaletteColor::Surface => self.surface,
        }
    }
}

/// A colour of the palette by its role, as a region's `fill` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaletteColor {
    Paper,
    Ink,
    Muted,
    Primary,
    OnPrimary,
    Accent,
    OnAccent,
    Surface,
}

/// What fills a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Component {
    /// Kicker, title (H1) and tagline.
    Header,
    /// A Markdown block with its heading.
    Block,
    /// An attributed quote.
    Quote,
    /// The call to action and the contact list.
    Contacts,
    /// Sources, the checked date, the pack version and the translation status.
    Footer,
    /// The organisation's own contacts and a QR code for its web page.
    Local,
}

/// One rectangle of the page and what goes in it. Positions are relative to
/// the page's margin box; `%` is a share of it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RegionConfig {
    /// What a template that extends this one calls the region to refine it.
    pub name: Option<String>,
    pub component: Component,
    pub x: Length,
    pub y: Length,
    pub w: Length,
    pub h: Length,
    /// Bounds of the component's body text size; auto-fit picks within them.
    pub min_size: Length,
    pub max_size: Length,
    #[serde(default = "no_length")]
    pub padding: Length,
    /// The palette colour to fill the region with.
    pub fill: Option<PaletteColor>,
    /// With `--bleed`, the fill runs off the trim into the bleed on the sides
    /// where the region touches the margin.
    #[serde(default)]
    pub bleed: bool,
    #[serde(default = "no_length")]
    pub radius: Length,
    /// `block`: which Markdown block (`definition`).
    pub block: Option<String>,
    /// `block`: how many columns a list is set in.
    #[serde(default = "one")]
    pub list_columns: u8,
    /// `block`, in two languages: only the first or only the second
    /// language's part, with its own source line — so a block too long for
    /// one panel in both languages can take two panels, one for each.
    pub language: Option<LanguagePart>,
    /// `quote`: which quote (`jackson`).
    pub quote: Option<String>,
    /// `contacts`: contact ids, in the order printed.
    #[serde(default)]
    pub contacts: Vec<String>,
    /// `contacts`: print the call to action above the list. `local`: head the
    /// panel "In this organisation — `<name>`" (else the name alone).
    #[serde(default = "yes")]
    pub show_heading: bool,
    /// `contacts`: size of the numbers relative to the body text.
    #[serde(default = "number_scale")]
    pub number_scale: f32,
    /// `contacts`: print each contact's description under its label.
    #[serde(default = "yes")]
    pub show_descriptions: bool,
    /// `contacts`: a strings key for a heading over the list, in place of
    /// the call to action (`nation.gateway-heading`).
    pub heading: Option<String>,
    /// `contacts`: set the contacts in this many columns, each a label over
    /// its number (a compact grid, for a set of numbers of one kind).
    #[serde(default = "one_column")]
    pub columns: u8,
    /// `footer`: list the sources.
    #[serde(default = "yes")]
    pub show_sources: bool,
    /// Use this region only with (`org`) or without (`no-org`) an organisation,
    /// or only in a bilingual (`bilingual`) or single-language (`monolingual`)
    /// product; a list means all of them.
    #[serde(default, deserialize_with = "one_or_many")]
    pub when: Vec<When>,
    /// `local`: size of the QR code for the organisation's web address.
    #[serde(default = "qr_size")]
    pub qr_size: Length,
    /// `local`: what the panel carries of the organisation's details, most
    /// important first (`dsl`, `dsl.email`, `deputy-dsl`, `website`; see
    /// `layout::carry`). The lead is always shown; the rest is left off from
    /// the end, with a warning, only when it cannot fit at `min-size`.
    #[serde(default = "all_local")]
    pub priority: Vec<LocalField>,
    /// `local`: size of the web address printed with the QR code.
    #[serde(default = "website_size")]
    pub website_size: Length,
    /// `header`: strings keys for the kicker, title and tagline; `""` leaves one out.
    pub kicker: Option<String>,
    pub title: Option<String>,
    pub tagline: Option<String>,
}

/// Which language of a bilingual product a region shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LanguagePart {
    First,
    Second,
}

impl LanguagePart {
    /// Whether a region showing this part shows the language that is
    /// first (`first`) or second in the product.
    pub fn shows(self, first: bool) -> bool {
        match self {
            LanguagePart::First => first,
            LanguagePart::Second => !first,
        }
    }
}

/// When a region is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Org,
    NoOrg,
    Bilingual,
    Monolingual,
    /// Only in this nation's edition (`northern-ireland`).
    In(Nation),
    /// In every edition but this nation's (`not-northern-ireland`).
    NotIn(Nation),
}

impl When {
    /// Whether the condition holds for a product with or without an
    /// organisation, in one or two languages, in `nation`'s edition.
    pub fn holds(self, org: bool, bilingual: bool, nation: Nation) -> bool {
        match self {
            When::Org => org,
            When::NoOrg => !org,
            When::Bilingual => bilingual,
            When::Monolingual => !bilingual,
            When::In(n) => n == nation,
            When::NotIn(n) => n != nation,
        }
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(match text.as_str() {
            "org" => When::Org,
            "no-org" => When::NoOrg,
            "bilingual" => When::Bilingual,
            "monolingual" => When::Monolingual,
            n if let Ok(nation) = n.parse() => When::In(nation),
            n if let Some(Ok(nation)) = n.strip_prefix("not-").map(str::parse) => {
                When::NotIn(nation)
            }
            other => {
                return Err(serde::de::Error::custom(format!(
                    "unknown condition `{other}`, expected `org`, `no-org`, `bilingual`, `monolingual`, a nation (`northern-ireland`) or `not-` and a nation"
                )));
            }
        })
    }
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<When>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(When),
        Many(Vec<When>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(w) => vec![w],
        OneOrMany::Many(v) => v,
    })
}

fn one_column() -> u8 {
    1
}

/// A bilingual product sets twice the text in the same room: by default its
/// size bounds are a little under 1/√2 ≈ 0.71 of the usual, the scale at
/// which twice the text takes the same area.
const BILINGUAL_SCALE: f32 = 0.66;

/// The QR code for an organisation's web address, unless a template says:
/// the posters' smallest (README: at least 20 mm on posters).
const QR_MM: f32 = 20.0;

/// The web address under the QR code, unless a template says: the leaflets'
/// floor for body text (DESIGN.md: leaflets never below 11 pt).
const WEBSITE_PT: f32 = 11.0;

/// Phone numbers are set this much larger than the body text, unless a
/// template says: they are what a reader copies down from across a room
/// ("the phone numbers are big, bold and aligned", DESIGN.md).
const NUMBER_SCALE: f32 = 1.45;

fn second_scale() -> f32 {
    1.0
}

fn bilingual_scale() -> f32 {
    BILINGUAL_SCALE
}

fn qr_size() -> Length {
    Length::Abs(Pt::from_mm(QR_MM))
}

fn all_local() -> Vec<LocalField> {
    LocalField::ALL.to_vec()
}

fn website_size() -> Length {
    Length::Abs(Pt(WEBSITE_PT))
}

fn number_scale() -> f32 {
    NUMBER_SCALE
}

fn yes() -> bool {
    true
}

fn no_length() -> Length {
    Length::Abs(Pt(0.0))
}

fn one() -> u8 {
    1
}

/// A template with its lengths resolved to points.
#[derive(Debug, Clone)]
pub struct Template {
    pub config: TemplateConfig,
    /// Its file as the user knows it (`my-templates/poster-a4.toml`, or
    /// `templates/…` for the built-in ones), for problems found after loading.
    pub file: String,
    /// Finished (trim) size of each sheet side.
    pub width: f32,
    pub height: f32,
    pub margin: f32,
    /// Panels in reading order, their rectangles resolved on the trim.
    pub panels: Vec<Panel>,
}

/// A panel with its rectangle in points on its sheet side's trim.
#[derive(Debug, Clone)]
pub struct Panel {
    pub name: String,
    pub side: usize,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub margin: f32,
    pub regions: Vec<RegionConfig>,
}

impl Template {
    pub fn id(&self) -> &str {
        &self.config.id
    }

    /// Printed sides of the sheet.
    pub fn sides(&self) -> usize {
        self.config.page.sides.max(1)
    }
}
