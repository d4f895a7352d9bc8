//! What `build` and `check` share: load everything, plan the jobs, and make
//! the documents for every nation and organisation asked for.

use super::{OrgArgs, SelectArgs};
use crate::diag::Diagnostics;
use crate::{Loaded, Selection};

/// The organisations a run is for: none, one, or a batch (with bad rows' problems).
fn load_orgs(args: &OrgArgs, diags: &mut Diagnostics) -> Option<(Vec<crate::model::Org>, bool)> {
    if let Some(path) = &args.org {
        return match crate::orgs::load_org_file(path) {
            Ok(org) => Some((vec![org], false)),
            Err(ds) => {
                diags.extend(ds);
                None
            }
        };
    }
    if let Some(path) = &args.orgs {
        return match crate::orgs::load_orgs_csv(path) {
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
    options: &crate::render::RenderOptions,
    nations: &[String],
    diags: &mut Diagnostics,
) -> Option<(Loaded, Vec<crate::pack::Output>, usize)> {
    let loaded = crate::load(&args.sources.sources())
        .map_err(|d| diags.extend(d.0))
        .ok()?;
    diags.extend(loaded.problems.0.clone());
    let jobs = crate::plan(&loaded, &args.selection())
        .map_err(|d| diags.extend(d.0))
        .ok()?;
    let (orgs, batch) = load_orgs(&args.orgs, diags)?;
    let mut outputs = Vec::new();
    let people: Vec<Option<&crate::model::Org>> = if orgs.is_empty() && !batch {
        vec![None]
    } else {
        orgs.iter().map(Some).collect()
    };
    for nation in nations {
        let selection = Selection {
            nation: nation.clone(),
            ..args.selection()
        };
        // Organisations in parallel too (each builds its documents in
        // parallel); results are gathered in row order, so output is the same
        // however many threads run.
        use rayon::prelude::*;
        let results: Vec<_> = people
            .par_iter()
            .map(|org| {
                let personal = crate::Personal {
                    org: *org,
                    org_folder: batch,
                };
                crate::make_documents(&loaded, &jobs, &selection, options, personal)
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
