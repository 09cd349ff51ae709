//! The quiz's rules: rounds of shuffled example messages with no repeats, the learner's
//! answers, how many red flags are revealed, the score. Pure state; the seed is given, so a
//! test knows the order.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::examples;
use crate::i18n::Lang;

/// How many messages one quiz round asks (fewer when the language has fewer examples).
pub const QUIZ_ROUND_LEN: usize = 10;

/// A small xorshift64* generator: enough to shuffle a quiz, with no extra crate. Not for
/// anything secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose sequence is fixed by `seed` (tests use this).
    pub fn new(seed: u64) -> Rng {
        // Spread the seed's bits, and keep the state non-zero (zero is xorshift's fixed point).
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A generator seeded from the clock, so each start asks a different order.
    pub fn from_time() -> Rng {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Rng::new(nanos)
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Shuffle `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// One message the quiz may ask: an index into [`examples::gallery`] and the right answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuizItem {
    /// Index into the gallery.
    pub example: usize,
    /// True when the message is fraud.
    pub fraud: bool,
}

/// Where the learner is in the current question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The message is shown; the learner has not answered.
    Asking,
    /// The learner answered; `right` says whether the answer was right.
    Answered {
        /// Whether the learner's answer matched the example.
        right: bool,
    },
    /// Every question of the round is answered: the score is shown.
    Finished,
}

/// A quiz: rounds of shuffled messages, no message twice in a round. Successive rounds
/// walk through a shuffled deck, so a new round asks messages not yet seen while any are
/// left.
#[derive(Debug, Clone)]
pub struct Quiz {
    lang: Lang,
    rng: Rng,
    pool: Vec<QuizItem>,
    /// The rest of the current pass through the pool, drawn from the end.
    deck: Vec<QuizItem>,
    round: Vec<QuizItem>,
    pos: usize,
    answer: Option<bool>,
    revealed: usize,
    right: usize,
}

impl Quiz {
    /// A quiz over the gallery's examples in `lang`, shuffled by `seed`.
    pub fn new(lang: Lang, seed: u64) -> Quiz {
        Quiz::with_items(lang, items_of(lang), Rng::new(seed))
    }

    /// A quiz over the gallery's examples in `lang`, seeded from the clock.
    pub fn from_time(lang: Lang) -> Quiz {
        Quiz::with_items(lang, items_of(lang), Rng::from_time())
    }

    /// A quiz over the given messages (repeated items are asked once).
    pub fn with_items(lang: Lang, mut pool: Vec<QuizItem>, rng: Rng) -> Quiz {
        pool.sort_by_key(|i| i.example);
        pool.dedup_by_key(|i| i.example);
        let mut quiz = Quiz {
            lang,
            rng,
            pool,
            deck: Vec::new(),
            round: Vec::new(),
            pos: 0,
            answer: None,
            revealed: 0,
            right: 0,
        };
        quiz.deal();
        quiz
    }

    /// Take the next round from the deck, reshuffling the pool when the deck runs out.
    fn deal(&mut self) {
        // The pool holds each message once (see `with_items`), so this loop ends.
        let len = QUIZ_ROUND_LEN.min(self.pool.len());
        self.round.clear();
        while self.round.len() < len {
            let Some(item) = self.deck.pop() else {
                self.deck = self.pool.clone();
                self.rng.shuffle(&mut self.deck);
                continue;
            };
            // A fresh deck may hold messages this round already asked: skip them.
            if !self.round.iter().any(|r| r.example == item.example) {
                self.round.push(item);
            }
        }
        self.pos = 0;
        self.answer = None;
        self.revealed = 0;
        self.right = 0;
    }

    /// The language of the messages asked.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message being asked (`None` once the round is finished or when there is none).
    pub fn current(&self) -> Option<QuizItem> {
        self.round.get(self.pos).copied()
    }

    /// The gallery indexes of this round, in the order asked.
    pub fn round(&self) -> Vec<usize> {
        self.round.iter().map(|i| i.example).collect()
    }

    /// Where the learner is.
    pub fn stage(&self) -> Stage {
        match (self.current(), self.answer) {
            (None, _) => Stage::Finished,
            (Some(_), None) => Stage::Asking,
            (Some(item), Some(said)) => Stage::Answered {
                right: said == item.fraud,
            },
        }
    }

    /// The learner says the message is fraud (`true`) or not; only the first answer counts.
    pub fn answer(&mut self, fraud: bool) {
        if self.stage() == Stage::Asking {
            self.answer = Some(fraud);
            if self.current().is_some_and(|i| i.fraud == fraud) {
                self.right += 1;
            }
        }
    }

    /// How many of the current message's red flags are revealed.
    pub fn revealed(&self) -> usize {
        self.revealed
    }

    /// Reveal one more red flag, up to `available` (after the answer only).
    pub fn reveal_next(&mut self, available: usize) {
        if matches!(self.stage(), Stage::Answered { .. }) {
            self.revealed = (self.revealed + 1).min(available);
        }
    }

    /// Go on to the next message (after the answer only).
    pub fn next(&mut self) {
        if matches!(self.stage(), Stage::Answered { .. }) {
            self.pos += 1;
            self.answer = None;
            self.revealed = 0;
        }
    }

    /// A new round (the next messages of the deck), score back to zero.
    pub fn restart(&mut self) {
        self.deal();
    }

    /// `(position of the current message, counted from 1; messages in the round)`.
    pub fn progress(&self) -> (usize, usize) {
        ((self.pos + 1).min(self.round.len()), self.round.len())
    }

    /// `(right answers, messages in the round)`.
    pub fn score(&self) -> (usize, usize) {
        (self.right, self.round.len())
    }
}

/// The gallery's examples in `lang` as quiz items.
fn items_of(lang: Lang) -> Vec<QuizItem> {
    (examples::gallery().iter().enumerate())
        .filter(|(_, e)| e.lang == lang)
        .map(|(example, e)| QuizItem {
            example,
            fraud: e.fraud,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: usize) -> Vec<QuizItem> {
        (0..n)
            .map(|example| QuizItem {
                example,
                fraud: example % 3 != 0,
            })
            .collect()
    }

    #[test]
    fn same_seed_same_order_and_no_repeats_in_a_round() {
        let a = Quiz::with_items(Lang::En, items(25), Rng::new(7));
        let b = Quiz::with_items(Lang::En, items(25), Rng::new(7));
        assert_eq!(a.round(), b.round());
        let mut round = a.round();
        assert_eq!(round.len(), QUIZ_ROUND_LEN);
        round.sort_unstable();
        round.dedup();
        assert_eq!(round.len(), QUIZ_ROUND_LEN, "no repeats");
        let c = Quiz::with_items(Lang::En, items(25), Rng::new(8));
        assert_ne!(a.round(), c.round(), "another seed, another order");
    }

    #[test]
    fn rounds_walk_the_deck_before_repeating() {
        let mut quiz = Quiz::with_items(Lang::En, items(20), Rng::new(1));
        let first = quiz.round();
        quiz.restart();
        let second = quiz.round();
        assert!(
            first.iter().all(|i| !second.contains(i)),
            "{first:?} {second:?}"
        );
        // A small pool: the round is the whole pool, shuffled, without repeats.
        let mut small = Quiz::with_items(Lang::En, items(4), Rng::new(3));
        for _ in 0..5 {
            let mut r = small.round();
            r.sort_unstable();
            assert_eq!(r, vec![0, 1, 2, 3]);
            small.restart();
        }
    }

    #[test]
    fn answers_reveals_and_score() {
        let mut quiz = Quiz::with_items(Lang::En, items(3), Rng::new(5));
        let mut expected = 0;
        for n in 0..3 {
            assert_eq!(quiz.progress(), (n + 1, 3));
            assert_eq!(quiz.stage(), Stage::Asking);
            quiz.reveal_next(4);
            assert_eq!(quiz.revealed(), 0, "no reveal before the answer");
            let truth = quiz.current().map(|i| i.fraud).unwrap_or_default();
            let say = n != 1; // answer "fraud" except for the second message
            quiz.answer(say);
            quiz.answer(!say); // a second answer does not count
            expected += usize::from(say == truth);
            assert_eq!(
                quiz.stage(),
                Stage::Answered {
                    right: say == truth
                }
            );
            for _ in 0..5 {
                quiz.reveal_next(2);
            }
            assert_eq!(quiz.revealed(), 2, "at most the flags there are");
            quiz.next();
            assert_eq!(quiz.revealed(), 0);
        }
        assert_eq!(quiz.stage(), Stage::Finished);
        assert_eq!(quiz.score(), (expected, 3));
        quiz.restart();
        assert_eq!(quiz.stage(), Stage::Asking);
        assert_eq!(quiz.score(), (0, 3));
    }

    #[test]
    fn an_empty_quiz_is_finished_at_once() {
        let quiz = Quiz::with_items(Lang::Kk, Vec::new(), Rng::new(0));
        assert_eq!(quiz.stage(), Stage::Finished);
        assert_eq!(quiz.score(), (0, 0));
    }

    #[test]
    fn shuffle_keeps_every_item() {
        let mut rng = Rng::new(0);
        let mut v: Vec<u32> = (0..50).collect();
        rng.shuffle(&mut v);
        assert_ne!(v, (0..50).collect::<Vec<_>>());
        v.sort_unstable();
        assert_eq!(v, (0..50).collect::<Vec<_>>());
    }
}
