//! Detection quality on the shared corpora, when they sit beside the checkout
//! (`../shared/corpus/`). A fresh clone has no `../shared`: these tests then say so and pass.
//!
//! `real_dev.jsonl` holds real messages quoted verbatim by public sources (third-party text,
//! read in place, never copied here); `dev.jsonl` holds messages written for the project.
//! The thresholds are the acceptance goals of the "catch the scams people really receive"
//! issue; README's "Detection quality" table gives the measured figures.

use std::collections::BTreeMap;
use std::path::PathBuf;

use saq::{RuleSet, Verdict, check_text};

struct Line {
    id: String,
    lang: String,
    scam: bool,
    text: String,
}

fn corpus(name: &str) -> Option<Vec<Line>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    };
    let lines = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("corpus line is JSON");
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            Line {
                id: field("id"),
                lang: field("lang"),
                scam: field("label") == "scam",
                text: field("text"),
            }
        })
        .collect();
    Some(lines)
}

#[derive(Default, Debug)]
struct Score {
    scam: usize,
    caught: usize,
    danger: usize,
    legit: usize,
    legit_any: usize,
    legit_danger: usize,
    misses: Vec<String>,
}

impl Score {
    fn recall(&self) -> f64 {
        self.caught as f64 / self.scam.max(1) as f64
    }
    fn danger_recall(&self) -> f64 {
        self.danger as f64 / self.scam.max(1) as f64
    }
    fn fpr_any(&self) -> f64 {
        self.legit_any as f64 / self.legit.max(1) as f64
    }
}

/// Score every line, overall and per language.
fn score(lines: &[Line]) -> (Score, BTreeMap<String, Score>) {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let mut all = Score::default();
    let mut by_lang: BTreeMap<String, Score> = BTreeMap::new();
    for line in lines {
        let verdict = check_text(&rules, &line.text).verdict;
        for s in [&mut all, by_lang.entry(line.lang.clone()).or_default()] {
            if line.scam {
                s.scam += 1;
                s.caught += usize::from(verdict != Verdict::NoSigns);
                s.danger += usize::from(verdict == Verdict::Danger);
                if verdict == Verdict::NoSigns {
                    s.misses.push(line.id.clone());
                }
            } else {
                s.legit += 1;
                s.legit_any += usize::from(verdict != Verdict::NoSigns);
                s.legit_danger += usize::from(verdict == Verdict::Danger);
                if verdict != Verdict::NoSigns {
                    s.misses.push(format!("{} (legit, {verdict:?})", line.id));
                }
            }
        }
    }
    (all, by_lang)
}

#[test]
fn real_messages_are_caught_and_real_notices_stay_quiet() {
    let Some(lines) = corpus("real_dev.jsonl") else {
        return;
    };
    let (s, _) = score(&lines);
    eprintln!(
        "real_dev: recall {:.3}, danger {:.3}, fpr_any {:.3}, legit at danger {}; off: {:?}",
        s.recall(),
        s.danger_recall(),
        s.fpr_any(),
        s.legit_danger,
        s.misses
    );
    assert!(s.recall() >= 0.90, "real scam recall {:.3}", s.recall());
    assert_eq!(s.legit_danger, 0, "real legitimate lines at danger");
    assert!(
        s.fpr_any() <= 0.05,
        "real legitimate flagged {:.3}",
        s.fpr_any()
    );
}

#[test]
fn dev_corpus_meets_its_goals_in_every_language() {
    let Some(lines) = corpus("dev.jsonl") else {
        return;
    };
    let (s, by_lang) = score(&lines);
    eprintln!(
        "dev: recall {:.3}, danger {:.3}, fpr_any {:.3}; off: {:?}",
        s.recall(),
        s.danger_recall(),
        s.fpr_any(),
        s.misses
    );
    assert!(s.recall() >= 0.98, "recall {:.3}", s.recall());
    assert!(
        s.danger_recall() >= 0.95,
        "danger recall {:.3}",
        s.danger_recall()
    );
    assert!(s.fpr_any() <= 0.03, "fpr_any {:.3}", s.fpr_any());
    assert_eq!(s.legit_danger, 0, "legitimate lines at danger");
    for (lang, l) in &by_lang {
        assert!(l.recall() >= 0.95, "{lang}: recall {:.3}", l.recall());
    }
}
