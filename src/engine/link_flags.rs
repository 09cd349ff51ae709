//! Flags for links: what `links` found wrong with an address becomes a red flag with an
//! explanation and its arguments (the host shown defanged). Knows nothing about scoring.

use crate::conversation::HiddenLink;
use crate::links::{self, LinkIssue};
use crate::report::{Category, Flag, Id, Step, Steps};

/// The flags for one link found in a text, added to `out`.
pub(super) fn link_flags(l: &links::LinkFinding, out: &mut Vec<Flag>) {
    if l.issues.is_empty() {
        return;
    }
    let shown = &l.defanged;
    let host_shown = links::defang(&l.host_unicode);
    let first = out.len();
    let mut push = |rule: &'static str,
                    category,
                    weight,
                    explain: &'static str,
                    args: Vec<(&'static str, String)>,
                    advice: &'static [Step]| {
        // One flag per link and rule is enough (punycode and mixed-script explain the same
        // thing): the first of a run stays.
        if out.len() > first && out.last().is_some_and(|f| f.rule == rule) {
            return;
        }
        out.push(Flag {
            rule: Id::from_static(rule),
            category,
            weight,
            span: l.span.clone(),
            explain: Id::from_static(explain),
            args,
            advice: Steps::from_static(advice),
        })
    };
    // With room for a third argument (the brand).
    let host_arg = || {
        let mut a = Vec::with_capacity(3);
        a.extend([("host", host_shown.clone()), ("link", shown.clone())]);
        a
    };
    for issue in &l.issues {
        match issue {
            LinkIssue::Lookalike { brand } => {
                let mut a = host_arg();
                a.push(("brand", (*brand).to_string()));
                push(
                    "link-lookalike",
                    Category::SuspiciousLink,
                    3,
                    "explain-link-lookalike",
                    a,
                    &[Step::A1],
                );
            }
            LinkIssue::Shortener => push(
                "link-shortener",
                Category::SuspiciousLink,
                2,
                "explain-link-shortener",
                host_arg(),
                &[Step::A1],
            ),
            LinkIssue::IpHost => push(
                "link-ip",
                Category::SuspiciousLink,
                3,
                "explain-link-ip",
                host_arg(),
                &[Step::A1],
            ),
            LinkIssue::Punycode | LinkIssue::MixedScriptHost => {
                let a = vec![
                    ("host", links::defang(&l.host)),
                    ("unicode", host_shown.clone()),
                    ("link", shown.clone()),
                ];
                push(
                    "link-punycode",
                    Category::SuspiciousLink,
                    3,
                    "explain-link-punycode",
                    a,
                    &[Step::A1],
                );
            }
            LinkIssue::RiskyTld => push(
                "link-risky-tld",
                Category::SuspiciousLink,
                2,
                "explain-link-risky-tld",
                host_arg(),
                &[Step::A1],
            ),
            LinkIssue::ApkFile => push(
                "link-apk",
                Category::RemoteAccessApp,
                3,
                "explain-link-apk",
                host_arg(),
                &[Step::A1],
            ),
            LinkIssue::UserInfoTrick => push(
                "link-userinfo",
                Category::SuspiciousLink,
                3,
                "explain-link-lookalike",
                {
                    let mut a = host_arg();
                    a.push(("brand", host_shown.clone()));
                    a
                },
                &[Step::A1],
            ),
        }
    }
}

/// Make invisible characters visible in an explanation argument.
pub(super) fn visible(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => '·',
            c => c,
        })
        .collect()
}

/// Flags for links hidden behind other text (Telegram `text_link`): the target is judged
/// like a visible link, and an anchor that shows one address while leading to another is a
/// flag of its own. Spans are the anchor text's.
pub(super) fn hidden_link_flags(text: &str, hidden: &[HiddenLink]) -> Vec<Flag> {
    let mut out = Vec::new();
    for h in hidden {
        let Some(anchor) = text.get(h.span.clone()) else {
            continue;
        };
        for l in links::find_links(&h.url) {
            let first = out.len();
            link_flags(&l, &mut out);
            for f in out.get_mut(first..).unwrap_or_default() {
                f.span = h.span.clone();
            }
            let shown: Vec<links::LinkFinding> = links::find_links(anchor);
            if shown.iter().any(|s| s.registrable != l.registrable) {
                out.push(Flag {
                    rule: Id::from_static("link-hidden-target"),
                    category: Category::SuspiciousLink,
                    weight: 3,
                    span: h.span.clone(),
                    explain: Id::from_static("explain-link-hidden-target"),
                    args: vec![
                        ("shown", links::defang(anchor)),
                        ("link", l.defanged.clone()),
                    ],
                    advice: Steps::from_static(&[Step::A1]),
                });
            }
        }
    }
    out
}
