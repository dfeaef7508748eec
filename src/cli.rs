//! Command-line definitions: every command and flag, documented, in one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// wenku: search a folder of Chinese and English articles.
#[derive(Debug, Parser)]
#[command(name = "wenku", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Where the corpus and the index live.
#[derive(Debug, Args, Clone)]
pub struct Paths {
    /// Folder of articles (.txt and .md, searched recursively).
    #[arg(
        long,
        value_name = "DIR",
        default_value = "corpus",
        env = "WENKU_CORPUS"
    )]
    pub corpus: PathBuf,
    /// Folder where the index is kept.
    #[arg(long, value_name = "DIR", default_value = "index", env = "WENKU_INDEX")]
    pub index: PathBuf,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the index, or bring it up to date with the corpus.
    Index {
        /// Corpus and index folders.
        #[command(flatten)]
        paths: Paths,
        /// Start from scratch instead of updating (also repairs a damaged index).
        #[arg(long)]
        rebuild: bool,
        /// Keep running: update the index after every burst of changes in the corpus.
        #[arg(long)]
        watch: bool,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Copy article files (or folders of them) into the corpus and update the index.
    Add {
        /// Corpus and index folders.
        #[command(flatten)]
        paths: Paths,
        /// Replace a different file of the same name already in the corpus.
        #[arg(long)]
        force: bool,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// Files or folders to add (.txt, .md, .markdown; folders recursively).
        #[arg(value_name = "PATH", required = true, num_args = 1..)]
        files: Vec<PathBuf>,
    },
    /// Search the corpus; ranked passages with article, section and paragraph.
    ///
    /// Plain words in Chinese, English or both; "quoted phrase" for an exact phrase;
    /// -word to exclude. The index is built or updated first if needed.
    Search(SearchArgs),
    /// Attributed statements: who said what, with speaker, role, cue and location.
    ///
    /// Ranked by relevance to QUERY; without a query, all of them in article order.
    Quotes(ClaimArgs),
    /// Sentences stating figures (10万辆, 26.4%, 2.43亿美元), with their location.
    ///
    /// Ranked by relevance to QUERY; without a query, all of them in article order.
    Figures(ClaimArgs),
    /// The corpus and the index side by side: what is indexed, what is not yet.
    Status {
        /// Corpus and index folders.
        #[command(flatten)]
        paths: Paths,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Every passage with its metadata and pre-analysed tokens, for a distributed engine.
    ///
    /// Writes Elasticsearch/OpenSearch `_bulk` lines (an action line, then the document),
    /// which Quickwit's Elasticsearch-compatible `_bulk` endpoint also takes; with
    /// --docs-only, documents alone (Quickwit's NDJSON ingest). The index is built or
    /// updated first if needed.
    Export {
        /// Corpus and index folders.
        #[command(flatten)]
        paths: Paths,
        /// Newline-delimited JSON (the one format; required so that others can be added).
        #[arg(long, required = true)]
        ndjson: bool,
        /// Documents only, without `_bulk` action lines.
        #[arg(long)]
        docs_only: bool,
        /// Target index name in the action lines.
        #[arg(long, default_value = "wenku", value_name = "NAME")]
        index_name: String,
        /// Write to FILE instead of standard output (written whole, then renamed in).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Every quoted source with its number of statements, most first.
    Speakers {
        /// Corpus and index folders.
        #[command(flatten)]
        paths: Paths,
        /// Print JSON Lines instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Arguments of `wenku quotes` and `wenku figures`.
#[derive(Debug, Args)]
pub struct ClaimArgs {
    /// Corpus and index folders.
    #[command(flatten)]
    pub paths: Paths,
    /// Maximum number of results.
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// Print JSON Lines (one object per result) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print ready-to-paste citations (quotes only).
    #[arg(long)]
    pub cite: bool,
    /// Only statements by this source (name or part of it, e.g. 钟师).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only articles in this language.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Only this article (path relative to the corpus, or its file name).
    #[arg(long, value_name = "PATH")]
    pub article: Option<String>,
    /// Do not translate the query into the other language.
    #[arg(long)]
    pub no_translate: bool,
    /// Words the statements should be about (optional).
    #[arg(value_name = "QUERY", num_args = 0..)]
    pub query: Vec<String>,
}

/// Arguments of `wenku search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Corpus and index folders.
    #[command(flatten)]
    pub paths: Paths,
    /// Maximum number of passages.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// Print JSON Lines (one object per hit) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Only passages in this language.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Only this article (path relative to the corpus, or its file name).
    #[arg(long, value_name = "PATH")]
    pub article: Option<String>,
    /// Only sections whose heading contains TEXT.
    #[arg(long, value_name = "TEXT")]
    pub section: Option<String>,
    /// Only passages with a statement by this source (name or part of it).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Do not translate the query into the other language.
    #[arg(long)]
    pub no_translate: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The query words. Put exclusions after `--` (`-- 小米 -特斯拉`) or quote the whole query.
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
}

/// A language filter.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// Chinese.
    Zh,
    /// English.
    En,
}

impl LangArg {
    /// The index's code for the language.
    pub fn code(self) -> &'static str {
        match self {
            LangArg::Zh => "zh",
            LangArg::En => "en",
        }
    }
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}
