//! Fault injection: builds killed at random moments, a full disk, read-only,
//! wrong-typed and symlinked subfolders, two builds at once. Each time the
//! output folder must hold one complete build — the previous or the new one,
//! byte for byte and as its manifest says — and the next good build must
//! leave nothing behind. Cases that need root (a tmpfs, a read-only mount)
//! skip with a message without it.

use super::common::cse_pack;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

/// Every file under a folder (relative path → bytes; a symlink as
/// `-> target`), hidden ones included, so leftovers show up.
type Tree = BTreeMap<String, Vec<u8>>;

/// The small previous build: two posters.
const SMALL_OLD: &[&str] = &["--product", "poster-a4", "--lang", "en,pl"];
/// The small new build: the same two (with a creation date, so every byte
/// of them differs) and a language more (a folder the old build lacks).
const SMALL_NEW: &[&str] = &["--product", "poster-a4", "--lang", "en,pl,cy"];
/// Makes every PDF of a build differ from the same build without it.
const NEW_DATE: &str = "1767225600";

/// `cse-pack build ARGS --out out` in `dir`; `new` builds carry a creation date.
fn build(dir: &Path, args: &[&str], new: bool) -> Command {
    let mut c = cse_pack(dir, &[&["build"], args, &["--out", "out"]].concat());
    if new {
        c.env("SOURCE_DATE_EPOCH", NEW_DATE);
    }
    c.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    c
}

fn run_build(dir: &Path, args: &[&str], new: bool) -> Output {
    build(dir, args, new).output().expect("the binary runs")
}

fn ok(o: &Output) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn failed_with(o: &Output, message: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(message), "expected `{message}` in:\n{err}");
}

fn tree(root: &Path) -> Tree {
    fn walk(root: &Path, dir: &Path, into: &mut Tree) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let p = e.expect("entry").path();
            let rel = p
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            let meta = std::fs::symlink_metadata(&p).expect("metadata");
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&p).expect("link");
                into.insert(rel, format!("-> {}", target.display()).into_bytes());
            } else if meta.is_dir() {
                walk(root, &p, into);
            } else {
                into.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut t = Tree::new();
    walk(root, root, &mut t);
    t
}

/// The folder a build makes from nothing.
fn reference(args: &[&str], new: bool) -> Tree {
    let d = tempfile::tempdir().expect("temp dir");
    ok(&run_build(d.path(), args, new));
    let t = tree(&d.path().join("out"));
    assert!(t.contains_key("manifest.json") && t.len() > 1);
    t
}

/// Put `t` into `dir/out` (which must not exist).
fn restore(dir: &Path, t: &Tree) {
    for (rel, bytes) in t {
        let p = dir.join("out").join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    }
}

/// Which of `candidates` the folder equals, or a panic saying how it differs
/// from the first; and the manifest lists exactly the files there, with
/// their sizes and hashes.
fn assert_one_of(out: &Path, candidates: &[(&str, &Tree)], context: &str) -> String {
    let now = tree(out);
    if let Some((name, _)) = candidates.iter().find(|(_, t)| **t == now) {
        if !now.is_empty() {
            assert_manifest_true(&now, context);
        }
        return name.to_string();
    }
    let mut report = String::new();
    for (name, t) in candidates {
        let differ: std::collections::BTreeSet<&String> = now
            .keys()
            .chain(t.keys())
            .filter(|k| now.get(*k) != t.get(*k))
            .collect();
        report.push_str(&format!(
            "\n  vs {name}: {} paths differ: {differ:?}",
            differ.len()
        ));
    }
    panic!("{context}: the folder is no complete build:{report}");
}

fn assert_manifest_true(t: &Tree, context: &str) {
    let manifest: serde_json::Value =
        serde_json::from_slice(&t["manifest.json"]).expect("the manifest parses");
    let files = manifest["files"].as_array().expect("files");
    let listed: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    let on_disk: Vec<&str> = t
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "manifest.json")
        .collect();
    assert_eq!(
        listed, on_disk,
        "{context}: the manifest lists other files than are there"
    );
    for f in files {
        let bytes = &t[f["path"].as_str().unwrap()];
        assert_eq!(f["bytes"].as_u64(), Some(bytes.len() as u64), "{context}");
        assert_eq!(
            f["sha256"].as_str(),
            Some(cse_pack::output::sha256_hex(bytes).as_str()),
            "{context}"
        );
    }
}

/// A small pseudo-random sequence (xorshift), seeded from the clock unless
/// `CSE_PACK_FAULT_SEED` repeats a failing run.
struct Random(u64);

impl Random {
    fn new() -> Self {
        let seed = std::env::var("CSE_PACK_FAULT_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .expect("after 1970")
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("fault seed: CSE_PACK_FAULT_SEED={seed}");
        Random(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Wait until `path` exists (busy, to catch short phases); false if the
/// child ends first or `limit` passes.
fn wait_for(path: &Path, child: &mut Child, limit: Duration) -> bool {
    let start = Instant::now();
    let mut spins = 0u32;
    while start.elapsed() < limit {
        if path.exists() {
            return true;
        }
        spins += 1;
        if spins.is_multiple_of(256) && child.try_wait().expect("try_wait").is_some() {
            return path.exists();
        }
        std::hint::spin_loop();
    }
    false
}

/// When a kill lands: `delay` after the start, or after `.cse-pack/<phase>`
/// appears (`stage` while documents are written, `commit` once the new
/// build has won and its files move into place).
#[derive(Clone, Copy, Debug)]
struct KillAt {
    phase: Option<&'static str>,
    delay: Duration,
}

/// Start the new build into a folder holding `old`, kill it with SIGKILL at
/// `at`, and say which build the folder then holds. A kill while files were
/// moving into place leaves the committed build in the work folder; the
/// next run, even a partial one, must finish it first.
fn kill_once(new_args: &[&str], old: &Tree, new: &Tree, at: KillAt) -> String {
    let case = format!("kill at {at:?}");
    let d = tempfile::tempdir().expect("temp dir");
    restore(d.path(), old);
    let out = d.path().join("out");
    let mut child = build(d.path(), new_args, true).spawn().expect("spawn");
    if let Some(phase) = at.phase {
        let path = out.join(".cse-pack").join(phase);
        wait_for(&path, &mut child, Duration::from_secs(60));
    }
    std::thread::sleep(at.delay);
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let outcome = if out.join(".cse-pack/commit").exists() {
        // The new build had won; a build of English alone must first move
        // the rest of it into place.
        let en_only = run_build(d.path(), &["--product", "poster-a4", "--lang", "en"], true);
        ok(&en_only);
        let context = format!("{case}, finished by the next run");
        assert_one_of(&out, &[("new", new)], &context);
        "moving into place".to_string()
    } else {
        // What a reader sees meanwhile: the work folder is hidden and not
        // listed; everything else is one build.
        let mut visible = tree(&out);
        visible.retain(|k, _| !k.starts_with(".cse-pack/"));
        let which = if visible == *old { "old" } else { "new" };
        let expected = if which == "old" { old } else { new };
        if visible != *expected {
            assert_one_of(&out, &[("old", old), ("new", new)], &case);
        }
        assert_manifest_true(&visible, &case);
        which.to_string()
    };
    // The next good build leaves exactly the new build, nothing else (not a
    // temporary file of an old version either).
    std::fs::write(out.join("en/.poster-a4.pdf.4242.tmp"), "old").expect("plant");
    ok(&run_build(d.path(), new_args, true));
    let context = format!("{case}, after the next good build");
    assert_one_of(&out, &[("new", new)], &context);
    outcome
}

#[test]
fn builds_killed_at_random_moments_leave_the_old_or_the_new_build() {
    let old = reference(SMALL_OLD, false);
    let new = reference(SMALL_NEW, true);
    // How long the new build takes, to spread kills over all of it.
    let d = tempfile::tempdir().expect("temp dir");
    restore(d.path(), &old);
    let start = Instant::now();
    ok(&run_build(d.path(), SMALL_NEW, true));
    let whole = start.elapsed().as_millis() as u64;
    let mut random = Random::new();
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..24 {
        // A third of the kills anywhere in the run, a third while documents
        // are staged, a third while they move into place.
        let phase = [None, Some("stage"), Some("commit")][i % 3];
        let delay = match phase {
            None => Duration::from_millis(random.below(whole + whole / 4)),
            Some(_) => Duration::from_micros(random.below(3000)),
        };
        let outcome = kill_once(SMALL_NEW, &old, &new, KillAt { phase, delay });
        *outcomes.entry(outcome).or_default() += 1;
    }
    eprintln!("24 kills (a build takes {whole} ms): {outcomes:?}");
}

#[test]
fn the_whole_pack_killed_while_writing_leaves_the_old_or_the_new_pack() {
    let d = tempfile::tempdir().expect("temp dir");
    ok(&run_build(d.path(), &[], false));
    let old = tree(&d.path().join("out"));
    assert!(old.len() > 100, "the whole pack");
    let out = d.path().join("out");
    let mut child = build(d.path(), &[], true).spawn().expect("spawn");
    let staged = wait_for(
        &out.join(".cse-pack/stage"),
        &mut child,
        Duration::from_secs(120),
    );
    std::thread::sleep(Duration::from_millis(Random::new().below(30)));
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    assert!(staged, "the build never began writing");
    let mut visible = tree(&out);
    visible.retain(|k, _| !k.starts_with(".cse-pack/"));
    let interrupted_commit = out.join(".cse-pack/commit").exists();
    ok(&run_build(d.path(), &[], true));
    let new = tree(&out);
    assert_manifest_true(&new, "the whole pack rebuilt");
    if !interrupted_commit {
        assert!(
            visible == old || visible == new,
            "killed mid-write: a mix of two packs"
        );
    }
}

#[test]
fn a_symlinked_subfolder_is_refused_and_nothing_is_written_through_it() {
    let d = tempfile::tempdir().expect("temp dir");
    ok(&run_build(d.path(), SMALL_OLD, false));
    let out = d.path().join("out");
    let elsewhere = d.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    std::fs::rename(out.join("pl"), elsewhere.join("pl")).expect("move");
    std::os::unix::fs::symlink(elsewhere.join("pl"), out.join("pl")).expect("symlink");
    let before = tree(&out);
    let outside = tree(&elsewhere);
    let o = run_build(d.path(), SMALL_NEW, true);
    failed_with(
        &o,
        "`out/pl` is a symlink; cse-pack never writes through a symlink",
    );
    assert_eq!(tree(&elsewhere), outside, "a file outside `out` changed");
    assert_eq!(tree(&out), before, "a refused build changed the folder");

    // The work folder itself planted as a symlink: refused too.
    std::fs::remove_file(out.join("pl")).expect("unlink");
    std::os::unix::fs::symlink(&elsewhere, out.join(".cse-pack")).expect("symlink");
    let o = run_build(d.path(), SMALL_NEW, true);
    failed_with(&o, "`out/.cse-pack` is a symlink");
    assert_eq!(tree(&elsewhere), outside, "a file outside `out` changed");
    std::fs::remove_file(out.join(".cse-pack")).expect("unlink");
    ok(&run_build(d.path(), SMALL_NEW, true));
    assert_one_of(
        &out,
        &[("new", &reference(SMALL_NEW, true))],
        "after the good build",
    );
}

#[test]
fn a_file_where_a_folder_should_be_is_refused_and_the_folder_is_unchanged() {
    let d = tempfile::tempdir().expect("temp dir");
    ok(&run_build(d.path(), SMALL_OLD, false));
    let out = d.path().join("out");
    std::fs::remove_dir_all(out.join("pl")).expect("rm");
    std::fs::write(out.join("pl"), "not a folder").expect("write");
    let before = tree(&out);
    let o = run_build(d.path(), SMALL_NEW, true);
    failed_with(
        &o,
        "`out/pl` is a file where a folder of documents should be",
    );
    assert_eq!(tree(&out), before);

    // And a folder where a PDF should be.
    std::fs::remove_file(out.join("pl")).expect("rm");
    std::fs::create_dir_all(out.join("pl/poster-a4.pdf")).expect("mkdir");
    let o = run_build(d.path(), SMALL_NEW, true);
    failed_with(
        &o,
        "`out/pl/poster-a4.pdf` is a symlink or not a regular file",
    );
    std::fs::remove_dir(out.join("pl/poster-a4.pdf")).expect("rm");
    ok(&run_build(d.path(), SMALL_NEW, true));
    assert_one_of(
        &out,
        &[("new", &reference(SMALL_NEW, true))],
        "after the good build",
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n")
}

/// A mount that is undone when dropped.
struct Mount(PathBuf);

impl Mount {
    fn new(args: &[&str], at: &Path) -> Option<Mount> {
        let status = Command::new("mount").args(args).arg(at).status().ok()?;
        status.success().then(|| Mount(at.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_subfolder_stops_the_build_before_anything_changes() {
    let d = tempfile::tempdir().expect("temp dir");
    ok(&run_build(d.path(), SMALL_OLD, false));
    let out = d.path().join("out");
    let pl = out.join("pl");
    let before = tree(&out);
    // Root may write anywhere a permission bit forbids; a read-only mount
    // stops even root.
    let mount = if is_root() {
        let Some(m) = Mount::new(&["--bind", pl.to_str().unwrap()], &pl) else {
            eprintln!("skipped: cannot bind-mount a read-only folder here");
            return;
        };
        let remount = Command::new("mount")
            .args(["-o", "remount,bind,ro"])
            .arg(&pl)
            .status();
        assert!(remount.is_ok_and(|s| s.success()), "remount read-only");
        Some(m)
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pl, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        None
    };
    let o = run_build(d.path(), SMALL_NEW, true);
    failed_with(&o, "cannot write into `out/pl`");
    assert_eq!(tree(&out), before, "a refused build changed the folder");
    drop(mount);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pl, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    ok(&run_build(d.path(), SMALL_NEW, true));
    assert_one_of(
        &out,
        &[("new", &reference(SMALL_NEW, true))],
        "after the good build",
    );
}

#[test]
fn a_full_disk_leaves_the_previous_build_at_every_fill_level() {
    if !is_root() {
        eprintln!("skipped: filling a small disk needs root to mount a tmpfs");
        return;
    }
    let old = reference(SMALL_OLD, false);
    let new = reference(SMALL_NEW, true);
    let kb = |t: &Tree| {
        t.values()
            .map(|b| b.len().div_ceil(4096) * 4)
            .sum::<usize>()
    };
    let (old_kb, new_kb) = (kb(&old), kb(&new));
    let d = tempfile::tempdir().expect("temp dir");
    let out = d.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let (mut refused, mut built) = (0, 0);
    // From "the old build barely fits" to "both fit".
    for step in 0..=16 {
        let size = old_kb + 8 + step * (new_kb + 64) / 16;
        let Some(mount) = Mount::new(
            &["-t", "tmpfs", "-o", &format!("size={size}k"), "tmpfs"],
            &out,
        ) else {
            eprintln!("skipped: cannot mount a tmpfs here");
            return;
        };
        let first = run_build(d.path(), SMALL_OLD, false);
        let case = format!("tmpfs of {size} KB");
        if !first.status.success() {
            failed_with(&first, "No space left on device");
            assert!(
                tree(&out).is_empty(),
                "{case}: a failed first build left files"
            );
            drop(mount);
            continue;
        }
        let o = run_build(d.path(), SMALL_NEW, true);
        eprintln!(
            "{case}: {}",
            if o.status.success() {
                "built"
            } else {
                "refused"
            }
        );
        let now = assert_one_of(&out, &[("old", &old), ("new", &new)], &case);
        if o.status.success() {
            assert_eq!(now, "new", "{case}");
            built += 1;
        } else {
            failed_with(&o, "No space left on device");
            assert_eq!(
                now, "old",
                "{case}: the build failed but the folder changed"
            );
            refused += 1;
            // With room again, the next build completes and leaves nothing else.
            let grow = Command::new("mount")
                .args(["-o", "remount,size=16m"])
                .arg(&out)
                .status();
            assert!(grow.is_ok_and(|s| s.success()), "remount bigger");
            ok(&run_build(d.path(), SMALL_NEW, true));
            assert_one_of(&out, &[("new", &new)], &format!("{case}, then room"));
        }
        drop(mount);
    }
    assert!(
        refused > 0,
        "no fill level made the new build fail: the test did not test"
    );
    assert!(built > 0, "no fill level had room for the new build");
}

#[test]
fn a_second_build_into_the_same_folder_stops_and_names_the_first() {
    let old = reference(SMALL_OLD, false);
    let new = reference(SMALL_NEW, true);
    let d = tempfile::tempdir().expect("temp dir");
    restore(d.path(), &old);
    let out = d.path().join("out");
    // Catch the first build holding the lock and pause it there.
    let mut tries = 0;
    let (first, pid) = loop {
        tries += 1;
        assert!(tries <= 20, "never caught the first build holding the lock");
        let mut first = build(d.path(), SMALL_NEW, true).spawn().expect("spawn");
        let pid = first.id().to_string();
        let caught = wait_for(
            &out.join(".cse-pack/pid"),
            &mut first,
            Duration::from_secs(60),
        );
        let stopped = Command::new("kill").args(["-STOP", &pid]).status();
        assert!(stopped.is_ok_and(|s| s.success()));
        if caught && out.join(".cse-pack/pid").exists() {
            break (first, pid);
        }
        // Too late: it finished writing. Let it end and try again.
        let _ = Command::new("kill").args(["-CONT", &pid]).status();
        first.wait().expect("reaped");
        std::fs::remove_dir_all(&out).expect("reset");
        restore(d.path(), &old);
    };
    let second = run_build(d.path(), SMALL_OLD, false);
    failed_with(
        &second,
        &format!("`out` is being written by another cse-pack (pid {pid})"),
    );
    let _ = Command::new("kill").args(["-CONT", &pid]).status();
    let first = first.wait_with_output().expect("the first build ends");
    ok(&first);
    assert_one_of(&out, &[("new", &new)], "after both builds");
}

#[test]
fn two_builds_started_together_leave_one_complete_build() {
    let old = reference(SMALL_OLD, false);
    let new = reference(SMALL_NEW, true);
    for round in 0..3 {
        let d = tempfile::tempdir().expect("temp dir");
        let a = build(d.path(), SMALL_OLD, false).spawn().expect("spawn");
        let b = build(d.path(), SMALL_NEW, true).spawn().expect("spawn");
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        for o in [&a, &b] {
            if !o.status.success() {
                failed_with(o, "is being written by another cse-pack");
            }
        }
        let out = d.path().join("out");
        // Whoever committed last wins; a build that stopped wrote nothing.
        // The new build adds `cy`, so after both the old one keeps it listed.
        let mut both = new.clone();
        for (k, v) in &old {
            if k != "manifest.json" {
                both.insert(k.clone(), v.clone());
            }
        }
        let now = tree(&out);
        assert_manifest_true(&now, &format!("round {round}"));
        let expected: Vec<&Tree> = match (a.status.success(), b.status.success()) {
            (true, false) => vec![&old],
            (false, true) => vec![&new],
            _ => vec![&new, &both],
        };
        let files = |t: &Tree| {
            t.iter()
                .filter(|(k, _)| *k != "manifest.json")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Tree>()
        };
        assert!(
            expected.iter().any(|t| files(t) == files(&now)),
            "round {round}: the folder mixes the two builds"
        );
    }
}
