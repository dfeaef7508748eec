//! The `wenku` binary: parse arguments, call the library, print, map errors to exit
//! codes (0 hits, 1 no hits, 2 error — as ripgrep).

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use cli::{ClaimArgs, Cli, ColorChoice, Command, Paths, SearchArgs};
use wenku::index::{self, IndexDir, Summary, UpdateOptions};
use wenku::{output, search};

/// Indexing makes and drops many small strings on every core; mimalloc's per-thread
/// free lists cut the time the system allocator spent on them (see docs/benchmarks.md,
/// "Speed: build, search, update").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// Was the error the reader of standard output going away (`wenku export | head`)? Then
/// wenku stops quietly, as other command-line tools do.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let broken = |e: &io::Error| e.kind() == io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>().is_some_and(broken)
            || matches!(c.downcast_ref::<wenku::Error>(),
                Some(wenku::Error::Io { cause, .. }) if broken(cause))
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Index {
            paths,
            rebuild,
            watch,
            quiet,
        } => {
            let dir = IndexDir::new(&paths.index);
            let opts = UpdateOptions {
                rebuild,
                progress: !quiet,
            };
            if watch {
                if !paths.corpus.is_dir() {
                    return Err(corpus_missing(&paths.corpus));
                }
                eprintln!(
                    "wenku: watching {} (Ctrl-C to stop; the index is always left committed)",
                    paths.corpus.display()
                );
                let mut first = true;
                index::watch(&paths.corpus, &dir, opts, |s| {
                    report(s, first);
                    first = false;
                    true
                })?;
                return Ok(ExitCode::SUCCESS);
            }
            let summary = index::update(&paths.corpus, &dir, opts)?;
            report(&summary, true);
            Ok(ExitCode::SUCCESS)
        }
        Command::Search(args) => run_search(args),
        Command::Add {
            paths,
            force,
            quiet,
            files,
        } => run_add(&paths, &files, force, quiet),
        Command::Quotes(args) => run_claims(args, false),
        Command::Figures(args) => run_claims(args, true),
        Command::Speakers { paths, json } => run_speakers(&paths, json),
        Command::Status { paths, json } => run_status(&paths, json),
        Command::Export {
            paths,
            ndjson: _,
            docs_only,
            index_name,
            output,
        } => run_export(&paths, docs_only, index_name, output.as_deref()),
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

/// Opens the index, building or updating it first if needed, and reports what it did.
fn open_index(paths: &Paths) -> Result<index::OpenIndex> {
    let dir = IndexDir::new(&paths.index);
    let fresh = index::open_fresh(
        &paths.corpus,
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
    Ok(fresh.index)
}

/// Why nothing can match when the index holds no passage at all (an empty corpus
/// folder, or one without article files), naming the folder: "no passages match"
/// would send the user looking for a better query.
fn empty_index(index: &index::OpenIndex, paths: &Paths) -> Option<String> {
    (index.num_passages() == 0).then(|| {
        format!(
            "wenku: the index holds no passages: {} has no article with text in it (.md, .markdown or .txt files); add some and search again",
            paths.corpus.display()
        )
    })
}

fn color_for(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn run_claims(args: ClaimArgs, figures: bool) -> Result<ExitCode> {
    let index = open_index(&args.paths)?;
    let query = args.query.join(" ");
    let opts = search::SearchOptions {
        limit: args.limit as usize,
        lang: args.lang.map(|l| l.code().to_string()),
        article: args.article,
        section: None,
        speaker: args.speaker,
        translate: !args.no_translate,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let color = color_for(ColorChoice::Auto);
    let found = if figures {
        let hits = search::claims::figures(&index, &query, &opts)?;
        if args.json {
            output::print_figures_json(&mut out, &hits)
        } else {
            output::print_figures_human(&mut out, &hits, color)
        }
        .context("cannot write results")?;
        hits.len()
    } else {
        let hits = search::claims::quotes(&index, &query, &opts)?;
        if args.json {
            output::print_quotes_json(&mut out, &hits)
        } else {
            output::print_quotes_human(&mut out, &hits, args.cite, color)
        }
        .context("cannot write results")?;
        hits.len()
    };
    out.flush().context("cannot write results")?;
    if found == 0 {
        if let Some(why) = empty_index(&index, &args.paths) {
            eprintln!("{why}");
            return Ok(ExitCode::from(1));
        }
        let what = if figures {
            "figures"
        } else {
            "attributed statements"
        };
        if query.trim().is_empty() {
            eprintln!("wenku: no {what} found");
        } else {
            eprintln!("wenku: no {what} match {query:?}");
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn run_speakers(paths: &Paths, json: bool) -> Result<ExitCode> {
    let index = open_index(paths)?;
    let opts = search::SearchOptions::default();
    let speakers = search::claims::speakers(&index, &opts)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    output::print_speakers(&mut out, &speakers, json).context("cannot write results")?;
    out.flush().context("cannot write results")?;
    if speakers.is_empty() {
        eprintln!("wenku: no attributed statements in the index");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The library's error for a corpus folder that is not there.
fn corpus_missing(path: &std::path::Path) -> anyhow::Error {
    wenku::Error::CorpusMissing {
        path: path.to_path_buf(),
    }
    .into()
}

fn run_add(
    paths: &Paths,
    files: &[std::path::PathBuf],
    force: bool,
    quiet: bool,
) -> Result<ExitCode> {
    if !paths.corpus.is_dir() {
        return Err(corpus_missing(&paths.corpus));
    }
    let added = wenku::add::add(&paths.corpus, files, force)
        .with_context(|| format!("cannot add to {}", paths.corpus.display()))?;
    for rel in &added.added {
        eprintln!("added: {rel}");
    }
    for rel in &added.replaced {
        eprintln!("replaced: {rel}");
    }
    for (path, why) in &added.skipped {
        match why {
            wenku::add::Skip::AlreadyThere(rel) => {
                eprintln!("skipped {}: already in the corpus as {rel}", path.display())
            }
            wenku::add::Skip::Problem(msg) => eprintln!("skipped {}: {msg}", path.display()),
        }
    }
    let dir = IndexDir::new(&paths.index);
    let summary = index::update(
        &paths.corpus,
        &dir,
        UpdateOptions {
            rebuild: false,
            progress: !quiet,
        },
    )?;
    report(&summary, true);
    Ok(if added.has_problems() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_export(
    paths: &Paths,
    docs_only: bool,
    index_name: String,
    output: Option<&std::path::Path>,
) -> Result<ExitCode> {
    let index = open_index(paths)?;
    let opts = wenku::export::ExportOptions {
        index_name,
        docs_only,
    };
    let n = match output {
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let dest = std::path::Path::new("standard output");
            let n = wenku::export::export(&index, &mut out, dest, &opts)?;
            out.flush()
                .map_err(|e| wenku::Error::io("cannot write", dest, e))?;
            n
        }
        Some(path) => wenku::export::export_to_file(&index, path, &opts)?,
    };
    eprintln!("exported {n} passages");
    Ok(ExitCode::SUCCESS)
}

fn run_status(paths: &Paths, json: bool) -> Result<ExitCode> {
    let s = index::status(&paths.corpus, &IndexDir::new(&paths.index))?;
    for w in &s.warnings {
        eprintln!("wenku: warning: {w}");
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    output::print_status(&mut out, &s, &paths.corpus, &paths.index, json)
        .context("cannot write the status")?;
    out.flush().context("cannot write the status")?;
    Ok(ExitCode::SUCCESS)
}

fn run_search(args: SearchArgs) -> Result<ExitCode> {
    let index = open_index(&args.paths)?;
    let query = args.query.join(" ");
    let opts = search::SearchOptions {
        limit: args.limit as usize,
        lang: args.lang.map(|l| l.code().to_string()),
        article: args.article,
        section: args.section,
        speaker: args.speaker,
        translate: !args.no_translate,
    };
    let hits = search::search(&index, &query, &opts)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.json {
        output::print_json(&mut out, &hits).context("cannot write results")?;
    } else {
        if let Some(line) = hits
            .first()
            .and_then(|h| output::translation_line(&h.translated))
        {
            writeln!(out, "{line}\n").context("cannot write results")?;
        }
        output::print_human(&mut out, &hits, color_for(args.color))
            .context("cannot write results")?;
    }
    out.flush().context("cannot write results")?;
    if hits.is_empty() {
        if let Some(why) = empty_index(&index, &args.paths) {
            eprintln!("{why}");
        } else if query.chars().any(char::is_alphanumeric) {
            let parts = wenku::search::query::parse(&query);
            let only_excludes = parts.iter().all(|p| match p {
                wenku::search::query::Part::Exclude(_) => true,
                wenku::search::query::Part::Plain(t) => !t.chars().any(char::is_alphanumeric),
                wenku::search::query::Part::Phrase(_) => false,
            });
            if only_excludes {
                eprintln!(
                    "wenku: the query {query:?} only says what to leave out (a word after `-`); add a word or a \"quoted phrase\" to search for"
                );
                return Ok(ExitCode::from(1));
            }
            eprintln!("wenku: no passages match {query:?}");
            let quoted = parts
                .iter()
                .any(|p| matches!(p, wenku::search::query::Part::Phrase(_)));
            if quoted && !args.no_translate {
                eprintln!(
                    "wenku: a quoted phrase must occur exactly as written and is not translated; drop the quotes to search its words (and their translations) anywhere in a passage"
                );
            }
        } else {
            eprintln!(
                "wenku: the query {query:?} has nothing to search for (only spaces or punctuation)"
            );
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
