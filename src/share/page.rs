//! The HTML every shareable page is made of: escaping, the document shell with its inline
//! styles and Content-Security-Policy, and a message's text with its red flags marked.

use std::fmt::Write as _;
use std::ops::Range;

use crate::i18n::Localizer;
use crate::links;
use crate::report::{MessageReport, Verdict};

/// Escape text for HTML element content and double-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than line breaks and tabs have no business in a page.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            // Bidi controls would reorder what follows (a sender's name, a path): dropped.
            c if links::is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The styles of every page: large readable text, print-friendly, no external fonts.
const STYLE: &str = "\
body{font-family:system-ui,'Segoe UI','Noto Sans','DejaVu Sans',sans-serif;font-size:18px;\
line-height:1.5;color:#1a1a1a;background:#fff;max-width:60rem;margin:1.5rem auto;padding:0 1rem}\
h1{font-size:1.7rem;margin:.2rem 0}h2{font-size:1.35rem;margin-top:1.6rem}\
h3{font-size:1.15rem}.meta{color:#555;font-size:.95rem}\
.verdict{padding:.7rem 1rem;border-radius:.4rem;font-weight:600;margin:1rem 0}\
.verdict small{display:block;font-weight:400;margin-top:.3rem}\
.v-danger{background:#b3261e;color:#fff}.v-suspicious{background:#f2c14e;color:#1a1a1a}\
.v-no_signs{background:#e8e8e8;color:#1a1a1a}.v-failed{background:#fff;color:#1a1a1a;border:2px dashed #b3261e}\
.msg{border-left:.35rem solid #ccc;padding:.3rem .9rem;margin:1rem 0}\
.msg.m-danger{border-color:#b3261e}.msg.m-suspicious{border-color:#e0a800}\
.head{font-weight:600;color:#333}.text{white-space:pre-wrap;overflow-wrap:anywhere}\
mark{background:#ffe08a;color:inherit;border-bottom:2px solid #e0a800;padding:0 .1rem}\
mark.w3{background:#ffc9c4;border-bottom-color:#b3261e}\
.gap{color:#777}.flags li,.steps li{margin:.35rem 0}.cat{font-weight:600}\
.contacts{font-weight:600}footer{margin-top:2rem;color:#555;font-size:.9rem}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;\
text-align:left;vertical-align:top}td.text{white-space:pre-wrap}\
.pic{margin:1rem 0}.pic-frame{position:relative;display:inline-block;max-width:100%}\
.pic-frame img{display:block;max-width:100%;height:auto}\
.box{position:absolute;box-sizing:border-box;background:rgba(255,224,138,.35);border:2px solid #e0a800}\
.box.w3{background:rgba(255,201,196,.4);border-color:#b3261e}.box.lc{border-style:dashed}\
@media print{body{margin:0;max-width:none;font-size:12pt}.verdict{border:2px solid #000}}";

/// The document shell: `<!DOCTYPE html>` … `<body>`, with the page language and title.
pub fn open(out: &mut String, tr: &Localizer, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n\
<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang = tr.lang().code(),
        title = esc(title),
    );
}

/// The end of the document.
pub fn close(out: &mut String) {
    out.push_str("</body>\n</html>\n");
}

/// The verdict banner with its hint.
pub fn verdict_banner(out: &mut String, v: Verdict, tr: &Localizer) {
    let hint = match v {
        Verdict::Danger => "verdict-danger-hint",
        Verdict::Suspicious => "verdict-suspicious-hint",
        Verdict::NoSigns => "verdict-no-signs-caution",
    };
    let _ = writeln!(
        out,
        "<p class=\"verdict v-{}\">{}<small>{}</small></p>",
        v.as_str(),
        esc(&tr.tr(v.fluent_id())),
        esc(&tr.tr(hint))
    );
}

/// A message's text, escaped, with its flagged spans in `<mark>` (the strongest flag over a
/// span sets its class) and every link defanged.
pub fn marked_text(m: &MessageReport) -> String {
    // Without bidi controls, so that a link is found (and defanged) whole and nothing
    // shown is reordered; the flags' spans move with the text.
    let mut spans: Vec<Range<usize>> = m.flags.iter().map(|f| f.span.clone()).collect();
    let text = links::strip_bidi_spans(&m.text, &mut spans);
    let text = &*text;
    let flags: Vec<(Range<usize>, u8)> = spans
        .into_iter()
        .zip(&m.flags)
        .map(|(s, f)| (s, f.weight))
        .collect();
    let links: Vec<Range<usize>> = links::find_links(text)
        .into_iter()
        .map(|l| l.span)
        .collect();
    // Cut points: every flag and link edge that lies on a char boundary.
    let mut cuts = vec![0, text.len()];
    for (span, _) in &flags {
        cuts.extend([span.start, span.end]);
    }
    for l in &links {
        cuts.extend([l.start, l.end]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let weight = flags
            .iter()
            .filter(|(span, _)| span.start <= a && b <= span.end)
            .map(|&(_, w)| w)
            .max();
        let piece = match links.iter().find(|l| l.start <= a && b <= l.end) {
            // The whole link, defanged, goes with its first piece; the rest add nothing.
            Some(l) if l.start == a => esc(&links::defang(&text[l.clone()])),
            Some(_) => String::new(),
            None => esc(&text[a..b]),
        };
        match weight {
            Some(w) if !piece.is_empty() => {
                let class = if w >= 3 { " class=\"w3\"" } else { "" };
                let _ = write!(out, "<mark{class}>{piece}</mark>");
            }
            _ => out.push_str(&piece),
        }
    }
    out
}

/// A message's flags as an ordered list: category, the flagged words, the explanation.
pub fn flag_list(out: &mut String, m: &MessageReport, tr: &Localizer) {
    if m.flags.is_empty() {
        return;
    }
    out.push_str("<ol class=\"flags\">\n");
    for f in &m.flags {
        let _ = writeln!(
            out,
            "<li><span class=\"cat\">{}</span> — «{}»<br>{}</li>",
            esc(&tr.tr(&f.category.fluent_id())),
            esc(links::defang_text(f.excerpt(&m.text).trim()).as_str()),
            esc(&f.explanation(tr))
        );
    }
    out.push_str("</ol>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_never_reach_a_page() {
        assert_eq!(esc("Айдар\u{202E}kcab"), "Айдарkcab");
    }

    #[test]
    fn escaping_leaves_no_markup() {
        let s = esc("<script>alert('x')</script> & \"q\" \u{0}");
        assert_eq!(
            s,
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; \u{FFFD}"
        );
    }
}
