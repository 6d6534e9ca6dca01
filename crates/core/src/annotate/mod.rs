//! Rights-impact annotations on clauses, and how they follow the clauses
//! from one version of a bill to the next.
//!
//! An annotation belongs to a clause's lineage (its identity across
//! versions) and is placed on one version at a time: the version it was made
//! on, then each newer version as it is imported ([`carry_forward`], inside
//! the import's transaction). It may quote a span of the clause (see
//! [`anchor`] for the selectors and the placing rules). Every change is an
//! event in `annotation_events` (who, when, which fields from what to what),
//! kept even after the annotation is deleted; replies form a thread.
//!
//! The functions here take a connection or transaction; the
//! [`crate::Workspace`] wraps them and keeps the search index current.

pub mod anchor;
pub(crate) mod db;
pub mod taxonomy;

pub use crate::hash::new_uid;
pub(crate) use db::log;
pub(crate) use db::review_provisions;
pub use db::{changed_after, detail, get, get_uid, last_event, list};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::diff::report::ClauseRef;
use crate::error::{Error, Result};
use anchor::{Anchor, Placement, Quote, Successor};

/// What a clause does to a right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Strongly restricts the right.
    StronglyRestricts,
    /// Restricts it.
    Restricts,
    /// Neither.
    Neutral,
    /// Protects it.
    Protects,
    /// Strongly protects it.
    StronglyProtects,
}

impl Impact {
    /// Every level, from most restrictive.
    pub const ALL: [Impact; 5] =
        [Impact::StronglyRestricts, Impact::Restricts, Impact::Neutral, Impact::Protects, Impact::StronglyProtects];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::StronglyRestricts => "strongly_restricts",
            Impact::Restricts => "restricts",
            Impact::Neutral => "neutral",
            Impact::Protects => "protects",
            Impact::StronglyProtects => "strongly_protects",
        }
    }

    /// Reads a name (`-` or `_` between words).
    pub fn parse(s: &str) -> Result<Impact> {
        let s = s.trim().to_lowercase().replace('-', "_");
        Impact::ALL.into_iter().find(|i| i.as_str() == s).ok_or_else(|| {
            Error::invalid(
                "impact",
                format!("impact \"{s}\" is not one of {}", Impact::ALL.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(", ")),
            )
        })
    }
}

/// Where an annotation stands in the coalition's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written.
    Draft,
    /// Put to the coalition.
    Proposed,
    /// Agreed by the coalition.
    Agreed,
    /// Withdrawn or closed: no longer carried forward.
    Withdrawn,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 4] = [Status::Draft, Status::Proposed, Status::Agreed, Status::Withdrawn];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Proposed => "proposed",
            Status::Agreed => "agreed",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Reads a name.
    pub fn parse(s: &str) -> Result<Status> {
        let s = s.trim().to_lowercase();
        Status::ALL.into_iter().find(|x| x.as_str() == s).ok_or_else(|| {
            Error::invalid(
                "status",
                format!("status \"{s}\" is not one of {}", Status::ALL.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")),
            )
        })
    }
}

/// An annotation as stored, with where it stands now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Annotation {
    /// Local id (what the CLI takes).
    pub id: i64,
    /// Id across workspaces.
    pub uid: String,
    /// Bill slug.
    pub bill: String,
    /// The clause's lineage.
    pub lineage: String,
    /// Version it is placed on (sequence number).
    pub version: i64,
    /// That version's label.
    pub version_label: String,
    /// The clause it is placed on (None once the clause is deleted).
    pub clause: Option<ClauseRef>,
    /// How it sits there.
    pub anchor: Anchor,
    /// Match score of the last placing (1.0 when exact).
    pub anchor_score: f64,
    /// Why it needs review or was orphaned.
    pub anchor_note: Option<String>,
    /// The quoted span, if any (else the whole clause).
    pub quote: Option<Quote>,
    /// Title.
    pub title: String,
    /// The concern: why the text matters for rights.
    pub concern: String,
    /// The recommendation, in words.
    pub recommendation: String,
    /// Proposed wording replacing the quote (or the clause).
    pub proposed: Option<String>,
    /// The recommendation is to delete the clause.
    pub delete_clause: bool,
    /// Rights affected (taxonomy ids).
    pub rights: Vec<String>,
    /// Impact.
    pub impact: Impact,
    /// Legal references.
    pub refs: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Status.
    pub status: Status,
    /// Author.
    pub author: String,
    /// Organisation (short name).
    pub org: Option<String>,
    /// Created (UTC).
    pub created_at: String,
    /// Last changed (UTC).
    pub updated_at: String,
}

/// A new annotation. The clause is named by number on a version; the quote,
/// if any, must be found in the clause's text.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewAnnotation {
    /// Bill slug.
    pub bill: String,
    /// Version (number, label or `latest`).
    pub version: String,
    /// Clause number.
    pub clause: String,
    /// Quoted text (None: the whole clause).
    pub quote: Option<String>,
    /// Where the quote starts (code points), when it occurs more than once.
    pub quote_start: Option<usize>,
    /// Title.
    pub title: String,
    /// Concern.
    pub concern: String,
    /// Recommendation.
    pub recommendation: String,
    /// Proposed wording.
    pub proposed: Option<String>,
    /// Recommend deleting the clause.
    pub delete_clause: bool,
    /// Rights affected.
    pub rights: Vec<String>,
    /// Impact (default: restricts).
    pub impact: Option<String>,
    /// Legal references.
    pub refs: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Status (default: draft).
    pub status: Option<String>,
    /// Author.
    pub author: String,
    /// Organisation short name.
    pub org: Option<String>,
}

/// Changes to an annotation; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AnnotationEdit {
    /// Title.
    pub title: Option<String>,
    /// Concern.
    pub concern: Option<String>,
    /// Recommendation.
    pub recommendation: Option<String>,
    /// Proposed wording (`Some("")` clears it).
    pub proposed: Option<String>,
    /// Recommend deleting the clause.
    pub delete_clause: Option<bool>,
    /// Rights.
    pub rights: Option<Vec<String>>,
    /// Impact.
    pub impact: Option<String>,
    /// References.
    pub refs: Option<Vec<String>>,
    /// Tags.
    pub tags: Option<Vec<String>>,
    /// Status.
    pub status: Option<String>,
    /// Organisation short name (`Some("")` clears it).
    pub org: Option<String>,
}

/// A reply in an annotation's thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Reply {
    /// Id across workspaces.
    pub uid: String,
    /// Author.
    pub author: String,
    /// Organisation short name.
    pub org: Option<String>,
    /// Text.
    pub body: String,
    /// When (UTC).
    pub created_at: String,
}

/// One entry of an annotation's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Event {
    /// When (UTC).
    pub at: String,
    /// Who.
    pub author: String,
    /// `created`, `edited`, `placed`, `confirmed`, `reattached`, `closed`, `deleted`.
    pub action: String,
    /// `{field: [old, new]}`.
    pub changes: Value,
}

/// An annotation with its thread and history (`annotate show`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AnnotationDetail {
    /// The annotation.
    #[serde(flatten)]
    pub annotation: Annotation,
    /// Replies, oldest first.
    pub replies: Vec<Reply>,
    /// History, oldest first.
    pub history: Vec<Event>,
    /// Where it was placed on each version it has seen.
    pub placements: Vec<PlacementRecord>,
}

/// Where an annotation sat on one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlacementRecord {
    /// Version sequence number.
    pub version: i64,
    /// Clause number there (None when deleted).
    pub num: Option<String>,
    /// How.
    pub anchor: Anchor,
    /// Score.
    pub score: f64,
}

/// Filters of `annotate list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Filter {
    /// Bill slug.
    pub bill: Option<String>,
    /// Only on this clause lineage.
    pub lineage: Option<String>,
    /// Only with this right.
    pub right: Option<String>,
    /// Only of this organisation.
    pub org: Option<String>,
    /// Only with this status.
    pub status: Option<String>,
    /// Only these anchors (`needs_review`, `orphaned` for review).
    pub anchors: Vec<Anchor>,
}

/// Stores a new annotation on provision `provision_id` (a clause of
/// `version_id`) whose text is `clause_text`. Returns its id.
/// `uid` is kept when the annotation comes from another workspace.
pub(crate) fn insert(
    conn: &Connection,
    na: &NewAnnotation,
    version_id: i64,
    provision_id: i64,
    clause_text: &str,
    uid: Option<&str>,
) -> Result<i64> {
    if na.title.trim().is_empty() {
        return Err(Error::invalid("title", "an annotation needs a title"));
    }
    if na.author.trim().is_empty() {
        return Err(Error::invalid("author", "an annotation needs an author"));
    }
    taxonomy::check(conn, &na.rights)?;
    let impact = Impact::parse(na.impact.as_deref().unwrap_or("restricts"))?;
    let status = Status::parse(na.status.as_deref().unwrap_or("draft"))?;
    let org = na.org.as_deref().filter(|o| !o.is_empty()).map(|o| crate::store::organisations::id(conn, o)).transpose()?;
    let quote = match &na.quote {
        Some(q) => Some(Quote::find(clause_text, &crate::text::normalize(q), na.quote_start).map_err(|m| Error::invalid("quote", m))?),
        None => None,
    };
    let (bill_id, lineage) = db::bill_and_lineage(conn, provision_id)?;
    let lineage =
        lineage.ok_or_else(|| Error::from(crate::error::Conflict::State("this clause has no lineage yet; reopen the workspace".into())))?;
    let uid = uid.map(str::to_string).unwrap_or_else(new_uid);
    let at = crate::store::now(conn)?;
    let list = |v: &[String]| serde_json::to_string(v).expect("strings");
    let id = db::insert(
        conn,
        &db::Row {
            uid: &uid,
            bill_id,
            lineage: &lineage,
            version_id,
            provision_id: Some(provision_id),
            anchor: Anchor::Placed.as_str(),
            anchor_score: 1.0,
            anchor_note: None,
            quote: quote.as_ref(),
            title: na.title.trim(),
            concern: na.concern.trim(),
            recommendation: na.recommendation.trim(),
            proposed: na.proposed.as_deref().map(str::trim).filter(|p| !p.is_empty()),
            delete_clause: na.delete_clause,
            rights: list(&na.rights),
            impact: impact.as_str(),
            refs: list(&na.refs),
            tags: list(&na.tags),
            status: status.as_str(),
            author: na.author.trim(),
            org_id: org,
            created_at: &at,
            updated_at: &at,
        },
    )?;
    let (start, end) = (quote.as_ref().map(|q| q.start as i64), quote.as_ref().map(|q| q.end as i64));
    db::add_placement(conn, id, &(version_id, Some(provision_id), Anchor::Placed.as_str().to_string(), 1.0, start, end))?;
    log(conn, &uid, na.author.trim(), "created", json!({}))?;
    Ok(id)
}

/// Applies an edit; records which fields changed (nothing when none did).
pub(crate) fn edit(conn: &Connection, id: i64, e: &AnnotationEdit, author: &str) -> Result<bool> {
    let a = get(conn, id)?;
    let mut changes = serde_json::Map::new();
    let mut set: Vec<(&str, rusqlite::types::Value)> = Vec::new();
    let mut text = |field: &'static str, old: &str, new: &Option<String>, set: &mut Vec<(&str, rusqlite::types::Value)>| {
        if let Some(n) = new.as_deref().map(str::trim) {
            if n != old {
                changes.insert(field.into(), json!([old, n]));
                set.push((field, if n.is_empty() && field == "proposed" { rusqlite::types::Value::Null } else { n.to_string().into() }));
            }
        }
    };
    text("title", &a.title, &e.title, &mut set);
    text("concern", &a.concern, &e.concern, &mut set);
    text("recommendation", &a.recommendation, &e.recommendation, &mut set);
    text("proposed", a.proposed.as_deref().unwrap_or(""), &e.proposed, &mut set);
    if let Some(d) = e.delete_clause.filter(|d| *d != a.delete_clause) {
        changes.insert("delete_clause".into(), json!([a.delete_clause, d]));
        set.push(("delete_clause", i64::from(d).into()));
    }
    if let Some(i) = &e.impact {
        let i = Impact::parse(i)?;
        if i != a.impact {
            changes.insert("impact".into(), json!([a.impact.as_str(), i.as_str()]));
            set.push(("impact", i.as_str().to_string().into()));
        }
    }
    if let Some(s) = &e.status {
        let s = Status::parse(s)?;
        if s != a.status {
            changes.insert("status".into(), json!([a.status.as_str(), s.as_str()]));
            set.push(("status", s.as_str().to_string().into()));
        }
    }
    for (field, old, new) in [("rights", &a.rights, &e.rights), ("refs", &a.refs, &e.refs), ("tags", &a.tags, &e.tags)] {
        if let Some(n) = new.as_ref().filter(|n| *n != old) {
            if field == "rights" {
                taxonomy::check(conn, n)?;
            }
            changes.insert(field.into(), json!([old, n]));
            set.push((field, serde_json::to_string(n).expect("strings").into()));
        }
    }
    if let Some(o) = &e.org {
        let new_id = if o.is_empty() { None } else { Some(crate::store::organisations::id(conn, o)?) };
        if a.org.as_deref() != (if o.is_empty() { None } else { Some(o.as_str()) }) {
            changes.insert("org".into(), json!([a.org, if o.is_empty() { None } else { Some(o) }]));
            set.push(("org_id", new_id.map(rusqlite::types::Value::from).unwrap_or(rusqlite::types::Value::Null)));
        }
    }
    if set.is_empty() {
        return Ok(false);
    }
    db::update(conn, id, set, &crate::store::now(conn)?)?;
    log(conn, &a.uid, author, "edited", Value::Object(changes))?;
    Ok(true)
}

/// Adds a reply.
pub(crate) fn reply(conn: &Connection, id: i64, author: &str, org: Option<&str>, body: &str) -> Result<Reply> {
    let a = get(conn, id)?;
    if body.trim().is_empty() || author.trim().is_empty() {
        return Err(Error::invalid("text", "a reply needs an author and some text"));
    }
    let org_id = org.filter(|o| !o.is_empty()).map(|o| crate::store::organisations::id(conn, o)).transpose()?;
    let r = Reply {
        uid: new_uid(),
        author: author.trim().into(),
        org: org.map(str::to_string),
        body: body.trim().into(),
        created_at: crate::store::now(conn)?,
    };
    db::insert_reply(conn, id, &r, org_id)?;
    log(conn, &a.uid, author, "replied", json!({}))?;
    Ok(r)
}

/// Deletes an annotation (its history stays, with a `deleted` event).
pub(crate) fn delete(conn: &Connection, id: i64, author: &str) -> Result<Annotation> {
    let a = get(conn, id)?;
    db::delete(conn, id)?;
    log(conn, &a.uid, author, "deleted", json!({"title": [a.title, Value::Null]}))?;
    Ok(a)
}

/// Sets where an annotation stands and records the placement.
fn set_placement(conn: &Connection, a: &Annotation, version_id: i64, p: &Placement, action: &str, author: &str) -> Result<()> {
    let q = p.quote.as_ref();
    let keep_quote = p.anchor == Anchor::Orphaned && a.quote.is_some();
    // An orphaned quote keeps its old selector, so a person can re-attach it.
    let (exact, prefix, suffix, start, end) = match (q, keep_quote) {
        (Some(q), _) => (Some(q.exact.clone()), Some(q.prefix.clone()), Some(q.suffix.clone()), Some(q.start as i64), Some(q.end as i64)),
        (None, true) => {
            let o = a.quote.as_ref().expect("keep_quote");
            (Some(o.exact.clone()), Some(o.prefix.clone()), Some(o.suffix.clone()), Some(o.start as i64), Some(o.end as i64))
        }
        (None, false) => (None, None, None, None, None),
    };
    db::place(conn, a.id, version_id, p, (exact, prefix, suffix, start, end))?;
    let old_place = json!({"version": a.version, "clause": a.clause.as_ref().and_then(|c| c.num.clone()), "anchor": a.anchor.as_str()});
    log(conn, &a.uid, author, action, json!({"placement": [old_place, {"anchor": p.anchor.as_str(), "score": p.score, "note": p.note}]}))?;
    Ok(())
}

/// Places every open annotation of the bill's previous version on
/// `version_id`, just imported (runs inside the import transaction).
/// `text_of` gives a provision's clause text. Returns the ids placed.
pub(crate) fn carry_forward(conn: &Connection, version_id: i64, text_of: &dyn Fn(i64) -> Result<String>) -> Result<Vec<i64>> {
    let Some(prev) = crate::store::versions::previous(conn, version_id)? else { return Ok(Vec::new()) };
    let ids = db::open_on(conn, prev)?;
    for &id in &ids {
        let a = get(conn, id)?;
        let from = db::placed_on(conn, id)?.1.expect("open_on lists placed annotations");
        let succ_ids = db::successors(conn, from, version_id)?;
        let texts: Vec<(i64, String)> = succ_ids.iter().map(|&s| Ok((s, text_of(s)?))).collect::<Result<_>>()?;
        let successors: Vec<Successor<'_>> = texts.iter().map(|(id, t)| Successor { id: *id, text: t }).collect();
        let old = text_of(from)?;
        let mut p = anchor::place(&old, a.quote.as_ref(), &successors);
        // A review nobody did yet is not forgotten because the next version
        // happens to keep the text.
        if a.anchor == Anchor::NeedsReview && matches!(p.anchor, Anchor::Placed | Anchor::Moved) {
            p.anchor = Anchor::NeedsReview;
            p.note = format!("still to review since version {}: {}", a.version, a.anchor_note.as_deref().unwrap_or("weak match"));
        }
        set_placement(conn, &a, version_id, &p, "placed", "draftwatch")?;
    }
    Ok(ids)
}

/// A person's decision on an annotation that needed review.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The placement is right.
    Confirm,
    /// Attach it to another clause of its current version (and quote).
    Reattach {
        /// Provision id of the clause.
        provision_id: i64,
        /// Its text.
        text: String,
        /// Quote in it (None: the whole clause).
        quote: Option<String>,
        /// Where the quote starts, if it occurs more than once.
        quote_start: Option<usize>,
    },
    /// Close it: it no longer applies (status becomes withdrawn).
    Close,
}

/// Applies a review decision.
pub(crate) fn review(conn: &Connection, id: i64, d: &Decision, author: &str) -> Result<()> {
    let a = get(conn, id)?;
    let (version_id, provision_id) = db::placed_on(conn, id)?;
    match d {
        Decision::Confirm => {
            if a.clause.is_none() {
                return Err(Error::from(crate::error::Conflict::State(format!(
                    "annotation {id} has no clause to confirm (the clause was deleted): re-attach it to a clause or close it"
                ))));
            }
            if a.anchor == Anchor::Orphaned && a.quote.is_some() {
                return Err(Error::from(crate::error::Conflict::State(format!(
                    "the quote of annotation {id} is no longer in its clause: re-attach it with a new quote, or close it"
                ))));
            }
            let p = Placement { provision_id, anchor: Anchor::Placed, score: 1.0, quote: a.quote.clone(), note: String::new() };
            set_placement(conn, &a, version_id, &p, "confirmed", author)
        }
        Decision::Reattach { provision_id, text, quote, quote_start } => {
            let (v, lineage) = db::provision_place(conn, *provision_id)?;
            if v != version_id {
                return Err(Error::invalid("clause", "re-attach to a clause of the version the annotation is on"));
            }
            let quote = quote
                .as_deref()
                .map(|q| Quote::find(text, &crate::text::normalize(q), *quote_start).map_err(|m| Error::invalid("quote", m)))
                .transpose()?;
            if let Some(l) = lineage {
                db::set_lineage(conn, id, &l)?;
            }
            let p = Placement { provision_id: Some(*provision_id), anchor: Anchor::Placed, score: 1.0, quote, note: String::new() };
            set_placement(conn, &a, version_id, &p, "reattached", author)
        }
        Decision::Close => {
            db::withdraw(conn, id, &crate::store::now(conn)?)?;
            log(conn, &a.uid, author, "closed", json!({"status": [a.status.as_str(), "withdrawn"]}))?;
            Ok(())
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
