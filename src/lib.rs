//! cse-pack: reviewed safeguarding content → print-ready, accessible PDFs.
//!
//! A **core** that touches no file system, clock, environment or thread pool,
//! and a **face** (the CLI, [`cli`]) that does; a web page is the other face.
//! The core takes everything as data and returns documents as bytes:
//!
//! ```text
//!  content tree ─┐                                    ┌─► Output (PDF bytes +
//! template tree ─┼─► load ─► model ─► plan ─► layout ─► render    manifest entry)
//!      org.toml ─┤  (content,  (Content,  (jobs:  (display   (krilla)  └─► Diagnostics
//!   or CSV rows ─┘   template,  Org)      lang ×   list)
//!  + image bytes     orgs)               product)
//!  + today, dates                         × nation × organisation (a batch: one per row)
//! ```
//!
//! The CLI face reads folders into [`assets::Tree`]s, `org.toml` and CSVs with
//! their images, the clock (`CSE_PACK_TODAY`) and `SOURCE_DATE_EPOCH`; runs
//! [`make_document`] for every job in parallel and gathers the results with
//! [`finish_documents`] (in job order, so output does not depend on thread
//! count); and writes the files and manifest as one [`pack::Transaction`].
//!
//! # Module edges
//!
//! Each module may `use` only the modules on lower lines (and `diag`
//! anywhere), never a later stage:
//!
//! | layer | modules | may use |
//! | --- | --- | --- |
//! | values | `units`, `text_safety`, `phone`, `diag` | — (`diag` uses `text_safety`) |
//! | inputs | `assets`, `fonts`, `images` | values |
//! | model | `model` | values, `images` (the `Pixels` type) |
//! | loaders | `content`, `template`, `orgs` | model, inputs, values, `content::toml_file` |
//! | display list | `display` | model, `fonts`, `units` |
//! | layout | `layout` | display list, loaders' output types, model, inputs, values |
//! | render | `render` (the only module that knows krilla) | display list, `fonts`, `units`, `model` |
//! | render | `html` (the HTML twin of a leaflet) | display list, `fonts`, `model`, `template` (the `Palette` type), `phone` |
//! | output | `output` | `model` (the `Nation` type) |
//! | driver | `pipeline` | everything above |
//! | face | `cli`, `pack` (feature `cli`) | everything |
//!
//! `cse-pack check` runs everything but the writing.

pub mod assets;
#[cfg(feature = "cli")]
pub mod cli;
pub mod content;
pub mod diag;
pub mod display;
pub mod fonts;
pub mod html;
pub mod images;
pub mod layout;
pub mod model;
pub mod orgs;
pub mod output;
#[cfg(feature = "cli")]
pub mod pack;
pub mod phone;
pub mod pipeline;
pub mod render;
pub mod template;
pub mod text_safety;
pub mod units;

pub use pipeline::{
    Inputs, Job, LoadOptions, Loaded, Made, Personal, Selection, finish_documents,
    finish_some_documents, load, load_parts, load_selected, load_some, make_document,
    make_documents, plan, plan_check, with_formats,
};
