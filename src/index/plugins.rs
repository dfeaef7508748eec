//! The passage's plugins as one tantivy segment plugin: its three word files
//! ([`words`]) and its gram file ([`grams`]) written, and merged, side by side.
//!
//! tantivy serialises a segment's plugins one after another. Apart, the word files
//! were written first (each sorted and encoded on both cores, then written to disk on
//! one) and the gram file after them: the last 0.7 s of a scale build, one core often
//! idle. Together, each one's single-threaded stretches overlap the other's work (the
//! passage text's word file first, alone, so that the translation table can be made
//! from it while the rest is written).

use std::any::Any;

use tantivy::indexer::doc_id_mapping::DocIdMapping;
use tantivy::schema::Schema;
use tantivy::schema::document::ErasedDocument;
use tantivy::{
    DocId, Index, PluginMergeContext, PluginWriter, PluginWriterContext, Segment, SegmentPlugin,
};

use super::grams::{self, GramPlugin};
use super::postings;
use super::words::{self, WordField, WordPlugin};

/// The word plugins of every [`WordField`] and the gram plugin, as one.
#[derive(Debug)]
pub struct PassagePlugins {
    words: Vec<WordPlugin>,
    grams: GramPlugin,
    extensions: Vec<&'static str>,
}

impl PassagePlugins {
    /// The plugins of an existing index.
    pub fn new() -> PassagePlugins {
        PassagePlugins::of(WordField::ALL.map(WordPlugin::new).into())
    }

    /// The plugins of a new index of about `expected` word occurrences in its passage
    /// text, telling `written` of each new segment's word file (see
    /// [`WordPlugin::for_new_index`]).
    pub fn for_new_index(expected: usize, written: words::Written) -> PassagePlugins {
        PassagePlugins::of(
            WordField::ALL
                .map(|field| match field {
                    WordField::Text => WordPlugin::for_new_index(field, expected, written.clone()),
                    _ => WordPlugin::new(field),
                })
                .into(),
        )
    }

    fn of(words: Vec<WordPlugin>) -> PassagePlugins {
        let mut extensions: Vec<&'static str> =
            WordField::ALL.iter().map(|f| f.extension()).collect();
        extensions.push(grams::EXTENSION);
        PassagePlugins {
            words,
            grams: GramPlugin,
            extensions,
        }
    }
}

impl Default for PassagePlugins {
    fn default() -> Self {
        PassagePlugins::new()
    }
}

/// Registers the passage plugins with an existing `index` (before any write, merge or
/// search).
pub fn register(index: &mut Index) {
    postings::register_plugin(
        index,
        WordField::Text.extension(),
        std::sync::Arc::new(PassagePlugins::new()),
    );
}

impl SegmentPlugin for PassagePlugins {
    fn extensions(&self) -> &[&str] {
        &self.extensions
    }

    fn create_writer(&self, ctx: &PluginWriterContext) -> tantivy::Result<Box<dyn PluginWriter>> {
        let words = self
            .words
            .iter()
            .map(|p| p.create_writer(ctx))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(PassageWriter {
            words,
            grams: self.grams.create_writer(ctx)?,
        }))
    }

    fn merge(&self, ctx: PluginMergeContext) -> tantivy::Result<()> {
        let again = || PluginMergeContext {
            readers: ctx.readers,
            doc_id_mapping: ctx.doc_id_mapping,
            target_segment: ctx.target_segment,
            schema: ctx.schema,
            settings: ctx.settings,
        };
        let (words, grams) = rayon::join(
            || self.words.iter().try_for_each(|p| p.merge(again())),
            || self.grams.merge(again()),
        );
        words.and(grams)
    }
}

/// The writers of a segment's passage plugins.
struct PassageWriter {
    words: Vec<Box<dyn PluginWriter>>,
    grams: Box<dyn PluginWriter>,
}

impl PluginWriter for PassageWriter {
    fn add_document(
        &mut self,
        doc_id: DocId,
        doc: &dyn ErasedDocument,
        schema: &Schema,
    ) -> tantivy::Result<()> {
        for w in &mut self.words {
            w.add_document(doc_id, doc, schema)?;
        }
        self.grams.add_document(doc_id, doc, schema)
    }

    fn serialize(
        self: Box<Self>,
        segment: &Segment,
        doc_id_map: Option<&DocIdMapping>,
    ) -> tantivy::Result<()> {
        let PassageWriter { words, grams } = *self;
        // The passage text's word file first, on both cores: a new index's translation
        // table is made from it (see `translation::made_ahead`), and was the last thing
        // a scale build waited for when that file came out with the gram file, at the
        // end (0.12 s after the segment; now the table is made while the gram file is).
        // `words` are in `WordField::ALL`'s order, the text's first.
        let mut words = words.into_iter();
        if let Some(text) = words.next() {
            text.serialize(segment, doc_id_map)?;
        }
        let (words, grams) = rayon::join(
            || words.try_for_each(|w| w.serialize(segment, doc_id_map)),
            || grams.serialize(segment, doc_id_map),
        );
        words.and(grams)
    }

    fn mem_usage(&self) -> usize {
        self.words.iter().map(|w| w.mem_usage()).sum::<usize>() + self.grams.mem_usage()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
