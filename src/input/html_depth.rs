//! Bounding how deeply an HTML page nests before html5ever sees it.
//!
//! html5ever walks its whole stack of open elements for many start tags (a `<div>` first
//! asks whether a `<p>` is open "in button scope"), so a page of 100 000 nested `<div>`s
//! costs 100 000² steps. Telegram Desktop's pages nest about a dozen deep; a page that goes
//! past [`MAX_DEPTH`] is hostile or broken, and is rewritten so that it does not: tags
//! deeper than the limit are left out (their text stays), and a close tag closes what it
//! skips over explicitly. Pages within the limit are passed through untouched. Knows only
//! HTML tag syntax, nothing about Telegram.

use std::borrow::Cow;

/// Elements nested deeper than this are flattened.
pub const MAX_DEPTH: usize = 64;

/// Elements that never have content or a close tag.
const VOID: [&str; 18] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to their own close tag.
const RAW_TEXT: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// `page` with no element nested deeper than [`MAX_DEPTH`]; borrowed when it already is.
/// Linear in the page's length.
pub fn bounded(page: &str) -> Cow<'_, str> {
    if walk(page, None) {
        let mut out = String::with_capacity(page.len());
        walk(page, Some(&mut out));
        Cow::Owned(out)
    } else {
        Cow::Borrowed(page)
    }
}

/// One pass over the tags of `page`, keeping a stack of open elements. Without `out` it
/// only answers whether the stack ever goes past [`MAX_DEPTH`]; with `out` it writes the
/// page with the deeper tags left out, and returns the same answer.
fn walk(page: &str, mut out: Option<&mut String>) -> bool {
    let b = page.as_bytes();
    // Open elements (name as written); those at positions ≥ MAX_DEPTH were left out.
    let mut stack: Vec<&str> = Vec::new();
    let mut too_deep = false;
    let mut copied = 0; // `page[..copied]` has been written to `out` or dropped
    let mut at = 0;
    while let Some(i) = page[at..].find('<').map(|i| at + i) {
        let tag = scan_tag(b, i);
        at = tag.end.max(i + 1);
        let (keep, raw_text) = match tag.kind {
            Kind::Text => continue,
            Kind::Other => (true, None),
            Kind::Open(name) => {
                let name = &page[name];
                let void = VOID.iter().any(|v| v.eq_ignore_ascii_case(name));
                let raw = RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name));
                if void {
                    (stack.len() < MAX_DEPTH, None)
                } else {
                    stack.push(name);
                    too_deep |= stack.len() > MAX_DEPTH;
                    let keep = stack.len() <= MAX_DEPTH;
                    // A raw-text element left out is no longer raw text to html5ever, so
                    // its content is walked as markup too.
                    (keep, (raw && keep).then_some(name))
                }
            }
            Kind::Close(name) => {
                let name = &page[name];
                // Look only a bounded way down the stack: a close tag matching nothing near
                // the top is stray, and looking further would make the walk quadratic.
                let lowest = stack.len().saturating_sub(MAX_DEPTH);
                match (lowest..stack.len())
                    .rev()
                    .find(|&k| stack[k].eq_ignore_ascii_case(name))
                {
                    None => (false, None),
                    Some(k) => {
                        if let Some(o) = out.as_deref_mut() {
                            o.push_str(&page[copied..i]);
                            copied = i;
                            // Close what this tag skips over (the kept ones), as html5ever
                            // would, but in plain sight, so its stack stays as short.
                            for skipped in (k + 1..stack.len().min(MAX_DEPTH)).rev() {
                                o.push_str("</");
                                o.push_str(stack[skipped]);
                                o.push('>');
                            }
                        }
                        let kept = k < MAX_DEPTH;
                        stack.truncate(k);
                        (kept, None)
                    }
                }
            }
        };
        if let Some(o) = out.as_deref_mut() {
            o.push_str(&page[copied..i]);
            if keep {
                o.push_str(&page[i..at]);
            }
            copied = at;
        }
        if let Some(name) = raw_text {
            // Skip to the element's own close tag; what is inside is text.
            at = find_close(page, at, name).unwrap_or(page.len());
        }
    }
    if let Some(o) = out {
        o.push_str(&page[copied..]);
    }
    too_deep
}

/// What a `<` starts.
enum Kind {
    /// Not a tag: a `<` in text.
    Text,
    /// A comment, doctype or processing instruction.
    Other,
    /// A start tag, with the range of its name.
    Open(std::ops::Range<usize>),
    /// An end tag, with the range of its name.
    Close(std::ops::Range<usize>),
}

struct Tag {
    kind: Kind,
    /// Just past the tag's `>` (or the end of the page).
    end: usize,
}

/// Read the tag at `b[i] == b'<'` as the HTML tokenizer would: a name, then attributes
/// whose quoted values may hold `>`.
fn scan_tag(b: &[u8], i: usize) -> Tag {
    let rest = &b[i + 1..];
    let find = |from: usize, pat: &[u8]| {
        b.get(from..)
            .and_then(|s| s.windows(pat.len()).position(|w| w == pat))
            .map_or(b.len(), |p| from + p + pat.len())
    };
    if rest.starts_with(b"!--") {
        return Tag {
            kind: Kind::Other,
            end: find(i + 4, b"-->"),
        };
    }
    if rest.first().is_some_and(|&c| c == b'!' || c == b'?') {
        return Tag {
            kind: Kind::Other,
            end: find(i + 1, b">"),
        };
    }
    let (close, name_start) = match rest.first() {
        Some(b'/') => (true, i + 2),
        _ => (false, i + 1),
    };
    if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return match close {
            // `</` and no letter: a bogus comment up to `>`.
            true => Tag {
                kind: Kind::Other,
                end: find(i + 1, b">"),
            },
            false => Tag {
                kind: Kind::Text,
                end: i + 1,
            },
        };
    }
    let mut k = name_start;
    while k < b.len() && !matches!(b[k], b'\t' | b'\n' | b'\x0c' | b' ' | b'/' | b'>') {
        k += 1;
    }
    let name = name_start..k;
    // Attributes: a quote opens a value only after `=`.
    let mut after_eq = false;
    while k < b.len() {
        match b[k] {
            b'>' => break,
            b'=' => after_eq = true,
            b'"' | b'\'' if after_eq => {
                let q = b[k];
                k += 1;
                while k < b.len() && b[k] != q {
                    k += 1;
                }
                after_eq = false;
            }
            b'\t' | b'\n' | b'\x0c' | b' ' => {}
            _ => after_eq = false,
        }
        k += 1;
    }
    let end = (k + 1).min(b.len());
    Tag {
        kind: if close {
            Kind::Close(name)
        } else {
            Kind::Open(name)
        },
        end,
    }
}

/// Where `</name` (any case) starts at or after `from`.
fn find_close(page: &str, from: usize, name: &str) -> Option<usize> {
    let b = page.as_bytes();
    let mut at = from;
    while let Some(i) = page[at..].find("</").map(|i| at + i) {
        let n = i + 2;
        if b.len() >= n + name.len() && b[n..n + name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(i);
        }
        at = n;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of(html: &str) -> usize {
        let doc = scraper::Html::parse_document(html);
        doc.tree
            .nodes()
            .map(|n| n.ancestors().count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn shallow_pages_pass_through() {
        let page = "<html><body><div class=\"a\" title='x > y'><b>t</b><br/><!-- <div> --></div>\
                    <script>if (a < b) { '<div>' }</script></body></html>";
        assert!(matches!(bounded(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_to_the_limit_and_text_stays() {
        let n = 10_000;
        for open in ["<div>", "<div class=\"x\">", "<DIV>", "<blockquote>"] {
            let name = open[1..].split([' ', '>']).next().unwrap_or("div");
            let deep = format!("{}x{}", open.repeat(n), format!("</{name}>").repeat(n));
            let page = format!("<html><body>{deep}<p>after</p></body></html>");
            let b = bounded(&page);
            assert!(b.len() < page.len());
            let doc = scraper::Html::parse_document(&b);
            let text: String = doc.root_element().text().collect();
            assert_eq!(text, "xafter");
            assert!(depth_of(&b) <= MAX_DEPTH + 4, "{open}");
        }
    }

    #[test]
    fn unclosed_and_stray_tags_stay_bounded() {
        let n = 10_000;
        for shape in ["<div>", "<div></span>", "<ul><li>", "<div></div></div>"] {
            let page = format!("<html><body>{}x</body></html>", shape.repeat(n));
            let b = bounded(&page);
            assert!(depth_of(&b) <= MAX_DEPTH + 4, "{shape}");
        }
    }
}
