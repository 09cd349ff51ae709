//! Sums of money written in a message ("50 000 тг", "20 мың теңге", "$300", "150к"), for
//! the evidence sheet's "amounts asked for".

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// A number, then optional thousands/millions words, then a currency; or a currency sign
/// then a number; or a number with a thousands word alone ("20 мың", "50к").
const PATTERN: &str = r"(?ix)
    (?:
        (?P<a>
            \d{1,3}(?:[\x20\u{A0}\u{202F}.,]\d{3})+(?:[.,]\d{1,2})? | \d+(?:[.,]\d{1,2})?
        )
        \s?
        (?:
            (?:мың|тысяч[аиу]?|тыс\.?|тыщ[иу]?|миллион[аов]*|млн\.?|k|к)
            (?:\s?(?:₸|тг\b\.?|тенге|теңге|tg\b|kzt\b|₽|руб\w*|\$|usd\b|доллар\w*|€|eur\b|евро))?
          | (?:₸|тг\b\.?|тенге|теңге|tg\b|kzt\b|₽|руб\w*|\$|usd\b|доллар\w*|€|eur\b|евро)
        )
      | (?:₸|\$|€)\s?\d{1,3}(?:[\x20\u{A0}\u{202F},]\d{3})*(?:[.,]\d{1,2})?
    )
";

fn regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // Invariant: a constant pattern, compiled in `tests::finds_amounts`.
    RE.get_or_init(|| Regex::new(PATTERN).expect("amount pattern compiles"))
}

/// Byte ranges of the sums of money in `text`, in order.
pub fn find(text: &str) -> Vec<Range<usize>> {
    regex()
        .find_iter(text)
        .filter(|m| {
            // "5к" inside a word ("5кг" is a weight) or a bare year-like "2025 k" is not money.
            let after = text[m.end()..].chars().next();
            after.is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|m| m.range())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_amounts() {
        assert_eq!(found("Скинь 50 000 тг срочно"), ["50 000 тг"]);
        assert_eq!(found("маған 20 мың теңге керек"), ["20 мың теңге"]);
        assert_eq!(found("жіберші 15 мың"), ["15 мың"]);
        assert_eq!(found("переведи 150к на карту"), ["150к"]);
        assert_eq!(found("Залог $300 или 1,5 млн ₸"), ["$300", "1,5 млн ₸"]);
        assert_eq!(found("send 200 USD now"), ["200 USD"]);
        assert_eq!(found("отправьте 30 000₸"), ["30 000₸"]);
        assert_eq!(found("5 тысяч рублей"), ["5 тысяч рублей"]);
    }

    #[test]
    fn leaves_other_numbers() {
        assert!(found("код 4821, приду в 19:30, дом 12").is_empty());
        assert!(found("вес 5кг").is_empty());
        assert!(found("4400 4301 2345 6789").is_empty());
    }
}
