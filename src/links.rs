//! Links, domains and numbers in the ORIGINAL message text, and judging hosts.
//!
//! Owns: finding links (with or without a scheme), their hosts and registrable domains in
//! the text exactly as the user pasted it (spans are byte ranges into that text, always on
//! char boundaries); judging a host (shortener, IP literal, punycode, mixed scripts,
//! look-alikes of Kazakh brands and state bodies, risky TLDs, APK downloads, userinfo
//! tricks); defanging links so they can be shown but never clicked; finding phone, card and
//! IBAN numbers; masking card numbers and IINs for sharing.
//!
//! Must not know about: rules and their scoring, Fluent/UI text, files or settings. It
//! contains no network code of any kind: the app never resolves, fetches or opens a link.

use std::borrow::Cow;
use std::net::Ipv6Addr;
use std::ops::Range;
use std::sync::LazyLock;

use linkify::{LinkFinder, LinkKind};
use regex::Regex;

// ---------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------

/// One link found in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkFinding {
    /// Byte range in the original text (on char boundaries); `&text[span] == raw`.
    pub span: Range<usize>,
    /// The link as written.
    pub raw: String,
    /// Lowercase ASCII (punycode) host, no trailing dot; an IP literal for IP hosts.
    pub host: String,
    /// The idna-decoded host (what a person sees); equals `host` when plain ASCII.
    pub host_unicode: String,
    /// Registrable domain (heuristic, see [`registrable_domain`]), or the IP.
    pub registrable: String,
    /// Never-clickable form, e.g. `hxxps://kaspi-kz[.]login-check[.]top/x` (see [`defang`]).
    pub defanged: String,
    /// What is suspicious about this link (empty when nothing is).
    pub issues: Vec<LinkIssue>,
}

/// Something suspicious about a link or host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkIssue {
    /// A URL shortener hides the real destination (bit.ly, cutt.ly, clck.ru, …).
    Shortener,
    /// The host is an IPv4 or IPv6 literal instead of a name.
    IpHost,
    /// Some host label is punycode (`xn--…`), i.e. the name uses non-ASCII letters.
    Punycode,
    /// A host label mixes Latin and Cyrillic (or Greek) letters, e.g. `еgov` with Cyrillic `е`.
    MixedScriptHost,
    /// The host names a Kazakh brand or state body but is not its real domain.
    Lookalike {
        /// The real domain of the imitated brand, e.g. `"kaspi.kz"`.
        brand: &'static str,
    },
    /// The top-level domain is cheap and heavily used for scams (`.top`, `.online`, …).
    RiskyTld,
    /// The link points at an Android package (`.apk`), or the host mentions "apk".
    ApkFile,
    /// Text before `@` in the authority poses as the host: `https://kaspi.kz@evil.example/`.
    UserInfoTrick,
}

/// A phone, card or IBAN number found in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFinding {
    /// Byte range in the original text (on char boundaries).
    pub span: Range<usize>,
    /// What kind of number it is.
    pub kind: NumberKind,
    /// The ASCII digits only; for an IBAN the compact upper-case form (`KZ00…`).
    pub digits: String,
}

/// The kind of a [`NumberFinding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A Kazakhstan (+7 / 8) phone number with ten digits after the prefix.
    Phone,
    /// A short official number that a scam may quote or imitate.
    OfficialPhone(OfficialNumber),
    /// A 16-digit payment card number (Luhn is not checked).
    Card,
    /// A Kazakhstan IBAN: `KZ` + 2 check digits + 16 alphanumerics.
    Iban,
}

/// Short official numbers recognised as standalone tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficialNumber {
    /// 1477, the National Bank of Kazakhstan contact centre.
    NationalBank1477,
    /// 102, the police.
    Police102,
}

// ---------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------

/// URL shorteners (registrable domains; subdomains count too).
const SHORTENERS: &[&str] = &[
    "bit.ly",
    "bit.do",
    "tinyurl.com",
    "cutt.ly",
    "clck.ru",
    "goo.su",
    "goo.gl",
    "t.ly",
    "t.co",
    "is.gd",
    "v.gd",
    "rb.gy",
    "ow.ly",
    "buff.ly",
    "tiny.cc",
    "shorturl.at",
    "vk.cc",
    "u.to",
    "qps.ru",
    "s.id",
    "rebrand.ly",
    "surl.li",
    "lnkd.in",
];

/// Top-level domains that are cheap and common in scam campaigns.
const RISKY_TLDS: &[&str] = &[
    "top", "site", "online", "icu", "xyz", "click", "shop", "live", "buzz", "vip", "win", "loan",
    "work", "rest", "cfd", "sbs", "monster", "quest", "bond", "zip", "mov", "tk", "ml", "ga", "cf",
    "gq",
];

/// Second-level labels under which registrations happen one level deeper
/// (`school45-astana.edu.kz`, `astana.gov.kz`, `example.co.uk`).
const SECOND_LEVEL: &[&str] = &["com", "gov", "edu", "org", "net", "mil", "co", "ac"];

/// Two-letter country-code TLDs (ISO 3166 based, plus `ac`, `eu`, `su`, `uk`). Used only
/// for links written without a scheme, so that prose like "Привет.OK" is not a link.
const CC_TLDS: &str = "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj \
bm bn bo br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm \
do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw \
gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz \
la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my \
mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs \
ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm \
tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";

/// Longer TLDs accepted for links written without a scheme (risky ones included on purpose,
/// and `apk` so that a bare "KaspiUpdate.apk" is reported as an APK link).
const LONG_TLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "app", "dev", "xyz", "top",
    "site", "online", "icu", "click", "shop", "live", "buzz", "vip", "win", "loan", "work", "rest",
    "cfd", "sbs", "monster", "quest", "bond", "zip", "mov", "store", "tech", "space", "website",
    "fun", "pro", "club", "link", "best", "life", "news", "cloud", "host", "press", "asia", "mobi",
    "name", "travel", "one", "digital", "email", "group", "page", "blog", "art", "bank", "support",
    "help", "apk",
];

/// A brand or state body that scams imitate.
struct Brand {
    /// Real registrable domains; the first one is reported as `Lookalike { brand }`.
    real: &'static [&'static str],
    /// Host tokens (split on `.`, `-`, `_`) that name the brand.
    tokens: &'static [&'static str],
    /// Whether a token *containing* a brand token (`kaspibonus`) counts too.
    substring: bool,
}

const BRANDS: &[Brand] = &[
    Brand {
        real: &["kaspi.kz"],
        tokens: &["kaspi", "каспи"],
        substring: true,
    },
    Brand {
        real: &["halykbank.kz", "homebank.kz"],
        tokens: &["halyk", "halykbank", "homebank"],
        substring: true,
    },
    Brand {
        real: &["egov.kz"],
        tokens: &["egov"],
        substring: true,
    },
    Brand {
        real: &["gov.kz"],
        tokens: &["gov"],
        substring: false,
    },
    Brand {
        real: &["nationalbank.kz"],
        tokens: &["nationalbank", "nbk", "natsbank"],
        substring: true,
    },
    Brand {
        real: &["kcell.kz"],
        tokens: &["kcell"],
        substring: true,
    },
    Brand {
        real: &["beeline.kz"],
        tokens: &["beeline"],
        substring: true,
    },
    Brand {
        real: &["tele2.kz"],
        tokens: &["tele2"],
        substring: true,
    },
    Brand {
        real: &["activ.kz"],
        tokens: &["activ"],
        substring: false,
    },
    Brand {
        real: &["altel.kz"],
        tokens: &["altel"],
        substring: true,
    },
    Brand {
        real: &["olx.kz"],
        tokens: &["olx"],
        substring: false,
    },
    Brand {
        real: &["krisha.kz"],
        tokens: &["krisha"],
        substring: true,
    },
    Brand {
        real: &["kazpost.kz", "post.kz"],
        tokens: &["kazpost"],
        substring: true,
    },
    Brand {
        real: &["jusan.kz"],
        tokens: &["jusan"],
        substring: true,
    },
    Brand {
        real: &["bcc.kz"],
        tokens: &["centercredit"],
        substring: true,
    },
    Brand {
        real: &["freedombank.kz"],
        tokens: &["freedom"],
        substring: false,
    },
    Brand {
        real: &["homecredit.kz"],
        tokens: &["homecredit"],
        substring: true,
    },
    Brand {
        real: &["forte.kz"],
        tokens: &["fortebank"],
        substring: true,
    },
];

/// Ordinary words one edit away from a brand token; never look-alikes.
const NOT_LOOKALIKE: &[&str] = &["active", "krishna", "susan", "beelink"];

/// Token prefixes that are other words ("Caspian": kaspiy, kaspian), not Kaspi look-alikes.
const NOT_LOOKALIKE_PREFIXES: &[&str] = &["kaspiy", "kaspian"];

// ---------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------

/// Bare or schemed IPv4 URLs, for what linkify misses (checked again by the same parser).
static IPV4_URL: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, tested pattern.
    Regex::new(
        r#"(?i)(?:(?:https?|hxxps?|ftps?)://)?(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?::[0-9]{1,5})?(?:[/?#][^\s<>"«»“”]*)?"#,
    )
    .expect("constant regex")
});

/// Schemed IPv6-literal URLs (linkify does not find them).
static IPV6_URL: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, tested pattern.
    Regex::new(
        r#"(?i)(?:https?|hxxps?|ftps?)://\[[0-9a-f:.]{2,45}\](?::[0-9]{1,5})?(?:[/?#][^\s<>"«»“”]*)?"#,
    )
    .expect("constant regex")
});

/// Where `://` first occurs in `s`, with a searcher built once (most texts are short, and
/// `str::find` sets one up on every call).
fn find_scheme_sep(s: &str) -> Option<usize> {
    static SEP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("://"));
    SEP.find(s.as_bytes())
}

/// Cheap test before the real search: every link has `://` or a dot followed directly by a
/// non-space character (a host's `.` between labels), which most chat messages lack.
fn may_contain_link(text: &str) -> bool {
    let b = text.as_bytes();
    find_scheme_sep(text).is_some()
        || memchr::memchr_iter(b'.', b).any(|i| {
            b.get(i + 1).is_some_and(|&n| {
                !n.is_ascii_whitespace() && !matches!(n, b'.' | b',' | b')' | b'"')
            })
        })
}

/// Find the links in `text` (with or without a scheme; e-mail addresses are not links) and
/// judge each one. Results are ordered by position and never overlap.
pub fn find_links(text: &str) -> Vec<LinkFinding> {
    if !may_contain_link(text) {
        return Vec::new();
    }
    let mut finder = LinkFinder::new();
    finder
        .url_must_have_scheme(false)
        .kinds(&[LinkKind::Url, LinkKind::Email]);

    let mut candidates: Vec<LinkFinding> = Vec::new();
    let mut emails: Vec<Range<usize>> = Vec::new();
    for link in finder.links(text) {
        match link.kind() {
            LinkKind::Url => candidates.extend(analyse_candidate(text, link.start(), link.end())),
            _ => emails.push(link.start()..link.end()),
        }
    }
    // Each regex needs what a cheap byte scan can rule out first: an IPv4 address has a
    // digit, a dot and a digit in a row, an IPv6 URL has `://[`.
    let bytes = text.as_bytes();
    let ipv4 = memchr::memchr_iter(b'.', bytes).any(|i| {
        i.checked_sub(1)
            .and_then(|p| bytes.get(p))
            .is_some_and(u8::is_ascii_digit)
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
    });
    let ipv6 = text.contains("://[");
    for (re, may_match) in [(&*IPV4_URL, ipv4), (&*IPV6_URL, ipv6)] {
        if !may_match {
            continue;
        }
        for m in re.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '/') {
                continue;
            }
            // Emails come sorted and never overlap each other.
            let i = emails.partition_point(|e| e.end <= m.start());
            if emails.get(i).is_some_and(|e| e.start < m.end()) {
                continue;
            }
            candidates.extend(analyse_candidate(text, m.start(), m.end()));
        }
    }

    // Order by position; of overlapping candidates keep the longest.
    candidates.sort_by(|a, b| (a.span.start, b.span.len()).cmp(&(b.span.start, a.span.len())));
    let mut kept: Vec<LinkFinding> = Vec::new();
    for c in candidates {
        while let Some(last) = kept.last() {
            if !overlaps(&last.span, &c.span) {
                break;
            }
            if last.span.len() >= c.span.len() {
                break;
            }
            kept.pop();
        }
        if kept
            .last()
            .is_none_or(|last| !overlaps(&last.span, &c.span))
        {
            kept.push(c);
        }
    }
    kept
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Characters that can be part of a host run as written (before idna mapping).
fn is_host_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '.' || c == '_' || is_ignorable(c)
}

/// Invisible characters idna drops (zero-width space/joiners, soft hyphen, BOM).
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Characters that end a path: they do not occur unencoded in real URLs but do in prose.
fn is_path_stop(c: char) -> bool {
    matches!(
        c,
        '«' | '»' | '“' | '”' | '„' | '‹' | '›' | '—' | '–' | '…' | '<' | '>' | '"' | '`'
    ) || is_ignorable(c)
        || c.is_whitespace()
}

fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.len() <= 10
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// A host as found in the text, before judging.
struct HostParse {
    /// Range of the host within the original text.
    range: Range<usize>,
    /// `true` when the host was cut short (Kazakh suffix, prose around it): nothing after
    /// it belongs to the link.
    cut: bool,
    /// Lowercase ASCII (punycode) host, or the IP.
    ascii: String,
    /// Whether the host is an IP literal.
    is_ip: bool,
}

/// Parse a candidate `text[start..end]` from linkify or a fallback regex into findings
/// (usually one; prose glued between two hosts without spaces can yield more).
fn analyse_candidate(text: &str, start: usize, end: usize) -> Vec<LinkFinding> {
    let Some(cand) = text.get(start..end) else {
        return Vec::new();
    };
    // Leading junk linkify may include with IRI parsing on («, —, quotes).
    let Some(lead) = cand
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric() || c == '[')
        .map(|(i, _)| i)
    else {
        return Vec::new();
    };
    let start = start + lead;
    let cand = &cand[lead..];

    let (scheme, auth_start) = match find_scheme_sep(cand) {
        Some(i) if is_scheme(&cand[..i]) => (true, i + 3),
        _ => (false, 0),
    };
    let auth_end = cand[auth_start..]
        .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
        .map_or(cand.len(), |i| auth_start + i);
    let authority = &cand[auth_start..auth_end];

    let (host_start, userinfo) = match (scheme, authority.rfind('@')) {
        (true, Some(at)) => (auth_start + at + 1, true),
        (false, Some(_)) => return Vec::new(),
        (_, None) => (auth_start, false),
    };
    let area = &cand[host_start..auth_end];
    let base = start + host_start;

    // Hosts: an IPv6 literal, the run right after the scheme, or (without a scheme) every
    // valid run of host characters.
    let mut hosts: Vec<HostParse> = Vec::new();
    if let Some(inner_and_rest) = area.strip_prefix('[') {
        let ip = inner_and_rest
            .find(']')
            .and_then(|close| Some((close, inner_and_rest[..close].parse::<Ipv6Addr>().ok()?)));
        if let Some((close, ip)) = ip {
            hosts.push(HostParse {
                range: base..base + close + 2,
                cut: false,
                ascii: ip.to_string(),
                is_ip: true,
            });
        }
    } else {
        let runs = host_runs(area);
        let runs = if scheme {
            &runs[..runs.len().min(1)]
        } else {
            &runs[..]
        };
        for run in runs {
            if scheme && run.start != 0 {
                continue;
            }
            if let Some((local, cut, ascii, is_ip)) = process_run(area, run.clone(), !scheme) {
                hosts.push(HostParse {
                    range: base + local.start..base + local.end,
                    cut,
                    ascii,
                    is_ip,
                });
            }
        }
    }

    let mut out = Vec::new();
    for host in hosts {
        // Port, then path: only when nothing was cut between the host and them.
        let mut link_end = host.range.end;
        let mut has_port = false;
        let mut path = "";
        if !host.cut {
            let after = &text[link_end..start + auth_end];
            if let Some(port) = after.strip_prefix(':')
                && (1..=5).contains(&port.len())
                && port.bytes().all(|b| b.is_ascii_digit())
            {
                has_port = true;
                link_end = start + auth_end;
            }
            if link_end == start + auth_end {
                let rest = &cand[auth_end..];
                if rest.starts_with(['/', '?', '#']) {
                    path = trim_path(rest);
                    link_end += path.len();
                }
            }
        }
        // A bare IPv4 without scheme, port or path is more likely a version or a number.
        if host.is_ip && !scheme && !has_port && path.is_empty() {
            continue;
        }
        let link_start = if scheme { start } else { host.range.start };
        if let Some(raw) = text.get(link_start..link_end) {
            out.push(finding(
                raw, link_start, host.ascii, host.is_ip, userinfo, path,
            ));
        }
    }
    out
}

/// Judge a located link and build its finding.
fn finding(
    raw: &str,
    start: usize,
    host: String,
    is_ip: bool,
    userinfo: bool,
    path: &str,
) -> LinkFinding {
    let host_unicode = if is_ip {
        host.clone()
    } else {
        let (u, res) = idna::domain_to_unicode(&host);
        if res.is_ok() { u } else { host.clone() }
    };
    let registrable = registrable_domain(&host);
    let mut issues = host_issues(&host, &host_unicode, &registrable, is_ip);
    if userinfo {
        issues.insert(0, LinkIssue::UserInfoTrick);
    }
    if !issues.contains(&LinkIssue::ApkFile) && path_is_apk(path) {
        issues.push(LinkIssue::ApkFile);
    }
    LinkFinding {
        span: start..start + raw.len(),
        raw: raw.to_string(),
        host,
        host_unicode,
        registrable,
        defanged: defang(raw),
        issues,
    }
}

/// Maximal runs of host characters in `area`.
fn host_runs(area: &str) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut cur: Option<usize> = None;
    for (i, c) in area.char_indices() {
        match (is_host_char(c), cur) {
            (true, None) => cur = Some(i),
            (false, Some(s)) => {
                runs.push(s..i);
                cur = None;
            }
            _ => {}
        }
    }
    if let Some(s) = cur {
        runs.push(s..area.len());
    }
    runs
}

/// Trim, cut and validate one host run; returns (range in `area`, cut, ascii host, is_ip).
fn process_run(
    area: &str,
    run: Range<usize>,
    schemeless: bool,
) -> Option<(Range<usize>, bool, String, bool)> {
    let trim = |c: char| matches!(c, '.' | '-' | '_') || is_ignorable(c);
    let full = area.get(run.clone())?;
    let mut s = run.start + (full.len() - full.trim_start_matches(trim).len());
    let mut e = run.start + full.trim_end_matches(trim).len();
    if s >= e {
        return None;
    }
    // Kazakh/Russian suffix glued to the TLD: "Kaspi.kz-тен", "kaspi.kzарқылы".
    let host = &area[s..e];
    let last_dot = host.rfind('.')?;
    if let Some(cut_at) = suffix_cut(&host[last_dot + 1..]) {
        e = s + last_dot + 1 + cut_at;
    }
    // Prose glued before the host: "сайтkaspi.kz" (not "еgov.kz" with one homoglyph).
    if schemeless && let Some(skip) = prose_prefix(&area[s..e]) {
        s += skip;
    }
    let host = area[s..e].trim_end_matches(trim);
    e = s + host.len();
    if host.is_empty() || host.split('.').any(str::is_empty) || !host.contains('.') {
        return None;
    }
    let cut = e != run.end;

    if host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return is_ipv4(host).then(|| (s..e, cut, host.to_string(), true));
    }
    let ascii = to_ascii_host(host)?;
    if schemeless {
        let tld = ascii.rsplit('.').next().unwrap_or_default();
        if !tld_ok(tld) {
            return None;
        }
    }
    Some((s..e, cut, ascii, false))
}

/// In a last label like `kz-тен` or `kzарқылы`, the byte offset where the ASCII TLD ends.
fn suffix_cut(label: &str) -> Option<usize> {
    let ascii_len = label
        .char_indices()
        .find(|&(_, c)| !c.is_ascii_alphabetic())
        .map_or(label.len(), |(i, _)| i);
    if ascii_len < 2 || ascii_len == label.len() {
        return None;
    }
    let rest = &label[ascii_len..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    rest.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !c.is_ascii())
        .then_some(ascii_len)
}

/// Length in bytes of a glued prose word before an ASCII host: a leading run of ≥ 2
/// non-ASCII letters, containing a letter that is no Latin homoglyph, then ASCII letters.
fn prose_prefix(host: &str) -> Option<usize> {
    let first_label = host.split(['.', '-']).next()?;
    let nonascii = first_label
        .char_indices()
        .find(|&(_, c)| c.is_ascii())
        .map(|(i, _)| i)?;
    let prefix = &first_label[..nonascii];
    let rest = &first_label[nonascii..];
    (prefix.chars().count() >= 2
        && prefix.chars().all(char::is_alphabetic)
        && prefix.chars().any(|c| homoglyph(c).is_none())
        && rest.len() >= 2
        && rest.chars().all(|c| c.is_ascii_alphanumeric()))
    .then_some(nonascii)
}

fn tld_ok(tld: &str) -> bool {
    (tld.len() == 2 && CC_TLDS.split(' ').any(|t| t == tld))
        || LONG_TLDS.contains(&tld)
        || tld.starts_with("xn--")
}

fn is_ipv4(s: &str) -> bool {
    // Most hosts have a letter: no part to parse.
    if !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return false;
    }
    let mut parts = 0;
    for p in s.split('.') {
        parts += 1;
        if parts > 4 || !(1..=3).contains(&p.len()) || !p.parse::<u16>().is_ok_and(|n| n <= 255) {
            return false;
        }
    }
    parts == 4
}

/// Lowercase ASCII (punycode) form of a host as written; `None` if it cannot be encoded.
fn to_ascii_host(host: &str) -> Option<String> {
    let ascii = match idna::domain_to_ascii(host) {
        Ok(a) => a,
        Err(_) if host.is_ascii() => host.to_ascii_lowercase(),
        Err(_) => {
            // idna refused (e.g. invalid bidi); encode label by label so the host is kept.
            let mut labels = Vec::new();
            for label in host.split('.') {
                let label: String = label.chars().filter(|c| !is_ignorable(*c)).collect();
                if label.is_ascii() {
                    labels.push(label.to_ascii_lowercase());
                } else {
                    let lower = label.to_lowercase();
                    labels.push(format!("xn--{}", idna::punycode::encode_str(&lower)?));
                }
            }
            labels.join(".")
        }
    };
    let mut ascii = ascii;
    ascii.truncate(ascii.trim_end_matches('.').len());
    (!ascii.is_empty() && ascii.is_ascii()).then_some(ascii)
}

/// Trim prose from the end of a path (starting with `/`, `?` or `#`).
fn trim_path(rest: &str) -> &str {
    let stop = rest
        .char_indices()
        .find(|&(_, c)| is_path_stop(c))
        .map_or(rest.len(), |(i, _)| i);
    let mut p = &rest[..stop];
    // Unmatched closing brackets at the end belong to the prose: "(see kaspi.kz/x)".
    // Brackets are ASCII: one pass over the bytes counts them all.
    let mut balance = [0isize; 3];
    for b in p.bytes() {
        match b {
            b'(' => balance[0] += 1,
            b')' => balance[0] -= 1,
            b'[' => balance[1] += 1,
            b']' => balance[1] -= 1,
            b'{' => balance[2] += 1,
            b'}' => balance[2] -= 1,
            _ => {}
        }
    }
    while let Some(c) = p.chars().next_back() {
        let drop = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' => true,
            ')' => balance[0] < 0,
            ']' => balance[1] < 0,
            '}' => balance[2] < 0,
            _ => false,
        };
        if !drop || p.len() <= 1 {
            break;
        }
        match c {
            ')' => balance[0] += 1,
            ']' => balance[1] += 1,
            '}' => balance[2] += 1,
            _ => {}
        }
        p = &p[..p.len() - c.len_utf8()];
    }
    p
}

fn path_is_apk(path: &str) -> bool {
    if path.is_ascii() {
        // Most paths: found in place, without a lowercased copy.
        let b = path.as_bytes();
        return b.windows(4).enumerate().any(|(i, w)| {
            w.eq_ignore_ascii_case(b".apk")
                && b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric())
        });
    }
    let lower = path.to_lowercase();
    lower.match_indices(".apk").any(|(i, m)| {
        lower[i + m.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Registrable domain of a lowercase host — a heuristic without the public-suffix list:
/// the last two labels, or the last three when the second-to-last is one of
/// com/gov/edu/org/net/mil/co/ac (`school45-astana.edu.kz`, `astana.gov.kz`).
/// IP literals are returned unchanged.
pub fn registrable_domain(host: &str) -> String {
    let host = host.trim_end_matches('.');
    if is_ipv4(host) || host.contains(':') {
        return host.to_string();
    }
    // The dots before the last, the second last and the third last label.
    let mut dots = host.rmatch_indices('.').map(|(i, _)| i);
    let (Some(last), Some(second)) = (dots.next(), dots.next()) else {
        return host.to_string();
    };
    let from = if SECOND_LEVEL.contains(&&host[second + 1..last]) {
        dots.next().map_or(0, |third| third + 1)
    } else {
        second + 1
    };
    host[from..].to_string()
}

/// Judge a host as written (ASCII, punycode or Unicode; any case; IP literals allowed,
/// IPv6 with or without brackets). Returns the host-only issues: never `UserInfoTrick`,
/// and `ApkFile` only when the host itself mentions apk.
pub fn judge_host(host: &str) -> Vec<LinkIssue> {
    let host = host.trim().trim_end_matches('.');
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    if is_ipv4(bare) || bare.parse::<Ipv6Addr>().is_ok() {
        return vec![LinkIssue::IpHost];
    }
    let Some(ascii) = to_ascii_host(host) else {
        return Vec::new();
    };
    let (unicode, res) = idna::domain_to_unicode(&ascii);
    let unicode = if res.is_ok() { unicode } else { ascii.clone() };
    let registrable = registrable_domain(&ascii);
    host_issues(&ascii, &unicode, &registrable, false)
}

fn host_issues(ascii: &str, unicode: &str, registrable: &str, is_ip: bool) -> Vec<LinkIssue> {
    if is_ip {
        return vec![LinkIssue::IpHost];
    }
    let mut issues = Vec::new();
    if SHORTENERS.iter().any(|s| is_within(ascii, s)) {
        issues.push(LinkIssue::Shortener);
    }
    if ascii.split('.').any(|l| l.starts_with("xn--")) {
        issues.push(LinkIssue::Punycode);
    }
    if unicode.split('.').any(mixed_script) {
        issues.push(LinkIssue::MixedScriptHost);
    }
    for brand in lookalikes(ascii, unicode, registrable) {
        issues.push(LinkIssue::Lookalike { brand });
    }
    let tld = ascii.rsplit('.').next().unwrap_or_default();
    if RISKY_TLDS.contains(&tld) {
        issues.push(LinkIssue::RiskyTld);
    }
    if tld == "apk" || ascii.contains("apk") {
        issues.push(LinkIssue::ApkFile);
    }
    issues
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
}

fn script(c: char) -> Option<Script> {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
            Some(Script::Latin)
        }
        '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{A640}'..='\u{A69F}' => {
            Some(Script::Cyrillic)
        }
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Script::Greek),
        _ => None,
    }
}

fn mixed_script(label: &str) -> bool {
    let mut first: Option<Script> = None;
    for s in label.chars().filter_map(script) {
        match first {
            None => first = Some(s),
            Some(f) if f != s => return true,
            _ => {}
        }
    }
    false
}

/// Latin letter a Cyrillic or Greek lowercase letter is confused with.
fn homoglyph(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ё' | 'ε' => 'e',
        'һ' | 'н' => 'h',
        'і' | 'ї' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'ӏ' => 'l',
        'м' => 'm',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' => 'w',
        'х' | 'ҳ' | 'χ' => 'x',
        'у' | 'ү' => 'y',
        _ => return None,
    })
}

/// Map Cyrillic/Greek homoglyphs to Latin; `None` for a token that is ASCII already (nothing
/// to map) or does not become all ASCII.
fn deconfuse(token: &str) -> Option<String> {
    if token.is_ascii() {
        // Nothing to map: the caller only wants a token that changed.
        return None;
    }
    let mapped: String = token
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c
            } else {
                homoglyph(c).unwrap_or(c)
            }
        })
        .collect();
    mapped.is_ascii().then_some(mapped)
}

/// Real domains of the brands this host imitates (empty for genuine or unrelated hosts).
fn lookalikes<'u>(ascii: &str, unicode: &'u str, registrable: &str) -> Vec<&'static str> {
    let labels: Vec<&'u str> = unicode.split('.').collect();
    // Room for the tokens of a usual host (growing one by one cost several allocations).
    let mut cands: Vec<Candidate<'u>> = Vec::with_capacity(8);
    // What every brand asks of a candidate, worked out once.
    let mut push = |c: Cow<'u, str>| {
        cands.push(Candidate {
            chars: c.chars().count(),
            ascii: c.is_ascii(),
            excluded: NOT_LOOKALIKE.contains(&&*c)
                || NOT_LOOKALIKE_PREFIXES.iter().any(|p| c.starts_with(p)),
            text: c,
        })
    };
    for (li, label) in labels.iter().enumerate() {
        // "post.kz…" names Kazpost.
        if *label == "post"
            && labels
                .get(li + 1)
                .is_some_and(|next| next.split('-').next() == Some("kz"))
        {
            push(Cow::Borrowed("kazpost"));
        }
        let mut tokens = label.split(['-', '_']).filter(|t| !t.is_empty()).peekable();
        while let Some(t) = tokens.next() {
            if t == "e" && tokens.peek() == Some(&"gov") {
                // "e-gov" names eGov, not gov.kz.
                push(Cow::Borrowed("egov"));
                tokens.next();
                continue;
            }
            push(Cow::Borrowed(t));
            if let Some(d) = deconfuse(t)
                && d != t
            {
                push(Cow::Owned(d));
            }
        }
    }
    // The brands some candidate names (bit = index in BRANDS), then, in BRANDS order, those
    // this host is not genuinely one of.
    let mut named = 0u64;
    for c in &cands {
        for t in TOKENS.iter() {
            if named & 1 << t.brand == 0 && token_matches(c, t) {
                named |= 1 << t.brand;
            }
        }
    }
    let mut found: Vec<&'static str> = Vec::new();
    for (bi, brand) in BRANDS.iter().enumerate() {
        if named & 1 << bi == 0 || brand_genuine(brand, ascii, registrable, &labels) {
            continue;
        }
        if !found.contains(&brand.real[0]) {
            found.push(brand.real[0]);
        }
    }
    found
}

// `lookalikes` keeps the brands a host names in the bits of a u64.
const _: () = assert!(BRANDS.len() <= 64);

/// A brand's host token with what [`token_matches`] asks of it, worked out once.
struct Token {
    text: &'static str,
    /// Index of its brand in [`BRANDS`].
    brand: usize,
    /// Length in chars.
    chars: usize,
    ascii: bool,
    /// The brand's `substring`.
    substring: bool,
}

/// Every brand's tokens, in [`BRANDS`] order.
static TOKENS: LazyLock<Vec<Token>> = LazyLock::new(|| {
    BRANDS
        .iter()
        .enumerate()
        .flat_map(|(brand, b)| {
            b.tokens.iter().map(move |&text| Token {
                text,
                brand,
                chars: text.chars().count(),
                ascii: text.is_ascii(),
                substring: b.substring,
            })
        })
        .collect()
});

/// A host token [`lookalikes`] compares with the brands.
struct Candidate<'a> {
    text: Cow<'a, str>,
    /// Its length in chars.
    chars: usize,
    /// It is all ASCII.
    ascii: bool,
    /// A word that only looks like a brand's (see [`NOT_LOOKALIKE`]): only an exact token
    /// counts.
    excluded: bool,
}

/// `host` is `domain` or one of its subdomains. The byte before the suffix is checked
/// first: for most pairs it is not a dot, and no longer comparison is needed.
fn is_within(host: &str, domain: &str) -> bool {
    host == domain
        || (host.len() > domain.len()
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
            && host.ends_with(domain))
}

fn brand_genuine(brand: &Brand, ascii: &str, registrable: &str, labels: &[&str]) -> bool {
    let real = brand
        .real
        .iter()
        .any(|r| registrable == *r || is_within(ascii, r));
    // Any government's own domains (nasa.gov, x.gov.uk, astana.gov.kz) are not gov.kz fakes.
    let gov_elsewhere = brand.real[0] == "gov.kz"
        && labels.len() >= 2
        && (labels[labels.len() - 1] == "gov" || labels[labels.len() - 2] == "gov");
    real || gov_elsewhere
}

/// Whether host token `cand` names the brand of token `t`: the same word, a word containing
/// it (brands with `substring`), or, for ASCII words of five letters or more, one edit or
/// swap away from it.
fn token_matches(cand: &Candidate, t: &Token) -> bool {
    let Candidate {
        text: ref cand,
        chars: c_len,
        ascii,
        excluded,
    } = *cand;
    let cand: &str = cand;
    // The first byte first: most pairs of one length differ there, and the full compare is
    // a call.
    if cand.len() == t.text.len()
        && cand.as_bytes().first() == t.text.as_bytes().first()
        && cand == t.text
    {
        return true;
    }
    if excluded {
        return false;
    }
    // The byte lengths rule most pairs out before any char is read: a token inside the
    // candidate is shorter in bytes too, and an ASCII pair one edit apart differs in
    // length by at most one.
    let contains = t.substring
        && cand.len() > t.text.len()
        && t.chars >= 4
        && c_len > t.chars
        && contains_short(cand, t.text);
    contains
        || (c_len >= 5
            && ascii
            && t.text.len() >= 4
            && cand.len().abs_diff(t.text.len()) <= 1
            && t.ascii
            && osa1(cand, t.text))
}

/// `hay.contains(needle)` for a short needle: each place its first byte occurs is compared,
/// with none of the set-up of the general substring search.
fn contains_short(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    memchr::memchr_iter(first, h).any(|i| h.get(i..i + n.len()) == Some(n))
}

/// Whether the optimal-string-alignment distance (edits + adjacent swaps) is exactly 1.
/// The bytes both share at the start and at the end tell: around one edit or swap, all
/// the rest lines up.
fn osa1(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    // One edit or swap past the second byte leaves the first in place; one at the first
    // leaves the second in place, or moves one of the two first bytes to the other's place.
    let (a0, a1, b0, b1) = (a.first(), a.get(1), b.first(), b.get(1));
    if !(a0 == b0 || a1 == b1 || a1 == b0 || a0 == b1) {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    if a.len() != b.len() {
        // One byte more in the longer: it can go where the shared ends meet or overlap.
        return prefix + suffix >= a.len().min(b.len());
    }
    if prefix == a.len() {
        return false;
    }
    // Equal lengths: one byte differs, or two neighbours are swapped.
    prefix + suffix + 1 == a.len()
        || (prefix + suffix + 2 == a.len()
            && a.get(prefix) == b.get(prefix + 1)
            && a.get(prefix + 1) == b.get(prefix))
}

/// Make one link safe to show: the scheme `http` becomes `hxxp` (case kept, wherever
/// `http://` or `https://` occurs) and every `.` in the host part becomes `[.]` — the
/// host part as [`defang_host_part`] defines it, plus the host after any later `://`
/// (redirect parameters such as `?next=https://evil.top`). Dots already written as `[.]`
/// stay. For a whole message use [`defang_text`].
pub fn defang(s: &str) -> String {
    let s = &*strip_bidi(s);
    let hosts = defang_hosts(s);
    // The text between the dots to wrap is copied whole.
    let mut out = String::with_capacity(s.len() + 16);
    let mut copied = 0;
    for h in &hosts {
        let Some(host) = s.get(h.clone()) else {
            continue;
        };
        for i in memchr::memchr_iter(b'.', host.as_bytes()).map(|i| h.start + i) {
            // A '.' is one byte, so `i` and `i + 1` are char boundaries.
            let wrapped = s[..i].ends_with('[') && s[i + 1..].starts_with(']');
            if !wrapped {
                out.push_str(&s[copied..i]);
                out.push_str("[.]");
                copied = i + 1;
            }
        }
    }
    out.push_str(&s[copied..]);
    unscheme(&out)
}

/// The host parts [`defang`] wraps the dots of: [`defang_host_part`], then the host after
/// each later `://`. Sorted, not overlapping.
fn defang_hosts(s: &str) -> Vec<Range<usize>> {
    let mut hosts = vec![defang_host_part(s)];
    let mut from = hosts[0].end;
    while let Some(i) = s.get(from..).and_then(find_scheme_sep) {
        let start = from + i + 3;
        let end = s[start..]
            .find(|c: char| matches!(c, '/' | '?' | '#' | '&') || c.is_whitespace())
            .map_or(s.len(), |j| start + j);
        hosts.push(start..end);
        from = end;
    }
    hosts
}

/// The host part of a link as [`defang`] sees it: after a leading `scheme://` (or from the
/// start when `s` does not begin with one) up to the first `/`, `?`, `#` or whitespace.
pub fn defang_host_part(s: &str) -> Range<usize> {
    let start = match find_scheme_sep(s) {
        Some(i) if is_scheme(&s[..i]) => i + 3,
        _ => 0,
    };
    let end = s[start..]
        .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
        .map_or(s.len(), |i| start + i);
    start..end
}

/// Copy of `text` with every link [`find_links`] finds replaced by its defanged form, and
/// without bidi controls ([`strip_bidi`]), which could otherwise cut a link short and show
/// its rest reversed.
pub fn defang_text(text: &str) -> String {
    let text = &*strip_bidi(text);
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for link in find_links(text) {
        out.push_str(&text[at..link.span.start]);
        out.push_str(&link.defanged);
        at = link.span.end;
    }
    out.push_str(&text[at..]);
    unscheme(&out)
}

/// True for the invisible controls that reorder bidirectional text (U+202E RIGHT-TO-LEFT
/// OVERRIDE shows `https://kaspi.kz` + U+202E + `pot.live` as `https://kaspi.kzevil.top`)
/// and the marks that steer it. Views drop them before showing text or finding links in
/// it, as normalization does before the rules.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// `text` without bidi controls ([`is_bidi_control`]); borrowed when it has none.
pub fn strip_bidi(text: &str) -> std::borrow::Cow<'_, str> {
    strip_bidi_spans(text, &mut [])
}

/// `text` without bidi controls, with `spans` (byte ranges into `text`) moved to the same
/// characters of the result. A span edge inside a removed control moves to its start.
pub fn strip_bidi_spans<'t>(
    text: &'t str,
    spans: &mut [Range<usize>],
) -> std::borrow::Cow<'t, str> {
    // Every control is encoded with a lead byte D8 (U+061C) or E2 (the others): most texts
    // have neither, and are not decoded at all.
    if memchr::memchr2(0xD8, 0xE2, text.as_bytes()).is_none() || !text.chars().any(is_bidi_control)
    {
        return std::borrow::Cow::Borrowed(text);
    }
    // Each removed control: (its position in `text`, its length, bytes removed before it).
    let mut removed: Vec<(usize, usize, usize)> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut gone = 0;
    for (i, c) in text.char_indices() {
        if is_bidi_control(c) {
            removed.push((i, c.len_utf8(), gone));
            gone += c.len_utf8();
        } else {
            out.push(c);
        }
    }
    let shift = |at: usize| match removed.partition_point(|&(p, _, _)| p < at) {
        0 => at,
        k => {
            let (p, len, before) = removed[k - 1];
            if at < p + len {
                p - before
            } else {
                at - before - len
            }
        }
    };
    for s in spans.iter_mut() {
        let (a, b) = (shift(s.start), shift(s.end));
        *s = a.min(out.len())..b.clamp(a.min(out.len()), out.len());
    }
    std::borrow::Cow::Owned(out)
}

/// Replace `http` (any case) before `://` or `s://` with `hxxp`, keeping the case.
fn unscheme(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(k) = s.get(from..).and_then(find_scheme_sep) {
        let at = from + k;
        from = at + 3;
        // `http` right before `://` or `s://`, not overlapping the last one replaced.
        let http = |end: usize| {
            end.checked_sub(4)
                .filter(|&st| st >= copied && b[st..end].eq_ignore_ascii_case(b"http"))
        };
        let st = match at.checked_sub(1).map(|i| b[i]) {
            // An `s` before `://` is no `http`'s last letter: only `https` can end there.
            Some(b's' | b'S') => http(at - 1),
            _ => http(at),
        };
        if let Some(st) = st {
            // `st` is at an ASCII `h`: a char boundary.
            out.push_str(&s[copied..st]);
            out.push(char::from(b[st]));
            for &c in &b[st + 1..st + 3] {
                out.push(if c.is_ascii_uppercase() { 'X' } else { 'x' });
            }
            out.push(char::from(b[st + 3]));
            copied = st + 4;
        }
    }
    out.push_str(&s[copied..]);
    out
}

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

/// Separators allowed between digit groups of one number.
fn is_num_sep(c: char) -> bool {
    matches!(c, ' ' | '-' | '\u{00A0}' | '\u{2009}' | '\u{202F}')
}

static PHONE_RE: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, tested pattern.
    Regex::new(r"(?:\+[ \u{A0}]?7|8)(?:[ \u{A0}\u{2009}\u{202F}\-()]{0,2}[0-9]){10}")
        .expect("constant regex")
});

static CARD_RE: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, tested pattern.
    Regex::new(r"[0-9]{4}(?:[ \u{A0}\u{2009}\u{202F}\-]?[0-9]{4}){3}").expect("constant regex")
});

static IBAN_RE: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, tested pattern.
    Regex::new(r"(?i:kz)[0-9]{2}(?:[ \u{A0}]?[0-9A-Za-z]){16}").expect("constant regex")
});

static DIGITS_RE: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, tested pattern.
    Regex::new(r"[0-9]+").expect("constant regex")
});

/// Words after a number that make it an amount (checked lowercase, as prefixes).
const MONEY_AFTER: &[&str] = &[
    "₸",
    "тг",
    "тенге",
    "теңге",
    "тнг",
    "kzt",
    "tg",
    "мың",
    "тыс",
    "млн",
    "млрд",
    "руб",
    "₽",
    "$",
    "€",
    "%",
    "usd",
    "eur",
    "доллар",
    "евро",
];

/// Words before a number that make it an article, address or item number, not a phone.
const NOT_PHONE_BEFORE: &[&str] = &[
    "ст.",
    "ст",
    "статья",
    "статьи",
    "статье",
    "статьей",
    "бап",
    "бабы",
    "бабының",
    "article",
    "art.",
    "п.",
    "пункт",
    "№",
    "no.",
    "дом",
    "д.",
    "кв.",
    "кв",
    "үй",
    "пәтер",
    "офис",
    "каб.",
    "кабинет",
    "корпус",
    "блок",
];

/// Street words: a number up to three words after one is a house number, not a phone.
const STREET_WORDS: &[&str] = &[
    "даңғылы",
    "көшесі",
    "көш.",
    "ул.",
    "ул",
    "улица",
    "улице",
    "пр.",
    "пр-т",
    "проспект",
    "мкр",
    "мкр.",
    "шағынаудан",
    "микрорайон",
    "street",
    "st.",
    "avenue",
    "ave.",
];

/// Find phone numbers, short official numbers (1477, 102), cards and KZ IBANs in `text`.
/// Dates, times and amounts are not numbers here. Ordered by position, never overlapping.
pub fn find_numbers(text: &str) -> Vec<NumberFinding> {
    // Most messages have few digits: count them once and skip the passes that cannot
    // match (a phone has 11 digits, a card 16, an official short number 3 or 4; an IBAN
    // starts with "KZ").
    let digits = count_digits(text.as_bytes());
    if digits < 3 {
        return Vec::new();
    }
    let has_kz = has_kz(text);

    // Passes in priority order; a later pass never takes text an earlier one found.
    let mut found: Vec<NumberFinding> = Vec::new();

    let mut pass: Vec<NumberFinding> = Vec::new();
    let ibans = has_kz.then(|| IBAN_RE.find_iter(text));
    for m in ibans.into_iter().flatten() {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(|c| c.is_alphanumeric()) || after.is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        let compact: String = m
            .as_str()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        pass.push(NumberFinding {
            span: m.range(),
            kind: NumberKind::Iban,
            digits: compact,
        });
    }
    merge(&mut found, &mut pass);

    let cards = (digits >= 16).then(|| CARD_RE.find_iter(text));
    for m in cards.into_iter().flatten() {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        if is_free(&found, &m.range()) {
            pass.push(NumberFinding {
                span: m.range(),
                kind: NumberKind::Card,
                digits: ascii_digits(m.as_str()),
            });
        }
    }
    merge(&mut found, &mut pass);

    let phones = (digits >= 11).then(|| PHONE_RE.find_iter(text));
    for m in phones.into_iter().flatten() {
        if phone_ok(text, m.range()) && is_free(&found, &m.range()) {
            pass.push(NumberFinding {
                span: m.range(),
                kind: NumberKind::Phone,
                digits: ascii_digits(m.as_str()),
            });
        }
    }
    merge(&mut found, &mut pass);

    // Only a run of exactly these digits counts: where neither occurs, no run is read. Both
    // start with a "1", found with memchr (one pass, where two substring searches were).
    let bytes = text.as_bytes();
    let official = memchr::memchr_iter(b'1', bytes).any(|i| {
        let after = bytes.get(i + 1..).unwrap_or_default();
        after.starts_with(b"02") || after.starts_with(b"477")
    });
    let runs = official.then(|| DIGITS_RE.find_iter(text));
    for m in runs.into_iter().flatten() {
        let kind = match m.as_str() {
            "1477" => OfficialNumber::NationalBank1477,
            "102" => OfficialNumber::Police102,
            _ => continue,
        };
        if short_number_ok(text, m.range()) && is_free(&found, &m.range()) {
            pass.push(NumberFinding {
                span: m.range(),
                kind: NumberKind::OfficialPhone(kind),
                digits: m.as_str().to_string(),
            });
        }
    }
    merge(&mut found, &mut pass);
    found
}

/// How many ASCII digits `b` has. Counted in byte-sized sums of 255 bytes at most, which the
/// compiler turns into vector code (a count into a `usize` it left byte by byte, and it
/// runs on every message).
fn count_digits(b: &[u8]) -> usize {
    b.chunks(255)
        .map(|chunk| {
            let n: u8 = chunk
                .iter()
                .fold(0u8, |n, &x| n + u8::from(x.wrapping_sub(b'0') < 10));
            usize::from(n)
        })
        .sum()
}

/// Whether "kz" occurs in `text`, in any case (an IBAN of Kazakhstan starts with it). A "k"
/// is rare in Cyrillic text: each is found with memchr and the byte after it looked at.
fn has_kz(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'k', b'K', bytes).any(|i| {
        bytes
            .get(i + 1)
            .is_some_and(|b| b.eq_ignore_ascii_case(&b'z'))
    })
}

/// Whether `r` overlaps none of the sorted, non-overlapping `found` spans.
fn is_free(found: &[NumberFinding], r: &Range<usize>) -> bool {
    let i = found.partition_point(|f| f.span.end <= r.start);
    found.get(i).is_none_or(|f| f.span.start >= r.end)
}

/// Move one pass's findings (sorted, not overlapping `found`) into `found`, kept sorted.
fn merge(found: &mut Vec<NumberFinding>, pass: &mut Vec<NumberFinding>) {
    found.append(pass);
    found.sort_by_key(|f| f.span.start);
}

fn ascii_digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn phone_ok(text: &str, r: Range<usize>) -> bool {
    let s = &text[r.clone()];
    let before = text[..r.start].chars().next_back();
    let after = text[r.end..].chars().next();
    if after.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    if s.starts_with('8') {
        if before.is_some_and(|c| c.is_alphanumeric() || c == '+') {
            return false;
        }
        if before.is_some_and(|c| matches!(c, '.' | ',')) && prev_is_digit(text, r.start, 1) {
            return false;
        }
    } else if before.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    // Parentheses: none, or one balanced pair.
    let open = s.matches('(').count();
    let close = s.matches(')').count();
    if open != close || open > 1 || s.find('(') > s.find(')') {
        return false;
    }
    // The area/operator code never starts with 0 ("80 000 000 000 ₸" is money).
    let digits = ascii_digits(s);
    // `digits` starts with the prefix digit (7 or 8); the national number follows it.
    if digits.get(1..).is_some_and(|n| n.starts_with('0')) {
        return false;
    }
    !followed_by_money(text, r.end)
}

/// Whether the char that comes `skip + 1` chars before byte `pos` is an ASCII digit.
fn prev_is_digit(text: &str, pos: usize, skip: usize) -> bool {
    text[..pos]
        .chars()
        .rev()
        .nth(skip)
        .is_some_and(|c| c.is_ascii_digit())
}

fn followed_by_money(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(is_num_sep);
    let lower: String = rest.chars().take(8).flat_map(char::to_lowercase).collect();
    MONEY_AFTER.iter().any(|m| lower.starts_with(m))
}

/// A standalone 102 / 1477: not part of a bigger number, amount, date or reference.
fn short_number_ok(text: &str, r: Range<usize>) -> bool {
    let before = text[..r.start].chars().next_back();
    let after = text[r.end..].chars().next();
    if let Some(b) = before {
        if b.is_alphanumeric() || matches!(b, '+' | '$' | '€' | '₸' | '№' | '#' | '*' | '_') {
            return false;
        }
        if matches!(b, '.' | ',' | ':' | '/' | '-') && prev_is_digit(text, r.start, 1) {
            return false;
        }
        // "1 102 000": a thousands group.
        if is_num_sep(b) && prev_is_digit(text, r.start, 1) {
            return false;
        }
    }
    if let Some(a) = after {
        if a.is_ascii_alphanumeric() || a == '_' {
            return false;
        }
        let next = text[r.end + a.len_utf8()..].chars().next();
        if (matches!(a, '.' | ',' | ':' | '/') || is_num_sep(a))
            && next.is_some_and(|c| c.is_ascii_digit())
        {
            return false;
        }
    }
    if followed_by_money(text, r.end) {
        return false;
    }
    // "ст. 102", "дом 102", "№102"; "ул. Абая 102", "Абай даңғылы 102".
    let head = text[..r.start].trim_end();
    let tail: String = head
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .flat_map(char::to_lowercase)
        .collect();
    let reference = NOT_PHONE_BEFORE.iter().chain(STREET_WORDS).any(|w| {
        tail.strip_suffix(w).is_some_and(|pre| {
            w.starts_with('№') || pre.chars().next_back().is_none_or(|c| !c.is_alphabetic())
        })
    });
    let street = head.split_whitespace().rev().take(3).any(|word| {
        let word = word.to_lowercase();
        STREET_WORDS
            .iter()
            .any(|w| word == *w || (w.ends_with('.') && word.starts_with(w)))
    });
    !reference && !street
}

/// Mask card numbers and IINs for sharing. A run of digits joined by single separators
/// (space, NBSP, thin spaces, `-`) with 16 or more digits keeps its first 4 and last 4
/// digits (`4400 **** **** 1234`); a contiguous group of 12 digits (an IIN) keeps its last
/// 2 (`**********34`); a contiguous group of 13–15 digits keeps first 4 and last 4.
/// Everything else is unchanged.
pub fn mask_sensitive(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run_start = i;
        let mut j = i;
        loop {
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            if j + 1 < chars.len() && is_num_sep(chars[j]) && chars[j + 1].is_ascii_digit() {
                j += 1;
            } else {
                break;
            }
        }
        let run = &chars[run_start..j];
        let mut masked = vec![false; run.len()];
        let digit_pos: Vec<usize> = (0..run.len())
            .filter(|&k| run[k].is_ascii_digit())
            .collect();
        let total = digit_pos.len();
        if total >= 16 {
            for &k in &digit_pos[4..total - 4] {
                masked[k] = true;
            }
        } else {
            let mut k = 0;
            while k < run.len() {
                if !run[k].is_ascii_digit() {
                    k += 1;
                    continue;
                }
                let g = k;
                while k < run.len() && run[k].is_ascii_digit() {
                    k += 1;
                }
                let len = k - g;
                if len == 12 {
                    masked[g..k - 2].iter_mut().for_each(|m| *m = true);
                } else if (13..=15).contains(&len) {
                    masked[g + 4..k - 4].iter_mut().for_each(|m| *m = true);
                }
            }
        }
        for (c, m) in run.iter().zip(&masked) {
            out.push(if *m { '*' } else { *c });
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one(text: &str) -> LinkFinding {
        let links = find_links(text);
        assert_eq!(links.len(), 1, "{text:?} → {links:#?}");
        links.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    fn hosts(text: &str) -> Vec<String> {
        find_links(text).into_iter().map(|l| l.host).collect()
    }

    fn look(brand: &'static str) -> LinkIssue {
        LinkIssue::Lookalike { brand }
    }

    /// [`osa1`] as first written: strip the shared start, then compare what is left.
    fn osa1_reference(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a == b || a.len().abs_diff(b.len()) > 1 {
            return false;
        }
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let (ra, rb) = (&a[prefix..], &b[prefix..]);
        match ra.len().cmp(&rb.len()) {
            std::cmp::Ordering::Equal => {
                ra[1..] == rb[1..]
                    || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
            }
            std::cmp::Ordering::Greater => ra[1..] == *rb,
            std::cmp::Ordering::Less => *ra == rb[1..],
        }
    }

    proptest! {
        #[test]
        fn digits_counted_in_byte_sums_as_one_by_one(s in "[0-9a-я .]{0,700}") {
            prop_assert_eq!(count_digits(s.as_bytes()), s.bytes().filter(u8::is_ascii_digit).count());
        }
    }

    proptest! {
        #[test]
        fn ipv4_test_agrees_with_split_and_parse(s in "([0-9]{0,4}|a|\\+|-)(\\.([0-9]{0,4}|a)){0,5}") {
            let reference = s.split('.').count() == 4
                && s.split('.').all(|p| {
                    (1..=3).contains(&p.len())
                        && p.bytes().all(|b| b.is_ascii_digit())
                        && p.parse::<u16>().is_ok_and(|n| n <= 255)
                });
            prop_assert_eq!(is_ipv4(&s), reference, "{:?}", s);
        }
    }

    proptest! {
        #[test]
        fn apk_paths_found_in_place_as_through_a_lowercased_copy(path in "[/.aApPkK1é_-]{0,12}") {
            let lower = path.to_lowercase();
            let reference = lower.match_indices(".apk").any(|(i, m)| {
                lower[i + m.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
            });
            prop_assert_eq!(path_is_apk(&path), reference, "{:?}", path);
        }
    }

    proptest! {
        #[test]
        fn osa1_agrees_with_the_reference(a in "[abk]{0,7}", b in "[abk]{0,7}") {
            prop_assert_eq!(osa1(&a, &b), osa1_reference(&a, &b), "{:?} {:?}", a, b);
        }
    }

    #[test]
    fn osa1_cases() {
        for (a, b, want) in [
            ("kaspi", "kaspi", false),
            ("kasp1", "kaspi", true),
            ("kapsi", "kaspi", true),
            ("kaspii", "kaspi", true),
            ("aspi", "kaspi", true),
            ("kspai", "kaspi", false),
            ("kaspi", "halyk", false),
            ("aab", "aba", true),
            ("aab", "bba", false),
        ] {
            assert_eq!(osa1(a, b), want, "{a} {b}");
            assert_eq!(osa1(b, a), want, "{b} {a}");
        }
    }

    // ----- finding links -----

    #[test]
    fn bare_domains_are_links() {
        let l = one("Тексеріңіз: kaspi-kz.login-check.top");
        assert_eq!(l.raw, "kaspi-kz.login-check.top");
        assert_eq!(l.registrable, "login-check.top");
        assert_eq!(l.issues, vec![look("kaspi.kz"), LinkIssue::RiskyTld]);
        assert_eq!(l.defanged, "kaspi-kz[.]login-check[.]top");

        let l = one("Сауалнама: tinyurl.com/otemaqy-2025 сілтемесі");
        assert_eq!(l.raw, "tinyurl.com/otemaqy-2025");
        assert_eq!(l.issues, vec![LinkIssue::Shortener]);

        let l = one("Оплата olx-pay.kz-deal.online/confirm.");
        assert_eq!(l.raw, "olx-pay.kz-deal.online/confirm");
        assert_eq!(l.registrable, "kz-deal.online");
        assert_eq!(l.issues, vec![look("olx.kz"), LinkIssue::RiskyTld]);

        let l = one("cutt.ly/jastar-saualnama");
        assert_eq!(l.host, "cutt.ly");
        assert_eq!(l.issues, vec![LinkIssue::Shortener]);

        let l = one("Жаңарту: homebank-halyk.apk-update.top");
        assert_eq!(
            l.issues,
            vec![
                look("halykbank.kz"),
                LinkIssue::RiskyTld,
                LinkIssue::ApkFile
            ]
        );
    }

    #[test]
    fn cyrillic_neighbours_are_trimmed() {
        let l = one("сілтеме:kaspi.kz");
        assert_eq!((l.raw.as_str(), l.host.as_str()), ("kaspi.kz", "kaspi.kz"));
        let text = "Kaspi.kz-тен аударыңыз";
        let l = one(text);
        assert_eq!(l.raw, "Kaspi.kz");
        assert_eq!(&text[l.span.clone()], "Kaspi.kz");
        assert_eq!(l.host, "kaspi.kz");
        assert!(l.issues.is_empty());
        assert_eq!(one("egov.kz-ке кіріңіз").raw, "egov.kz");
        assert_eq!(one("Сайт—kaspi.kz/оплата").raw, "kaspi.kz/оплата");
        assert_eq!(one("сайтkaspi.kz").raw, "kaspi.kz");
    }

    #[test]
    fn trailing_punctuation_is_trimmed() {
        for text in [
            "Go to kaspi.kz.",
            "kaspi.kz, then",
            "(kaspi.kz)",
            "«kaspi.kz»",
            "kaspi.kz — бұл",
            "kaspi.kz—бұл",
            "\"kaspi.kz\"",
            "kaspi.kz!",
        ] {
            assert_eq!(one(text).raw, "kaspi.kz", "{text}");
        }
        assert_eq!(one("«https://kaspi.kz/pay»").raw, "https://kaspi.kz/pay");
        assert_eq!(one("https://kaspi.kz/a».").raw, "https://kaspi.kz/a");
        assert_eq!(one("(see https://a.kz/x_(y))").raw, "https://a.kz/x_(y)");
        assert_eq!(one("https://kaspi.kz/x—y").raw, "https://kaspi.kz/x");
    }

    #[test]
    fn kaspi_in_prose_is_a_clean_link() {
        let l = one("Kaspi.kz қосымшасында тексеріңіз");
        assert_eq!(l.host, "kaspi.kz");
        assert_eq!(l.host_unicode, "kaspi.kz");
        assert_eq!(l.registrable, "kaspi.kz");
        assert!(l.issues.is_empty());
    }

    #[test]
    fn ip_hosts() {
        let l = one("Кіріңіз 203.0.113.45/login бүгін");
        assert_eq!(l.raw, "203.0.113.45/login");
        assert_eq!(l.host, "203.0.113.45");
        assert_eq!(l.registrable, "203.0.113.45");
        assert_eq!(l.issues, vec![LinkIssue::IpHost]);
        assert_eq!(l.defanged, "203[.]0[.]113[.]45/login");

        let l = one("http://203.0.113.45/kaspi/verify");
        assert_eq!(l.issues, vec![LinkIssue::IpHost]);
        assert_eq!(l.defanged, "hxxp://203[.]0[.]113[.]45/kaspi/verify");

        let l = one("https://203.0.113.45:8443/x");
        assert_eq!(l.raw, "https://203.0.113.45:8443/x");

        let l = one("Open http://[2001:db8::1]/login now");
        assert_eq!(l.raw, "http://[2001:db8::1]/login");
        assert_eq!(l.host, "2001:db8::1");
        assert_eq!(l.issues, vec![LinkIssue::IpHost]);

        // A bare dotted quad without a path is a number, not a link.
        assert!(find_links("version 1.2.3.4 released").is_empty());
        assert!(find_links("999.1.1.1/x").is_empty());
    }

    #[test]
    fn not_links() {
        for text in [
            "@rabota_bot",
            "Жазыңыз @rabota_bot телеграмда",
            "1С бухгалтерия",
            "12.03.2025",
            "3.5 пайыз",
            "v9.1",
            "user@kaspi.kz",
            "mailto:user@kaspi.kz",
            "Mr.Smith and text.Next",
            "т.е. и т.д.",
            "Привет.OK",
            "12:30",
            "50 000 ₸",
            "http://localhost/x",
            "",
        ] {
            assert!(
                find_links(text).is_empty(),
                "{text:?} → {:?}",
                find_links(text)
            );
        }
    }

    #[test]
    fn glued_hosts_are_separate_links() {
        assert_eq!(hosts("kaspi.kz—evil.top"), vec!["kaspi.kz", "evil.top"]);
        assert_eq!(
            hosts("Екі сілтеме:kaspi.kz,egov.kz"),
            vec!["kaspi.kz", "egov.kz"]
        );
    }

    #[test]
    fn several_links_in_order() {
        assert_eq!(
            hosts("bit.ly/a, https://egov.kz және kaspi.kz.secure-login.icu"),
            vec!["bit.ly", "egov.kz", "kaspi.kz.secure-login.icu"]
        );
    }

    #[test]
    fn registrable_domains() {
        assert_eq!(
            one("school45-astana.edu.kz").registrable,
            "school45-astana.edu.kz"
        );
        assert!(one("school45-astana.edu.kz").issues.is_empty());
        assert_eq!(
            one("kaspi.kz.secure-login.icu").registrable,
            "secure-login.icu"
        );
        assert_eq!(one("www.kaspi.kz").registrable, "kaspi.kz");
        assert_eq!(registrable_domain("astana.gov.kz"), "astana.gov.kz");
        assert_eq!(registrable_domain("gov.kz"), "gov.kz");
        assert_eq!(registrable_domain("kz"), "kz");
        assert_eq!(registrable_domain("a.b.example.co.uk"), "example.co.uk");
        assert_eq!(registrable_domain("203.0.113.45"), "203.0.113.45");
    }

    #[test]
    fn brand_lookalikes() {
        for (host, brand) in [
            ("kaspi.kz.secure-login.icu", "kaspi.kz"),
            ("kaspi-kz.login-check.top", "kaspi.kz"),
            ("halyk-bank.online", "halykbank.kz"),
            ("halyk-survey.online", "halykbank.kz"),
            ("olx-pay.kz-deal.online", "olx.kz"),
            ("krisha.kz-safe-pay.top", "krisha.kz"),
            ("kcell-reg.kz-iin.site", "kcell.kz"),
            ("posobie-nauryz.kz-egov.online", "egov.kz"),
            ("minzdrav-anketa.kz-gov.site", "gov.kz"),
            ("gov-kz.info", "gov.kz"),
            ("egov-kz.info", "egov.kz"),
            ("e-gov.kz", "egov.kz"),
            ("nbk-invest.kz-platform.online", "nationalbank.kz"),
            ("kaspibonus.com", "kaspi.kz"),
            ("post.kz-delivery.top", "kazpost.kz"),
            ("jusan-bonus.com", "jusan.kz"),
            ("centercredit-online.com", "bcc.kz"),
            ("beeline-kz.com", "beeline.kz"),
            ("tele2-bonus.net", "tele2.kz"),
            ("activ-sim.org", "activ.kz"),
            ("altel-4g.net", "altel.kz"),
            ("kazpost-track.site", "kazpost.kz"),
            ("freedom-invest.org", "freedombank.kz"),
            ("homecredit-loan.net", "homecredit.kz"),
            ("fortebank-kz.com", "forte.kz"),
            ("nationalbank-kz.org", "nationalbank.kz"),
            ("natsbank.org", "nationalbank.kz"),
            ("каспи-бонус.com", "kaspi.kz"),
        ] {
            let l = one(host);
            assert!(l.issues.contains(&look(brand)), "{host}: {:?}", l.issues);
            assert_eq!(
                l.issues
                    .iter()
                    .filter(|i| matches!(i, LinkIssue::Lookalike { .. }))
                    .count(),
                1,
                "{host}: {:?}",
                l.issues
            );
        }
    }

    #[test]
    fn typo_lookalikes() {
        for (host, brand) in [
            ("kasp1.kz", "kaspi.kz"),
            ("kaspii.kz", "kaspi.kz"),
            ("kapsi-pay.com", "kaspi.kz"),
            ("halik.kz", "halykbank.kz"),
            ("hallyk-bank.com", "halykbank.kz"),
            ("beelin.kz", "beeline.kz"),
            ("egovv.kz", "egov.kz"),
        ] {
            assert!(
                one(host).issues.contains(&look(brand)),
                "{host}: {:?}",
                one(host).issues
            );
        }
    }

    #[test]
    fn homoglyph_egov() {
        let l = one("https://xn--gov-qdd.kz/login");
        assert_eq!(l.host, "xn--gov-qdd.kz");
        assert_eq!(l.host_unicode, "еgov.kz");
        assert_eq!(
            l.issues,
            vec![
                LinkIssue::Punycode,
                LinkIssue::MixedScriptHost,
                look("egov.kz")
            ]
        );
        // The same written in Unicode.
        let l = one("еgov.kz сайтына кіріңіз");
        assert_eq!(l.raw, "еgov.kz");
        assert_eq!(l.host, "xn--gov-qdd.kz");
        assert_eq!(l.host_unicode, "еgov.kz");
        assert!(l.issues.contains(&look("egov.kz")));
        // Cyrillic "а" in kaspi.
        assert!(one("kаspi.kz").issues.contains(&look("kaspi.kz")));
        assert!(one("kаspi.kz").issues.contains(&LinkIssue::MixedScriptHost));
    }

    #[test]
    fn genuine_hosts_are_clean() {
        for host in [
            "kaspi.kz",
            "www.kaspi.kz",
            "shop.kaspi.kz",
            "egov.kz",
            "idp.egov.kz",
            "halykbank.kz",
            "homebank.kz",
            "nationalbank.kz",
            "school45-astana.edu.kz",
            "zoom.us",
            "youtube.com",
            "kundelik.kz",
            "adilet.zan.kz",
            "astana.gov.kz",
            "gov.kz",
            "post.kz",
            "kazpost.kz",
            "nasa.gov",
            "olx.kz",
            "kcell.kz",
            "krishna.com",
            "active.com",
            "kaspian-oil.kz",
            "t.me/rabota_bot",
        ] {
            assert!(
                one(host).issues.is_empty(),
                "{host}: {:?}",
                one(host).issues
            );
        }
    }

    #[test]
    fn shorteners() {
        for host in [
            "bit.ly/x",
            "tinyurl.com/x",
            "cutt.ly/x",
            "clck.ru/x",
            "goo.su/x",
            "t.ly/x",
            "is.gd/x",
            "rb.gy/x",
            "ow.ly/x",
            "tiny.cc/x",
            "shorturl.at/x",
            "vk.cc/x",
            "u.to/x",
            "qps.ru/x",
        ] {
            assert_eq!(one(host).issues, vec![LinkIssue::Shortener], "{host}");
        }
        assert!(!one("notbit.ly/x").issues.contains(&LinkIssue::Shortener));
    }

    #[test]
    fn userinfo_trick() {
        let l = one("https://kaspi.kz@evil.example/login");
        assert_eq!(l.host, "evil.example");
        assert_eq!(l.registrable, "evil.example");
        assert_eq!(l.issues, vec![LinkIssue::UserInfoTrick]);
        assert_eq!(l.defanged, "hxxps://kaspi[.]kz@evil[.]example/login");
    }

    #[test]
    fn apk_and_risky_tlds() {
        assert_eq!(
            one("https://kaspi.kz/app.apk").issues,
            vec![LinkIssue::ApkFile]
        );
        assert_eq!(one("kaspi.kz/x.APK?v=2").issues, vec![LinkIssue::ApkFile]);
        assert!(one("KaspiUpdate.apk").issues.contains(&LinkIssue::ApkFile));
        assert!(one("kaspi.kz/apkinfo.html").issues.is_empty());
        for tld in RISKY_TLDS {
            let l = one(&format!("https://example.{tld}/"));
            assert!(l.issues.contains(&LinkIssue::RiskyTld), "{tld}");
        }
    }

    #[test]
    fn judge_host_works_alone() {
        assert_eq!(judge_host("203.0.113.45"), vec![LinkIssue::IpHost]);
        assert_eq!(judge_host("[2001:db8::1]"), vec![LinkIssue::IpHost]);
        assert_eq!(judge_host("KASPI.KZ"), vec![]);
        assert_eq!(
            judge_host("kaspi.kz.secure-login.icu"),
            vec![look("kaspi.kz"), LinkIssue::RiskyTld]
        );
        assert!(judge_host("еgov.kz").contains(&LinkIssue::Punycode));
    }

    #[test]
    fn bidi_controls_are_dropped_and_the_whole_link_defanged() {
        let text = "Жми https://kaspi.kz\u{202E}.evil.top/login сейчас";
        let shown = defang_text(text);
        assert_eq!(shown, "Жми hxxps://kaspi[.]kz[.]evil[.]top/login сейчас");
        assert_eq!(
            defang("https://kaspi.kz\u{202E}.evil.top"),
            "hxxps://kaspi[.]kz[.]evil[.]top"
        );
        let mut spans = [0..6, 7..30, 24..25, 31..text.len()];
        let stripped = strip_bidi_spans(text, &mut spans);
        assert_eq!(stripped, text.replace('\u{202E}', ""));
        // Spans keep their characters: before, across, inside and after the control.
        assert_eq!(&stripped[spans[0].clone()], "Жми");
        assert_eq!(
            &stripped[spans[1].clone()],
            &text[7..30].replace('\u{202E}', "")
        );
        assert_eq!(spans[2], 23..23);
        assert_eq!(&stripped[spans[3].clone()], &text[31..]);
        assert!(matches!(strip_bidi("plain"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn defang_examples() {
        assert_eq!(
            defang("https://kaspi-kz.login-check.top/x"),
            "hxxps://kaspi-kz[.]login-check[.]top/x"
        );
        assert_eq!(defang("HTTP://a.kz/b.c"), "HXXP://a[.]kz/b.c");
        assert_eq!(defang("kaspi.kz"), "kaspi[.]kz");
        assert_eq!(defang(&defang("http://a.b.kz")), "hxxp://a[.]b[.]kz");
        assert_eq!(defang("x.kz/?u=http://y.kz"), "x[.]kz/?u=hxxp://y[.]kz");
        assert_eq!(
            defang("https://www.google.com/url?q=https://kaspi-bonus.top&sa=D.E"),
            "hxxps://www[.]google[.]com/url?q=hxxps://kaspi-bonus[.]top&sa=D.E"
        );
        assert_eq!(defang(""), "");
        assert_eq!(defang("see http://a.b"), "see hxxp://a[.]b");
        assert_eq!(
            defang_text("Кіріңіз: https://kaspi.kz.secure-login.icu/x. Рахмет."),
            "Кіріңіз: hxxps://kaspi[.]kz[.]secure-login[.]icu/x. Рахмет."
        );
    }

    // ----- numbers -----

    fn kinds(text: &str) -> Vec<(NumberKind, String)> {
        find_numbers(text)
            .into_iter()
            .map(|n| (n.kind, n.digits))
            .collect()
    }

    #[test]
    fn phones() {
        for (text, digits) in [
            ("+7 700 000 12 09", "77000001209"),
            ("Тел: 8 (700) 000-12-09.", "87000001209"),
            ("+77000001209", "77000001209"),
            ("87000001209-ге хабарласыңыз", "87000001209"),
            ("+7 (7172) 12-34-56", "77172123456"),
        ] {
            assert_eq!(
                kinds(text),
                vec![(NumberKind::Phone, digits.to_string())],
                "{text}"
            );
            let n = &find_numbers(text)[0];
            assert!(text[n.span.clone()].ends_with(&digits[digits.len() - 2..]));
        }
        assert!(kinds("870000012091").is_empty());
        assert!(kinds("80 000 000 000 ₸").is_empty());
        assert!(kinds("1 700 000 12 09").is_empty());
    }

    #[test]
    fn official_numbers() {
        assert_eq!(
            kinds("1477 нөміріне немесе 102-ге қоңырау шалыңыз"),
            vec![
                (
                    NumberKind::OfficialPhone(OfficialNumber::NationalBank1477),
                    "1477".into()
                ),
                (
                    NumberKind::OfficialPhone(OfficialNumber::Police102),
                    "102".into()
                ),
            ]
        );
        assert_eq!(kinds("Звоните 102.").len(), 1);
        for text in [
            "1024",
            "11477",
            "102 000 ₸",
            "102 тг",
            "102 мың теңге",
            "102тыс",
            "1 102 000",
            "ст. 102 УК",
            "статья 102",
            "дом 102",
            "Абай даңғылы 102, 3 қабат",
            "ул. Абая 102",
            "№102",
            "10.2",
            "1.102",
            "102,5",
            "102%",
            "A102",
            "12:30 3 500",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn cards_and_ibans() {
        assert_eq!(
            kinds("Карта 5522 0000 0000 7725, мерзімі 12/27"),
            vec![(NumberKind::Card, "5522000000007725".into())]
        );
        assert_eq!(
            kinds("4400-1234-5678-1234"),
            vec![(NumberKind::Card, "4400123456781234".into())]
        );
        assert_eq!(
            kinds("4400123456781234"),
            vec![(NumberKind::Card, "4400123456781234".into())]
        );
        assert!(kinds("44001234567812345").is_empty());
        let text = "IBAN: KZ00 0000 0000 0000 9941 аударыңыз";
        let found = find_numbers(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, NumberKind::Iban);
        assert_eq!(found[0].digits, "KZ000000000000009941");
        assert_eq!(&text[found[0].span.clone()], "KZ00 0000 0000 0000 9941");
        assert_eq!(kinds("kz12345ABCDE12345678")[0].0, NumberKind::Iban);
    }

    #[test]
    fn dates_times_amounts_are_not_numbers() {
        for text in [
            "12:30",
            "50 000 ₸",
            "12.03.2025",
            "2025 жылы",
            "3 500 000 теңге",
        ] {
            assert!(find_numbers(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn masking() {
        assert_eq!(
            mask_sensitive("Карта 4400 1234 5678 1234."),
            "Карта 4400 **** **** 1234."
        );
        assert_eq!(mask_sensitive("4400123456781234"), "4400********1234");
        assert_eq!(mask_sensitive("ЖСН 990101300123"), "ЖСН **********23");
        assert_eq!(mask_sensitive("+7 700 000 12 09"), "+7 700 000 12 09");
        assert_eq!(mask_sensitive("12.03.2025 12:30"), "12.03.2025 12:30");
        assert_eq!(
            mask_sensitive("KZ00 0000 0000 0000 9941"),
            "KZ00 00** **** **** 9941"
        );
    }

    // ----- properties -----

    static CARD_RUN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[0-9]{4}(?:[ \u{A0}\u{2009}\u{202F}\-]?[0-9]{4}){3}")
            .unwrap_or_else(|e| panic!("{e}"))
    });

    fn urlish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "(https?://|hxxps://|HTTP://|www\\.)?([a-zа-яә0-9_\\-]{1,8}[.@]){1,3}(kz|top|com|рф|apk|online|ly|x)(:[0-9]{1,6})?(/[a-zа-я0-9./?#=&%@()_\\-]{0,12})?",
            "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,4}(/[a-z]{0,5})?",
            "https?://\\[[0-9a-f:]{2,12}\\](/x)?",
            "[ ,.;:!?()«»—\"'\\-@\\[\\]\u{200b}]{1,3}",
            "[а-яәіңғүұқөһ]{1,6}",
            "\\PC{1,4}",
        ];
        prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    fn check_links(text: &str) {
        let links = find_links(text);
        let mut last_end = 0;
        for l in &links {
            assert!(l.span.start <= l.span.end && l.span.end <= text.len());
            assert!(text.is_char_boundary(l.span.start) && text.is_char_boundary(l.span.end));
            assert_eq!(text.get(l.span.clone()), Some(l.raw.as_str()));
            assert!(l.span.start >= last_end, "overlap in {text:?}");
            last_end = l.span.end;
            assert!(!l.host.is_empty() && l.host.is_ascii());
            assert_eq!(l.host, l.host.to_lowercase());
            assert!(!l.host.ends_with('.'));
        }
    }

    fn check_numbers(text: &str) {
        for n in find_numbers(text) {
            assert!(n.span.end <= text.len());
            assert!(text.is_char_boundary(n.span.start) && text.is_char_boundary(n.span.end));
            assert!(!n.digits.is_empty());
        }
    }

    fn host_part(s: &str) -> &str {
        &s[defang_host_part(s)]
    }

    /// [`defang`] as it was written first, char by char: the reference for the bulk copy.
    fn defang_reference(s: &str) -> String {
        let s = &*strip_bidi(s);
        let hosts = defang_hosts(s);
        let mut out = String::new();
        let mut k = 0;
        for (i, c) in s.char_indices() {
            while hosts.get(k).is_some_and(|h| h.end <= i) {
                k += 1;
            }
            let in_host = hosts.get(k).is_some_and(|h| h.contains(&i));
            let wrapped = c == '.' && s[..i].ends_with('[') && s[i + 1..].starts_with(']');
            if c == '.' && in_host && !wrapped {
                out.push_str("[.]");
            } else {
                out.push(c);
            }
        }
        unscheme_reference(&out)
    }

    /// [`unscheme`] as it was written first, byte by byte.
    fn unscheme_reference(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = String::new();
        let mut i = 0;
        while i < s.len() {
            let is_http =
                bytes.len() >= i + 4 && bytes[i..i + 4].eq_ignore_ascii_case(b"http") && {
                    let rest = &bytes[i + 4..];
                    rest.starts_with(b"://")
                        || (rest.first().is_some_and(|b| b.eq_ignore_ascii_case(&b's'))
                            && rest[1..].starts_with(b"://"))
                };
            if is_http {
                out.push(char::from(bytes[i]));
                for &b in &bytes[i + 1..i + 3] {
                    out.push(if b.is_ascii_uppercase() { 'X' } else { 'x' });
                }
                out.push(char::from(bytes[i + 3]));
                i += 4;
            } else {
                let c = s[i..].chars().next().unwrap_or_default();
                out.push(c);
                i += c.len_utf8();
            }
        }
        out
    }

    /// [`registrable_domain`] as first written, with a list of labels.
    fn registrable_reference(host: &str) -> String {
        let host = host.trim_end_matches('.');
        if is_ipv4(host) || host.contains(':') {
            return host.to_string();
        }
        let labels: Vec<&str> = host.split('.').collect();
        let n = labels.len();
        if n <= 2 {
            return host.to_string();
        }
        let take = if SECOND_LEVEL.contains(&labels[n - 2]) {
            3
        } else {
            2
        };
        labels[n - take..].join(".")
    }

    proptest! {
        #[test]
        fn prop_kz_is_found_like_a_pairwise_scan(s in "[kKzZ a-я1]{0,12}") {
            let pairwise = s
                .as_bytes()
                .windows(2)
                .any(|w| w[0].eq_ignore_ascii_case(&b'k') && w[1].eq_ignore_ascii_case(&b'z'));
            prop_assert_eq!(has_kz(&s), pairwise);
        }

        #[test]
        fn prop_registrable_domain_as_by_labels(
            labels in prop::collection::vec("(com|gov|co|kz|a|bb|ccc|1|)", 0..6),
            dot in "\\.?",
        ) {
            let host = labels.join(".") + &dot;
            prop_assert_eq!(registrable_domain(&host), registrable_reference(&host));
        }
    }

    #[test]
    fn short_needles_are_found_like_str_contains() {
        for (hay, needle) in [
            ("kaspibonus", "kaspi"),
            ("mykaspi", "kaspi"),
            ("kaspkaspi", "kaspi"),
            ("kasp", "kaspi"),
            ("каспибонус", "каспи"),
            ("бонускасп", "каспи"),
            ("abc", ""),
            ("", "a"),
        ] {
            assert_eq!(
                contains_short(hay, needle),
                hay.contains(needle),
                "{hay} {needle}"
            );
        }
    }

    fn check_defang(s: &str) {
        assert_eq!(defang(s), defang_reference(s), "{s:?}");
        assert_eq!(unscheme(s), unscheme_reference(s), "{s:?}");
        let d = defang(s);
        let lower = d.to_lowercase();
        assert!(
            !lower.contains("http://") && !lower.contains("https://"),
            "{d:?}"
        );
        assert!(!host_part(&d).replace("[.]", "").contains('.'), "{d:?}");
    }

    fn check_mask(s: &str) {
        let m = mask_sensitive(s);
        assert!(!CARD_RUN.is_match(&m), "{s:?} → {m:?}");
        assert_eq!(m.chars().count(), s.chars().count());
    }

    proptest! {
        #[test]
        fn prop_any_unicode(text in "\\PC{0,120}") {
            check_links(&text);
            check_numbers(&text);
            check_defang(&text);
            check_mask(&text);
        }

        #[test]
        fn prop_urlish(text in urlish()) {
            check_links(&text);
            check_numbers(&text);
            check_defang(&text);
            check_mask(&text);
            for l in find_links(&text) {
                check_defang(&l.raw);
                prop_assert_eq!(&l.defanged, &defang(&l.raw));
            }
        }

        #[test]
        fn prop_defang_pieces(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "http", "HTTPS", "hTtp", "s", "S", "://", ".", "[", "]", "[.]", "/", "?", "#",
                "&", "a", "kz", "к", " ", "\u{202E}", "hxxp",
            ]), 0..24),
        ) {
            let text = pieces.concat();
            check_defang(&text);
        }

        #[test]
        fn prop_numberish(text in "([0-9]{1,5}|[ \\-+()₸.:]|KZ|тг){0,24}") {
            check_numbers(&text);
            check_mask(&text);
        }

        #[test]
        fn prop_cards_always_masked(
            groups in prop::collection::vec("[0-9]{4}", 4..7),
            sep in "[ \\-]?",
            prefix in "\\PC{0,6}",
            suffix in "\\PC{0,6}",
        ) {
            let text = format!("{prefix}{}{suffix}", groups.join(&sep));
            check_mask(&text);
        }
    }
}
