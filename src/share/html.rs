//! The HTML report (`saq check --format html`, the window's "Save report…"): one
//! self-contained page with the highlighted message or chat, the verdict, each flag's
//! explanation and the advisory steps, in the reader's language.
//!
//! A chat shows its flagged messages with one neighbour on each side, as the text output
//! does; messages stream in and go out through a spool, so a 100 MB chat's report is
//! written without holding every message report or every rendered message.

use std::borrow::Borrow;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::Origin;
use super::page::{self, esc};
use super::spool::Spool;
use crate::conversation::ReadNote;
use crate::i18n::{Arg, Localizer};
use crate::report::{MessageReport, ShownWalk, Verdict};

/// A report page being written to a writer: [`Document::new`] writes its top, then each
/// input is [`Document::add`]ed (reports in memory) or streamed through a [`Section`]
/// ([`Document::section`]), and [`Document::finish`] writes its end.
///
/// An input's verdict banner comes before its messages but is known only after them, so a
/// section's messages wait in a [`Spool`] (a temporary file once they are many) and are
/// copied out after the banner: what is held does not grow with the flagged messages.
pub struct Document<'t> {
    tr: &'t Localizer,
    made: String,
    body: Spool,
}

/// One input's part of the page while its messages stream in: [`Section::push`] each
/// report in order, then [`Section::finish`] with the input's verdict.
pub struct Section<'d, 't, 'a, M> {
    doc: &'d mut Document<'t>,
    head: SectionHead<'a>,
    walk: ShownWalk<M>,
    /// A picture's messages: its figure, before them, needs them all (a picture has few).
    held: Vec<M>,
    piece: String,
}

/// What a section says before its messages, besides the verdict.
pub struct SectionHead<'a> {
    /// The file's name, or `None` for a pasted message.
    pub path: Option<&'a str>,
    /// What the reader skipped or had to guess.
    pub notes: &'a [ReadNote],
    /// How many messages (more than one: a chat).
    pub len: usize,
    /// The picture the text was read from, shown with the flags' boxes on it.
    pub picture: Option<&'a crate::input::picture::Picture>,
}

impl<'t> Document<'t> {
    /// Start a report page: its top goes to `out`.
    pub fn new(
        out: &mut (impl Write + ?Sized),
        tr: &'t Localizer,
        origin_made: &str,
    ) -> io::Result<Document<'t>> {
        let mut top = String::with_capacity(4 * 1024);
        let title = tr.tr("report-title");
        page::open(&mut top, tr, &title);
        let _ = writeln!(top, "<header><h1>{}</h1></header>", esc(&title));
        out.write_all(top.as_bytes())?;
        Ok(Document {
            tr,
            made: origin_made.to_string(),
            body: Spool::new(),
        })
    }

    /// Add one input's section, its reports in memory (or streaming by, owned) and its
    /// worst verdict known.
    pub fn add<M, I>(
        &mut self,
        out: &mut (impl Write + ?Sized),
        head: SectionHead<'_>,
        verdict: Verdict,
        messages: I,
    ) -> io::Result<()>
    where
        M: Borrow<MessageReport>,
        I: IntoIterator<Item = M>,
    {
        let mut section = self.section(head);
        for m in messages {
            section.push(m)?;
        }
        section.finish(out, verdict)
    }

    /// Start one input's section, for reports that stream by.
    pub fn section<'d, 'a, M: Borrow<MessageReport>>(
        &'d mut self,
        head: SectionHead<'a>,
    ) -> Section<'d, 't, 'a, M> {
        Section {
            doc: self,
            walk: ShownWalk::new(head.len <= 1),
            head,
            held: Vec::new(),
            piece: String::new(),
        }
    }

    /// Add the section of an input that could not be read: its name and why (one line,
    /// already localized), so the page never looks as if every input was checked.
    pub fn add_failed(
        &mut self,
        out: &mut (impl Write + ?Sized),
        path: &str,
        reason: &str,
    ) -> io::Result<()> {
        writeln!(
            out,
            "<section class=\"input failed\">\n<h2>{}</h2>\n<p class=\"verdict v-failed\">{}<small>{}</small></p>\n</section>",
            esc(path),
            esc(&self.tr.tr("report-not-read")),
            esc(reason)
        )
    }

    /// Write the end of the page.
    pub fn finish(self, out: &mut (impl Write + ?Sized)) -> io::Result<()> {
        let tr = self.tr;
        let mut end = String::new();
        let _ = writeln!(
            end,
            "<footer><p>{}</p><p>{}</p></footer>",
            esc(&tr.tr_args("report-made", &[("date", Arg::from(self.made.as_str()))])),
            esc(&tr.tr("report-disclaimer"))
        );
        page::close(&mut end);
        out.write_all(end.as_bytes())
    }
}

impl<M: Borrow<MessageReport>> Section<'_, '_, '_, M> {
    /// Take the next report (in message order).
    pub fn push(&mut self, m: M) -> io::Result<()> {
        if self.head.picture.is_some() {
            self.held.push(m);
            return Ok(());
        }
        self.show(m)
    }

    /// Pass a report through the walk; the shown ones are written to the spool.
    fn show(&mut self, m: M) -> io::Result<()> {
        let (many, picture) = (self.head.len > 1, self.head.picture);
        let (tr, body, piece) = (self.doc.tr, &mut self.doc.body, &mut self.piece);
        self.walk.push(m, |m, gap| {
            piece.clear();
            if gap {
                piece.push_str("<p class=\"gap\">…</p>\n");
            }
            message(piece, m, many, tr, picture);
            body.write_all(piece.as_bytes())
        })
    }

    /// Write the whole section to `out`: name, notes, the verdict banner (`verdict`, the
    /// worst of the messages), the messages, the totals and the steps.
    pub fn finish(mut self, out: &mut (impl Write + ?Sized), verdict: Verdict) -> io::Result<()> {
        let tr = self.doc.tr;
        let mut top = String::new();
        top.push_str("<section class=\"input\">\n");
        let name = self
            .head
            .path
            .map_or_else(|| tr.tr("report-pasted"), str::to_string);
        let _ = writeln!(top, "<h2>{}</h2>", esc(&name));
        for note in self.head.notes {
            let _ = writeln!(top, "<p class=\"meta\">{}</p>", esc(&note.describe(tr)));
        }
        page::verdict_banner(&mut top, verdict, tr);
        if let Some(p) = self.head.picture {
            super::picture::figure(&mut top, p, self.held.iter().map(|m| m.borrow()), tr);
            let _ = writeln!(top, "<h3>{}</h3>", esc(&tr.tr("picture-recognised-text")));
            for m in std::mem::take(&mut self.held) {
                self.show(m)?;
            }
        }
        out.write_all(top.as_bytes())?;
        self.doc.body.copy_to(out)?;
        let totals = self.walk.finish();
        let mut end = String::new();
        if self.head.len > 1 {
            let args = [
                ("messages", Arg::from(totals.total)),
                ("flagged", Arg::from(totals.flagged)),
            ];
            let _ = writeln!(
                end,
                "<p class=\"meta\">{}</p>",
                esc(&tr.tr_args("cli-chat-summary", &args))
            );
        }
        if verdict != Verdict::NoSigns && !totals.steps.is_empty() {
            let _ = writeln!(
                end,
                "<h3>{}</h3>\n<ol class=\"steps\">",
                esc(&tr.tr("cli-steps-header"))
            );
            for s in &totals.steps {
                let _ = writeln!(end, "<li>{}</li>", esc(&tr.tr(&s.fluent_id())));
            }
            end.push_str("</ol>\n");
        }
        let _ = writeln!(
            end,
            "<p class=\"contacts\">{} · {}</p>\n</section>",
            esc(&tr.tr("contact-nbk")),
            esc(&tr.tr("contact-police"))
        );
        out.write_all(end.as_bytes())
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
    let mut page = Vec::with_capacity(16 * 1024);
    // Writing to memory cannot fail, but for a spool's temporary file (a report bigger
    // than the window ever holds); then the page is what was written.
    let _ = Document::new(&mut page, tr, &origin.made).and_then(|mut doc| {
        let head = SectionHead {
            path: origin.path.as_deref(),
            notes,
            len: report.messages.len(),
            picture,
        };
        doc.add(&mut page, head, report.verdict, report.messages.iter())?;
        doc.finish(&mut page)
    });
    // Only whole `str`s were written.
    String::from_utf8(page).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
