//! Window speed, headless (egui_kittest, no GPU): building the app and its first frame, and
//! one frame of a 100 000-message chat while it scrolls. README quotes the medians; the real
//! binary's start-to-first-frame and idle CPU are timed under Xvfb (see README).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use egui_kittest::Harness;
use saq::gui::{App, Command};
use saq::i18n::Lang;

fn harness() -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_max_steps(64)
        .build_eframe(|cc| App::with_lang(&cc.egui_ctx, Lang::Ru))
}

/// A 100 000-message WhatsApp export, one message in a thousand a scam.
fn big_chat() -> PathBuf {
    let path = std::env::temp_dir().join(format!("saq-bench-chat-{}.txt", std::process::id()));
    let mut text = String::with_capacity(100_000 * 60);
    for i in 0..100_000u32 {
        let (h, m) = (i / 60 % 24, i % 60);
        let line = if i % 1000 == 7 {
            "Продиктуйте код из СМС, срочно!"
        } else {
            "Мам, я дома, всё хорошо"
        };
        text.push_str(&format!("12.03.2025, {h:02}:{m:02} - Айдар: {line} {i}\n"));
    }
    std::fs::write(&path, text).expect("temp file writable");
    path
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("gui");
    g.sample_size(20);
    g.bench_function("app_and_first_frame", |b| {
        b.iter(|| {
            let mut h = harness();
            h.step();
            black_box(h.state().checking());
        })
    });

    let path = big_chat();
    let mut h = harness();
    h.state_mut().push(Command::OpenFile(path.clone()));
    h.step();
    h.state_mut().wait_for_jobs(Duration::from_secs(300));
    h.run();
    assert!(h.state().chat.is_some(), "the chat opened");
    // Point at the message list (left, below the summary) so the wheel scrolls it.
    h.event(egui::Event::PointerMoved(egui::pos2(400.0, 600.0)));
    h.step();
    let mut down = true;
    g.bench_function("chat_100k_frame_while_scrolling", |b| {
        b.iter(|| {
            let dy = if down { -120.0 } else { 120.0 };
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, dy),
                modifiers: egui::Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            });
            h.step();
            down = !down;
        })
    });
    g.finish();
    let _ = std::fs::remove_file(path);
}

criterion_group!(benches, bench);
criterion_main!(benches);
