//! The command line: `saq check`, `saq rules`, `saq rules stats`.
//!
//! Owns argument parsing and exit codes (0 no signs, 1 red flags, 2 an error — as a virus
//! scanner's). Output formats live in `text` and `json`; words come from Fluent.

mod json;
mod rules_cmd;
mod text;

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_alone_opens_the_window_and_subcommands_still_parse() {
        use clap::Parser;
        let parse = |args: &[&str]| super::Cli::try_parse_from(args).expect("parses");
        let cli = parse(&["saq", "chat.txt"]);
        assert!(cli.command.is_none());
        assert_eq!(cli.open.as_deref(), Some(std::path::Path::new("chat.txt")));
        let cli = parse(&["saq", "check", "chat.txt"]);
        assert!(matches!(cli.command, Some(super::Command::Check(_))));
        assert!(cli.open.is_none());
        let cli = parse(&["saq"]);
        assert!(cli.command.is_none() && cli.open.is_none());
        assert!(super::Cli::try_parse_from(["saq", "a.txt", "b.txt"]).is_err());
        // The localized command line parses the same.
        let tr = crate::i18n::Localizer::new(crate::i18n::Lang::Kk);
        let localized = |args: &[&str]| {
            use clap::FromArgMatches;
            let m = super::localized_command(&tr)
                .try_get_matches_from(args)
                .expect("parses");
            super::Cli::from_arg_matches(&m).expect("fits the arguments")
        };
        let cli = localized(&["saq", "chat.txt"]);
        assert_eq!(cli.open.as_deref(), Some(std::path::Path::new("chat.txt")));
        let cli = localized(&["saq", "check", "--format", "json", "-o", "r.json", "a.txt"]);
        let Some(super::Command::Check(args)) = cli.command else {
            panic!("check parses");
        };
        assert_eq!(args.format, super::Format::Json);
        assert_eq!(args.paths, [std::path::PathBuf::from("a.txt")]);
        assert_eq!(args.output.as_deref(), Some(std::path::Path::new("r.json")));
    }

    /// The help of the command and of every subcommand, as clap renders it.
    fn all_help(cmd: &mut clap::Command) -> Vec<String> {
        let mut out = vec![cmd.render_long_help().to_string()];
        for sub in cmd.get_subcommands_mut() {
            out.extend(all_help(sub));
        }
        out
    }

    #[test]
    fn help_has_no_english_framing_words_in_kazakh_and_russian() {
        use crate::i18n::{Lang, Localizer};
        for lang in Lang::ALL {
            let tr = Localizer::new(lang);
            let helps = all_help(&mut super::localized_command(&tr));
            assert!(
                helps.len() >= 5,
                "saq, check, rules, stats and help: {}",
                helps.len()
            );
            for help in &helps {
                assert!(help.contains(&tr.tr("cli-usage-heading")), "{help}");
                // `help` and the command names under it have no options.
                if help.contains("--help") {
                    assert!(help.contains(&tr.tr("cli-heading-options")), "{help}");
                }
                if lang == Lang::En {
                    continue;
                }
                for english in [
                    "Usage",
                    "Options",
                    "Arguments",
                    "Commands",
                    "Print",
                    "Possible values",
                    "default:",
                    "OPTIONS",
                    "COMMAND",
                    "PATH",
                    "FILE",
                    "FORMAT",
                    "LANG",
                    "DIR",
                    "CORPUS",
                    "subcommand",
                ] {
                    assert!(!help.contains(english), "{lang:?}: {english:?} in {help}");
                }
            }
        }
    }

    #[test]
    fn usage_errors_are_one_localized_line() {
        use crate::i18n::{Lang, Localizer};
        let tr = Localizer::new(Lang::Ru);
        let line = |args: &[&str]| match super::localized_command(&tr).try_get_matches_from(args) {
            Ok(_) => panic!("{args:?} parses"),
            Err(e) => super::usage_error_line(&e, &tr),
        };
        assert_eq!(
            line(&["saq", "check", "--bogus"]),
            "Неизвестный параметр или аргумент: --bogus"
        );
        assert_eq!(
            line(&["saq", "check", "--format", "xml"]),
            "Недопустимое значение xml для --format <ФОРМАТ>"
        );
        assert_eq!(
            line(&["saq", "check", "--format"]),
            "Для --format <ФОРМАТ> нужно значение"
        );
        assert_eq!(
            line(&["saq", "rules", "stats"]),
            "Не указан обязательный аргумент: <КОРПУС>"
        );
        assert_eq!(
            line(&["saq", "check", "--format", "json", "--format", "text"]),
            "--format <ФОРМАТ> указан несколько раз; укажите его один раз"
        );
        assert_eq!(
            line(&["saq", "check", "--show-weak=yes"]),
            "Параметр --show-weak не принимает значения"
        );
    }

    #[test]
    fn no_usage_error_shows_clap_english() {
        use crate::i18n::{Lang, Localizer};
        use std::ffi::OsString;
        let tr = Localizer::new(Lang::Kk);
        let mut bad: Vec<Vec<OsString>> = [
            &["saq", "check", "--bogus"][..],
            &["saq", "check", "--format", "json", "--format", "text"],
            &["saq", "check", "--show-weak=yes"],
            &["saq", "check", "--overwrite", "a.txt"],
            &["saq", "check", "--lang", "xx"],
            &["saq", "check", "--rules"],
            &["saq", "rules", "stats"],
            &["saq", "rules", "stats", "a", "b"],
            &["saq", "a", "b"],
            &["saq", "--lang", "kk"],
        ]
        .iter()
        .map(|a| a.iter().map(OsString::from).collect())
        .collect();
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            bad.push(vec![
                "saq".into(),
                "check".into(),
                "--lang".into(),
                OsString::from_vec(vec![0xff]),
            ]);
        }
        for args in bad {
            let e = match super::localized_command(&tr).try_get_matches_from(&args) {
                Ok(_) => panic!("{args:?} parses"),
                Err(e) => e,
            };
            let line = super::usage_error_line(&e, &tr);
            // clap's English ("argument", "value", "used", "found", ...) would show as ASCII
            // words other than the options themselves.
            let words: Vec<&str> = line
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.len() > 2 && w.chars().all(|c| c.is_ascii_alphabetic()))
                .collect();
            let options = [
                "bogus",
                "format",
                "json",
                "text",
                "show",
                "weak",
                "yes",
                "overwrite",
                "output",
                "lang",
                "rules",
                "stats",
                "UTF",
                "help",
            ];
            assert!(
                words.iter().all(|w| options.contains(w)),
                "{args:?}: English in {line:?}"
            );
        }
    }

    #[test]
    fn parser_messages_become_one_line() {
        let regex = "pattern \"срочно(\": regex parse error:\n    срочно(\n          ^\nerror: unclosed group";
        assert_eq!(
            super::one_line(regex),
            "pattern \"срочно(\": regex parse error: unclosed group"
        );
        let toml = "TOML parse error at line 7, column 1\n  |\n7 | explanation=\"x\"\n  | ^^^^^\nunknown field `explanation`";
        assert_eq!(
            super::one_line(toml),
            "TOML parse error at line 7, column 1: unknown field `explanation`"
        );
        assert_eq!(super::one_line("bad weight"), "bad weight");
    }
}

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::conversation::ConversationStream;
use crate::error::{Error, FormatProblem, PictureProblem};
use crate::i18n::{Arg, Lang, Localizer};
use crate::input::{self, Source};
use crate::report::Verdict;
use crate::rules::RuleSet;

#[derive(Debug, Parser)]
#[command(name = "saq", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A chat file or a picture to open in the window (a desktop's "Open with").
    #[arg(value_name = "FILE")]
    open: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check messages or chat files.
    Check(CheckArgs),
    /// List the rules, or show how they score on a labelled corpus.
    Rules(RulesArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    /// One self-contained HTML report page for all inputs.
    Html,
    /// A short plain-text summary to paste into a messenger (numbers masked).
    Summary,
    /// A printable HTML evidence sheet for the police or the bank.
    Evidence,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Language of explanations: kk, ru or en (default: the system's).
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// A folder of extra rule files (*.toml), added to the built-in rules.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Also list the weak flags of messages with no known signs (for rule authors).
    #[arg(long)]
    show_weak: bool,
    /// Write to this file instead of standard output (atomically; never replaces a file
    /// unless `--overwrite`).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Let `--output` replace an existing file.
    #[arg(long, requires = "output")]
    overwrite: bool,
    /// Files to check; none or `-` reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct RulesArgs {
    #[command(subcommand)]
    command: Option<RulesCommand>,
    /// Language of names and headers: kk, ru or en (default: the system's).
    #[arg(long, value_parser = parse_lang, global = true)]
    lang: Option<Lang>,
    /// A folder of extra rule files (*.toml).
    #[arg(long = "rules", value_name = "DIR", global = true)]
    rules: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// For each rule, how often it fires on scam and on legitimate lines of a corpus.
    Stats {
        /// A JSON Lines corpus: {"label": "scam"|"legit", "text": ...} per line.
        corpus: PathBuf,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("{s}: kk, ru, en"))
}

/// Run the command line and return the process exit code.
pub fn main() -> ExitCode {
    let tr = Localizer::new(early_lang());
    let cli = match parse_localized(&tr) {
        Ok(c) => c,
        Err(e) => return usage_error(&e, &tr),
    };
    match cli.command {
        Some(Command::Check(args)) => check(args),
        Some(Command::Rules(args)) => rules_cmd::run(
            args.command.map(|RulesCommand::Stats { corpus }| corpus),
            &Localizer::new(args.lang.unwrap_or_else(Lang::from_system)),
            &args.rules,
        ),
        #[cfg(feature = "gui")]
        None => crate::gui::run(cli.open),
        #[cfg(not(feature = "gui"))]
        None => {
            // Built without the window (`--no-default-features`): show the usage (a FILE
            // has nowhere to open).
            let _ = cli.open;
            let _ = localized_command(&tr).print_help();
            ExitCode::from(2)
        }
    }
}

/// The language for help texts, before the arguments are parsed: a `--lang X` / `--lang=X`
/// on the command line, else the system's.
fn early_lang() -> Lang {
    let args = text_args();
    args.iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang=") {
            Some(v) => Lang::parse(v),
            None if a == "--lang" => args.get(i + 1).and_then(|v| Lang::parse(v)),
            None => None,
        })
        .unwrap_or_else(Lang::from_system)
}

/// The command line's arguments as text. `std::env::args` would panic on an argument that
/// is not UTF-8 (a file name in an old 8-bit encoding): such an argument is kept with
/// replacement characters here, for the language and the help hint only; clap reads the
/// real arguments (file names as the system gives them).
fn text_args() -> Vec<String> {
    std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// Parse the command line with every text a user reads from Fluent (see
/// [`localized_command`]).
fn parse_localized(tr: &Localizer) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let matches = localized_command(tr).try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

/// The command line as clap shows it, in the user's language: the help texts, the headings,
/// the value names, the usage lines and the help and version flags.
fn localized_command(tr: &Localizer) -> clap::Command {
    use clap::CommandFactory;
    let t = |id: &str| tr.tr(id);
    let cmd = Cli::command()
        .about(t("cli-about"))
        .mut_arg("open", |a| {
            a.help(t("cli-help-open")).value_name(t("cli-value-file"))
        })
        .mut_subcommand("check", |c| {
            c.about(t("cli-help-check"))
                .mut_arg("format", |a| {
                    // The formats are described in the help text itself: clap would list
                    // them under English words ("Possible values", "default").
                    a.help(t("cli-help-format-values"))
                        .value_name(t("cli-value-format"))
                        .hide_possible_values(true)
                        .hide_default_value(true)
                })
                .mut_arg("lang", |a| {
                    a.help(t("cli-help-lang")).value_name(t("cli-value-lang"))
                })
                .mut_arg("rules", |a| {
                    a.help(t("cli-help-rules")).value_name(t("cli-value-dir"))
                })
                .mut_arg("show_weak", |a| a.help(t("cli-help-show-weak")))
                .mut_arg("output", |a| {
                    a.help(t("cli-help-output")).value_name(t("cli-value-file"))
                })
                .mut_arg("overwrite", |a| a.help(t("cli-help-overwrite")))
                .mut_arg("paths", |a| {
                    a.help(t("cli-help-paths")).value_name(t("cli-value-path"))
                })
        })
        .mut_subcommand("rules", |c| {
            c.about(t("cli-help-rules-cmd"))
                .mut_arg("lang", |a| {
                    a.help(t("cli-help-lang")).value_name(t("cli-value-lang"))
                })
                .mut_arg("rules", |a| {
                    a.help(t("cli-help-rules")).value_name(t("cli-value-dir"))
                })
                .mut_subcommand("stats", |s| {
                    s.about(t("cli-help-stats")).mut_arg("corpus", |a| {
                        a.help(t("cli-help-corpus"))
                            .value_name(t("cli-value-corpus"))
                    })
                })
        });
    let mut cmd = framed(cmd, tr, &[]);
    // clap adds its `help` subcommand when the command is built; its text is set after.
    cmd.build();
    localize_help_subcommand(&mut cmd, tr, "saq");
    cmd
}

/// clap's frame of `cmd` and its subcommands in the user's language: "Usage:" and the
/// headings, the usage line, the help flag (and the version flag at the top).
fn framed(cmd: clap::Command, tr: &Localizer, parents: &[&str]) -> clap::Command {
    use clap::{Arg, ArgAction};
    let t = |id: &str| tr.tr(id);
    let heading = t("cli-usage-heading");
    let name = cmd.get_name().to_string();
    let path: Vec<&str> = parents.iter().copied().chain([name.as_str()]).collect();
    let prefix = path.join(" ");
    let (options, command) = (t("cli-usage-options"), t("cli-value-command"));
    let usage = match path.as_slice() {
        [_] => format!(
            "{prefix} [{}]\n{}{prefix} <{command}>",
            t("cli-value-file"),
            " ".repeat(heading.chars().count() + 1)
        ),
        [_, "check"] => format!("{prefix} [{options}] [{}]...", t("cli-value-path")),
        [_, "rules"] => format!("{prefix} [{options}] [{command}]"),
        [_, "rules", "stats"] => format!("{prefix} [{options}] <{}>", t("cli-value-corpus")),
        _ => prefix.clone(),
    };
    let mut cmd = cmd
        .override_usage(usage)
        .subcommand_value_name(command)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t("cli-help-help")),
        );
    if parents.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t("cli-help-version")),
        );
    }
    // clap's sections with headings of our own, only where the command has something.
    let mut template = format!("{{about-with-newline}}\n{heading} {{usage}}\n\n");
    if cmd.has_subcommands() {
        template += &format!("{}:\n{{subcommands}}\n\n", t("cli-heading-commands"));
    }
    if cmd.get_positionals().next().is_some() {
        template += &format!("{}:\n{{positionals}}\n\n", t("cli-heading-arguments"));
    }
    template += &format!("{}:\n{{options}}{{after-help}}", t("cli-heading-options"));
    let cmd = cmd.help_template(template);
    cmd.mut_subcommands(|c| framed(c, tr, &path))
}

/// clap's own `help` subcommand, wherever it was added, in the user's language: its text, and
/// the frame of its own help and of the command names under it. `path` names `cmd` ("saq",
/// "saq rules").
fn localize_help_subcommand(cmd: &mut clap::Command, tr: &Localizer, path: &str) {
    for sub in cmd.get_subcommands_mut() {
        if sub.get_name() == "help" {
            *sub = framed_help(std::mem::take(sub), tr, path);
        } else {
            let sub_path = format!("{path} {}", sub.get_name());
            localize_help_subcommand(sub, tr, &sub_path);
        }
    }
}

/// The frame of `help` (and of the names under it) under the command `parent`.
fn framed_help(cmd: clap::Command, tr: &Localizer, parent: &str) -> clap::Command {
    let name = format!("{parent} {}", cmd.get_name());
    let command = tr.tr("cli-value-command");
    let mut template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n",
        tr.tr("cli-usage-heading")
    );
    let usage = if cmd.has_subcommands() {
        template += &format!("\n{}:\n{{subcommands}}\n", tr.tr("cli-heading-commands"));
        format!("{name} [{command}]")
    } else {
        name.clone()
    };
    let cmd = if cmd.get_name() == "help" {
        cmd.about(tr.tr("cli-help-help-cmd"))
    } else {
        cmd
    };
    cmd.help_template(template)
        .override_usage(usage)
        .subcommand_value_name(command)
        .mut_subcommands(|c| framed_help(c, tr, &name))
}

/// Show a command-line error in the user's language (help and version go out as clap
/// made them: their texts are localized already). A usage error exits with 2.
fn usage_error(e: &clap::Error, tr: &Localizer) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return if e.use_stderr() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    eprintln!("saq: {}", usage_error_line(e, tr));
    eprintln!(
        "{}",
        tr.tr_args(
            "cli-error-see-help",
            &[("command", Arg::from(command_path()))]
        )
    );
    ExitCode::from(2)
}

/// The one line that says what was wrong with the command line, in the user's language.
fn usage_error_line(e: &clap::Error, tr: &Localizer) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    let arg = context(ContextKind::InvalidArg).or_else(|| context(ContextKind::InvalidSubcommand));
    let value = context(ContextKind::InvalidValue);
    match (e.kind(), arg, value) {
        (ErrorKind::UnknownArgument | ErrorKind::InvalidSubcommand, Some(arg), _) => {
            tr.tr_args("cli-error-unknown-arg", &[("arg", Arg::from(arg))])
        }
        (ErrorKind::InvalidValue | ErrorKind::ValueValidation, Some(arg), Some(v))
            if !v.is_empty() =>
        {
            tr.tr_args(
                "cli-error-invalid-value",
                &[("arg", Arg::from(arg)), ("value", Arg::from(v))],
            )
        }
        (ErrorKind::InvalidValue, Some(arg), _) => {
            tr.tr_args("cli-error-missing-value", &[("arg", Arg::from(arg))])
        }
        (ErrorKind::MissingRequiredArgument, Some(arg), _) => {
            tr.tr_args("cli-error-missing-arg", &[("arg", Arg::from(arg))])
        }
        (ErrorKind::ArgumentConflict, Some(arg), _) => match context(ContextKind::PriorArg) {
            // An option that takes one value, given twice (`--format json --format text`).
            Some(prior) if prior == arg => {
                tr.tr_args("cli-error-repeated", &[("arg", Arg::from(arg))])
            }
            Some(prior) => tr.tr_args(
                "cli-error-conflict",
                &[("arg", Arg::from(arg)), ("other", Arg::from(prior))],
            ),
            None => tr.tr_args("cli-error-usage-at", &[("arg", Arg::from(arg))]),
        },
        (ErrorKind::TooManyValues, Some(arg), _) => {
            // A switch given a value (`--show-weak=yes`), or one value too many.
            tr.tr_args("cli-error-no-value", &[("arg", Arg::from(arg))])
        }
        (ErrorKind::InvalidUtf8, _, _) => tr.tr("cli-error-not-utf8"),
        // Kinds this command line cannot meet today (a missing subcommand, a wrong number of
        // values, `--x=` forms it does not require): a localized line, naming the argument
        // when clap does. clap's own English words are never shown.
        (_, Some(arg), _) => tr.tr_args("cli-error-usage-at", &[("arg", Arg::from(arg))]),
        (_, None, _) => tr.tr("cli-error-usage"),
    }
}

/// The command the arguments name ("saq", "saq check", "saq rules stats"), for the hint
/// after a usage error.
fn command_path() -> String {
    let mut path = String::from("saq");
    let mut expected: &[&str] = &["check", "rules"];
    for a in text_args().into_iter().skip(1) {
        if !expected.contains(&a.as_str()) {
            break;
        }
        path.push(' ');
        path.push_str(&a);
        expected = if a == "rules" { &["stats"] } else { &[] };
    }
    path
}

/// Load rules or print the error in the user's language.
fn load_rules(dirs: &[PathBuf], tr: &Localizer) -> Option<RuleSet> {
    match RuleSet::load(dirs) {
        Ok(r) => Some(r),
        Err(e) => {
            eprintln!("saq: {}", error_line(&e, tr));
            None
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let tr = Localizer::new(args.lang.unwrap_or_else(Lang::from_system));
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    if let Some(output) = &args.output {
        if let Some(p) = paths.iter().find(|p| same_file(p, output)) {
            eprintln!(
                "saq: {}",
                tr.tr_args("cli-error-same-file", &[("path", Arg::from(shown_path(p)))])
            );
            return ExitCode::from(2);
        }
        // Refuse early, before the work, when the file is there and may not be replaced.
        if !args.overwrite && output.symlink_metadata().is_ok() {
            let e = Error::Exists {
                path: output.clone(),
            };
            eprintln!("saq: {}", error_line(&e, &tr));
            return ExitCode::from(2);
        }
    }
    // The rules compile while the first file is read: a big chat's reading takes longer
    // than the rules. A rule error still comes first, alone. Standard input is read after
    // (from a terminal it waits for the user, who should see a rule error at once).
    let (rules, first) = std::thread::scope(|scope| {
        let loading = scope.spawn(|| load_rules(&args.rules, &tr));
        let first = paths
            .first()
            .filter(|p| p.as_os_str() != "-")
            .map(|p| read_input(p));
        // Loading only panics on a bug; re-raise it rather than hide it.
        let rules = loading
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (rules, first)
    });
    let Some(rules) = rules else {
        return ExitCode::from(2);
    };
    let Some(output) = args.output.clone() else {
        let stdout = std::io::stdout();
        let mut out =
            std::io::BufWriter::with_capacity(crate::share::save::WRITE_BUFFER, stdout.lock());
        let color = args.format == Format::Text && text::use_color();
        let code = check_into(&mut out, &args, &paths, first, &rules, &tr, color);
        return match out.flush() {
            // stdout closed (e.g. piped into `head`): nothing more can be shown.
            Err(_) => ExitCode::from(2),
            Ok(()) => code,
        };
    };
    // Written as it is made, to a temporary file beside FILE that takes its name at the end.
    let saved = crate::share::save::write_new_with(&output, args.overwrite, |mut w| {
        check_into(&mut w, &args, &paths, first, &rules, &tr, false)
    });
    match saved {
        Ok(code) => code,
        Err(e) => {
            eprintln!("saq: {}", error_line(&e, &tr));
            ExitCode::from(2)
        }
    }
}

/// Read one input of `saq check` (`-`: standard input), its messages made as they are taken.
fn read_input(path: &std::path::Path) -> crate::error::Result<(ConversationStream, Source)> {
    if path.as_os_str() == "-" {
        input::read_stdin_streamed()
    } else {
        input::read_path_streamed(path)
    }
}

/// Do two paths name the same existing file?
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Check every path and write the chosen format to `out`; returns the exit code.
fn check_into(
    out: &mut impl Write,
    args: &CheckArgs,
    paths: &[PathBuf],
    mut first: Option<crate::error::Result<(ConversationStream, Source)>>,
    rules: &RuleSet,
    tr: &Localizer,
    color: bool,
) -> ExitCode {
    let opts = crate::engine::Options {
        keep_weak: args.show_weak,
    };
    let made = crate::share::now_utc();
    let mut format = match args.format {
        Format::Text => Output::Text { color },
        Format::Json => Output::Json,
        Format::Html => match crate::share::html::Document::new(out, tr, &made) {
            Ok(doc) => Output::Html(doc),
            Err(_) => return ExitCode::from(2),
        },
        Format::Summary => Output::Summary,
        Format::Evidence => Output::Evidence(Box::new(crate::share::evidence::Sheet::new(tr))),
    };
    let mut names: Vec<String> = Vec::new();
    let mut worst = Verdict::NoSigns;
    let mut failed = false;
    for path in paths {
        // Every format checks the messages as a stream, while they are made.
        let read = first.take().unwrap_or_else(|| read_input(path));
        let written = match read {
            Ok((conv, source)) => {
                names.push(shown_source(&source, tr));
                check_one(out, &mut format, &source, conv, rules, opts, tr)
                    .map(|v| worst = worst.max(v))
            }
            Err(e) => {
                failed = true;
                let _ = out.flush();
                eprintln!("saq: {}", error_line(&e, tr));
                match &mut format {
                    Output::Json => json::write_error(out, path, &error_line(&e, tr)),
                    Output::Html(doc) => {
                        let name = if path.as_os_str() == "-" {
                            tr.tr("cli-stdin")
                        } else {
                            shown_path(path)
                        };
                        doc.add_failed(out, &name, &error_line(&e, tr))
                    }
                    _ => Ok(()),
                }
            }
        };
        if written.is_err() {
            return ExitCode::from(2);
        }
    }
    let origin = crate::share::Origin {
        path: (!names.is_empty()).then(|| names.join(", ")),
        made,
    };
    let ended = match format {
        Output::Html(doc) => doc.finish(out),
        Output::Evidence(sheet) => sheet.finish(out, &origin),
        _ => Ok(()),
    };
    if ended.is_err() {
        return ExitCode::from(2);
    }
    if failed {
        ExitCode::from(2)
    } else if worst == Verdict::NoSigns {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// A chosen format and what it keeps from one input to the next.
enum Output<'t> {
    Text {
        color: bool,
    },
    Json,
    /// The page; its top is written already.
    Html(crate::share::html::Document<'t>),
    Summary,
    /// One sheet for all inputs, written at the end.
    Evidence(Box<crate::share::evidence::Sheet<'t>>),
}

/// Check one input as a stream, writing (or gathering) its part as its messages are
/// checked; returns its verdict.
fn check_one(
    out: &mut impl Write,
    format: &mut Output,
    source: &Source,
    conv: crate::conversation::ConversationStream,
    rules: &RuleSet,
    opts: crate::engine::Options,
    tr: &Localizer,
) -> std::io::Result<Verdict> {
    use crate::engine::check_streaming;
    match format {
        Output::Json => json::write(out, source, conv, rules, opts, tr),
        Output::Text { color } => text::write(out, source, conv, rules, opts, tr, *color),
        Output::Html(doc) => {
            let mut section = doc.section(crate::share::html::SectionHead {
                path: (source.path != "-").then_some(source.path.as_str()),
                notes: &source.notes,
                len: conv.len(),
                picture: source.picture.as_deref(),
            });
            let verdict = check_streaming(rules, conv, opts, |m| section.push(m))?;
            section.finish(out, verdict).map(|()| verdict)
        }
        Output::Summary => {
            let mut summary = crate::share::summary::Summary::default();
            let verdict = check_streaming(rules, conv, opts, |m| {
                summary.add(&m);
                Ok::<(), std::io::Error>(())
            })?;
            writeln!(out, "{}\n", summary.text(verdict, tr)).map(|()| verdict)
        }
        Output::Evidence(sheet) => check_streaming(rules, conv, opts, |m| sheet.add(&m)),
    }
}

/// An input's name for a page: its path, or "standard input".
fn shown_source(source: &Source, tr: &Localizer) -> String {
    if source.path == "-" {
        tr.tr("cli-stdin")
    } else {
        source.path.clone()
    }
}

/// One localized line for an error, naming the path it concerns.
pub fn error_line(e: &Error, tr: &Localizer) -> String {
    let p = |p: &std::path::Path| Arg::from(shown_path(p));
    match e {
        Error::Io { path, source } => tr.tr_args(
            "cli-error-read",
            &[
                ("path", p(path)),
                ("reason", Arg::from(io_reason(source, tr))),
            ],
        ),
        Error::NotText { path } => tr.tr_args("cli-error-not-text", &[("path", p(path))]),
        Error::TooLarge { path, .. } => tr.tr_args(
            "cli-error-too-large",
            &[
                ("path", p(path)),
                ("size", Arg::from((input::MAX_INPUT_BYTES >> 30) as usize)),
            ],
        ),
        Error::NotRegular { path } => tr.tr_args("cli-error-not-regular", &[("path", p(path))]),
        Error::Empty { path } => tr.tr_args("cli-error-empty", &[("path", p(path))]),
        Error::IsDir { path } => tr.tr_args("cli-error-is-dir", &[("path", p(path))]),
        Error::Write { path, source } => tr.tr_args(
            "cli-error-write",
            &[
                ("path", p(path)),
                ("reason", Arg::from(io_reason(source, tr))),
            ],
        ),
        Error::Exists { path } => tr.tr_args("cli-error-exists", &[("path", p(path))]),
        Error::Cancelled { path } => tr.tr_args("cli-error-cancelled", &[("path", p(path))]),
        Error::Format { path, kind, .. } => {
            let id = match kind {
                FormatProblem::NoMessages => "error-format-no-messages",
                FormatProblem::NoChatInZip => "error-format-no-chat-in-zip",
                FormatProblem::BadArchive => "error-format-bad-archive",
                FormatProblem::NotTelegramJson => "error-format-not-telegram-json",
            };
            tr.tr_args(id, &[("path", p(path))])
        }
        Error::Picture { path, problem } => picture_error(path, problem, tr),
        Error::Rule { path, rule, reason } => tr.tr_args(
            "cli-error-rules",
            &[
                ("path", p(path)),
                ("rule", Arg::from(rule)),
                ("reason", Arg::from(one_line(reason))),
            ],
        ),
        Error::RuleFile { path, reason } => tr.tr_args(
            "cli-error-rules-file",
            &[("path", p(path)), ("reason", Arg::from(one_line(reason)))],
        ),
    }
}

/// A picture's problem in the user's language; a missing Tesseract says what to install on
/// this system.
fn picture_error(path: &std::path::Path, problem: &PictureProblem, tr: &Localizer) -> String {
    let os = if cfg!(windows) {
        "windows"
    } else if cfg!(target_os = "macos") {
        "macos"
    } else {
        "linux"
    };
    let mut args = vec![("path", Arg::from(shown_path(path))), ("os", Arg::from(os))];
    let id = match problem {
        PictureProblem::NoTesseract => "error-picture-no-tesseract",
        PictureProblem::MissingLanguages(l) => {
            args.push(("langs", Arg::from(l.as_str())));
            "error-picture-no-languages"
        }
        PictureProblem::TooLarge { width, height } => {
            args.push(("width", Arg::from(*width as usize)));
            args.push(("height", Arg::from(*height as usize)));
            args.push((
                "limit",
                Arg::from((input::picture::MAX_PIXELS / 1_000_000) as usize),
            ));
            "error-picture-too-large"
        }
        PictureProblem::Damaged => "error-picture-damaged",
        PictureProblem::NoText => "error-picture-no-text",
        PictureProblem::TimedOut => "error-picture-timed-out",
        PictureProblem::OcrFailed(reason) => {
            args.push(("reason", Arg::from(reason.as_str())));
            "error-picture-ocr-failed"
        }
    };
    tr.tr_args(id, &args)
}

/// A parser's multi-line message (regex and TOML errors draw the offending line and a
/// caret under it) as one line: its first line and its last, which says what is wrong.
fn one_line(reason: &str) -> String {
    let lines: Vec<&str> = reason
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return String::new();
    };
    if lines.len() == 1 {
        return first.to_string();
    }
    let last = last.strip_prefix("error:").unwrap_or(last).trim();
    format!("{}: {last}", first.trim_end_matches(':'))
}

fn shown_path(p: &std::path::Path) -> String {
    if p.as_os_str() == "-" {
        "-".into()
    } else {
        p.display().to_string()
    }
}

/// The OS reason in the user's language for the common cases, the OS text otherwise.
fn io_reason(e: &std::io::Error, tr: &Localizer) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => tr.tr("cli-reason-not-found"),
        std::io::ErrorKind::PermissionDenied => tr.tr("cli-reason-permission"),
        _ => e.to_string(),
    }
}

/// The `source` object shared by the output formats.
pub(crate) fn source_path(source: &Source) -> &str {
    &source.path
}
