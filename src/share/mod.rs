//! Shareable views of a report: a self-contained HTML report, a short plain-text summary
//! for pasting into a messenger (card numbers and IINs masked), and an evidence sheet for
//! the police or the bank. Like the CLI and the window, these only read a
//! [`Report`](crate::report::Report) and ask [`i18n`](crate::i18n) for words.
//!
//! Every HTML page is one file with no external resources and no scripts: the styles are
//! inline, a Content-Security-Policy forbids anything else, and every piece of message text
//! is escaped and its links defanged, so a hostile message stays inert text.

pub mod amounts;
pub mod evidence;
pub mod html;
mod page;
mod picture;
pub mod save;
mod spool;
pub mod summary;

/// What a shareable view says about where the report came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The file's name as the user gave it; `None` for a pasted or typed message.
    pub path: Option<String>,
    /// When the report was made (UTC, `2026-11-25 10:40 UTC`), see [`now_utc`].
    pub made: String,
}

impl Origin {
    /// An origin for `path` (or a pasted message), made now.
    pub fn now(path: Option<String>) -> Origin {
        Origin {
            path,
            made: now_utc(),
        }
    }
}

/// The current time as `YYYY-MM-DD HH:MM UTC` (no time zone is guessed; the clock of this
/// computer is the only source).
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    utc_from_unix(secs)
}

/// `YYYY-MM-DD HH:MM UTC` for seconds since 1970 (Howard Hinnant's civil-from-days).
pub fn utc_from_unix(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3_600,
        rem % 3_600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc_from_unix(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_from_unix(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_from_unix(1_795_602_000), "2026-11-25 10:20 UTC");
    }
}
