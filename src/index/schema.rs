//! The tantivy schema: stored passage metadata, raw filter fields, and the analysed
//! word fields that queries run against, and the field the gram index reads.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};

use super::words::WordField;

/// Bump when the schema or the analysis changes in a way that makes old indexes
/// incompatible; an index with another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 41;

/// Handles to the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Article path relative to the corpus (raw; used for deletes and `--article`).
    pub article: Field,
    /// Article title (stored).
    pub title: Field,
    /// Section heading, empty when none (stored).
    pub section: Field,
    /// The passage's [`Passage::section_number`] in a column (used for `--section`;
    /// named [`SECTION_NUMBER`]).
    ///
    /// [`Passage::section_number`]: crate::article::Passage::section_number
    pub section_number: Field,
    /// 1-based paragraph number.
    pub paragraph: Field,
    /// `zh` or `en` (raw; used for `--lang`).
    pub lang: Field,
    /// The passage text as written (stored only).
    pub text: Field,
    /// Word terms of the text, for the word index ([`super::words`]).
    pub words: Field,
    /// CJK runs of the text, for the gram index ([`super::grams`]).
    pub grams: Field,
    /// Word terms of the title, for its word index ([`super::words`]).
    pub title_words: Field,
    /// Word terms of the section heading, for its word index ([`super::words`]).
    pub section_words: Field,
    /// Speakers of the passage's attributed statements (folded; filter only).
    pub speaker: Field,
    /// Claim kinds the passage holds: `quote`, `figure` (filter only).
    pub kind: Field,
    /// The passage's claims as JSON (stored only).
    pub claims: Field,
}

/// Name of the column (a fast field) of each passage's section number within its
/// article, which `--section` filters on together with the `article` field. Every poem
/// title of the scale corpus is a heading: indexed as text they were a 7 MB term
/// dictionary, as numbers 5.5 MB, as a column of their hashes 2.5 MB, as section
/// numbers 0.27 MB (an article there has at most 100 sections: 7 bits a passage).
pub const SECTION_NUMBER: &str = "section_number";

/// A field matched whole, as a filter: no length norms (nothing scores by it).
fn raw() -> TextOptions {
    STRING.set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

/// Builds the schema and returns it with its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        article: b.add_text_field("article", raw().set_stored()),
        title: b.add_text_field("title", STORED),
        section: b.add_text_field("section", STORED),
        section_number: b.add_u64_field(SECTION_NUMBER, NumericOptions::default().set_fast()),
        paragraph: b.add_u64_field("paragraph", STORED),
        lang: b.add_text_field("lang", raw().set_stored()),
        text: b.add_text_field("text", STORED),
        words: super::words::add_field(&mut b, WordField::Text),
        grams: super::grams::add_field(&mut b),
        title_words: super::words::add_field(&mut b, WordField::Title),
        section_words: super::words::add_field(&mut b, WordField::Section),
        speaker: b.add_text_field("speaker", raw()),
        kind: b.add_text_field("kind", raw()),
        claims: b.add_text_field("claims", STORED),
    };
    (b.build(), fields)
}

/// Looks up the field handles in a schema read from disk; `None` if any is missing.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        article: f("article")?,
        title: f("title")?,
        section: f("section")?,
        section_number: f(SECTION_NUMBER)?,
        paragraph: f("paragraph")?,
        lang: f("lang")?,
        text: f("text")?,
        words: f("words")?,
        grams: f("grams")?,
        title_words: f("title_words")?,
        section_words: f("section_words")?,
        speaker: f("speaker")?,
        kind: f("kind")?,
        claims: f("claims")?,
    })
}
