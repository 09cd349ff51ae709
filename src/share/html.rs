//! The HTML report (`saq check --format html`, the window's "Save report…"): one
//! self-contained page with the highlighted message or chat, the verdict, each flag's
//! explanation and the advisory steps, in the reader's language.
//!
//! A chat shows its flagged messages with one neighbour on each side, as the text output
//! does; messages stream in, so a 100 MB chat's report is built without holding every
//! message report.

use std::fmt::Write as _;

use super::Origin;
use super::page::{self, esc};
use crate::conversation::ReadNote;
use crate::i18n::{Arg, Localizer};
use crate::report::{MessageReport, Verdict, for_each_shown};

/// One input's part of a report.
pub struct Input<'a, I> {
    /// The file's name, or `None` for a pasted message.
    pub path: Option<&'a str>,
    /// What the reader skipped or had to guess.
    pub notes: &'a [ReadNote],
    /// The worst verdict among the messages.
    pub verdict: Verdict,
    /// How many messages (more than one: a chat).
    pub len: usize,
    /// The message reports, in order.
    pub messages: I,
    /// The picture the text was read from, shown with the flags' boxes on it.
    pub picture: Option<&'a crate::input::picture::Picture>,
}

/// A report page being written: [`Document::add`] each input, then [`Document::finish`].
pub struct Document<'t> {
    out: String,
    tr: &'t Localizer,
    made: String,
}

impl<'t> Document<'t> {
    /// Start a report page.
    pub fn new(tr: &'t Localizer, origin_made: &str) -> Document<'t> {
        let mut out = String::with_capacity(16 * 1024);
        let title = tr.tr("report-title");
        page::open(&mut out, tr, &title);
        let _ = writeln!(out, "<header><h1>{}</h1></header>", esc(&title));
        Document {
            out,
            tr,
            made: origin_made.to_string(),
        }
    }

    /// Add one input's section.
    pub fn add<M, I>(&mut self, input: Input<'_, I>)
    where
        M: std::borrow::Borrow<MessageReport>,
        I: IntoIterator<Item = M>,
    {
        let (tr, out) = (self.tr, &mut self.out);
        out.push_str("<section class=\"input\">\n");
        let name = input
            .path
            .map_or_else(|| tr.tr("report-pasted"), str::to_string);
        let _ = writeln!(out, "<h2>{}</h2>", esc(&name));
        for note in input.notes {
            let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(&note.describe(tr)));
        }
        page::verdict_banner(out, input.verdict, tr);
        let many = input.len > 1;
        let picture = input.picture;
        let messages: Box<dyn Iterator<Item = M>> = match picture {
            // A picture has a few messages: all of them are needed for its boxes first.
            Some(p) => {
                let all: Vec<M> = input.messages.into_iter().collect();
                super::picture::figure(out, p, all.iter().map(|m| m.borrow()), tr);
                let _ = writeln!(out, "<h3>{}</h3>", esc(&tr.tr("picture-recognised-text")));
                Box::new(all.into_iter())
            }
            None => Box::new(input.messages.into_iter()),
        };
        let totals = for_each_shown(messages, !many, |m, gap| {
            if gap {
                out.push_str("<p class=\"gap\">…</p>\n");
            }
            message(out, m, many, tr, picture);
            Ok::<(), std::convert::Infallible>(())
        });
        let totals = match totals {
            Ok(t) => t,
            Err(never) => match never {},
        };
        if many {
            let args = [
                ("messages", Arg::from(totals.total)),
                ("flagged", Arg::from(totals.flagged)),
            ];
            let _ = writeln!(
                out,
                "<p class=\"meta\">{}</p>",
                esc(&tr.tr_args("cli-chat-summary", &args))
            );
        }
        if input.verdict != Verdict::NoSigns && !totals.steps.is_empty() {
            let _ = writeln!(
                out,
                "<h3>{}</h3>\n<ol class=\"steps\">",
                esc(&tr.tr("cli-steps-header"))
            );
            for s in &totals.steps {
                let _ = writeln!(out, "<li>{}</li>", esc(&tr.tr(&s.fluent_id())));
            }
            out.push_str("</ol>\n");
        }
        let _ = writeln!(
            out,
            "<p class=\"contacts\">{} · {}</p>\n</section>",
            esc(&tr.tr("contact-nbk")),
            esc(&tr.tr("contact-police"))
        );
    }

    /// Add the section of an input that could not be read: its name and why (one line,
    /// already localized), so the page never looks as if every input was checked.
    pub fn add_failed(&mut self, path: &str, reason: &str) {
        let tr = self.tr;
        let _ = writeln!(
            self.out,
            "<section class=\"input failed\">\n<h2>{}</h2>\n<p class=\"verdict v-failed\">{}<small>{}</small></p>\n</section>",
            esc(path),
            esc(&tr.tr("report-not-read")),
            esc(reason)
        );
    }

    /// The finished page.
    pub fn finish(mut self) -> String {
        let tr = self.tr;
        let _ = writeln!(
            self.out,
            "<footer><p>{}</p><p>{}</p></footer>",
            esc(&tr.tr_args("report-made", &[("date", Arg::from(self.made.as_str()))])),
            esc(&tr.tr("report-disclaimer"))
        );
        page::close(&mut self.out);
        self.out
    }
}

/// One message: header (chats only), marked text, flags.
fn message(
    out: &mut String,
    m: &MessageReport,
    many: bool,
    tr: &Localizer,
    picture: Option<&crate::input::picture::Picture>,
) {
    let _ = writeln!(out, "<article class=\"msg m-{}\">", m.verdict.as_str());
    if many {
        let badge = if m.verdict == Verdict::NoSigns {
            String::new()
        } else {
            format!(" — {}", tr.tr(m.verdict.fluent_id()))
        };
        let _ = writeln!(
            out,
            "<p class=\"head\">{}{}</p>",
            esc(&m.header(tr)),
            esc(&badge)
        );
    }
    let _ = writeln!(out, "<p class=\"text\">{}</p>", page::marked_text(m));
    page::flag_list(out, m, tr);
    if let Some(p) = picture {
        super::picture::low_confidence_notes(out, p, m, tr);
    }
    out.push_str("</article>\n");
}

/// The report page of one checked report (the window's "Save report…").
pub fn report_page(
    report: &crate::report::Report,
    origin: &Origin,
    notes: &[ReadNote],
    tr: &Localizer,
) -> String {
    report_page_with_picture(report, origin, notes, None, tr)
}

/// The report page of a checked report, with the picture its text was read from (and the
/// flags' boxes on it), as `saq check --format html` shows a picture.
pub fn report_page_with_picture(
    report: &crate::report::Report,
    origin: &Origin,
    notes: &[ReadNote],
    picture: Option<&crate::input::picture::Picture>,
    tr: &Localizer,
) -> String {
    let mut doc = Document::new(tr, &origin.made);
    doc.add(Input {
        path: origin.path.as_deref(),
        notes,
        verdict: report.verdict,
        len: report.messages.len(),
        messages: report.messages.iter(),
        picture,
    });
    doc.finish()
}
