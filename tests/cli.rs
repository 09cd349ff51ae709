//! The real binary: output formats, exit codes, errors naming paths, rules listing/stats.

use std::path::PathBuf;
use std::process::Output;

mod common;

use common::{fixture, run_stdin, saq};

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

const SCAM_RU: &str = "Здравствуйте, я сотрудник службы безопасности Halyk Bank. По вашей карте подозрительная операция. Продиктуйте код из СМС, иначе карта будет заблокирована.";
const LEGIT_KK: &str = "Анашым, сәлем! Жұмыстан шықтым, жолда нан ала келейін бе?";

#[test]
fn json_report_for_a_scam_from_stdin() {
    let out = run_stdin(&["check", "--format", "json", "--lang", "ru"], SCAM_RU);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r["schema"], "saq.report/1");
    assert_eq!(r["source"]["path"], "-");
    assert_eq!(r["source"]["format"], "plain");
    assert_eq!(r["source"]["encoding"], "utf-8");
    assert_eq!(r["verdict"], "danger");
    let m = &r["messages"][0];
    assert_eq!(m["index"], 0);
    assert_eq!(m["text"], SCAM_RU);
    let flags = m["flags"].as_array().expect("flags array");
    let cats: Vec<&str> = flags
        .iter()
        .filter_map(|f| f["category"].as_str())
        .collect();
    assert!(cats.contains(&"code_request"), "{cats:?}");
    assert!(cats.contains(&"bank_impersonation"), "{cats:?}");
    for f in flags {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &SCAM_RU[s..e],
            f["excerpt"].as_str().unwrap(),
            "offsets are byte offsets into text"
        );
        let expl = f["explanation"].as_str().unwrap();
        assert!(
            !expl.is_empty() && !expl.starts_with("explain-"),
            "explanation localized: {expl}"
        );
    }
    let code = flags
        .iter()
        .find(|f| f["category"] == "code_request")
        .unwrap();
    assert!(code["advice"].as_array().unwrap().iter().any(|a| a == "A2"));
}

#[test]
fn legit_message_exits_zero_with_no_signs() {
    let out = run_stdin(&["check", "--format", "json"], LEGIT_KK);
    assert_eq!(out.status.code(), Some(0));
    let r = &json_lines(&out)[0];
    assert_eq!(r["verdict"], "no_signs");
    assert!(r["messages"][0]["flags"].as_array().unwrap().is_empty());
}

#[test]
fn missing_file_is_exit_2_naming_the_path_and_others_still_checked() {
    let dir = tempdir();
    let good = dir.join("scam.txt");
    std::fs::write(&good, SCAM_RU).unwrap();
    let missing = dir.join("нет-такого.txt");
    let out = saq()
        .args(["check", "--format", "json", "--lang", "ru"])
        .arg(&missing)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("нет-такого.txt"), "{err}");
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 2, "one line per input, in order");
    assert!(reports[0]["error"].is_string());
    assert_eq!(reports[1]["verdict"], "danger");
}

/// A file name in an old 8-bit encoding (not UTF-8) is still a file to check, and a
/// non-UTF-8 option value is a localized usage error: neither may panic.
#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_read_or_refused_cleanly() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    let dir = tempdir();
    // "код.txt" in Windows-1251.
    let name = OsString::from_vec(b"\xea\xee\xe4.txt".to_vec());
    let path = dir.join(&name);
    std::fs::write(&path, SCAM_RU).unwrap();
    let out = saq()
        .args(["check", "--format", "json", "--lang", "ru"])
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.is_empty(), "{err}");
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["verdict"], "danger");

    let out = saq()
        .args(["check", "--lang"])
        .arg(OsString::from_vec(vec![0xff]))
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 2, "the error and the help hint: {err}");
}

#[test]
fn directory_and_binary_inputs_are_clear_errors() {
    let dir = tempdir();
    let bin = dir.join("photo.txt");
    std::fs::write(&bin, [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3]).unwrap();
    for (path, word) in [(dir.clone(), "folder"), (bin.clone(), "not a text file")] {
        let out = saq()
            .args(["check", "--lang", "en"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(word) && err.contains(&*path.to_string_lossy()),
            "{err}"
        );
    }
}

#[test]
fn text_output_marks_spans_explains_and_gives_steps() {
    let out = run_stdin(&["check", "--lang", "kk"], SCAM_RU);
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("](") && s.contains('['),
        "spans marked without colour: {s}"
    );
    assert!(s.contains("1477") && s.contains("102"), "{s}");
    assert!(!s.contains("\x1b["), "NO_COLOR honoured");
    // Kazakh words from the kk locale.
    assert!(s.chars().any(|c| "әғқңөұүһі".contains(c)), "{s}");
}

#[test]
fn links_are_defanged_in_text_output() {
    let out = run_stdin(
        &["check", "--lang", "en"],
        "Kaspi: your account is blocked, confirm at https://kaspi-kz.login-check.top/verify now",
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("hxxps://kaspi-kz[.]login-check[.]top"), "{s}");
    assert!(!s.contains("https://kaspi-kz.login-check.top"), "{s}");
}

#[test]
fn rules_list_and_stats() {
    let out = saq().args(["rules", "--lang", "en"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("code-request-ru") && s.contains("safe-account"),
        "{s}"
    );

    let out = saq()
        .args(["rules", "stats", "--lang", "en"])
        .arg(fixture("mini_corpus.jsonl"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    let line = s
        .lines()
        .find(|l| l.starts_with("code-request-ru "))
        .expect("row for code-request-ru");
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        &cols[1..3],
        &["1", "0"],
        "hits the scam line, not the OTP line: {line}"
    );
    assert!(
        s.contains("Verdicts: 1 of 1 scam lines flagged (1 as danger); 0 of 2 legitimate"),
        "{s}"
    );
    assert!(!s.contains("Scam lines with no known signs"), "{s}");
}

#[test]
fn bad_rule_dir_names_file_and_rule() {
    let out = run_stdin(
        &[
            "check",
            "--lang",
            "en",
            "--rules",
            fixture("rules_bad").to_str().unwrap(),
        ],
        "hi",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.toml") && err.contains("broken-regex"),
        "{err}"
    );
}

#[test]
fn extra_rules_dir_adds_rules() {
    // A folder of rule files, or one rule file (the help says "file or folder").
    for given in [
        fixture("rules_extra"),
        fixture("rules_extra").join("extra.toml"),
    ] {
        let args = [
            "check",
            "--format",
            "json",
            "--rules",
            given.to_str().unwrap(),
        ];
        let out = run_stdin(
            &args,
            "Ваш зебра-бонус ждёт, перейдите по ссылке и введите данные",
        );
        let r = &json_lines(&out)[0];
        let rules: Vec<&str> = r["messages"][0]["flags"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["rule"].as_str())
            .collect();
        assert!(rules.contains(&"extra-zebra-bonus"), "{given:?}: {rules:?}");
    }
}

#[test]
fn input_file_is_never_modified() {
    let dir = tempdir();
    let p = dir.join("msg.txt");
    std::fs::write(&p, SCAM_RU).unwrap();
    let before = std::fs::metadata(&p).unwrap().modified().unwrap();
    let out = saq().args(["check"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), SCAM_RU);
    assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), before);
}

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "saq-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

mod random_input {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Any bytes as a file: exit 0, 1 or 2, one JSON line, never a crash.
        #[test]
        fn cli_survives_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
            let dir = tempdir();
            let p = dir.join("random.txt");
            std::fs::write(&p, &bytes).unwrap();
            let out = saq().args(["check", "--format", "json"]).arg(&p).output().unwrap();
            prop_assert!(matches!(out.status.code(), Some(0..=2)), "status {:?}", out.status);
            prop_assert_eq!(json_lines(&out).len(), 1);
            prop_assert_eq!(std::fs::read(&p).unwrap(), bytes, "input untouched");
        }

        /// Random Unicode with control characters through standard input, text format.
        #[test]
        fn cli_survives_random_text(s in "\\PC{0,400}|[\\x00-\\x1f\\u{200b}\\u{202e}кодKaspi .:/]{0,400}") {
            let out = run_stdin(&["check", "--lang", "ru"], &s);
            prop_assert!(matches!(out.status.code(), Some(0..=2)), "status {:?}", out.status);
        }
    }
}
