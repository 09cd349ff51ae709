//! The shared corpus's chat exports (`../shared/corpus/chats/`): every red-flag message is
//! flagged with one of its expected signals, and no legitimate message is flagged at all.
//! Skips when `../shared` is absent (a fresh clone of this repository has none).

use std::path::Path;

#[test]
fn corpus_chats_meet_their_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/chats");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} not present", dir.display());
        return;
    };
    let rules = saq::RuleSet::builtin().expect("built-in rules load");
    let mut checked = 0;
    for e in entries.flatten() {
        let p = e.path();
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let Some(stem) = name.strip_suffix(".expected.json") else {
            continue;
        };
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).expect("expected.json readable"))
                .expect("valid JSON");
        let chat = dir.join(expected["file"].as_str().unwrap_or(stem));
        let (conv, _) = saq::input::read_path(&chat).expect("chat export reads");
        assert_eq!(
            conv.messages.len() as u64,
            expected["message_count"].as_u64().unwrap(),
            "{name}: message count"
        );
        let report = saq::check_conversation(&rules, &conv);
        let mut scam: std::collections::HashSet<u64> = std::collections::HashSet::new();
        for rf in expected["red_flags"].as_array().unwrap() {
            let i = rf["index"].as_u64().unwrap();
            scam.insert(i);
            let m = &report.messages[i as usize];
            assert_eq!(
                m.sender.as_deref(),
                rf["sender"].as_str(),
                "{name} #{i}: sender"
            );
            let want: Vec<&str> = rf["signals"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|s| s.as_str())
                .collect();
            assert!(
                m.flags.iter().any(|f| want.contains(&f.category.as_str())),
                "{name} #{i} should be flagged with one of {want:?}: {:?} / {}",
                m.flags
                    .iter()
                    .map(|f| f.category.as_str())
                    .collect::<Vec<_>>(),
                m.text
            );
        }
        let context: Vec<u64> = expected["scam_context"].as_array().map_or(vec![], |a| {
            a.iter().filter_map(|x| x["index"].as_u64()).collect()
        });
        for m in &report.messages {
            let i = m.index as u64;
            if scam.contains(&i) || context.contains(&i) {
                continue;
            }
            assert_eq!(
                m.verdict,
                saq::Verdict::NoSigns,
                "{name} #{i} is legitimate: {:?} {}",
                m.flags,
                m.text
            );
        }
        checked += 1;
    }
    assert!(checked >= 3, "all chats checked ({checked})");
}
