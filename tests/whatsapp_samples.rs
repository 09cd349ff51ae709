//! The WhatsApp reader against every sample of `shared/formats/samples/README.md` and the two
//! WhatsApp chats of the development corpus.
//!
//! Synthetic (CC0) and hand-made (MIT) samples are copied into `tests/fixtures/whatsapp/`. The
//! real exports are GPL-3.0 and are never copied: they are read in place from
//! `../shared/formats/samples/whatsapp/`, and those tests skip (with a note on stderr) when
//! the directory is absent. The corpus chats are read in place from `../shared/corpus/chats/`
//! the same way.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use saq::conversation::{Container, Conversation, MediaKind, ReadNote, SourceFormat};
use saq::error::{Error, FormatProblem};
use saq::input::ReadControl;
use saq::input::decode::decode;
use saq::input::whatsapp::{MAX_ZIP_ENTRIES, looks_like, parse, read_zip};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/whatsapp")
}

fn real_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/formats/samples/whatsapp");
    if d.is_dir() {
        Some(d)
    } else {
        eprintln!(
            "skipped: {} is absent (real GPL samples are not copied)",
            d.display()
        );
        None
    }
}

fn corpus_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/chats");
    if d.is_dir() {
        Some(d)
    } else {
        eprintln!("skipped: {} is absent", d.display());
        None
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Decode and parse a `.txt`, or read a `.zip`.
fn load(path: &Path) -> Conversation {
    let bytes = read(path);
    let ctl = ReadControl::default();
    if path.extension().is_some_and(|e| e == "zip") {
        match read_zip(&bytes, path, &ctl) {
            Ok((c, _)) => c,
            Err(e) => panic!("{}: {e}", path.display()),
        }
    } else {
        let d = decode(&bytes).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        match parse(&d.text, path, &ctl) {
            Ok(c) => c,
            Err(e) => panic!("{}: {e}", path.display()),
        }
    }
}

fn kind_name(m: Option<MediaKind>) -> &'static str {
    match m {
        None => "text",
        Some(MediaKind::Voice) => "voice",
        Some(MediaKind::VideoNote) => "video_note",
        Some(MediaKind::Photo) => "photo",
        Some(MediaKind::Video) => "video",
        Some(MediaKind::Document) => "document",
        Some(MediaKind::Sticker) => "sticker",
        Some(MediaKind::Other) => "other",
    }
}

/// One sample's expected shape. `records` is the README column (headers in the file);
/// `messages` is what the reader must return after setting apart system lines, so
/// `messages + system_lines == records` always.
struct Expect {
    file: &'static str,
    records: usize,
    messages: usize,
    format: SourceFormat,
    first_sender: &'static str,
    last_sender: &'static str,
}

const fn e(
    file: &'static str,
    records: usize,
    messages: usize,
    format: SourceFormat,
    first_sender: &'static str,
    last_sender: &'static str,
) -> Expect {
    Expect {
        file,
        records,
        messages,
        format,
        first_sender,
        last_sender,
    }
}

const A: SourceFormat = SourceFormat::WhatsappAndroidTxt;
const I: SourceFormat = SourceFormat::WhatsappIosTxt;

/// Copied samples (CC0 / MIT).
const COPIED: &[Expect] = &[
    // system: encryption notice, missed call
    e("synth_android_ru_24h.txt", 14, 12, A, "Мама", "Айдар"),
    e(
        "synth_android_ru_utf8_bom_crlf.txt",
        14,
        12,
        A,
        "Мама",
        "Айдар",
    ),
    e(
        "synth_android_ru_utf16le_bom.txt",
        14,
        12,
        A,
        "Мама",
        "Айдар",
    ),
    e("synth_android_ru_cp1251.txt", 14, 12, A, "Мама", "Айдар"),
    // system: encryption notice, missed call ("Жауапсыз қоңырау")
    e("synth_android_kk_24h.txt", 10, 8, A, "Әже", "Дана"),
    // system: encryption, created group, added, missed voice call
    e(
        "synth_android_en_us_12h_nnbsp.txt",
        13,
        9,
        A,
        "Aidar",
        "Mom",
    ),
    // system: encryption (attributed, LRM), security code changed, missed call
    e("synth_ios_ru_1to1.txt", 13, 10, I, "Мама", "Мама"),
    // system: encryption, created group, joined by link, number changed, removed
    e(
        "synth_ios_ru_group_noncontacts.txt",
        10,
        5,
        I,
        "Гульнар",
        "Гульнар",
    ),
    // system: "number was changed" (≤ 2017)
    e(
        "synth_legacy_ios_2016_colon.txt",
        5,
        4,
        I,
        "+7\u{A0}701\u{A0}555\u{A0}1234",
        "Aidar",
    ),
    // system: created group, "You were added"
    e(
        "handmade_android_12h_a_m.txt",
        9,
        7,
        A,
        "John Doe",
        "John Doe",
    ),
    e(
        "handmade_ios_brackets_no_seconds.txt",
        9,
        7,
        I,
        "John Doe",
        "John Doe",
    ),
    e("synth_android_ru_with_media.zip", 6, 6, A, "Айдар", "Айдар"),
    // system: encryption notice
    e("synth_ios_en_with_media.zip", 6, 5, I, "Aidar", "Mom"),
];

/// Real exports (GPL-3.0), read in place.
const REAL: &[Expect] = &[
    // system: encryption notice, 2 missed voice calls
    e("real_android_en_24h.txt", 60, 57, A, "Dmitry S", "Dmitry S"),
    e(
        "real_android_en_with_media.txt",
        60,
        57,
        A,
        "Dmitry S",
        "Dmitry S",
    ),
    e("real_android_ru.txt", 60, 57, A, "Dmitry S", "Dmitry S"),
    e("real_android_cs.txt", 60, 57, A, "Dmitry S", "Dmitry S"),
    // system: "добавил(-а) контакт"
    e(
        "real_android_ru_group_2019.txt",
        13,
        12,
        A,
        "+7 982 111-11-11",
        "+7 926 888-88-88",
    ),
    // system: 16 group events
    e(
        "real_android_en_group_events.txt",
        20,
        4,
        A,
        "Dmitry S",
        "Dmitry S",
    ),
    // system: encryption notice + 2 security-code changes, all attributed to "Elon Musk"
    e("real_ios_en.txt", 25, 22, I, "Dmitry S", "Dmitry S"),
    e(
        "real_ios_en_with_media.txt",
        25,
        22,
        I,
        "Dmitry S",
        "Dmitry S",
    ),
    e("real_ios_ru.txt", 25, 22, I, "Dmitry S", "Dmitry S"),
    e(
        "real_ios_ru_export.zip",
        25,
        22,
        I,
        "Dmitry Starkov",
        "Dmitry Starkov",
    ),
    e("real_ios_uk.txt", 25, 22, I, "Dmitry S", "Dmitry S"),
    // system: encryption + 14 group events
    e(
        "real_ios_en_group_events.txt",
        17,
        2,
        I,
        "Dmitry S",
        "Dmitry S",
    ),
    e("real_ios_malformed.txt", 8, 8, I, "Dmitry S", "Dmitry S"),
];

fn check(dir: &Path, x: &Expect) -> Conversation {
    let path = dir.join(x.file);
    let c = load(&path);
    let senders: Vec<_> = c
        .messages
        .iter()
        .map(|m| {
            (
                m.sender.as_deref().unwrap_or("?"),
                kind_name(m.media),
                m.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        c.messages.len() + c.system_lines,
        x.records,
        "{}: records = messages + system lines; got {} + {}: {senders:#?}",
        x.file,
        c.messages.len(),
        c.system_lines
    );
    assert_eq!(c.messages.len(), x.messages, "{}: {senders:#?}", x.file);
    assert_eq!(c.format, x.format, "{}", x.file);
    let first = c.messages.first().and_then(|m| m.sender.as_deref());
    let last = c.messages.last().and_then(|m| m.sender.as_deref());
    assert_eq!(
        (first, last),
        (Some(x.first_sender), Some(x.last_sender)),
        "{}",
        x.file
    );
    assert!(
        c.messages.iter().all(|m| m.timestamp.is_some()),
        "{}: every sample header has a valid date",
        x.file
    );
    assert!(
        !c.notes
            .iter()
            .any(|n| matches!(n, ReadNote::LinesSkipped { .. })),
        "{}",
        x.file
    );
    let zip = x.file.ends_with(".zip");
    assert_eq!(c.container, zip.then_some(Container::Zip), "{}", x.file);
    c
}

#[test]
fn copied_samples_counts_and_senders() {
    for x in COPIED {
        check(&fixtures(), x);
    }
}

#[test]
fn real_samples_counts_and_senders() {
    let Some(dir) = real_dir() else { return };
    for x in REAL {
        check(&dir, x);
    }
}

#[test]
fn real_arabic_export_falls_back() {
    let Some(dir) = real_dir() else { return };
    let path = dir.join("real_ios_ar_rtl.txt");
    let text = match decode(&read(&path)) {
        Ok(d) => d.text,
        Err(e) => panic!("{e:?}"),
    };
    assert!(!looks_like(&text));
    assert!(matches!(
        parse(&text, &path, &ReadControl::default()),
        Err(Error::Format {
            kind: FormatProblem::NoMessages,
            ..
        })
    ));
}

#[test]
fn every_sample_is_sniffed_as_whatsapp() {
    let mut dirs = vec![(fixtures(), COPIED)];
    if let Some(d) = real_dir() {
        dirs.push((d, REAL));
    }
    for (dir, list) in dirs {
        for x in list.iter().filter(|x| x.file.ends_with(".txt")) {
            let Ok(d) = decode(&read(&dir.join(x.file))) else {
                panic!("{} does not decode", x.file)
            };
            assert!(looks_like(&d.text), "{}", x.file);
        }
    }
    for f in [
        "../shared/formats/samples/plain/synth_single_message_ru.txt",
        "../shared/formats/samples/plain/synth_telegram_desktop_copy_ru.txt",
        "../shared/formats/samples/plain/synth_email_phishing_ru.eml",
    ] {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(f);
        if let Ok(d) = std::fs::read(&p).map(|b| decode(&b)) {
            let Ok(d) = d else { continue };
            assert!(!looks_like(&d.text), "{f}");
        }
    }
}

#[test]
fn re_saved_copies_give_identical_messages() {
    let base = load(&fixtures().join("synth_android_ru_24h.txt"));
    for (f, enc) in [
        ("synth_android_ru_utf8_bom_crlf.txt", "utf-8-bom"),
        ("synth_android_ru_utf16le_bom.txt", "utf-16le"),
        ("synth_android_ru_cp1251.txt", "windows-1251"),
    ] {
        let path = fixtures().join(f);
        let d = match decode(&read(&path)) {
            Ok(d) => d,
            Err(e) => panic!("{f}: {e:?}"),
        };
        assert_eq!(d.encoding, enc, "{f}");
        let c = load(&path);
        assert_eq!(c.messages, base.messages, "{f}");
        assert_eq!(c.system_lines, base.system_lines, "{f}");
    }
}

#[test]
fn synth_android_ru_spot_checks() {
    let c = load(&fixtures().join("synth_android_ru_24h.txt"));
    let m = &c.messages;
    assert_eq!(m[0].timestamp.as_deref(), Some("2025-03-12T21:40:00"));
    assert_eq!(m[0].text, "Айдар, ты завтра приедешь на обед?");
    // `<Без медиафайлов>`: media of unknown kind, no text.
    assert_eq!(
        (m[2].media, m[2].text.as_str()),
        (Some(MediaKind::Other), "")
    );
    // The money request over 3 lines.
    let req = m
        .iter()
        .find(|m| m.text.starts_with("Мам, срочно"))
        .unwrap_or_else(|| panic!("money request missing"));
    assert_eq!(req.text.lines().count(), 3);
    assert!(req.text.ends_with("Только папе пока не говори!"));
    assert_eq!(req.timestamp.as_deref(), Some("2025-03-14T19:06:00"));
    // Deleted: a message without text or media.
    let del: Vec<_> = m
        .iter()
        .filter(|m| m.text.is_empty() && m.media.is_none())
        .collect();
    assert_eq!(del.len(), 2);
    // Location is media, not text.
    assert!(m.iter().all(|m| !m.text.contains("maps.google")));
}

#[test]
fn synth_kk_and_en_us_spot_checks() {
    let c = load(&fixtures().join("synth_android_kk_24h.txt"));
    let m = &c.messages;
    assert_eq!(m[0].timestamp.as_deref(), Some("2025-04-02T10:01:00"));
    assert_eq!(m[2].sender.as_deref(), Some("+7 701 555 1234"));
    assert_eq!(m[2].text.lines().count(), 2);
    let kinds: Vec<_> = m.iter().map(|m| m.media).collect();
    assert!(kinds.contains(&Some(MediaKind::Photo)));
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == Some(MediaKind::Other))
            .count(),
        2
    );

    let c = load(&fixtures().join("synth_android_en_us_12h_nnbsp.txt"));
    let m = &c.messages;
    assert_eq!(m[0].timestamp.as_deref(), Some("2025-03-14T19:05:00"));
    assert_eq!(m[2].text, "don't tell dad yet");
    assert_eq!(m[3].text, "@\u{2068}Aidar\u{2069} call me first");
    assert_eq!(m[4].sender.as_deref(), Some("+7 701 555 1234"));
    assert!(m[4].text.ends_with("\nhttps://example.invalid/vote?id=123"));
    // "12:30 PM" after "7:11 PM": out of order, kept in file order.
    assert_eq!(m[6].timestamp.as_deref(), Some("2025-03-14T12:30:00"));
    assert_eq!(m[6].media, Some(MediaKind::Other));
}

#[test]
fn synth_ios_spot_checks() {
    let c = load(&fixtures().join("synth_ios_ru_1to1.txt"));
    let m = &c.messages;
    assert_eq!(m[0].timestamp.as_deref(), Some("2025-03-12T21:40:31"));
    let voice = m.iter().position(|m| m.media == Some(MediaKind::Voice));
    assert_eq!(voice, Some(2));
    assert_eq!(m[3].text.lines().count(), 3, "bare LF inside a CRLF record");
    assert_eq!(m[4].media, Some(MediaKind::Photo));
    assert!(
        m.iter()
            .any(|m| m.media == Some(MediaKind::Document) && m.text.is_empty())
    );

    let c = load(&fixtures().join("synth_ios_ru_group_noncontacts.txt"));
    let s: Vec<_> = c
        .messages
        .iter()
        .map(|m| m.sender.as_deref().unwrap_or(""))
        .collect();
    let phone = "+7\u{A0}777\u{A0}123\u{A0}4567";
    assert_eq!(s, ["Гульнар", phone, phone, "Марат", "Гульнар"]);
    assert_eq!(c.messages[1].text.lines().count(), 3);
    assert_eq!(c.messages[2].media, Some(MediaKind::Photo));
    assert_eq!(
        (c.messages[4].text.as_str(), c.messages[4].media),
        ("", None)
    );

    let c = load(&fixtures().join("synth_legacy_ios_2016_colon.txt"));
    let kinds: Vec<_> = c.messages.iter().map(|m| m.media).collect();
    assert_eq!(
        kinds,
        [None, Some(MediaKind::Photo), Some(MediaKind::Voice), None]
    );
    assert_eq!(
        c.messages[0].timestamp.as_deref(),
        Some("2016-04-26T16:23:03")
    );
}

#[test]
fn handmade_spot_checks() {
    for f in [
        "handmade_android_12h_a_m.txt",
        "handmade_ios_brackets_no_seconds.txt",
    ] {
        let c = load(&fixtures().join(f));
        let m = &c.messages;
        assert_eq!(
            m[0].timestamp.as_deref(),
            Some("2019-01-01T11:25:00"),
            "{f}"
        );
        assert_eq!(m[1].text, ".", "{f}");
        assert_eq!(
            m[2].timestamp.as_deref(),
            Some("2019-01-30T20:49:00"),
            "{f}"
        );
        assert_eq!(
            m[2].text, "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero.",
            "{f}"
        );
        assert_eq!(m[3].sender.as_deref(), Some("John-John Doe"), "{f}");
        assert_eq!(m[4].sender.as_deref(), Some("John Doe 🤓"), "{f}");
        assert_eq!(m[5].sender.as_deref(), Some("🤓"), "{f}");
        assert_eq!(
            m[5].timestamp.as_deref(),
            Some("2021-12-20T12:10:00"),
            "{f}"
        );
        assert_eq!(
            m[6].timestamp.as_deref(),
            Some("2021-12-30T22:01:00"),
            "{f}"
        );
    }
}

#[test]
fn zip_samples_pick_the_chat_and_mark_voice_notes() {
    let ctl = ReadControl::default();
    let path = fixtures().join("synth_android_ru_with_media.zip");
    let (c, enc) = read_zip(&read(&path), &path, &ctl).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(enc, "utf-8");
    let kinds: Vec<_> = c.messages.iter().map(|m| m.media).collect();
    assert_eq!(
        kinds,
        [
            Some(MediaKind::Voice),
            None,
            Some(MediaKind::Photo),
            Some(MediaKind::Other),
            Some(MediaKind::Document),
            Some(MediaKind::Sticker)
        ]
    );
    assert_eq!(c.messages[2].text, "Вот реквизиты");
    assert_eq!(c.messages[0].text, "");

    let path = fixtures().join("synth_ios_en_with_media.zip");
    let (c, _) = read_zip(&read(&path), &path, &ctl).unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<_> = c.messages.iter().map(|m| m.media).collect();
    assert_eq!(
        kinds,
        [
            Some(MediaKind::Voice),
            None,
            Some(MediaKind::Photo),
            Some(MediaKind::Document),
            None
        ]
    );
    assert_eq!(
        c.messages[0].timestamp.as_deref(),
        Some("2025-03-14T19:05:40")
    );
}

#[test]
fn real_spot_checks() {
    let Some(dir) = real_dir() else { return };
    let c = load(&dir.join("real_android_en_with_media.txt"));
    let m = &c.messages;
    assert_eq!(m[0].timestamp.as_deref(), Some("2022-03-18T14:56:00"));
    assert_eq!(
        (m[2].media, m[2].text.as_str()),
        (Some(MediaKind::Other), "Caption")
    );
    assert_eq!(m[3].text, "карточка компании");
    assert_eq!(
        m[5].media,
        Some(MediaKind::Voice),
        "PTT-….opus is a voice note"
    );
    assert_eq!(
        (m[8].media, m[8].text.as_str()),
        (Some(MediaKind::Photo), "Титл")
    );
    assert!(m.iter().any(|m| m.media == Some(MediaKind::Sticker)));
    assert!(m.iter().any(|m| m.media == Some(MediaKind::Video)));
    let venue = m
        .iter()
        .find(|m| m.text.starts_with("Pimlico Gardens"))
        .unwrap_or_else(|| panic!("venue missing"));
    assert_eq!(venue.text.lines().count(), 3);

    for f in [
        "real_ios_en.txt",
        "real_ios_ru.txt",
        "real_ios_uk.txt",
        "real_ios_ru_export.zip",
    ] {
        let c = load(&dir.join(f));
        let voice: Vec<_> = c
            .messages
            .iter()
            .filter(|m| m.media == Some(MediaKind::Voice))
            .collect();
        assert_eq!(voice.len(), 1, "{f}: the audio placeholder is a voice note");
        assert_eq!(
            voice[0].timestamp.as_deref(),
            Some("2022-03-27T21:44:47"),
            "{f}"
        );
        let docs = c
            .messages
            .iter()
            .filter(|m| m.media == Some(MediaKind::Document))
            .count();
        assert_eq!(docs, 3, "{f}");
        assert!(
            c.messages
                .iter()
                .all(|m| !m.text.contains('\u{200E}') || m.media.is_none())
        );
    }
    let c = load(&dir.join("real_ios_en_with_media.txt"));
    let voice = c
        .messages
        .iter()
        .filter(|m| m.media == Some(MediaKind::Voice))
        .count();
    assert_eq!(voice, 1);
    let c = load(&dir.join("real_ios_malformed.txt"));
    assert_eq!(
        c.messages[1].media,
        Some(MediaKind::Photo),
        "name broken over 3 lines"
    );
    assert_eq!(
        c.messages[2].media,
        Some(MediaKind::Other),
        "empty <attached: >"
    );
    let c = load(&dir.join("real_android_ru_group_2019.txt"));
    assert_eq!(
        c.messages[0].timestamp.as_deref(),
        Some("2019-02-17T12:28:00")
    );
    assert_eq!(c.messages.last().map(|m| m.text.lines().count()), Some(3));
}

// ---------------------------------------------------------------------------------------------
// Corpus chats: every message against `.expected.json`.
// ---------------------------------------------------------------------------------------------

fn check_corpus(name: &str) {
    let Some(dir) = corpus_dir() else { return };
    let path = dir.join(format!("{name}.txt"));
    let exp_path = dir.join(format!("{name}.expected.json"));
    let exp: serde_json::Value = serde_json::from_slice(&read(&exp_path))
        .unwrap_or_else(|e| panic!("{}: {e}", exp_path.display()));
    let c = load(&path);
    assert_eq!(exp["format"].as_str(), Some(c.format.as_str()), "{name}");
    assert_eq!(
        exp["message_count"].as_u64(),
        Some(c.messages.len() as u64),
        "{name}"
    );
    let list = exp["messages"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: no messages"));
    assert_eq!(list.len(), c.messages.len(), "{name}");
    for (i, (want, got)) in list.iter().zip(&c.messages).enumerate() {
        assert_eq!(want["index"].as_u64(), Some(i as u64), "{name}");
        assert_eq!(
            want["sender"].as_str(),
            got.sender.as_deref(),
            "{name} #{i}"
        );
        assert_eq!(
            want["time"].as_str(),
            got.timestamp.as_deref(),
            "{name} #{i}"
        );
        let kind = kind_name(got.media);
        assert_eq!(want["kind"].as_str(), Some(kind), "{name} #{i}");
        let shown = match got.media {
            None => got.text.clone(),
            Some(_) if got.text.is_empty() => format!("[{kind}]"),
            Some(_) => format!("[{kind}] {}", got.text),
        };
        let starts = want["starts_with"].as_str().unwrap_or_default();
        assert!(
            shown.starts_with(starts),
            "{name} #{i}: {shown:?} does not start with {starts:?}"
        );
    }
    for key in ["red_flags", "scam_context"] {
        for f in exp[key].as_array().into_iter().flatten() {
            let i = f["index"].as_u64().unwrap_or(u64::MAX) as usize;
            let m = c
                .messages
                .get(i)
                .unwrap_or_else(|| panic!("{name}: {key} #{i}"));
            assert_eq!(
                f["sender"].as_str(),
                m.sender.as_deref(),
                "{name}: {key} #{i}"
            );
            let starts = f["starts_with"].as_str().unwrap_or_default();
            assert!(m.text.starts_with(starts), "{name}: {key} #{i}");
        }
    }
}

#[test]
fn corpus_android_parents_group() {
    check_corpus("wa_android_ru_parents_group");
}

#[test]
fn corpus_ios_brother() {
    check_corpus("wa_ios_en_brother");
}

// ---------------------------------------------------------------------------------------------
// Zip limits
// ---------------------------------------------------------------------------------------------

#[test]
fn zip_with_too_many_entries_is_partial() {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let ok = |r: zip::result::ZipResult<()>| r.unwrap_or_else(|e| panic!("{e}"));
    ok(w.start_file("_chat.txt", stored));
    w.write_all(
        "12.03.2025, 21:40 - Мама: <Без медиафайлов>\n12.03.2025, 21:41 - Мама: PTT-1.opus\n"
            .as_bytes(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for i in 0..20_001 {
        ok(w.start_file(format!("IMG-{i:05}.jpg"), stored));
    }
    // Past the entry limit: never looked at.
    ok(w.start_file("PTT-1.opus", stored));
    let bytes = w.finish().unwrap_or_else(|e| panic!("{e}")).into_inner();
    let started = std::time::Instant::now();
    let (c, _) = read_zip(&bytes, Path::new("big.zip"), &ReadControl::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(started.elapsed().as_secs() < 10);
    assert_eq!(
        MAX_ZIP_ENTRIES, 10_000,
        "the limit this test is built around"
    );
    assert!(c.notes.contains(&ReadNote::ZipLimit));
    assert_eq!(c.messages.len(), 2);
    assert_eq!(
        c.messages[1].media, None,
        "a file past the limit is not known"
    );
}

// ---------------------------------------------------------------------------------------------
// Properties: no input makes the reader panic.
// ---------------------------------------------------------------------------------------------

fn sample_text() -> String {
    let mut s = String::new();
    for f in [
        "synth_android_ru_24h.txt",
        "synth_ios_ru_1to1.txt",
        "synth_android_en_us_12h_nnbsp.txt",
        "synth_ios_ru_group_noncontacts.txt",
    ] {
        if let Ok(d) = decode(&read(&fixtures().join(f))) {
            s.push_str(&d.text);
        }
    }
    // A real export too, when the GPL samples are around (read in place, never copied).
    let real = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/formats/samples/whatsapp/real_ios_malformed.txt");
    if let Ok(Ok(d)) = std::fs::read(real).map(|b| decode(&b)) {
        s.push_str(&d.text);
    }
    s
}

/// Each line of every message text occurs in the input (texts are cut from it, never made up).
fn texts_come_from(input: &str, c: &Conversation) {
    let norm: String = input
        .replace("\r\n", "\n")
        .replace(['\r'], "\n")
        .replace('\u{FEFF}', "");
    for m in &c.messages {
        for line in m.text.split('\n') {
            assert!(norm.contains(line), "{line:?} not in input");
        }
        assert!(m.sender.as_deref().is_some_and(|s| !s.is_empty()));
    }
}

fn check_any(text: &str) {
    let _ = looks_like(text);
    if let Ok(c) = parse(text, Path::new("p.txt"), &ReadControl::default()) {
        texts_come_from(text, &c);
    }
}

fn header_piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "12.03.2025, 21:40 - ",
        "3/14/25, 7:05\u{202F}PM - ",
        "[3/27/22, 21:41:35] ",
        "\u{200E}[14.03.2025, 19:05:11] ",
        "4/26/16, 4:23:03 PM: ",
        "Мама: ",
        "~\u{202F}Гульнар: ",
        "\u{200E}",
        "<Media omitted>",
        "\u{200E}<attached: ",
        "00000038-AUDIO-2022.opus>",
        " (file attached)",
        "\u{200E}image omitted",
        "This message was deleted",
        "null",
        "location: https://maps.google.com/?q=1",
        " <This message was edited>",
        "\n",
        "\r\n",
        "\r",
        ": ",
        ":",
        "\u{FEFF}",
        "текст",
        "99.99.99, 99:99 - ",
        "[",
        "]",
        " ",
        "\u{A0}",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_strings_never_panic(s in "\\PC{0,400}") {
        check_any(&s);
    }

    #[test]
    fn random_header_soup_never_panics(parts in prop::collection::vec(header_piece(), 0..60)) {
        check_any(&parts.concat());
    }

    #[test]
    fn truncated_sample_never_panics(cut in 0usize..4000, extra in prop::collection::vec(any::<u8>(), 0..16)) {
        let text = sample_text();
        let mut bytes = text.as_bytes()[..cut.min(text.len())].to_vec();
        bytes.extend_from_slice(&extra);
        if let Ok(d) = decode(&bytes) {
            check_any(&d.text);
        }
    }

    #[test]
    fn mutated_sample_never_panics(
        edits in prop::collection::vec((0usize..4000, prop::collection::vec(header_piece(), 0..4)), 0..8),
        bytes_at in prop::collection::vec((0usize..4000, any::<u8>()), 0..8),
    ) {
        let mut text = sample_text();
        for (at, pieces) in edits {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, &format!("\n{}\n", pieces.concat()));
        }
        let mut bytes = text.into_bytes();
        for (at, b) in bytes_at {
            if let Some(x) = bytes.get_mut(at) {
                *x = b;
            }
        }
        if let Ok(d) = decode(&bytes) {
            check_any(&d.text);
        }
    }

    #[test]
    fn random_bytes_to_read_zip_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = read_zip(&bytes, Path::new("r.zip"), &ReadControl::default());
        let mut with_magic = b"PK\x03\x04".to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = read_zip(&with_magic, Path::new("r.zip"), &ReadControl::default());
    }

    #[test]
    fn mutated_zip_never_panics(flips in prop::collection::vec((0usize..1200, any::<u8>()), 1..6)) {
        let mut bytes = read(&fixtures().join("synth_ios_en_with_media.zip"));
        for (at, b) in flips {
            let n = bytes.len();
            bytes[at % n] = b;
        }
        if let Ok((c, _)) = read_zip(&bytes, Path::new("m.zip"), &ReadControl::default()) {
            prop_assert_eq!(c.container, Some(Container::Zip));
        }
    }
}
