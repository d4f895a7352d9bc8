//! `cse-pack serve`: the web page (`web/build.sh`'s folder) on
//! `127.0.0.1`, for someone who has the binary and a browser. A small
//! static server: GET and HEAD only, files from inside the folder only (a
//! path that leads out of it, by `..` or a link, is not found), the right
//! content types for `.wasm` and JavaScript modules.

use super::{Outcome, ServeArgs, fail};
use crate::diag::{Diagnostic, Diagnostics};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Serve the page until the process is stopped.
pub(super) fn execute(args: &ServeArgs) -> Outcome {
    let root = match site(args.dir.as_deref()) {
        Ok(root) => root,
        Err(d) => return fail(d.into()),
    };
    let listener = match TcpListener::bind((Ipv4Addr::LOCALHOST, args.port)) {
        Ok(l) => l,
        Err(e) => {
            return fail(
                Diagnostic::error(format!("cannot listen on 127.0.0.1:{}: {e}", args.port))
                    .with_hint("another program has that port: give another with `--port`, or `--port 0` for any free one")
                    .into(),
            );
        }
    };
    let port = listener.local_addr().map_or(args.port, |a| a.port());
    // Printed now, not in the outcome: serving goes on until Ctrl+C.
    println!(
        "serving {} at http://127.0.0.1:{port}/ (only this computer can open it; Ctrl+C to stop)",
        root.display()
    );
    let _ = std::io::stdout().flush();
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || {
            let _ = answer(stream, &root);
        });
    }
    Outcome {
        stdout: String::new(),
        diagnostics: Diagnostics::default(),
    }
}

/// The built page: the folder given, else `web/dist` under the current
/// folder, else beside the binary (`web/` next to it, or the clone's
/// `web/dist` for `target/release/cse-pack`).
fn site(dir: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    let candidates: Vec<PathBuf> = match dir {
        Some(d) => vec![d.to_path_buf()],
        None => {
            let mut c = vec![PathBuf::from("web/dist")];
            if let Some(bin) = std::env::current_exe().ok().and_then(|e| {
                e.canonicalize()
                    .ok()
                    .and_then(|e| e.parent().map(Path::to_path_buf))
            }) {
                c.push(bin.join("web"));
                c.push(bin.join("../../web/dist"));
            }
            c
        }
    };
    candidates
        .iter()
        .find(|d| d.join("index.html").is_file() && d.join("core.wasm").is_file())
        .and_then(|d| d.canonicalize().ok())
        .ok_or_else(|| {
            let tried: Vec<String> = candidates
                .iter()
                .map(|d| format!("`{}`", d.display()))
                .collect();
            Diagnostic::error(format!(
                "no built web page in {} (it needs `index.html` and `core.wasm`)",
                tried.join(", ")
            ))
            .with_hint("build it with `web/build.sh` in a clone of cse-pack, or name its folder with `--dir`")
        })
}

/// Read one request and answer it; the connection then closes.
fn answer(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.take(16 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // The headers are not needed; read them so the browser sees an orderly close.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut stream = reader.into_inner().into_inner();
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"only GET\n",
            true,
        );
    }
    match file_for(root, target) {
        Some(path) => match std::fs::read(&path) {
            Ok(body) => respond(
                &mut stream,
                "200 OK",
                content_type(&path),
                &body,
                method == "GET",
            ),
            Err(_) => not_found(&mut stream),
        },
        None => not_found(&mut stream),
    }
}

fn not_found(stream: &mut TcpStream) -> std::io::Result<()> {
    respond(
        stream,
        "404 Not Found",
        "text/plain; charset=utf-8",
        b"not found\n",
        true,
    )
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The file a request target names, if it is inside `root` (which is
/// canonical): the query is dropped, `%xx` decoded, a folder means its
/// `index.html`, and the result must still be under `root` once links are
/// followed.
fn file_for(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    if !path.starts_with('/') || path.contains('\0') || path.contains('\\') {
        return None;
    }
    let mut file = root.to_path_buf();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => file.push(p),
        }
    }
    let mut file = file.canonicalize().ok()?;
    if file.is_dir() {
        file = file.join("index.html").canonicalize().ok()?;
    }
    (file.starts_with(root) && file.is_file()).then_some(file)
}

/// The content type a browser needs: `.wasm` must be `application/wasm` to
/// compile while it downloads, modules must be JavaScript.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_the_folder_are_served() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("js")).unwrap();
        std::fs::write(root.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(root.join("js/app.js"), "").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "no").unwrap();
        let root = root.canonicalize().unwrap();
        assert_eq!(file_for(&root, "/"), Some(root.join("index.html")));
        assert_eq!(
            file_for(&root, "/js/app.js?v=1"),
            Some(root.join("js/app.js"))
        );
        assert_eq!(
            file_for(&root, "/js%2Fapp.js"),
            Some(root.join("js/app.js"))
        );
        for outside in [
            "/../secret.txt",
            "/js/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "..\\secret.txt",
            "/missing.js",
            "http://example.org/",
        ] {
            assert_eq!(file_for(&root, outside), None, "{outside}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap();
            assert_eq!(file_for(&root, "/link.txt"), None);
        }
    }

    #[test]
    fn wasm_and_modules_have_the_types_browsers_need() {
        assert_eq!(content_type(Path::new("core.wasm")), "application/wasm");
        assert!(content_type(Path::new("vendor/pdf.min.mjs")).starts_with("text/javascript"));
        assert!(content_type(Path::new("worker.js")).starts_with("text/javascript"));
    }
}
