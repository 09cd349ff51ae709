//! Writes a synthetic WhatsApp (Android, 24 h) chat export of a given size, for the
//! big-file benchmark in README: `cargo run --release --example gen_chat -- 100 big.txt`.
//! With `--telegram` first, the same messages as a Telegram Desktop `result.json` (one
//! chat, indented as Telegram writes it, each text also in `text_entities`):
//! `cargo run --release --example gen_chat -- --telegram 70 result.json`.
//! Deterministic (a fixed-seed generator); ordinary family/school talk in Kazakh and
//! Russian with a scam thread now and then. All names and numbers are invented.

use std::io::{BufWriter, Write};

const SENDERS: &[&str] = &[
    "Айгүл",
    "Ержан",
    "Мама",
    "Дана",
    "+7 700 000 12 34",
    "Болат",
    "Сәуле Т.",
];

const ORDINARY: &[&str] = &[
    "Ертең таңертең 8-де шығамыз, жылы киініңдер.",
    "Завтра уроки до 12:30, продлёнка работает.",
    "Мама, мы уже выехали, сағат бірде жетеміз",
    "Кто-нибудь видел мои ключи от машины?",
    "Әпке, жіберген ақшаңа рақмет, балаларға аяқ киім алдық.",
    "Ужин в холодильнике, разогрей. Я буду поздно.",
    "Ата-аналар, ертең кітапхана күні, балалар бір кітап алып келсін.",
    "Пап, я перевела тебе за бензин, посмотри Kaspi.",
    "Собираемся в пятницу в 18:30 у Дины, адрес прежний.",
    "Туған күніңмен! Денсаулық, бақыт тілеймін!",
    "<Без медиафайлов>",
    "Отправил договор на согласование, посмотрите до обеда.\nЕсли будут правки — пишите сюда.",
    "Жексенбіде ауылға барамыз, әжеге дәрі алып кету керек.",
    "Ссылка на трансляцию концерта: https://youtube.com/live/abcd1234",
];

const SCAM: &[&str] = &[
    "Мам это я, телефон разбил, пишу с номера друга. Срочно нужно 30 000, переведи на каспи, папе не говори",
    "Сәлеметсіз бе, Beeline-нан звоним. Сізге код келеді, маған айтыңызшы, әйтпесе номер блок болады.",
    "Проголосуйте за мою племянницу в конкурсе, это минута: https://bit.ly/konkurs-vote",
    "Здравствуйте, служба безопасности Halyk Bank. Продиктуйте код из СМС, иначе карта будет заблокирована.",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1).peekable();
    let telegram = args.next_if(|a| a == "--telegram").is_some();
    let mb: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let path = args.next().unwrap_or_else(|| "big_chat.txt".into());
    let mut out = BufWriter::new(std::fs::File::create(&path)?);
    let mut rng = Lcg(2026);
    let (mut written, target) = (0u64, mb * 1_000_000);
    let (mut day, mut minute) = (1u32, 0u32);
    if telegram {
        let head = "{\n \"name\": \"Отбасы\",\n \"type\": \"private_group\",\n \"id\": 42,\n \"messages\": [";
        out.write_all(head.as_bytes())?;
        written += head.len() as u64;
    }
    let mut id = 0u64;
    while written < target {
        minute += 1 + rng.next(7) as u32;
        if minute >= 24 * 60 {
            minute = 0;
            day += 1;
        }
        let (d, m, h, min) = (day % 28 + 1, (day / 28) % 12 + 1, minute / 60, minute % 60);
        let sender = SENDERS[rng.next(SENDERS.len())];
        let text = if rng.next(100) == 0 {
            SCAM[rng.next(SCAM.len())]
        } else {
            ORDINARY[rng.next(ORDINARY.len())]
        };
        let line = if telegram {
            id += 1;
            let text = json_string(text);
            format!(
                "{}\n  {{\n   \"id\": {id},\n   \"type\": \"message\",\n   \"date\": \"2025-{m:02}-{d:02}T{h:02}:{min:02}:00\",\n   \"from\": {},\n   \"from_id\": \"user{}\",\n   \"text\": {text},\n   \"text_entities\": [\n    {{\n     \"type\": \"plain\",\n     \"text\": {text}\n    }}\n   ]\n  }}",
                if id == 1 { "" } else { "," },
                json_string(sender),
                sender.len(),
            )
        } else {
            format!("{d:02}.{m:02}.2025, {h:02}:{min:02} - {sender}: {text}\n")
        };
        out.write_all(line.as_bytes())?;
        written += line.len() as u64;
    }
    if telegram {
        out.write_all(b"\n ]\n}\n")?;
    }
    out.flush()?;
    eprintln!("wrote {written} bytes to {path}");
    Ok(())
}

/// `s` as a JSON string (the texts here have no control characters but line breaks).
fn json_string(s: &str) -> String {
    let escaped = s
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}
