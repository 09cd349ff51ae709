//! Saq: finds fraud red flags in messages (Kazakh, Russian, English), offline.
//!
//! The pipeline runs one way: bytes → [`input`] → [`conversation::Conversation`] →
//! [`normalize`] → [`rules`] → [`engine`] → [`report::Report`]. Views (the CLI, later the
//! window) read a `Report` and ask [`i18n`] for words. Nothing here opens a network
//! connection, opens a link, or writes to an input file.

pub mod cli;
pub mod conversation;
pub mod engine;
pub mod error;
pub mod examples;
#[cfg(feature = "gui")]
pub mod gui;
pub mod i18n;
pub mod input;
pub mod links;
pub mod normalize;
pub mod report;
pub mod rules;
pub mod share;

pub use conversation::{Conversation, Message};
pub use engine::{check_conversation, check_text};
pub use error::{Error, Result};
pub use report::{Category, Flag, MessageReport, Report, Step, Verdict};
pub use rules::RuleSet;
