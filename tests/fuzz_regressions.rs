//! Replays every committed fuzz corpus file (`fuzz/corpus/<target>/`) through the same
//! target body the fuzzer runs, with its invariants. A crash input saved by libFuzzer
//! becomes a regression test by copying it into its target's corpus directory.

#[path = "../fuzz/src/lib.rs"]
mod saq_fuzz;

use std::path::Path;

#[test]
fn every_fuzz_corpus_file_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    for (name, body) in saq_fuzz::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("corpus entry").path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{name}: empty corpus");
        for f in files {
            let bytes = std::fs::read(&f).expect("corpus file");
            let outcome = std::panic::catch_unwind(|| body(&bytes));
            assert!(outcome.is_ok(), "{name}: {} fails", f.display());
        }
    }
}
