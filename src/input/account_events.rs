//! Account events in messenger system lines: "X changed their phone number", "Your
//! security code with X changed" (WhatsApp, FORMATS.md §1.9, in English, Russian and
//! Kazakh; the Kazakh ones come from an old string table, so they are matched by their
//! keywords) and "X joined Telegram" (Telegram Desktop's HTML export).

use crate::conversation::AccountEventKind;

/// `(phrase, where the name is)`: the name is the text before the phrase, or between a
/// prefix and the phrase.
enum Shape {
    /// `NAME<phrase>…`
    Before(&'static str),
    /// `<prefix>NAME<suffix>…`
    Between(&'static str, &'static str),
}

const SHAPES: &[(AccountEventKind, Shape)] = {
    use AccountEventKind::{JoinedMessenger as J, NumberChanged as N, SecurityCodeChanged as S};
    use Shape::{Before, Between};
    &[
        (N, Before(" changed their phone number")),
        (N, Before("'s number was changed")),
        (N, Before("’s number was changed")),
        (N, Before(" сменил(-а) номер телефона")),
        (N, Before(" сменил номер телефона")),
        (N, Before(" сменила номер телефона")),
        (N, Before(" телефон нөмірін өзгертті")),
        (N, Before(" нөмірін өзгертті")),
        (N, Before(" нөмірін ауыстырды")),
        (S, Between("Your security code with ", " changed")),
        (S, Before("'s security code changed")),
        (S, Before("’s security code changed")),
        (
            S,
            Between("Ваш код безопасности с контактом ", " изменился"),
        ),
        (S, Between("Код безопасности пользователя ", " изменился")),
        (S, Before(" қауіпсіздік коды өзгертілді")),
        (J, Before(" joined Telegram")),
        (J, Before(" теперь в Telegram")),
        (J, Before(" Telegram-ға қосылды")),
    ]
};

/// The event a system line reports, with the name it gives, if it is one.
pub(crate) fn parse(line: &str) -> Option<(AccountEventKind, String)> {
    let first = line.lines().next().unwrap_or_default();
    // Direction marks go; the narrow and no-break spaces WhatsApp puts after `~` are spaces.
    let clean: String = first
        .chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'))
        .map(|c| {
            if c == '\u{202F}' || c == '\u{A0}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let name_of = |raw: &str| {
        let n = raw.trim().trim_start_matches('~').trim();
        (!n.is_empty() && n.chars().count() <= 100).then(|| n.to_string())
    };
    SHAPES.iter().find_map(|(kind, shape)| {
        let name = match *shape {
            Shape::Before(phrase) => name_of(&clean[..clean.find(phrase)?])?,
            Shape::Between(prefix, suffix) => {
                let from = clean.find(prefix)? + prefix.len();
                let len = clean[from..].find(suffix)?;
                name_of(&clean[from..from + len])?
            }
        };
        Some((*kind, name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use AccountEventKind::{NumberChanged, SecurityCodeChanged};

    fn name(line: &str) -> Option<(AccountEventKind, String)> {
        parse(line)
    }

    #[test]
    fn number_changed_lines() {
        for (line, who) in [
            (
                "Марат changed their phone number to a new number. Tap to message or add the new number.",
                "Марат",
            ),
            (
                "\u{200E}Ainur changed their phone number. You're currently chatting with their new number.",
                "Ainur",
            ),
            (
                "~\u{202F}Ainur's number was changed from A to B. \u{200E}Tap to add.",
                "Ainur",
            ),
            (
                "\u{200E}Марат сменил(-а) номер телефона. В данный момент вы переписываетесь, используя новый номер этого контакта.",
                "Марат",
            ),
            ("Әже телефон нөмірін өзгертті", "Әже"),
            (
                "+7 701 555 12 34 сменил(-а) номер телефона.",
                "+7 701 555 12 34",
            ),
        ] {
            assert_eq!(name(line), Some((NumberChanged, who.to_string())), "{line}");
        }
    }

    #[test]
    fn security_code_lines() {
        for (line, who) in [
            (
                "\u{200E}\u{200E}Your security code with Elon changed. \u{200E}Tap to learn more.",
                "Elon",
            ),
            ("Elon's security code changed. Tap for more info.", "Elon"),
            (
                "\u{200E}\u{200E}Ваш код безопасности с контактом Айгуль изменился. \u{200E}Подробнее.",
                "Айгуль",
            ),
            (
                "Код безопасности пользователя Айгуль изменился. Узнать больше.",
                "Айгуль",
            ),
            (
                "Айгуль қауіпсіздік коды өзгертілді. Толық ақпарат үшін басыңыз.",
                "Айгуль",
            ),
        ] {
            assert_eq!(
                name(line),
                Some((SecurityCodeChanged, who.to_string())),
                "{line}"
            );
        }
    }

    #[test]
    fn joined_telegram_lines() {
        assert_eq!(
            name("\nАйдар Нурланов joined Telegram\n      "),
            None,
            "the first line is empty"
        );
        assert_eq!(
            name("Айдар Нурланов joined Telegram"),
            Some((
                AccountEventKind::JoinedMessenger,
                "Айдар Нурланов".to_string()
            ))
        );
    }

    #[test]
    fn other_lines_are_not_events() {
        for line in [
            "Messages and calls are end-to-end encrypted.",
            "Dmitry S added you",
            " changed their phone number",
            "You changed the subject from \"A: B\" to \"C\"",
            "",
        ] {
            assert_eq!(name(line), None, "{line}");
        }
    }
}
