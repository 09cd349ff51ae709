//! Tesseract's TSV output (`tesseract … tsv`) → recognised words with their boxes.
//!
//! Owns only the text format: one header line, then `level page_num block_num par_num
//! line_num word_num left top width height conf text` per row; level 5 rows are words.
//! Knows nothing about the process that wrote it or about messages. Never panics: any
//! bytes parse, rows that do not fit are skipped.

/// A rectangle in image pixels: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rect {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
}

impl Rect {
    /// One past the right edge.
    pub fn right(&self) -> u32 {
        self.x.saturating_add(self.w)
    }

    /// One past the bottom edge.
    pub fn bottom(&self) -> u32 {
        self.y.saturating_add(self.h)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let (x, y) = (self.x.min(o.x), self.y.min(o.y));
        Rect {
            x,
            y,
            w: self.right().max(o.right()) - x,
            h: self.bottom().max(o.bottom()) - y,
        }
    }
}

/// One recognised word.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Tesseract's block number on the page.
    pub block: u32,
    /// Paragraph number within the block.
    pub par: u32,
    /// Line number within the paragraph.
    pub line: u32,
    /// Where the word is.
    pub rect: Rect,
    /// Tesseract's confidence, 0–100.
    pub conf: f32,
    /// The word as read (no white space inside).
    pub text: String,
}

impl Word {
    /// The line the word belongs to, as Tesseract numbered it.
    pub fn line_key(&self) -> (u32, u32, u32) {
        (self.block, self.par, self.line)
    }
}

/// The words of a TSV page, in Tesseract's reading order.
pub fn parse(tsv: &[u8]) -> Vec<Word> {
    let text = String::from_utf8_lossy(tsv);
    text.lines().filter_map(parse_row).collect()
}

fn parse_row(row: &str) -> Option<Word> {
    let mut f = row.splitn(12, '\t');
    let mut num = || -> Option<u32> {
        let v: i64 = f.next()?.trim().parse().ok()?;
        u32::try_from(v).ok()
    };
    let level = num()?;
    let _page = num()?;
    let block = num()?;
    let par = num()?;
    let line = num()?;
    let _word = num()?;
    let rect = Rect {
        x: num()?,
        y: num()?,
        w: num()?,
        h: num()?,
    };
    let conf: f32 = f.next()?.trim().parse().ok()?;
    let text = f.next()?.trim();
    if level != 5 || text.is_empty() || !conf.is_finite() {
        return None;
    }
    // Tesseract never puts white space inside a word; a row that does is split on it by
    // nobody, so it is kept as one word with its spaces made plain.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(Word {
        block,
        par,
        line,
        rect,
        conf: conf.clamp(0.0, 100.0),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t
2\t1\t1\t0\t0\t0\t20\t30\t300\t40\t-1\t
5\t1\t1\t1\t1\t1\t20\t30\t120\t40\t96.5\tПродиктуйте
5\t1\t1\t1\t1\t2\t150\t30\t60\t40\t91\tкод
5\t1\t1\t1\t2\t1\t20\t80\t60\t40\t12.25\tсрочно
5\t1\t1\t1\t2\t2\t90\t80\t60\t40\t-1\t 
";

    #[test]
    fn words_come_with_boxes_lines_and_confidence() {
        let words = parse(SAMPLE.as_bytes());
        assert_eq!(words.len(), 3);
        assert_eq!(words[0].text, "Продиктуйте");
        assert_eq!(
            words[0].rect,
            Rect {
                x: 20,
                y: 30,
                w: 120,
                h: 40
            }
        );
        assert_eq!(words[1].line_key(), (1, 1, 1));
        assert_eq!(words[2].line_key(), (1, 1, 2));
        assert!((words[2].conf - 12.25).abs() < 1e-6);
    }

    #[test]
    fn bad_rows_are_skipped() {
        let tsv = "5\t1\t1\t1\t1\t1\t-5\t0\t1\t1\t90\tминус\n5\t1\t1\t1\t1\nx\ty\n5\t1\t1\t1\t1\t1\t1\t1\t1\t1\tNaN\tnan\n5\t1\t1\t1\t1\t1\t1\t1\t1\t1\t90\tок";
        let words = parse(tsv.as_bytes());
        assert_eq!(words.len(), 1);
        assert_eq!(words[0].text, "ок");
    }

    proptest! {
        #[test]
        fn any_bytes_parse_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let words = parse(&bytes);
            for w in words {
                prop_assert!(!w.text.is_empty());
                prop_assert!((0.0..=100.0).contains(&w.conf));
            }
        }

        #[test]
        fn tab_heavy_text_parses_without_panic(s in "([0-9\\-]{0,3}\t){0,13}[^\t]{0,8}(\n([0-9\\-.]{0,4}\t){0,12}.{0,5}){0,20}") {
            let _ = parse(s.as_bytes());
        }
    }
}
