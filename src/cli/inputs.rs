//! What the CLI face reads: folders into trees, `org.toml` and CSVs with
//! their images (only from inside their folder), the clock and
//! `SOURCE_DATE_EPOCH`. The core gets all of it as data.

use crate::assets::{MAX_INPUT_BYTES, Tree};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fonts::FontBook;
use crate::images::{Folder, ImageCache, ImageFiles, MAX_IMAGE_BYTES, Unreadable};
use crate::model::{Date, Org};
use crate::orgs::{Batch, Row};
use crate::{Inputs, LoadOptions, Loaded};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The fonts embedded in the binary, parsed once for the whole run: the
/// build and the checks made before it (an organisation's text) share them.
pub fn fonts() -> &'static FontBook {
    static BOOK: std::sync::LazyLock<FontBook> = std::sync::LazyLock::new(FontBook::embedded);
    &BOOK
}

/// Load the content and templates from the folders given, or the embedded
/// copies, reporting every problem at once.
pub fn load(
    content: Option<&Path>,
    templates: Option<&Path>,
    allow_stale: bool,
) -> Result<Loaded, Diagnostics> {
    load_for(
        content,
        templates,
        allow_stale,
        &crate::Selection::default(),
    )
}

/// [`load`] of only the languages and products `selection` names (see
/// [`crate::load_selected`]).
pub fn load_for(
    content: Option<&Path>,
    templates: Option<&Path>,
    allow_stale: bool,
    selection: &crate::Selection,
) -> Result<Loaded, Diagnostics> {
    let mut read_errors = Diagnostics::default();
    let mut read = |dir: Option<&Path>, embedded: &str| match dir {
        Some(dir) => read_tree(dir).map_err(|d| read_errors.push(d)).ok(),
        None => Some(Tree::embedded(embedded)),
    };
    let content = read(content, "content");
    let templates = read(templates, "templates");
    let options = LoadOptions {
        today: today(),
        allow_stale,
    };
    match (content, templates) {
        (Some(content), Some(templates)) => crate::load_selected(
            &Inputs {
                content,
                templates,
                fonts: fonts(),
                options,
            },
            selection,
        ),
        (content, templates) => {
            let (content, templates) = (content.as_ref(), templates.as_ref());
            let problems = match crate::load_some(content, templates, fonts(), &options, selection)
            {
                Ok(loaded) => loaded.problems,
                Err(problems) => problems,
            };
            read_errors.extend(problems.0);
            Err(read_errors)
        }
    }
}

/// Read a user's input file (org.toml, a CSV), refusing one larger than
/// `MAX_INPUT_BYTES` without reading more than that, and anything but a
/// regular file (a FIFO or a device) before opening it: opening a FIFO
/// waits for a writer, and reading a device may never end.
pub fn read_input(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let shown = path.display();
    let cannot = |e: std::io::Error| Diagnostic::error(format!("cannot read `{shown}`: {e}"));
    let not_a_file = |meta: &std::fs::Metadata| {
        (!meta.is_file()).then(|| {
            Diagnostic::error(format!(
                "`{shown}` is {}, not a regular file",
                kind_of(meta)
            ))
            .with_hint("give the path of an organisation file or CSV saved on disk")
        })
    };
    if let Some(d) = not_a_file(&std::fs::metadata(path).map_err(cannot)?) {
        return Err(d);
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    // The path may have been replaced between the look and the opening.
    if let Some(d) = not_a_file(&file.metadata().map_err(cannot)?) {
        return Err(d);
    }
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(format!("cannot read `{shown}`: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Diagnostic::error(format!(
            "`{shown}` is larger than the {} MB limit for input files",
            MAX_INPUT_BYTES / (1024 * 1024)
        ))
        .with_hint("is this the right file? An organisation file or CSV is a few kilobytes"));
    }
    Ok(bytes)
}

/// What a path that is not a regular file is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Read a folder from disk (regular files only; symlinks are not followed).
pub fn read_tree(dir: &Path) -> Result<Tree, Diagnostic> {
    let display_root = dir.display().to_string();
    let meta = std::fs::metadata(dir).map_err(|e| {
        Diagnostic::error(format!("cannot read folder `{display_root}`: {e}"))
            .with_hint("give a folder with the same shape as the built-in `content/`")
    })?;
    if !meta.is_dir() {
        return Err(Diagnostic::error(format!(
            "`{display_root}` is not a folder"
        )));
    }
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| {
            Diagnostic::error(format!("cannot read folder `{}`: {e}", folder.display()))
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                let rel = path
                    .strip_prefix(dir)
                    .expect("walked from dir")
                    .to_string_lossy()
                    .replace('\\', "/");
                let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
                if len > MAX_INPUT_BYTES {
                    return Err(Diagnostic::error(format!(
                        "`{}` is {len} bytes, larger than the {MAX_INPUT_BYTES}-byte limit for input files",
                        path.display()
                    )));
                }
                let bytes = std::fs::read(&path).map_err(|e| {
                    Diagnostic::error(format!("cannot read `{}`: {e}", path.display()))
                })?;
                files.push((rel, bytes));
            }
        }
    }
    Ok(Tree::from_files(&display_root, files))
}

/// The folder a file is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Load and check `org.toml`, with its images from its folder.
pub fn load_org_file(path: &Path, cache: &mut ImageCache) -> Result<Org, Vec<Diagnostic>> {
    let bytes = read_input(path).map_err(|d| {
        vec![if d.hints.is_empty() {
            d.with_hint("write one with `cse-pack init`")
        } else {
            d
        }]
    })?;
    let images = DiskImages::new(folder_of(path), Folder::OrgFile);
    crate::orgs::load_org_file(bytes, &path.display().to_string(), &images, cache, fonts())
}

/// A batch CSV, read and checked, and the folder its images are in.
pub struct CsvBatch {
    pub batch: Batch,
    pub images: DiskImages,
}

impl CsvBatch {
    /// Row `row`'s organisation with its images (see [`Row::with_images`]).
    pub fn org(&self, row: &Row, cache: &mut ImageCache) -> Result<Org, Vec<Diagnostic>> {
        row.with_images(&self.images, cache, fonts())
    }
}

/// Every row of a batch CSV: an organisation, or the problems with that row.
pub fn load_orgs_csv(path: &Path, cache: &mut ImageCache) -> Result<CsvBatch, Diagnostic> {
    let bytes = read_input(path)?;
    let images = DiskImages::new(folder_of(path), Folder::Csv);
    let batch =
        crate::orgs::load_orgs_csv(&bytes, &path.display().to_string(), &images, cache, fonts())?;
    Ok(CsvBatch { batch, images })
}

/// Images in a folder on disk: a file must really be inside it (a link out
/// of it is refused). (A file many rows name is read once: the
/// [`ImageCache`] keeps it.)
pub struct DiskImages {
    base: PathBuf,
    folder: Folder,
}

impl DiskImages {
    /// The images in `base`, which messages call `folder`.
    pub fn new(base: PathBuf, folder: Folder) -> Self {
        Self { base, folder }
    }
}

impl ImageFiles for DiskImages {
    fn folder(&self) -> Folder {
        self.folder
    }

    fn read(&self, rel: &str) -> Result<Arc<[u8]>, Unreadable> {
        let unresolved = |e: std::io::Error| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Unreadable::Missing
            } else {
                Unreadable::Unresolved(e.to_string())
            }
        };
        let root = self.base.canonicalize().map_err(unresolved)?;
        let real = self.base.join(rel).canonicalize().map_err(unresolved)?;
        if !real.starts_with(&root) {
            return Err(Unreadable::Outside);
        }
        let meta = std::fs::metadata(&real).map_err(|e| Unreadable::Failed(e.to_string()))?;
        if !meta.is_file() {
            return Err(Unreadable::NotAFile);
        }
        if meta.len() > MAX_IMAGE_BYTES {
            return Err(Unreadable::TooLarge(meta.len()));
        }
        let bytes: Arc<[u8]> = std::fs::read(&real)
            .map_err(|e| Unreadable::Failed(e.to_string()))?
            .into();
        Ok(bytes)
    }
}

/// Today's date: `CSE_PACK_TODAY` (YYYY-MM-DD, for tests and reproducible
/// checks) or the clock.
pub fn today() -> Date {
    if let Some(d) = std::env::var("CSE_PACK_TODAY")
        .ok()
        .and_then(|s| crate::content::toml_file::parse_date(&s))
    {
        return d;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Date::from_unix_seconds(secs)
}

/// The date `SOURCE_DATE_EPOCH` names, if it is set and valid.
pub fn source_date_epoch() -> Option<Date> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Date::from_unix_seconds(secs))
}
