//! Language choice and Fluent lookup: which language the user reads (`Lang`) and turning a
//! message id plus arguments into text (`Localizer`). Owns the embedded `locales/*/*.ftl`.
//!
//! Knows nothing of rules, reports or UI widgets: callers hand over Fluent ids and arguments
//! and get plain strings back. Every user-visible word of the app lives in the `.ftl` files,
//! never in Rust code.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language the app speaks. Kazakh and Russian are first-class; English is the fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh (қазақ тілі).
    Kk,
    /// Russian (русский язык).
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order a language picker shows them.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The ISO 639-1 code: `kk`, `ru`, `en` (also the locale folder name).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// Reads a language from a code or a system locale name, ignoring case, region,
    /// encoding and modifier: `kk`, `kk-KZ`, `kk_KZ.UTF-8`, `ru-RU`, `en_US@x` all work.
    /// `kz` (the country code people often type for Kazakh) and the three-letter codes
    /// `kaz`, `rus`, `eng` are accepted too. Anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s
            .trim()
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "kk" | "kz" | "kaz" => Some(Lang::Kk),
            "ru" | "rus" => Some(Lang::Ru),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of the operating system's user locale: Kazakh and Russian locales
    /// give `Kk` and `Ru`; any other or unknown locale gives `En`.
    pub fn from_system() -> Lang {
        sys_locale::get_locale()
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or(Lang::En)
    }

    /// The language's name in itself, for a language picker.
    pub fn native_name(self) -> &'static str {
        // The only user-visible literals in Rust code: a language's own name is the same
        // whatever the interface language is.
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    /// The Fluent sources embedded for this language, one per topic file.
    fn sources(self) -> [&'static str; 6] {
        match self {
            Lang::Kk => [
                include_str!("../locales/kk/core.ftl"),
                include_str!("../locales/kk/advisory.ftl"),
                include_str!("../locales/kk/rules.ftl"),
                include_str!("../locales/kk/rules-offers.ftl"),
                include_str!("../locales/kk/rules-alarms.ftl"),
                include_str!("../locales/kk/ui.ftl"),
            ],
            Lang::Ru => [
                include_str!("../locales/ru/core.ftl"),
                include_str!("../locales/ru/advisory.ftl"),
                include_str!("../locales/ru/rules.ftl"),
                include_str!("../locales/ru/rules-offers.ftl"),
                include_str!("../locales/ru/rules-alarms.ftl"),
                include_str!("../locales/ru/ui.ftl"),
            ],
            Lang::En => [
                include_str!("../locales/en/core.ftl"),
                include_str!("../locales/en/advisory.ftl"),
                include_str!("../locales/en/rules.ftl"),
                include_str!("../locales/en/rules-offers.ftl"),
                include_str!("../locales/en/rules-alarms.ftl"),
                include_str!("../locales/en/ui.ftl"),
            ],
        }
    }

    /// The bare language identifier (no region): the plural rules are looked up by it,
    /// and `intl_pluralrules` knows `kk`, `ru`, `en` but not every regional variant.
    fn langid(self) -> LanguageIdentifier {
        // Invariant: the three codes are valid language tags (test `langids_are_bare_codes`).
        self.code().parse().unwrap_or_default()
    }
}

/// An argument value for [`Localizer::tr_args`]. Numbers select plural forms
/// (`{ $count -> [one] … *[other] … }`); strings are inserted as they are.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text inserted as is (a path, a name, a link).
    Str(String),
    /// A number; it picks the plural form in the current language.
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}

/// `From` for every primitive number a caller may hold (counts, indexes, line numbers).
macro_rules! arg_from_number {
    ($($num:ty)+) => {$(
        impl From<$num> for Arg {
            fn from(n: $num) -> Self {
                Arg::Num(n as f64)
            }
        }
    )+};
}

arg_from_number!(i32 i64 u32 u64 usize f32 f64);

type Bundle = FluentBundle<FluentResource>;

/// Builds a bundle from Fluent sources, without Unicode isolation marks around arguments
/// (they would end up in copied text and in exact-label test queries).
fn bundle(lang: Lang, sources: &[&str]) -> Bundle {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    bundle.set_use_isolating(false);
    for source in sources {
        // Invariant: the embedded files parse without errors and define each id once
        // (test `embedded_ftl_parses_cleanly`). Should a broken file slip through anyway,
        // keep the entries that did parse rather than fail: a missing id shows as the
        // English text or as the id itself.
        let resource = FluentResource::try_new((*source).to_owned())
            .unwrap_or_else(|(partial, _errors)| partial);
        bundle.add_resource_overriding(resource);
    }
    bundle
}

/// Looks up translated text: the chosen language first, then English, then the id itself.
///
/// `Send + Sync`, so one `Localizer` can be shared across threads (e.g. in an `Arc`).
pub struct Localizer {
    lang: Lang,
    /// The chosen language's bundle, followed by the English one unless that is the same.
    bundles: Vec<Bundle>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl Localizer {
    /// A localizer for `lang`, built from the Fluent files embedded in the binary.
    pub fn new(lang: Lang) -> Localizer {
        let mut bundles = vec![bundle(lang, &lang.sources())];
        if lang != Lang::En {
            bundles.push(bundle(Lang::En, &Lang::En.sources()));
        }
        Localizer { lang, bundles }
    }

    /// The language this localizer was made for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A count written with its digits grouped by thousands as the language writes them:
    /// `175 920` in Kazakh and Russian (a no-break space), `175,920` in English. For the
    /// window's big counts, which are hard to read as a run of digits.
    pub fn count(&self, n: usize) -> String {
        let sep = match self.lang {
            Lang::Kk | Lang::Ru => '\u{A0}',
            Lang::En => ',',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(d);
        }
        out
    }

    /// The text of message `id` without arguments.
    pub fn tr(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The text of message `id` with named arguments, e.g.
    /// `tr_args("cli-summary-flags", &[("count", 3.into())])`.
    pub fn tr_args(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value = match value {
                Arg::Str(s) => FluentValue::from(s.as_str()),
                Arg::Num(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        self.format(id, Some(&fluent_args))
    }

    /// Whether message `id` is defined in this language's own files (not via fallback).
    pub fn has(&self, id: &str) -> bool {
        self.bundles.first().is_some_and(|b| b.has_message(id))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        self.format_with_errors(id, args)
            .map_or_else(|| id.to_owned(), |(text, _errors)| text)
    }

    /// The text from the first bundle that defines `id`, with the errors met while
    /// formatting it (a missing argument shows as `{$name}` in the text). `None` when no
    /// bundle has the id.
    fn format_with_errors(
        &self,
        id: &str,
        args: Option<&FluentArgs>,
    ) -> Option<(String, Vec<FluentError>)> {
        self.bundles.iter().find_map(|bundle| {
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            Some((text.into_owned(), errors))
        })
    }
}

/// The message entries of one Fluent source: `(id, raw text of the entry)`, terms and
/// comments left out. In Fluent an entry starts at column 0 with an identifier (message),
/// `-` (term) or `#` (comment); every other line continues the entry above it (indented
/// text, or a `}` closing a selector). So a line scan finds them: the syntax tree type is
/// not public in `fluent-bundle`.
fn message_entries(source: &str) -> Vec<(&str, &str)> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let id_len = line
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(line.len());
        let is_message = line.starts_with(|c: char| c.is_ascii_alphabetic())
            && line[id_len..].trim_start().starts_with('=');
        let is_other_entry = line.starts_with(['-', '#']);
        if is_message {
            starts.push((offset, Some(&line[..id_len])));
        } else if is_other_entry {
            starts.push((offset, None));
        }
        offset += line.len();
    }
    let ends = starts
        .iter()
        .skip(1)
        .map(|(start, _)| *start)
        .chain([source.len()]);
    starts
        .iter()
        .zip(ends)
        .filter_map(|((start, id), end)| id.map(|id| (id, &source[*start..end])))
        .collect()
}

/// Every message id defined for `lang` (terms excluded), sorted: for tests and tools.
pub fn all_message_ids(lang: Lang) -> Vec<String> {
    let mut ids: Vec<String> = lang
        .sources()
        .iter()
        .flat_map(|source| message_entries(source))
        .map(|(id, _)| id.to_owned())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Plausible values for every argument any message uses.
    fn sample_args() -> Vec<(&'static str, Arg)> {
        vec![
            ("count", 5.into()),
            ("index", 3.into()),
            ("arg", "--format <ФОРМАТ>".into()),
            ("value", "xml".into()),
            ("command", "saq check".into()),
            ("os", "linux".into()),
            ("langs", "kaz+rus".into()),
            ("width", 20000.into()),
            ("height", 20000.into()),
            ("limit", 50.into()),
            ("sender", "Айгүл".into()),
            ("time", "14:05".into()),
            ("path", "chat.txt".into()),
            ("reason", "permission denied".into()),
            ("size", "12 MB".into()),
            ("rule", "code-request".into()),
            ("line", 12.into()),
            ("link", "hxxps://kaspi-bonus[.]top/pay".into()),
            ("word", "к0д".into()),
            ("host", "kaspi-bonus[.]top".into()),
            ("brand", "kaspi.kz".into()),
            ("unicode", "kаspi.kz".into()),
            ("scam", 40.into()),
            ("legit", 60.into()),
            ("messages", 120.into()),
            ("shown", "kaspi.kz".into()),
            ("flagged", 3.into()),
            ("caught", 36.into()),
            ("danger", 30.into()),
            ("score", 7.into()),
            ("total", 10.into()),
            ("date", "2026-11-25 10:40 UTC".into()),
            ("first", "2025-03-02T18:12".into()),
            ("last", "2025-03-04T09:30".into()),
            ("other", "--output <ФАЙЛ>".into()),
            ("year", "2025".into()),
            ("month", "03".into()),
            ("day", "14".into()),
        ]
    }

    /// The `$variables` an entry mentions (in its text or in a selector).
    fn variables(entry: &str) -> BTreeSet<String> {
        entry
            .split('$')
            .skip(1)
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect()
            })
            .collect()
    }

    fn entries_by_id(lang: Lang) -> BTreeMap<String, String> {
        lang.sources()
            .iter()
            .flat_map(|source| message_entries(source))
            .map(|(id, entry)| (id.to_owned(), entry.to_owned()))
            .collect()
    }

    #[test]
    fn counts_are_grouped_by_thousands_as_each_language_writes_them() {
        let (kk, ru, en) = (
            Localizer::new(Lang::Kk),
            Localizer::new(Lang::Ru),
            Localizer::new(Lang::En),
        );
        assert_eq!(kk.count(175_920), "175\u{A0}920");
        assert_eq!(ru.count(1_234_567), "1\u{A0}234\u{A0}567");
        assert_eq!(en.count(175_920), "175,920");
        assert_eq!(en.count(1_000), "1,000");
        for small in [0, 7, 999] {
            assert_eq!(kk.count(small), small.to_string());
            assert_eq!(en.count(small), small.to_string());
        }
    }

    #[test]
    fn embedded_ftl_parses_cleanly() {
        for lang in Lang::ALL {
            let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
            for (i, source) in lang.sources().iter().enumerate() {
                let resource = match FluentResource::try_new((*source).to_owned()) {
                    Ok(resource) => resource,
                    Err((_, errors)) => panic!("{lang:?} file {i}: {errors:?}"),
                };
                if let Err(errors) = bundle.add_resource(resource) {
                    panic!("{lang:?} file {i}: duplicate ids: {errors:?}");
                }
            }
        }
    }

    #[test]
    fn every_locale_defines_the_same_ids() {
        let en = all_message_ids(Lang::En);
        assert!(!en.is_empty());
        for lang in [Lang::Kk, Lang::Ru] {
            let ids = all_message_ids(lang);
            let missing: Vec<_> = en.iter().filter(|id| !ids.contains(id)).collect();
            let extra: Vec<_> = ids.iter().filter(|id| !en.contains(id)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang:?}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn the_line_scan_agrees_with_fluent() {
        for lang in Lang::ALL {
            let l10n = Localizer::new(lang);
            for id in all_message_ids(lang) {
                assert!(l10n.has(&id), "{lang:?}: scanned id {id} unknown to Fluent");
            }
            assert!(!all_message_ids(lang).iter().any(|id| id.starts_with('-')));
        }
    }

    /// The ids the report's types hand to the views exist in every locale.
    #[test]
    fn report_ids_are_defined() {
        use crate::report::{Category, Step, Verdict};
        let mut ids: Vec<String> = Category::ALL.iter().map(|c| c.fluent_id()).collect();
        ids.extend(Step::ALL.iter().map(|s| s.fluent_id()));
        ids.extend(
            [Verdict::NoSigns, Verdict::Suspicious, Verdict::Danger]
                .iter()
                .map(|v| v.fluent_id().to_owned()),
        );
        for lang in Lang::ALL {
            let l10n = Localizer::new(lang);
            for id in &ids {
                assert!(l10n.has(id), "{lang:?}: {id}");
            }
        }
    }

    #[test]
    fn every_locale_uses_the_same_arguments() {
        let en = entries_by_id(Lang::En);
        for lang in [Lang::Kk, Lang::Ru] {
            for (id, entry) in entries_by_id(lang) {
                let reference = en.get(&id).map(|e| variables(e)).unwrap_or_default();
                assert_eq!(variables(&entry), reference, "{lang:?}: {id}");
            }
        }
    }

    #[test]
    fn every_message_formats_without_errors() {
        let args = sample_args();
        let mut fluent_args = FluentArgs::new();
        for (name, value) in &args {
            match value {
                Arg::Str(s) => fluent_args.set(*name, s.as_str()),
                Arg::Num(n) => fluent_args.set(*name, *n),
            }
        }
        for lang in Lang::ALL {
            let l10n = Localizer::new(lang);
            for id in all_message_ids(lang) {
                let formatted = l10n.format_with_errors(&id, Some(&fluent_args));
                let Some((text, errors)) = formatted else {
                    panic!("{lang:?}: {id} has no value");
                };
                assert!(errors.is_empty(), "{lang:?}: {id}: {errors:?}");
                assert!(!text.trim().is_empty(), "{lang:?}: {id} is empty");
                assert!(!text.contains(['{', '}']), "{lang:?}: {id}: {text}");
                assert_eq!(text, l10n.tr_args(&id, &args));
            }
        }
    }

    /// `(language, id, text)` for every message of every language, formatted with `args`.
    fn every_text(args: &[(&str, Arg)]) -> Vec<(Lang, String, String)> {
        Lang::ALL
            .iter()
            .flat_map(|&lang| {
                let l10n = Localizer::new(lang);
                all_message_ids(lang).into_iter().map(move |id| {
                    let text = l10n.tr_args(&id, args);
                    (lang, id, text)
                })
            })
            .collect()
    }

    #[test]
    fn no_isolation_marks_in_output() {
        for (lang, id, text) in every_text(&sample_args()) {
            assert!(!text.contains(['\u{2068}', '\u{2069}']), "{lang:?}: {id}");
        }
    }

    #[test]
    fn texts_fit_a_side_panel() {
        for (lang, id, text) in every_text(&sample_args()) {
            let len = text.chars().count();
            assert!(len <= 210, "{lang:?}: {id} is {len} characters");
        }
    }

    /// Only 1477 (National Bank contact center, from the advisory) and 102 (police) may
    /// appear as phone numbers.
    #[test]
    fn no_phone_number_but_1477_and_102() {
        for (lang, id, text) in every_text(&[]) {
            let numbers = text
                .split(|c: char| !c.is_ascii_digit())
                .filter(|run| run.len() >= 3);
            for number in numbers {
                assert!(
                    number == "1477" || number == "102",
                    "{lang:?}: {id}: {number}"
                );
            }
        }
        for lang in Lang::ALL {
            let l10n = Localizer::new(lang);
            assert!(l10n.tr("step-a7").contains("1477"), "{lang:?}");
            assert!(l10n.tr("contact-nbk").contains("1477"), "{lang:?}");
            assert!(l10n.tr("contact-police").contains("102"), "{lang:?}");
        }
    }

    /// A word mixing Latin and Cyrillic letters is exactly the disguise the app warns
    /// about; the app's own texts must not contain one.
    #[test]
    fn no_word_mixes_alphabets() {
        let is_cyrillic = |c: char| ('\u{0400}'..='\u{04FF}').contains(&c);
        for (lang, id, text) in every_text(&[]) {
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                let cyrillic = word.chars().any(is_cyrillic);
                let latin = word.chars().any(|c| c.is_ascii_alphabetic());
                assert!(!(cyrillic && latin), "{lang:?}: {id}: {word}");
            }
        }
    }

    #[test]
    fn russian_plurals() {
        let l10n = Localizer::new(Lang::Ru);
        for (count, expected) in [
            (1, "1 признак "),
            (2, "2 признака "),
            (5, "5 признаков "),
            (11, "11 признаков "),
            (21, "21 признак "),
            (22, "22 признака "),
        ] {
            let text = l10n.tr_args("cli-summary-flags", &[("count", count.into())]);
            assert!(text.contains(expected), "{count}: {text}");
        }
        let rules = l10n.tr_args("rules-count", &[("count", 3.into())]);
        assert!(rules.contains("3 правила"), "{rules}");
    }

    #[test]
    fn english_plurals() {
        let l10n = Localizer::new(Lang::En);
        let flags = |count: u32| l10n.tr_args("cli-summary-flags", &[("count", count.into())]);
        assert!(flags(1).contains("1 red flag "), "{}", flags(1));
        for count in [2, 5, 21] {
            assert!(flags(count).contains(&format!("{count} red flags ")));
        }
        let rules = l10n.tr_args("rules-count", &[("count", 1.into())]);
        assert_eq!(rules, "1 rule");
    }

    #[test]
    fn kazakh_count_forms() {
        // Kazakh nouns stay singular after a numeral: "5 белгі", not "5 белгілер".
        let l10n = Localizer::new(Lang::Kk);
        for count in [1, 2, 5, 21] {
            let text = l10n.tr_args("cli-summary-flags", &[("count", count.into())]);
            assert!(
                text.starts_with(&format!("{count} алаяқтық белгісі ")),
                "{text}"
            );
            assert!(!text.contains("белгілер"), "{text}");
        }
    }

    #[test]
    fn fallback_goes_to_english_then_to_the_id() {
        let partial = Localizer {
            lang: Lang::Kk,
            bundles: vec![
                bundle(Lang::Kk, &["only-here = Тек осында"]),
                bundle(Lang::En, &Lang::En.sources()),
            ],
        };
        assert_eq!(partial.tr("only-here"), "Тек осында");
        assert!(!partial.has("cli-stdin"));
        assert_eq!(
            partial.tr("cli-stdin"),
            Localizer::new(Lang::En).tr("cli-stdin")
        );
        assert_eq!(partial.tr("no-such-id"), "no-such-id");
        assert_eq!(Localizer::new(Lang::Ru).tr("no-such-id"), "no-such-id");
    }

    #[test]
    fn each_language_has_its_own_text() {
        let kk = Localizer::new(Lang::Kk);
        let ru = Localizer::new(Lang::Ru);
        let en = Localizer::new(Lang::En);
        assert_eq!(kk.lang(), Lang::Kk);
        for id in all_message_ids(Lang::En) {
            assert!(kk.has(&id) && ru.has(&id) && en.has(&id), "{id}");
        }
        assert!(kk.tr("verdict-danger").contains("Қауіпті"));
        assert!(ru.tr("verdict-danger").contains("Опасно"));
        assert!(en.tr("verdict-danger").contains("Danger"));
    }

    #[test]
    fn kazakh_text_uses_kazakh_letters() {
        let all: String = every_text(&[])
            .into_iter()
            .filter(|(lang, _, _)| *lang == Lang::Kk)
            .map(|(_, _, text)| text)
            .collect();
        for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'] {
            assert!(all.contains(letter), "no {letter}");
        }
    }

    #[test]
    fn parse_accepts_codes_and_locale_names() {
        for (input, expected) in [
            ("kk", Some(Lang::Kk)),
            ("KK", Some(Lang::Kk)),
            ("kk-KZ", Some(Lang::Kk)),
            ("kk_KZ.UTF-8", Some(Lang::Kk)),
            ("kz", Some(Lang::Kk)),
            ("KZ", Some(Lang::Kk)),
            ("ru", Some(Lang::Ru)),
            ("ru-RU", Some(Lang::Ru)),
            ("ru_KZ.UTF-8", Some(Lang::Ru)),
            ("Ru", Some(Lang::Ru)),
            ("en", Some(Lang::En)),
            ("en_US.UTF-8", Some(Lang::En)),
            (" en ", Some(Lang::En)),
            ("de", None),
            ("C", None),
            ("POSIX", None),
            ("", None),
            ("kkk", None),
            ("english", None),
        ] {
            assert_eq!(Lang::parse(input), expected, "{input:?}");
        }
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
    }

    #[test]
    fn langids_are_bare_codes() {
        for lang in Lang::ALL {
            assert_eq!(lang.langid().to_string(), lang.code());
        }
    }

    #[test]
    fn from_system_gives_a_language() {
        assert!(Lang::ALL.contains(&Lang::from_system()));
    }

    #[test]
    fn serde_uses_lowercase_codes() {
        for lang in Lang::ALL {
            let json = serde_json::to_string(&lang).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", lang.code()));
            assert_eq!(serde_json::from_str::<Lang>(&json).ok(), Some(lang));
        }
    }

    #[test]
    fn localizer_is_send_and_sync() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Localizer>();
    }
}
