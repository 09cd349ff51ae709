//! Recognised words → messages, with a table from each message's byte ranges back to the
//! word boxes they came from.
//!
//! A chat screenshot has bubbles: separated by vertical gaps or by a change of side (left
//! for incoming, right for outgoing), and each ends with its time stamp (`14:05`). A photo
//! of a document or a letter has no time stamps and is one message. Knows only words and
//! geometry; nothing about Tesseract's process or the engine.

use std::ops::Range;

use super::tsv::{Rect, Word};

/// Words below this confidence (Tesseract's 0–100) are "read with low confidence": a flag
/// that covers one says so.
pub const LOW_CONFIDENCE: f32 = 60.0;

/// One word of a message's text and where it is in the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct WordBox {
    /// Byte range of the word in the message text.
    pub span: Range<usize>,
    /// The word's box in image pixels.
    pub rect: Rect,
    /// Tesseract's confidence, 0–100.
    pub conf: f32,
    /// Which line of the picture (words of one line can share a drawn box).
    pub line: usize,
}

/// A message read from a picture: its text and its words' boxes (in text order).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PictureMessage {
    /// The recognised text: words joined by spaces, lines of a paragraph by spaces,
    /// paragraphs by a line break.
    pub text: String,
    /// Every word of `text`, in order.
    pub words: Vec<WordBox>,
}

impl PictureMessage {
    /// The boxes covering a byte range of the text: one per picture line it touches
    /// (neighbouring words of one line merged), in text order.
    pub fn boxes(&self, span: &Range<usize>) -> Vec<Rect> {
        let mut out: Vec<(usize, Rect)> = Vec::new();
        for w in self.covering(span) {
            match out.last_mut() {
                Some((line, r)) if *line == w.line => *r = r.union(&w.rect),
                _ => out.push((w.line, w.rect)),
            }
        }
        out.into_iter().map(|(_, r)| r).collect()
    }

    /// Does the range cover a word read with low confidence?
    pub fn low_confidence(&self, span: &Range<usize>) -> bool {
        self.covering(span).any(|w| w.conf < LOW_CONFIDENCE)
    }

    fn covering<'a>(&'a self, span: &'a Range<usize>) -> impl Iterator<Item = &'a WordBox> {
        let first = self.words.partition_point(|w| w.span.end <= span.start);
        self.words[first..]
            .iter()
            .take_while(move |w| w.span.start < span.end.max(span.start + 1))
    }
}

/// Is this word a time stamp such as `14:05` or `9.41` (what ends a chat bubble)?
pub fn is_time(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    let Some((h, m)) = w.split_once([':', '.']) else {
        return false;
    };
    let ok_h = (1..=2).contains(&h.len()) && h.parse::<u32>().is_ok_and(|h| h < 24);
    let ok_m = m.len() == 2 && m.parse::<u32>().is_ok_and(|m| m < 60);
    // Only digits and the separator inside: "14:05" or "14:05✓" read as "14:05/".
    ok_h && ok_m && word.chars().filter(|c| c.is_alphabetic()).count() <= 2
}

/// Four digits that make a valid time (`1408`): a time stamp whose colon was not read.
fn is_bare_time(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && w[..2].parse::<u32>().is_ok_and(|h| h < 24)
        && w[2..].parse::<u32>().is_ok_and(|m| m < 60)
}

/// A line of the picture: its words (indices into the word list) and its box.
#[derive(Debug, Clone)]
struct Line {
    words: Vec<usize>,
    rect: Rect,
    par: (u32, u32),
    /// Index of the time-stamp word that ends the line, if any.
    time: Option<usize>,
}

fn lines_of(words: &[Word]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        match lines.last_mut() {
            Some(l) if words[l.words[0]].line_key() == w.line_key() => {
                l.words.push(i);
                l.rect = l.rect.union(&w.rect);
            }
            _ => lines.push(Line {
                words: vec![i],
                rect: w.rect,
                par: (w.block, w.par),
                time: None,
            }),
        }
    }
    for l in &mut lines {
        // The time is the last word, or the one before a pair of ticks read as text. A
        // line that is only a time may have lost its colon (small grey digits: "1408").
        let tail = l.words.iter().rev().take(2);
        l.time = tail.copied().find(|&i| is_time(&words[i].text));
        if let [only] = l.words[..]
            && is_bare_time(&words[only].text)
        {
            l.time = Some(only);
        }
    }
    lines
}

/// Group a page's words into messages: chat bubbles when the page has time stamps at the
/// end of two or more lines, else one message (a document).
pub fn messages(words: &[Word], image_width: u32) -> Vec<PictureMessage> {
    let lines = lines_of(words);
    let timed = lines.iter().filter(|l| l.time.is_some()).count();
    let groups = if timed >= 2 {
        bubbles(lines, image_width)
    } else {
        vec![lines]
    };
    groups
        .into_iter()
        .map(|g| build(&g, words))
        .filter(|m| !m.text.trim().is_empty())
        .collect()
}

/// Chat bubbles: lines top to bottom; a new bubble after a time stamp, after a gap of more
/// than one and a half lines (the lines of one bubble are closer), or when the left edge jumps (the other side of the chat).
fn bubbles(mut lines: Vec<Line>, image_width: u32) -> Vec<Vec<Line>> {
    lines.sort_by_key(|l| (l.rect.y, l.rect.x));
    let mut heights: Vec<u32> = lines.iter().map(|l| l.rect.h).collect();
    heights.sort_unstable();
    let typical = heights.get(heights.len() / 2).copied().unwrap_or(0).max(1);
    let side_jump = (image_width / 12).max(1);
    let mut groups: Vec<Vec<Line>> = Vec::new();
    let mut prev: Option<(Rect, bool)> = None;
    for l in lines {
        let new_bubble = match prev {
            None => true,
            Some((p, ended)) => {
                let gap = l.rect.y.saturating_sub(p.bottom());
                ended || gap * 2 > typical * 3 || l.rect.x.abs_diff(p.x) > side_jump
            }
        };
        prev = Some((l.rect, l.time.is_some()));
        match groups.last_mut() {
            Some(g) if !new_bubble => g.push(l),
            _ => groups.push(vec![l]),
        }
    }
    groups
}

/// A message's text and word table from its lines; time stamps are left out of the text
/// (they are not what the sender wrote).
fn build(lines: &[Line], words: &[Word]) -> PictureMessage {
    let mut m = PictureMessage::default();
    let mut prev_par = None;
    for (n, l) in lines.iter().enumerate() {
        let shown: Vec<usize> = match l.time {
            // The time and anything after it (ticks) are dropped.
            Some(t) => l.words.iter().copied().take_while(|&i| i != t).collect(),
            None => l.words.clone(),
        };
        if shown.is_empty() {
            continue;
        }
        if !m.text.is_empty() {
            m.text.push(if prev_par == Some(l.par) || lines.len() < 2 {
                ' '
            } else {
                '\n'
            });
        }
        prev_par = Some(l.par);
        for (k, &i) in shown.iter().enumerate() {
            if k > 0 {
                m.text.push(' ');
            }
            let start = m.text.len();
            m.text.push_str(&words[i].text);
            m.words.push(WordBox {
                span: start..m.text.len(),
                rect: words[i].rect,
                conf: words[i].conf,
                line: n,
            });
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn word(text: &str, block: u32, line: u32, x: u32, y: u32) -> Word {
        Word {
            block,
            par: 1,
            line,
            rect: Rect {
                x,
                y,
                w: 10 * text.chars().count() as u32,
                h: 20,
            },
            conf: 95.0,
            text: text.into(),
        }
    }

    #[test]
    fn time_stamps() {
        for t in ["14:05", "9:41", "23.59", "14:05/", "(14:05)"] {
            assert!(is_time(t), "{t}");
        }
        for t in [
            "14:5",
            "25:00",
            "12:60",
            "1405",
            "код",
            "12.05.2024",
            "тел:12",
        ] {
            assert!(!is_time(t), "{t}");
        }
    }

    #[test]
    fn a_chat_becomes_bubbles_without_their_times() {
        let words = vec![
            word("Мама,", 1, 1, 20, 100),
            word("это", 1, 1, 80, 100),
            word("я", 1, 2, 20, 124),
            word("14:05", 1, 2, 200, 124),
            word("Переведи", 2, 1, 20, 200),
            word("деньги", 2, 1, 120, 200),
            word("14:06", 2, 1, 220, 200),
            word("Кто", 3, 1, 500, 300),
            word("это?", 3, 1, 540, 300),
            word("14:07", 3, 1, 600, 300),
        ];
        let ms = messages(&words, 720);
        let texts: Vec<&str> = ms.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["Мама, это я", "Переведи деньги", "Кто это?"]);
        // The word table maps each span back to its own box.
        let m = &ms[1];
        let at = m.text.find("деньги").unwrap_or(usize::MAX);
        assert_eq!(m.boxes(&(at..at + "деньги".len())), vec![words[5].rect]);
        // A span across two lines gives one box per line.
        assert_eq!(ms[0].boxes(&(0..ms[0].text.len())).len(), 2);
    }

    #[test]
    fn a_time_alone_on_its_line_may_have_lost_its_colon() {
        let words = vec![
            word("Привет", 1, 1, 20, 100),
            word("1405", 2, 1, 300, 124),
            word("Переведи", 3, 1, 20, 200),
            word("1406", 4, 1, 300, 224),
        ];
        let ms = messages(&words, 720);
        let texts: Vec<&str> = ms.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["Привет", "Переведи"]);
        // Inside a line, four digits are text (a sum, a code).
        assert!(!is_time("1405"));
    }

    #[test]
    fn a_document_is_one_message_with_paragraphs() {
        let mut words = vec![
            word("НАЦИОНАЛЬНЫЙ", 1, 1, 20, 20),
            word("БАНК", 1, 1, 200, 20),
        ];
        let mut second = word("Справка", 2, 1, 20, 300);
        second.par = 1;
        words.push(second);
        words.push(word("от", 2, 1, 130, 300));
        let ms = messages(&words, 800);
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].text, "НАЦИОНАЛЬНЫЙ БАНК\nСправка от");
    }

    #[test]
    fn low_confidence_is_reported_for_the_covered_words_only() {
        let mut words = vec![word("код", 1, 1, 0, 0), word("из", 1, 1, 40, 0)];
        words[1].conf = 30.0;
        let ms = messages(&words, 100);
        assert!(!ms[0].low_confidence(&(0.."код".len())));
        assert!(ms[0].low_confidence(&(0..ms[0].text.len())));
    }

    proptest! {
        #[test]
        fn every_span_is_its_word_and_on_char_boundaries(
            raw in proptest::collection::vec(("[а-яa-z0-9:.]{1,6}", 1u32..4, 1u32..4, 0u32..800, 0u32..2000), 0..60)
        ) {
            let words: Vec<Word> = raw.iter().map(|(t, b, l, x, y)| word(t, *b, *l, *x, *y)).collect();
            let ms = messages(&words, 800);
            let total: usize = ms.iter().map(|m| m.words.len()).sum();
            prop_assert!(total <= words.len());
            for m in &ms {
                for w in &m.words {
                    let piece = m.text.get(w.span.clone());
                    prop_assert!(piece.is_some());
                    prop_assert!(words.iter().any(|o| Some(o.text.as_str()) == piece && o.rect == w.rect));
                    prop_assert_eq!(m.boxes(&w.span), vec![w.rect]);
                }
            }
        }
    }
}
