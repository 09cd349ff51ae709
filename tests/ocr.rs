//! Pictures (issue 12): chat screenshots and document photos drawn by the test itself with
//! the bundled font, read through the real pipeline (Tesseract), and compared with the text
//! they were drawn from: at least 90 % of the words read right and the same verdict.
//! Also the bounds: a huge picture, a truncated PNG, a non-image named .png, a picture with
//! no text, and a missing Tesseract, through the real binary.
//!
//! The tests that need Tesseract skip, with a note on stderr, when it (or its kaz/rus/eng
//! data) is not installed; `.ci/run` installs it so CI runs them.

mod common;
#[path = "ocr/render.rs"]
mod render;

use std::path::{Path, PathBuf};
use std::time::Instant;

use render::{DESKTOP, PHONE, Scale, Side};
use saq::conversation::{Conversation, Message, SourceFormat};
use saq::{RuleSet, Verdict};

fn tesseract_ready() -> bool {
    common::tesseract_ready("OCR recognition tests")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("saq-ocr-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Words for comparison: lower case, letters and digits only.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Share of the expected words read right, in order (longest common subsequence).
fn word_accuracy(expected: &str, read: &str) -> f64 {
    let (a, b) = (words(expected), words(read));
    let mut dp = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            dp[i][j] = if a[i - 1] == b[j - 1] {
                dp[i - 1][j - 1] + 1
            } else {
                dp[i - 1][j].max(dp[i][j - 1])
            };
        }
    }
    dp[a.len()][b.len()] as f64 / a.len().max(1) as f64
}

fn verdict_of_texts(rules: &RuleSet, texts: &[&str]) -> Verdict {
    let conv = Conversation {
        format: SourceFormat::Plain,
        messages: texts
            .iter()
            .map(|t| Message {
                text: (*t).to_string(),
                ..Message::default()
            })
            .collect(),
        system_lines: 0,
        container: None,
        notes: Vec::new(),
        events: Vec::new(),
    };
    saq::check_conversation(rules, &conv).verdict
}

struct Case {
    name: &'static str,
    /// Chat messages (a document: heading and body as two entries, `chat` false).
    texts: Vec<(Side, &'static str)>,
    chat: bool,
}

fn cases() -> Vec<Case> {
    use Side::{Me, Them};
    vec![
        Case {
            name: "ru-scam-chat",
            chat: true,
            texts: vec![
                (Them, "Здравствуйте, это служба безопасности банка."),
                (
                    Them,
                    "На ваше имя оформляют кредит. Чтобы отменить заявку, продиктуйте код из СМС.",
                ),
                (Me, "Кто это?"),
                (Them, "Срочно, у вас пять минут, иначе деньги спишут."),
            ],
        },
        Case {
            name: "ru-honest-chat",
            chat: true,
            texts: vec![
                (Them, "Привет! Ты завтра придёшь на собрание?"),
                (Me, "Да, буду в семь."),
                (Them, "Хорошо, возьми, пожалуйста, документы."),
            ],
        },
        Case {
            name: "kk-scam-chat",
            chat: true,
            texts: vec![
                (
                    Them,
                    "Сәлеметсіз бе! Сіз ұтыс ойынында 500 000 теңге ұтып алдыңыз.",
                ),
                (
                    Them,
                    "Сыйлықты алу үшін картаңыздың нөмірін және SMS кодын жіберіңіз.",
                ),
            ],
        },
        Case {
            name: "kk-honest-chat",
            chat: true,
            texts: vec![
                (Them, "Сәлем, апа! Кешке үйге барамын."),
                (Me, "Жақсы, балам, күтемін."),
            ],
        },
        Case {
            name: "en-scam-chat",
            chat: true,
            texts: vec![
                (Them, "Hi mom, this is my new number, my phone broke."),
                (
                    Them,
                    "Can you send me 300 dollars urgently? Don't tell dad.",
                ),
            ],
        },
        Case {
            name: "en-honest-chat",
            chat: true,
            texts: vec![
                (Them, "Hi, the meeting moved to Friday at 10."),
                (Me, "Thanks, see you there."),
            ],
        },
        Case {
            name: "ru-scam-document",
            chat: false,
            texts: vec![
                (Them, "НАЦИОНАЛЬНЫЙ БАНК РЕСПУБЛИКИ КАЗАХСТАН"),
                (
                    Them,
                    "Уважаемый клиент! Ваши средства под угрозой. Для защиты денег переведите все сбережения на безопасный счет Национального Банка. Никому не сообщайте об этой операции.",
                ),
            ],
        },
        Case {
            name: "kk-honest-document",
            chat: false,
            texts: vec![
                (Them, "ХАБАРЛАНДЫРУ"),
                (
                    Them,
                    "Құрметті тұрғындар! Сенбі күні сағат онда аулада жиналыс өтеді. Барлығыңызды күтеміз.",
                ),
            ],
        },
    ]
}

fn picture(case: &Case, s: Scale) -> Vec<u8> {
    let img = if case.chat {
        render::chat(&case.texts, "Айгүл", s)
    } else {
        render::document(case.texts[0].1, case.texts[1].1, s)
    };
    render::png(&img)
}

#[test]
fn drawn_screenshots_and_documents_read_right_with_the_same_verdict() {
    if !tesseract_ready() {
        return;
    }
    let rules = RuleSet::builtin().expect("built-in rules load");
    let mut worst_accuracy: f64 = 1.0;
    let mut failures = Vec::new();
    for s in [DESKTOP, PHONE] {
        for case in cases() {
            let png = picture(&case, s);
            if let Some(dir) = std::env::var_os("SAQ_OCR_KEEP") {
                let _ = std::fs::write(
                    Path::new(&dir).join(format!("{}-{}.png", case.name, s.name)),
                    &png,
                );
            }
            let label = format!("{} at {}", case.name, s.name);
            let started = Instant::now();
            let (conv, source) = saq::input::from_bytes(&png, "t.png", Path::new("t.png"))
                .unwrap_or_else(|e| panic!("{label}: {e}"));
            let took = started.elapsed();
            assert_eq!(source.format, "image_ocr");
            let expected: Vec<&str> = case.texts.iter().map(|(_, t)| *t).collect();
            let read: Vec<&str> = conv.messages.iter().map(|m| m.text.as_str()).collect();
            let accuracy = word_accuracy(&expected.join(" "), &read.join(" "));
            eprintln!(
                "{label}: {:.1} % of {} words, {} messages, {:.2} s",
                accuracy * 100.0,
                words(&expected.join(" ")).len(),
                read.len(),
                took.as_secs_f64()
            );
            // The screenshot header's contact name, when read, is a message of its own.
            let read: Vec<&str> = read.into_iter().filter(|m| *m != "Айгүл").collect();
            worst_accuracy = worst_accuracy.min(accuracy);
            if accuracy < 0.9 {
                failures.push(format!("{label}: accuracy {accuracy:.3}; read {read:?}"));
            }
            // A chat: one message per bubble. A document: one message.
            let messages = if case.chat { expected.len() } else { 1 };
            if read.len() != messages {
                failures.push(format!("{label}: messages {read:?}"));
            }
            let want = verdict_of_texts(&rules, &expected);
            let got = saq::check_conversation(&rules, &conv).verdict;
            if got != want {
                failures.push(format!(
                    "{label}: verdict {got:?}, text's {want:?}; read {read:?}"
                ));
            }
        }
    }
    eprintln!("worst word accuracy: {:.1} %", worst_accuracy * 100.0);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_dark_mode_screenshot_reads_like_the_light_one() {
    if !tesseract_ready() {
        return;
    }
    let case = cases().into_iter().next().expect("a first case");
    for s in [DESKTOP, PHONE] {
        let mut img = render::chat(&case.texts, "Айгүл", s);
        let light = render::png(&img);
        image::imageops::invert(&mut img);
        let dark = render::png(&img);
        let read = |png: &[u8]| -> Vec<String> {
            let (conv, _) = saq::input::from_bytes(png, "t.png", Path::new("t.png"))
                .unwrap_or_else(|e| panic!("{}: {e}", s.name));
            conv.messages
                .iter()
                .map(|m| m.text.clone())
                .filter(|t| t != "Айгүл")
                .collect()
        };
        let (light, dark) = (read(&light), read(&dark));
        assert_eq!(light.len(), case.texts.len(), "{}: {light:?}", s.name);
        assert_eq!(dark, light, "{}", s.name);
    }
}

#[test]
fn json_report_has_boxes_on_the_flagged_words_and_html_embeds_the_picture() {
    if !tesseract_ready() {
        return;
    }
    let dir = temp_dir("json");
    let case = cases().remove(0);
    let path = dir.join("shot.png");
    let png = picture(&case, DESKTOP);
    std::fs::write(&path, &png).expect("write picture");
    let out = common::saq()
        .args(["check", "--format", "json", "--lang", "en"])
        .arg(&path)
        .output()
        .expect("run saq");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["source"]["format"], "image_ocr");
    assert_eq!(v["verdict"], "danger");
    let img = image::load_from_memory(&png).expect("decode").to_luma8();
    let mut checked = 0;
    for m in v["messages"].as_array().expect("messages") {
        let text = m["text"].as_str().unwrap_or_default();
        for f in m["flags"].as_array().expect("flags") {
            let boxes = f["boxes"].as_array().expect("boxes on a picture's flag");
            assert!(!boxes.is_empty(), "{f}");
            assert!(f["end"].as_u64() <= Some(text.len() as u64));
            for b in boxes {
                let r: Vec<u32> = b
                    .as_array()
                    .expect("[x, y, w, h]")
                    .iter()
                    .map(|n| n.as_u64().unwrap_or(u64::MAX) as u32)
                    .collect();
                assert_eq!(r.len(), 4);
                assert!(
                    r[0] + r[2] <= img.width() && r[1] + r[3] <= img.height(),
                    "{r:?}"
                );
                // The box holds ink: dark pixels of the drawn words.
                let dark = (r[1]..r[1] + r[3])
                    .flat_map(|y| (r[0]..r[0] + r[2]).map(move |x| (x, y)))
                    .filter(|&(x, y)| img.get_pixel(x, y).0[0] < 128)
                    .count();
                assert!(dark > 10, "box {r:?} over no text");
                checked += 1;
            }
        }
    }
    assert!(checked >= 3, "{checked} boxes");
    // The user's file is untouched.
    assert_eq!(std::fs::read(&path).expect("read back"), png);

    let out = common::saq()
        .args(["check", "--format", "html", "--lang", "ru"])
        .arg(&path)
        .output()
        .expect("run saq");
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.contains("src=\"data:image/png;base64,iVBORw0KGgo"),
        "picture embedded"
    );
    assert!(
        page.contains("class=\"box w3\""),
        "a heavy flag's box is drawn"
    );
    assert!(page.contains("img-src data:;") || page.contains("img-src data:"));
    for external in ["http://", "https://", "src=\"//", "url("] {
        assert!(!page.contains(external), "{external} in the page");
    }
    let out = common::saq()
        .args(["check", "--lang", "en"])
        .arg(&path)
        .output()
        .expect("run saq");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("read from a picture"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_picture_with_no_text_is_a_clear_error() {
    if !tesseract_ready() {
        return;
    }
    let dir = temp_dir("blank");
    let path = dir.join("blank.png");
    let img = image::GrayImage::from_pixel(640, 480, image::Luma([255]));
    std::fs::write(&path, render::png(&img)).expect("write");
    let out = common::saq()
        .args(["check", "--lang", "en"])
        .arg(&path)
        .output()
        .expect("run saq");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no text was found"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A CRC-32 (PNG's) for the hand-made header below.
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// A PNG whose header says 20000×20000 and whose data is a few bytes: decoding it would
/// need 400 MB; it must be refused from the header.
fn huge_png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        png.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        png.extend(&body);
        png.extend(crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend(20000u32.to_be_bytes());
    ihdr.extend(20000u32.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    png
}

#[test]
fn huge_truncated_and_fake_pictures_get_clear_errors_fast() {
    let dir = temp_dir("bounds");
    let huge = dir.join("huge.png");
    std::fs::write(&huge, huge_png()).expect("write");
    let good = render::png(&render::document("ТЕСТ", "Проверка связи.", DESKTOP));
    let truncated = dir.join("cut.png");
    std::fs::write(&truncated, &good[..good.len() / 2]).expect("write");
    let fake_binary = dir.join("fake.png");
    std::fs::write(&fake_binary, [0u8, 1, 2, 3, 255, 0, 7].repeat(100)).expect("write");
    let fake_text = dir.join("note.png");
    std::fs::write(&fake_text, "Продиктуйте код из СМС, срочно!").expect("write");
    let cases: [(&Path, Option<i32>, &str); 4] = [
        (&huge, Some(2), "20000×20000"),
        (&truncated, Some(2), "damaged or cut short"),
        (&fake_binary, Some(2), "not a text file"),
        // A text file named .png is read as the text it is.
        (&fake_text, Some(1), ""),
    ];
    for (path, code, says) in cases {
        let started = Instant::now();
        let out = common::saq()
            .args(["check", "--lang", "en"])
            // No Tesseract is needed to refuse these.
            .env("SAQ_TESSERACT", "/nonexistent/tesseract")
            .arg(path)
            .output()
            .expect("run saq");
        assert!(started.elapsed().as_secs() < 20, "{}", path.display());
        assert_eq!(out.status.code(), code, "{}: {out:?}", path.display());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{}: {err}", path.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_tesseract_a_picture_says_what_to_install_and_text_still_works() {
    let dir = temp_dir("missing");
    let shot = dir.join("shot.png");
    std::fs::write(
        &shot,
        render::png(&render::document("ТЕСТ", "Код из СМС.", DESKTOP)),
    )
    .expect("write");
    let msg = dir.join("msg.txt");
    std::fs::write(&msg, "Продиктуйте код из СМС").expect("write");
    for (lang, says) in [
        ("en", "needs Tesseract OCR"),
        ("ru", "нужен Tesseract OCR"),
        ("kk", "Tesseract OCR керек"),
    ] {
        let out = common::saq()
            .args(["check", "--format", "json", "--lang", lang])
            .env("SAQ_TESSERACT", "/nonexistent/tesseract")
            .arg(&shot)
            .arg(&msg)
            .output()
            .expect("run saq");
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{lang}: {err}");
        if cfg!(target_os = "linux") {
            assert!(err.contains("apt-get install tesseract-ocr"), "{err}");
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), 2, "one line per input");
        assert!(lines[0].contains("\"error\""));
        assert!(lines[1].contains("\"verdict\":\"danger\""), "{}", lines[1]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[cfg(unix)]
fn a_tesseract_that_refuses_the_threshold_option_is_asked_again_without_it() {
    use std::os::unix::fs::PermissionsExt;
    if !tesseract_ready() {
        return;
    }
    let real = std::env::var_os("SAQ_TESSERACT").unwrap_or("tesseract".into());
    let dir = temp_dir("old-tesseract");
    // Like a Tesseract that fails on a variable it does not know; it logs each call.
    let wrapper = dir.join("tesseract");
    let log = dir.join("calls.log");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{log}'\nfor a in \"$@\"; do [ \"$a\" = -c ] && {{ echo 'unknown option' >&2; exit 1; }}; done\nexec '{real}' \"$@\"\n",
            log = log.display(),
            real = Path::new(&real).display()
        ),
    )
    .expect("write");
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let shot = dir.join("shot.png");
    let case = cases().into_iter().next().expect("a first case");
    std::fs::write(&shot, picture(&case, PHONE)).expect("write");
    let out = common::saq()
        .args(["check", "--format", "json"])
        .env("SAQ_TESSERACT", &wrapper)
        .arg(&shot)
        .output()
        .expect("run saq");
    let calls = std::fs::read_to_string(&log).unwrap_or_default();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a scam screenshot: {}; calls: {calls}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tries: Vec<&str> = calls.lines().filter(|l| l.contains("tsv")).collect();
    assert_eq!(tries.len(), 2, "{calls}");
    assert!(tries[0].contains("thresholding_method") && !tries[1].contains("-c"));
    let _ = std::fs::remove_dir_all(&dir);
}
