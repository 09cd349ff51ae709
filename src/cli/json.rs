//! `--format json`: one `saq.report/1` object per input, one per line (schema in README).

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::conversation::ConversationStream;
use crate::i18n::Localizer;
use crate::input::Source;
use crate::report::{MessageReport, Verdict};
use crate::rules::RuleSet;

/// The schema name and version written in every object.
pub const SCHEMA: &str = "saq.report/1";

#[derive(Serialize)]
struct JsonSource<'a> {
    path: &'a str,
    format: &'a str,
    encoding: &'a str,
    system_lines: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    container: Option<crate::conversation::Container>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [crate::conversation::ReadNote],
    /// A picture's size in pixels (the boxes' frame).
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<JsonImage>,
}

#[derive(Serialize)]
struct JsonImage {
    width: u32,
    height: u32,
}

#[derive(Serialize)]
struct JsonMessage<'a> {
    index: usize,
    sender: Option<&'a str>,
    timestamp: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<crate::conversation::MediaKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chat: Option<&'a str>,
    text: &'a str,
    verdict: &'static str,
    score: i32,
    flags: Vec<JsonFlag<'a>>,
}

#[derive(Serialize)]
struct JsonFlag<'a> {
    rule: &'a str,
    category: &'static str,
    start: usize,
    end: usize,
    excerpt: &'a str,
    explanation: String,
    advice: Vec<&'static str>,
    /// A picture's flag: the boxes `[x, y, w, h]` (image pixels) of the words it covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    boxes: Option<Vec<[u32; 4]>>,
    /// A picture's flag over a word read with low confidence.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    low_confidence: bool,
}

#[derive(Serialize)]
struct JsonError<'a> {
    schema: &'static str,
    source: JsonErrorSource<'a>,
    error: &'a str,
}

#[derive(Serialize)]
struct JsonErrorSource<'a> {
    path: &'a str,
}

/// Write one input's report as one line of JSON. Its messages are checked as a stream
/// ([`crate::engine::check_streaming`]) and written as they come, so the verdict — known only
/// at the end — is the object's last member. Returns the verdict.
pub fn write(
    out: &mut impl Write,
    source: &Source,
    conv: ConversationStream,
    rules: &RuleSet,
    opts: crate::engine::Options,
    tr: &Localizer,
) -> std::io::Result<Verdict> {
    let head = JsonSource {
        path: super::source_path(source),
        format: &source.format,
        encoding: &source.encoding,
        system_lines: conv.head.system_lines,
        container: source.container,
        notes: &source.notes,
        image: source.picture.as_ref().map(|p| JsonImage {
            width: p.width,
            height: p.height,
        }),
    };
    let picture = source.picture.as_deref();
    write!(out, "{{\"schema\":")?;
    serde_json::to_writer(&mut *out, SCHEMA)?;
    write!(out, ",\"source\":")?;
    serde_json::to_writer(&mut *out, &head)?;
    write!(out, ",\"messages\":[")?;
    let mut first = true;
    let verdict = crate::engine::check_streaming(rules, conv, opts, |m| {
        if !std::mem::take(&mut first) {
            out.write_all(b",")?;
        }
        write_message(out, &m, picture, tr)
    })?;
    writeln!(out, "],\"verdict\":\"{}\"}}", verdict.as_str())?;
    Ok(verdict)
}

fn write_message(
    out: &mut impl Write,
    m: &MessageReport,
    picture: Option<&crate::input::picture::Picture>,
    tr: &Localizer,
) -> std::io::Result<()> {
    let msg = JsonMessage {
        index: m.index,
        sender: m.sender.as_deref(),
        timestamp: m.timestamp.as_deref(),
        media: m.media,
        chat: m.chat.as_deref(),
        text: &m.text,
        verdict: m.verdict.as_str(),
        score: m.score,
        flags: m
            .flags
            .iter()
            .map(|f| JsonFlag {
                rule: &f.rule,
                category: f.category.as_str(),
                start: f.span.start,
                end: f.span.end,
                excerpt: &f.excerpt,
                explanation: f.explanation(tr),
                advice: f.advice.iter().map(|s| s.as_str()).collect(),
                boxes: picture.map(|p| {
                    p.boxes(m.index, &f.span)
                        .iter()
                        .map(|r| [r.x, r.y, r.w, r.h])
                        .collect()
                }),
                low_confidence: picture.is_some_and(|p| p.low_confidence(m.index, &f.span)),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &msg)?;
    Ok(())
}

/// Write the line that stands for an input that could not be read, so line N of the
/// output is still input N.
pub fn write_error(out: &mut impl Write, path: &Path, message: &str) -> std::io::Result<()> {
    let shown = path.to_string_lossy();
    let obj = JsonError {
        schema: SCHEMA,
        source: JsonErrorSource { path: &shown },
        error: message,
    };
    serde_json::to_writer(&mut *out, &obj)?;
    writeln!(out)
}
