//! See [`saq_fuzz::telegram_json`]: the body lives in the library so the root tests replay it.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| saq_fuzz::telegram_json(data));
