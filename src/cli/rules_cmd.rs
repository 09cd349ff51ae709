//! `saq rules` (list the rules) and `saq rules stats CORPUS.jsonl` (SpamAssassin's
//! mass-check: how often each rule fires on scam and on legitimate lines).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Deserialize;

use crate::engine;
use crate::i18n::{Arg, Localizer};
use crate::report::Verdict;
use crate::rules::RuleSet;

#[derive(Deserialize)]
struct CorpusLine {
    /// The line's id, when the corpus gives one (`rd-017`); else its line number.
    #[serde(default)]
    id: Option<String>,
    label: String,
    text: String,
}

/// Run `saq rules [stats CORPUS]`.
pub fn run(stats: Option<PathBuf>, tr: &Localizer, dirs: &[PathBuf]) -> ExitCode {
    let Some(rules) = super::load_rules(dirs, tr) else {
        return ExitCode::from(2);
    };
    let result = match stats {
        None => list(&rules, tr),
        Some(corpus) => stats_table(&rules, &corpus, tr),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("saq: {msg}");
            ExitCode::from(2)
        }
    }
}

fn list(rules: &RuleSet, tr: &Localizer) -> Result<(), String> {
    println!(
        "{:<28} {:<28} {:>6}  {:<16} {}",
        tr.tr("rules-header-id"),
        tr.tr("rules-header-category"),
        tr.tr("rules-header-weight"),
        tr.tr("rules-header-langs"),
        tr.tr("rules-header-advice")
    );
    for r in rules.rules() {
        let advice: Vec<&str> = r.advice.iter().map(|s| s.as_str()).collect();
        println!(
            "{:<28} {:<28} {:>6}  {:<16} {}",
            r.id,
            tr.tr(&r.category.fluent_id()),
            r.weight,
            r.langs.join(","),
            advice.join(",")
        );
    }
    for c in rules.counters() {
        println!(
            "{:<28} {:<28} {:>6}  {:<16}",
            c.id,
            "—",
            format!("-{}", c.weight),
            c.langs.join(",")
        );
    }
    println!(
        "{}",
        tr.tr_args(
            "rules-count",
            &[(
                "count",
                Arg::from(rules.rules().len() + rules.counters().len())
            )]
        )
    );
    Ok(())
}

fn read_corpus(path: &Path, tr: &Localizer) -> Result<Vec<CorpusLine>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        super::error_line(
            &crate::error::Error::Io {
                path: path.to_path_buf(),
                source: e,
            },
            tr,
        )
    })?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: CorpusLine = serde_json::from_str(line).map_err(|e| {
            tr.tr_args(
                "cli-error-corpus",
                &[
                    ("path", Arg::from(path.display().to_string())),
                    ("line", Arg::from(n + 1)),
                    ("reason", Arg::from(e.to_string())),
                ],
            )
        })?;
        out.push(row);
    }
    Ok(out)
}

fn stats_table(rules: &RuleSet, corpus: &Path, tr: &Localizer) -> Result<(), String> {
    let rows = read_corpus(corpus, tr)?;
    let (mut scam, mut legit) = (0usize, 0usize);
    // rule id → (scam lines hit, legit lines hit)
    let mut hits: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in rules.rules() {
        hits.insert(r.id.to_string(), (0, 0));
    }
    for c in rules.counters() {
        hits.insert(c.id.clone(), (0, 0));
    }
    let (mut caught, mut danger) = (0usize, 0usize);
    // Ids of scam lines with no verdict, and of legitimate lines with one ("!" = danger).
    let (mut missed, mut flagged): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for (n, row) in rows.iter().enumerate() {
        let is_scam = row.label == "scam";
        if is_scam {
            scam += 1
        } else {
            legit += 1
        }
        let a = engine::analyze(rules, &row.text);
        let verdict = engine::verdict_for(a.score);
        let name = || row.id.clone().unwrap_or_else(|| format!("#{}", n + 1));
        match (is_scam, verdict) {
            (true, Verdict::NoSigns) => missed.push(name()),
            (true, v) => {
                caught += 1;
                danger += usize::from(v == Verdict::Danger);
            }
            (false, Verdict::NoSigns) => {}
            (false, v) => flagged.push(format!(
                "{}{}",
                name(),
                if v == Verdict::Danger { "!" } else { "" }
            )),
        }
        let mut ids: Vec<&str> = a
            .fired
            .iter()
            .map(|&i| rules.rules()[i].id.as_str())
            .chain(a.flags.iter().map(|f| f.rule.as_str()))
            .chain(a.counters.iter().map(String::as_str))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let e = hits.entry(id.to_string()).or_default();
            if is_scam { e.0 += 1 } else { e.1 += 1 }
        }
    }
    println!(
        "{}",
        tr.tr_args(
            "stats-summary",
            &[("scam", Arg::from(scam)), ("legit", Arg::from(legit))]
        )
    );
    println!(
        "{}",
        tr.tr_args(
            "stats-verdicts",
            &[
                ("caught", Arg::from(caught)),
                ("danger", Arg::from(danger)),
                ("scam", Arg::from(scam)),
                ("flagged", Arg::from(flagged.len())),
                ("legit", Arg::from(legit)),
            ]
        )
    );
    if !missed.is_empty() {
        println!("{} {}", tr.tr("stats-missed"), missed.join(" "));
    }
    if !flagged.is_empty() {
        println!("{} {}", tr.tr("stats-flagged"), flagged.join(" "));
    }
    println!();
    println!(
        "{:<28} {:>8} {:>8} {:>10}",
        tr.tr("stats-header-rule"),
        tr.tr("stats-header-scam"),
        tr.tr("stats-header-legit"),
        tr.tr("stats-header-precision")
    );
    let mut table: Vec<(String, usize, usize)> =
        hits.into_iter().map(|(k, (s, l))| (k, s, l)).collect();
    table.sort_by(|a, b| (b.1 + b.2).cmp(&(a.1 + a.2)).then(a.0.cmp(&b.0)));
    for (id, s, l) in table {
        let precision = if s + l == 0 {
            "—".to_string()
        } else {
            format!("{:.2}", s as f64 / (s + l) as f64)
        };
        println!("{id:<28} {s:>8} {l:>8} {precision:>10}");
    }
    Ok(())
}
