//! A message as the window shows it: links defanged, flagged spans marked (background by
//! weight plus an underline). A pure function of (text, flags, selection, palette, size),
//! memoized so a frame that changes nothing does not rebuild the layout.
//!
//! Knows nothing about the engine: it reads the byte spans of [`Flag`]s only.

use std::ops::Range;
use std::sync::Arc;

use eframe::egui;
use egui::text::{LayoutJob, TextFormat};

use super::theme::{self, Palette};
use crate::links;
use crate::report::Flag;

/// The display form of one message.
#[derive(Debug, Clone)]
pub struct Highlighted {
    /// The text shown (links defanged).
    pub display: String,
    /// Each flag's span as a byte range of `display`, in the order of the flags.
    pub spans: Vec<Range<usize>>,
    /// The layout, without wrap width (the caller sets it).
    pub job: LayoutJob,
}

impl Highlighted {
    /// The flags (indexes into the list given to [`highlight`]) whose span holds the char at
    /// `char_index` of the display text.
    pub fn flags_at_char(&self, char_index: usize) -> Vec<usize> {
        let Some((byte, _)) = self.display.char_indices().nth(char_index) else {
            return Vec::new();
        };
        self.spans
            .iter()
            .enumerate()
            .filter(|(_, s)| s.contains(&byte))
            .map(|(i, _)| i)
            .collect()
    }
}

/// What a highlight depends on; equal keys give equal layouts.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    text: String,
    spans: Vec<(Range<usize>, u8)>,
    selected: Option<usize>,
    palette: Palette,
    text_size: f32,
}

/// Remembers the last highlight, so the same message is laid out once, not every frame.
#[derive(Debug, Default)]
pub struct HighlightCache {
    last: Option<(Key, Arc<Highlighted>)>,
}

impl HighlightCache {
    /// The highlight of `text` with `flags`, from the cache when nothing changed.
    pub fn get(
        &mut self,
        text: &str,
        flags: &[Flag],
        selected: Option<usize>,
        palette: Palette,
        text_size: f32,
    ) -> Arc<Highlighted> {
        let same = self.last.as_ref().is_some_and(|(k, _)| {
            k.text == text
                && k.selected == selected
                && k.palette == palette
                && k.text_size == text_size
                && k.spans.len() == flags.len()
                && k.spans
                    .iter()
                    .zip(flags)
                    .all(|((s, w), f)| *s == f.span && *w == f.weight)
        });
        if !same {
            let key = Key {
                text: text.to_owned(),
                spans: flags.iter().map(|f| (f.span.clone(), f.weight)).collect(),
                selected,
                palette,
                text_size,
            };
            let value = Arc::new(highlight(text, flags, selected, palette, text_size));
            self.last = Some((key, value));
        }
        match &self.last {
            Some((_, v)) => Arc::clone(v),
            // Invariant: set just above when empty.
            None => Arc::new(highlight(text, flags, selected, palette, text_size)),
        }
    }
}

/// Byte offset → char offset in `text` (egui's cursors count chars). The one place the
/// window converts between the two.
pub fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len()))
        .map_or_else(|| text.len(), |s| s.chars().count())
}

/// `text` with its links defanged, and the flags' spans moved to match.
pub fn defanged(text: &str, flags: &[Flag]) -> (String, Vec<Range<usize>>) {
    let found = links::find_links(text);
    let mut out = String::with_capacity(text.len() + 16);
    // (original range, display range) of every link, in order.
    let mut moved: Vec<(Range<usize>, Range<usize>)> = Vec::with_capacity(found.len());
    let mut at = 0;
    for link in &found {
        if link.span.start < at {
            continue;
        }
        out.push_str(&text[at..link.span.start]);
        let start = out.len();
        out.push_str(&link.defanged);
        moved.push((link.span.clone(), start..out.len()));
        at = link.span.end;
    }
    out.push_str(&text[at..]);
    let map = |p: usize, is_end: bool| -> usize {
        let mut shift: isize = 0;
        for (orig, disp) in &moved {
            if p <= orig.start {
                break;
            }
            if p < orig.end {
                // Inside a link: stretch to the whole defanged link.
                return if is_end { disp.end } else { disp.start };
            }
            shift = disp.end as isize - orig.end as isize;
        }
        (p as isize + shift).max(0) as usize
    };
    let spans = flags
        .iter()
        .map(|f| {
            let s = map(f.span.start.min(text.len()), false);
            let e = map(f.span.end.min(text.len()), true);
            s.min(out.len())..e.min(out.len()).max(s.min(out.len()))
        })
        .collect();
    (out, spans)
}

/// Lay out `text` with each flag's span marked; `selected` (an index into `flags`) gets the
/// selection colour.
pub fn highlight(
    text: &str,
    flags: &[Flag],
    selected: Option<usize>,
    palette: Palette,
    text_size: f32,
) -> Highlighted {
    let (display, spans) = defanged(text, flags);
    let marks: Vec<Mark> = (spans.iter().zip(flags))
        .map(|(s, f)| Mark {
            span: s.clone(),
            weight: f.weight,
        })
        .collect();
    let job = layout(&display, &marks, selected, palette, text_size);
    Highlighted {
        display,
        spans,
        job,
    }
}

/// One flag's mark in a text: its byte span there and its weight (colour).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte range in the text laid out (empty: not marked).
    pub span: Range<usize>,
    /// The flag's weight.
    pub weight: u8,
}

/// `text` laid out with each mark's span coloured by weight and underlined; `selected` (an
/// index into `marks`) gets the selection colour. The text itself is not changed, so an
/// editor can use the layout as is.
pub fn layout(
    text: &str,
    marks: &[Mark],
    selected: Option<usize>,
    palette: Palette,
    text_size: f32,
) -> LayoutJob {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in marks {
        cuts.push(m.span.start);
        cuts.push(m.span.end);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let plain = TextFormat {
        font_id: theme::body_font(text_size),
        color: palette.text(),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        let covering: Vec<usize> = (marks.iter().enumerate())
            .filter(|(_, m)| m.span.start <= a && b <= m.span.end && m.span.start < m.span.end)
            .map(|(i, _)| i)
            .collect();
        let format = if covering.is_empty() {
            plain.clone()
        } else {
            let weight = (covering.iter())
                .filter_map(|&i| marks.get(i).map(|m| m.weight))
                .max()
                .unwrap_or(1);
            let is_selected = selected.is_some_and(|s| covering.contains(&s));
            TextFormat {
                background: palette.span_fill(weight, is_selected),
                underline: palette.span_underline(weight),
                ..plain.clone()
            }
        };
        job.append(&text[a..b], 0.0, format);
    }
    job
}

/// What an editor layout depends on; equal keys give equal layouts.
#[derive(Debug, Clone, PartialEq)]
struct EditorKey {
    text: String,
    marks: Vec<Mark>,
    selected: Option<usize>,
    palette: Palette,
    text_size: f32,
}

/// The message box's highlighter: `text → LayoutJob`, memoized on everything the layout
/// depends on (as in egui's easy_mark editor), so a frame that changes nothing reuses it.
#[derive(Debug, Default)]
pub struct EditorHighlighter {
    last: Option<(EditorKey, LayoutJob)>,
}

impl EditorHighlighter {
    /// The layout of `text` with `marks`, from the memo when nothing changed.
    pub fn job(
        &mut self,
        text: &str,
        marks: &[Mark],
        selected: Option<usize>,
        palette: Palette,
        text_size: f32,
    ) -> LayoutJob {
        let key = EditorKey {
            text: text.to_owned(),
            marks: marks.to_vec(),
            selected,
            palette,
            text_size,
        };
        match &self.last {
            Some((k, job)) if *k == key => job.clone(),
            _ => {
                let job = layout(text, marks, selected, palette, text_size);
                self.last = Some((key, job.clone()));
                job
            }
        }
    }
}

/// Each of `flags` (found in `checked`) marked where it is in `text`, the same text edited
/// since: spans follow the edit; a span the edit touched is empty (not marked).
pub fn marks_for(checked: &str, flags: &[Flag], text: &str) -> Vec<Mark> {
    (flags.iter())
        .map(|f| Mark {
            span: carry_span(checked, text, &f.span)
                .filter(|s| s.start <= s.end && s.end <= text.len())
                .unwrap_or(0..0),
            weight: f.weight,
        })
        .collect()
}

/// Where `span` (bytes of `old`) is in `new`, when `new` is `old` with one stretch replaced
/// (what typing, pasting or deleting does): spans before or after the change move with it,
/// a span the change touches has no place (`None`). Lets the highlights follow typing until
/// the next check arrives.
pub fn carry_span(old: &str, new: &str, span: &Range<usize>) -> Option<Range<usize>> {
    if old == new {
        return Some(span.clone());
    }
    let prefix = (old.char_indices().zip(new.chars()))
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let suffix = (old[prefix..].chars().rev().zip(new[prefix..].chars().rev()))
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    let old_end = old.len() - suffix;
    if span.end <= prefix {
        Some(span.clone())
    } else if span.start >= old_end {
        let shift = |p: usize| p - old_end + (new.len() - suffix);
        Some(shift(span.start)..shift(span.end))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Category, Flag};

    fn flag(span: Range<usize>, weight: u8) -> Flag {
        Flag {
            rule: "t".into(),
            category: Category::SuspiciousLink,
            weight,
            span,
            explain: "explain-x".into(),
            args: Vec::new(),
            advice: Default::default(),
        }
    }

    #[test]
    fn links_are_defanged_and_spans_follow() {
        let text = "Go to https://evil.example.com/x now";
        let start = text.find("https").unwrap_or(0);
        let end = text.find(" now").unwrap_or(0);
        let flags = [flag(start..end, 3), flag(end + 1..text.len(), 1)];
        let (shown, spans) = defanged(text, &flags);
        assert!(!shown.contains("https://"), "{shown}");
        assert!(shown[spans[0].clone()].starts_with("hxxps"));
        assert_eq!(&shown[spans[1].clone()], "now");
    }

    #[test]
    fn spans_follow_an_edit_before_them_and_drop_when_it_touches_them() {
        let old = "Қазір кодты айтыңыз";
        let code = old.find("кодты").unwrap_or(0)..old.find(" айт").unwrap_or(0);
        // Typing at the start moves the span by the inserted bytes.
        let new = format!("Сәлем! {old}");
        let moved = carry_span(old, &new, &code).expect("untouched span");
        assert_eq!(&new[moved], "кодты");
        // Typing after it keeps it.
        let new = format!("{old} тез");
        assert_eq!(carry_span(old, &new, &code), Some(code.clone()));
        // Editing inside it drops it.
        let new = old.replace("кодты", "кодын");
        assert_eq!(carry_span(old, &new, &code), None);
        assert_eq!(carry_span(old, "", &code), None);
    }

    #[test]
    fn the_editor_layout_keeps_the_text_and_marks_by_weight() {
        let text = "Go to https://evil.example.com/x now";
        let marks = [Mark {
            span: 6..32,
            weight: 3,
        }];
        let mut memo = EditorHighlighter::default();
        let palette = Palette { dark: false };
        let job = memo.job(text, &marks, None, palette, 20.0);
        assert_eq!(
            job.text, text,
            "an editor's layout must not change its text"
        );
        let marked = (job.sections.iter())
            .find(|s| s.byte_range == (egui::text::ByteIndex(6)..egui::text::ByteIndex(32)))
            .expect("a section for the mark");
        assert_eq!(marked.format.background, palette.span_fill(3, false));
        let selected = memo.job(text, &marks, Some(0), palette, 20.0);
        assert_ne!(
            selected.sections, job.sections,
            "the selection recolours the span"
        );
    }

    #[test]
    fn overlapping_spans_make_sections_and_char_index_counts_chars() {
        let text = "Қазір кодты айтыңыз";
        let flags = [flag(0..10, 2), flag(6..text.len(), 3)];
        let h = highlight(text, &flags, Some(1), Palette { dark: false }, 20.0);
        assert_eq!(h.job.text, text);
        assert!(h.job.sections.len() >= 2);
        assert_eq!(char_index(text, 2), 1);
        assert_eq!(h.flags_at_char(0), vec![0]);
    }
}
