//! Embeds the default content, templates and fonts in the binary, so an
//! installed `cse-pack` works from any folder.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut out =
        String::from("/// Every embedded file as (path relative to the repository, bytes).\n");
    out.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    for dir in ["content", "templates", "fonts"] {
        println!("cargo:rerun-if-changed={dir}");
        let mut files = Vec::new();
        collect(&Path::new(&root).join(dir), &mut files);
        files.sort();
        for file in files {
            let rel = file
                .strip_prefix(&root)
                .expect("collected under the root")
                .to_string_lossy()
                .replace('\\', "/");
            println!("cargo:rerun-if-changed={rel}");
            writeln!(
                out,
                "    ({rel:?}, include_bytes!({:?})),",
                file.to_string_lossy()
            )
            .expect("writing to a String cannot fail");
        }
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.is_file() {
            files.push(path);
        }
    }
}
