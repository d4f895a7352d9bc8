//! What `build` and `check` share: load everything, plan the jobs, and make
//! the documents for every nation and organisation asked for, handing them
//! on as they are made. A batch is made a few organisations at a time, each
//! group's documents in parallel and handed on in row order, so memory does
//! not grow with the number of rows and output does not depend on threads.

use super::inputs::{CsvBatch, load_org_file, load_orgs_csv};
use super::progress::Progress;
use super::summary::Summary;
use super::{OrgArgs, SelectArgs};
use crate::diag::{Diagnostic, Diagnostics};
use crate::images::ImageCache;
use crate::model::{Nation, Org};
use crate::orgs::Row;
use crate::output::Output;
use crate::render::RenderOptions;
use crate::{Job, Loaded, Personal, Selection};
use rayon::prelude::*;
use std::cell::RefCell;

/// Where finished documents go (the output being written, or nowhere for
/// `check`). An error stops the run.
pub(super) type Deliver<'a> = dyn FnMut(Vec<Output>) -> Result<(), Diagnostic> + 'a;

/// Whose packs a run makes.
enum People {
    /// The plain pack.
    Nobody,
    /// One organisation file.
    One(Box<Org>),
    /// The rows of a batch CSV, and the images they share.
    Batch(Box<CsvBatch>, RefCell<ImageCache>),
}

/// Everything loaded for a run, before any document is made.
pub(super) struct Prepared {
    pub loaded: Loaded,
    jobs: Vec<Job>,
    people: People,
    /// The selection with its ids as the content spells them.
    selection: Selection,
}

/// What [`Prepared::make`] made.
pub(super) struct Made {
    /// Documents asked for, in all.
    pub planned: usize,
    /// For a batch: who got what.
    pub summary: Option<Summary>,
}

/// The organisations a run is for: none, one, or a batch (with the
/// batch's warnings).
fn load_people(args: &OrgArgs, diags: &mut Diagnostics) -> Option<People> {
    let mut cache = ImageCache::default();
    if let Some(path) = &args.org {
        return match load_org_file(path, &mut cache) {
            Ok(org) => Some(People::One(Box::new(org))),
            Err(ds) => {
                diags.extend(ds);
                None
            }
        };
    }
    if let Some(path) = &args.orgs {
        return match load_orgs_csv(path, &mut cache) {
            Ok(mut csv) => {
                diags.extend(std::mem::take(&mut csv.batch.warnings));
                Some(People::Batch(Box::new(csv), RefCell::new(cache)))
            }
            Err(d) => {
                diags.push(d);
                None
            }
        };
    }
    Some(People::Nobody)
}

/// Organisations made at once in a batch: enough to keep every thread busy,
/// few enough that their documents are a small part of memory.
const GROUP: usize = 16;

/// Load the content, templates and organisations, and plan the documents.
/// Only the languages and products asked for are loaded if `only_selected`
/// (a build); `check` loads and checks everything.
pub(super) fn prepare(
    args: &SelectArgs,
    only_selected: bool,
    diags: &mut Diagnostics,
) -> Option<Prepared> {
    let wanted = if only_selected {
        args.selection()
    } else {
        Selection::default()
    };
    let loaded = args
        .sources
        .load_for(&wanted)
        .map_err(|d| diags.extend(d.0))
        .ok()?;
    diags.extend(loaded.problems.0.clone());
    // Ids as typed, matched in any case; a near miss is an error with a suggestion.
    let (selection, near) = super::ids::resolve(&loaded, args.selection());
    // `check` (`only_selected` false) lays out what any build could make.
    let planned = if only_selected {
        crate::plan(&loaded, &selection)
    } else {
        crate::plan_check(&loaded, &selection)
    };
    let near_miss = near.has_errors();
    diags.extend(near.0);
    let jobs = planned.map_err(|d| diags.extend(d.0)).ok()?;
    if near_miss {
        return None;
    }
    let people = load_people(&args.orgs, diags)?;
    Some(Prepared {
        loaded,
        jobs,
        people,
        selection,
    })
}

impl Prepared {
    /// The jobs as the formats asked for (see [`crate::with_formats`]).
    pub(super) fn with_formats(mut self, pdf: bool, html: bool) -> Result<Self, Diagnostic> {
        self.jobs = crate::with_formats(std::mem::take(&mut self.jobs), pdf, html)?;
        Ok(self)
    }

    /// Lay out and render everything asked for, handing each organisation's
    /// documents to `deliver` as they are made: a plain pack or a single
    /// organisation all or nothing, a batch row by row, each organisation
    /// with the documents that could be made (the summary says what it
    /// lacks). `None` if `deliver` failed (its error is in `diags`).
    pub(super) fn make(
        &self,
        options: &RenderOptions,
        nations: &[Nation],
        diags: &mut Diagnostics,
        deliver: &mut Deliver<'_>,
    ) -> Option<Made> {
        let rows = match &self.people {
            People::Batch(csv, _) => csv.batch.rows.len(),
            _ => 1,
        };
        let planned = self.jobs.len() * rows * nations.len();
        let progress = Progress::start(planned, matches!(self.people, People::Batch(..)));
        let mut summary = match &self.people {
            People::Batch(csv, _) => Some(Summary::new(&csv.batch.rows, diags)),
            _ => None,
        };
        for nation in nations {
            let selection = Selection {
                nation: *nation,
                ..self.selection.clone()
            };
            let run = Run {
                loaded: &self.loaded,
                jobs: &self.jobs,
                selection: &selection,
                options,
                progress: &progress,
            };
            let delivered = match &self.people {
                People::Nobody => run.one(None, diags, deliver),
                People::One(org) => run.one(Some(org), diags, deliver),
                People::Batch(csv, cache) => {
                    let summary = summary.as_mut().expect("a batch has a summary");
                    let cache = &mut cache.borrow_mut();
                    run.batch(csv, cache, nations.len() > 1, summary, diags, deliver)
                }
            };
            if let Err(d) = delivered {
                progress.finish();
                diags.push(d);
                return None;
            }
        }
        progress.finish();
        Some(Made { planned, summary })
    }
}

/// One nation's documents to make.
struct Run<'a> {
    loaded: &'a Loaded,
    jobs: &'a [Job],
    selection: &'a Selection,
    options: &'a RenderOptions,
    progress: &'a Progress,
}

impl Run<'_> {
    /// The plain pack or one organisation's: every document, or none.
    fn one(
        &self,
        org: Option<&Org>,
        diags: &mut Diagnostics,
        deliver: &mut Deliver<'_>,
    ) -> Result<(), Diagnostic> {
        let personal = Personal {
            org,
            org_folder: false,
        };
        let results = each_job(self.jobs, |job| self.make(job, personal));
        match crate::finish_documents(self.loaded, self.jobs, self.selection, personal, results) {
            Ok((docs, warnings)) => {
                diags.extend(warnings.0);
                deliver(docs)
            }
            Err(problems) => {
                diags.extend(problems.0);
                Ok(())
            }
        }
    }

    /// A batch, a group of rows at a time: each organisation gets the
    /// documents that could be made; the summary records the rest. A
    /// group's images are read when it is made and let go after.
    fn batch(
        &self,
        csv: &CsvBatch,
        cache: &mut ImageCache,
        name_nation: bool,
        summary: &mut Summary,
        diags: &mut Diagnostics,
        deliver: &mut Deliver<'_>,
    ) -> Result<(), Diagnostic> {
        let rows: Vec<(usize, &Row)> = csv
            .batch
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.org.is_ok())
            .collect();
        // A row that did not load makes nothing, but counts as done.
        self.progress
            .advance((csv.batch.rows.len() - rows.len()) * self.jobs.len());
        for group in rows.chunks(GROUP) {
            let orgs: Vec<(usize, Result<Org, Vec<Diagnostic>>)> = group
                .iter()
                .map(|(i, row)| (*i, csv.org(row, cache)))
                .collect();
            let mut results: Vec<_> = orgs
                .par_iter()
                .flat_map(|(_, org)| self.jobs.par_iter().map(move |job| (org, job)))
                .map(|(org, job)| match org {
                    Ok(org) => self.make(job, personal(org)),
                    // Its images changed since the row was checked.
                    Err(problems) => {
                        self.progress.advance(1);
                        Err(problems[0].clone())
                    }
                })
                .collect();
            let mut docs = Vec::new();
            for ((index, org), (_, row)) in orgs.iter().zip(group) {
                let rest = results.split_off(self.jobs.len());
                let mine = std::mem::replace(&mut results, rest);
                let nation = name_nation.then_some(self.selection.nation);
                summary.record(*index, self.jobs, &mine, nation);
                let org = match org {
                    Ok(org) => org,
                    Err(_) => row.org.as_ref().expect("only rows that loaded"),
                };
                let (outputs, found) = crate::finish_some_documents(
                    self.loaded,
                    self.jobs,
                    self.selection,
                    personal(org),
                    mine,
                );
                diags.extend(found.0);
                docs.extend(outputs);
            }
            deliver(docs)?;
            crate::render::forget_unused();
            give_back_freed_memory();
        }
        Ok(())
    }

    fn make(&self, job: &Job, personal: Personal<'_>) -> Result<crate::Made, Diagnostic> {
        let made = crate::make_document(self.loaded, job, self.selection, self.options, personal);
        self.progress.advance(1);
        made
    }
}

/// Return the memory freed by a group of rows to the system. glibc keeps
/// what is freed for later, and a batch's allocations (PDFs of every size,
/// memoized fonts and streams, freed a group later) leave it in pieces it
/// does not give back: resident memory grew by about 25 MB every 100 rows
/// although the heap never held more than 30 MB. Trimming once a group costs
/// about a millisecond.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns free memory to the system; it
    // touches no memory the program holds and is safe to call at any time,
    // from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// A batch organisation's documents go in its own folder.
fn personal(org: &Org) -> Personal<'_> {
    Personal {
        org: Some(org),
        org_folder: true,
    }
}

/// [`crate::make_documents`] with the jobs run in parallel: each job is made
/// on its own, and the results gathered in job order, so the output is the
/// same however many threads run.
pub fn make_documents(
    loaded: &Loaded,
    jobs: &[Job],
    selection: &Selection,
    options: &RenderOptions,
    personal: Personal<'_>,
) -> Result<(Vec<Output>, Diagnostics), Diagnostics> {
    let results = each_job(jobs, |job| {
        crate::make_document(loaded, job, selection, options, personal)
    });
    crate::finish_documents(loaded, jobs, selection, personal, results)
}

/// `make` of every job, in job order: in parallel when there are several,
/// on this thread when there is one, so that building one poster does not
/// start a thread for each core (rayon's pool, started at its first use,
/// was about 5 % of a one-poster process).
fn each_job<T: Send>(jobs: &[Job], make: impl Fn(&Job) -> T + Sync) -> Vec<T> {
    if jobs.len() > 1 {
        jobs.par_iter().map(&make).collect()
    } else {
        jobs.iter().map(make).collect()
    }
}
