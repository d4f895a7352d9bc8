//! Progress of a long build: a bar on a terminal (indicatif), and a plain
//! line every few seconds when stderr is not one (a CI log, a file), so a
//! long batch is never silent. Short runs print nothing.

use std::io::IsTerminal as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How often a plain progress line is printed (`CSE_PACK_PROGRESS_EVERY`,
/// in seconds, sets it: a test or a CI log may want another pace).
const PLAIN_EVERY: Duration = Duration::from_secs(5);
/// A run with fewer documents than this, and not a batch, shows no bar.
const BAR_FROM: usize = 200;

/// Counts documents made, from any thread.
pub(super) struct Progress {
    total: usize,
    done: AtomicUsize,
    shown: Shown,
}

enum Shown {
    Nothing,
    Bar(indicatif::ProgressBar),
    /// Lines: when the last was printed (or the run started).
    Lines {
        every: Duration,
        started: Instant,
        last: Mutex<Instant>,
        printed: AtomicUsize,
    },
}

impl Progress {
    /// Progress of `total` documents; `batch` shows a bar however many.
    pub(super) fn start(total: usize, batch: bool) -> Self {
        let now = Instant::now();
        let quiet = super::report::verbosity() == super::report::Verbosity::Quiet;
        let shown = if quiet {
            Shown::Nothing
        } else if std::io::stderr().is_terminal() {
            if batch || total >= BAR_FROM {
                let bar = indicatif::ProgressBar::new(total as u64);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} documents, {elapsed} ({eta} to go)",
                    )
                    .expect("the template is valid"),
                );
                Shown::Bar(bar)
            } else {
                Shown::Nothing
            }
        } else {
            Shown::Lines {
                every: every(),
                started: now,
                last: Mutex::new(now),
                printed: AtomicUsize::new(0),
            }
        };
        Progress {
            total,
            done: AtomicUsize::new(0),
            shown,
        }
    }

    /// `n` more documents done (made, or failed).
    pub(super) fn advance(&self, n: usize) {
        let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
        match &self.shown {
            Shown::Nothing => {}
            Shown::Bar(bar) => bar.inc(n as u64),
            Shown::Lines {
                every,
                started,
                last,
                printed,
            } => {
                // Another thread printing now is enough.
                let Ok(mut last) = last.try_lock() else {
                    return;
                };
                let now = Instant::now();
                if now.duration_since(*last) >= *every && done < self.total {
                    *last = now;
                    printed.fetch_add(1, Ordering::Relaxed);
                    eprintln!("{}", self.line(done, now.duration_since(*started)));
                }
            }
        }
    }

    /// The run is over: clear the bar, or end the lines with a last one.
    pub(super) fn finish(&self) {
        match &self.shown {
            Shown::Nothing => {}
            Shown::Bar(bar) => bar.finish_and_clear(),
            Shown::Lines {
                started, printed, ..
            } => {
                if printed.load(Ordering::Relaxed) > 0 {
                    let done = self.done.load(Ordering::Relaxed);
                    eprintln!("{}", self.line(done, started.elapsed()));
                }
            }
        }
    }

    /// `progress: 1200 of 55000 documents (2%) in 40 s`.
    fn line(&self, done: usize, elapsed: Duration) -> String {
        let percent = done * 100 / self.total.max(1);
        format!(
            "progress: {done} of {} documents ({percent}%) in {} s",
            self.total,
            elapsed.as_secs()
        )
    }
}

/// The pace of plain lines: `CSE_PACK_PROGRESS_EVERY` seconds, or 5.
fn every() -> Duration {
    std::env::var("CSE_PACK_PROGRESS_EVERY")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(PLAIN_EVERY, Duration::from_secs_f64)
}
