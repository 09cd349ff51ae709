//! `--format json`: one `saq.report/1` object per input, one per line (schema in README).

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::i18n::{Arg, Localizer};
use crate::input::Source;
use crate::report::{Flag, Report};

/// The schema name and version written in every object.
pub const SCHEMA: &str = "saq.report/1";

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    source: JsonSource<'a>,
    verdict: &'static str,
    messages: Vec<JsonMessage<'a>>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    path: &'a str,
    format: &'a str,
    encoding: &'a str,
    system_lines: usize,
}

#[derive(Serialize)]
struct JsonMessage<'a> {
    index: usize,
    sender: Option<&'a str>,
    timestamp: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<crate::conversation::MediaKind>,
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

/// The localized explanation of a flag.
pub fn explanation(flag: &Flag, tr: &Localizer) -> String {
    let args: Vec<(&str, Arg)> = flag
        .args
        .iter()
        .map(|(k, v)| (k.as_str(), Arg::from(v)))
        .collect();
    tr.tr_args(&flag.explain, &args)
}

/// Write one report as one line of JSON.
pub fn write(
    out: &mut impl Write,
    source: &Source,
    report: &Report,
    tr: &Localizer,
) -> std::io::Result<()> {
    let messages = report
        .messages
        .iter()
        .map(|m| JsonMessage {
            index: m.index,
            sender: m.sender.as_deref(),
            timestamp: m.timestamp.as_deref(),
            media: m.media,
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
                    explanation: explanation(f, tr),
                    advice: f.advice.iter().map(|s| s.as_str()).collect(),
                })
                .collect(),
        })
        .collect();
    let obj = JsonReport {
        schema: SCHEMA,
        source: JsonSource {
            path: super::source_path(source),
            format: &source.format,
            encoding: &source.encoding,
            system_lines: report.system_lines,
        },
        verdict: report.verdict.as_str(),
        messages,
    };
    serde_json::to_writer(&mut *out, &obj)?;
    writeln!(out)
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
