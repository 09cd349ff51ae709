//! "Copy summary": a few plain-text lines to paste into a messenger and warn the family.
//! Card numbers and IINs are masked and links defanged, so pasting it shares neither a
//! number nor a clickable link.

use std::borrow::Borrow;

use crate::i18n::{Arg, Localizer};
use crate::links;
use crate::report::{Category, MessageReport, Report, Step, Verdict};

/// At most this many red-flag lines; the rest are counted.
const MAX_SIGNS: usize = 6;
/// An excerpt longer than this many characters is cut.
const EXCERPT_CHARS: usize = 80;

/// The summary of a report, in the reader's language.
pub fn text(report: &Report, tr: &Localizer) -> String {
    text_of(report.verdict, &report.messages, tr)
}

/// The summary of a conversation whose reports stream by (owned) or are in memory
/// (borrowed).
pub fn text_of<M: Borrow<MessageReport>>(
    verdict: Verdict,
    messages: impl IntoIterator<Item = M>,
    tr: &Localizer,
) -> String {
    let mut summary = Summary::default();
    for m in messages {
        summary.add(m.borrow());
    }
    summary.text(verdict, tr)
}

/// What the summary says, gathered as reports go by: counts, the first red-flag lines and
/// the steps. What is kept does not grow with the messages (only with the senders).
#[derive(Debug, Default)]
pub struct Summary {
    count: usize,
    flagged: usize,
    /// Every (sender, category) seen, to give each one line.
    seen: Vec<(Option<std::sync::Arc<str>>, Category)>,
    /// The first [`MAX_SIGNS`] of them: sender, category, the excerpt made safe.
    signs: Vec<(Option<std::sync::Arc<str>>, Category, String)>,
    steps: Vec<Step>,
}

impl Summary {
    /// Take the next report.
    pub fn add(&mut self, m: &MessageReport) {
        self.count += 1;
        if m.verdict == Verdict::NoSigns {
            return;
        }
        self.flagged += 1;
        for f in &m.flags {
            // One line per category and sender is enough to warn someone.
            let key = (m.sender.clone(), f.category);
            if self.seen.contains(&key) {
                continue;
            }
            if self.signs.len() < MAX_SIGNS {
                let excerpt = safe(&cut(f.excerpt(&m.text).trim(), EXCERPT_CHARS));
                self.signs.push((key.0.clone(), key.1, excerpt));
            }
            self.seen.push(key);
        }
        for s in m.advice() {
            if let Err(at) = self.steps.binary_search(&s) {
                self.steps.insert(at, s);
            }
        }
    }

    /// The summary's lines, for a conversation whose worst verdict is `verdict`.
    pub fn text(&self, verdict: Verdict, tr: &Localizer) -> String {
        let mut lines = vec![format!("Saq — {}", tr.tr(verdict.fluent_id()))];
        let many = self.count > 1;
        if many {
            let args = [
                ("messages", Arg::from(self.count)),
                ("flagged", Arg::from(self.flagged)),
            ];
            lines.push(tr.tr_args("cli-chat-summary", &args));
        }
        if verdict == Verdict::NoSigns || self.flagged == 0 {
            lines.push(tr.tr("verdict-no-signs-caution"));
        } else {
            lines.push(String::new());
            lines.push(format!("{}:", tr.tr("cli-flags-header")));
            for (sender, category, excerpt) in &self.signs {
                let who = match (sender, many) {
                    (Some(s), true) => format!("{}: ", safe(s)),
                    _ => String::new(),
                };
                lines.push(format!(
                    "• {who}{} — «{excerpt}»",
                    tr.tr(&category.fluent_id())
                ));
            }
            if self.seen.len() > self.signs.len() {
                let more = self.seen.len() - self.signs.len();
                lines.push(tr.tr_args("summary-more", &[("count", Arg::from(more))]));
            }
            lines.push(String::new());
            lines.push(format!("{}:", tr.tr("cli-steps-header")));
            for s in &self.steps {
                lines.push(format!("• {}", tr.tr(&s.fluent_id())));
            }
        }
        lines.push(String::new());
        lines.push(tr.tr("summary-footer"));
        lines.join("\n")
    }
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
