//! The evidence sheet for the police (102) or the bank: from an opened chat, the flagged
//! messages with their dates and senders, and what they name — phone numbers, card and
//! account numbers, links (defanged) and the sums asked for — on one printable page.
//! Numbers are shown in full here: they are what the police and the bank need.

use std::borrow::Borrow;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::Origin;
use super::amounts;
use super::page::{self, esc};
use super::spool::Spool;
use crate::i18n::{Arg, Localizer};
use crate::links::{self, NumberKind};
use crate::report::{Category, MessageReport, Verdict};

/// What the sheet collects from the flagged messages, each list in first-seen order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// Messages in the input.
    pub total: usize,
    /// The flagged messages.
    pub flagged: Vec<MessageReport>,
    /// First and last timestamps of the whole input, as written.
    pub period: Option<(String, String)>,
    /// Senders of flagged messages.
    pub senders: Vec<String>,
    /// Phone numbers in flagged messages (digits).
    pub phones: Vec<String>,
    /// Card numbers and IBANs in flagged messages (as written).
    pub accounts: Vec<String>,
    /// Links in flagged messages, defanged.
    pub links: Vec<String>,
    /// Sums of money in flagged messages, as written.
    pub amounts: Vec<String>,
}

fn push_new(list: &mut Vec<String>, item: String) {
    if !item.is_empty() && !list.contains(&item) {
        list.push(item);
    }
}

impl Evidence {
    /// Collect from a conversation's reports (owned as they stream by, or borrowed from a
    /// report in memory); only flagged ones are kept.
    pub fn collect<M: Borrow<MessageReport>>(messages: impl IntoIterator<Item = M>) -> Evidence {
        let mut ev = Evidence::default();
        ev.add(messages);
        ev
    }

    /// Add another input's reports (several files make one sheet).
    pub fn add<M: Borrow<MessageReport>>(&mut self, messages: impl IntoIterator<Item = M>) {
        for item in messages {
            let m = item.borrow();
            if self.gather(m) {
                self.flagged.push(m.clone());
            }
        }
    }

    /// Gather what the sheet lists from one report, but the report itself; true when it is
    /// flagged (a row of the table).
    fn gather(&mut self, m: &MessageReport) -> bool {
        let ev = self;
        ev.total += 1;
        if let Some(t) = m.timestamp.as_deref() {
            match &mut ev.period {
                None => ev.period = Some((t.to_string(), t.to_string())),
                Some((_, last)) => *last = t.to_string(),
            }
        }
        if m.verdict == Verdict::NoSigns {
            return false;
        }
        if let Some(s) = &m.sender {
            push_new(&mut ev.senders, s.to_string());
        }
        for n in links::find_numbers(&m.text) {
            match n.kind {
                NumberKind::Phone => push_new(&mut ev.phones, n.digits),
                NumberKind::Card | NumberKind::Iban => {
                    push_new(&mut ev.accounts, m.text[n.span].trim().to_string());
                }
                NumberKind::OfficialPhone(_) => {}
            }
        }
        // Found on the text without bidi controls, so a link is listed whole.
        for l in links::find_links(&links::strip_bidi(&m.text)) {
            push_new(&mut ev.links, l.defanged);
        }
        for r in amounts::find(&m.text) {
            push_new(&mut ev.amounts, m.text[r].to_string());
        }
        true
    }
}

/// The evidence sheet written as reports stream by (`saq check --format evidence`): the
/// numbers, links and sums are gathered, and each flagged message's table row waits in a
/// [`Spool`] (a temporary file once they are many) until the counts above the table are
/// known, so the flagged messages are not held.
pub struct Sheet<'t> {
    /// What is listed; its `flagged` stays empty (the rows are in `rows`).
    facts: Evidence,
    flagged: usize,
    rows: Spool,
    row: String,
    tr: &'t Localizer,
}

impl<'t> Sheet<'t> {
    /// An empty sheet.
    pub fn new(tr: &'t Localizer) -> Sheet<'t> {
        Sheet {
            facts: Evidence::default(),
            flagged: 0,
            rows: Spool::new(),
            row: String::new(),
            tr,
        }
    }

    /// Take the next report (several inputs make one sheet).
    pub fn add(&mut self, m: &MessageReport) -> io::Result<()> {
        if !self.facts.gather(m) {
            return Ok(());
        }
        self.flagged += 1;
        self.row.clear();
        row(&mut self.row, m, self.tr);
        self.rows.write_all(self.row.as_bytes())
    }

    /// Write the page.
    pub fn finish(mut self, out: &mut (impl Write + ?Sized), origin: &Origin) -> io::Result<()> {
        out.write_all(top(&self.facts, self.flagged, origin, self.tr).as_bytes())?;
        self.rows.copy_to(out)?;
        out.write_all(bottom(&self.facts, self.flagged, self.tr).as_bytes())
    }
}

/// The evidence sheet page.
pub fn page(ev: &Evidence, origin: &Origin, tr: &Localizer) -> String {
    let mut out = top(ev, ev.flagged.len(), origin, tr);
    for m in &ev.flagged {
        row(&mut out, m, tr);
    }
    out.push_str(&bottom(ev, ev.flagged.len(), tr));
    out
}

/// The page down to the table's header row (`flagged` rows follow).
fn top(ev: &Evidence, flagged: usize, origin: &Origin, tr: &Localizer) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let title = tr.tr("evidence-title");
    page::open(&mut out, tr, &title);
    let _ = writeln!(out, "<header><h1>{}</h1>", esc(&title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">{}</p></header>",
        esc(&tr.tr_args(
            "evidence-intro",
            &[("date", Arg::from(origin.made.as_str()))]
        ))
    );
    let name = origin
        .path
        .clone()
        .unwrap_or_else(|| tr.tr("report-pasted"));
    let _ = writeln!(
        out,
        "<p>{}</p>",
        esc(&tr.tr_args("evidence-file", &[("path", Arg::from(name))]))
    );
    if let Some((first, last)) = &ev.period {
        let args = [
            ("first", Arg::from(first.as_str())),
            ("last", Arg::from(last.as_str())),
        ];
        let _ = writeln!(out, "<p>{}</p>", esc(&tr.tr_args("evidence-period", &args)));
    }
    let args = [
        ("messages", Arg::from(ev.total)),
        ("flagged", Arg::from(flagged)),
    ];
    let _ = writeln!(
        out,
        "<p>{}</p>",
        esc(&tr.tr_args("cli-chat-summary", &args))
    );

    let _ = writeln!(out, "<h2>{}</h2>", esc(&tr.tr("evidence-messages")));
    if flagged == 0 {
        let _ = writeln!(out, "<p>{}</p>", esc(&tr.tr("evidence-none")));
    } else {
        let _ = writeln!(
            out,
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            esc(&tr.tr("evidence-col-time")),
            esc(&tr.tr("evidence-col-sender")),
            esc(&tr.tr("evidence-col-text")),
            esc(&tr.tr("evidence-col-signs"))
        );
    }
    out
}

/// A flagged message's row: time, sender, the marked text, its kinds of red flags.
fn row(out: &mut String, m: &MessageReport, tr: &Localizer) {
    let mut cats: Vec<Category> = Vec::new();
    for f in &m.flags {
        if !cats.contains(&f.category) {
            cats.push(f.category);
        }
    }
    let signs: Vec<String> = cats.iter().map(|c| esc(&tr.tr(&c.fluent_id()))).collect();
    let _ = writeln!(
        out,
        "<tr><td>{}</td><td>{}</td><td class=\"text\">{}</td><td>{}</td></tr>",
        esc(m.timestamp.as_deref().unwrap_or("—")),
        esc(m.sender.as_deref().unwrap_or("—")),
        page::marked_text(m),
        signs.join("<br>")
    );
}

/// The page from the end of the table: the lists, the contacts.
fn bottom(ev: &Evidence, flagged: usize, tr: &Localizer) -> String {
    let mut out = String::new();
    if flagged > 0 {
        out.push_str("</table>\n");
    }
    for (id, items) in [
        ("evidence-senders", &ev.senders),
        ("evidence-phones", &ev.phones),
        ("evidence-accounts", &ev.accounts),
        ("evidence-links", &ev.links),
        ("evidence-amounts", &ev.amounts),
    ] {
        let _ = writeln!(out, "<h2>{}</h2>", esc(&tr.tr(id)));
        if items.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", esc(&tr.tr("evidence-none")));
        } else {
            out.push_str("<ul>\n");
            for i in items {
                let _ = writeln!(out, "<li>{}</li>", esc(i));
            }
            out.push_str("</ul>\n");
        }
    }
    let _ = writeln!(
        out,
        "<p class=\"contacts\">{} · {}</p>\n<footer><p>{}</p></footer>",
        esc(&tr.tr("contact-police")),
        esc(&tr.tr("contact-nbk")),
        esc(&tr.tr("evidence-keep-file"))
    );
    page::close(&mut out);
    out
}
