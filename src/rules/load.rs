//! Rule files (TOML) → checked, compiled [`Rule`]s.
//!
//! Owns the rule-file schema and its validation: every error names the file, the rule id and
//! what is wrong (the regex compiler's message included); nothing here panics on a bad file.
//! Knows nothing about messages, scoring or output.

use std::path::{Path, PathBuf};

use regex_automata::meta::{Cache, Regex};
use regex_automata::{Anchored, Input};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::normalize::fold_pattern;
use crate::report::{Category, Id, Step, Steps};

/// The rule files built into the binary, as (file name, contents).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("codes.toml", include_str!("../../assets/rules/codes.toml")),
    (
        "impersonation.toml",
        include_str!("../../assets/rules/impersonation.toml"),
    ),
    ("money.toml", include_str!("../../assets/rules/money.toml")),
    (
        "pressure.toml",
        include_str!("../../assets/rules/pressure.toml"),
    ),
    ("lures.toml", include_str!("../../assets/rules/lures.toml")),
    (
        "offers.toml",
        include_str!("../../assets/rules/offers.toml"),
    ),
    (
        "alarms.toml",
        include_str!("../../assets/rules/alarms.toml"),
    ),
    (
        "counters.toml",
        include_str!("../../assets/rules/counters.toml"),
    ),
];

/// One rule file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<RawRule>,
    #[serde(default)]
    counter: Vec<RawCounter>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    category: String,
    weight: u8,
    langs: Vec<String>,
    patterns: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    explain: String,
    #[serde(default)]
    advice: Vec<String>,
    #[serde(default)]
    marker: bool,
    #[serde(default)]
    action: bool,
    #[serde(default)]
    outside_links: bool,
    #[serde(rename = "match", default)]
    must_match: Vec<String>,
    #[serde(default)]
    no_match: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCounter {
    id: String,
    weight: u8,
    #[serde(default)]
    advice_context: bool,
    langs: Vec<String>,
    patterns: Vec<String>,
    #[serde(rename = "match", default)]
    must_match: Vec<String>,
    #[serde(default)]
    no_match: Vec<String>,
}

/// A pattern's lazy DFA over the narrow form of texts: forward only, as tries are anchored.
pub(crate) type NarrowDfa = regex_automata::hybrid::dfa::DFA;
/// The search cache of a [`NarrowDfa`].
pub(crate) type NarrowCache = regex_automata::hybrid::dfa::Cache;

/// The longest text one anchored try of a pattern looks at.
pub const MAX_MATCH_BYTES: usize = 1024;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern as written (one top-level alternative of it).
    pub source: String,
    /// The pattern in its [`dfa_form`], without a leading `\b` (checked by [`Pattern::spans`]).
    pub regex: LazyRegex,
    /// The pattern started with `\b`: a match must not follow a word character.
    pub lead_boundary: bool,
    /// The pattern ended with `\b`: a match must not be followed by a word character.
    pub trail_boundary: bool,
    /// Every match starts with one of these (regex-syntax's prefix extraction), so the rule
    /// set's Aho-Corasick pass finds where to try the pattern; `None` when no finite set of
    /// prefixes exists and the pattern must scan the whole text.
    pub prefixes: Option<Vec<Vec<u8>>>,
    /// Every match contains one of these literals (at or after its start): the most telling
    /// of the literal sets its parts begin or end with (see [`required`]). A try where none
    /// occurs at or after its start cannot match, so a common first word ("я", "вам", a
    /// digit) does not cost a try unless the rarer words the pattern needs are there too.
    /// `None` when no part has a telling finite set.
    pub required: Option<Vec<Vec<u8>>>,
}

impl Pattern {
    /// Up to `limit` non-overlapping matches in `text`, trimmed of consumed boundary characters.
    pub fn spans(&self, text: &str, limit: usize) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        while out.len() < limit && at <= text.len() {
            let Some(m) = self
                .regex
                .get()
                .and_then(|r| r.search(&Input::new(text).range(at..)))
            else {
                break;
            };
            if !self.boundary_ok(text, m.start()) {
                // Inside a word: try again one character later, so a real match that overlaps
                // this rejected one is still found.
                at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let span = self.trim_end(text, m.range());
            at = if m.end() > m.start() {
                m.end()
            } else {
                m.end() + text[m.end()..].chars().next().map_or(1, char::len_utf8)
            };
            if !span.is_empty() {
                out.push(span);
            }
        }
        out
    }

    /// The match starting exactly at `start`, if any (trimmed like [`Pattern::spans`]).
    pub fn span_at(&self, text: &str, start: usize) -> Option<std::ops::Range<usize>> {
        self.span_at_in(text, start, None)
    }

    /// [`Pattern::span_at`] with a search cache the caller keeps for this pattern (made on
    /// first use): without one the regex takes a cache from its shared pool, which costs a
    /// lock on every thread but the one that first used it.
    pub(crate) fn span_at_in(
        &self,
        text: &str,
        start: usize,
        cache: Option<&mut Option<Cache>>,
    ) -> Option<std::ops::Range<usize>> {
        if !self.boundary_ok(text, start) {
            return None;
        }
        // A rule's match is a phrase, never a page: the try sees at most `MAX_MATCH_BYTES`,
        // so a pattern with an open-ended repetition cannot rescan a long run of digits or
        // spaces from every position where it is tried (look-around still sees past it).
        let end = start.saturating_add(MAX_MATCH_BYTES).min(text.len());
        let end = (end..text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        let re = self.regex.get()?;
        let input = Input::new(text).range(start..end).anchored(Anchored::Yes);
        let m = match cache {
            Some(cache) => re.search_with(cache.get_or_insert_with(|| re.create_cache()), &input),
            None => re.search(&input),
        }?;
        let span = self.trim_end(text, m.range());
        (!span.is_empty()).then_some(span)
    }

    /// [`Pattern::span_at_in`] on the narrow form `narrow` of the text, with the pattern's
    /// [`LazyRegex::narrow`] automaton `dfa` (and its search cache, made on first use): the
    /// trimmed span and the untrimmed end, in narrow positions. The try sees
    /// `MAX_MATCH_BYTES` characters, at least as much text as [`Pattern::span_at_in`] sees;
    /// a caller must fall back on that when the match found is longer than it would see.
    pub(crate) fn narrow_span_at(
        &self,
        dfa: &NarrowDfa,
        narrow: &[u8],
        start: usize,
        cache: &mut Option<NarrowCache>,
    ) -> Option<(std::ops::Range<usize>, usize)> {
        let word_before = start
            .checked_sub(1)
            .and_then(|i| narrow.get(i))
            .is_some_and(|&b| super::narrow::is_word_byte(b));
        if self.lead_boundary && word_before {
            return None;
        }
        let end = start.saturating_add(MAX_MATCH_BYTES).min(narrow.len());
        let input = Input::new(narrow).range(start..end).anchored(Anchored::Yes);
        let cache = cache.get_or_insert_with(|| dfa.create_cache());
        // The automaton has no quit bytes and never gives up (no cache-clear minimum), so
        // an error cannot happen; were it to, no match is reported.
        let m = dfa.try_search_fwd(cache, &input).ok().flatten()?;
        let mut span = start..m.offset();
        let last = span.end.checked_sub(1).and_then(|i| narrow.get(i));
        if self.trail_boundary
            && !span.is_empty()
            && last.is_some_and(|&b| !super::narrow::is_word_byte(b))
        {
            span.end -= 1;
        }
        (!span.is_empty()).then_some((span, m.offset()))
    }

    fn boundary_ok(&self, text: &str, start: usize) -> bool {
        !self.lead_boundary || !text[..start].chars().next_back().is_some_and(is_word_char)
    }

    /// A trailing `\b` runs as "end of text or one non-word character" (so the regex can
    /// still choose a longer alternative to satisfy it); drop that character from the span.
    fn trim_end(&self, text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if !self.trail_boundary {
            return span;
        }
        match text[span.clone()].chars().next_back() {
            Some(c) if !is_word_char(c) => span.start..span.end - c.len_utf8(),
            _ => span,
        }
    }
}

/// A word character of normalized text (see [`WORD`]).
fn is_word_char(c: char) -> bool {
    c.is_ascii_digit()
        || c.is_ascii_lowercase()
        || ('а'..='я').contains(&c)
        || "ёәғқңөұүһі_".contains(c)
}

/// A red-flag rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id, e.g. `code-request-ru`.
    pub id: Id,
    /// The red-flag category it reports.
    pub category: Category,
    /// 1 (weak alone) … 3 (strong alone).
    pub weight: u8,
    /// Languages the rule was written for (informational: rules run on every message).
    pub langs: Vec<String>,
    /// Alternative patterns; any one matching fires the rule.
    pub patterns: Vec<Pattern>,
    /// If one of these matches in the same sentence, the hit is protective advice, not a flag.
    pub unless: Vec<LazyRegex>,
    /// All of `unless` as one regex (`(?:a)|(?:b)|…`): one scan of a sentence instead of
    /// one per pattern. `None` when there are fewer than two.
    unless_any: Option<LazyRegex>,
    /// Fluent id of the explanation.
    pub explain: Id,
    /// Advisory steps this red flag relates to.
    pub advice: Steps,
    /// A clear marker of a known scheme (a vote plea, a prize or payout, a recovery offer,
    /// easy earnings, a relative in trouble, an account alarm, an impersonation): alone it
    /// makes a message at least `suspicious` (see `engine`'s scoring policy).
    pub marker: bool,
    /// Asks the reader to act (pay, give a code or card, follow a link, call or write back,
    /// install an app): with a marker, the message is `danger`.
    pub action: bool,
    /// Does not flag words inside a link's address ("kaspi" in kaspi.kz.evil.top): there
    /// they are the link's story, told by its own flag.
    pub outside_links: bool,
    /// Texts the rule must flag (tested).
    pub must_match: Vec<String>,
    /// Texts the rule must not flag (tested).
    pub no_match: Vec<String>,
    /// The file the rule came from.
    pub source: PathBuf,
}

impl Rule {
    /// Does one of the `unless` patterns match in `sentence`?
    pub fn excused_in(&self, sentence: &str) -> bool {
        match self.unless_any.as_ref().map(LazyRegex::build) {
            Some(Ok(any)) => any.is_match(sentence),
            // Fewer than two patterns, or a union over the compiler's limits: one by one.
            _ => self.unless.iter().any(|u| u.is_match(sentence)),
        }
    }
}

/// A counter-rule: context that makes a message read as a warning about scams (news,
/// a bank's "never tell anyone the code"), lowering the score.
#[derive(Debug, Clone)]
pub struct Counter {
    /// Stable id.
    pub id: String,
    /// Points taken off the score when it matches.
    pub weight: u8,
    /// The message is advice (a hypothetical "if someone calls…", "staff never ask…"): even
    /// a request-shaped phrase in it is quoted, not asked, so requests lose their floor.
    pub advice_context: bool,
    /// Languages it was written for.
    pub langs: Vec<String>,
    /// Alternative patterns.
    pub patterns: Vec<Pattern>,
    /// Texts it must match (tested).
    pub must_match: Vec<String>,
    /// Texts it must not match (tested).
    pub no_match: Vec<String>,
    /// The file it came from.
    pub source: PathBuf,
}

/// The rules and counters of one or more files.
#[derive(Debug, Default, Clone)]
pub struct Parsed {
    /// Red-flag rules.
    pub rules: Vec<Rule>,
    /// Counter-rules.
    pub counters: Vec<Counter>,
}

/// Parse and compile one rule file's text; `path` is used in errors only.
pub fn parse_file(path: &Path, text: &str) -> Result<Parsed> {
    let file: RuleFile = toml::from_str(text).map_err(|e| Error::RuleFile {
        path: path.to_path_buf(),
        reason: e.to_string().trim().to_string(),
    })?;
    let mut out = Parsed::default();
    for raw in file.rule {
        out.rules.push(compile_rule(path, raw)?);
    }
    for raw in file.counter {
        let err = |reason: String| Error::Rule {
            path: path.to_path_buf(),
            rule: raw.id.clone(),
            reason,
        };
        if raw.patterns.is_empty() {
            return Err(err("no patterns".into()));
        }
        let patterns = compile_patterns(&raw.patterns).map_err(err)?;
        out.counters.push(Counter {
            id: raw.id,
            weight: raw.weight,
            advice_context: raw.advice_context,
            langs: raw.langs,
            patterns,
            must_match: raw.must_match,
            no_match: raw.no_match,
            source: path.to_path_buf(),
        });
    }
    Ok(out)
}

fn compile_rule(path: &Path, raw: RawRule) -> Result<Rule> {
    let err = |reason: String| Error::Rule {
        path: path.to_path_buf(),
        rule: raw.id.clone(),
        reason,
    };
    let category = Category::ALL
        .into_iter()
        .find(|c| c.as_str() == raw.category)
        .ok_or_else(|| err(format!("unknown category {:?}", raw.category)))?;
    if !(1..=3).contains(&raw.weight) {
        return Err(err(format!("weight {} is not 1, 2 or 3", raw.weight)));
    }
    if raw.patterns.is_empty() {
        return Err(err("no patterns".into()));
    }
    let mut advice = Vec::new();
    for a in &raw.advice {
        let step = Step::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(a))
            .ok_or_else(|| err(format!("unknown advisory step {a:?} (A1–A7)")))?;
        advice.push(step);
    }
    let patterns = compile_patterns(&raw.patterns).map_err(err)?;
    let unless = raw
        .unless
        .iter()
        .map(|p| compile_one(p).map_err(&err))
        .collect::<Result<Vec<_>>>()?;
    // Joined only when each part stays one group: in verbose mode (`(?x)`) a `#` comment
    // runs to the end of its line and would swallow the parts after it. The parts' syntax
    // was checked just above, so the union's is not parsed again at load (start-up time);
    // should it not build, `Rule::excused_in` runs the parts.
    let unless_any = (raw.unless.len() >= 2 && !raw.unless.iter().any(|p| p.contains(['#', '\n'])))
        .then(|| {
            let union: Vec<String> = raw.unless.iter().map(|p| format!("(?:{p})")).collect();
            LazyRegex::unchecked(&union.join("|"))
        });
    Ok(Rule {
        id: raw.id.as_str().into(),
        category,
        weight: raw.weight,
        langs: raw.langs,
        patterns,
        unless,
        unless_any,
        explain: raw.explain.into(),
        advice: advice.into(),
        marker: raw.marker,
        action: raw.action,
        outside_links: raw.outside_links,
        must_match: raw.must_match,
        no_match: raw.no_match,
        source: path.to_path_buf(),
    })
}

/// The letters, digits and `_` that normalized text is made of: a word character for the
/// purposes of rules. Normalization lower-cases and folds Kazakh letters, so this small class
/// stands in for Unicode `\w`; any other script counts as a non-word character.
const WORD: &str = "0-9a-zа-яёәғқңөұүһі_";

/// A pattern's regex, built on first use. A message tries only the patterns whose literal
/// prefix occurs in it, so building all ~500 at start-up (most of the start-up time) is
/// work most checks never need; the syntax is checked at load, so a bad pattern is still
/// an error when its file is read, and [`LazyRegex::build`] lets a caller build eagerly.
#[derive(Debug, Clone)]
pub struct LazyRegex {
    /// The pattern as written, for error messages.
    source: String,
    /// What is compiled: the folded pattern in its [`dfa_form`].
    dfa: String,
    cell: std::sync::OnceLock<std::result::Result<Regex, String>>,
    /// The automaton over the narrow form (see [`LazyRegex::narrow`]), built on first use.
    narrow: std::sync::OnceLock<Option<NarrowDfa>>,
}

impl LazyRegex {
    /// Check a pattern's syntax now; compile it when first needed.
    fn new(src: &str) -> std::result::Result<LazyRegex, String> {
        LazyRegex::checked(src).map(|(lazy, _)| lazy)
    }

    /// A pattern whose syntax is known to be good (made of checked parts): not parsed now.
    fn unchecked(src: &str) -> LazyRegex {
        LazyRegex {
            source: src.to_string(),
            dfa: dfa_form(&fold_pattern(src)),
            cell: std::sync::OnceLock::new(),
            narrow: std::sync::OnceLock::new(),
        }
    }

    /// [`LazyRegex::new`], also giving the parsed pattern (for its literal prefixes).
    fn checked(src: &str) -> std::result::Result<(LazyRegex, regex_syntax::hir::Hir), String> {
        let folded = fold_pattern(src);
        let dfa = dfa_form(&folded);
        let hir = regex_syntax::Parser::new().parse(&dfa).map_err(|e| {
            // Report the error against the pattern as written (the DFA form rewrites
            // classes), so the message quotes the author's syntax when that is the problem.
            match regex_syntax::Parser::new().parse(&folded) {
                Err(e) => format!("pattern {src:?}: {e}"),
                Ok(_) => format!("pattern {src:?}: {e}"),
            }
        })?;
        let lazy = LazyRegex {
            source: src.to_string(),
            dfa,
            cell: std::sync::OnceLock::new(),
            narrow: std::sync::OnceLock::new(),
        };
        Ok((lazy, hir))
    }

    /// The compiled regex, or the compiler's complaint (a pattern over its size limits).
    pub fn build(&self) -> std::result::Result<&Regex, String> {
        self.cell
            .get_or_init(|| {
                build_regex(&self.dfa).map_err(|e| format!("pattern {:?}: {e}", self.source))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The compiled regex; `None` if it cannot be built (which [`load_all`] rules out for
    /// extra rule files and a test rules out for the built-in ones).
    pub fn get(&self) -> Option<&Regex> {
        self.build().ok()
    }

    /// The pattern as a forward lazy DFA over the narrow form of texts (one byte a character,
    /// see [`super::narrow`]), matching there exactly where [`LazyRegex::get`] matches the
    /// text; `None` when the narrow form cannot tell apart characters the pattern tells
    /// apart. Russian and Kazakh text is half as long in it, and the automaton has no states
    /// for the middles of characters. Tries are anchored, so no reverse automaton is needed.
    pub(crate) fn narrow(&self) -> Option<&NarrowDfa> {
        self.narrow
            .get_or_init(|| {
                use regex_automata::nfa::thompson;
                let hir = regex_syntax::Parser::new().parse(&self.dfa).ok()?;
                let narrow = super::narrow::hir(&hir)?;
                let nfa = thompson::Compiler::new()
                    .configure(
                        thompson::Config::new()
                            .utf8(false)
                            .which_captures(thompson::WhichCaptures::None),
                    )
                    .build_from_hir(&narrow)
                    .ok()?;
                NarrowDfa::builder().build_from_nfa(nfa).ok()
            })
            .as_ref()
    }

    /// Does it match anywhere in `haystack`?
    pub fn is_match(&self, haystack: &str) -> bool {
        self.get().is_some_and(|r| r.is_match(haystack))
    }
}

fn compile_one(src: &str) -> std::result::Result<LazyRegex, String> {
    LazyRegex::new(src)
}

/// Compile for what rules need, match spans only: no capture groups (only the implicit
/// whole-match group), and none of the capture engines (one-pass DFA, backtracker). That
/// is most of the rule set's start-up time.
fn build_regex(pattern: &str) -> std::result::Result<Regex, String> {
    use regex_automata::nfa::thompson::WhichCaptures;
    Regex::builder()
        .configure(
            Regex::config()
                .which_captures(WhichCaptures::Implicit)
                .onepass(false)
                .backtrack(false),
        )
        .build(pattern)
        .map_err(|e| e.to_string())
}

/// Split a pattern at its top-level `|` (outside groups and classes).
pub fn split_alternation(src: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let (mut depth, mut in_class, mut escaped) = (0usize, false, false);
    for c in src.chars() {
        if escaped {
            escaped = false;
            cur.push(c);
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => depth = depth.saturating_sub(1),
            '|' if !in_class && depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    parts.push(cur);
    parts
}

/// The finite set of literal prefixes every match of `src` starts with, if there is one.
fn prefixes(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<u8>>> {
    literals(hir, regex_syntax::hir::literal::ExtractKind::Prefix)
}

/// The finite set of literal suffixes every match of a pattern's body ends with, if there
/// is one. With `trail_boundary`, `hir` is the body followed by the boundary's
/// `(?:$|[^WORD])`, which is left out.
fn suffixes(hir: &regex_syntax::hir::Hir, trail_boundary: bool) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::{Hir, HirKind};
    let kind = regex_syntax::hir::literal::ExtractKind::Suffix;
    if !trail_boundary {
        return literals(hir, kind);
    }
    match hir.kind() {
        HirKind::Concat(subs)
            if subs.len() >= 2
                && subs
                    .last()
                    .is_some_and(|b| matches!(b.kind(), HirKind::Alternation(_))) =>
        {
            let body = Hir::concat(subs.get(..subs.len() - 1)?.to_vec());
            literals(&body, kind)
        }
        _ => None,
    }
}

/// Literal sets this short (in characters) are too common to single out a try; a few
/// numbers of two digits ("18") are rare enough (not all of them: any number has some).
const MIN_REQUIRED_CHARS: usize = 3;
const MAX_NUMBER_SET: usize = 8;

/// The literal set that best tells where a pattern cannot match, if any: every match
/// contains one of its literals, at or after the match's start. The candidates are the
/// suffixes of the whole body and the literal prefixes of each part every match goes
/// through (the items of a concatenation, the inside of a group or of a repetition of at
/// least one); the pattern's own prefixes tell nothing more. The best set is the one whose
/// shortest literal is longest (then the smallest), cut to the automaton's length
/// ([`super::MAX_PREFIX_BYTES`]; a piece of a literal in the match is in the match too).
fn required(
    hir: &regex_syntax::hir::Hir,
    trail_boundary: bool,
    own: Option<&[Vec<u8>]>,
) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::ExtractKind;
    let cut = |lits: Vec<Vec<u8>>, tail: bool| -> Vec<Vec<u8>> {
        let mut out: Vec<Vec<u8>> = Vec::with_capacity(lits.len());
        for l in lits {
            let l = if tail {
                super::tail(&l, super::MAX_PREFIX_BYTES)
            } else {
                super::truncated(&l, super::MAX_PREFIX_BYTES)
            }
            .to_vec();
            if !out.contains(&l) {
                out.push(l);
            }
        }
        out
    };
    let mut candidates: Vec<Vec<Vec<u8>>> = Vec::new();
    if let Some(s) = suffixes(hir, trail_boundary) {
        candidates.push(cut(s, true));
    }
    let mut parts = Vec::new();
    required_parts(hir, &mut parts);
    for part in parts {
        if let Some(lits) = literals(part, ExtractKind::Prefix)
            && own.is_none_or(|own| own != lits.as_slice())
        {
            candidates.push(cut(lits, false));
        }
    }
    let shortest = |set: &Vec<Vec<u8>>| {
        set.iter()
            .map(|l| String::from_utf8_lossy(l).chars().count())
            .min()
            .unwrap_or(0)
    };
    candidates
        .into_iter()
        .filter(|set| {
            shortest(set) >= MIN_REQUIRED_CHARS
                || (shortest(set) >= 2
                    && set.len() <= MAX_NUMBER_SET
                    && set.iter().all(|l| l.iter().all(u8::is_ascii_digit)))
        })
        .max_by_key(|set| (shortest(set), std::cmp::Reverse(set.len())))
}

/// Every part of `hir` that each of its matches goes through, `hir` itself excluded.
fn required_parts<'h>(hir: &'h regex_syntax::hir::Hir, out: &mut Vec<&'h regex_syntax::hir::Hir>) {
    use regex_syntax::hir::HirKind;
    let subs: Vec<&regex_syntax::hir::Hir> = match hir.kind() {
        HirKind::Concat(subs) => subs.iter().collect(),
        HirKind::Capture(c) => vec![&c.sub],
        HirKind::Repetition(r) if r.min >= 1 => vec![&r.sub],
        _ => Vec::new(),
    };
    for sub in subs {
        out.push(sub);
        required_parts(sub, out);
    }
}

/// A finite, non-empty set of non-empty literals of `kind`, if `hir` has one.
fn literals(
    hir: &regex_syntax::hir::Hir,
    kind: regex_syntax::hir::literal::ExtractKind,
) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::Extractor;
    let mut ex = Extractor::new();
    ex.kind(kind).limit_class(12).limit_total(400);
    let seq = ex.extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// Rewrite a pattern so that regex can run it on its fast DFA engines: Unicode `\b` and
/// `\w` force a slow engine on non-ASCII text, so `\w` becomes the [`WORD`] class (and `\W`
/// outside a class its complement), `\d` becomes `[0-9]` (normalization has already turned
/// other digits into ASCII; `\D` outside a class becomes `[^0-9]`), and `\b` is
/// dropped. A leading or trailing `\b` is checked by [`Pattern`] around each match; one
/// inside a pattern (`скажи\b[^.]{0,40}\bкод`) is a documented approximation: the gaps
/// rules use already stop at sentence ends, and stems are matched from a word's start.
pub fn dfa_form(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + 32);
    let mut chars = src.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('b') if !in_class => {}
                Some('d') if in_class => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some('w') if in_class => out.push_str(WORD),
                Some('w') => {
                    out.push('[');
                    out.push_str(WORD);
                    out.push(']');
                }
                Some('W') if !in_class => {
                    out.push_str("[^");
                    out.push_str(WORD);
                    out.push(']');
                }
                Some('D') if !in_class => out.push_str("[^0-9]"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn compile_patterns(srcs: &[String]) -> std::result::Result<Vec<Pattern>, String> {
    // Check each pattern's syntax whole first (the cheap AST parse), so an error quotes
    // what the author wrote rather than one alternative of it.
    for src in srcs {
        regex_syntax::ast::parse::Parser::new()
            .parse(&fold_pattern(src))
            .map_err(|e| format!("pattern {src:?}: {e}"))?;
    }
    // `a|\bb` runs as two patterns: each then has its own literal prefixes and boundary.
    let parts: Vec<String> = srcs.iter().flat_map(|s| split_alternation(s)).collect();
    parts
        .iter()
        .map(|src| {
            let lead_boundary = src.starts_with("\\b");
            let trail_boundary = src.ends_with("\\b") && !src.ends_with("\\\\b");
            let body = if lead_boundary {
                &src[2..]
            } else {
                src.as_str()
            };
            let body = if trail_boundary {
                format!("(?:{})(?:$|[^{WORD}])", &body[..body.len() - 2])
            } else {
                body.to_string()
            };
            let (regex, hir) = LazyRegex::checked(&body)?;
            let prefixes = prefixes(&hir);
            let required = required(&hir, trail_boundary, prefixes.as_deref());
            Ok(Pattern {
                source: src.clone(),
                regex,
                lead_boundary,
                trail_boundary,
                prefixes,
                required,
            })
        })
        .collect()
}

/// Build every regex of a user's rule file now, so that a pattern the compiler refuses is
/// an error naming the file and rule when it is loaded, not a rule that silently never fires.
fn build_now(p: &Parsed) -> Result<()> {
    let rules = p.rules.iter().map(|r| {
        // Not `unless_any`: a union that does not build falls back on its parts.
        let regexes = r.patterns.iter().map(|x| &x.regex).chain(&r.unless);
        (&r.source, r.id.as_str(), regexes.collect::<Vec<_>>())
    });
    let counters = p.counters.iter().map(|c| {
        let regexes = c.patterns.iter().map(|x| &x.regex);
        (&c.source, c.id.as_str(), regexes.collect::<Vec<_>>())
    });
    for (path, id, regexes) in rules.chain(counters) {
        for r in regexes {
            r.build().map_err(|reason| Error::Rule {
                path: path.clone(),
                rule: id.to_string(),
                reason,
            })?;
        }
    }
    Ok(())
}

/// Load the embedded rules, then every `*.toml` in `extra_dirs` (sorted by name).
pub fn load_all(extra_dirs: &[PathBuf]) -> Result<Parsed> {
    let mut all = Parsed::default();
    // Compiling ~1 600 patterns is most of start-up; the built-in files compile side by
    // side on the machine's cores, and their results are kept in file order.
    let parsed: Vec<Result<Parsed>> = std::thread::scope(|scope| {
        let handles: Vec<_> = EMBEDDED
            .iter()
            .map(|(name, text)| {
                scope.spawn(move || parse_file(&Path::new("assets/rules").join(name), text))
            })
            .collect();
        handles
            .into_iter()
            // A compile thread only panics on a bug; re-raise it rather than hide it.
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    for p in parsed {
        let p = p?;
        all.rules.extend(p.rules);
        all.counters.extend(p.counters);
    }
    for dir in extra_dirs {
        let io = |source| Error::Io {
            path: dir.clone(),
            source,
        };
        // A folder gives its *.toml files in name order; a file is itself.
        let mut files: Vec<PathBuf> = if std::fs::metadata(dir).map_err(io)?.is_dir() {
            std::fs::read_dir(dir)
                .map_err(io)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        } else {
            vec![dir.clone()]
        };
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|source| Error::Io {
                path: f.clone(),
                source,
            })?;
            let p = parse_file(&f, &text)?;
            build_now(&p)?;
            all.rules.extend(p.rules);
            all.counters.extend(p.counters);
        }
    }
    let mut seen = std::collections::HashSet::new();
    for r in &all.rules {
        if !seen.insert(r.id.to_string()) {
            return Err(Error::Rule {
                path: r.source.clone(),
                rule: r.id.to_string(),
                reason: "duplicate rule id".into(),
            });
        }
    }
    for c in &all.counters {
        if !seen.insert(c.id.clone()) {
            return Err(Error::Rule {
                path: c.source.clone(),
                rule: c.id.clone(),
                reason: "duplicate rule id".into(),
            });
        }
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dfa_form_and_boundaries() {
        let p = &compile_patterns(&[r"\bкод\w*".to_string()]).unwrap()[0];
        assert!(p.lead_boundary);
        assert_eq!(p.spans("назовите код, пожалуйста", 4), vec![17..23]);
        assert!(p.spans("эпизод", 4).is_empty(), "no match inside a word");
        assert_eq!(p.spans("эпизод кодты", 4), vec![13..23]);
        assert_eq!(
            p.prefixes.as_deref(),
            Some(&[b"\xd0\xba\xd0\xbe\xd0\xb4".to_vec()][..])
        );
        assert_eq!(p.span_at("и код", 3), Some(3..9));
        assert_eq!(p.span_at("икод", 2), None);
        assert_eq!(dfa_form(r"a\Wb\Dc[\d]"), format!("a[^{WORD}]b[^0-9]c[0-9]"));
    }

    #[test]
    fn every_builtin_pattern_runs_on_the_narrow_form() {
        // A pattern without a narrow regex still matches (on the text), only slower: a rule
        // edit that loses it (a class holding some letters of another script, a capital
        // letter, which normalized text never has) should be noticed.
        let parsed = load_all(&[]).expect("built-in rules load");
        let patterns = parsed.rules.iter().flat_map(|r| &r.patterns);
        let patterns = patterns.chain(parsed.counters.iter().flat_map(|c| &c.patterns));
        for p in patterns {
            assert!(p.regex.narrow().is_some(), "{}", p.source);
        }
    }

    #[test]
    fn top_level_alternation_is_split() {
        assert_eq!(
            split_alternation(r"\ba|(b|c)|[|]|\|"),
            vec![r"\ba", "(b|c)", "[|]", r"\|"]
        );
    }

    #[test]
    fn every_builtin_pattern_has_literal_prefixes() {
        // Performance guard: a pattern without prefixes is scanned over every message.
        let parsed = load_all(&[]).expect("built-in rules load");
        let rules = parsed.rules.iter().map(|r| (r.id.as_str(), &r.patterns));
        let counters = parsed.counters.iter().map(|c| (c.id.as_str(), &c.patterns));
        let mut bad = Vec::new();
        for (id, patterns) in rules.chain(counters) {
            for p in patterns.iter().filter(|p| p.prefixes.is_none()) {
                bad.push(format!("{id}: {}", p.source));
            }
        }
        assert!(
            bad.is_empty(),
            "patterns without literal prefixes:\n{}",
            bad.join("\n")
        );
    }

    #[test]
    fn every_builtin_regex_builds() {
        // Regexes are built on first use; a built-in one that cannot be built would never
        // fire, so build them all here (extra rule files are built when loaded).
        let parsed = load_all(&[]).expect("built-in rules load");
        build_now(&parsed).expect("every built-in regex builds");
        for r in &parsed.rules {
            if let Some(any) = &r.unless_any {
                any.build()
                    .expect("every built-in union of unless patterns builds");
            }
        }
    }

    #[test]
    fn trailing_boundary_is_trimmed() {
        let p = &compile_patterns(&[r"\b(верну|отдам)\b".to_string()]).unwrap()[0];
        assert_eq!(p.spans("завтра верну, честно", 4), vec![13..23]);
        assert!(p.spans("вернуть", 4).is_empty());
    }

    #[test]
    fn required_literals_are_the_most_telling_part() {
        let req = |src: &str| -> Option<Vec<String>> {
            let p = compile_patterns(&[src.to_string()]).unwrap().remove(0);
            p.required.map(|set| {
                set.iter()
                    .map(|l| String::from_utf8_lossy(l).into_owned())
                    .collect()
            })
        };
        // A common first word: the rarer words later in the pattern are required.
        assert_eq!(
            req(
                r"\b(я|хозяин)\s+(\w+\s+){0,2}(за границ\w*|в командировк\w*)\b[^\n]{0,50}\b(залог\w*|ключ\w*)"
            ),
            Some(vec!["за грани".to_string(), "в команд".to_string()])
        );
        // The ending, when it is the longest-worded part (in folded form: і is и).
        assert_eq!(
            req(r"\b\d+\s*(мың|к)\s+(жіберші|салшы)\b"),
            Some(vec!["жиберши".to_string(), "салшы".to_string()])
        );
        // Optional parts are not required, and short words tell too little.
        assert_eq!(req(r"\b(от|до)\s+(\d+\s+)?(к|р)"), None);
        assert_eq!(req(r"\bкод\w*(\s+из\s+смс)?"), None);
        // A two-digit number is rare enough; any two digits are not.
        assert_eq!(
            req(r"\b(возраст\w*|от)\s+18\s*(\+|лет)"),
            Some(vec!["18".to_string()])
        );
        assert_eq!(req(r"\bкод\s+\d\d"), None);
    }

    #[test]
    fn bad_regex_names_file_and_rule() {
        let text = r#"
[[rule]]
id = "broken"
category = "urgency"
weight = 1
langs = ["ru"]
patterns = ['срочно(']
explain = "explain-urgency"
"#;
        let e = parse_file(Path::new("x.toml"), text)
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.toml") && e.contains("broken"), "{e}");
    }

    #[test]
    fn unknown_category_and_bad_toml_are_errors() {
        let text =
            "[[rule]]\nid='a'\ncategory='nope'\nweight=1\nlangs=[]\npatterns=['x']\nexplain='e'\n";
        let e = parse_file(Path::new("y.toml"), text)
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown category"), "{e}");
        let e = parse_file(Path::new("z.toml"), "[[rule]\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("z.toml"), "{e}");
    }

    #[test]
    fn every_asset_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/rules");
        for e in std::fs::read_dir(dir).expect("assets/rules exists in the source tree") {
            let name = e
                .expect("dir entry")
                .file_name()
                .to_string_lossy()
                .to_string();
            if name.ends_with(".toml") {
                assert!(
                    EMBEDDED.iter().any(|(n, _)| *n == name),
                    "{name} not embedded"
                );
            }
        }
    }
}
