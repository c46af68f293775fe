//! The `ketnoi` command: parses the command line and hands over to [`ketnoi::cli::run`].

use clap::Parser;

/// mimalloc: allocation-heavy work on every core (the recommender's model: millions of short
/// strings) scales with the cores instead of queueing on the system allocator, and peaks lower.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ketnoi::cli::run(ketnoi::cli::Cli::parse())
}
