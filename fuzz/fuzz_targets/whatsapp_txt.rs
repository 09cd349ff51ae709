//! See [`saq_fuzz::whatsapp_txt`]: the body lives in the library so the root tests replay it.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| saq_fuzz::whatsapp_txt(data));
