//! `--format text`: the message with red flags marked (colour on a terminal), each flag
//! explained, then the advisory steps that apply. Links are printed defanged.

use std::io::{IsTerminal, Write};
use std::ops::Range;

use crate::conversation::ConversationStream;
use crate::i18n::{Arg, Localizer};
use crate::input::Source;
use crate::links;
use crate::report::{MessageReport, ShownWalk, Verdict};
use crate::rules::RuleSet;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED_UNDERLINE: &str = "\x1b[1;4;31m";
const YELLOW_UNDERLINE: &str = "\x1b[4;33m";

/// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
pub fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("{code}{s}{RESET}")
        } else {
            s.to_string()
        }
    }
}

/// Write the human-readable report of one input and return its verdict. Its messages are
/// checked as a stream ([`crate::engine::check_streaming`]) and a chat's are written as
/// they come, so its verdict — known only at the end — follows the messages; a single
/// message is held, and its verdict leads.
pub fn write(
    out: &mut impl Write,
    source: &Source,
    conv: ConversationStream,
    rules: &RuleSet,
    opts: crate::engine::Options,
    tr: &Localizer,
    color: bool,
) -> std::io::Result<Verdict> {
    let st = Style { color };
    let name = if source.path == "-" {
        tr.tr("cli-stdin")
    } else {
        source.path.clone()
    };
    let picture = source.picture.as_deref();
    let many = conv.len() > 1;
    let head = |out: &mut dyn Write, verdict: Option<Verdict>| -> std::io::Result<()> {
        writeln!(out, "{}", st.paint(BOLD, &format!("── {name}")))?;
        if let Some(v) = verdict {
            writeln!(out, "{}", verdict_line(v, tr, &st))?;
        }
        for note in &source.notes {
            writeln!(out, "{}", st.paint(DIM, &note.describe(tr)))?;
        }
        Ok(())
    };
    let mut walk = ShownWalk::new(!many);
    let mut held = Vec::new();
    if many {
        head(out, None)?;
    }
    let verdict = crate::engine::check_streaming(rules, conv, opts, |m| {
        if many {
            walk.push(m, |m, gap| {
                write_message(out, m, many, gap, tr, &st, picture)
            })
        } else {
            held.push(m);
            Ok(())
        }
    })?;
    if !many {
        head(out, Some(verdict))?;
        for m in held {
            walk.push(m, |m, gap| {
                write_message(out, m, many, gap, tr, &st, picture)
            })?;
        }
    }
    let totals = walk.finish();
    if many {
        writeln!(out)?;
        let args = [
            ("messages", Arg::from(totals.total)),
            ("flagged", Arg::from(totals.flagged)),
        ];
        writeln!(out, "{}", tr.tr_args("cli-chat-summary", &args))?;
        writeln!(out, "{}", verdict_line(verdict, tr, &st))?;
    }
    if verdict != Verdict::NoSigns {
        writeln!(out)?;
        writeln!(out, "{}", st.paint(BOLD, &tr.tr("cli-steps-header")))?;
        for s in totals.steps {
            writeln!(out, "  • {}", tr.tr(&s.fluent_id()))?;
        }
    }
    writeln!(
        out,
        "  {} · {}",
        tr.tr("contact-nbk"),
        tr.tr("contact-police")
    )?;
    writeln!(out, "{}", st.paint(DIM, &tr.tr("cli-offline-note")))?;
    writeln!(out)?;
    Ok(verdict)
}

/// One message: a header with sender and time (chats only), the marked text, its flags.
fn write_message(
    out: &mut (impl Write + ?Sized),
    m: &MessageReport,
    many: bool,
    gap: bool,
    tr: &Localizer,
    st: &Style,
    picture: Option<&crate::input::picture::Picture>,
) -> std::io::Result<()> {
    writeln!(out)?;
    if many {
        if gap {
            writeln!(out, "   …")?;
            writeln!(out)?;
        }
        // A sender's name may carry bidi controls too.
        let header = links::strip_bidi(&m.header(tr)).into_owned();
        let badge = if m.verdict == Verdict::NoSigns {
            String::new()
        } else {
            format!(" — {}", tr.tr(m.verdict.fluent_id()))
        };
        let style = if m.flags.is_empty() { DIM } else { BOLD };
        writeln!(out, "{}", st.paint(style, &format!("{header}{badge}")))?;
    }
    writeln!(out, "{}", marked_text(m, st))?;
    write_flags(out, m, tr, st, picture)?;
    Ok(())
}

fn verdict_line(v: Verdict, tr: &Localizer, st: &Style) -> String {
    let (code, hint) = match v {
        Verdict::Danger => ("\x1b[1;37;41m", "verdict-danger-hint"),
        Verdict::Suspicious => ("\x1b[1;30;43m", "verdict-suspicious-hint"),
        Verdict::NoSigns => ("\x1b[1;30;47m", "verdict-no-signs-caution"),
    };
    format!(
        "{}  {}",
        st.paint(code, &format!(" {} ", tr.tr(v.fluent_id()))),
        tr.tr(hint)
    )
}

fn write_flags(
    out: &mut (impl Write + ?Sized),
    m: &MessageReport,
    tr: &Localizer,
    st: &Style,
    picture: Option<&crate::input::picture::Picture>,
) -> std::io::Result<()> {
    if m.flags.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let count = tr.tr_args("cli-summary-flags", &[("count", Arg::from(m.flags.len()))]);
    writeln!(
        out,
        "{}",
        st.paint(BOLD, &format!("{} ({count})", tr.tr("cli-flags-header")))
    )?;
    for (n, f) in m.flags.iter().enumerate() {
        let excerpt = links::defang_text(f.excerpt(&m.text));
        writeln!(
            out,
            "  {}. {} — «{}»",
            n + 1,
            st.paint(BOLD, &tr.tr(&f.category.fluent_id())),
            excerpt.trim()
        )?;
        writeln!(out, "     {}", f.explanation(tr))?;
        if picture.is_some_and(|p| p.low_confidence(m.index, &f.span)) {
            writeln!(out, "     {}", st.paint(DIM, &tr.tr("flag-low-confidence")))?;
        }
    }
    Ok(())
}

/// The message text with flagged spans marked: coloured and underlined on a terminal,
/// `[…]` with flag numbers otherwise. Links inside are defanged.
fn marked_text(m: &MessageReport, st: &Style) -> String {
    // Without bidi controls (they would reorder the terminal's text and cut links short);
    // the flags' spans move with the text.
    let mut moved: Vec<Range<usize>> = m.flags.iter().map(|f| f.span.clone()).collect();
    let text = links::strip_bidi_spans(&m.text, &mut moved);
    let text = &*text;
    let mut regions: Vec<(Range<usize>, Vec<usize>, u8)> = Vec::new();
    let mut spans: Vec<(usize, Range<usize>, u8)> = moved
        .into_iter()
        .zip(&m.flags)
        .enumerate()
        .map(|(n, (span, f))| (n, span, f.weight))
        .collect();
    // A mark that touches a link covers the whole link, so the link is defanged in one
    // piece (`hxxps://[kaspi](3).kz.evil.top` would leave its rest live).
    let link_spans: Vec<Range<usize>> = links::find_links(text)
        .into_iter()
        .map(|l| l.span)
        .collect();
    for (_, span, _) in &mut spans {
        let first = link_spans.partition_point(|l| l.end <= span.start);
        let end = span.end.max(span.start + 1);
        let touched = link_spans[first..].iter().take_while(|l| l.start < end);
        let (start, end) = touched.fold((span.start, span.end), |(a, b), l| {
            (a.min(l.start), b.max(l.end))
        });
        *span = start..end;
    }
    spans.sort_by_key(|(_, span, _)| (span.start, span.end));
    for (n, span, weight) in spans {
        if span.is_empty() || text.get(span.clone()).is_none() {
            continue;
        }
        match regions.last_mut() {
            Some((r, ids, w)) if span.start < r.end => {
                r.end = r.end.max(span.end);
                ids.push(n + 1);
                *w = (*w).max(weight);
            }
            _ => regions.push((span, vec![n + 1], weight)),
        }
    }
    let mut out = String::with_capacity(text.len() + 16 * regions.len());
    let mut at = 0;
    for (r, mut ids, w) in regions {
        out.push_str(&links::defang_text(&text[at..r.start]));
        ids.sort_unstable();
        let inner = links::defang_text(&text[r.clone()]);
        if st.color {
            let code = if w >= 3 {
                RED_UNDERLINE
            } else {
                YELLOW_UNDERLINE
            };
            out.push_str(&format!("{code}{inner}{RESET}"));
        } else {
            let nums: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
            out.push_str(&format!("[{inner}]({})", nums.join(",")));
        }
        at = r.end;
    }
    out.push_str(&links::defang_text(&text[at..]));
    out
}
