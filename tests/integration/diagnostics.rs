//! Golden tests of error messages: each case runs the real binary on a
//! fixture (`tests/fixtures/diagnostics/<case>/`) and pins every error and
//! warning it prints, in full — message, location, snippet, caret, hints —
//! with `insta` (`cargo insta review`, or `INSTA_UPDATE=always`, accepts a
//! deliberate change; the `.snap` files are committed).
//!
//! A case's folder holds any of:
//! - `args`: the command line, one argument per line (`my-content` and
//!   `my-templates` are copies of the built-in content and templates);
//! - `edits.toml`: `[[edit]]` tables (`file`, `find`, `replace`, and
//!   `folder`, `my-content` unless it says) applied to those copies, each of
//!   which must change its file;
//! - `content/…`: files laid over that copy;
//! - anything else (`org.toml`, `orgs.csv`, images): copied beside it.

use crate::common::*;
use std::path::Path;

/// The content copy's folder name, as the user typed it.
const CONTENT: &str = "my-content";
/// The templates copy's folder name.
const TEMPLATES: &str = "my-templates";

#[derive(serde::Deserialize)]
struct Edits {
    edit: Vec<Edit>,
}

#[derive(serde::Deserialize)]
struct Edit {
    #[serde(default = "content_folder")]
    folder: String,
    file: String,
    find: String,
    replace: String,
}

/// Run case `name` and return what it printed: each error and warning
/// (notes aside: they list the built-in content's unconfirmed sources), and
/// the exit code.
fn printed(name: &str) -> String {
    let case = repo().join("tests/fixtures/diagnostics").join(name);
    let dir = tempfile::tempdir().expect("temp dir");
    let args = std::fs::read_to_string(case.join("args")).expect("every case has args");
    let args: Vec<&str> = args.lines().filter(|l| !l.is_empty()).collect();
    if args.contains(&CONTENT) {
        copy_tree(&repo().join("content"), &dir.path().join(CONTENT));
    }
    if args.contains(&TEMPLATES) {
        copy_tree(&repo().join("templates"), &dir.path().join(TEMPLATES));
    }
    for entry in std::fs::read_dir(&case).expect("case folder") {
        let entry = entry.expect("entry");
        let name = entry.file_name().into_string().expect("UTF-8 names");
        match name.as_str() {
            "args" => {}
            "edits.toml" => apply_edits(&entry.path(), dir.path()),
            "content" => copy_tree(&entry.path(), &dir.path().join(CONTENT)),
            _ => {
                std::fs::copy(entry.path(), dir.path().join(&name)).expect("copy fixture");
            }
        }
    }
    let out = run(dir.path(), &args);
    let stderr = raw_stderr(&out);
    let shown: Vec<&str> = stderr
        .split("\n\n")
        .filter(|block| block.starts_with("error:") || block.starts_with("warning:"))
        .collect();
    format!(
        "{}\n\nexit code: {:?}\n",
        shown.join("\n\n"),
        out.status.code()
    )
}

fn content_folder() -> String {
    CONTENT.to_string()
}

/// Apply the edits of `file` to the copies in `dir`.
fn apply_edits(file: &Path, dir: &Path) {
    let text = std::fs::read_to_string(file).expect("edits.toml");
    let edits: Edits = toml::from_str(&text).expect("edits.toml parses");
    for e in edits.edit {
        let path = dir.join(&e.folder).join(&e.file);
        let before = std::fs::read_to_string(&path).expect("edited file exists");
        let after = before.replacen(&e.find, &e.replace, 1);
        assert_ne!(before, after, "the edit of {} changed nothing", e.file);
        std::fs::write(&path, after).expect("write edit");
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

macro_rules! golden {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let case = stringify!($name).replace('_', "-");
                insta::assert_snapshot!(stringify!($name), printed(&case));
            }
        )*

        /// Every case folder has its test, and every snapshot its case.
        #[test]
        fn every_fixture_and_snapshot_has_its_case() {
            let cases = [$(stringify!($name).replace('_', "-")),*];
            let folders = std::fs::read_dir(repo().join("tests/fixtures/diagnostics")).unwrap();
            for f in folders {
                let f = f.unwrap().file_name().into_string().unwrap();
                assert!(cases.contains(&f), "fixture {f} has no golden test");
            }
            let snaps = std::fs::read_dir(repo().join("tests/integration/snapshots")).unwrap();
            for s in snaps {
                let s = s.unwrap().file_name().into_string().unwrap();
                let Some(case) = s.strip_prefix("integration__diagnostics__").and_then(|c| c.strip_suffix(".snap")) else {
                    continue;
                };
                assert!(cases.contains(&case.replace('_', "-")), "snapshot {s} has no case");
            }
        }
    };
}

golden!(
    toml_syntax_error,
    unknown_key_in_strings,
    unknown_field_in_contacts,
    contact_unknown_nation,
    lang_not_a_pair,
    pack_bilingual_not_a_pair,
    missing_field_in_quotes,
    front_matter_value,
    front_matter_without_fence,
    markdown_table,
    markdown_heading,
    placeholder_unknown,
    placeholder_unclosed,
    html_in_a_string,
    months_not_twelve,
    unknown_source,
    glyph_no_font_has,
    font_not_shipped,
    stale_pack,
    contact_phone_shape,
    not_utf8,
    text_overflows,
    unknown_language_and_product,
    org_bad_phone,
    org_bad_email,
    org_bad_website,
    org_unknown_kind,
    org_missing_name,
    org_refused_character,
    org_unknown_key,
    org_toml_syntax,
    csv_unequal_cells,
    csv_bad_cell,
    csv_no_name_column,
    template_unknown_priority,
    org_wide_characters,
    org_tabs,
);
