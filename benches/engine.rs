//! Engine speed: one 2 KB message, throughput over many messages, rule-set compile.
//! Figures go to README (see "Performance"); goals (issue 13): < 100 µs per 2 KB message,
//! ≥ 50 MB/s on one core for chat-like and for scam-dense messages, compile < 50 ms.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use saq::rules::RuleSet;

/// Messages in the languages and shapes Saq sees, scam and ordinary, written for this bench.
const SAMPLES: &[&str] = &[
    "Здравствуйте, я сотрудник службы безопасности Halyk Bank. По вашей карте подозрительная операция. Продиктуйте код из СМС, иначе карта будет заблокирована.",
    "Мама, привет! Телефон разбил, пишу с номера друга. Срочно нужно 30 000, переведи на каспи по этому номеру, папе не говори.",
    "Сәлеметсіз бе! Ұлттық Банктің қызметкерімін. Сіздің атыңызға несие рәсімделіп жатыр, ақшаңызды қауіпсіз шотқа аударыңыз. Бұл құпия.",
    "Kaspi: Sızdıñ esepşotyñyzğa kıru şekteldı. Qaita aşu üşın sılteme arqyly kırıñız: kaspi-kz.login-check.top",
    "Ертең таңертең 8-де шығамыз, жылы киініңдер, далада суық. Бәріңізге бутерброд алып шығамын.",
    "Завтра уроки сокращённые, дети заканчивают в 12:30. Продлёнка работает как обычно.",
    "Hi Mum, new number! Old one's dead. Can you help me with a bill? It's 120,000 tenge, I need it paid today.",
    "Одноразовый код: 660127. Никому не сообщайте. Действителен 5 минут.",
    "Проголосуйте, пожалуйста, за мою племянницу в конкурсе «Жұлдыз», это займёт минуту: https://bit.ly/zhuldyz-vote",
    "Коллеги, отчёт по продажам готов, положил в общую папку. Посмотрите до обеда.",
];

/// Ordinary chat lines (family, school, work), written for this bench.
const CHAT: &[&str] = &[
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
    "Отправил договор на согласование, посмотрите до обеда.",
    "Жексенбіде ауылға барамыз, әжеге дәрі алып кету керек.",
    "Ссылка на трансляцию концерта: https://youtube.com/live/abcd1234",
    "ок",
    "Хорошо, спасибо!",
];

fn message_of(bytes: usize) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(SAMPLES[i % SAMPLES.len()]);
        s.push(' ');
        i += 1;
    }
    s
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::builtin().expect("built-in rules load");

    let two_kb = message_of(2048);
    c.bench_function("check_2kb_message", |b| {
        b.iter(|| saq::check_text(&rules, black_box(&two_kb)))
    });

    let batch: Vec<String> = (0..400)
        .map(|i| SAMPLES[i % SAMPLES.len()].to_string())
        .collect();
    let bytes: usize = batch.iter().map(String::len).sum();
    let mut g = c.benchmark_group("throughput");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("check_messages", |b| {
        b.iter(|| {
            for m in &batch {
                black_box(saq::check_text(&rules, m));
            }
        })
    });
    g.finish();

    // A chat as people write it: short ordinary messages, one in a hundred a scam.
    let chat: Vec<String> = (0..2000)
        .map(|i| {
            if i % 100 == 0 {
                SAMPLES[i / 100 % 4]
            } else {
                CHAT[i % CHAT.len()]
            }
            .to_string()
        })
        .collect();
    let chat_bytes: usize = chat.iter().map(String::len).sum();
    let mut g = c.benchmark_group("throughput");
    g.throughput(Throughput::Bytes(chat_bytes as u64));
    g.bench_function("check_chat_messages", |b| {
        b.iter(|| {
            for m in &chat {
                black_box(saq::check_text(&rules, m));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    g.bench_function("ruleset_compile", |b| {
        b.iter(|| RuleSet::builtin().expect("rules"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
