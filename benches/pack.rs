//! Benchmarks (run with `cargo bench`): the whole default pack in one process,
//! and one English A4 poster as its own process, cold. Plain harness: prints
//! wall time, documents per second and milliseconds per document.

use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let runs = 5;
    whole_pack(runs);
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

/// Every language × every product, laid out, rendered and hashed in-process (not written).
fn whole_pack(runs: usize) {
    let mut best = Duration::MAX;
    let mut docs = 0;
    let mut bytes = 0;
    for _ in 0..runs {
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
