//! A user's mistake in the content is reported with its file, line and a hint,
//! and nothing is written.

use crate::common::*;

/// `check` of the edited copy on one document. Problems found while loading
/// are reported whatever is selected, so checking every product in every
/// language and nation (572 documents) would find nothing more.
fn check_content(dir: &std::path::Path) -> std::process::Output {
    check_one(dir, &["--content", "content"])
}

#[test]
fn a_toml_syntax_error_names_the_file_and_line() {
    let dir = content_copy();
    // Break the title's line by dropping its closing quote.
    let broken = edit_file(&dir.path().join("content/en/strings.toml"), |s| {
        s.replacen(
            "title = \"Child Sexual Exploitation\"",
            "title = \"Child Sexual Exploitation",
            1,
        )
    });
    let line = line_with(&broken, "title = ");

    let out = build_one(dir.path(), &["--content", "content"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("error: content/en/strings.toml:{line}:")),
        "{err}"
    );
    assert!(!dir.path().join("dist").exists(), "nothing may be written");
}

#[test]
fn an_unknown_key_names_the_file_line_and_key() {
    let dir = content_copy();
    let broken = edit_file(&dir.path().join("content/contacts.toml"), |s| {
        s.replacen(
            "phone = \"0808 800 5000\"",
            "phone = \"0808 800 5000\"\ntelephone = \"0808 800 5000\"",
            1,
        )
    });
    let line = line_with(&broken, "telephone");

    let out = check_content(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "error: content/contacts.toml:{line}:1: unknown field `telephone`"
        )),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn a_missing_key_in_a_language_is_reported_against_en() {
    let dir = content_copy();
    let pl = dir.path().join("content/pl");
    std::fs::create_dir_all(&pl).unwrap();
    for f in [
        "language.toml",
        "definition.md",
        "something.md",
        "grooming.md",
        "online.md",
        "quotes.toml",
    ] {
        std::fs::copy(dir.path().join("content/en").join(f), pl.join(f)).unwrap();
    }
    let strings = std::fs::read_to_string(dir.path().join("content/en/strings.toml")).unwrap();
    std::fs::write(
        pl.join("strings.toml"),
        strings.replace(
            "[contacts.nspcc]\nlabel = \"NSPCC Helpline\"\n",
            "[contacts.nspcc]\n",
        ),
    )
    .unwrap();

    let out = check_content(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // At the table the key belongs in.
    let table = line_of(&pl.join("strings.toml"), "[contacts.nspcc]");
    assert!(
        err.contains(&format!(
            "content/pl/strings.toml:{table}:11: missing key `contacts.nspcc.label`"
        )),
        "{err}"
    );
    assert!(
        err.contains("hint: every language needs the keys that en has"),
        "{err}"
    );
}

#[test]
fn front_matter_errors_point_into_the_markdown_file() {
    let dir = content_copy();
    edit_file(&dir.path().join("content/en/definition.md"), |s| {
        s.replacen("quoted = true", "quoted = yes", 1)
    });
    let out = check_content(dir.path());
    let err = stderr(&out);
    assert!(err.contains("error: content/en/definition.md:4:"), "{err}");
}

#[test]
fn text_that_cannot_fit_names_product_language_and_block() {
    let dir = content_copy();
    edit_file(&dir.path().join("content/en/definition.md"), |s| {
        s.to_string() + "\n" + &"The victim may have been sexually exploited even if the sexual activity appears consensual. ".repeat(6)
    });
    let out = build_one(dir.path(), &["--content", "content"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "`poster-a4` in `en`: the `definition` text does not fit at the smallest allowed size"
        ),
        "{err}"
    );
    assert!(!dir.path().join("dist/en/poster-a4.pdf").exists());
}

#[test]
fn unknown_products_and_languages_are_user_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["build", "--product", "poster-a9", "--lang", "xx"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown product `poster-a9`"), "{err}");
    assert!(err.contains("unknown language `xx`"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn a_character_no_font_has_names_language_file_line_and_code_point() {
    let dir = content_copy();
    // U+0D05 MALAYALAM LETTER A: not in the English stack (Noto Sans).
    let edited = edit_file(&dir.path().join("content/en/quotes.toml"), |s| {
        s.replacen("You could be saving", "You could be \u{0D05} saving", 1)
    });
    let line = line_with(&edited, "You could be \u{0D05} saving");
    let out = check_content(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("error: content/en/quotes.toml:{line}:")),
        "{err}"
    );
    assert!(
        err.contains("language `en`: no font in its stack (NotoSans) has U+0D05"),
        "{err}"
    );
}

#[test]
fn stale_packs_fail_and_old_contacts_warn() {
    let dir = tempfile::tempdir().unwrap();
    let check = |extra: &[&str]| {
        cse_pack(dir.path(), &[&["check"][..], &ONE_POSTER, extra].concat())
            .env("CSE_PACK_TODAY", "2028-01-15")
            .output()
            .expect("the binary runs")
    };
    let out = check(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error: content/pack.toml:5:13: the pack was due for review by 2027-11-28 and today is 2028-01-15"), "{err}");
    assert!(
        err.contains("warning: content/contacts.toml:")
            && err.contains(
                "contact `nspcc` was last checked on 2026-12-01, more than 12 months ago"
            ),
        "{err}"
    );

    let out = check(&["--allow-stale"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning: content/pack.toml:5:13"));
}

#[test]
fn a_bad_number_shape_or_link_scheme_is_an_error() {
    let dir = content_copy();
    edit_file(&dir.path().join("content/contacts.toml"), |s| {
        s.replacen("phone = \"0800 1111\"", "phone = \"0800 111\"", 1)
            .replacen(
                "url = \"childline.org.uk\"",
                "url = \"javascript:alert(1)\"",
                1,
            )
    });
    let out = check_content(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("contact `childline`: `0800 111` is not the shape of a UK phone number"),
        "{err}"
    );
    assert!(
        err.contains("contact `childline`: `javascript:alert(1)` uses `javascript:`"),
        "{err}"
    );
}

#[test]
fn a_nation_gets_its_own_block_and_contact_records() {
    let dir = content_copy();
    let c = dir.path().join("content");
    // A Wales-only definition, and a Wales-only record for the police number.
    let def = std::fs::read_to_string(c.join("en/definition.md")).unwrap();
    std::fs::write(
        c.join("en/definition.wales.md"),
        def.replace(
            "Child sexual exploitation is a form of child sexual abuse.",
            "In Wales, CSE is child abuse.",
        ),
    )
    .unwrap();
    let contacts = std::fs::read_to_string(c.join("contacts.toml")).unwrap();
    std::fs::write(
        c.join("contacts.toml"),
        contacts + "\n[[contact]]\nid = \"police\"\nphone = \"0121 496 0009\"\naudience = \"everyone\"\npriority = \"helpline\"\nnations = [\"wales\"]\nsource = \"https://example.org/fixture\"\nconfirmed = \"archived copy\"\nchecked = 2026-11-28\n",
    )
    .unwrap();
    for (nation, sentence, police) in [
        (
            "england",
            "Child sexual exploitation is a form of child sexual abuse.",
            "101",
        ),
        ("wales", "In Wales, CSE is child abuse.", "0121 496 0009"),
    ] {
        let out_dir = format!("dist-{nation}");
        let out = run(
            dir.path(),
            &[
                "build",
                "--content",
                "content",
                "--lang",
                "en",
                "--product",
                "poster-a4",
                "--nation",
                nation,
                "--out",
                &out_dir,
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let Some(text) = pdftotext(&dir.path().join(&out_dir).join("en/poster-a4.pdf")) else {
            return;
        };
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(sentence), "{nation}: {flat}");
        assert!(text.lines().any(|l| l.trim() == police), "{nation}: {text}");
    }
}

#[test]
fn a_block_for_an_unknown_nation_is_an_error() {
    let dir = content_copy();
    let c = dir.path().join("content");
    std::fs::copy(
        c.join("en/definition.md"),
        c.join("en/definition.cornwall.md"),
    )
    .unwrap();
    let out = check_content(dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("`cornwall` in `definition.cornwall.md` is not a nation"));
}

/// Copy `en` to a new language folder and apply `edit` to one of its files.
fn variant(content: &std::path::Path, code: &str, file: &str, edit: impl Fn(String) -> String) {
    let dir = content.join(code);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(content.join("en")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    edit_file(&dir.join(file), |t| edit(t.to_string()));
}

/// The line of `path` that contains `needle`.
fn line_of(path: &std::path::Path, needle: &str) -> usize {
    line_with(&std::fs::read_to_string(path).unwrap(), needle)
}

#[test]
fn check_reports_one_of_every_problem_in_one_run() {
    let dir = content_copy();
    let c = dir.path().join("content");
    let edit = |rel: &str, f: &dyn Fn(String) -> String| {
        edit_file(&c.join(rel), |t| f(t.to_string()));
    };
    variant(&c, "xa", "strings.toml", |t| {
        t.replacen(
            "title = \"Child Sexual Exploitation\"",
            "title = \"Child Sexual Exploitation",
            1,
        )
    });
    variant(&c, "xb", "strings.toml", |t| {
        t.replacen("title = ", "titel = ", 1)
    });
    variant(&c, "xc", "quotes.toml", |t| {
        t.replacen("attribution = \"A parent", "# attribution = \"A parent", 1)
    });
    variant(&c, "xd", "quotes.toml", |t| {
        t.replacen("source = \"pace\"", "source = \"nope\"", 1)
    });
    variant(&c, "xe", "definition.md", |t| {
        t.replacen("quoted = true", "quoted = yes", 1)
    });
    variant(&c, "xf", "strings.toml", |t| {
        t.replacen("Make that call.", "Make that \u{0D05} call.", 1)
    });
    variant(&c, "xg", "grooming.md", |t| {
        t + "\n# A heading in the body\n"
    });
    edit("pack.toml", &|t| {
        t.replace("review-by = 2027-11-28", "review-by = 2026-01-01")
    });
    edit("contacts.toml", &|t| {
        t.replacen("phone = \"0800 1111\"", "phone = \"0800 111\"", 1)
            .replacen("url = \"ceop.police.uk/Safety-Centre\"", "url = \"ftp://ceop.police.uk/Safety-Centre\"", 1)
            .replacen("source = \"https://www.stopitnow.org.uk/helpline/\"\n", "", 1)
            .replacen("email = \"help@nspcc.org.uk\"\naudience = \"adults\"\npriority = \"helpline\"\nnations = [\"england\", \"wales\", \"scotland\", \"northern-ireland\"]\nsource = \"https://www.nspcc.org.uk/keeping-children-safe/our-services/nspcc-helpline/\"\nconfirmed = \"archived copy\"\nchecked = 2026-12-01", "email = \"help@nspcc.org.uk\"\naudience = \"adults\"\npriority = \"helpline\"\nnations = [\"england\", \"wales\", \"scotland\", \"northern-ireland\"]\nsource = \"https://www.nspcc.org.uk/keeping-children-safe/our-services/nspcc-helpline/\"\nconfirmed = \"archived copy\"\nchecked = 2025-06-01", 1)
    });
    edit("en/definition.md", &|t| {
        t + &"\nThe victim may have been sexually exploited even if the sexual activity appears consensual.\n".repeat(8)
    });

    let out = check_content(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let contacts = c.join("contacts.toml");
    let expected = [
        format!(
            "error: content/xa/strings.toml:{}:",
            line_of(&c.join("xa/strings.toml"), "title = ")
        ),
        format!(
            "error: content/xb/strings.toml:{}:1: unknown key `poster.titel`",
            line_of(&c.join("xb/strings.toml"), "titel")
        ),
        format!(
            "error: content/xb/strings.toml:{}:2: missing key `poster.title`",
            line_of(&c.join("xb/strings.toml"), "[poster]")
        ),
        // The third quote (PACE) lost its attribution; its [[quote]] line is just above its id.
        format!(
            "error: content/xc/quotes.toml:{}:1: missing field `attribution`",
            line_of(&c.join("xc/quotes.toml"), "id = \"pace\"") - 1
        ),
        format!(
            "error: content/xd/quotes.toml:{}:",
            line_of(&c.join("xd/quotes.toml"), "\"nope\"")
        ),
        "source `nope` does not exist".to_string(),
        "error: content/xe/definition.md:4:".to_string(),
        format!(
            "error: content/xf/strings.toml:{}:",
            line_of(&c.join("xf/strings.toml"), "Make that")
        ),
        "language `xf`: no font in its stack (NotoSans) has U+0D05".to_string(),
        format!(
            "error: content/xg/grooming.md:{}:1: a heading",
            line_of(&c.join("xg/grooming.md"), "# A heading")
        ),
        "error: content/pack.toml:5:13: the pack was due for review by 2026-01-01".to_string(),
        format!(
            "warning: content/contacts.toml:{}:11: contact `nspcc` was last checked on 2025-06-01",
            line_of(&contacts, "checked = 2025-06-01")
        ),
        format!(
            "error: content/contacts.toml:{}:9: contact `childline`: `0800 111` is not the shape of a UK phone number",
            line_of(&contacts, "phone = \"0800 111\"")
        ),
        format!(
            "error: content/contacts.toml:{}:7: contact `ceop`: `ftp://ceop.police.uk/Safety-Centre` uses `ftp:`",
            line_of(&contacts, "ftp://ceop")
        ),
        "missing field `source`".to_string(),
        "`poster-a4` in `en`: the `definition` text does not fit at the smallest allowed size"
            .to_string(),
    ];
    for e in &expected {
        assert!(err.contains(e.as_str()), "missing {e:?} in:\n{err}");
    }
    assert!(
        err.lines().last().unwrap().contains("errors, 1 warning"),
        "{err}"
    );
}

#[test]
fn a_text_layer_font_that_is_not_shipped_is_an_error_naming_the_language() {
    let dir = content_copy();
    edit_file(&dir.path().join("content/ur/language.toml"), |s| {
        s.replacen(
            "text-layer = \"NotoNaskhArabic\"",
            "text-layer = \"NotoNaskh\"",
            1,
        )
    });
    let out = check_content(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/ur/language.toml") && err.contains("`NotoNaskh`"),
        "{err}"
    );
}

/// Edit `rel` in a copy of the content with `edit`, run `check` on one
/// product, and return the error output and the copy's text after the edit.
fn check_edited(rel: &str, edit: impl Fn(&str) -> String) -> (String, String) {
    let dir = content_copy();
    let edited = edit_file(&dir.path().join("content").join(rel), edit);
    let out = check_content(dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    (stderr(&out), edited)
}

fn line_in(text: &str, starts: &str) -> usize {
    text.lines().position(|l| l.starts_with(starts)).unwrap() + 1
}

#[test]
fn a_placeholder_the_string_does_not_have_is_an_error_at_its_line() {
    let (err, edited) = check_edited("pl/strings.toml", |s| s.replacen("{date}", "{data}", 1));
    let line = line_in(&edited, "checked =");
    assert!(
        err.contains(&format!(
            "error: content/pl/strings.toml:{line}:11: `footer.checked`: `{{data}}` is not a placeholder this string has"
        )),
        "{err}"
    );
    assert!(err.contains("hint: this string takes `{date}`"), "{err}");
}

#[test]
fn an_unclosed_placeholder_is_an_error_at_its_line() {
    let (err, edited) = check_edited("en/strings.toml", |s| {
        s.replacen("Pack version {version}", "Pack version {version", 1)
    });
    let line = line_in(&edited, "version =");
    assert!(
        err.contains(&format!(
            "error: content/en/strings.toml:{line}:11: `footer.version`: the placeholder starting `{{version` is not closed"
        )),
        "{err}"
    );
}

#[test]
fn a_month_list_that_is_not_twelve_names_is_an_error_at_its_line() {
    let (err, edited) = check_edited("cy/strings.toml", |s| s.replacen(", \"Rhagfyr\"]", "]", 1));
    let line = line_in(&edited, "months =");
    assert!(
        err.contains(&format!(
            "error: content/cy/strings.toml:{line}:10: `footer.months`: has 11 names"
        )),
        "{err}"
    );
}

#[test]
fn a_markdown_table_is_an_error_at_its_line() {
    let (err, edited) = check_edited("en/something.md", |s| {
        format!("{s}\n| gift | money |\n| --- | --- |\n| a | b |\n")
    });
    let line = line_in(&edited, "| gift");
    assert!(
        err.contains(&format!(
            "error: content/en/something.md:{line}:1: a table is not supported in a block"
        )),
        "{err}"
    );
}

#[test]
fn raw_html_in_a_string_is_an_error_at_its_line() {
    let (err, edited) = check_edited("en/strings.toml", |s| {
        s.replacen(
            "action = \"Make that call.\"",
            "action = \"Make <b>that</b> call.\"",
            1,
        )
    });
    let line = line_in(&edited, "action =");
    assert!(
        err.contains(&format!(
            "error: content/en/strings.toml:{line}:10: `call.action`: `<b>` is HTML"
        )),
        "{err}"
    );
}

#[test]
fn check_notes_records_not_confirmed_on_a_live_page() {
    let out = run(
        &repo(),
        &[
            "check",
            "--product",
            "card-wallet",
            "--lang",
            "en",
            "--nation",
            "wales",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("note: content/contacts.toml: 16 contact records were not confirmed on a live page: `emergency` (archived copy)"),
        "{err}"
    );
    assert!(err.contains("`dfe-2017` (third-party copy)"), "{err}");
    // A build does not repeat it.
    let d = tempfile::tempdir().unwrap();
    let out = run(
        d.path(),
        &[
            "build",
            "--product",
            "card-wallet",
            "--lang",
            "en",
            "--out",
            "dist",
        ],
    );
    assert!(!stderr(&out).contains("note:"), "{}", stderr(&out));
}

#[test]
fn a_text_too_long_for_any_product_is_refused_at_load_where_the_limit_is_reached() {
    // A 4 MB paragraph once took 15 s and 880 MB to be told it does not
    // fit; it is refused before layout, at the line where 64 KB is reached.
    let dir = content_copy();
    let path = dir.path().join("content/en/grooming.md");
    let src = std::fs::read_to_string(&path).unwrap();
    let para = "Grooming can happen online or offline, without the young person knowing.\n\n";
    let long = src.clone() + &para.repeat(4_000_000 / para.len());
    std::fs::write(&path, &long).unwrap();
    let limit_line = long[..64 * 1024].lines().count();

    // Refused at load, whatever is selected.
    let out = build_one(dir.path(), &["--content", "content"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("error: content/en/grooming.md:{limit_line}:"))
            && err.contains("may be at most 64 KB"),
        "{err}"
    );
    assert!(!dir.path().join("dist").exists(), "nothing may be written");
}

#[test]
fn a_build_reads_only_the_languages_it_makes_and_check_reads_them_all() {
    let dir = content_copy();
    // Polish's strings cannot be read.
    std::fs::write(
        dir.path().join("content/pl/strings.toml"),
        "title = \"unclosed\n",
    )
    .unwrap();
    let english = [
        "build",
        "--content",
        "content",
        "--lang",
        "en",
        "--product",
        "poster-a4",
        "--out",
        "dist",
    ];
    let out = run(dir.path(), &english);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("dist/en/poster-a4.pdf").is_file());
    // A build that makes Polish, or any `check`, reports it at its place.
    let polish = [
        "build",
        "--content",
        "content",
        "--lang",
        "pl",
        "--product",
        "poster-a4",
        "--out",
        "pl",
    ];
    let check = [
        "check",
        "--content",
        "content",
        "--lang",
        "en",
        "--product",
        "poster-a4",
    ];
    for args in [&polish[..], &check] {
        let out = run(dir.path(), args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr(&out).contains("error: content/pl/strings.toml:1:"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(!dir.path().join("pl").exists(), "nothing may be written");
}
