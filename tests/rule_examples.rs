//! Every rule carries its own `match` / `no_match` examples (as SpamAssassin's `test`
//! lines); this one runner walks them all, through the whole normalizer and matcher.

use saq::engine::analyze;
use saq::rules::RuleSet;

#[test]
fn every_rule_matches_its_examples_and_not_its_counterexamples() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let fires = |ex: &str, id: &str| {
        analyze(&rules, ex)
            .fired
            .iter()
            .any(|&i| rules.rules()[i].id == id)
    };
    let mut failures = Vec::new();
    for r in rules.rules() {
        assert!(
            !r.must_match.is_empty(),
            "rule {} has no `match` example",
            r.id
        );
        for ex in &r.must_match {
            if !fires(ex, &r.id) {
                failures.push(format!("{} should match: {ex}", r.id));
            }
        }
        for ex in &r.no_match {
            if fires(ex, &r.id) {
                failures.push(format!("{} should NOT match: {ex}", r.id));
            }
        }
    }
    for c in rules.counters() {
        for ex in &c.must_match {
            if !analyze(&rules, ex).counters.contains(&c.id) {
                failures.push(format!("counter {} should match: {ex}", c.id));
            }
        }
        for ex in &c.no_match {
            if analyze(&rules, ex).counters.contains(&c.id) {
                failures.push(format!("counter {} should NOT match: {ex}", c.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} example failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_explanation_and_category_is_localized() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    for lang in saq::i18n::Lang::ALL {
        let tr = saq::i18n::Localizer::new(lang);
        for r in rules.rules() {
            assert!(
                tr.has(&r.explain),
                "{lang:?}: rule {} explanation {} missing",
                r.id,
                r.explain
            );
            assert!(
                tr.has(&r.category.fluent_id()),
                "{lang:?}: {}",
                r.category.fluent_id()
            );
        }
        for s in saq::Step::ALL {
            assert!(tr.has(&s.fluent_id()), "{lang:?}: {}", s.fluent_id());
        }
        for id in [
            "explain-card-number-given",
            "explain-obfuscated-word",
            "explain-link-lookalike",
            "explain-link-shortener",
            "explain-link-ip",
            "explain-link-punycode",
            "explain-link-risky-tld",
            "explain-link-apk",
        ] {
            assert!(tr.has(id), "{lang:?}: {id}");
        }
    }
}

#[test]
fn every_scheme_is_covered_in_kazakh_and_russian() {
    // Each scheme S1–S9 of the advisory maps to rule categories that must have rules in kk and ru.
    use saq::Category::*;
    let schemes = [
        ("S1", vec![VoiceOrVideoCallPretext, RelativeMoneyRequest]),
        ("S2", vec![VoiceOrVideoCallPretext]),
        ("S3", vec![RelativeMoneyRequest, PaymentRequest]),
        ("S4", vec![OperatorImpersonation, CodeRequest]),
        ("S5", vec![VoteOrSurveyLure]),
        ("S6", vec![RelativeMoneyRequest]),
        (
            "S7",
            vec![
                OfficialImpersonation,
                NbkImpersonation,
                VoiceOrVideoCallPretext,
            ],
        ),
        ("S8", vec![NbkImpersonation, FakeDocument, SafeAccount]),
        ("S9", vec![FakeDocument]),
    ];
    let rules = RuleSet::builtin().expect("built-in rules load");
    for (scheme, cats) in schemes {
        for cat in cats {
            for lang in ["kk", "ru", "en"] {
                let covered = rules.rules().iter().any(|r| {
                    r.category == cat
                        && r.langs
                            .iter()
                            .any(|l| l == lang || l.starts_with(&format!("{lang}-")))
                });
                assert!(covered, "{scheme}: no {lang} rule for {cat:?}");
            }
        }
    }
}
