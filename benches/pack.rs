//! Benchmarks (run with `cargo bench`): the whole default pack in one process,
//! beside Typst compiling an equivalent A4 poster in the same run (with the
//! ratio); an A4 poster rebuilt after a one-character edit of the
//! organisation's name; one English A4 poster as its own process, cold; a
//! 200-organisation batch; peak memory. Plain harness: prints wall time,
//! documents per second and milliseconds per document.

use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let runs = 5;
    println!("load: {}", load_average());
    let per_doc = whole_pack(runs);
    typst_ratio(per_doc);
    edit_rebuild(20);
    written_pack(env!("CARGO_BIN_EXE_cse-pack"), runs);
    // `CSE_PACK_BENCH_AGAINST=path/to/other/cse-pack` times another build
    // (say, main's) the same way in the same run, for a before/after figure.
    if let Ok(other) = std::env::var("CSE_PACK_BENCH_AGAINST") {
        println!("against {other}:");
        written_pack(&other, runs);
    }
    one_poster_process(runs * 4);
    batch(200);
    if let Some(peak) = peak_memory_kb() {
        println!(
            "peak memory of this process (whole pack runs included): {} MB",
            peak / 1024
        );
    }
}

/// 200 organisations, every product, English, as one process.
fn batch(orgs: usize) {
    let dir = std::env::temp_dir().join(format!("cse-pack-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let logo = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/org/logo.png");
    std::fs::copy(logo, dir.join("logo.png")).expect("fixture logo");
    let mut csv = String::from("name,logo,website,dsl.name,dsl.phone,childrens-services.phone\n");
    for i in 1..=orgs {
        csv.push_str(&format!(
            "School {i},logo.png,https://example.org/{i},Ms A,0121 496 0000,0121 496 0001\n"
        ));
    }
    std::fs::write(dir.join("orgs.csv"), csv).expect("write csv");
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_cse-pack"))
        .args([
            "build", "--lang", "en", "--orgs", "orgs.csv", "--out", "out",
        ])
        .current_dir(&dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("the binary runs");
    let wall = start.elapsed();
    assert!(status.success());
    let docs = orgs * 11;
    report(
        &format!("{orgs}-organisation batch, every product in English (one process)"),
        wall,
        docs,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The high-water mark of this process's resident memory (Linux).
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Typst compiling `benches/typst/poster.typ` (the English A4 poster's text,
/// the same fonts) warm, in process, through its Python binding
/// (`pip install typst`); skipped with a message if that is not installed.
fn typst_ratio(pack_ms_per_doc: f64) {
    let dir = std::env::temp_dir().join(format!("cse-pack-typst-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let data = dir.join("poster.json");
    std::fs::write(&data, poster_text()).expect("write poster text");
    let out = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/benches/typst/driver.py"
        ))
        .arg(&data)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts"))
        .arg("30")
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let line = match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
        Ok(o) => {
            println!(
                "Typst comparison skipped: {}",
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            );
            return;
        }
        Err(e) => {
            println!("Typst comparison skipped: python3: {e}");
            return;
        }
    };
    let field = |name: &str| -> f64 {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let (varied, same) = (field("varied"), field("same"));
    println!(
        "Typst, equivalent A4 poster, warm, in process (median of 30): {varied:.2} ms each with a different organisation name, {same:.2} ms unchanged (cold: {:.1} ms)",
        field("cold")
    );
    println!(
        "  ratio, Typst's warm time per document / the pack's: {:.2} (against the unchanged poster: {:.2})",
        varied / pack_ms_per_doc,
        same / pack_ms_per_doc
    );
}

/// The English A4 poster's text as JSON: each structure node that holds a
/// paragraph, with its role (`H1`, `P`, …), in reading order.
fn poster_text() -> String {
    let loaded = cse_pack::cli::inputs::load(None, None, false).expect("default content loads");
    let options = cse_pack::layout::LayoutOptions {
        nation: cse_pack::model::Nation::England,
        ..Default::default()
    };
    let doc = cse_pack::layout::layout_document(
        loaded.fonts,
        &loaded.content,
        &loaded.content.languages["en"],
        &loaded.templates["poster-a4"],
        &options,
    )
    .expect("the poster lays out");
    fn walk(nodes: &[cse_pack::display::Node], out: &mut Vec<serde_json::Value>) {
        for n in nodes {
            if let Some(para) = &n.para {
                out.push(serde_json::json!({"role": format!("{:?}", n.role), "text": para.text}));
            }
            walk(&n.children, out);
        }
    }
    let mut parts = Vec::new();
    walk(&doc.structure, &mut parts);
    serde_json::Value::Array(parts).to_string()
}

/// The web preview's case: the English A4 poster for an organisation, made
/// again in process (one thread, the build's shape cache warm) after each
/// one-character change to the organisation's name. Median of `runs`.
fn edit_rebuild(runs: usize) {
    let loaded = cse_pack::cli::inputs::load(None, None, false).expect("default content loads");
    let mut org = cse_pack::cli::inputs::load_org_file(
        std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/org/org.toml"
        )),
        &mut Default::default(),
    )
    .expect("fixture organisation loads");
    let selection = cse_pack::Selection {
        langs: vec!["en".into()],
        products: vec!["poster-a4".into()],
        nation: cse_pack::model::Nation::England,
        bleed: false,
    };
    let jobs = cse_pack::plan(&loaded, &selection).expect("valid selection");
    let base = org.name.clone();
    let make = |org: &cse_pack::model::Org| {
        let personal = cse_pack::Personal {
            org: Some(org),
            org_folder: false,
        };
        let start = Instant::now();
        let (outputs, _) =
            cse_pack::make_documents(&loaded, &jobs, &selection, &Default::default(), personal)
                .expect("the poster builds");
        // As the web page does after each preview.
        cse_pack::render::forget_unused();
        assert_eq!(outputs.len(), 1);
        start.elapsed()
    };
    make(&org);
    let mut times = Vec::new();
    for i in 0..runs {
        // One character more, or another last character: a name never built before.
        let letter = char::from(b'a' + (i % 26) as u8);
        org.name = if i % 2 == 0 {
            format!("{base}{letter}")
        } else {
            format!("{}{letter}", &base[..base.len() - 1])
        };
        times.push(make(&org));
    }
    times.sort();
    report(
        "A4 poster rebuilt after a one-character edit of the name (in process, one thread, median)",
        times[times.len() / 2],
        1,
    );
}

/// Every language × every product, laid out, rendered and hashed in-process
/// (not written), each run with a fresh load and nothing memoized (cold).
/// Returns the best run's milliseconds per document.
fn whole_pack(runs: usize) -> f64 {
    let mut best = Duration::MAX;
    let mut docs = 0;
    let mut bytes = 0;
    for _ in 0..runs {
        // Nothing memoized from the run before: each run is a cold build.
        cse_pack::render::forget_all();
        let start = Instant::now();
        let loaded = cse_pack::cli::inputs::load(None, None, false).expect("default content loads");
        let selection = cse_pack::Selection {
            nation: cse_pack::model::Nation::England,
            ..Default::default()
        };
        let jobs = cse_pack::plan(&loaded, &selection).expect("default selection is valid");
        let (outputs, _) = cse_pack::cli::make::make_documents(
            &loaded,
            &jobs,
            &selection,
            &Default::default(),
            Default::default(),
        )
        .expect("default pack builds");
        best = best.min(start.elapsed());
        docs = outputs.len();
        bytes = outputs.iter().map(|o| o.bytes.len()).sum();
    }
    report("whole default pack (in process, best of 5)", best, docs);
    println!("  {docs} documents, {} KB in all", bytes / 1024);
    best.as_secs_f64() * 1000.0 / docs.max(1) as f64
}

/// `cse-pack build` of the whole default pack as one process, output written
/// (and made durable) over the previous build each time.
fn written_pack(exe: &str, runs: usize) {
    let dir = std::env::temp_dir().join(format!("cse-pack-written-{}", std::process::id()));
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        let status = Command::new(exe)
            .args(["build", "--out"])
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("the binary runs");
        best = best.min(start.elapsed());
        assert!(status.success());
    }
    let docs = std::fs::read_to_string(dir.join("manifest.json"))
        .map(|m| m.matches("\"path\"").count())
        .unwrap_or(0);
    report(
        "whole default pack, built and written by the binary (best of 5)",
        best,
        docs,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `cse-pack build --lang en --product poster-a4` as a fresh process each time.
fn one_poster_process(runs: usize) {
    let exe = env!("CARGO_BIN_EXE_cse-pack");
    let dir = std::env::temp_dir().join(format!("cse-pack-bench-{}", std::process::id()));
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let status = Command::new(exe)
            .args(["build", "--lang", "en", "--product", "poster-a4", "--out"])
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("the binary runs");
        times.push(start.elapsed());
        assert!(status.success());
    }
    times.sort();
    report(
        "one English A4 poster, one process (median)",
        times[times.len() / 2],
        1,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn report(what: &str, wall: Duration, docs: usize) {
    let secs = wall.as_secs_f64();
    println!(
        "{what}: {:.1} ms wall, {:.0} documents/s, {:.2} ms/document",
        secs * 1000.0,
        docs as f64 / secs,
        secs * 1000.0 / docs.max(1) as f64
    );
}
