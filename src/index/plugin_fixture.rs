//! A small in-memory tantivy index with one plugin field and a name per passage: what
//! the word and gram plugins' tests write, delete from, merge and search.

use std::sync::Arc;

use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::schema::{Field, STORED, STRING, Schema, SchemaBuilder, Value as _};
use tantivy::{Index, IndexWriter, SegmentPlugin, TantivyDocument};

/// The index, its name field, and how a passage's text becomes the plugin field's value.
pub struct Fixture {
    /// The index in memory.
    pub index: Index,
    /// The passage's name (stored, matched whole: what tests delete by).
    pub name: Field,
    field: Field,
    payload: fn(&str) -> Vec<u8>,
}

impl Fixture {
    /// An index with the field `add_field` adds, written by `plugin`.
    pub fn new(
        add_field: fn(&mut SchemaBuilder) -> Field,
        plugin: Arc<dyn SegmentPlugin>,
        payload: fn(&str) -> Vec<u8>,
    ) -> Fixture {
        let mut b = Schema::builder();
        let name = b.add_text_field("name", STRING | STORED);
        let field = add_field(&mut b);
        let index = Index::builder()
            .schema(b.build())
            .register_plugin(plugin)
            .create_in_ram()
            .expect("an index in memory");
        Fixture {
            index,
            name,
            field,
            payload,
        }
    }

    /// A writer of one thread.
    pub fn writer(&self) -> IndexWriter {
        self.index
            .writer_with_num_threads(1, 15_000_000)
            .expect("a writer")
    }

    /// Adds a passage.
    pub fn add(&self, w: &mut IndexWriter, name: &str, text: &str) {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.name, name);
        doc.add_custom(self.field, &(self.payload)(text));
        w.add_document(doc).expect("added");
    }

    /// Names and scores of the passages matching `q`, by name.
    pub fn found(&self, q: &dyn Query) -> Vec<(String, f32)> {
        let searcher = self.index.reader().expect("a reader").searcher();
        let top = searcher
            .search(q, &TopDocs::with_limit(100).order_by_score())
            .expect("searched");
        let mut out: Vec<(String, f32)> = top
            .into_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address).expect("stored");
                let name = doc
                    .get_first(self.name)
                    .and_then(|v| v.as_str())
                    .unwrap_or("");
                (name.to_string(), score)
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}
