//! Integration tests: the real binary on small fixture content, and the
//! library's layout and PDF output checked from outside.

mod batch;
mod bilingual;
mod cli;
mod common;
mod content_errors;
mod core_api;
mod determinism;
mod diagnostics;
mod faults;
mod hostile;
mod hostile_images;
mod html;
mod layout;
mod nations;
mod orgs;
mod pdf;
mod preview;
mod products;
mod props;
mod readers;
mod real_orgs;
mod scripts;
mod serve;
mod tagged;
mod templates;
mod web;
