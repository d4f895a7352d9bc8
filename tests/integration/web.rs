//! The web page in a real browser: `web/test/run.mjs` drives headless
//! Chromium through the form. It runs when node, Chromium, the npm packages
//! (`npm ci` in `web/`) and a built page (`web/build.sh`) are all there;
//! otherwise it says what it skipped, and passes.

use crate::common::repo;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The newest source file of the page (HTML, CSS, JavaScript, the web face).
fn newest_source(web: &Path) -> Option<(SystemTime, PathBuf)> {
    let mut newest: Option<(SystemTime, PathBuf)> = None;
    for dir in [web.to_path_buf(), web.join("js"), web.join("core/src")] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let source = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("html" | "css" | "js" | "rs")
            );
            if let (true, Some(t)) = (source, modified(&path))
                && newest.as_ref().is_none_or(|(n, _)| t > *n)
            {
                newest = Some((t, path));
            }
        }
    }
    newest
}

#[test]
fn the_page_works_in_chromium() {
    let web = repo().join("web");
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let mut missing = Vec::new();
    if !node {
        missing.push("node (install Node.js)".to_string());
    }
    if !chromium().is_file() {
        missing.push(format!(
            "Chromium at {} (apt-get install chromium)",
            chromium().display()
        ));
    }
    if !web.join("node_modules/playwright-core").is_dir() {
        missing.push("web/node_modules (npm ci in web/)".to_string());
    }
    let wasm = web.join("dist/core.wasm");
    if !wasm.is_file() {
        missing.push("the built page web/dist (web/build.sh)".to_string());
    }
    if !missing.is_empty() {
        println!(
            "skipped the browser tests of the web page: no {}",
            missing.join(", no ")
        );
        return;
    }
    let built = modified(&web.join("dist/sw.js")).expect("a built page has sw.js");
    if let Some((t, path)) = newest_source(&web) {
        assert!(
            t <= built,
            "web/dist is older than {}: run web/build.sh before testing",
            path.display()
        );
    }
    let out = Command::new("node")
        .arg(web.join("test/run.mjs"))
        .env("CSE_PACK_BIN", env!("CARGO_BIN_EXE_cse-pack"))
        .env("CHROMIUM", chromium())
        .output()
        .expect("node runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "the browser tests failed:\n{text}");
    // `# skipped 0` is the runner's count; `# skipped the …` is a test
    // leaving part of itself out.
    assert!(
        !text.contains("# skipped the "),
        "a browser test skipped part of itself:\n{text}"
    );
}
