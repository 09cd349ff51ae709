//! Every example of the built-in gallery is checked like any message: its fraud examples
//! get red flags, its legitimate look-alikes get none at `danger`. The gallery covers every
//! advisory scheme S1–S9 and every extra scheme in each language, with look-alikes.

use saq::examples::{EXTRA_SCHEMES, gallery};
use saq::i18n::{Lang, Localizer};
use saq::{RuleSet, Verdict};

#[test]
fn fraud_examples_are_flagged_and_look_alikes_are_not_danger() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let mut problems = Vec::new();
    for ex in gallery() {
        let report = saq::check_text(&rules, &ex.text);
        let flags = report.flags.len();
        if ex.fraud && (report.verdict == Verdict::NoSigns || flags == 0) {
            problems.push(format!("{}: fraud example without red flags", ex.id));
        }
        if !ex.fraud && report.verdict == Verdict::Danger {
            problems.push(format!("{}: look-alike at danger", ex.id));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_scheme_in_every_language_with_look_alikes() {
    let schemes: Vec<String> = (1..=9)
        .map(|n| format!("s{n}"))
        .chain(EXTRA_SCHEMES.iter().map(|s| s.to_string()))
        .collect();
    for lang in Lang::ALL {
        let of_lang: Vec<_> = gallery().iter().filter(|e| e.lang == lang).collect();
        for s in &schemes {
            assert!(
                of_lang.iter().any(|e| e.fraud && &e.scheme == s),
                "{lang:?}: no fraud example of {s}"
            );
        }
        let legit = of_lang.iter().filter(|e| !e.fraud).count();
        assert!(legit >= 4, "{lang:?}: only {legit} legitimate look-alikes");
    }
}

#[test]
fn every_scheme_has_a_title_in_every_locale() {
    for lang in Lang::ALL {
        let l10n = Localizer::new(lang);
        for ex in gallery() {
            assert!(l10n.has(&ex.title_id()), "{lang:?}: {}", ex.title_id());
        }
        for s in EXTRA_SCHEMES {
            let id = format!("scheme-{s}-title");
            assert!(l10n.has(&id), "{lang:?}: {id}");
        }
    }
}
