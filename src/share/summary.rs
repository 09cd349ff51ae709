//! "Copy summary": a few plain-text lines to paste into a messenger and warn the family.
//! Card numbers and IINs are masked and links defanged, so pasting it shares neither a
//! number nor a clickable link.

use std::borrow::Borrow;

use crate::i18n::{Arg, Localizer};
use crate::links;
use crate::report::{MessageReport, Report, Step, Verdict};

/// At most this many red-flag lines; the rest are counted.
const MAX_SIGNS: usize = 6;
/// An excerpt longer than this many characters is cut.
const EXCERPT_CHARS: usize = 80;

/// The summary of a report, in the reader's language.
pub fn text(report: &Report, tr: &Localizer) -> String {
    text_of(report.verdict, &report.messages, tr)
}

/// The summary of a conversation whose reports stream by (owned) or are in memory
/// (borrowed); only the flagged ones are kept.
pub fn text_of<M: Borrow<MessageReport>>(
    verdict: Verdict,
    messages: impl IntoIterator<Item = M>,
    tr: &Localizer,
) -> String {
    let mut count = 0usize;
    let flagged: Vec<M> = messages
        .into_iter()
        .inspect(|_| count += 1)
        .filter(|m| m.borrow().verdict != Verdict::NoSigns)
        .collect();
    let flagged: Vec<&MessageReport> = flagged.iter().map(Borrow::borrow).collect();
    let mut lines = vec![format!("Saq — {}", tr.tr(verdict.fluent_id()))];
    let many = count > 1;
    if many {
        let args = [
            ("messages", Arg::from(count)),
            ("flagged", Arg::from(flagged.len())),
        ];
        lines.push(tr.tr_args("cli-chat-summary", &args));
    }
    if verdict == Verdict::NoSigns || flagged.is_empty() {
        lines.push(tr.tr("verdict-no-signs-caution"));
    } else {
        lines.push(String::new());
        lines.push(format!("{}:", tr.tr("cli-flags-header")));
        let mut shown = 0usize;
        let mut total = 0usize;
        let mut seen: Vec<(Option<&str>, crate::report::Category)> = Vec::new();
        for &m in &flagged {
            for f in &m.flags {
                // One line per category and sender is enough to warn someone.
                let key = (m.sender.as_deref(), f.category);
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                total += 1;
                if shown == MAX_SIGNS {
                    continue;
                }
                shown += 1;
                let who = match (&m.sender, many) {
                    (Some(s), true) => format!("{}: ", safe(s)),
                    _ => String::new(),
                };
                lines.push(format!(
                    "• {who}{} — «{}»",
                    tr.tr(&f.category.fluent_id()),
                    safe(&cut(f.excerpt.trim(), EXCERPT_CHARS))
                ));
            }
        }
        if total > shown {
            lines.push(tr.tr_args("summary-more", &[("count", Arg::from(total - shown))]));
        }
        lines.push(String::new());
        lines.push(format!("{}:", tr.tr("cli-steps-header")));
        let mut steps: Vec<Step> = flagged.iter().flat_map(|m| m.advice()).collect();
        steps.sort();
        steps.dedup();
        for s in steps {
            lines.push(format!("• {}", tr.tr(&s.fluent_id())));
        }
    }
    lines.push(String::new());
    lines.push(tr.tr("summary-footer"));
    lines.join("\n")
}

/// Masked and defanged, with line breaks folded into spaces.
fn safe(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    links::defang_text(&links::mask_sensitive(&one_line))
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}
