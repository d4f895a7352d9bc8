//! The twin's stylesheet: the leaflet's design for a screen (the title band
//! in the brand colour, the contact panel in the accent, readable type) and
//! for paper, with the fonts a reader's system may lack embedded whole.

use crate::fonts::{FontBook, FontId};
use crate::template::Palette;
use base64::Engine as _;
use std::fmt::Write as _;

/// The fonts' licence, kept with the fonts it covers.
const OFL: &str = include_str!("../../fonts/OFL.txt");

/// `@font-face` rules embedding `faces` whole, with the licence that
/// permits it. (`subsetter`, which krilla uses, drops the `cmap` and layout
/// tables a browser needs to shape Nastaliq or Bengali, so no subsets.)
pub(super) fn font_faces(book: &FontBook, faces: &[FontId]) -> String {
    if faces.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "/* The fonts below are embedded from cse-pack's fonts/ folder under the \
         SIL Open Font License 1.1, which permits embedding; its text:\n\n",
    );
    out.push_str(&OFL.replace("*/", "* /"));
    out.push_str("\n*/\n");
    for id in faces {
        let face = book.face(*id);
        let style = face.name.split_once('-').map_or("Regular", |(_, s)| s);
        let weight = if style.starts_with("Bold") { 700 } else { 400 };
        let italic = if style.ends_with("Italic") {
            "italic"
        } else {
            "normal"
        };
        writeln!(
            out,
            "@font-face{{font-family:\"{}\";font-weight:{weight};font-style:{italic};\
             font-display:swap;src:url(data:font/ttf;base64,{}) format(\"truetype\")}}",
            crate::fonts::css_family(&face.name),
            base64::engine::general_purpose::STANDARD.encode(face.data)
        )
        .expect("string write");
    }
    out
}

/// The stylesheet: `families` first in the font stack, lines `line_height`
/// apart.
pub(super) fn stylesheet(palette: &Palette, families: &[String], line_height: f32) -> String {
    let mut stack: Vec<String> = families.iter().map(|f| format!("\"{f}\"")).collect();
    let latin = [
        "\"Noto Sans\"",
        "system-ui",
        "-apple-system",
        "\"Segoe UI\"",
        "Roboto",
        "Arial",
        "sans-serif",
    ]
    .join(",");
    stack.push(latin.clone());
    let p = palette;
    format!(
        ":root{{--paper:{paper};--ink:{ink};--muted:{muted};--primary:{primary};\
         --on-primary:{on_primary};--accent:{accent};--on-accent:{on_accent};--surface:{surface}}}
*{{box-sizing:border-box}}
html{{background:var(--paper);color:var(--ink)}}
body{{margin:0;font-family:{stack};font-size:1.125rem;line-height:{lh:.2}}}
[lang^=en]{{font-family:{latin}}}
.nw{{white-space:nowrap}}
html[dir=rtl] p[dir=ltr]{{text-align:right}}
.band{{background:var(--primary);color:var(--on-primary)}}
.band>div,main{{max-width:46rem;margin:0 auto;padding:1.25rem 1.25rem}}
.band>div{{padding-top:2rem;padding-bottom:2rem}}
.band h1{{font-size:clamp(2rem,6vw,3rem);line-height:{lh_tight:.2};margin:.15em 0 .3em}}
.band .kicker{{margin:0;font-weight:700;text-transform:none;letter-spacing:.02em;font-size:.95rem}}
.band p{{margin:0;font-size:1.15rem}}
.band img{{display:block;max-height:5rem;max-width:14rem;margin-bottom:1rem;background:#fff;padding:.4rem;border-radius:.4rem}}
h2{{color:var(--primary);font-size:1.6rem;line-height:{lh_tight:.2};margin:2rem 0 .75rem}}
h3{{font-size:1.25rem;margin:1.5rem 0 .5rem}}
p{{margin:0 0 .9em}}
blockquote{{margin:0 0 1rem;padding:.25rem 0 .25rem 1.25rem;border-inline-start:.35rem solid var(--accent)}}
[dir=rtl] blockquote,blockquote[dir=rtl]{{padding:.25rem 1.25rem .25rem 0}}
.small{{color:var(--muted);font-size:.9rem}}
ul.bullets{{columns:2 14rem;padding-inline-start:1.5rem;margin:0 0 1rem}}
ul.bullets li{{margin:0 0 .35rem;break-inside:avoid}}
ul.bullets li::marker{{color:var(--primary)}}
.call{{background:var(--accent);color:var(--on-accent);border-radius:.6rem;padding:1.25rem;margin:2rem 0 1.5rem}}
.call h2{{color:var(--on-accent);margin-top:0}}
.call .small{{color:inherit}}
ul.contacts{{list-style:none;margin:1rem 0 0;padding:0;display:grid;grid-template-columns:auto 1fr}}
ul.contacts li{{display:grid;grid-column:1/-1;grid-template-columns:subgrid;gap:.25rem 1.25rem;align-items:baseline;padding:.75rem 0;border-top:1px solid rgba(0,0,0,.25)}}
ul.contacts li>p{{margin:0;grid-column:2}}
ul.contacts li>p.number{{grid-column:1;grid-row:1;justify-self:start}}
.number{{font-size:1.5rem;font-weight:700;line-height:{lh_tight:.2}}}
a{{color:inherit;text-decoration-thickness:.08em;text-underline-offset:.15em}}
a:focus-visible{{outline:3px solid var(--ink);outline-offset:2px;background:var(--paper);color:var(--ink)}}
.quote{{font-size:1.2rem}}
{media}",
        paper = p.paper,
        ink = p.ink,
        muted = p.muted,
        primary = p.primary,
        on_primary = p.on_primary,
        accent = p.accent,
        on_accent = p.on_accent,
        surface = p.surface,
        stack = stack.join(","),
        lh = line_height,
        // Headings and numbers are set tighter, as in the leaflet.
        lh_tight = line_height * 0.8,
        media = media_rules(line_height),
    )
}

/// The rules for a phone's width and for printing on A4.
fn media_rules(line_height: f32) -> String {
    format!(
        "@media (max-width:36rem){{
body{{font-size:1.0625rem}}
ul.contacts{{grid-template-columns:1fr}}
ul.contacts li{{grid-template-columns:1fr}}
ul.contacts li>p,ul.contacts li>p.number{{grid-column:1;grid-row:auto}}
.number{{font-size:1.3rem}}
}}
@media print{{
@page{{size:A4;margin:15mm}}
html{{background:#fff}}
body{{font-size:11pt;line-height:{line_height:.2}}}
.band,.call{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
.band>div,main{{max-width:none;padding:0}}
.band>div{{padding:6mm}}
main{{padding-top:4mm}}
.call{{padding:5mm}}
a{{text-decoration:none}}
h2,h3{{break-after:avoid}}
li,blockquote,.call{{break-inside:avoid}}
}}
"
    )
}
