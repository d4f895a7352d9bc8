//! Batches and the inputs a batch reads: a folder of its own for every
//! organisation, a summary that says who was left out and what a school
//! lacks, progress in a log, and hostile inputs (FIFOs, Windows line
//! endings, huge values) refused quickly at their place.

use crate::common::*;
use std::path::Path;
use std::time::Duration;

/// The manifest's paths, in its order.
fn manifest_paths(out: &Path) -> Vec<String> {
    manifest_files(out)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn names_that_make_the_same_folder_name_get_folders_of_their_own() {
    let d = folder_with(&[(
        "orgs.csv",
        "name,dsl.name,dsl.phone\nSchool A,Ms A,0121 496 0000\nSchool A,Ms B,0121 496 0000\nSchool A 2,Ms C,0121 496 0000\n",
    )]);
    let out = build_one(d.path(), &["--orgs", "orgs.csv"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // The second "School A" moves; "School A 2" keeps the folder its name makes.
    assert!(
        err.contains("warning: orgs.csv:3:1: row 3, column `name`: the name makes the same folder name as row 2's, `school-a`; this row's files go in `school-a-3/`"),
        "{err}"
    );
    let mut paths = manifest_paths(&d.path().join("dist"));
    assert_eq!(
        paths,
        [
            "school-a-2/en/poster-a4.pdf",
            "school-a-3/en/poster-a4.pdf",
            "school-a/en/poster-a4.pdf"
        ]
    );
    paths.dedup();
    assert_eq!(paths.len(), 3, "no path twice");
    for p in &paths {
        assert!(d.path().join("dist").join(p).is_file(), "{p}");
    }
    // Each file is its own organisation's: three different documents.
    let bytes: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(d.path().join("dist").join(p)).unwrap())
        .collect();
    assert!(bytes[0] != bytes[1] && bytes[1] != bytes[2] && bytes[0] != bytes[2]);
    assert!(stdout(&out).contains("built 3 of 3 organisations"));
}

/// Five schools whose wallet card has no room for their web address get
/// that warning once, with the rows it holds for; `-v` shows each, and the
/// count is of every one.
#[test]
fn a_warning_every_row_shares_is_said_once_with_its_rows() {
    let mut csv = String::from("name,website,dsl.name,dsl.phone\n");
    for i in 1..=5 {
        csv.push_str(&format!(
            "School {i},https://example.org/{i},Ms A,0121 496 0000\n"
        ));
    }
    let d = folder_with(&[("orgs.csv", &csv)]);
    let args = [
        "build",
        "--lang",
        "en",
        "--product",
        "card-wallet",
        "--orgs",
        "orgs.csv",
    ];
    let out = run(d.path(), &args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let said = err.matches("`website` is left off `card-wallet`").count();
    assert_eq!(said, 1, "said once:\n{err}");
    assert!(err.contains("row 2, column `website`"), "{err}");
    assert!(err.contains("note: the same for 4 more rows: 3–6"), "{err}");
    assert!(err.contains("0 errors, 5 warnings"), "{err}");
    let verbose = run(d.path(), &[&args[..], &["-v"]].concat());
    let err = stderr(&verbose);
    assert_eq!(
        err.matches("`website` is left off `card-wallet`").count(),
        5,
        "{err}"
    );
    assert!(!err.contains("the same for"), "{err}");
}

/// A copy of the templates whose wallet card has a narrow local panel: a
/// phone number as long as `0121 496 0000` is wider than it, `116 123` is not.
fn narrow_card_templates(dir: &Path) {
    copy_dir(&repo().join("templates"), &dir.join("templates"));
    let wide = "w = \"100%\"\nh = \"46%\"\nmin-size = \"9pt\"";
    edit_file(&dir.join("templates/card-wallet.toml"), |card| {
        assert!(card.contains(wide), "the card's local panel is as expected");
        card.replace(wide, "w = \"20%\"\nh = \"46%\"\nmin-size = \"9pt\"")
    });
}

#[test]
fn a_school_whose_one_product_fails_gets_the_rest_and_the_summary_says_so() {
    let d = tempfile::tempdir().unwrap();
    narrow_card_templates(d.path());
    std::fs::write(
        d.path().join("orgs.csv"),
        "name,dsl.name,dsl.phone\nShort Number School,Ms A,116 123\nLong Number School,Ms B,0121 496 0000\nBad Row,Ms C,12\n",
    )
    .unwrap();
    let out = run(
        d.path(),
        &[
            "build",
            "--templates",
            "templates",
            "--lang",
            "en",
            "--product",
            "poster-a4,card-wallet",
            "--orgs",
            "orgs.csv",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a school without every product fails the run"
    );
    let dist = d.path().join("dist");
    assert_eq!(
        manifest_paths(&dist),
        [
            "long-number-school/en/poster-a4.pdf",
            "short-number-school/en/card-wallet.pdf",
            "short-number-school/en/poster-a4.pdf",
        ]
    );
    assert!(!dist.join("long-number-school/en/card-wallet.pdf").exists());
    let summary = stdout(&out);
    assert!(
        summary.contains("built 2 of 3 organisations\n"),
        "{summary}"
    );
    assert!(
        summary.contains("left out (1):\n  row 4, `Bad Row`: `dsl.phone`: `12` is not a UK number"),
        "{summary}"
    );
    assert!(
        summary.contains("built without every document (1):\n  row 3, `Long Number School`: lacks `card-wallet` in `en` (`dsl.phone` (“0121 496 0000”) does not fit `card-wallet`"),
        "{summary}"
    );
    // The error itself is at the school's cell.
    let err = stderr(&out);
    assert!(
        err.contains("error: orgs.csv:3:25: row 3, column `dsl.phone`: `dsl.phone` (“0121 496 0000”) does not fit `card-wallet` in `en`"),
        "{err}"
    );
}

#[test]
fn a_batch_logs_its_progress_when_stderr_is_not_a_terminal() {
    let d = folder_with(&[(
        "orgs.csv",
        "name,dsl.name,dsl.phone\nSchool A,Ms A,0121 496 0000\nSchool B,Ms B,0121 496 0000\n",
    )]);
    let args = [
        "build",
        "--lang",
        "en",
        "--product",
        "poster-a4,poster-a5",
        "--orgs",
        "orgs.csv",
    ];
    // At its usual pace (every few seconds) a short run says nothing.
    let quiet = run(d.path(), &args);
    assert!(!raw_stderr(&quiet).contains("progress:"));
    let out = cse_pack(d.path(), &args)
        .env("CSE_PACK_PROGRESS_EVERY", "0")
        .output()
        .unwrap();
    let err = raw_stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("progress: "))
        .collect();
    assert!(!lines.is_empty(), "{err}");
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("progress: 4 of 4 documents (100%) in "),
        "{err}"
    );
}

/// Run `cse-pack`, killed if it has not finished in a minute (a FIFO would
/// otherwise hang the test, not fail it).
fn run_or_kill(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut child = cse_pack(dir, args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("`cse-pack {}` hung", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_fifo_or_a_device_is_refused_before_it_is_opened() {
    let d = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(d.path().join("org.toml"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: `mkfifo` is not available");
        return;
    }
    for (flag, path, what) in [
        ("--org", "org.toml", "a named pipe (FIFO)"),
        ("--orgs", "org.toml", "a named pipe (FIFO)"),
        ("--orgs", "/dev/zero", "a device"),
    ] {
        let out = run_or_kill(d.path(), &["check", "--lang", "en", flag, path]);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("error: `{path}` is {what}, not a regular file")),
            "{err}"
        );
    }
}

#[test]
fn positions_are_right_in_an_org_file_with_windows_line_endings() {
    let d = tempfile::tempdir().unwrap();
    let org = "# Saved on Windows\r\nname = \"A School\"\r\n\r\n[dsl]\r\nname = \"Ms A\"\r\nphone = \"12\"\r\n";
    std::fs::write(d.path().join("org.toml"), org).unwrap();
    let err = stderr(&check_one(d.path(), &["--org", "org.toml"]));
    assert!(
        err.contains("error: org.toml:6:9: `dsl.phone`: `12` is not a UK number"),
        "{err}"
    );
    // The caret is under the value, as printed without the `\r`.
    assert!(
        err.contains(" 6 | phone = \"12\"\n   |         ^^^^\n"),
        "{err}"
    );
    // A syntax error too.
    std::fs::write(
        d.path().join("org.toml"),
        "name = \"A School\"\r\n\r\n[dsl]\r\nname = Ms A\r\n",
    )
    .unwrap();
    let err = stderr(&check_one(d.path(), &["--org", "org.toml"]));
    assert!(err.contains("error: org.toml:4:8: "), "{err}");
}

#[test]
fn positions_are_right_in_a_csv_with_windows_line_endings() {
    let d = tempfile::tempdir().unwrap();
    // A quoted cell over two lines moves the later rows down a line.
    std::fs::write(
        d.path().join("orgs.csv"),
        "name,dsl.name,dsl.phone\r\nSchool A,Ms A,0121 496 0000\r\nSchool B,Ms B,12\r\n\"School\r\nC\",Ms C,0121 496 0000\r\nSchool D,Ms D,12\r\n",
    )
    .unwrap();
    let out = check_one(d.path(), &["--orgs", "orgs.csv"]);
    let err = stderr(&out);
    assert!(
        err.contains("error: orgs.csv:3:15: row 3, column `dsl.phone`: `dsl.phone`: `12`"),
        "{err}"
    );
    assert!(
        err.contains("error: orgs.csv:6:15: row 6, column `dsl.phone`: `dsl.phone`: `12`"),
        "{err}"
    );
    assert!(
        err.contains(" 6 | School D,Ms D,12\n   |               ^^\n"),
        "{err}"
    );
}

#[test]
fn a_value_as_large_as_an_input_file_may_be_is_refused_at_its_line() {
    let d = tempfile::tempdir().unwrap();
    // Nearly the 4 MB input limit, in one value.
    let huge = "ab ".repeat(1_300_000);
    std::fs::write(
        d.path().join("org.toml"),
        format!("name = \"A School\"\n\n[dsl]\nname = \"Ms A\"\nwhere = \"{huge}\"\n"),
    )
    .unwrap();
    std::fs::write(
        d.path().join("orgs.csv"),
        format!("name,dsl.name\nA School,Ms A\n\"{huge}\",Ms B\n"),
    )
    .unwrap();
    let out = build_one(d.path(), &["--org", "org.toml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("error: org.toml:5:9: `dsl.where` is 3899999 characters long (`ab ab"),
        "{err}"
    );
    assert!(err.contains("the limit is 100"), "{err}");
    let out = build_one(d.path(), &["--orgs", "orgs.csv"]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "error: orgs.csv:3:1: row 3, column `name`: `name` is 3899999 characters long"
        ),
        "{err}"
    );
    assert!(stdout(&out).contains("built 1 of 2 organisations"));
}

#[test]
fn a_content_string_far_longer_than_any_line_fails_at_its_size() {
    // Layout is about linear in the length of a text: 40 000 characters in
    // the title band fail (it cannot hold them) as an error, not a hang.
    let d = content_copy();
    let strings = d.path().join("content/en/strings.toml");
    let text = std::fs::read_to_string(&strings).unwrap();
    let tagline =
        "tagline = \"It can happen to any child, from any background, online or offline.\"";
    assert!(text.contains(tagline));
    let long = format!("tagline = \"{}\"", "word ".repeat(8_000).trim_end());
    std::fs::write(&strings, text.replace(tagline, &long)).unwrap();
    let out = check_one(d.path(), &["--content", "content"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("the `header` text does not fit at the smallest allowed size"),
        "{err}"
    );
}
