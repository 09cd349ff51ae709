//! Telegram Desktop HTML exports (`messages.html`, `messages2.html`, …) → a [`Conversation`].
//!
//! Owns finding the sibling pages of one export (read-only path checks) and reading the
//! pages with an HTML5 parser (`scraper`/html5ever, selecting by class tokens as in
//! FORMATS.md §3.2 — never regexes): senders (joined messages inherit), dates, text with
//! line breaks and links whose target differs from their text, media blocks, forwarded
//! blocks, service records. Works on text already decoded and never calls the engine.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

use crate::conversation::{
    Conversation, HiddenLink, MediaKind, Message, MessageExtra, ReadNote, SourceFormat, Timestamp,
};
use crate::error::{Error, FormatProblem};
use crate::input::ReadControl;

/// How much of the start of a page [`looks_like`] reads (FORMATS.md §7: at most 64 KiB).
const SNIFF_BYTES: usize = 64 * 1024;

/// Every message block, default or service, in document order.
// Invariant: a constant, valid selector, so `expect` cannot fire.
static MESSAGE: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("div.message").expect("constant selector"));

/// Cancellation is checked after this many message blocks within a page.
const BATCH: usize = 256;

/// [`sibling_pages`] never looks further than this page number.
const MAX_PAGE: u64 = 1_000_000;

/// True when `text` looks like a page of a Telegram Desktop HTML export: markup that has the
/// export's `history` container and `message` blocks, with its `page_header` or `page_wrap`,
/// in the first 64 KiB. A cheap sniff; [`parse_pages`] decides for sure.
pub fn looks_like(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c == '\u{FEFF}' || c.is_whitespace());
    if !t.starts_with('<') {
        return false;
    }
    let head = &t.as_bytes()[..t.len().min(SNIFF_BYTES)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    has(b"class=\"history\"")
        && has(b"class=\"message ")
        && (has(b"class=\"page_header\"") || has(b"class=\"page_wrap\""))
}

/// Parse the pages of one export in order (messages.html, messages2.html, …) as one
/// conversation.
///
/// `div.message.default` blocks are messages (calls included: in HTML they are messages
/// with a call block); `div.message.service` records are counted in `system_lines`, except
/// the date separators ("14 March 2025"), which are not records at all. A page that does not
/// end with `</html>` adds [`ReadNote::Truncated`]. Errors: [`FormatProblem::NoMessages`]
/// when no page has a message, [`Error::Cancelled`] when `ctl` asks to stop. `path` names
/// the export in errors.
pub fn parse_pages(
    pages: &[String],
    path: &Path,
    ctl: &ReadControl,
) -> Result<Conversation, Error> {
    let total: u64 = pages.iter().map(|p| p.len() as u64).sum();
    let mut done = 0u64;
    let mut st = PageState::default();
    for page in pages {
        if ctl.cancelled() {
            return Err(cancelled(path));
        }
        read_page(page, &mut st, ctl).map_err(|Cancelled| cancelled(path))?;
        if !ends_like_a_page(page) {
            st.truncated = true;
        }
        done += page.len() as u64;
        ctl.report(done, total);
    }
    if st.messages.is_empty() {
        return Err(Error::Format {
            path: path.to_path_buf(),
            reason: "no Telegram messages in this HTML".to_string(),
            kind: FormatProblem::NoMessages,
        });
    }
    let mut notes = Vec::new();
    if st.truncated {
        notes.push(ReadNote::Truncated);
    }
    Ok(Conversation {
        format: SourceFormat::TelegramHtml,
        messages: st.messages,
        system_lines: st.system_lines,
        container: None,
        notes,
        events: st.events,
    })
}

/// Given the path of an opened messages.html (or messagesN.html), the sibling pages of the
/// same export in order, including itself (messages.html, messages2.html, messages3.html …
/// while they exist). Pure path logic + fs::metadata; never writes.
///
/// Pages before the opened one are included when they exist (a missing one is skipped);
/// after it, the list stops at the first missing page. A path not named `messages<N>.html`
/// gives just itself.
pub fn sibling_pages(path: &Path) -> Vec<PathBuf> {
    let only_self = || vec![path.to_path_buf()];
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return only_self();
    };
    let Some((prefix, own, ext)) = page_name(name) else {
        return only_self();
    };
    let dir = path.parent().unwrap_or_else(|| Path::new(""));
    let mut pages = Vec::new();
    for n in 1..=MAX_PAGE {
        if n == own {
            pages.push(path.to_path_buf());
            continue;
        }
        let candidate = if n == 1 {
            dir.join(format!("{prefix}{ext}"))
        } else {
            dir.join(format!("{prefix}{n}{ext}"))
        };
        if std::fs::metadata(&candidate).is_ok_and(|m| m.is_file()) {
            pages.push(candidate);
        } else if n > own {
            break;
        }
    }
    pages
}

/// `messages.html` → ("messages", 1, ".html"); `messages12.html` → ("messages", 12, ".html").
/// Case-insensitive; the parts keep the case they were written in.
fn page_name(name: &str) -> Option<(&str, u64, &str)> {
    if !name.is_ascii() || name.len() < "messages.html".len() {
        return None;
    }
    let (prefix, rest) = name.split_at("messages".len());
    let (digits, ext) = rest.split_at(rest.len() - ".html".len());
    if !prefix.eq_ignore_ascii_case("messages") || !ext.eq_ignore_ascii_case(".html") {
        return None;
    }
    let own = if digits.is_empty() {
        1
    } else if digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0') {
        digits.parse::<u64>().ok().filter(|n| *n <= MAX_PAGE)?
    } else {
        return None;
    };
    Some((prefix, own, ext))
}

fn cancelled(path: &Path) -> Error {
    Error::Cancelled {
        path: path.to_path_buf(),
    }
}

/// A whole page ends with `</html>` (after white space); anything else was cut short.
fn ends_like_a_page(page: &str) -> bool {
    let t = page.trim_end().as_bytes();
    t.len() >= 7 && t[t.len() - 7..].eq_ignore_ascii_case(b"</html>")
}

/// The user asked to stop.
struct Cancelled;

/// What the pages read so far gave, and what a joined message inherits.
#[derive(Default)]
struct PageState {
    messages: Vec<Message>,
    system_lines: usize,
    /// "X joined Telegram" lines, with the message index they precede.
    events: Vec<crate::conversation::AccountEvent>,
    truncated: bool,
    /// Sender of the previous `div.message.default` (a joined message has none of its own).
    last_sender: Option<std::sync::Arc<str>>,
    /// Forward origin of the previous message (a joined forwarded block has no name).
    last_forward: Option<String>,
}

fn read_page(page: &str, st: &mut PageState, ctl: &ReadControl) -> Result<(), Cancelled> {
    // Bounded nesting keeps html5ever linear (it walks its stack of open elements for
    // many start tags).
    let doc = Html::parse_document(&super::html_depth::bounded(page));
    for (i, el) in doc.select(&MESSAGE).enumerate() {
        if i % BATCH == BATCH - 1 && ctl.cancelled() {
            return Err(Cancelled);
        }
        if has_class(el, "default") {
            let m = read_message(el, st);
            st.messages.push(m);
        } else if has_class(el, "service") {
            let body = child_with(el, &["body"]);
            let text = body
                .map(|b| b.text().collect::<String>())
                .unwrap_or_default();
            if !is_date_separator(&text) {
                st.system_lines += 1;
                if let Some((kind, who)) = super::account_events::parse(text.trim()) {
                    st.events.push(crate::conversation::AccountEvent {
                        kind,
                        who,
                        attributed_to: None,
                        before: st.messages.len(),
                    });
                }
            }
        }
    }
    Ok(())
}

/// One `div.message.default`: sender, date, forward origin, text, media.
fn read_message(el: ElementRef<'_>, st: &mut PageState) -> Message {
    let body = el
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| has_class(*c, "body") && !has_class(*c, "forwarded"));
    let Some(body) = body else {
        st.last_forward = None;
        return Message {
            sender: st.last_sender.clone(),
            ..Message::default()
        };
    };
    let timestamp = child_with(body, &["date"])
        .and_then(|d| d.attr("title"))
        .and_then(iso_from_title);
    let sender = match child_with(body, &["from_name"]) {
        Some(n) => Some(own_text_name(n).into()),
        None if has_class(el, "joined") => st.last_sender.clone(),
        None => None,
    };
    let forwarded_body = child_with(body, &["forwarded", "body"]);
    let forwarded_from = forwarded_body.map(|f| match child_with(f, &["from_name"]) {
        Some(n) => own_text_name(n),
        None => st.last_forward.clone().unwrap_or_default(),
    });
    // Text and media of a forwarded message are inside its forwarded block.
    let text_el = child_with(body, &["text"])
        .or_else(|| forwarded_body.and_then(|f| child_with(f, &["text"])));
    let media_el = child_with(body, &["media_wrap"])
        .or_else(|| forwarded_body.and_then(|f| child_with(f, &["media_wrap"])));
    let (text, hidden_links) = text_el.map(render_text).unwrap_or_default();
    let media = media_el.and_then(media_kind);
    st.last_sender = sender.clone();
    st.last_forward = forwarded_from.clone();
    Message {
        sender,
        timestamp: timestamp.and_then(|s| Timestamp::new(&s)),
        text,
        media,
        extra: MessageExtra::boxed(hidden_links, forwarded_from, None),
    }
}

fn has_class(el: ElementRef<'_>, class: &str) -> bool {
    el.value().classes().any(|c| c == class)
}

/// The first child element that has all of `classes`.
fn child_with<'a>(el: ElementRef<'a>, classes: &[&str]) -> Option<ElementRef<'a>> {
    el.children()
        .filter_map(ElementRef::wrap)
        .find(|c| classes.iter().all(|k| has_class(*c, k)))
}

/// A `from_name`: its own text (not the forwarded block's date `<span>`), trimmed, without
/// the ` via @bot` the writer appends.
fn own_text_name(el: ElementRef<'_>) -> String {
    let mut s = String::new();
    for child in el.children() {
        if let Node::Text(t) = child.value() {
            s.push_str(t);
        }
    }
    let name = s.trim();
    let name = match name.rfind(" via @") {
        Some(i) if !name[i + " via @".len()..].contains(char::is_whitespace) => &name[..i],
        _ => name,
    };
    name.trim_end().to_string()
}

/// "14.03.2025 19:05:11 UTC+05:00" (or without the zone) → "2025-03-14T19:05:11", the local
/// time as written (the zone is dropped, as Telegram's JSON `date` has none).
fn iso_from_title(title: &str) -> Option<String> {
    let mut words = title.split_whitespace();
    let date = words.next()?;
    let time = words.next()?;
    let mut d = date.split('.');
    let (day, month, year) = (d.next()?, d.next()?, d.next()?);
    if d.next().is_some() {
        return None;
    }
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(day, 2) && digits(month, 2) && digits(year, 4)) {
        return None;
    }
    let parts: Vec<&str> = time.split(':').collect();
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(|p| digits(p, 2)) {
        return None;
    }
    Some(format!("{year}-{month}-{day}T{time}"))
}

/// Date separators are service blocks reading "14 March 2025" (English, not localized).
fn is_date_separator(text: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let w: Vec<&str> = text.split_whitespace().collect();
    w.len() == 3
        && (1..=2).contains(&w[0].len())
        && w[0].bytes().all(|b| b.is_ascii_digit())
        && MONTHS.contains(&w[1])
        && w[2].len() == 4
        && w[2].bytes().all(|b| b.is_ascii_digit())
}

/// The text of a `div.text`: text nodes as they are, `<br>` as `\n`, and every `<a href>`
/// whose shown text is not its target recorded as a hidden link. The writer's framing (a
/// newline after the opening tag; a newline and indentation before the closing tag) is
/// trimmed, nothing else. Walks the tree without recursion, so deep nesting cannot overflow
/// the stack.
fn render_text(div: ElementRef<'_>) -> (String, Vec<HiddenLink>) {
    let mut out = String::new();
    let mut links = Vec::new();
    // Open anchors: where their text starts and their target.
    let mut anchors: Vec<(usize, Option<&str>)> = Vec::new();
    let root = div.id();
    let mut next = div.first_child();
    'walk: while let Some(node) = next {
        let mut descend = false;
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => match e.name() {
                "br" => out.push('\n'),
                "a" => {
                    anchors.push((out.len(), e.attr("href")));
                    descend = true;
                }
                _ => descend = true,
            },
            _ => {}
        }
        if descend && let Some(child) = node.first_child() {
            next = Some(child);
            continue;
        }
        // Close `node` and every ancestor whose last child this was.
        let mut cur = node;
        loop {
            if let Node::Element(e) = cur.value()
                && e.name() == "a"
                && let Some((start, href)) = anchors.pop()
                && let Some(href) = href
                && is_hidden_link(href, &out[start..])
            {
                links.push(HiddenLink {
                    span: start..out.len(),
                    url: href.trim().to_string(),
                });
            }
            if let Some(sibling) = cur.next_sibling() {
                next = Some(sibling);
                continue 'walk;
            }
            match cur.parent() {
                Some(parent) if parent.id() != root => cur = parent,
                _ => break 'walk,
            }
        }
    }
    trim_framing(out, links)
}

/// Drop the writer's framing: one leading `\n`, and a trailing `\n` followed only by
/// indentation. Spans are shifted and clamped; both cuts are at ASCII bytes, so spans stay
/// on char boundaries.
fn trim_framing(text: String, links: Vec<HiddenLink>) -> (String, Vec<HiddenLink>) {
    let start = usize::from(text.starts_with('\n'));
    let tail = text.trim_end_matches([' ', '\t']);
    let end = if tail.len() > start && tail.ends_with('\n') {
        tail.len() - 1
    } else {
        text.len()
    };
    let end = end.max(start);
    let trimmed = text[start..end].to_string();
    let len = trimmed.len();
    let links = links
        .into_iter()
        .map(|l| {
            let s = l.span.start.saturating_sub(start).min(len);
            let e = l.span.end.saturating_sub(start).clamp(s, len);
            HiddenLink {
                span: s..e,
                url: l.url,
            }
        })
        .collect();
    (trimmed, links)
}

/// A link is hidden when it goes to a web address (`scheme://…`) that is not the text shown.
/// `tel:`/`mailto:` links, in-page and file links, and `@name` mentions pointing at
/// `…/name` show their target already.
fn is_hidden_link(href: &str, shown: &str) -> bool {
    let href = href.trim();
    let shown = shown.trim();
    if !href.contains("://") || href == shown {
        return false;
    }
    if let Some(name) = shown.strip_prefix('@')
        && !name.is_empty()
        && href
            .strip_suffix(name)
            .is_some_and(|head| head.ends_with('/'))
    {
        return false;
    }
    true
}

/// The kind of the first media block in a `div.media_wrap` (FORMATS.md §3.2 and
/// Telegram Desktop's writer: stickers and GIFs without a thumbnail are written as
/// `media_photo` "Sticker" / `media_video` "Animation").
fn media_kind(wrap: ElementRef<'_>) -> Option<MediaKind> {
    for block in wrap.children().filter_map(ElementRef::wrap) {
        let title = || {
            child_with(block, &["body"])
                .and_then(|b| child_with(b, &["title"]))
                .map(|t| t.text().collect::<String>())
                .unwrap_or_default()
        };
        let kind = if has_class(block, "media_voice_message") {
            MediaKind::Voice
        } else if has_class(block, "media_video") {
            match title().trim() {
                "Video message" => MediaKind::VideoNote,
                "Animation" => MediaKind::Sticker,
                _ => MediaKind::Video,
            }
        } else if has_class(block, "media_photo") {
            if title().trim() == "Sticker" {
                MediaKind::Sticker
            } else {
                MediaKind::Photo
            }
        } else if has_class(block, "photo_wrap") {
            MediaKind::Photo
        } else if has_class(block, "sticker_wrap") || has_class(block, "animated_wrap") {
            MediaKind::Sticker
        } else if has_class(block, "video_file_wrap") {
            MediaKind::Video
        } else if has_class(block, "media_file") {
            MediaKind::Document
        } else if block.value().classes().any(|c| c.starts_with("media")) {
            // Calls, audio files, contacts, locations, venues, polls, games, invoices.
            MediaKind::Other
        } else {
            continue;
        };
        return Some(kind);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(history: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html>\n <head>\n  <meta charset=\"utf-8\"/>\n </head>\n <body>\n  \
             <div class=\"page_wrap\">\n   <div class=\"page_header\">\n    <div class=\"content\">\n     \
             <div class=\"text bold\">\nChat\n     </div>\n    </div>\n   </div>\n   \
             <div class=\"page_body chat_page\">\n    <div class=\"history\">\n{history}\n    </div>\n   \
             </div>\n  </div>\n </body>\n</html>\n"
        )
    }

    fn msg(id: u32, joined: bool, from: Option<&str>, title: &str, inner: &str) -> String {
        let class = if joined {
            "message default clearfix joined"
        } else {
            "message default clearfix"
        };
        let from = from
            .map(|f| format!("       <div class=\"from_name\">\n{f}\n       </div>\n"))
            .unwrap_or_default();
        format!(
            "     <div class=\"{class}\" id=\"message{id}\">\n      <div class=\"body\">\n       \
             <div class=\"pull_right date details\" title=\"{title}\">\n12:00\n       </div>\n\
             {from}{inner}      </div>\n     </div>\n"
        )
    }

    fn text(t: &str) -> String {
        format!("       <div class=\"text\">\n{t}\n       </div>\n")
    }

    fn read(pages: &[String]) -> Result<Conversation, Error> {
        parse_pages(pages, Path::new("messages.html"), &ReadControl::default())
    }

    #[test]
    fn senders_joined_dates_text_links() {
        let h = [
            "     <div class=\"message service\" id=\"message-1\">\n      <div class=\"body details\">\n5 March 2024\n      </div>\n     </div>\n".to_string(),
            "     <div class=\"message service\" id=\"message7\">\n      <div class=\"body details\">\nA joined Telegram\n      </div>\n     </div>\n".to_string(),
            msg(8, false, Some("Мама "), "05.03.2024 14:07:00", &text("one<br>two &amp; <strong>three</strong>")),
            msg(9, true, None, "05.03.2024 14:08:00 UTC+06:00", &text("Pay: <a href=\"https://evil.invalid/x\">kaspi.kz</a> or <a href=\"https://kaspi.kz\">https://kaspi.kz</a> <a href=\"tel:+7700\">+7700</a> <a href=\"https://t.me/bob\">@bob</a>")),
        ]
        .concat();
        let c = read(&[page(&h)]).expect("reads");
        assert_eq!(c.format, SourceFormat::TelegramHtml);
        assert_eq!(c.messages.len(), 2);
        assert_eq!(c.system_lines, 1);
        let a = &c.messages[0];
        assert_eq!(a.sender.as_deref(), Some("Мама"));
        assert_eq!(a.timestamp.as_deref(), Some("2024-03-05T14:07:00"));
        assert_eq!(a.text, "one\ntwo & three");
        let b = &c.messages[1];
        assert_eq!(b.sender.as_deref(), Some("Мама"));
        assert_eq!(b.timestamp.as_deref(), Some("2024-03-05T14:08:00"));
        assert_eq!(b.text, "Pay: kaspi.kz or https://kaspi.kz +7700 @bob");
        assert_eq!(b.hidden_links().len(), 1);
        assert_eq!(&b.text[b.hidden_links()[0].span.clone()], "kaspi.kz");
        assert_eq!(b.hidden_links()[0].url, "https://evil.invalid/x");
        assert!(c.notes.is_empty());
    }

    #[test]
    fn no_messages_is_an_error() {
        let e = read(&[
            page(""),
            "<html><body><p>hello</p></body></html>".to_string(),
        ])
        .unwrap_err();
        assert!(matches!(
            e,
            Error::Format {
                kind: FormatProblem::NoMessages,
                ..
            }
        ));
        assert!(read(&[]).is_err());
    }

    #[test]
    fn truncated_page_is_noted() {
        let full = page(&msg(
            1,
            false,
            Some("A"),
            "01.01.2024 10:00:00",
            &text("hi"),
        ));
        let cut = &full[..full.find("hi\n").expect("marker") + 2];
        let c = read(&[cut.to_string()]).expect("reads");
        assert_eq!(c.messages.len(), 1);
        assert_eq!(c.messages[0].text, "hi");
        assert_eq!(c.notes, vec![ReadNote::Truncated]);
    }

    #[test]
    fn media_and_forwarded() {
        let media = |class: &str, title: &str| {
            format!(
                "<div class=\"media_wrap clearfix\"><div class=\"media clearfix pull_left {class}\">\
                 <div class=\"body\"><div class=\"title bold\">\n{title}\n</div></div></div></div>"
            )
        };
        let fwd = "<div class=\"pull_left forwarded userpic_wrap\"></div><div class=\"forwarded body\">\
                   <div class=\"from_name\">\nBank via @bot<span class=\"date details\" title=\"x\"> 01.01.2024 10:00:00</span>\n</div>\
                   <div class=\"text\">\ninside\n</div></div>";
        let h = [
            msg(
                1,
                false,
                Some("A"),
                "01.01.2024 10:00:00",
                &media("media_voice_message", "Voice message"),
            ),
            msg(
                2,
                false,
                Some("A"),
                "01.01.2024 10:00:00",
                &media("media_video", "Video message"),
            ),
            msg(
                3,
                false,
                Some("A"),
                "01.01.2024 10:00:00",
                &media("media_video", "Video file"),
            ),
            msg(
                4,
                false,
                Some("A"),
                "01.01.2024 10:00:00",
                &media("media_photo", "Sticker"),
            ),
            msg(
                5,
                false,
                Some("A"),
                "01.01.2024 10:00:00",
                &media("media_photo", "Photo"),
            ),
            msg(
                6,
                false,
                Some("A"),
                "01.01.2024 10:00:00",
                &media("media_file", "a.pdf"),
            ),
            msg(
                7,
                false,
                Some("A"),
                "01.01.2024 10:00:00",
                &media("media_call", "B"),
            ),
            msg(8, false, Some("A via @gif"), "01.01.2024 10:00:00", fwd),
            msg(
                9,
                true,
                None,
                "01.01.2024 10:00:00",
                "<div class=\"forwarded body\"><div class=\"text\">\nagain\n</div></div>",
            ),
        ]
        .concat();
        let c = read(&[page(&h)]).expect("reads");
        use MediaKind::*;
        let kinds: Vec<_> = c.messages.iter().map(|m| m.media).collect();
        assert_eq!(
            kinds,
            [
                Some(Voice),
                Some(VideoNote),
                Some(Video),
                Some(Sticker),
                Some(Photo),
                Some(Document),
                Some(Other),
                None,
                None
            ]
        );
        assert_eq!(c.messages[7].sender.as_deref(), Some("A"));
        assert_eq!(c.messages[7].forwarded_from(), Some("Bank"));
        assert_eq!(c.messages[7].text, "inside");
        assert_eq!(c.messages[8].sender.as_deref(), Some("A"));
        assert_eq!(c.messages[8].forwarded_from(), Some("Bank"));
        assert_eq!(c.messages[8].text, "again");
    }

    #[test]
    fn titles_and_separators() {
        assert_eq!(
            iso_from_title("05.03.2024 14:07:00 UTC+06:00").as_deref(),
            Some("2024-03-05T14:07:00")
        );
        assert_eq!(
            iso_from_title("05.03.2024 14:07").as_deref(),
            Some("2024-03-05T14:07")
        );
        assert_eq!(iso_from_title("5.3.2024 14:07:00"), None);
        assert_eq!(iso_from_title("garbage"), None);
        assert!(is_date_separator("\n14 March 2025\n  "));
        assert!(!is_date_separator("A joined Telegram"));
    }

    #[test]
    fn page_names() {
        assert_eq!(page_name("messages.html"), Some(("messages", 1, ".html")));
        assert_eq!(
            page_name("Messages12.HTML"),
            Some(("Messages", 12, ".HTML"))
        );
        assert_eq!(page_name("messages0.html"), None);
        assert_eq!(page_name("messages1x.html"), None);
        assert_eq!(page_name("result.json"), None);
        assert_eq!(page_name("мessages.html"), None);
        assert_eq!(
            sibling_pages(Path::new("/nonexistent/dir/other.html")),
            vec![PathBuf::from("/nonexistent/dir/other.html")]
        );
        assert_eq!(
            sibling_pages(Path::new("/nonexistent/dir/messages3.html")),
            vec![PathBuf::from("/nonexistent/dir/messages3.html")]
        );
    }

    #[test]
    fn sniff() {
        assert!(looks_like(&page(&msg(1, false, Some("A"), "", ""))));
        assert!(!looks_like("<html><body>hi</body></html>"));
        assert!(!looks_like("{\"messages\": []}"));
    }

    #[test]
    fn cancel_stops_reading() {
        let stop = std::sync::atomic::AtomicBool::new(true);
        let ctl = ReadControl {
            progress: None,
            cancel: Some(&stop),
        };
        let p = page(&msg(1, false, Some("A"), "", &text("hi")));
        assert!(matches!(
            parse_pages(&[p], Path::new("m.html"), &ctl),
            Err(Error::Cancelled { .. })
        ));
    }

    #[test]
    fn deeply_nested_blocks_are_flattened_and_read() {
        // 100 000 nested `<div>`s made html5ever quadratic (25 s); the page is flattened to
        // a bounded depth first, so the text is read and the message kept.
        for tag in ["div", "blockquote", "ul"] {
            let n = 100_000;
            let deep = format!(
                "{}x{}",
                format!("<{tag}>").repeat(n),
                format!("</{tag}>").repeat(n)
            );
            let pages = [page(&format!(
                "{}{}",
                msg(1, false, Some("A"), "", &text(&deep)),
                msg(2, false, Some("B"), "", &text("after"))
            ))];
            let flat = super::super::html_depth::bounded(&pages[0]);
            assert!(flat.len() < pages[0].len() / 2, "{tag}: flattened");
            let c = read(&pages).expect("reads");
            assert_eq!(c.messages.len(), 2);
            assert_eq!(c.messages[0].text.trim(), "x");
            assert_eq!(c.messages[1].text, "after");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = format!("{}x{}", "<span>".repeat(50_000), "</span>".repeat(50_000));
        let c = read(&[page(&msg(1, false, Some("A"), "", &text(&deep)))]).expect("reads");
        assert_eq!(c.messages[0].text, "x");
    }
}
