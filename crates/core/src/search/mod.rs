//! Full-text search over every clause of every version (and, with the
//! annotations, every annotation), in Khmer and English.
//!
//! The index lives in the workspace's `index/` folder. It is derived from
//! SQLite and can be rebuilt from it at any time ([`SearchIndex::rebuild`]);
//! SQLite stays the source of truth.
//!
//! Lifecycle (as tantivy's examples and STYLE.md describe it):
//! - one [`IndexWriter`], owned by the [`SearchIndex`] (itself owned by the
//!   [`crate::Workspace`], which takes `&mut self` for every write), created on
//!   the first write;
//! - the reader reloads by hand after each commit ([`ReloadPolicy::Manual`]),
//!   so a search sees an import at once;
//! - every commit carries a payload ([`Marks`]): the schema version and the
//!   highest SQLite version id indexed. At start-up, an index whose folder is
//!   missing or unreadable, or whose schema version differs from
//!   [`SCHEMA_VERSION`], is wiped and rebuilt; versions newer than the mark
//!   (imported while the index was busy or broken) are indexed then.
//!
//! Queries use tantivy's syntax (phrases, `AND`/`OR`/`NOT`, `-term`,
//! `regist*`, `field:value`); see [`query`] for how words and phrases are sent
//! to the fields of each language.

pub mod analyzers;
pub mod query;
pub mod schema;
pub mod snippet;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

pub use schema::{Fields, SCHEMA_VERSION};
use snippet::Snippets;

/// Memory for the writer's indexing buffers (split between its threads).
const WRITER_MEMORY: usize = 64 * 1024 * 1024;
/// Bytes of stored text per docstore block (tantivy's default is 16 KiB).
const DOCSTORE_BLOCK: usize = 4096;

pub use crate::error::SearchError;

/// Result alias for search operations.
pub type Result<T> = std::result::Result<T, SearchError>;

/// What the last commit covered: stored as the commit payload.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Marks {
    /// [`SCHEMA_VERSION`] of the indexer that wrote the index.
    pub schema: u32,
    /// Highest SQLite `versions.id` indexed.
    pub versions: i64,
    /// Highest `annotation_events.id` indexed.
    #[serde(default)]
    pub annotations: i64,
}

/// Progress of a long indexing run, for a progress bar or a status line.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Progress {
    /// Versions indexed so far.
    pub done: usize,
    /// Versions to index.
    pub total: usize,
    /// What is being indexed (`a2i v3`).
    pub what: String,
}

/// A search and its filters. Version filters arrive resolved to sequence
/// numbers (the workspace resolves labels and `latest`).
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The query, in tantivy's syntax.
    pub query: String,
    /// Only this bill.
    pub bill: Option<String>,
    /// Only this version (sequence number) of the bill.
    pub version: Option<i64>,
    /// Only documents about this right (taxonomy id).
    pub right: Option<String>,
    /// Only documents of this organisation.
    pub org: Option<String>,
    /// Only annotations with this status.
    pub status: Option<String>,
    /// Only annotations with this impact.
    pub impact: Option<String>,
    /// Only these `(bill, seq)` pairs (the newest version of each bill, for `--latest`).
    pub only_versions: Option<Vec<(String, i64)>>,
    /// Group hits by clause lineage.
    pub group: bool,
    /// Most hits (or groups) returned.
    pub limit: usize,
}

/// One search result.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Hit {
    /// `clause` or `annotation`.
    pub kind: String,
    /// Bill slug.
    pub bill: String,
    /// Version sequence number.
    pub version: i64,
    /// Version label.
    pub label: String,
    /// Clause number as printed.
    pub num: Option<String>,
    /// Clause eId.
    pub eid: String,
    /// Clause heading.
    pub heading: Option<String>,
    /// The best passage of the text, as plain text.
    pub snippet: String,
    /// The matches inside `snippet`: `[start, end)` in Unicode code points
    /// (the UI marks them; the text is never read as HTML).
    pub marks: Vec<[usize; 2]>,
    /// Relevance (BM25).
    pub score: f32,
    /// Lineage id of the clause.
    pub lineage: Option<String>,
    /// Whether the clause was added or changed in this version.
    pub changed: bool,
    /// For an annotation: its id and title.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub annotation: Option<i64>,
    /// For an annotation: its title.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub title: Option<String>,
}

/// Hits of one clause lineage across versions (`--group`).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Group {
    /// Lineage id (absent for clauses without one).
    pub lineage: Option<String>,
    /// Best score in the group.
    pub score: f32,
    /// The group's hits, newest version first.
    pub hits: Vec<Hit>,
}

/// What a search found.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Results {
    /// Number of matching documents.
    pub total: usize,
    /// The best hits, by relevance (when grouped: the best hit of each group).
    pub hits: Vec<Hit>,
    /// Hits grouped by clause lineage, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub groups: Option<Vec<Group>>,
    /// Counts of all matching documents: `bill`, `version` (`bill@seq`),
    /// `right`, `impact`, `org`, `kind`.
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
}

/// Facet dimensions counted for every search.
const FACETS: [&str; 6] = ["bill", "version", "right", "impact", "org", "kind"];

/// The search index of one workspace.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writer: Option<IndexWriter>,
    marks: Marks,
}

impl SearchIndex {
    /// Opens the index in `dir`, rebuilding it from `conn` when it is missing,
    /// unreadable or of another schema version, then indexes what SQLite has
    /// that the index lacks. `progress` hears about long runs.
    pub fn open(dir: &Path, conn: &Connection, progress: &mut dyn FnMut(&Progress)) -> Result<SearchIndex> {
        let mut idx = match Self::open_existing(dir) {
            Some(idx) => idx,
            None => {
                let mut idx = Self::create(dir)?;
                idx.rebuild(conn, progress)?;
                idx
            }
        };
        idx.catch_up(conn, progress)?;
        Ok(idx)
    }

    /// The index as found on disk, if it is usable.
    fn open_existing(dir: &Path) -> Option<SearchIndex> {
        if !dir.join("meta.json").exists() {
            return None;
        }
        let index = Index::open_in_dir(dir).ok()?;
        let (schema, fields) = Fields::build();
        if index.schema() != schema {
            return None;
        }
        let meta = index.load_metas().ok()?;
        let marks: Marks = meta.payload.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
        if marks.schema != SCHEMA_VERSION && !meta.segments.is_empty() {
            return None;
        }
        analyzers::register(index.tokenizers());
        // Opening the reader opens every segment: a missing or truncated file fails here.
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().ok()?;
        Some(SearchIndex { index, reader, fields, writer: None, marks })
    }

    /// A new, empty index in `dir` (whatever was there is removed).
    fn create(dir: &Path) -> Result<SearchIndex> {
        let io = |source| SearchError::Io { path: dir.display().to_string(), source };
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(io)?;
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, fields) = Fields::build();
        // Small docstore blocks: showing a hit decompresses the block its
        // stored fields are in, and twenty hits are twenty blocks.
        let settings = tantivy::IndexSettings { docstore_blocksize: DOCSTORE_BLOCK, ..tantivy::IndexSettings::default() };
        let index = Index::builder().schema(schema).settings(settings).create_in_dir(dir)?;
        analyzers::register(index.tokenizers());
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { index, reader, fields, writer: None, marks: Marks { schema: SCHEMA_VERSION, ..Marks::default() } })
    }

    fn writer(&mut self) -> Result<&mut IndexWriter> {
        if self.writer.is_none() {
            let w = self.index.writer(WRITER_MEMORY).map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => SearchError::Busy,
                other => other.into(),
            })?;
            self.writer = Some(w);
        }
        Ok(self.writer.as_mut().expect("just set"))
    }

    /// Drops every document and indexes every version in SQLite again.
    pub fn rebuild(&mut self, conn: &Connection, progress: &mut dyn FnMut(&Progress)) -> Result<()> {
        self.writer()?.delete_all_documents()?;
        self.marks = Marks { schema: SCHEMA_VERSION, ..Marks::default() };
        self.index_versions_after(0, conn, progress)?;
        self.index_annotations_after(0, conn)
    }

    /// Indexes the versions and annotation changes SQLite has beyond the
    /// index's marks (another process may have imported or annotated since
    /// this one looked). Two queries and nothing else when it is current.
    pub fn catch_up(&mut self, conn: &Connection, progress: &mut dyn FnMut(&Progress)) -> Result<()> {
        let newest = stored(crate::store::versions::last_id(conn))?;
        if newest > self.marks.versions {
            self.index_versions_after(self.marks.versions, conn, progress)?;
        }
        self.index_annotations_after(self.marks.annotations, conn)
    }

    /// Re-indexes every annotation with an event after `after` (deleting the
    /// documents of deleted ones), then commits.
    fn index_annotations_after(&mut self, after: i64, conn: &Connection) -> Result<()> {
        let newest = stored(crate::annotate::last_event(conn))?;
        if newest <= after {
            return Ok(());
        }
        let uids = stored(crate::annotate::changed_after(conn, after))?;
        for uid in uids {
            let f = self.fields.clone();
            self.writer()?.delete_term(Term::from_field_text(f.id, &format!("annotation:{uid}")));
            let found = stored(crate::annotate::get_uid(conn, &uid))?;
            if let Some(a) = found {
                let doc = self.annotation_doc(conn, &a)?;
                self.writer()?.add_document(doc)?;
            }
        }
        self.commit(Marks { annotations: newest, ..self.marks })
    }

    /// The document of one annotation.
    fn annotation_doc(&self, conn: &Connection, a: &crate::annotate::Annotation) -> Result<TantivyDocument> {
        let f = &self.fields;
        let lang = stored(crate::store::versions::lang_of(conn, &a.bill, a.version))?;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, format!("annotation:{}", a.uid));
        doc.add_text(f.kind, "annotation");
        doc.add_text(f.bill, &a.bill);
        doc.add_text(f.version, a.version.to_string());
        doc.add_text(f.version, &a.version_label);
        doc.add_text(f.bill_version, format!("{}@{}", a.bill, a.version));
        doc.add_i64(f.seq, a.version);
        doc.add_text(f.label, &a.version_label);
        doc.add_i64(f.annotation_id, a.id);
        doc.add_text(f.title, &a.title);
        if let Some(c) = &a.clause {
            if let Some(num) = &c.num {
                add_num(&mut doc, f, num);
            }
            doc.add_text(f.eid, &c.eid);
            if let Some(h) = &c.heading {
                doc.add_text(f.heading, h);
            }
        }
        doc.add_text(f.lang, &lang);
        doc.add_text(f.lineage, &a.lineage);
        doc.add_text(f.changed, "false");
        for r in &a.rights {
            doc.add_text(f.right, r);
            doc.add_facet(f.facets, Facet::from_path(["right", r.as_str()]));
        }
        doc.add_text(f.impact, a.impact.as_str());
        doc.add_facet(f.facets, Facet::from_path(["impact", a.impact.as_str()]));
        if let Some(o) = &a.org {
            doc.add_text(f.org, o);
            doc.add_facet(f.facets, Facet::from_path(["org", o.as_str()]));
        }
        doc.add_text(f.status, a.status.as_str());
        let mut parts = vec![a.title.clone(), a.concern.clone(), a.recommendation.clone()];
        parts.extend(a.proposed.clone());
        parts.extend(a.quote.as_ref().map(|q| q.exact.clone()));
        parts.extend(a.refs.iter().cloned());
        parts.extend(a.tags.iter().cloned());
        // In display form, as clause texts are: the stored word ranges point into it.
        let body = crate::text::normalize(&parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n"));
        // Annotations are written in either language whatever the bill's:
        // Khmer text goes to the Khmer field, other text to the English ones.
        if body.chars().any(crate::text::khmer::is_khmer) {
            doc.add_text(f.text_km, &body);
        }
        if body.chars().any(|c| c.is_ascii_alphabetic()) {
            doc.add_text(f.text_en, &body);
            doc.add_text(f.text_exact, &body);
        }
        doc.add_text(f.body, &body);
        doc.add_bytes(f.words, &snippet::encode(&analyzers::word_spans(&body)));
        doc.add_facet(f.facets, Facet::from_path(["bill", a.bill.as_str()]));
        doc.add_facet(f.facets, Facet::from_path(["version", format!("{}@{}", a.bill, a.version).as_str()]));
        doc.add_facet(f.facets, Facet::from_path(["kind", "annotation"]));
        Ok(doc)
    }

    fn index_versions_after(&mut self, after: i64, conn: &Connection, progress: &mut dyn FnMut(&Progress)) -> Result<()> {
        let todo = stored(crate::store::versions::after(conn, after))?;
        let total = todo.len();
        let mut newest = self.marks.versions;
        for (done, (id, bill, seq)) in todo.into_iter().enumerate() {
            progress(&Progress { done, total, what: format!("{bill} v{seq}") });
            self.add_version(conn, id)?;
            newest = newest.max(id);
        }
        if total > 0 {
            progress(&Progress { done: total, total, what: String::new() });
        }
        self.commit(Marks { schema: SCHEMA_VERSION, versions: newest, ..self.marks })
    }

    /// Adds the clause documents of one version to the writer (no commit).
    fn add_version(&mut self, conn: &Connection, version_id: i64) -> Result<()> {
        let (bill, seq, label, lang) = stored(crate::store::versions::describe(conn, version_id))?;
        let tree = stored(crate::store::provisions::load_tree(conn, version_id))?;
        let ids = stored(crate::store::provisions::clause_ids(conn, version_id))?;
        let unchanged = stored(crate::store::links::unchanged_into(conn, version_id))?;

        let f = self.fields.clone();
        let writer = self.writer()?;
        writer.delete_term(Term::from_field_i64(f.version_id, version_id));
        let lang_field = f.text_for(&lang);
        for node in crate::structure::walk_all(&tree).into_iter().filter(|n| n.kind.is_clause()) {
            let Some((id, lineage)) = ids.get(&node.eid) else { continue };
            let body = crate::align::clause_text(node);
            let mut doc = TantivyDocument::default();
            doc.add_text(f.id, format!("clause:{id}"));
            doc.add_text(f.kind, "clause");
            doc.add_text(f.bill, &bill);
            doc.add_text(f.version, seq.to_string());
            doc.add_text(f.version, &label);
            doc.add_text(f.bill_version, format!("{bill}@{seq}"));
            doc.add_i64(f.version_id, version_id);
            doc.add_i64(f.seq, seq);
            doc.add_text(f.label, &label);
            if let Some(num) = &node.num {
                add_num(&mut doc, &f, num);
            }
            doc.add_text(f.eid, &node.eid);
            doc.add_text(f.lang, &lang);
            if let Some(l) = lineage {
                doc.add_text(f.lineage, l);
            }
            doc.add_text(f.changed, if seq > 1 && !unchanged.contains(id) { "true" } else { "false" });
            if let Some(h) = &node.heading {
                doc.add_text(f.heading, h);
            }
            doc.add_text(lang_field, &body);
            if lang_field == f.text_en {
                doc.add_text(f.text_exact, &body);
            }
            doc.add_text(f.body, &body);
            doc.add_bytes(f.words, &snippet::encode(&analyzers::word_spans(&body)));
            doc.add_facet(f.facets, Facet::from_path(["bill", bill.as_str()]));
            doc.add_facet(f.facets, Facet::from_path(["version", format!("{bill}@{seq}").as_str()]));
            doc.add_facet(f.facets, Facet::from_path(["kind", "clause"]));
            writer.add_document(doc)?;
        }
        Ok(())
    }

    fn commit(&mut self, marks: Marks) -> Result<()> {
        let writer = self.writer()?;
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(&marks).expect("plain struct"));
        prepared.commit()?;
        self.reader.reload()?;
        self.marks = marks;
        Ok(())
    }

    /// Number of documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Runs a search.
    pub fn search(&self, req: &Request) -> Result<Results> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let user = query::parse(&searcher, f, &req.query)?;
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user)];
        let keyword = |field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, &value.to_lowercase()), IndexRecordOption::Basic))
        };
        if let Some(b) = &req.bill {
            must.push((Occur::Must, keyword(f.bill, b)));
        }
        if let Some(v) = req.version {
            must.push((Occur::Must, keyword(f.version, &v.to_string())));
        }
        if let Some(r) = &req.right {
            must.push((Occur::Must, keyword(f.right, r)));
        }
        if let Some(o) = &req.org {
            must.push((Occur::Must, keyword(f.org, o)));
        }
        if let Some(s) = &req.status {
            must.push((Occur::Must, keyword(f.status, s)));
        }
        if let Some(i) = &req.impact {
            must.push((Occur::Must, keyword(f.impact, i)));
        }
        if let Some(only) = &req.only_versions {
            let terms = only.iter().map(|(b, s)| Term::from_field_text(f.bill_version, &format!("{b}@{s}")));
            must.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        }
        let query = BooleanQuery::new(must);

        let limit = req.limit.max(1);
        // Grouping needs more hits than groups: several versions of a clause match.
        let fetch = if req.group { (limit * 8).min(2000) } else { limit };
        let mut facets = FacetCollector::for_field("facets");
        for dim in FACETS {
            facets.add_facet(Facet::from_path([dim]));
        }
        let (top, total, counts) = searcher.search(&query, &(TopDocs::with_limit(fetch).order_by_score(), Count, facets))?;

        let mut snippets = Snippets::new(&query, f);
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            hits.push(self.hit(&doc, score, &mut snippets));
        }

        let mut facet_counts = BTreeMap::new();
        for dim in FACETS {
            let root = format!("/{dim}");
            let counts: BTreeMap<String, u64> = counts
                .get(root.as_str())
                .map(|(facet, n)| (facet.to_path().last().map(|s| s.to_string()).unwrap_or_default(), n))
                .collect();
            facet_counts.insert(dim.to_string(), counts);
        }

        let groups = req.group.then(|| group(&hits, limit));
        if let Some(g) = &groups {
            hits = g.iter().map(|g| g.hits[0].clone()).collect();
        }
        Ok(Results { total, hits, groups, facets: facet_counts })
    }

    fn hit(&self, doc: &TantivyDocument, score: f32, snippets: &mut Snippets) -> Hit {
        let f = &self.fields;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
        let body = text(f.body).unwrap_or_default();
        let words = snippet::decode(doc.get_first(f.words).and_then(|v| v.as_bytes()).unwrap_or_default());
        let (snippet, marks) = snippets.make(&body, &words);
        Hit {
            kind: text(f.kind).unwrap_or_default(),
            bill: text(f.bill).unwrap_or_default(),
            version: doc.get_first(f.seq).and_then(|v| v.as_i64()).unwrap_or(0),
            label: text(f.label).unwrap_or_default(),
            num: text(f.num),
            eid: text(f.eid).unwrap_or_default(),
            heading: text(f.heading),
            snippet,
            marks,
            score,
            lineage: text(f.lineage),
            changed: text(f.changed).as_deref() == Some("true"),
            annotation: doc.get_first(f.annotation_id).and_then(|v| v.as_i64()),
            title: text(f.title),
        }
    }
}

/// A clause number, as printed and, when it reads otherwise, as a value
/// (`៨` and `8`): `num:8` finds both.
fn add_num(doc: &mut TantivyDocument, f: &Fields, num: &str) {
    doc.add_text(f.num, num);
    let folded = analyzers::fold_word(num);
    if folded != num.to_lowercase() {
        doc.add_text(f.num, folded);
    }
}

/// Groups hits by lineage, keeping the order of each group's best hit.
fn group(hits: &[Hit], limit: usize) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for h in hits {
        let key = h.lineage.clone().unwrap_or_else(|| format!("{}@{}#{}", h.bill, h.version, h.eid));
        match at.get(&key) {
            Some(&i) => groups[i].hits.push(h.clone()),
            None => {
                at.insert(key, groups.len());
                groups.push(Group { lineage: h.lineage.clone(), score: h.score, hits: vec![h.clone()] });
            }
        }
    }
    groups.truncate(limit);
    for g in &mut groups {
        g.hits.sort_by_key(|h| std::cmp::Reverse(h.version));
    }
    groups
}

/// The newest version of each bill, for `--latest`.
pub fn latest_versions(conn: &Connection) -> Result<Vec<(String, i64)>> {
    stored(crate::store::versions::latest(conn))
}

/// A result of the store, in the index's terms: SQLite's errors stay SQLite errors.
fn stored<T>(r: crate::Result<T>) -> Result<T> {
    r.map_err(|e| match e {
        crate::Error::Store(crate::store::StoreError::Sqlite(e)) => SearchError::Sqlite(e),
        other => SearchError::Query(other.to_string()),
    })
}
