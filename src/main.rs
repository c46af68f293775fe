//! The `ketnoi` command: parses the command line and hands over to [`ketnoi::cli::run`].

use clap::Parser;

fn main() -> std::process::ExitCode {
    ketnoi::cli::run(ketnoi::cli::Cli::parse())
}
