//! The `wenku` binary: parse arguments, call the library, print, map errors to exit
//! codes (0 hits, 1 no hits, 2 error — as ripgrep).

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use cli::{Cli, ColorChoice, Command, SearchArgs};
use wenku::index::{self, IndexDir, Summary, UpdateOptions};
use wenku::{output, search};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("wenku: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Index {
            paths,
            rebuild,
            quiet,
        } => {
            let dir = IndexDir::new(&paths.index);
            let summary = index::update(
                &paths.corpus,
                &dir,
                UpdateOptions {
                    rebuild,
                    progress: !quiet,
                },
            )?;
            report(&summary, true);
            Ok(ExitCode::SUCCESS)
        }
        Command::Search(args) => run_search(args),
    }
}

/// Prints warnings, the rebuild reason and the one-line summary to stderr.
fn report(s: &Summary, always: bool) {
    for w in &s.warnings {
        eprintln!("wenku: warning: {w}");
    }
    if let Some(why) = &s.rebuilt {
        eprintln!("wenku: rebuilt the index from scratch: {why}");
    }
    if always || s.changed() {
        eprintln!(
            "indexed: {} added, {} updated, {} removed, {} unchanged, {} skipped; {} passages in {:.2}s",
            s.added, s.updated, s.removed, s.unchanged, s.skipped, s.passages, s.seconds
        );
    }
}

fn run_search(args: SearchArgs) -> Result<ExitCode> {
    let dir = IndexDir::new(&args.paths.index);
    let fresh = index::open_fresh(
        &args.paths.corpus,
        &dir,
        UpdateOptions {
            rebuild: false,
            progress: true,
        },
    )?;
    if let Some(s) = &fresh.summary {
        report(s, false);
    }
    if let Some(note) = &fresh.note {
        eprintln!("wenku: note: {note}");
    }
    let query = args.query.join(" ");
    let opts = search::SearchOptions {
        limit: args.limit as usize,
        lang: args.lang.map(|l| l.code().to_string()),
        article: args.article,
        section: args.section,
    };
    let hits = search::search(&fresh.index, &query, &opts)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.json {
        output::print_json(&mut out, &hits).context("cannot write results")?;
    } else {
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        output::print_human(&mut out, &hits, color).context("cannot write results")?;
    }
    out.flush().context("cannot write results")?;
    if hits.is_empty() {
        if query.chars().any(char::is_alphanumeric) {
            eprintln!("wenku: no passages match {query:?}");
        } else {
            eprintln!(
                "wenku: the query {query:?} has nothing to search for (only spaces or punctuation)"
            );
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
