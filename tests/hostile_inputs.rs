//! Hostile and odd inputs through the real binary: sources that never end, FIFOs, empty
//! files, broken encodings, bidi controls, bad rule files, failed inputs in HTML reports.
//! Each bound holds by construction (the read is refused or stops at its cap), so no test
//! here measures time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

use common::{fixture, run_bytes, saq};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(stdout(out).lines().next().unwrap_or("")).expect("a JSON line")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("saq-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn devices_are_refused_before_they_are_opened() {
    for dev in ["/dev/zero", "/dev/urandom"] {
        if !Path::new(dev).exists() {
            continue;
        }
        let out = saq()
            .args(["check", "--lang", "en", dev])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(dev) && err.contains("not a regular file"),
            "{err}"
        );
    }
}

#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("chat.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    let mut child = saq()
        .args(["check", "--lang", "ru"])
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start saq");
    // Opening a FIFO blocks until a writer comes; Saq must not open it at all. If it ever
    // did, this guard ends the test instead of hanging it.
    let mut waited = 0;
    while child.try_wait().expect("wait").is_none() {
        if waited > 600 {
            let _ = child.kill();
            let _ = std::fs::OpenOptions::new().write(true).open(&fifo);
            panic!("saq blocked opening a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += 1;
    }
    let out = child.wait_with_output().expect("output");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("chat.txt") && err.contains("не обычный файл"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_endless_binary_stdin_is_refused_after_its_first_bytes() {
    let Ok(zero) = std::fs::File::open("/dev/zero") else {
        return;
    };
    // Standard input that never ends: read until its first 64 KiB show it is binary.
    let out = saq()
        .args(["check", "--lang", "en"])
        .stdin(zero)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a text file"), "{}", stderr(&out));
}

#[test]
fn empty_inputs_say_so() {
    let dir = temp_dir("empty");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let out = saq()
        .args(["check", "--lang", "kk"])
        .arg(&empty)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("бос"), "{}", stderr(&out));
    assert!(!stdout(&out).contains("белгілері табылмады"));
    let out = run_bytes(&["check", "--lang", "en", "--format", "json"], b"\n  \n");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is empty"), "{}", stderr(&out));
    assert!(
        json(&out)["error"]
            .as_str()
            .is_some_and(|e| e.contains("empty"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn utf8_with_one_broken_byte_is_read_as_utf8() {
    // printf 'Продиктуйте код из СМС \xff\n' | saq check
    let mut bytes = "Продиктуйте код из СМС ".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\n");
    let out = run_bytes(&["check", "--format", "json", "--lang", "en"], &bytes);
    let r = json(&out);
    assert_eq!(r["source"]["encoding"], "utf-8-lossy");
    assert!(
        r["messages"][0]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Продиктуйте код из СМС")),
        "{r}"
    );
    assert_ne!(r["verdict"], "no_signs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        r["source"]["notes"]
            .to_string()
            .contains("invalid_bytes_replaced")
    );
}

#[test]
fn koi8r_and_windows1251_are_named() {
    let text = "Здравствуйте, назовите код из сообщения, пожалуйста";
    for (enc, name) in [
        (encoding_rs_koi8r(text), "koi8-r"),
        (encoding_rs_cp1251(text), "windows-1251"),
    ] {
        let out = run_bytes(&["check", "--format", "json", "--lang", "en"], &enc);
        let r = json(&out);
        assert_eq!(r["source"]["encoding"], name);
        assert_eq!(r["messages"][0]["text"], text);
    }
}

/// KOI8-R by table, so the test needs no encoding crate of its own.
fn encoding_rs_koi8r(s: &str) -> Vec<u8> {
    const LOWER: &str = "юабцдефгхийклмнопярстужвьызшэщчъ";
    const UPPER: &str = "ЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ";
    s.chars()
        .map(|c| {
            if let Some(i) = LOWER.chars().position(|l| l == c) {
                0xC0 + i as u8
            } else if let Some(i) = UPPER.chars().position(|u| u == c) {
                0xE0 + i as u8
            } else {
                c as u8
            }
        })
        .collect()
}

/// Windows-1251 by arithmetic: А..я are 0xC0..0xFF.
fn encoding_rs_cp1251(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            c => c as u8,
        })
        .collect()
}

#[test]
fn a_bad_rule_file_is_one_line_naming_path_and_rule() {
    let out = run_bytes(
        &[
            "check",
            "--lang",
            "en",
            "--rules",
            fixture("rules_bad").to_str().unwrap_or_default(),
        ],
        b"hi",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("broken.toml") && err.contains("broken-regex") && err.contains("unclosed"),
        "{err}"
    );
}

#[test]
fn html_report_lists_inputs_that_could_not_be_read() {
    let dir = temp_dir("html");
    let msg = dir.join("msg.txt");
    std::fs::write(&msg, "Продиктуйте код из СМС").expect("write");
    let missing = dir.join("missing.txt");
    let out = saq()
        .args(["check", "--format", "html", "--lang", "en"])
        .arg(&msg)
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let page = stdout(&out);
    assert!(page.contains("missing.txt"), "the failed input is named");
    assert!(page.contains("Could not be read"));
    assert!(page.contains("no such file or folder"), "with the reason");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bidi_controls_are_gone_from_every_view_and_links_defanged_whole() {
    let text = "Айдар, срочно переведи деньги: https://kaspi.kz\u{202E}.evil.top/pay код из СМС";
    for format in ["text", "html", "summary", "evidence"] {
        let out = run_bytes(
            &["check", "--format", format, "--lang", "en"],
            text.as_bytes(),
        );
        let shown = stdout(&out);
        assert!(
            !shown.contains('\u{202E}'),
            "{format}: a bidi control shown raw"
        );
        assert!(
            !shown.contains(".evil.top"),
            "{format}: part of a link left live"
        );
        if format == "summary" {
            continue; // lists categories and flagged words, not the links
        }
        assert!(
            shown.contains("hxxps://kaspi[.]kz[.]evil[.]top"),
            "{format}: the whole link defanged\n{shown}"
        );
    }
}
