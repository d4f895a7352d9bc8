//! The command line as a user meets it: `--help` for each subcommand (a
//! golden file each), "did you mean", exit codes, the `./content` warning,
//! `--version`, completions and the man page.

use crate::common::*;

const SUBCOMMANDS: [&str; 8] = [
    "build",
    "preview",
    "check",
    "list",
    "init",
    "completions",
    "man",
    "serve",
];

fn ok(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", raw_stderr(o));
    stdout(o)
}

#[test]
fn long_help_of_every_subcommand() {
    let d = tempfile::tempdir().unwrap();
    insta::assert_snapshot!("help", ok(&run(d.path(), &["--help"])));
    for sub in SUBCOMMANDS {
        let long = ok(&run(d.path(), &[sub, "--help"]));
        insta::assert_snapshot!(format!("help_{sub}"), long);
        // `-h` is the short form: one line a flag, no examples.
        let short = ok(&run(d.path(), &[sub, "-h"]));
        assert!(short.len() < long.len(), "{sub}: -h is not shorter");
        assert!(
            !short.contains("Examples:") && long.contains("Examples:"),
            "{sub}"
        );
    }
}

#[test]
fn each_flag_says_what_it_does_on_its_own_subcommand() {
    let d = tempfile::tempdir().unwrap();
    for sub in ["check", "list", "build"] {
        let help = ok(&run(d.path(), &[sub, "--help"]));
        assert!(!help.contains("Build even if"), "{sub}: {help}");
        assert!(help.contains("--allow-stale"), "{sub}");
    }
    // The values of --lang, --product and --nation are listed, and are the real ones.
    let help = ok(&run(d.path(), &["build", "--help"]));
    let content =
        cse_pack::content::load_content(&cse_pack::assets::Tree::embedded("content")).unwrap();
    for lang in content.languages.keys() {
        assert!(
            help.contains(&format!(" {lang},")) || help.contains(&format!(" {lang}, ")),
            "{lang}"
        );
    }
    let templates =
        cse_pack::template::load_templates(&cse_pack::assets::Tree::embedded("templates")).unwrap();
    for product in templates.keys() {
        assert!(help.contains(product.as_str()), "{product}");
    }
    for nation in cse_pack::model::Nation::ALL {
        assert!(help.contains(nation.id()), "{nation}");
    }
}

#[test]
fn did_you_mean() {
    let d = tempfile::tempdir().unwrap();
    for (name, args) in [
        (
            "lang_name",
            &["check", "--lang", "Polish", "--product", "poster-a4"][..],
        ),
        (
            "lang_typo",
            &["check", "--lang", "en,pll", "--product", "poster-a4"],
        ),
        (
            "product_size",
            &["check", "--lang", "en", "--product", "A4"],
        ),
        (
            "product_family",
            &["check", "--lang", "en", "--product", "a5"],
        ),
        ("nation_typo", &["check", "--nation", "scotlnd"]),
    ] {
        let o = run(d.path(), args);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", raw_stderr(&o));
        // From the first error: the content's own notes are not this test's.
        let err = raw_stderr(&o);
        let from = err.find("error:").unwrap_or(0);
        insta::assert_snapshot!(format!("did_you_mean_{name}"), &err[from..]);
    }
}

#[test]
fn ids_in_any_case_and_with_spaces_are_the_ids() {
    let d = tempfile::tempdir().unwrap();
    let o = run(
        d.path(),
        &[
            "build",
            "--lang",
            "EN, pl",
            "--product",
            " Poster-A5",
            "--nation",
            "Wales",
        ],
    );
    let out = ok(&o);
    assert!(out.starts_with("built 2 PDFs"), "{out}");
    assert!(d.path().join("dist/en/poster-a5.pdf").is_file());
    assert!(d.path().join("dist/pl/poster-a5.pdf").is_file());
}

#[test]
fn a_bad_value_exits_1_and_an_unparsable_command_line_2() {
    let d = tempfile::tempdir().unwrap();
    for args in [
        &["check", "--lang", "xx"][..],
        &["check", "--product", "poster-a9"],
        &["check", "--nation", "mars"],
        &["completions", "tcsh"],
    ] {
        assert_eq!(run(d.path(), args).status.code(), Some(1), "{args:?}");
    }
    for args in [
        &["check", "--frobnicate"][..],
        &["frobnicate"],
        &["check", "--lang"],
        &["build", "--org", "a.toml", "--orgs", "b.csv"],
    ] {
        assert_eq!(run(d.path(), args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn an_edited_content_folder_here_is_never_silently_ignored() {
    let d = content_copy();
    // An exact copy of the built-in content is what is used anyway.
    let o = check_one(d.path(), &[]);
    assert!(!raw_stderr(&o).contains("not used"), "{}", raw_stderr(&o));
    edit_file(&d.path().join("content/en/strings.toml"), |t| {
        format!("{t}\n# edited\n")
    });
    let o = check_one(d.path(), &[]);
    let err = raw_stderr(&o);
    assert!(
        err.contains(
            "warning: using the built-in content; the `./content` folder here is not used"
        ) && err.contains("pass `--content content` to use it"),
        "{err}"
    );
    let o = check_one(d.path(), &["--content", "content"]);
    assert!(!raw_stderr(&o).contains("not used"), "{}", raw_stderr(&o));
}

#[test]
fn version_names_the_content_pack() {
    let d = tempfile::tempdir().unwrap();
    let pack = cse_pack::content::load_pack(
        &cse_pack::assets::Tree::embedded("content"),
        &mut Default::default(),
    )
    .unwrap();
    let out = ok(&run(d.path(), &["--version"]));
    assert_eq!(
        out.trim(),
        format!(
            "cse-pack {} (content pack {} {})",
            env!("CARGO_PKG_VERSION"),
            pack.id,
            pack.version
        )
    );
}

#[test]
fn completions_load_in_bash_and_generate_for_every_shell() {
    let d = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = ok(&run(d.path(), &["completions", shell]));
        assert!(
            script.contains("completions") && script.contains("nation"),
            "{shell}"
        );
    }
    let script = d.path().join("cse-pack.bash");
    std::fs::write(&script, ok(&run(d.path(), &["completions", "bash"]))).unwrap();
    let bash = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {} && complete -p cse-pack",
            script.display()
        ))
        .output()
        .expect("bash runs");
    assert!(
        bash.status.success(),
        "{}",
        String::from_utf8_lossy(&bash.stderr)
    );
    assert!(
        bash.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&bash.stderr)
    );
    assert!(String::from_utf8_lossy(&bash.stdout).contains("cse-pack"));
}

#[test]
fn the_man_page_is_valid_roff() {
    let d = tempfile::tempdir().unwrap();
    let page = ok(&run(d.path(), &["man"]));
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..80.min(page.len())]
    );
    for sub in SUBCOMMANDS {
        assert!(page.contains(sub), "{sub}");
    }
    let file = d.path().join("cse-pack.1");
    std::fs::write(&file, &page).unwrap();
    match std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&file)
        .output()
    {
        Ok(g) => {
            assert!(g.status.success(), "{}", String::from_utf8_lossy(&g.stderr));
            assert!(
                g.stderr.is_empty(),
                "groff warns: {}",
                String::from_utf8_lossy(&g.stderr)
            );
        }
        Err(_) => eprintln!("groff is not installed: the man page's roff was not checked"),
    }
}

/// An `org.toml` with a wrong kind and nothing else wrong.
fn bad_kind_org() -> tempfile::TempDir {
    folder_with(&[("org.toml", "name = \"X\"\nkind = \"gp\"\n")])
}

/// `build` of one poster for the organisation in `org.toml`, with `extra`.
fn build_bad_kind(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    build_one(dir, &[&["--org", "org.toml"][..], extra].concat())
}

#[test]
fn diagnostics_are_coloured_when_asked_and_plain_when_piped_or_no_color() {
    let d = bad_kind_org();
    let always = build_bad_kind(d.path(), &["--color", "always"]);
    assert_eq!(always.status.code(), Some(1));
    // The escapes written, shown as text: red error, bold message, blue
    // frame, red carets under the value, cyan hint.
    let coloured = raw_stderr(&always).replace('\u{1b}', "\\e");
    insta::assert_snapshot!("coloured_error", coloured);
    // Piped (as in this test) `auto` is plain, and so is `NO_COLOR`.
    let auto = raw_stderr(&build_bad_kind(d.path(), &["--color", "auto"]));
    assert!(!auto.contains('\u{1b}'), "{auto}");
    let args = [
        &["build", "--org", "org.toml", "--color", "always"][..],
        &ONE_POSTER,
    ]
    .concat();
    let no_color = raw_stderr(
        &cse_pack(d.path(), &args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap(),
    );
    let never = raw_stderr(&build_bad_kind(d.path(), &["--color", "never"]));
    assert!(!never.contains('\u{1b}'), "{never}");
    insta::assert_snapshot!("plain_error", never);
    assert_eq!(auto, never);
    // `--color always` is what the user asked for, so it wins over NO_COLOR.
    assert_eq!(no_color, raw_stderr(&always));
}

#[test]
fn quiet_prints_only_errors_and_verbose_adds_the_notes() {
    let d = tempfile::tempdir().unwrap();
    let normal = build_one(d.path(), &[]);
    assert!(normal.status.success());
    assert!(
        stdout(&normal).starts_with("built 1 PDF"),
        "{}",
        stdout(&normal)
    );
    let quiet = build_one(d.path(), &["-q"]);
    assert!(quiet.status.success());
    assert_eq!(
        (stdout(&quiet), raw_stderr(&quiet)),
        (String::new(), String::new())
    );
    // Notes are for the editor: `check` prints them, `build` only with -v.
    assert!(!raw_stderr(&normal).contains("note:"));
    let verbose = build_one(d.path(), &["-v"]);
    assert!(
        raw_stderr(&verbose).contains("note: 7 sources were not confirmed"),
        "{}",
        raw_stderr(&verbose)
    );
    // An error is still printed when quiet, with the count.
    let b = bad_kind_org();
    let failed = build_bad_kind(b.path(), &["-q"]);
    assert_eq!(failed.status.code(), Some(1));
    let err = raw_stderr(&failed);
    assert!(
        err.starts_with("error: `kind` is `gp`") && err.ends_with("1 error, 0 warnings\n"),
        "{err}"
    );
    // -q and -v together are a command line that cannot be parsed.
    assert_eq!(build_one(d.path(), &["-q", "-v"]).status.code(), Some(2));
}
