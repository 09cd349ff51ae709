//! Helpers shared by the tests that run the real binary.

#![allow(dead_code)] // each test file uses its own subset

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The `saq` binary, without colours.
pub fn saq() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_saq"));
    c.env("NO_COLOR", "1");
    c
}

/// A file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Run `saq ARGS` with `input` on standard input.
pub fn run_bytes(args: &[&str], input: &[u8]) -> Output {
    let mut child = saq()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start saq");
    let mut stdin = child.stdin.take().expect("stdin");
    // Saq may stop reading early (binary input); a broken pipe is fine then.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("saq runs")
}

/// Run `saq ARGS` with text on standard input.
pub fn run_stdin(args: &[&str], input: &str) -> Output {
    run_bytes(args, input.as_bytes())
}

/// True when Tesseract (`SAQ_TESSERACT` or `tesseract` on PATH) has the kaz, rus and eng
/// data; otherwise says that `what` is skipped and how to install it.
pub fn tesseract_ready(what: &str) -> bool {
    let out = Command::new(std::env::var_os("SAQ_TESSERACT").unwrap_or_else(|| "tesseract".into()))
        .arg("--list-langs")
        .output();
    let ok = out.is_ok_and(|o| {
        let s = String::from_utf8_lossy(&o.stdout).into_owned();
        ["kaz", "rus", "eng"]
            .iter()
            .all(|l| s.lines().any(|x| x.trim() == *l))
    });
    if !ok {
        eprintln!(
            "NOTE: tesseract with kaz+rus+eng is not installed; {what} skipped \
             (apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng)"
        );
    }
    ok
}
