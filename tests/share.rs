//! Shareable reports: the HTML report parses as HTML, carries every flag and the steps, and
//! keeps hostile text inert; the summary masks card numbers and IINs; the evidence sheet
//! lists what the police need; `saq check --format html -o FILE` writes atomically and
//! never replaces a file or touches an input.

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use scraper::{Html, Selector};

use saq::i18n::{Lang, Localizer};
use saq::share::{Origin, evidence, html, summary};
use saq::{Report, RuleSet, Verdict};

const HOSTILE: &str = "Срочно переведите 50 000 тг на карту 4400 4301 2345 6789, код из SMS продиктуйте. \
<script>alert('x')</script><img src=x onerror=alert(1)> <a href=\"https://evil.example\">click</a> \
https://kaspi-bonus.kz-pay.top/login ИИН 850101300123";

fn rules() -> RuleSet {
    RuleSet::builtin().expect("built-in rules load")
}

fn origin() -> Origin {
    Origin {
        path: None,
        made: "2026-11-25 10:40 UTC".into(),
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

/// The page has no scripts, no external resources, no links and no event handlers: only
/// these elements, and only `class`/`lang`/`charset`/`http-equiv`/`content`/`name` attributes.
fn assert_inert(page: &str) {
    let doc = Html::parse_document(page);
    let allowed = [
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "small",
        "section", "article", "mark", "ol", "ul", "li", "span", "br", "footer", "table", "tr",
        "th", "td", "tbody",
    ];
    let attrs = ["class", "lang", "charset", "http-equiv", "content", "name"];
    for el in doc.root_element().descendent_elements() {
        let name = el.value().name();
        assert!(allowed.contains(&name), "element <{name}> in the page");
        for (a, _) in el.value().attrs() {
            assert!(attrs.contains(&a), "attribute {a} on <{name}>");
        }
    }
    let csp = doc
        .select(&sel("meta[http-equiv=\"Content-Security-Policy\"]"))
        .next()
        .and_then(|m| m.value().attr("content"))
        .unwrap_or_default();
    assert!(csp.contains("default-src 'none'"), "{csp}");
}

fn text_of(page: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(page);
    doc.select(&sel(selector))
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn the_html_report_has_every_flag_the_steps_and_keeps_hostile_text_inert() {
    for lang in Lang::ALL {
        let tr = Localizer::new(lang);
        let report = saq::check_text(&rules(), HOSTILE);
        let report = Report {
            verdict: report.verdict,
            messages: vec![report],
            system_lines: 0,
        };
        assert_eq!(report.verdict, Verdict::Danger);
        let page = html::report_page(&report, &origin(), &[], &tr);
        assert_inert(&page);
        let body = text_of(&page, "body").concat();
        // The hostile markup is there as text, for the reader to see.
        assert!(body.contains("<script>alert('x')</script>"), "{lang:?}");
        let flags = text_of(&page, "ol.flags li");
        assert_eq!(flags.len(), report.messages[0].flags.len());
        for f in &report.messages[0].flags {
            let explanation = f.explanation(&tr);
            assert!(
                flags.iter().any(|li| li.contains(&explanation)),
                "{lang:?}: {} missing",
                f.rule
            );
        }
        let steps = text_of(&page, "ol.steps li");
        let want: Vec<String> = report
            .advice()
            .iter()
            .map(|s| tr.tr(&s.fluent_id()))
            .collect();
        assert_eq!(steps, want, "{lang:?}");
        assert!(!want.is_empty());
        // Flagged words are marked; the link is defanged, never clickable.
        assert!(!text_of(&page, "mark").is_empty());
        assert!(!page.contains("https://kaspi-bonus"));
        assert!(body.contains("hxxps://kaspi-bonus[.]kz-pay[.]top/login"));
        assert!(text_of(&page, "h1")[0].contains(&tr.tr("report-title")));
    }
}

#[test]
fn a_chat_report_shows_flagged_messages_with_neighbours() {
    let tr = Localizer::new(Lang::En);
    let mut conv = saq::Conversation::plain("");
    conv.messages = (0..30)
        .map(|i| saq::Message {
            sender: Some("Aigerim".into()),
            text: if i == 15 {
                "Mom, it's me, urgently send 50 000 tenge to this card 4400 4301 2345 6789, don't tell dad".into()
            } else {
                format!("ordinary message number {i}")
            },
            ..saq::Message::default()
        })
        .collect();
    let report = saq::check_conversation(&rules(), &conv);
    let page = html::report_page(&report, &origin(), &[], &tr);
    assert_inert(&page);
    let heads = text_of(&page, "article p.head");
    assert_eq!(heads.len(), 3, "{heads:?}");
    assert!(heads[1].contains("Aigerim"));
    assert_eq!(text_of(&page, "p.gap").len(), 1);
}

#[test]
fn the_summary_masks_cards_and_iins_and_defangs_links() {
    for lang in Lang::ALL {
        let tr = Localizer::new(lang);
        let text = "Срочно переведите на карту 4400 4301 2345 6789, ИИН 850101300123 получателя, \
                    подтвердите на https://kaspi-bonus.kz-pay.top/login и продиктуйте код из SMS";
        let one = saq::check_text(&rules(), text);
        let report = Report {
            verdict: one.verdict,
            messages: vec![one],
            system_lines: 0,
        };
        let s = summary::text(&report, &tr);
        assert!(s.contains(&tr.tr("verdict-danger")), "{s}");
        assert!(!s.contains("4301 2345"), "{s}");
        assert!(!s.contains("850101300123"), "{s}");
        assert!(!s.contains("https://"), "{s}");
        assert!(
            s.contains("4400 **** **** 6789") || !s.contains("4400"),
            "{s}"
        );
        assert!(s.contains(&tr.tr("step-a2")), "{s}");
        assert!(!s.contains(['<', '{', '}']), "{s}");
    }
}

#[test]
fn the_evidence_sheet_lists_senders_numbers_links_and_amounts() {
    let tr = Localizer::new(Lang::Ru);
    let mut conv = saq::Conversation::plain("");
    let msg = |sender: &str, time: &str, text: &str| saq::Message {
        sender: Some(sender.into()),
        timestamp: saq::conversation::Timestamp::new(time),
        text: text.into(),
        ..saq::Message::default()
    };
    conv.messages = vec![
        msg("Мама", "2025-03-01T09:00:00", "Доброе утро!"),
        msg(
            "+7 701 555 12 34",
            "2025-03-02T18:12:05",
            "Это я, мой новый номер. Срочно скинь 20 000 тг на карту 4400 4301 2345 6789 или позвони +7 702 111 22 33. Ссылка: https://kaspi-bonus.kz-pay.top/pay",
        ),
        msg("Мама", "2025-03-03T08:00:00", "<b>ок</b>"),
    ];
    let report = saq::check_conversation(&rules(), &conv);
    let ev = evidence::Evidence::collect(report.messages.clone());
    assert_eq!(ev.total, 3);
    assert_eq!(ev.flagged.len(), 1);
    assert_eq!(
        ev.period,
        Some(("2025-03-01T09:00:00".into(), "2025-03-03T08:00:00".into()))
    );
    assert_eq!(ev.senders, ["+7 701 555 12 34"]);
    assert!(
        ev.phones.iter().any(|p| p.ends_with("7021112233")),
        "{:?}",
        ev.phones
    );
    assert_eq!(ev.accounts, ["4400 4301 2345 6789"]);
    assert_eq!(ev.links, ["hxxps://kaspi-bonus[.]kz-pay[.]top/pay"]);
    assert_eq!(ev.amounts, ["20 000 тг"]);
    let page = evidence::page(&ev, &origin(), &tr);
    assert_inert(&page);
    let rows = text_of(&page, "table tr");
    assert_eq!(rows.len(), 2, "header and one message");
    assert!(rows[1].contains("2025-03-02T18:12:05"));
    let items = text_of(&page, "li").concat();
    for want in [
        "4400 4301 2345 6789",
        "20 000 тг",
        "hxxps://kaspi-bonus[.]kz-pay[.]top/pay",
    ] {
        assert!(items.contains(want), "{want}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whatever the message, the report page is inert HTML whose message text reads back
    /// as the original (links defanged).
    #[test]
    fn any_text_makes_an_inert_page(text in "(\\PC|<|>|&|\"|'|\\n){0,200}") {
        let tr = Localizer::new(Lang::En);
        let one = saq::check_text(&rules(), &text);
        let report = Report { verdict: one.verdict, messages: vec![one], system_lines: 0 };
        let page = html::report_page(&report, &origin(), &[], &tr);
        assert_inert(&page);
        let shown = text_of(&page, "p.text").concat();
        let mut want = String::new();
        let mut at = 0;
        for l in saq::links::find_links(&text) {
            want.push_str(&text[at..l.span.start]);
            want.push_str(&l.defanged);
            at = l.span.end;
        }
        want.push_str(&text[at..]);
        // HTML parsing turns CR LF and lone CR into LF, and drops NUL and a leading LF in <p>.
        let norm = |s: &str| s.replace("\r\n", "\n").replace(['\r'], "\n").chars()
            .filter(|c| !c.is_control() || *c == '\n').collect::<String>();
        let (a, b) = (norm(&shown), norm(&want));
        prop_assert_eq!(a.trim(), b.trim());
    }
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_saq")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("saq-share-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn saq(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("saq runs")
}

/// The names of the files in `d`, sorted.
fn file_names(d: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(d)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn cli_html_to_a_file_is_atomic_and_never_overwrites() {
    let d = scratch("cli");
    let input = d.join("msg.txt");
    std::fs::write(&input, HOSTILE).expect("input");
    let before = std::fs::read(&input).expect("input");

    let out = saq(
        &[
            "check", "--lang", "en", "--format", "html", "-o", "r.html", "msg.txt",
        ],
        &d,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let page = std::fs::read_to_string(d.join("r.html")).expect("report written");
    assert_inert(&page);
    assert!(page.contains("msg.txt"));

    // Again: the file exists, so nothing is written and the exit status is 2.
    std::fs::write(d.join("r.html"), "mine").expect("seed");
    let out = saq(
        &[
            "check", "--lang", "en", "--format", "html", "-o", "r.html", "msg.txt",
        ],
        &d,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("r.html"));
    assert_eq!(
        std::fs::read_to_string(d.join("r.html")).expect("kept"),
        "mine"
    );

    // --overwrite replaces it.
    let args = [
        "check",
        "--format",
        "html",
        "-o",
        "r.html",
        "--overwrite",
        "msg.txt",
    ];
    let out = saq(&args, &d);
    assert_eq!(out.status.code(), Some(1));
    assert_ne!(
        std::fs::read_to_string(d.join("r.html")).expect("new"),
        "mine"
    );

    // The input itself is never the output, even with --overwrite.
    let args = [
        "check",
        "--format",
        "html",
        "-o",
        "msg.txt",
        "--overwrite",
        "msg.txt",
    ];
    let out = saq(&args, &d);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&input).expect("input"), before);

    // No temporary files are left behind.
    let names = file_names(&d);
    assert_eq!(names, ["msg.txt", "r.html"]);
}

#[test]
fn cli_report_to_a_file_is_what_stdout_shows_for_every_format() {
    // A chat of a few thousand messages, many flagged: the report written to FILE as it is
    // made (through a temporary file) is byte for byte the one on standard output.
    let d = scratch("every-format");
    let mut chat = String::new();
    for i in 0..3000 {
        let text = if i % 3 == 0 {
            "Здравствуйте, служба безопасности банка. Продиктуйте код из СМС."
        } else {
            "Ертең таңертең 8-де шығамыз."
        };
        chat.push_str(&format!("01.02.2025, 10:{:02} - Ержан: {text}\n", i % 60));
    }
    std::fs::write(d.join("chat.txt"), chat).expect("input");
    for format in ["json", "text", "html", "summary", "evidence"] {
        let shown = saq(
            &["check", "--lang", "kk", "--format", format, "chat.txt"],
            &d,
        );
        let name = format!("r.{format}");
        let saved = saq(
            &[
                "check", "--lang", "kk", "--format", format, "-o", &name, "chat.txt",
            ],
            &d,
        );
        assert_eq!(saved.status.code(), shown.status.code(), "{format}");
        assert!(saved.stdout.is_empty(), "{format}");
        let file = std::fs::read(d.join(&name)).expect("report written");
        let (file, shown) = (
            String::from_utf8_lossy(&file),
            String::from_utf8_lossy(&shown.stdout),
        );
        // The HTML and evidence pages say when they were made, to the second.
        let strip = |s: &str| -> String {
            s.lines()
                .filter(|l| !l.contains("2026-") && !l.contains("2027-"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert!(file.len() > 500, "{format}: {} bytes", file.len());
        assert!(
            strip(&file).len() * 10 > file.len() * 9,
            "{format}: the time is one line"
        );
        assert_eq!(strip(&file), strip(&shown), "{format}");
    }
    let names = file_names(&d);
    assert_eq!(
        names,
        [
            "chat.txt",
            "r.evidence",
            "r.html",
            "r.json",
            "r.summary",
            "r.text"
        ]
    );
}

#[test]
fn cli_html_on_stdout_and_summary_and_evidence_formats() {
    let d = scratch("formats");
    std::fs::write(d.join("msg.txt"), HOSTILE).expect("input");
    let out = saq(
        &["check", "--lang", "ru", "--format", "html", "msg.txt"],
        &d,
    );
    assert_eq!(out.status.code(), Some(1));
    let page = String::from_utf8(out.stdout).expect("utf-8");
    assert_inert(&page);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("lang=\"ru\""));

    let out = saq(
        &["check", "--lang", "kk", "--format", "summary", "msg.txt"],
        &d,
    );
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        !s.contains("4301 2345") && !s.contains("850101300123"),
        "{s}"
    );

    let out = saq(
        &["check", "--lang", "en", "--format", "evidence", "msg.txt"],
        &d,
    );
    assert_eq!(out.status.code(), Some(1));
    let page = String::from_utf8(out.stdout).expect("utf-8");
    assert_inert(&page);
    assert!(page.contains("4400 4301 2345 6789"));
}
