//! `saq`: parse arguments, run, turn the outcome into an exit code. No logic of its own.

use std::process::ExitCode;

fn main() -> ExitCode {
    saq::cli::main()
}
