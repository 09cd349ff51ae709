//! Message and conversation signals → flags → verdict.
//!
//! Owns scoring. Knows nothing about files, terminals or windows, and nothing about words:
//! the rules (data) find red flags, `links` judges addresses and numbers, `normalize` maps
//! disguised text to plain text and back.
//!
//! # How a verdict is reached
//! 1. Every red flag has a weight: 1 = weak alone (a money request, "urgently", a bank's
//!    name), 2 = a real warning sign (a threat, secrecy, "new number", an official's name),
//!    3 = strong alone (asking for an SMS code or password, a "safe account", a look-alike or
//!    disguised link, a remote-access app).
//! 2. The message score is the sum, over categories, of the strongest flag in each category,
//!    so repeating one phrase does not raise it.
//! 3. Combinations that make up a known scheme add [`COMBO_BONUS`]: a money request
//!    together with urgency, secrecy, a new number, a voice/video pretext or a card number
//!    (S3/S6 of the advisory), any payment asked to be kept secret, a payment to a given card
//!    number under pressure (urgency, threats), and an impersonation together with a request for a code, data
//!    or money (S4, S7).
//! 4. A word disguised with another alphabet, digits or hidden characters inside a flagged
//!    span adds 1: honest senders do not hide their words.
//!    A prize or investment together with a payment ("pay the fee first") adds it too.
//! 5. Counter-rules (the message warns *about* fraud, like news or a bank's "never tell anyone
//!    the code") subtract their weight, but not below the weight of a direct request for a
//!    code, password, card data, a "safe account" transfer or a remote-access app: advice is
//!    already told apart by the rules' `unless` patterns, so such a request is real — unless
//!    a counter-rule marked `advice_context` says the whole message is advice ("if someone
//!    calls and asks you to move money to a safe account, hang up").
//! 6. `danger` at [`DANGER_AT`] or more, `suspicious` at [`SUSPICIOUS_AT`] or more, else
//!    `no_signs` (never "safe"), and a `no_signs` message lists no flags: alone, such weak
//!    hints are ordinary talk.

use std::ops::Range;

use crate::conversation::{Conversation, Message};
use crate::links::{self, LinkIssue, NumberKind};
use crate::normalize;
use crate::report::{Category, Flag, MessageReport, Report, Step, Verdict};
use crate::rules::RuleSet;

/// Score at which a message is `danger`.
pub const DANGER_AT: i32 = 5;
/// Score at which a message is `suspicious`.
pub const SUSPICIOUS_AT: i32 = 3;
/// What a scheme-shaped combination of flags adds.
pub const COMBO_BONUS: i32 = 2;

/// Check one message text.
pub fn check_text(rules: &RuleSet, text: &str) -> MessageReport {
    check_message(
        rules,
        0,
        &Message {
            text: text.to_string(),
            ..Message::default()
        },
    )
}

/// How a check reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Keep the flags of `no_signs` messages too (for rule authors: `saq check --show-weak`).
    pub keep_weak: bool,
}

/// Check every message of a conversation.
pub fn check_conversation(rules: &RuleSet, conv: &Conversation) -> Report {
    check_conversation_with(rules, conv, Options::default())
}

/// Check every message of a conversation, with options.
pub fn check_conversation_with(rules: &RuleSet, conv: &Conversation, opts: Options) -> Report {
    let messages: Vec<MessageReport> = conv
        .messages
        .iter()
        .enumerate()
        .map(|(i, m)| check_message_with(rules, i, m, opts))
        .collect();
    let verdict = messages
        .iter()
        .map(|m| m.verdict)
        .max()
        .unwrap_or(Verdict::NoSigns);
    Report {
        verdict,
        messages,
        system_lines: conv.system_lines,
    }
}

/// Every flag found in a text and the score they add up to, before the verdict is applied
/// (`saq rules stats` reads this: it wants even the weak hits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// All flags, ordered by position.
    pub flags: Vec<Flag>,
    /// The score (module docs).
    pub score: i32,
    /// Ids of the counter-rules that matched.
    pub counters: Vec<String>,
}

/// Find every flag in a text and score it.
pub fn analyze(rules: &RuleSet, text: &str) -> Analysis {
    let found_links = links::find_links(text);
    let protected: Vec<Range<usize>> = found_links.iter().map(|l| l.span.clone()).collect();
    let norm = normalize::normalize(text, &protected);
    let matches = rules.matches(&norm.text);

    let mut flags: Vec<Flag> = Vec::new();
    for hit in &matches.hits {
        let rule = &rules.rules()[hit.rule];
        let span = norm.to_original(hit.span.clone());
        flags.push(Flag {
            rule: rule.id.clone(),
            category: rule.category,
            weight: rule.weight,
            excerpt: text.get(span.clone()).unwrap_or_default().to_string(),
            span,
            explain: rule.explain.clone(),
            args: Vec::new(),
            advice: rule.advice.clone(),
        });
    }
    flags.extend(found_links.iter().flat_map(|l| link_flags(text, l)));
    for n in links::find_numbers(text) {
        if matches!(n.kind, NumberKind::Card | NumberKind::Iban) {
            flags.push(Flag {
                rule: "card-number-given".into(),
                category: Category::PaymentRequest,
                weight: 1,
                excerpt: text.get(n.span.clone()).unwrap_or_default().to_string(),
                span: n.span,
                explain: "explain-card-number-given".into(),
                args: Vec::new(),
                advice: vec![Step::A4],
            });
        }
    }

    let mut disguise = Vec::new();
    for o in &norm.obfuscations {
        let Some(cat) = flags
            .iter()
            .find(|f| overlaps(&f.span, &o.span))
            .map(|f| f.category)
        else {
            continue;
        };
        let word = text.get(o.span.clone()).unwrap_or_default().to_string();
        if word.is_empty() || disguise.iter().any(|d: &Flag| d.span == o.span) {
            continue;
        }
        disguise.push(Flag {
            rule: "obfuscated-word".into(),
            category: cat,
            weight: 1,
            excerpt: word.clone(),
            span: o.span.clone(),
            explain: "explain-obfuscated-word".into(),
            args: vec![("word".into(), visible(&word))],
            advice: Vec::new(),
        });
    }

    let counter_weight: i32 = matches
        .counters
        .iter()
        .map(|&c| i32::from(rules.counters()[c].weight))
        .sum();
    // Advice is recognized by the rules' `unless` patterns, so a request that survived them
    // is a real request: warning words around it ("fraudsters are trying to take a loan in
    // your name — dictate the code") lower the score, but never below the request itself.
    let advice_context = matches
        .counters
        .iter()
        .any(|&c| rules.counters()[c].advice_context);
    let floor = if advice_context {
        0
    } else {
        request_floor(&flags)
    };
    let score = (score(&flags, !disguise.is_empty()) - counter_weight).max(floor);
    flags.extend(disguise);
    flags.sort_by_key(|f| (f.span.start, f.span.end));
    let counters = matches
        .counters
        .iter()
        .map(|&c| rules.counters()[c].id.clone())
        .collect();
    Analysis {
        flags,
        score,
        counters,
    }
}

/// Check one message of a conversation (its `index` among real messages).
pub fn check_message(rules: &RuleSet, index: usize, msg: &Message) -> MessageReport {
    check_message_with(rules, index, msg, Options::default())
}

/// Check one message, with options.
pub fn check_message_with(
    rules: &RuleSet,
    index: usize,
    msg: &Message,
    opts: Options,
) -> MessageReport {
    let Analysis {
        mut flags, score, ..
    } = analyze(rules, &msg.text);
    let verdict = verdict_for(score);
    if verdict == Verdict::NoSigns && !opts.keep_weak {
        flags.clear();
    }
    MessageReport {
        index,
        sender: msg.sender.clone(),
        timestamp: msg.timestamp.clone(),
        text: msg.text.clone(),
        media: msg.media,
        verdict,
        score,
        flags,
    }
}

/// The verdict for a score.
pub fn verdict_for(score: i32) -> Verdict {
    if score >= DANGER_AT {
        Verdict::Danger
    } else if score >= SUSPICIOUS_AT {
        Verdict::Suspicious
    } else {
        Verdict::NoSigns
    }
}

/// Categories that ask the reader to hand over control: a code, a password, card data, money
/// into a "safe account", a remote-access app.
const REQUESTS: [Category; 5] = [
    Category::CodeRequest,
    Category::CredentialRequest,
    Category::PersonalDataRequest,
    Category::SafeAccount,
    Category::RemoteAccessApp,
];

/// The part of the score that counter-rules cannot remove (see [`analyze`]).
fn request_floor(flags: &[Flag]) -> i32 {
    REQUESTS
        .iter()
        .map(|&c| {
            flags
                .iter()
                .filter(|f| f.category == c)
                .map(|f| i32::from(f.weight))
                .max()
                .unwrap_or(0)
        })
        .sum()
}

/// Score a message's flags (steps 2–4 of the module docs).
fn score(flags: &[Flag], disguised: bool) -> i32 {
    let mut best = [0i32; Category::ALL.len()];
    for f in flags {
        let i = f.category as usize;
        best[i] = best[i].max(i32::from(f.weight));
    }
    let has = |c: Category| best[c as usize] > 0;
    let mut total: i32 = best.iter().sum();

    let money = has(Category::RelativeMoneyRequest) || has(Category::PaymentRequest);
    let card_given = flags.iter().any(|f| f.rule == "card-number-given");
    let pressure = [
        Category::Urgency,
        Category::Secrecy,
        Category::NewNumber,
        Category::VoiceOrVideoCallPretext,
        Category::ThreatOrFear,
    ]
    .into_iter()
    .any(has);
    if has(Category::RelativeMoneyRequest) && (pressure || card_given)
        || has(Category::PaymentRequest) && has(Category::Secrecy)
        || has(Category::PaymentRequest) && card_given && pressure
    {
        total += COMBO_BONUS;
    }
    // A brand named in passing ("check your Kaspi") weighs 1; speaking *as* the bank or a
    // body weighs 2 or more.
    let impersonation = [
        Category::OfficialImpersonation,
        Category::BankImpersonation,
        Category::NbkImpersonation,
        Category::OperatorImpersonation,
    ]
    .into_iter()
    .any(|c| best[c as usize] >= 2);
    let ask = [
        Category::CodeRequest,
        Category::CredentialRequest,
        Category::PersonalDataRequest,
        Category::SafeAccount,
        Category::RemoteAccessApp,
        Category::SuspiciousLink,
    ]
    .into_iter()
    .any(has)
        || money;
    if impersonation && ask {
        total += COMBO_BONUS;
    }
    if has(Category::PrizeOrInvestment) && has(Category::PaymentRequest) {
        // "pay first to receive": the fee-first shape of prizes, jobs and investments.
        total += COMBO_BONUS;
    }
    if disguised {
        total += 1;
    }
    total
}

fn link_flags(text: &str, l: &links::LinkFinding) -> Vec<Flag> {
    let shown = l.defanged.clone();
    let host_shown = links::defang(&l.host_unicode);
    let mut out = Vec::new();
    let mut push = |rule: &str,
                    category,
                    weight,
                    explain: &str,
                    args: Vec<(String, String)>,
                    advice: Vec<Step>| {
        out.push(Flag {
            rule: rule.into(),
            category,
            weight,
            span: l.span.clone(),
            excerpt: text.get(l.span.clone()).unwrap_or_default().to_string(),
            explain: explain.into(),
            args,
            advice,
        })
    };
    let host_arg = || {
        vec![
            ("host".to_string(), host_shown.clone()),
            ("link".to_string(), shown.clone()),
        ]
    };
    for issue in &l.issues {
        match issue {
            LinkIssue::Lookalike { brand } => {
                let mut a = host_arg();
                a.push(("brand".into(), (*brand).to_string()));
                push(
                    "link-lookalike",
                    Category::SuspiciousLink,
                    3,
                    "explain-link-lookalike",
                    a,
                    vec![Step::A1],
                );
            }
            LinkIssue::Shortener => push(
                "link-shortener",
                Category::SuspiciousLink,
                2,
                "explain-link-shortener",
                host_arg(),
                vec![Step::A1],
            ),
            LinkIssue::IpHost => push(
                "link-ip",
                Category::SuspiciousLink,
                3,
                "explain-link-ip",
                host_arg(),
                vec![Step::A1],
            ),
            LinkIssue::Punycode | LinkIssue::MixedScriptHost => {
                let a = vec![
                    ("host".to_string(), links::defang(&l.host)),
                    ("unicode".to_string(), host_shown.clone()),
                    ("link".to_string(), shown.clone()),
                ];
                push(
                    "link-punycode",
                    Category::SuspiciousLink,
                    3,
                    "explain-link-punycode",
                    a,
                    vec![Step::A1],
                );
            }
            LinkIssue::RiskyTld => push(
                "link-risky-tld",
                Category::SuspiciousLink,
                2,
                "explain-link-risky-tld",
                host_arg(),
                vec![Step::A1],
            ),
            LinkIssue::ApkFile => push(
                "link-apk",
                Category::RemoteAccessApp,
                3,
                "explain-link-apk",
                host_arg(),
                vec![Step::A1],
            ),
            LinkIssue::UserInfoTrick => push(
                "link-userinfo",
                Category::SuspiciousLink,
                3,
                "explain-link-lookalike",
                {
                    let mut a = host_arg();
                    a.push(("brand".into(), host_shown.clone()));
                    a
                },
                vec![Step::A1],
            ),
        }
    }
    // One flag per link and rule is enough (punycode and mixed-script explain the same thing).
    out.dedup_by(|a, b| a.rule == b.rule);
    out
}

/// Make invisible characters visible in an explanation argument.
fn visible(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => '·',
            c => c,
        })
        .collect()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}
