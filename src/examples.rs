//! The built-in gallery of example messages for trainers and learners: every scheme of the
//! advisory (S1–S9) and the other common ones, plus legitimate look-alikes, in Kazakh,
//! Russian and English. They are data (`assets/examples/*.toml`), written for this project;
//! opening one checks it like any other message, and a test checks every one.

use serde::Deserialize;

use crate::i18n::Lang;

/// Schemes an example may show, besides the advisory's `s1`…`s9`. Each has a Fluent title
/// `scheme-<tag>-title`.
pub const EXTRA_SCHEMES: &[&str] = &[
    "bank-security",
    "safe-account",
    "egov",
    "prize",
    "investment",
    "marketplace",
    "courier",
    "accident",
    "new-number",
    "remote-access",
];

/// One example message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// A stable id (`kk-s1-voice`), unique in the gallery.
    pub id: String,
    /// The scheme it shows, or the scheme a legitimate look-alike resembles: `s1`…`s9` or
    /// one of [`EXTRA_SCHEMES`].
    pub scheme: String,
    /// True for fraud, false for a legitimate message that looks like one.
    pub fraud: bool,
    /// The message text.
    pub text: String,
    /// The language it is written in (from the file it is in).
    #[serde(skip, default = "default_lang")]
    pub lang: Lang,
}

fn default_lang() -> Lang {
    Lang::En
}

impl Example {
    /// The Fluent id of the scheme's short title.
    pub fn title_id(&self) -> String {
        format!("scheme-{}-title", self.scheme)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    example: Vec<Example>,
}

/// The gallery files, one per language.
const EMBEDDED: [(Lang, &str); 3] = [
    (Lang::Kk, include_str!("../assets/examples/kk.toml")),
    (Lang::Ru, include_str!("../assets/examples/ru.toml")),
    (Lang::En, include_str!("../assets/examples/en.toml")),
];

/// Parse the embedded gallery: Kazakh first, then Russian, then English, each in file order.
/// An error names the language file and what is wrong.
pub fn load() -> Result<Vec<Example>, String> {
    let mut all = Vec::new();
    for (lang, src) in EMBEDDED {
        let file: File = toml::from_str(src)
            .map_err(|e| format!("assets/examples/{}.toml: {e}", lang.code()))?;
        for mut ex in file.example {
            let known = is_scheme(&ex.scheme);
            if !known {
                return Err(format!(
                    "assets/examples/{}.toml: {}: unknown scheme {:?}",
                    lang.code(),
                    ex.id,
                    ex.scheme
                ));
            }
            ex.lang = lang;
            all.push(ex);
        }
    }
    Ok(all)
}

/// The gallery, parsed once.
pub fn gallery() -> &'static [Example] {
    static GALLERY: std::sync::OnceLock<Vec<Example>> = std::sync::OnceLock::new();
    // The files are embedded and `tests::gallery_loads` parses them, so an error here is a
    // build that did not run its tests; an empty gallery is the graceful answer.
    GALLERY.get_or_init(|| load().unwrap_or_default())
}

/// Is `tag` a scheme an example may show?
pub fn is_scheme(tag: &str) -> bool {
    let advisory = tag
        .strip_prefix('s')
        .is_some_and(|n| matches!(n, "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9"));
    advisory || EXTRA_SCHEMES.contains(&tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gallery_loads_with_unique_ids() {
        let all = load().unwrap_or_else(|e| panic!("{e}"));
        assert!(!all.is_empty());
        let mut ids = std::collections::HashSet::new();
        for ex in &all {
            assert!(ids.insert(ex.id.as_str()), "duplicate id {}", ex.id);
            assert!(
                ex.id.starts_with(&format!("{}-", ex.lang.code())),
                "{}: id starts with its language",
                ex.id
            );
            assert!(!ex.text.trim().is_empty(), "{}: empty text", ex.id);
        }
        assert_eq!(gallery().len(), all.len());
    }

    #[test]
    fn scheme_tags() {
        assert!(is_scheme("s1") && is_scheme("s9") && is_scheme("courier"));
        assert!(!is_scheme("s10") && !is_scheme("s") && !is_scheme("Courier"));
    }
}
