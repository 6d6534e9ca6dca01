//! The index schema: one struct naming every field, each documented.
//!
//! Field names are the names users type in queries (`bill:a2i`,
//! `version:3`, `num:8`, `right:expression`, `org:chrac`), so the schema is
//! part of the query language. Bump [`SCHEMA_VERSION`] whenever a field, an
//! analyzer or what goes into a field changes: an index of another version is
//! wiped and rebuilt from SQLite at start-up.

use tantivy::schema::{Field, IndexRecordOption, Schema, SchemaBuilder, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING};

use super::analyzers::{EN_STEM, EXACT, KEYWORD, KHMER};

/// Version of the schema and of what the indexer puts in it.
pub const SCHEMA_VERSION: u32 = 3;

/// The index's fields.
#[derive(Clone)]
pub struct Fields {
    /// Document key, `clause:<provision id>` or `annotation:<id>`; deleting
    /// by this term replaces a document.
    pub id: Field,
    /// `clause` or `annotation`.
    pub kind: Field,
    /// Bill slug.
    pub bill: Field,
    /// Version: its sequence number and its label (both values indexed).
    pub version: Field,
    /// `<bill>@<seq>`, the key `--latest` filters on.
    pub bill_version: Field,
    /// Clause number as printed and as a value (`៨` and `8`).
    pub num: Field,
    /// The clause's eId.
    pub eid: Field,
    /// Language code of the version (`en`, `km`, `de`, ...).
    pub lang: Field,
    /// Lineage id: the clause across every version of its bill.
    pub lineage: Field,
    /// `true` when the clause was added or changed in this version.
    pub changed: Field,
    /// Rights affected (annotations): taxonomy ids.
    pub right: Field,
    /// Impact (annotations): `strongly_restricts` ... `strongly_protects`.
    pub impact: Field,
    /// Organisation (annotations): short name.
    pub org: Field,
    /// Status (annotations): draft, proposed, agreed, withdrawn.
    pub status: Field,
    /// English text, stemmed (heading, clause text; or an annotation's title,
    /// concern and recommendation).
    pub text_en: Field,
    /// Unstemmed text of every version that is not Khmer: English for exact
    /// phrases, and other languages.
    pub text_exact: Field,
    /// Khmer text.
    pub text_km: Field,
    /// Heading alone (`heading:registration`), unstemmed.
    pub heading: Field,
    /// Facets: `/bill/<slug>`, `/version/<bill>@<seq>`, `/right/<id>`,
    /// `/impact/<level>`, `/org/<name>`, `/kind/<kind>`.
    pub facets: Field,
    /// Version id in SQLite: re-indexing a version deletes by this term.
    pub version_id: Field,
    /// Version sequence number (stored).
    pub seq: Field,
    /// Version label (stored).
    pub label: Field,
    /// The text shown for a hit, snippets are cut from it (stored, not
    /// indexed): a clause's heading line and body; an annotation's text.
    pub body: Field,
    /// Where the words of `body` are (stored, not indexed; see
    /// [`super::snippet::encode`]): snippets are cut without segmenting again.
    pub words: Field,
    /// An annotation's local id (stored).
    pub annotation_id: Field,
    /// An annotation's title (stored).
    pub title: Field,
}

impl Fields {
    /// Builds the schema and its field handles.
    pub fn build() -> (Schema, Fields) {
        let mut b = SchemaBuilder::new();
        let keyword = |b: &mut SchemaBuilder, name: &str| {
            let idx = TextFieldIndexing::default().set_tokenizer(KEYWORD).set_index_option(IndexRecordOption::Basic);
            b.add_text_field(name, TextOptions::default().set_indexing_options(idx).set_stored())
        };
        let text = |b: &mut SchemaBuilder, name: &str, tokenizer: &str| {
            let idx = TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(IndexRecordOption::WithFreqsAndPositions);
            b.add_text_field(name, TextOptions::default().set_indexing_options(idx))
        };
        let fields = Fields {
            id: b.add_text_field("id", STRING | STORED),
            kind: keyword(&mut b, "kind"),
            bill: keyword(&mut b, "bill"),
            version: keyword(&mut b, "version"),
            bill_version: b.add_text_field("bill_version", STRING),
            num: keyword(&mut b, "num"),
            eid: keyword(&mut b, "eid"),
            lang: keyword(&mut b, "lang"),
            lineage: b.add_text_field("lineage", STRING | STORED),
            changed: keyword(&mut b, "changed"),
            right: keyword(&mut b, "right"),
            impact: keyword(&mut b, "impact"),
            org: keyword(&mut b, "org"),
            status: keyword(&mut b, "status"),
            text_en: text(&mut b, "text_en", EN_STEM),
            text_exact: text(&mut b, "text_exact", EXACT),
            text_km: text(&mut b, "text_km", KHMER),
            heading: {
                let idx = TextFieldIndexing::default().set_tokenizer(EXACT).set_index_option(IndexRecordOption::WithFreqsAndPositions);
                b.add_text_field("heading", TextOptions::default().set_indexing_options(idx).set_stored())
            },
            facets: b.add_facet_field("facets", INDEXED),
            version_id: b.add_i64_field("version_id", INDEXED | FAST),
            seq: b.add_i64_field("seq", STORED),
            label: b.add_text_field("label", STORED),
            body: b.add_text_field("body", STORED),
            words: b.add_bytes_field("words", STORED),
            annotation_id: b.add_i64_field("annotation_id", STORED),
            title: b.add_text_field("title", STORED),
        };
        (b.build(), fields)
    }

    /// The text field a version's language is indexed in with its analyzer.
    pub fn text_for(&self, lang: &str) -> Field {
        match lang {
            "km" => self.text_km,
            "en" => self.text_en,
            _ => self.text_exact,
        }
    }
}
