//! Rules as data: loading (`load`) and matching (`RuleSet`).
//!
//! A `RuleSet` is compiled once. Matching does not run every pattern over the text: one
//! Aho-Corasick pass finds where the literal prefixes of all patterns occur, and only there is
//! the owning pattern tried, anchored at that position (a few patterns without a finite set
//! of prefixes scan the whole text). So the cost of a check grows with the hits, not with the
//! number of rules. Knows nothing about scoring or output.

pub mod load;
pub(crate) mod narrow;

use std::ops::Range;
use std::path::PathBuf;

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
pub(crate) fn truncated(lit: &[u8], max: usize) -> &[u8] {
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

/// The last `max` bytes of `lit`, not cutting a UTF-8 character.
pub(crate) fn tail(lit: &[u8], max: usize) -> &[u8] {
    let mut start = lit.len().saturating_sub(max);
    // Continuation bytes are 0b10xx_xxxx; move on to the start of a character.
    while lit.get(start).is_some_and(|b| b & 0xC0 == 0x80) {
        start += 1;
    }
    lit.get(start..).unwrap_or_default()
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
    /// One automaton over all patterns' literal prefixes and then their required literals
    /// (narrow form, see [`Pattern::required`]), each distinct literal once: a hit says
    /// which literal *group* occurred (one group may be the prefix of many patterns and a
    /// required literal of others).
    literals: Literals,
    /// By group: the patterns (indices into `owners`, sorted) it is a prefix of, as a
    /// range of `prefix_owners`.
    group_prefixes: Vec<Range<u32>>,
    prefix_owners: Vec<u32>,
    /// By group: the patterns (indices into `owners`) it is a required literal of, as a
    /// range of `needed_by`.
    group_needed_by: Vec<Range<u32>>,
    needed_by: Vec<u32>,
    /// By literal id (the list given to [`Literals::new`]): its pattern. Ids below
    /// `prefix_count` are prefixes. For the tests' reference matcher.
    #[cfg(test)]
    literal_owner: Vec<u32>,
    #[cfg(test)]
    prefix_count: usize,
    /// The prefix-indexed patterns.
    owners: Vec<Owner>,
    /// The longest narrow prefix, in bytes.
    max_prefix_len: usize,
    /// By pattern (index into `owners`): it has required literals, and is tried only where
    /// one of them occurs at or after the try's start.
    filtered: Vec<bool>,
    /// Patterns without a finite prefix set: scanned whole.
    scan_always: Vec<Owner>,
    /// Which rule set the thread's regex caches ([`Scratch::caches`]) belong to.
    uid: Uid,
}

/// The identity of a rule set, for the regex caches a thread keeps for it: unique in the
/// process, and a clone gets a new one (its regexes may be compiled apart from the
/// original's).
#[derive(Debug, PartialEq, Eq)]
struct Uid(u64);

impl Uid {
    fn new() -> Uid {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Uid(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

impl Clone for Uid {
    fn clone(&self) -> Uid {
        Uid::new()
    }
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
        let mut literal_owner = Vec::new();
        let mut owners = Vec::new();
        let (mut required_lits, mut required_owner, mut filtered) =
            (Vec::new(), Vec::new(), Vec::new());
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
                    let id = u32::try_from(owners.len()).map_err(|_| Error::RuleFile {
                        path: PathBuf::from("(all rules)"),
                        reason: "too many patterns".into(),
                    })?;
                    owners.push(owner);
                    let required: Option<Vec<Vec<u8>>> = p.required.as_ref().and_then(|ss| {
                        let t: Vec<Vec<u8>> = ss.iter().map(|l| narrow::literal(l)).collect();
                        t.iter().all(|l| !l.is_empty()).then_some(t)
                    });
                    filtered.push(required.is_some());
                    let first_required = required_lits.len();
                    for lit in required.into_iter().flatten() {
                        if !required_lits[first_required..].contains(&lit) {
                            required_lits.push(lit);
                            required_owner.push(id);
                        }
                    }
                    for lit in ps {
                        let lit = narrow::literal(truncated(lit, MAX_PREFIX_BYTES));
                        // Cut prefixes of one pattern often coincide; one is enough.
                        if !lits[first..].contains(&lit) {
                            lits.push(lit);
                            literal_owner.push(id);
                        }
                    }
                }
                None => scan_always.push(owner),
            }
        }
        let prefix_count = lits.len();
        let max_prefix_len = lits.iter().map(Vec::len).max().unwrap_or(0);
        lits.extend(required_lits);
        literal_owner.extend(required_owner);
        let literals = Literals::new(&lits).map_err(|reason| Error::RuleFile {
            path: PathBuf::from("(all rules)"),
            reason,
        })?;
        // What each group stands for: the patterns it starts, the patterns that need it.
        let (mut group_prefixes, mut prefix_owners) = (Vec::new(), Vec::new());
        let (mut group_needed_by, mut needed_by) = (Vec::new(), Vec::new());
        for ids in &literals.groups {
            let ids = literals
                .ids
                .get(ids.start as usize..ids.end as usize)
                .unwrap_or_default();
            // The patterns of this group's prefix literals (below `prefix_count`) or of its
            // required literals (the rest), each once.
            let owners_of = |required: bool| {
                let mut v: Vec<u32> = ids
                    .iter()
                    .filter(|&&lit| (lit as usize >= prefix_count) == required)
                    .filter_map(|&lit| literal_owner.get(lit as usize).copied())
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let first = u32::try_from(prefix_owners.len()).unwrap_or(u32::MAX);
            prefix_owners.extend(owners_of(false));
            group_prefixes.push(first..u32::try_from(prefix_owners.len()).unwrap_or(u32::MAX));
            let first = u32::try_from(needed_by.len()).unwrap_or(u32::MAX);
            needed_by.extend(owners_of(true));
            group_needed_by.push(first..u32::try_from(needed_by.len()).unwrap_or(u32::MAX));
        }
        Ok(RuleSet {
            rules,
            counters,
            literals,
            group_prefixes,
            prefix_owners,
            group_needed_by,
            needed_by,
            #[cfg(test)]
            literal_owner,
            #[cfg(test)]
            prefix_count,
            max_prefix_len,
            owners,
            filtered,
            scan_always,
            uid: Uid::new(),
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
        self.matches_with(norm, None)
    }

    /// [`RuleSet::matches`] for a text whose narrow form is known already (`narrowed`,
    /// which must be [`narrow::text`] of `norm`: normalization makes it on the way for most
    /// messages).
    pub(crate) fn matches_narrowed(&self, norm: &str, narrowed: &[u8]) -> Matches {
        debug_assert_eq!(narrowed, narrow::text(norm).as_slice());
        self.matches_with(norm, Some(narrowed))
    }

    /// [`RuleSet::matches_in`] with the thread's reusable buffers.
    fn matches_with(&self, norm: &str, narrowed: Option<&[u8]>) -> Matches {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let found = self.matches_in(norm, narrowed, &mut scratch);
                scratch.trim();
                found
            }
            // Only a re-entrant call could find it taken; it gets buffers of its own.
            Err(_) => self.matches_in(norm, narrowed, &mut Scratch::default()),
        })
    }

    /// Match every rule against `norm`, whose narrow form is given or made here (`None`),
    /// with `scratch`'s buffers.
    fn matches_in(&self, norm: &str, narrowed: Option<&[u8]>, scratch: &mut Scratch) -> Matches {
        let mut found = std::mem::take(&mut scratch.found);
        found.clear();
        self.candidates_in(norm, narrowed, scratch, &mut found);
        for &owner in &self.scan_always {
            for span in self.pattern(owner).spans(norm, MAX_SPANS_PER_RULE) {
                found.push((owner, span));
            }
        }
        found.sort_by_key(|(o, s)| (owner_key(*o), s.start, std::cmp::Reverse(s.end)));
        let out = self.select(norm, &found, scratch);
        scratch.found = found;
        out
    }

    /// Anchored tries at the literal-prefix hits: every (pattern, span) candidate, at most
    /// [`MAX_CANDIDATES_PER_PATTERN`] per pattern (the first ones in text order).
    ///
    /// The hits are taken as a stream, not collected: a text made of one prefix repeated
    /// has a hit at every character, and holding and sorting them all made time per MB grow
    /// with the length. Hits come in order of their ends, and a start lies at most
    /// `max_prefix_len` narrow bytes before its end, so a try that starts that far before
    /// the latest end has all its duplicates (two prefixes of one pattern hitting at one
    /// place, "код" and "кодик") in the window already: sorted and deduplicated, such tries
    /// leave the window in text order.
    ///
    /// A hit is one literal group at one place: it goes into the window once, however many
    /// patterns it starts (a common word may start dozens), and becomes their tries only
    /// when the window is run. A pattern with required literals is tried only where one of
    /// them starts at or after the try: the scan notes, by group, the last place a required
    /// literal occurred, and a try looks up its pattern's groups. A text whose hits all fit
    /// in one window (nearly every message) is tried once the scan is over; a longer one
    /// has its required literals found by a scan of their own before its first tries.
    ///
    /// The candidates are added to `found`; `scratch` holds the thread's reusable buffers.
    fn candidates_in(
        &self,
        norm: &str,
        given: Option<&[u8]>,
        scratch: &mut Scratch,
        found: &mut Vec<(Owner, Range<usize>)>,
    ) {
        const WINDOW: usize = 4096;
        let Scratch {
            narrow: narrowed,
            window,
            starting,
            last_at,
            last_touched,
            req_last,
            req_touched,
            per_owner,
            touched,
            caches_of,
            caches,
            ..
        } = scratch;
        if *caches_of != self.uid.0 {
            caches.clear();
            *caches_of = self.uid.0;
        }
        if caches.len() < self.owners.len() {
            caches.resize_with(self.owners.len(), PatternCaches::default);
        }
        if given.is_none() {
            narrow::text_into(norm, narrowed);
        }
        window.clear();
        // By group: 1 + the last narrow position where it occurred as a required literal
        // (0: not yet), kept from text to text and set back to 0 through `last_touched`.
        reset_counts(last_at, last_touched);
        if last_at.len() < self.group_needed_by.len() {
            last_at.resize(self.group_needed_by.len(), 0);
        }
        // By pattern: 1 + the last narrow position where one of its required literals
        // starts (0: none), made from `last_at` once it is complete (`propagate`), before the
        // first try; set back to 0 through `req_touched`.
        reset_counts(req_last, req_touched);
        if req_last.len() < self.owners.len() {
            req_last.resize(self.owners.len(), 0);
        }
        let narrowed: &[u8] = given.unwrap_or(narrowed);
        let mut offsets = narrow::Offsets::new(narrowed);
        // Whether `last_at` already holds the whole text's required literals.
        let mut complete = false;
        // Successful tries so far by pattern (index into `self.owners`), kept from text to
        // text: the patterns the last text counted (`touched`) are set back to 0 here, so
        // a text whose matching did not finish (a panic caught by the caller) leaves no
        // stale counts either. Made on the thread's first success (most chat messages have
        // none).
        reset_counts(per_owner, touched);
        // A hit of group `g` at `start`, noted if the group is some pattern's required literal.
        let note = |last_at: &mut [u32], last_touched: &mut Vec<u32>, g: u32, start: usize| {
            if self
                .group_needed_by
                .get(g as usize)
                .is_none_or(Range::is_empty)
            {
                return;
            }
            if let Some(slot) = last_at.get_mut(g as usize) {
                if *slot == 0 {
                    last_touched.push(g);
                }
                *slot = (*slot).max(at_plus_one(start));
            }
        };
        // `last_at` holds the whole text's required literals: each pattern gets the latest
        // of its own. The work is bounded by the groups that occurred, however often.
        let propagate = |last_at: &[u32],
                         last_touched: &[u32],
                         req_last: &mut [u32],
                         req_touched: &mut Vec<u32>| {
            for &g in last_touched {
                let at = last_at.get(g as usize).copied().unwrap_or(0);
                let r = self
                    .group_needed_by
                    .get(g as usize)
                    .cloned()
                    .unwrap_or(0..0);
                let ids = self
                    .needed_by
                    .get(r.start as usize..r.end as usize)
                    .unwrap_or_default();
                for &id in ids {
                    if let Some(slot) = req_last.get_mut(id as usize) {
                        if *slot == 0 {
                            req_touched.push(id);
                        }
                        *slot = (*slot).max(at);
                    }
                }
            }
        };
        let mut run = |window: &mut Vec<(usize, u32)>, upto: usize, req_last: &[u32]| {
            if window.is_empty() {
                return;
            }
            sort_nearly_sorted(window);
            window.dedup();
            let done = window.partition_point(|&(start, _)| start < upto);
            let mut k = 0;
            let starts = |g: u32| {
                let r = self.group_prefixes.get(g as usize).cloned().unwrap_or(0..0);
                self.prefix_owners
                    .get(r.start as usize..r.end as usize)
                    .unwrap_or_default()
            };
            while let Some(&(start, g)) = window.get(k).filter(|_| k < done) {
                k += 1;
                // The patterns the groups hitting here start, each once, in order: one
                // group's list as it is, several merged.
                let mut ids = starts(g);
                if window.get(k).is_some_and(|&(s, _)| k < done && s == start) {
                    starting.clear();
                    starting.extend_from_slice(ids);
                    while let Some(&(_, g)) =
                        window.get(k).filter(|&&(s, _)| k < done && s == start)
                    {
                        starting.extend_from_slice(starts(g));
                        k += 1;
                    }
                    starting.sort_unstable();
                    starting.dedup();
                    ids = starting;
                }
                for &id in ids {
                    let Some(&owner) = self.owners.get(id as usize) else {
                        continue;
                    };
                    // A pattern that already matched this often has shown all a report can
                    // use (a rule keeps `MAX_SPANS_PER_RULE` spans; spare ones stand in for
                    // spans its `unless` patterns reject): later tries would only cost time.
                    let n = per_owner.get(id as usize).copied().unwrap_or(0);
                    if usize::from(n) >= MAX_CANDIDATES_PER_PATTERN {
                        continue;
                    }
                    if !self.allows(id, start, req_last) {
                        continue;
                    }
                    let mut spare = PatternCaches::default();
                    let cache = caches.get_mut(id as usize).unwrap_or(&mut spare);
                    let span = try_at(
                        self.pattern(owner),
                        norm,
                        narrowed,
                        &mut offsets,
                        start,
                        cache,
                    );
                    if let Some(span) = span {
                        if per_owner.len() < self.owners.len() {
                            per_owner.resize(self.owners.len(), 0);
                        }
                        if let Some(n) = per_owner.get_mut(id as usize) {
                            if *n == 0 {
                                touched.push(id);
                            }
                            *n += 1;
                        }
                        found.push((owner, span));
                    }
                }
            }
            window.drain(..done);
        };
        self.literals.each_group(narrowed, |g, start, end| {
            let gi = g as usize;
            if self.group_prefixes.get(gi).is_some_and(|r| !r.is_empty()) {
                window.push((start, g));
            }
            if !complete {
                note(last_at, last_touched, g, start);
            }
            if window.len() >= WINDOW {
                if !complete {
                    // Tries start before the scan is over: first every required literal.
                    self.literals.each_group(narrowed, |g, start, _| {
                        note(last_at, last_touched, g, start);
                    });
                    complete = true;
                    propagate(last_at, last_touched, req_last, req_touched);
                }
                run(window, end.saturating_sub(self.max_prefix_len), req_last);
            }
        });
        if !complete {
            propagate(last_at, last_touched, req_last, req_touched);
        }
        run(window, usize::MAX, req_last);
    }

    /// Whether pattern `id` may match from narrow position `start`: it has no required
    /// literals, or one of them starts at or after `start` (`req_last`: by pattern, 1 + the
    /// last position where one of its required literals starts; a position past u32
    /// saturates and lets every try through, which is only slower).
    fn allows(&self, id: u32, start: usize, req_last: &[u32]) -> bool {
        if !self.filtered.get(id as usize).copied().unwrap_or(false) {
            return true;
        }
        let last = req_last.get(id as usize).copied().unwrap_or(0);
        last == u32::MAX || last as usize > start
    }

    /// Keep, of the sorted candidates, what a report shows: at most [`MAX_SPANS_PER_RULE`]
    /// non-overlapping spans a rule, none that its `unless` patterns excuse; and the counters.
    fn select(
        &self,
        norm: &str,
        found: &[(Owner, Range<usize>)],
        scratch: &mut Scratch,
    ) -> Matches {
        let mut sentences = Sentences::new(norm, &mut scratch.stops);
        // `unless` verdicts by (rule, sentence): neighbouring hits share a sentence.
        let excused = &mut scratch.excused;
        excused.clear();
        let mut out = Matches::default();
        // Most candidates become hits: room for them at once (growing cost a few allocations).
        out.hits.reserve(found.len().min(16));
        // Hits of the current rule start at `rule_first` (candidates come rule by rule).
        let mut rule_first = 0;
        for (owner, span) in found.iter().cloned() {
            match owner {
                Owner::Rule(ri, _) => {
                    if out.hits.get(rule_first).is_some_and(|h| h.rule != ri) {
                        rule_first = out.hits.len();
                    }
                    let same = out.hits.get(rule_first..).unwrap_or_default();
                    if same.len() >= MAX_SPANS_PER_RULE
                        || same.iter().any(|h| overlaps(&h.span, &span))
                    {
                        continue;
                    }
                    let rule = &self.rules[ri];
                    if !rule.unless.is_empty() {
                        if excused.first().is_some_and(|(r, _, _)| *r != ri) {
                            excused.clear();
                        }
                        let sentence = sentences.around(&span);
                        let known = excused
                            .iter()
                            .rev()
                            .find(|(_, s, _)| *s == sentence)
                            .map(|&(_, _, e)| e);
                        let excuse = known.unwrap_or_else(|| {
                            let text = norm.get(sentence.clone()).unwrap_or(norm);
                            let e = rule.excused_in(text);
                            excused.push((ri, sentence, e));
                            e
                        });
                        if excuse {
                            continue;
                        }
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

/// One anchored try of `pattern` at narrow position `start` of `norm` (whose narrow form is
/// `narrowed`): the span in `norm`, as [`Pattern::span_at`] finds it. It runs on the narrow
/// form when the pattern has a narrow automaton, and on the text otherwise, or when the match
/// found there is longer than a try on the text sees. `caches` are the thread's for the
/// pattern.
fn try_at(
    pattern: &Pattern,
    norm: &str,
    narrowed: &[u8],
    offsets: &mut narrow::Offsets,
    start: usize,
    caches: &mut PatternCaches,
) -> Option<Range<usize>> {
    let Some(dfa) = pattern.regex.narrow() else {
        return pattern.span_at_in(norm, offsets.of(start), Some(&mut caches.text));
    };
    let (span, untrimmed) = pattern.narrow_span_at(dfa, narrowed, start, &mut caches.narrow)?;
    let at = offsets.of(span.start);
    if offsets.of(untrimmed) - at > load::MAX_MATCH_BYTES {
        return pattern.span_at_in(norm, at, None);
    }
    Some(at..offsets.of(span.end))
}

/// Sort `v`, which comes nearly sorted: hits arrive in order of their ends, and a start lies
/// at most a prefix's length before its end, so each is out of place by only the few hits
/// that end within that distance. An insertion sort takes such a list in one pass, which a
/// general sort does not (the window of an ordinary message is a few dozen hits). On a list
/// far from sorted (many long prefixes ending close together) it stops once its moves reach
/// a few per item, and the general sort finishes: never worse than O(n log n) overall.
fn sort_nearly_sorted<T: Ord + Copy>(v: &mut [T]) {
    let mut budget = v.len().saturating_mul(4).saturating_add(64);
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && x < v[j - 1] {
            if budget == 0 {
                v[j] = x;
                v.sort_unstable();
                return;
            }
            budget -= 1;
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// Set the values of the `touched` entries (patterns, literal groups) back to 0, and forget
/// them.
fn reset_counts<T: Default>(values: &mut [T], touched: &mut Vec<u32>) {
    for id in touched.drain(..) {
        if let Some(n) = values.get_mut(id as usize) {
            *n = T::default();
        }
    }
}

/// Buffers [`RuleSet::matches`] reuses from one text to the next on a thread: a chat
/// is millions of short messages, and each used to allocate them anew.
#[derive(Default)]
struct Scratch {
    /// The narrow form of the text.
    narrow: Vec<u8>,
    /// Prefix hits not yet tried, as (narrow start, literal group).
    window: Vec<(usize, u32)>,
    /// The patterns the groups hitting at one place start.
    starting: Vec<u32>,
    /// By literal group: 1 + the last narrow position of a required literal (0: none), zero
    /// but for the groups in `last_touched`.
    last_at: Vec<u32>,
    last_touched: Vec<u32>,
    /// By pattern: 1 + the last narrow position of one of its required literals (0: none),
    /// zero but for the patterns in `req_touched`.
    req_last: Vec<u32>,
    req_touched: Vec<u32>,
    /// Successful tries by pattern: zero but for the patterns in `touched`.
    per_owner: Vec<u8>,
    /// The patterns `per_owner` counts for the last text matched.
    touched: Vec<u32>,
    /// The candidates of [`RuleSet::matches`].
    found: Vec<(Owner, Range<usize>)>,
    /// The sentence-end bitsets of [`Sentences`].
    stops: (Vec<u64>, Vec<u64>),
    /// `unless` verdicts by (rule, sentence) of [`RuleSet::select`].
    excused: Vec<(usize, Range<usize>, bool)>,
    /// The regex search caches of the prefix-indexed patterns (index into
    /// [`RuleSet::owners`]) of the rule set whose [`Uid`] is `caches_of` (0: none), each
    /// made when the pattern is first tried on this thread.
    caches_of: u64,
    caches: Vec<PatternCaches>,
}

/// A thread's search caches for one pattern, each made when first needed: its regex's (on
/// the text) and its narrow automaton's.
#[derive(Default)]
struct PatternCaches {
    text: Option<regex_automata::meta::Cache>,
    narrow: Option<load::NarrowCache>,
}

impl Scratch {
    /// Buffers a very long text grew are given back rather than kept for the thread's life.
    fn trim(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.narrow.capacity() > KEEP {
            self.narrow = Vec::new();
        }
        if self.window.capacity() > KEEP {
            self.window = Vec::new();
        }
        if self.starting.capacity() > KEEP {
            self.starting = Vec::new();
        }
        if self.last_touched.capacity() > KEEP {
            // The positions it lists go with it.
            self.last_touched = Vec::new();
            self.last_at = Vec::new();
        }
        if self.req_touched.capacity() > KEEP {
            // The positions it lists go with it.
            self.req_touched = Vec::new();
            self.req_last = Vec::new();
        }
        if self.touched.capacity() > KEEP {
            // The counts it lists go with it.
            self.touched = Vec::new();
            self.per_owner = Vec::new();
        }
        if self.found.capacity() > KEEP {
            self.found = Vec::new();
        }
        if self.stops.0.capacity() > KEEP {
            self.stops = (Vec::new(), Vec::new());
        }
        if self.excused.capacity() > KEEP {
            self.excused = Vec::new();
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Every literal of the rule set in one double-array Aho-Corasick automaton, found
/// overlapping. The scan reads the narrow text of every message, so it is the matcher's
/// busiest loop: over the ~7 500 literals of the built-in rules this automaton scans about
/// twice as fast as `aho_corasick`'s contiguous NFA (and 1.7× its DFA, which also took 30 ms
/// and 11 MB to build) in 7 ms and 0.3 MB. It wants each literal once, while several patterns
/// may share one: a literal's value is its group, the ids of every literal equal to it.
#[derive(Clone)]
struct Literals {
    automaton: daachorse::DoubleArrayAhoCorasick<u32>,
    /// By group: the range of `ids` holding its literal ids.
    groups: Vec<Range<u32>>,
    /// Literal ids (indices into the list given to [`Literals::new`]), by group.
    ids: Vec<u32>,
    /// The literals, for the tests' reference matcher.
    #[cfg(test)]
    lits: Vec<Vec<u8>>,
}

impl std::fmt::Debug for Literals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Literals")
            .field("literals", &self.ids.len())
            .field("distinct", &self.groups.len())
            .finish()
    }
}

impl Literals {
    fn new(lits: &[Vec<u8>]) -> std::result::Result<Literals, String> {
        let too_many = || "too many literals".to_string();
        let mut order: Vec<u32> = (0..u32::try_from(lits.len()).map_err(|_| too_many())?).collect();
        order.sort_by(|&a, &b| lits[a as usize].cmp(&lits[b as usize]));
        let (mut groups, mut unique) = (Vec::<Range<u32>>::new(), Vec::<(&[u8], u32)>::new());
        for (k, &id) in order.iter().enumerate() {
            let lit = lits[id as usize].as_slice();
            let k = u32::try_from(k).map_err(|_| too_many())?;
            match (unique.last(), groups.last_mut()) {
                (Some(&(last, _)), Some(g)) if last == lit => g.end = k + 1,
                _ => {
                    let group = u32::try_from(groups.len()).map_err(|_| too_many())?;
                    unique.push((lit, group));
                    groups.push(k..k + 1);
                }
            }
        }
        let automaton = daachorse::DoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::Standard)
            .build_with_values(unique)
            .map_err(|e| e.to_string())?;
        Ok(Literals {
            automaton,
            groups,
            ids: order,
            #[cfg(test)]
            lits: lits.to_vec(),
        })
    }

    /// Every occurrence of every distinct literal in `hay` as (group, start, end), in order
    /// of their ends.
    fn each_group(&self, hay: &[u8], mut f: impl FnMut(u32, usize, usize)) {
        for m in self.automaton.find_overlapping_iter(hay) {
            f(m.value(), m.start(), m.end());
        }
    }
}

/// 1 + a narrow position, as noted for a required literal. Positions past u32 (a text over
/// 4 GiB) saturate: the filter then lets every try there through, which is only slower.
fn at_plus_one(pos: usize) -> u32 {
    u32::try_from(pos + 1).unwrap_or(u32::MAX)
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

/// [`sentence_around`] for many spans of one text: where sentences may end is found once
/// (on the first question), as two bitsets, instead of by a byte scan per span.
struct Sentences<'a> {
    text: &'a str,
    /// `(ends_before, ends_at)`: bytes after which a sentence can start (an ASCII end or
    /// the last byte of '…'), and bytes at which one can end (those, or the first byte of
    /// '…'): the two scans of [`sentence_around`]. Buffers lent by the caller, filled on
    /// the first question (`made`).
    stops: &'a mut (Vec<u64>, Vec<u64>),
    made: bool,
}

impl<'a> Sentences<'a> {
    fn new(text: &'a str, stops: &'a mut (Vec<u64>, Vec<u64>)) -> Sentences<'a> {
        Sentences {
            text,
            stops,
            made: false,
        }
    }

    /// The byte range of [`sentence_around`]`(text, span)`.
    fn around(&mut self, span: &Range<usize>) -> Range<usize> {
        let text = self.text;
        if !self.made {
            stops_into(text.as_bytes(), self.stops);
            self.made = true;
        }
        let (before, at) = &*self.stops;
        let lo =
            crate::normalize::floor_boundary(text, span.start.saturating_sub(MAX_SENTENCE_BYTES));
        let hi = crate::normalize::ceil_boundary(
            text,
            span.end.saturating_add(MAX_SENTENCE_BYTES).min(text.len()),
        );
        let start = last_set(before, lo, span.start).map_or(lo, |i| i + 1);
        let end = first_set(at, span.end, hi).unwrap_or(hi);
        if text.get(start..end).is_some() {
            start..end
        } else {
            0..text.len()
        }
    }
}

/// The bitsets of [`Sentences::stops`], made in `(before, at)`. The ends are found by
/// `memchr`'s vector search, not by reading every byte.
fn stops_into(b: &[u8], (before, at): &mut (Vec<u64>, Vec<u64>)) {
    let words = b.len().div_ceil(64);
    before.clear();
    before.resize(words, 0);
    at.clear();
    at.resize(words, 0);
    let set = |bits: &mut Vec<u64>, i: usize| {
        if let Some(w) = bits.get_mut(i / 64) {
            *w |= 1u64 << (i % 64);
        }
    };
    let ascii = memchr::memchr3_iter(b'.', b'!', b'?', b);
    for i in ascii.chain(memchr::memchr2_iter(b';', b'\n', b)) {
        set(before, i);
        set(at, i);
    }
    // '…' is E2 80 A6: a sentence can start after its last byte and end at its first.
    static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));
    for i in ELLIPSIS.find_iter(b) {
        set(before, i + 2);
        set(at, i + 2);
        set(at, i);
    }
}

/// The first set bit in `lo..hi`.
fn first_set(bits: &[u64], lo: usize, hi: usize) -> Option<usize> {
    let mut i = lo;
    while i < hi {
        let word = bits.get(i / 64)? >> (i % 64);
        if word != 0 {
            let found = i + word.trailing_zeros() as usize;
            return (found < hi).then_some(found);
        }
        i = (i / 64 + 1) * 64;
    }
    None
}

/// The last set bit in `lo..hi`.
fn last_set(bits: &[u64], lo: usize, hi: usize) -> Option<usize> {
    let mut end = hi;
    while end > lo {
        // Bits `(end - 1) / 64 * 64 ..= end - 1` of one word.
        let last = end - 1;
        let keep = 63 - last % 64;
        let word = (bits.get(last / 64)? << keep) >> keep;
        if word != 0 {
            let found = last / 64 * 64 + (63 - word.leading_zeros() as usize);
            return (found >= lo).then_some(found);
        }
        end = last / 64 * 64;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static RULES: LazyLock<RuleSet> =
        LazyLock::new(|| RuleSet::builtin().expect("built-in rules load"));

    /// The matcher as it was before the streamed tries and the sentence bitsets: every
    /// prefix hit collected and sorted, a byte scan for each sentence. The fast paths must
    /// agree with it.
    fn reference_matches(rs: &RuleSet, norm: &str) -> Matches {
        let mut found: Vec<(Owner, Range<usize>)> = Vec::new();
        let narrowed = narrow::text(norm);
        let mut offsets = narrow::Offsets::new(&narrowed);
        // Another implementation of the same overlapping search.
        let ac = aho_corasick::AhoCorasick::new(&rs.literals.lits).expect("literals build");
        let mut tries: Vec<(usize, Owner)> = ac
            .find_overlapping_iter(&narrowed)
            .filter(|m| m.pattern().as_usize() < rs.prefix_count)
            .map(|m| {
                let id = rs.literal_owner[m.pattern().as_usize()];
                (offsets.of(m.start()), rs.owners[id as usize])
            })
            .collect();
        tries.sort_unstable_by_key(|&(start, owner)| (owner, start));
        tries.dedup();
        let mut per_owner = (None, 0usize);
        for (start, owner) in tries {
            if per_owner.0 != Some(owner) {
                per_owner = (Some(owner), 0);
            }
            if per_owner.1 >= MAX_CANDIDATES_PER_PATTERN {
                continue;
            }
            if let Some(span) = rs.pattern(owner).span_at(norm, start) {
                per_owner.1 += 1;
                found.push((owner, span));
            }
        }
        for &owner in &rs.scan_always {
            for span in rs.pattern(owner).spans(norm, MAX_SPANS_PER_RULE) {
                found.push((owner, span));
            }
        }
        found.sort_by_key(|(o, s)| (owner_key(*o), s.start, std::cmp::Reverse(s.end)));
        let mut out = Matches::default();
        for (owner, span) in found {
            match owner {
                Owner::Rule(ri, _) => {
                    let rule = &rs.rules[ri];
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

    fn assert_same(norm: &str) {
        let (fast, slow) = (RULES.matches(norm), reference_matches(&RULES, norm));
        assert_eq!(fast.hits, slow.hits, "{norm:?}");
        assert_eq!(fast.counters, slow.counters, "{norm:?}");
    }

    /// Phrases the rules look for (their own examples), and the punctuation between
    /// sentences, so that random texts have many hits, `unless` sentences and caps.
    fn pieces() -> Vec<String> {
        let mut v: Vec<String> = RULES
            .rules()
            .iter()
            .flat_map(|r| r.must_match.iter().chain(&r.no_match))
            .chain(RULES.counters().iter().flat_map(|c| &c.must_match))
            .map(|t| crate::normalize::normalize(t, &[]).text)
            .collect();
        v.extend(
            [
                ". ",
                "! ",
                "\n",
                "… ",
                " ",
                "код ",
                "\"",
                "4400 0000 0000 1234 ",
            ]
            .map(String::from),
        );
        v
    }

    #[test]
    fn fast_matcher_agrees_on_every_rule_example_and_hostile_shapes() {
        for p in pieces() {
            assert_same(&p);
        }
        // Every example at once: more hits than one window, so required literals are found
        // by a scan of their own.
        let all = pieces().join(" ");
        assert_same(&all);
        assert_same(&all.repeat(3));
        for unit in [
            "код смс переведи деньги срочно ",
            "\"",
            "кодизсмс",
            "к о д ",
            "!?.,;",
        ] {
            // Long enough for many windows of tries and the per-pattern caps.
            assert_same(&unit.repeat(20_000 / unit.len()));
        }
    }

    #[test]
    fn narrow_tries_agree_with_tries_on_the_text() {
        // Every pattern, at every character of its rule's examples: as written and
        // normalized; with the characters the narrow form puts in buckets (other spaces,
        // other letters, emoji) or gives bytes of their own (quotes, dashes, Kazakh letters:
        // "і" before each word tells whether a word character is recognized); and with
        // every word's last letter drawn out past what one try on the text sees.
        let variants = |t: &str| {
            let n = crate::normalize::normalize(t, &[]).text;
            let long: String = n
                .split(' ')
                .map(|w| match w.chars().last() {
                    Some(c) if c.is_alphanumeric() => format!("{w}{}", c.to_string().repeat(600)),
                    _ => w.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ");
            [
                t.to_string(),
                n.replace(' ', "\u{a0}"),
                n.replace(' ', "\u{2009}"),
                n.replace(' ', " і"),
                format!("«{}» — é 🙂 ё", n.replace(' ', " ü ")),
                long,
                n,
            ]
        };
        let examples = |owner: Owner| -> Vec<String> {
            let texts: Vec<&String> = match owner {
                Owner::Rule(r, _) => {
                    let rule = &RULES.rules[r];
                    rule.must_match.iter().chain(&rule.no_match).collect()
                }
                Owner::Counter(c, _) => RULES.counters[c].must_match.iter().collect(),
            };
            texts.into_iter().flat_map(|t| variants(t)).collect()
        };
        let (mut matched, mut long) = (0, 0);
        for &owner in &RULES.owners {
            let pattern = RULES.pattern(owner);
            for text in examples(owner) {
                let narrowed = narrow::text(&text);
                let mut offsets = narrow::Offsets::new(&narrowed);
                let mut prev = ' ';
                for (k, (at, c)) in text.char_indices().enumerate() {
                    // Every character of a short text; the word starts of a long one.
                    if k < 400 || prev == ' ' {
                        let mut caches = PatternCaches::default();
                        let got = try_at(pattern, &text, &narrowed, &mut offsets, k, &mut caches);
                        let want = pattern.span_at(&text, at);
                        assert_eq!(got, want, "{} at {at} of {text:?}", pattern.source);
                        matched += usize::from(got.is_some());
                        long += usize::from(got.is_some_and(|s| s.len() > 1000));
                    }
                    prev = c;
                }
            }
        }
        assert!(matched > 1000 && long > 3, "{matched} matches, {long} long");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn fast_matcher_agrees_with_the_reference(
            picks in prop::collection::vec(any::<prop::sample::Index>(), 0..200)
        ) {
            static PIECES: LazyLock<Vec<String>> = LazyLock::new(pieces);
            let text: String = picks.iter().map(|i| i.get(&PIECES).as_str()).collect();
            assert_same(&text);
        }

        #[test]
        fn nearly_sorted_sort_sorts(
            ends in prop::collection::vec((0usize..40, 0usize..12, 0u32..5), 0..600),
            shuffled in prop::collection::vec((0usize..50, 0u32..3), 0..300),
        ) {
            // Hit-like: ends ascending, each start a little before its end.
            let mut end = 0;
            let mut hits: Vec<(usize, u32)> = ends
                .iter()
                .map(|&(step, back, g)| {
                    end += step % 3;
                    (end.saturating_sub(back), g)
                })
                .collect();
            let mut want = hits.clone();
            want.sort_unstable();
            sort_nearly_sorted(&mut hits);
            prop_assert_eq!(hits, want);
            // Far from sorted: the budget runs out and the general sort finishes.
            let mut any = shuffled.clone();
            let mut want = shuffled;
            want.sort_unstable();
            sort_nearly_sorted(&mut any);
            prop_assert_eq!(any, want);
        }

        #[test]
        fn sentence_bitsets_agree_with_the_scan(
            chars in prop::collection::vec(
                prop::sample::select(vec!['а', 'b', ' ', '.', '!', '?', ';', '\n', '…', 'ә', '€', '€']),
                0..3000,
            ),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 1..20),
        ) {
            let text: String = chars.into_iter().collect();
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let mut stops = Default::default();
            let mut sentences = Sentences::new(&text, &mut stops);
            for pair in cuts.chunks(2) {
                let a = *pair[0].get(&bounds);
                let b = *pair.last().map_or(&a, |i| i.get(&bounds));
                let span = a.min(b)..a.max(b);
                let want = sentence_around(&text, &span);
                let at = want.as_ptr() as usize - text.as_ptr() as usize;
                prop_assert_eq!(sentences.around(&span), at..at + want.len());
            }
        }
    }
}
