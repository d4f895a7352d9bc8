//! `cse-pack serve`: the built page on 127.0.0.1, with the content types a
//! browser needs, and nothing from outside its folder.

use crate::common::cse_pack;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};

/// The server, stopped when the test ends (passed or not).
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `GET path` on the server; the status line, headers and body as text.
fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn serve_gives_the_page_and_nothing_outside_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("js")).unwrap();
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>page</title>",
    )
    .unwrap();
    std::fs::write(site.join("core.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(site.join("js/app.js"), "export {};").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "private").unwrap();

    let mut child = cse_pack(dir.path(), &["serve", "--port", "0", "--dir", "site"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let server = Server(child);
    let port: u16 = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));

    let page = get(port, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("Content-Type: text/html"), "{page}");
    assert!(page.ends_with("<title>page</title>"), "{page}");
    assert!(get(port, "/core.wasm").contains("Content-Type: application/wasm"));
    assert!(get(port, "/js/app.js?v=2").contains("Content-Type: text/javascript"));
    for outside in [
        "/../secret.txt",
        "/js/../../secret.txt",
        "/%2e%2e/secret.txt",
    ] {
        let answer = get(port, outside);
        assert!(answer.starts_with("HTTP/1.1 404"), "{outside}: {answer}");
        assert!(!answer.contains("private"), "{outside}: {answer}");
    }
    drop(server);
}

#[test]
fn serve_without_a_built_page_says_how_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = cse_pack(dir.path(), &["serve", "--dir", "nowhere"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no built web page in `nowhere`"), "{err}");
    assert!(err.contains("web/build.sh"), "{err}");
}
