//! The same inputs give byte-identical files.

use crate::common::*;

#[test]
fn two_builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for d in [&a, &b] {
        let out = run(
            d.path(),
            &["build", "--lang", "en", "--product", "poster-a4"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    for f in ["dist/en/poster-a4.pdf", "dist/manifest.json"] {
        let x = std::fs::read(a.path().join(f)).unwrap();
        let y = std::fs::read(b.path().join(f)).unwrap();
        assert!(x == y, "{f} differs between two builds");
    }
}

#[test]
fn the_manifest_describes_the_file() {
    let d = tempfile::tempdir().unwrap();
    let out = run(
        d.path(),
        &["build", "--lang", "en", "--product", "poster-a4"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("dist/manifest.json")).unwrap())
            .unwrap();
    let file = &manifest["files"][0];
    assert_eq!(file["path"], "en/poster-a4.pdf");
    assert_eq!(file["product"], "poster-a4");
    assert_eq!(file["lang"], "en");
    assert_eq!(file["nation"], "england");
    assert_eq!(file["pages"], 1);
    assert_eq!(file["width_mm"], 210.0);
    assert_eq!(file["height_mm"], 297.0);
    let bytes = std::fs::read(d.path().join("dist/en/poster-a4.pdf")).unwrap();
    assert_eq!(file["bytes"], bytes.len());
    assert_eq!(
        file["sha256"].as_str().unwrap(),
        cse_pack::pack::sha256_hex(&bytes)
    );
    assert_eq!(manifest["content_version"], "1.1.0");
}

#[test]
fn list_shows_languages_with_status_and_products_with_sizes() {
    let d = tempfile::tempdir().unwrap();
    let out = run(d.path(), &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("en     English"), "{text}");
    assert!(text.contains("reviewed"), "{text}");
    assert!(
        text.contains("poster-a4") && text.contains("210 × 297 mm"),
        "{text}"
    );
}

/// The one test that lays out the whole default pack: every product in every
/// language and in the bilingual pair (which `--lang cy+en` makes in every
/// product, in any nation) for every nation, 572 documents. Other tests
/// build only the products and languages they are about.
#[test]
fn the_whole_pack_checks_clean_in_every_nation_and_check_writes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let out = run(d.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("checked 572 documents: no errors"),
        "{}",
        stdout(&out)
    );
    // The expected warnings: the Northern Ireland wallet card points to the
    // Gateway numbers instead of listing them (see `nations`), and what the
    // leaflets, booklet and card leave off in two languages, named with
    // their edition.
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    let pointer =
        "warning: `card-wallet` in the Northern Ireland edition has no room for `gateway-belfast`";
    assert_eq!(
        warnings.iter().filter(|w| w.starts_with(pointer)).count(),
        1,
        "{err}"
    );
    let left_off = warnings
        .iter()
        .filter(|w| {
            w.contains(" in two languages in the ") && w.ends_with(": left off in both languages")
        })
        .count();
    assert_eq!(left_off + 1, warnings.len(), "{err}");
    assert!(
        err.contains(&format!("0 errors, {} warnings\n", warnings.len())),
        "{err}"
    );
    assert!(
        std::fs::read_dir(d.path()).unwrap().next().is_none(),
        "check wrote something"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_files_and_manifest_as_they_were() {
    let dir = content_copy();
    let out = run(
        dir.path(),
        &["build", "--content", "content", "--lang", "en"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let dist = dir.path().join("dist");
    let before: Vec<(std::path::PathBuf, Vec<u8>)> = walk(&dist)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    assert!(before.len() >= 12);

    // Half-way through the next build, one product's text no longer fits.
    let def = dir.path().join("content/en/definition.md");
    let long = std::fs::read_to_string(&def).unwrap() + &"\nThe victim may have been sexually exploited even if the sexual activity appears consensual.\n".repeat(8);
    std::fs::write(&def, long).unwrap();
    let out = run(
        dir.path(),
        &["build", "--content", "content", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nothing was written to `dist`"),
        "{}",
        stderr(&out)
    );
    for (path, bytes) in &before {
        assert_eq!(&std::fs::read(path).unwrap(), bytes, "{path:?} changed");
    }
    assert_eq!(
        walk(&dist).len(),
        before.len(),
        "no stray or temporary files"
    );
}

#[test]
fn a_symlink_in_the_output_folder_is_not_followed() {
    let d = tempfile::tempdir().unwrap();
    let victim = d.path().join("precious.txt");
    std::fs::write(&victim, "keep me").unwrap();
    std::fs::create_dir_all(d.path().join("dist/en")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&victim, d.path().join("dist/en/poster-a4.pdf")).unwrap();
    let out = run(
        d.path(),
        &["build", "--lang", "en", "--product", "poster-a4"],
    );
    #[cfg(unix)]
    {
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("is a symlink or not a regular file; refusing to replace it"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    }
    let _ = out;
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn parallel_and_single_threaded_builds_are_byte_identical() {
    let builds: Vec<_> = ["1", "4"]
        .iter()
        .map(|threads| {
            let d = tempfile::tempdir().unwrap();
            let out = cse_pack(d.path(), &["build", "--lang", "en"])
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
            d
        })
        .collect();
    let files = walk(&builds[0].path().join("dist"));
    assert!(files.len() >= 12);
    for f in files {
        let rel = f.strip_prefix(builds[0].path()).unwrap();
        assert_eq!(
            std::fs::read(&f).unwrap(),
            std::fs::read(builds[1].path().join(rel)).unwrap(),
            "{rel:?}"
        );
    }
}

/// Shaping once per build, and krilla's memo of font subsets and compressed
/// streams, change no byte: the same documents made in process with the
/// build's shape cache and krilla's memo (cold, then warm), with a cache too
/// small for the pack (which drops paragraphs as it goes), with none (every
/// paragraph shaped where it is used), and by the binary on four threads.
#[test]
fn cached_uncached_and_parallel_builds_are_byte_identical() {
    use cse_pack::layout::ShapeCache;
    let selection = cse_pack::Selection {
        langs: vec!["en".into(), "ur".into(), "cy+en".into()],
        products: Vec::new(),
        nation: cse_pack::model::Nation::Wales,
        bleed: false,
    };
    let org = cse_pack::cli::inputs::load_org_file(
        &repo().join("tests/fixtures/org/org.toml"),
        &mut Default::default(),
    )
    .unwrap();
    let make = |loaded: &cse_pack::Loaded, org: Option<&cse_pack::model::Org>| {
        let jobs = cse_pack::plan(loaded, &selection).unwrap();
        let personal = cse_pack::Personal {
            org,
            org_folder: false,
        };
        let (outputs, _) =
            cse_pack::make_documents(loaded, &jobs, &selection, &Default::default(), personal)
                .unwrap();
        outputs
            .into_iter()
            .map(|o| (o.info.path, o.bytes))
            .collect::<Vec<_>>()
    };
    let load = |cache: ShapeCache| {
        let mut loaded = cse_pack::cli::inputs::load(None, None, false).unwrap();
        loaded.shapes = cache;
        loaded
    };
    let cached = load(ShapeCache::default());
    let uncached = load(ShapeCache::with_capacity(0));
    let small = load(ShapeCache::with_capacity(64 << 10));
    for org in [None, Some(&org)] {
        // Nothing memoized by krilla either (other tests in this process may
        // have filled its cache).
        cse_pack::render::forget_all();
        let cold = make(&cached, org);
        assert!(cold.len() >= 30, "{} documents", cold.len());
        let warm = make(&cached, org);
        // krilla's memo bounded after the warm build, as a batch does.
        cse_pack::render::forget_unused();
        let rewarmed = make(&cached, org);
        let none = make(&uncached, org);
        let dropping = make(&small, org);
        for (i, (path, bytes)) in cold.iter().enumerate() {
            assert!(
                warm[i] == (path.clone(), bytes.clone()),
                "{path}: warm cache"
            );
            assert!(
                rewarmed[i] == (path.clone(), bytes.clone()),
                "{path}: after forgetting what was unused"
            );
            assert!(none[i] == (path.clone(), bytes.clone()), "{path}: no cache");
            assert!(
                dropping[i] == (path.clone(), bytes.clone()),
                "{path}: small cache"
            );
        }
    }
    let stats = cached.shapes.stats();
    assert!(stats.hits > 10 * stats.misses, "{stats:?}");
    assert_eq!(uncached.shapes.stats().entries, 0);
    assert!(small.shapes.stats().bytes <= 64 << 10);

    // The binary, in parallel: the same files.
    let d = tempfile::tempdir().unwrap();
    let out = cse_pack(
        d.path(),
        &["build", "--lang", "en,ur,cy+en", "--nation", "wales"],
    )
    .env("RAYON_NUM_THREADS", "4")
    .output()
    .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for (path, bytes) in make(&uncached, None) {
        let written = std::fs::read(d.path().join("dist").join(&path)).unwrap();
        assert!(written == bytes, "{path}: parallel build");
    }
}
