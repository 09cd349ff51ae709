//! Time per MB of one long message, by shape, from 10 KB to 10 MB: the cost of a check must
//! be linear in the length of the text for every shape (README "Hostile input").
//!
//! `cargo bench --bench shapes` (all shapes, about 15 minutes) or
//! `cargo bench --bench shapes -- card` (one shape). Criterion reports each size's
//! throughput; a flat MB/s across sizes means linear time.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use saq::{RuleSet, check_text};

/// Each shape is a unit repeated to the wanted size.
const SHAPES: &[(&str, &str)] = &[
    ("json_nesting", "{\"a\":"),
    ("scam_words", "код смс переведи деньги срочно "),
    ("one_word", "а"),
    ("no_spaces", "кодизсмс"),
    ("card_numbers", "4400 0000 0000 1234 "),
    ("phone_numbers", "+7 700 000 12 34 "),
    ("quotes", "\""),
    ("punctuation", "!?.,;"),
    ("bare_domains", "kaspi-kz.top/login "),
    ("links", "https://kaspi.kz.secure-login.icu/a?b=c "),
    ("mixed_script_words", "Kаspi "),
    ("spaced_letters", "к о д "),
    ("no_sentence_end", "переведите деньги на карту и "),
];

const SIZES: &[usize] = &[10_000, 100_000, 1_000_000, 10_000_000];

fn text(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::builtin().expect("built-in rules load");
    for &(name, unit) in SHAPES {
        let mut g = c.benchmark_group(format!("shape/{name}"));
        g.sample_size(10);
        for &size in SIZES {
            let t = text(unit, size);
            g.throughput(Throughput::Bytes(t.len() as u64));
            g.bench_with_input(BenchmarkId::from_parameter(size), &t, |b, t| {
                b.iter(|| check_text(&rules, t))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
