//! Helpers: run the real binary; copy the built-in content to edit it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `cse-pack` with `args` in `dir`, on the tests' fixed date and with no
/// creation date from the environment, so no test depends on the clock.
pub fn cse_pack(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cse-pack"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("CSE_PACK_TODAY", "2026-12-01");
    command
}

/// Run `cse-pack` with `args` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    cse_pack(dir, args).output().expect("the binary runs")
}

/// What the run printed on stderr, with each diagnostic's first two lines
/// (`error: message` and `  --> file:line:col`) joined into one,
/// `error: file:line:col: message`, so a test can look for a message at its
/// place with `contains`. The snippet and `= hint:` lines are kept as printed;
/// `tests/integration/diagnostics.rs` pins the printed form itself.
pub fn stderr(o: &Output) -> String {
    located(&raw_stderr(o))
}

/// Exactly what the run printed on stderr.
pub fn raw_stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `level: message` followed by `  --> place` becomes `level: place: message`.
pub fn located(printed: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in printed.lines() {
        let place = line.trim_start().strip_prefix("--> ");
        let level = out.last().and_then(|prev| {
            ["error: ", "warning: ", "note: "]
                .into_iter()
                .find(|l| prev.starts_with(l))
        });
        match (place, level) {
            (Some(place), Some(level)) => {
                let prev = out.pop().expect("checked above");
                out.push(format!("{level}{place}: {}", &prev[level.len()..]));
            }
            _ => out.push(line.to_string()),
        }
    }
    out.join("\n") + "\n"
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The repository's folder (`content/`, `templates/` live here).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary folder holding a copy of the repository's `content/`, as `content/`.
pub fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    dir
}

/// Copy a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

/// Which `pdftotext`, if installed; tests that need it skip without it.
pub fn pdftotext(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The arguments that pick one document, the English A4 poster for England.
/// Problems found while loading are reported whatever is selected, so a test
/// about an input needs no more documents than this.
pub const ONE_POSTER: [&str; 6] = [
    "--lang",
    "en",
    "--product",
    "poster-a4",
    "--nation",
    "england",
];

/// `cse-pack check` of [`ONE_POSTER`] in `dir`, with `extra` arguments
/// (`--org org.toml`, `--content content`, …).
pub fn check_one(dir: &Path, extra: &[&str]) -> Output {
    run(dir, &[&["check"][..], &ONE_POSTER, extra].concat())
}

/// `cse-pack build` of [`ONE_POSTER`] in `dir` (into `dist/` unless `extra`
/// says `--out`), with `extra` arguments.
pub fn build_one(dir: &Path, extra: &[&str]) -> Output {
    run(dir, &[&["build"][..], &ONE_POSTER, extra].concat())
}

/// A temporary folder holding `files`: each a name and its contents.
pub fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

/// Copy the fixture logo into `dir` as `logo.png`.
pub fn add_logo(dir: &Path) {
    std::fs::copy(
        repo().join("tests/fixtures/org/logo.png"),
        dir.join("logo.png"),
    )
    .expect("copy the fixture logo");
}

/// Edit the file at `path` with `edit`, asserting that the edit changed it;
/// returns the edited text.
pub fn edit_file(path: &Path, edit: impl FnOnce(&str) -> String) -> String {
    let text = std::fs::read_to_string(path).expect("read the file to edit");
    let edited = edit(&text);
    assert_ne!(text, edited, "the edit changed nothing in {path:?}");
    std::fs::write(path, &edited).expect("write the edited file");
    edited
}

/// The 1-based number of the first line of `text` that contains `needle`.
pub fn line_with(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line has {needle:?}"))
        + 1
}

/// The file entries of the manifest in the output folder `dist`.
pub fn manifest_files(dist: &Path) -> Vec<serde_json::Value> {
    let bytes = std::fs::read(dist.join("manifest.json")).expect("a manifest");
    let manifest: serde_json::Value = serde_json::from_slice(&bytes).expect("manifest JSON");
    manifest["files"].as_array().expect("a file list").clone()
}
