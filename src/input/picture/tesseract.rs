//! Running the `tesseract` program: found on PATH (or at `SAQ_TESSERACT`), fed a PNG on its
//! standard input, its TSV read from standard output.
//!
//! The program is a child process rather than a linked library so that the default build
//! needs no C toolchain or Leptonica headers, and so that Windows users install Tesseract
//! with its usual installer. The child is bounded: it is killed after [`TIME_LIMIT`], and
//! at most [`OUTPUT_LIMIT`] bytes of its output are kept. Knows nothing about layout.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The languages asked for, in Tesseract's names.
pub const LANGUAGES: [&str; 3] = ["kaz", "rus", "eng"];

/// A picture that takes longer than this is given up.
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

/// More TSV than this is not a page of text.
pub const OUTPUT_LIMIT: usize = 64 << 20;

/// Why recognition did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The program is not installed (or not where `SAQ_TESSERACT` says).
    NotInstalled,
    /// These language packs are missing (Tesseract's names, `+`-joined).
    MissingLanguages(String),
    /// It ran past [`TIME_LIMIT`].
    TimedOut,
    /// It failed; its last line of complaint.
    Failed(String),
    /// The user cancelled.
    Cancelled,
}

/// The program to run: `SAQ_TESSERACT` when set, else `tesseract` from PATH; on Windows,
/// the UB Mannheim installer's folder when PATH has none.
fn program() -> PathBuf {
    if let Some(p) = std::env::var_os("SAQ_TESSERACT").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    if cfg!(windows) {
        let installed = PathBuf::from(r"C:\Program Files\Tesseract-OCR\tesseract.exe");
        if installed.is_file() {
            return installed;
        }
    }
    PathBuf::from("tesseract")
}

/// Recognise the words of a PNG picture: Tesseract's TSV.
pub fn recognise(png: Vec<u8>, cancelled: &dyn Fn() -> bool) -> Result<Vec<u8>, Failure> {
    let prog = program();
    let (langs, _) = run(
        Command::new(&prog).arg("--list-langs"),
        Vec::new(),
        cancelled,
    )?;
    let langs = String::from_utf8_lossy(&langs);
    let have: Vec<&str> = langs.lines().skip(1).map(str::trim).collect();
    let missing: Vec<&str> = LANGUAGES
        .iter()
        .copied()
        .filter(|l| !have.contains(l))
        .collect();
    if !missing.is_empty() {
        return Err(Failure::MissingLanguages(missing.join("+")));
    }
    // Sauvola (local) thresholding instead of one global threshold: a chat bubble whose
    // grey differs from the page's (WhatsApp's outgoing bubbles) is otherwise thresholded
    // away with its words. A Tesseract without the variable (before 5.0) that fails on it
    // is asked again without it.
    let tsv_run = |extra: &[&str], png: Vec<u8>| {
        run(
            Command::new(&prog)
                .args(["stdin", "stdout", "-l", &LANGUAGES.join("+")])
                .args(extra)
                .arg("tsv")
                // One thread: the machine may be busy, and for one page the OpenMP threads
                // cost more than they give.
                .env("OMP_THREAD_LIMIT", "1"),
            png,
            cancelled,
        )
    };
    let (tsv, ok) = match tsv_run(&["-c", "thresholding_method=2"], png.clone())? {
        (_, Err(_)) => tsv_run(&[], png)?,
        done => done,
    };
    match ok {
        Ok(()) => Ok(tsv),
        Err(complaint) => Err(Failure::Failed(complaint)),
    }
}

/// Run a command with `input` on its standard input; its standard output (capped), and
/// whether it succeeded (else its last line on standard error).
fn run(
    cmd: &mut Command,
    input: Vec<u8>,
    cancelled: &dyn Fn() -> bool,
) -> Result<(Vec<u8>, Result<(), String>), Failure> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| Failure::NotInstalled)?;
    let stdin = child.stdin.take();
    let feeder = std::thread::spawn(move || {
        if let Some(mut s) = stdin {
            // A child that exits early closes the pipe; that is its answer, not ours.
            let _ = s.write_all(&input);
        }
    });
    let out = capped_reader(child.stdout.take(), OUTPUT_LIMIT);
    let err = capped_reader(child.stderr.take(), 64 * 1024);
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => {
                stop(&mut child);
                return Err(Failure::Failed(e.to_string()));
            }
        }
        if cancelled() {
            stop(&mut child);
            return Err(Failure::Cancelled);
        }
        if started.elapsed() > TIME_LIMIT {
            stop(&mut child);
            return Err(Failure::TimedOut);
        }
        // A child whose output went past the cap blocks on its full pipe (the reader took
        // its last byte) and meets the time limit.
        std::thread::sleep(Duration::from_millis(10));
    };
    let _ = feeder.join();
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    if stdout.len() > OUTPUT_LIMIT {
        return Err(Failure::Failed("output too large".into()));
    }
    let ok = if status.success() {
        Ok(())
    } else {
        let text = String::from_utf8_lossy(&stderr);
        Err(text
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty())
            .unwrap_or("")
            .to_string())
    };
    Ok((stdout, ok))
}

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Read a pipe on its own thread, keeping at most `cap + 1` bytes (one more says "too
/// much").
fn capped_reader(
    pipe: Option<impl Read + Send + 'static>,
    cap: usize,
) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(p) = pipe {
            let _ = p.take(cap as u64 + 1).read_to_end(&mut buf);
        }
        buf
    })
}
