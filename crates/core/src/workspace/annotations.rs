//! Annotations through the facade: adding, editing, replies, the review queue and decisions; the rights taxonomy and organisations.

use super::Workspace;
use crate::error::Result;
use crate::store::provisions::ClauseTexts;
use crate::{annotate, positions};
use serde::{Deserialize, Serialize};

/// What a person decides on an annotation in review.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ReviewAction {
    /// The placement is right.
    Confirm,
    /// Attach to this clause (number) of the annotation's version, quoting `quote` (or the whole clause).
    Reattach {
        /// Clause number.
        clause: String,
        /// Quote.
        quote: Option<String>,
        /// Start of the quote (code points), if it occurs more than once.
        quote_start: Option<usize>,
    },
    /// It no longer applies: withdraw it.
    Close,
}

/// An annotation waiting for a person, with the text it was on and the text
/// it was placed on (`annotate review`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ReviewItem {
    /// The annotation as it stands.
    pub annotation: annotate::Annotation,
    /// The clause text on the version before (where the annotation was last placed for sure).
    pub old_text: Option<String>,
    /// The clause text it is placed on now (None when the clause was deleted).
    pub new_text: Option<String>,
}

impl Workspace {
    /// Annotates a clause (or a quoted span of it).
    pub fn annotate_add(&mut self, na: &annotate::NewAnnotation) -> Result<annotate::Annotation> {
        let (version_id, provision_id, text) = self.clause_target(&na.bill, &na.version, &na.clause)?;
        let tx = self.conn.transaction()?;
        let id = annotate::insert(&tx, na, version_id, provision_id, &text, None)?;
        tx.commit()?;
        let _ = self.refresh_index();
        annotate::get(&self.conn, id)
    }

    /// Annotations matching a filter.
    pub fn annotations(&self, f: &annotate::Filter) -> Result<Vec<annotate::Annotation>> {
        annotate::list(&self.conn, f)
    }

    /// One annotation with its thread, history and placements.
    pub fn annotation(&self, id: i64) -> Result<annotate::AnnotationDetail> {
        annotate::detail(&self.conn, id)
    }

    /// Edits an annotation; returns it as it is now.
    pub fn annotate_edit(&mut self, id: i64, e: &annotate::AnnotationEdit, author: &str) -> Result<annotate::Annotation> {
        let tx = self.conn.transaction()?;
        let changed = annotate::edit(&tx, id, e, author)?;
        tx.commit()?;
        if changed {
            let _ = self.refresh_index();
        }
        annotate::get(&self.conn, id)
    }

    /// Replies to an annotation.
    pub fn annotate_reply(&mut self, id: i64, author: &str, org: Option<&str>, body: &str) -> Result<annotate::Reply> {
        let r = annotate::reply(&self.conn, id, author, org, body)?;
        let _ = self.refresh_index();
        Ok(r)
    }

    /// Deletes an annotation (its history is kept).
    pub fn annotate_delete(&mut self, id: i64, author: &str) -> Result<annotate::Annotation> {
        let tx = self.conn.transaction()?;
        let a = annotate::delete(&tx, id, author)?;
        tx.commit()?;
        let _ = self.refresh_index();
        Ok(a)
    }

    /// Annotations that need a person (`needs_review`, or `orphaned` and still
    /// open), with the old and the new text side by side.
    pub fn review_queue(&self, bill: Option<&str>) -> Result<Vec<ReviewItem>> {
        let f = annotate::Filter {
            bill: bill.map(str::to_string),
            anchors: vec![annotate::anchor::Anchor::NeedsReview, annotate::anchor::Anchor::Orphaned],
            ..Default::default()
        };
        let mut out = Vec::new();
        let texts = ClauseTexts::new(&self.conn);
        for a in annotate::list(&self.conn, &f)?.into_iter().filter(|a| a.status != annotate::Status::Withdrawn) {
            let (prev, now) = annotate::review_provisions(&self.conn, a.id, a.version)?;
            let old_text = prev.map(|p| texts.get(p)).transpose()?;
            let new_text = now.map(|p| texts.get(p)).transpose()?;
            out.push(ReviewItem { annotation: a, old_text, new_text });
        }
        Ok(out)
    }

    /// Applies a person's review decision.
    pub fn annotate_review(&mut self, id: i64, action: &ReviewAction, author: &str) -> Result<annotate::Annotation> {
        let decision = match action {
            ReviewAction::Confirm => annotate::Decision::Confirm,
            ReviewAction::Close => annotate::Decision::Close,
            ReviewAction::Reattach { clause, quote, quote_start } => {
                let a = annotate::get(&self.conn, id)?;
                let (_, provision_id, text) = self.clause_target(&a.bill, &a.version.to_string(), clause)?;
                annotate::Decision::Reattach { provision_id, text, quote: quote.clone(), quote_start: *quote_start }
            }
        };
        let tx = self.conn.transaction()?;
        annotate::review(&tx, id, &decision, author)?;
        tx.commit()?;
        let _ = self.refresh_index();
        annotate::get(&self.conn, id)
    }

    /// The rights taxonomy (built-in and the workspace's own entries).
    pub fn rights(&self) -> Result<Vec<annotate::taxonomy::Right>> {
        annotate::taxonomy::all(&self.conn)
    }

    /// Adds a right to the workspace's taxonomy.
    pub fn right_add(&mut self, r: &annotate::taxonomy::Right) -> Result<()> {
        annotate::taxonomy::add(&self.conn, r)
    }

    /// Adds an organisation.
    pub fn org_add(&mut self, o: &positions::Organisation) -> Result<positions::Organisation> {
        positions::add(&self.conn, o)
    }

    /// The organisations.
    pub fn orgs(&self) -> Result<Vec<positions::Organisation>> {
        positions::list(&self.conn)
    }

    /// (version id, provision id, clause text) of a clause named by number or eId.
    pub(super) fn clause_target(&self, bill: &str, version: &str, clause: &str) -> Result<(i64, i64, String)> {
        let version_id = self.version_id(bill, version)?;
        let node = self.clause(bill, version, clause)?;
        let provision_id = crate::store::provisions::id_of(&self.conn, version_id, &node.eid)?;
        Ok((version_id, provision_id, crate::align::clause_text(&node)))
    }
}
