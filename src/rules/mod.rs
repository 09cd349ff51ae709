//! Rules as data: loading (`load`) and matching (`RuleSet`).
//!
//! A `RuleSet` is compiled once. Matching does not run every pattern over the text: one
//! Aho-Corasick pass finds where the literal prefixes of all patterns occur, and only there is
//! the owning pattern tried, anchored at that position (a few patterns without a finite set
//! of prefixes scan the whole text). So the cost of a check grows with the hits, not with the
//! number of rules. Knows nothing about scoring or output.

pub mod load;
mod narrow;

use std::ops::Range;
use std::path::PathBuf;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

pub use load::{Counter, Pattern, Rule};

use crate::error::{Error, Result};

/// How many spans one rule reports in one message at most (more add nothing).
const MAX_SPANS_PER_RULE: usize = 4;

/// How many matches of one pattern are kept as candidates in one message.
const MAX_CANDIDATES_PER_PATTERN: usize = 64;

/// Literal prefixes are cut to this many bytes (on a char boundary). A prefix only says
/// where to try a pattern (the anchored try decides), and 16 bytes — eight Cyrillic
/// letters — still single out a word; the automaton is smaller and quicker to build.
const MAX_PREFIX_BYTES: usize = 16;

/// The first `max` bytes of `lit`, not cutting a UTF-8 character.
fn truncated(lit: &[u8], max: usize) -> &[u8] {
    if lit.len() <= max {
        return lit;
    }
    let mut end = max;
    // Continuation bytes are 0b10xx_xxxx; back up to the start of a character.
    while end > 0 && lit.get(end).is_some_and(|b| b & 0xC0 == 0x80) {
        end -= 1;
    }
    &lit[..end]
}

/// Which pattern of which rule or counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    Rule(usize, usize),
    Counter(usize, usize),
}

/// Compiled rules ready to match.
#[derive(Debug, Clone)]
pub struct RuleSet {
    rules: Vec<Rule>,
    counters: Vec<Counter>,
    /// All patterns' literal prefixes; a hit's pattern id indexes `prefix_owner`.
    prefixes: AhoCorasick,
    prefix_owner: Vec<Owner>,
    /// Patterns without a finite prefix set: scanned whole.
    scan_always: Vec<Owner>,
}

/// A rule that fired on a span of the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleHit {
    /// Index into [`RuleSet::rules`].
    pub rule: usize,
    /// Byte range in the normalized text.
    pub span: Range<usize>,
}

/// What the rules found in one normalized text.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// Red-flag hits, in rule order then text order.
    pub hits: Vec<RuleHit>,
    /// Indices of counter-rules that matched.
    pub counters: Vec<usize>,
}

impl RuleSet {
    /// The built-in rules plus every `*.toml` in `extra_dirs`.
    pub fn load(extra_dirs: &[PathBuf]) -> Result<RuleSet> {
        let parsed = load::load_all(extra_dirs)?;
        RuleSet::from_parts(parsed.rules, parsed.counters)
    }

    /// The built-in rules only.
    pub fn builtin() -> Result<RuleSet> {
        RuleSet::load(&[])
    }

    /// Build from already compiled rules.
    pub fn from_parts(rules: Vec<Rule>, counters: Vec<Counter>) -> Result<RuleSet> {
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut prefix_owner = Vec::new();
        let mut scan_always = Vec::new();
        let all = rules
            .iter()
            .enumerate()
            .flat_map(|(ri, r)| {
                r.patterns
                    .iter()
                    .enumerate()
                    .map(move |(pi, p)| (Owner::Rule(ri, pi), p))
            })
            .chain(counters.iter().enumerate().flat_map(|(ci, c)| {
                c.patterns
                    .iter()
                    .enumerate()
                    .map(move |(pi, p)| (Owner::Counter(ci, pi), p))
            }));
        for (owner, p) in all {
            match &p.prefixes {
                Some(ps) => {
                    let first = lits.len();
                    for lit in ps {
                        let lit = narrow::literal(truncated(lit, MAX_PREFIX_BYTES));
                        // Cut prefixes of one pattern often coincide; one is enough.
                        if !lits[first..].contains(&lit) {
                            lits.push(lit);
                            prefix_owner.push(owner);
                        }
                    }
                }
                None => scan_always.push(owner),
            }
        }
        let prefixes = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&lits)
            .map_err(|e| Error::RuleFile {
                path: PathBuf::from("(all rules)"),
                reason: e.to_string(),
            })?;
        Ok(RuleSet {
            rules,
            counters,
            prefixes,
            prefix_owner,
            scan_always,
        })
    }

    fn pattern(&self, owner: Owner) -> &Pattern {
        match owner {
            Owner::Rule(r, p) => &self.rules[r].patterns[p],
            Owner::Counter(c, p) => &self.counters[c].patterns[p],
        }
    }

    /// The red-flag rules.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The counter-rules.
    pub fn counters(&self) -> &[Counter] {
        &self.counters
    }

    /// Match every rule against a normalized text.
    pub fn matches(&self, norm: &str) -> Matches {
        // (owner, span) candidates: anchored tries at literal-prefix hits, plus full scans.
        let mut found: Vec<(Owner, Range<usize>)> = Vec::new();
        let narrowed = narrow::text(norm);
        let mut offsets = narrow::Offsets::new(&narrowed);
        // Where to try which pattern. Two prefixes of one pattern can hit at the same place
        // ("код", "кодик"): sorting and dedup keeps one try each, in O(h log h) for h hits
        // (a text made of one prefix repeated has a hit at every character).
        let mut tries: Vec<(usize, Owner)> = self
            .prefixes
            .find_overlapping_iter(&narrowed)
            .map(|m| {
                (
                    offsets.of(m.start()),
                    self.prefix_owner[m.pattern().as_usize()],
                )
            })
            .collect();
        tries.sort_unstable_by_key(|&(start, owner)| (owner, start));
        tries.dedup();
        // A pattern that already matched this often has shown all a report can use (a rule
        // keeps `MAX_SPANS_PER_RULE` spans; spare ones stand in for spans its `unless`
        // patterns reject): later tries would only cost time on hostile text.
        let mut per_owner = (None, 0usize);
        for (start, owner) in tries {
            if per_owner.0 != Some(owner) {
                per_owner = (Some(owner), 0);
            }
            if per_owner.1 >= MAX_CANDIDATES_PER_PATTERN {
                continue;
            }
            if let Some(span) = self.pattern(owner).span_at(norm, start) {
                per_owner.1 += 1;
                found.push((owner, span));
            }
        }
        for &owner in &self.scan_always {
            for span in self.pattern(owner).spans(norm, MAX_SPANS_PER_RULE) {
                found.push((owner, span));
            }
        }
        found.sort_by_key(|(o, s)| (owner_key(*o), s.start, std::cmp::Reverse(s.end)));

        let mut out = Matches::default();
        for (owner, span) in found {
            match owner {
                Owner::Rule(ri, _) => {
                    let rule = &self.rules[ri];
                    let mut same = out.hits.iter().filter(|h| h.rule == ri);
                    if same.clone().count() >= MAX_SPANS_PER_RULE
                        || same.any(|h| overlaps(&h.span, &span))
                    {
                        continue;
                    }
                    if rule
                        .unless
                        .iter()
                        .any(|u| u.is_match(sentence_around(norm, &span)))
                    {
                        continue;
                    }
                    out.hits.push(RuleHit { rule: ri, span });
                }
                Owner::Counter(ci, _) => {
                    if !out.counters.contains(&ci) {
                        out.counters.push(ci);
                    }
                }
            }
        }
        out
    }
}

/// Sort key: rules before counters, then by index.
fn owner_key(o: Owner) -> (u8, usize) {
    match o {
        Owner::Rule(r, _) => (0, r),
        Owner::Counter(c, _) => (1, c),
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The sentence (clause between . ! ? ; or newline) containing `span`; `unless` patterns
/// look only there, so advice in one sentence does not excuse a request in another.
pub fn sentence_around<'a>(text: &'a str, span: &Range<usize>) -> &'a str {
    // Byte scan: the ends are ASCII, or '…' (E2 80 A6), so no char decoding is needed.
    let b = text.as_bytes();
    let is_end_at = |i: usize| -> bool {
        matches!(b[i], b'.' | b'!' | b'?' | b';' | b'\n')
            || (b[i] == 0xA6 && i >= 2 && b[i - 1] == 0x80 && b[i - 2] == 0xE2)
    };
    // A "sentence" with no end in sight (a pasted megabyte without punctuation) is cut at
    // `MAX_SENTENCE_BYTES` on each side, so that each check stays bounded.
    let lo = crate::normalize::floor_boundary(text, span.start.saturating_sub(MAX_SENTENCE_BYTES));
    let hi = crate::normalize::ceil_boundary(
        text,
        span.end.saturating_add(MAX_SENTENCE_BYTES).min(b.len()),
    );
    let start = (lo..span.start)
        .rev()
        .find(|&i| is_end_at(i))
        .map_or(lo, |i| i + 1);
    let end = (span.end..hi)
        .find(|&i| {
            is_end_at(i)
                || (b[i] == 0xE2 && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6))
        })
        .unwrap_or(hi);
    // Both positions are just past an ASCII byte or a whole '…', at an ASCII byte or the
    // first byte of '…', or at the char boundaries `lo`/`hi`.
    text.get(start..end).unwrap_or(text)
}

/// How far around a span its sentence is looked for (see [`sentence_around`]).
const MAX_SENTENCE_BYTES: usize = 1024;
