//! Bytes → text: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and legacy Cyrillic
//! code pages (Windows-1251, KOI8-R) guessed by chardetng. Owns only the decision of how
//! bytes become text; it knows nothing about message formats.

use encoding_rs::{Encoding, KOI8_R, KOI8_U, UTF_8, UTF_16BE, UTF_16LE};

/// How much of the start of the bytes decides "binary" ([`looks_binary`]).
pub const SNIFF_BYTES: usize = 64 * 1024;

/// Text decoded from bytes, and the name of the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding's name as reported in JSON (`utf-8`, `utf-8-bom`, `utf-16le`, `windows-1251`, …).
    pub encoding: String,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes look binary (NUL bytes or many control characters).
    Binary,
}

/// Decode owned bytes; valid UTF-8 without a BOM becomes the `String` without a copy (the
/// big-file path: a 100 MB chat is not held twice).
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    match String::from_utf8(bytes) {
        Ok(text) => decode_text(text),
        Err(e) => decode(e.as_bytes()),
    }
}

/// Decode text already known to be UTF-8 (checked as it was read): it stays the same
/// `String` unless it starts with a byte-order mark or looks binary.
pub fn decode_text(text: String) -> Result<Decoded, DecodeError> {
    if Encoding::for_bom(text.as_bytes()).is_none() && !looks_binary(text.as_bytes()) {
        return Ok(Decoded {
            text,
            encoding: "utf-8".into(),
        });
    }
    decode(text.as_bytes())
}

/// Decode bytes as text, or say it is not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let name = if enc == UTF_8 {
            "utf-8-bom".to_string()
        } else if enc == UTF_16LE {
            "utf-16le".to_string()
        } else if enc == UTF_16BE {
            "utf-16be".to_string()
        } else {
            enc.name().to_ascii_lowercase()
        };
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: name,
        });
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: "utf-8".into(),
        });
    }
    // Not valid UTF-8: mostly UTF-8 with a few broken bytes, or a legacy code page.
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guess = det.guess(Some(b"kz"), true);
    if guess == UTF_8 || mostly_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Ok(Decoded {
            text,
            encoding: "utf-8-lossy".into(),
        });
    }
    // chardetng answers KOI8-U for Russian KOI8 text (KOI8-U is KOI8-R plus the Ukrainian
    // letters, in places where KOI8-R has box-drawing signs); without those letters it is
    // KOI8-R, and named so.
    let guess = if guess == KOI8_U && !bytes.iter().any(|b| KOI8_U_ONLY.contains(b)) {
        KOI8_R
    } else {
        guess
    };
    let (text, _, _) = guess.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: guess.name().to_ascii_lowercase(),
    })
}

/// Bytes that are letters in KOI8-U (є і ї ґ Є І Ї Ґ) but box-drawing signs in KOI8-R.
const KOI8_U_ONLY: [u8; 8] = [0xA4, 0xA6, 0xA7, 0xAD, 0xB4, 0xB6, 0xB7, 0xBD];

/// True when the start of `bytes` (at least [`SNIFF_BYTES`] of them, or all) would be
/// refused by [`decode`] as binary: no byte-order mark, not a zip archive, and
/// [`looks_binary`]. Lets a reader stop early instead of reading a device to its end.
pub fn refused_as_binary(bytes: &[u8]) -> bool {
    Encoding::for_bom(bytes).is_none() && !bytes.starts_with(b"PK\x03\x04") && looks_binary(bytes)
}

/// NUL bytes, or more than 10 % control characters in the first 64 KiB, mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 10 > head.len()
}

/// True when the bytes are UTF-8 with a few broken bytes rather than a legacy code page:
/// at most 1 in 1000 bytes belong to invalid sequences, or the valid multi-byte characters
/// outnumber the invalid sequences at least four to one. A single bad byte in a short
/// Cyrillic UTF-8 message passes the second test; Windows-1251 or KOI8-R text fails both,
/// since nearly every one of its letters is an invalid UTF-8 sequence.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut bad_bytes = 0usize;
    let mut bad_runs = 0usize;
    let mut multibyte = 0usize;
    let mut rest = bytes;
    while !rest.is_empty() {
        let (valid, err_len) = match std::str::from_utf8(rest) {
            Ok(s) => (s, 0),
            Err(e) => {
                // `valid_up_to` is a char boundary by definition.
                let valid = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default();
                (valid, e.error_len().unwrap_or(rest.len() - e.valid_up_to()))
            }
        };
        multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
        if err_len == 0 {
            break;
        }
        bad_bytes += err_len;
        bad_runs += 1;
        rest = &rest[(valid.len() + err_len).min(rest.len())..];
    }
    bad_bytes * 1000 <= bytes.len() || multibyte >= 4 * bad_runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("сәлем".as_bytes()).unwrap().encoding, "utf-8");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("код".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("код", "utf-8-bom"));
    }

    #[test]
    fn utf16_and_cp1251() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Назовите код".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            ("Назовите код", "utf-16le")
        );
        let (cp, _, _) =
            encoding_rs::WINDOWS_1251.encode("Здравствуйте, назовите код из сообщения, пожалуйста");
        let d = decode(&cp).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.starts_with("Здравствуйте"));
    }

    #[test]
    fn utf8_with_one_broken_byte_is_utf8_lossy() {
        let mut b = "Продиктуйте код из СМС ".as_bytes().to_vec();
        b.extend_from_slice(b"\xff\n");
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "utf-8-lossy");
        assert_eq!(d.text, "Продиктуйте код из СМС \u{FFFD}\n");
    }

    #[test]
    fn koi8r_is_named_koi8r_and_cp1251_stays() {
        let text = "Здравствуйте, назовите код из сообщения, пожалуйста";
        let (k, _, _) = KOI8_R.encode(text);
        let d = decode(&k).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (text, "koi8-r"));
        // Short texts too, with a broken byte's worth of ambiguity.
        let (k, _, _) = KOI8_R.encode("Срочно переведите деньги на безопасный счёт");
        assert_eq!(decode(&k).unwrap().encoding, "koi8-r");
        let (c, _, _) = encoding_rs::WINDOWS_1251.encode("Срочно переведите деньги на счёт");
        assert_eq!(decode(&c).unwrap().encoding, "windows-1251");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
            Err(DecodeError::Binary)
        );
    }
}
