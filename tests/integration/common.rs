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
