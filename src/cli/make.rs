//! What `build` and `check` share: load everything, plan the jobs, and make
//! the documents for every nation and organisation asked for.

use super::inputs::{load_org_file, load_orgs_csv};
use super::{OrgArgs, SelectArgs};
use crate::diag::{Diagnostic, Diagnostics};
use crate::images::ImageCache;
use crate::model::{Nation, Org};
use crate::output::Output;
use crate::render::RenderOptions;
use crate::{Job, Loaded, Personal, Selection};
use rayon::prelude::*;

/// The organisations a run is for: none, one, or a batch (with bad rows' problems).
fn load_orgs(args: &OrgArgs, diags: &mut Diagnostics) -> Option<(Vec<Org>, bool)> {
    let mut cache = ImageCache::default();
    if let Some(path) = &args.org {
        return match load_org_file(path, &mut cache) {
            Ok(org) => Some((vec![org], false)),
            Err(ds) => {
                diags.extend(ds);
                None
            }
        };
    }
    if let Some(path) = &args.orgs {
        return match load_orgs_csv(path, &mut cache) {
            Ok(rows) => {
                let mut orgs = Vec::new();
                for row in rows {
                    match row {
                        Ok(org) => orgs.push(org),
                        Err(ds) => diags.extend(ds),
                    }
                }
                Some((orgs, true))
            }
            Err(d) => {
                diags.push(d);
                None
            }
        };
    }
    Some((Vec::new(), false))
}

/// Lay out and render everything asked for: per organisation, all or nothing.
pub(super) fn make_all(
    args: &SelectArgs,
    options: &RenderOptions,
    nations: &[Nation],
    diags: &mut Diagnostics,
) -> Option<(Loaded, Vec<Output>, usize)> {
    let loaded = args.sources.load().map_err(|d| diags.extend(d.0)).ok()?;
    diags.extend(loaded.problems.0.clone());
    let jobs = crate::plan(&loaded, &args.selection())
        .map_err(|d| diags.extend(d.0))
        .ok()?;
    let (orgs, batch) = load_orgs(&args.orgs, diags)?;
    let mut outputs = Vec::new();
    let people: Vec<Option<&Org>> = if orgs.is_empty() && !batch {
        vec![None]
    } else {
        orgs.iter().map(Some).collect()
    };
    for nation in nations {
        let selection = Selection {
            nation: *nation,
            ..args.selection()
        };
        // Organisations in parallel too (each builds its documents in
        // parallel); results are gathered in row order, so output is the same
        // however many threads run.
        let results: Vec<_> = people
            .par_iter()
            .map(|org| {
                let personal = Personal {
                    org: *org,
                    org_folder: batch,
                };
                make_documents(&loaded, &jobs, &selection, options, personal)
            })
            .collect();
        for result in results {
            match result {
                Ok((docs, warnings)) => {
                    outputs.extend(docs);
                    diags.extend(warnings.0);
                }
                Err(d) => diags.extend(d.0),
            }
        }
    }
    let count = jobs.len() * people.len() * nations.len();
    Some((loaded, outputs, count))
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
    let results: Vec<Result<crate::Made, Diagnostic>> = jobs
        .par_iter()
        .map(|job| crate::make_document(loaded, job, selection, options, personal))
        .collect();
    crate::finish_documents(loaded, jobs, selection, personal, results)
}
