//! Reading what a workspace holds: bills, versions, provision trees, clauses, and the diff between two versions.

use super::{BillInfo, VersionInfo, Workspace};
use crate::diff::report::{DiffReport, VersionRef};
use crate::error::{NotFound, Result};
use crate::store::{self, provisions::load_tree};
use crate::structure::{self, Node};

impl Workspace {
    /// Every bill, by slug.
    pub fn bills(&self) -> Result<Vec<BillInfo>> {
        store::versions::bills(&self.conn)
    }

    /// The versions of a bill, oldest first.
    pub fn versions(&self, bill: &str) -> Result<Vec<VersionInfo>> {
        let seqs = store::versions::seqs(&self.conn, self.bill_id(bill)?)?;
        seqs.into_iter().map(|s| self.version_info(bill, &s.to_string())).collect()
    }

    /// One version, by number, label or `latest`.
    pub fn version_info(&self, bill: &str, reference: &str) -> Result<VersionInfo> {
        store::versions::info(&self.conn, bill, self.version_id(bill, reference)?)
    }

    /// The provision tree of a version.
    pub fn tree(&self, bill: &str, reference: &str) -> Result<Vec<Node>> {
        let id = self.version_id(bill, reference)?;
        load_tree(&self.conn, id)
    }

    /// The clause numbered `num` (as printed, or by value: `12` finds `១២`).
    pub fn clause(&self, bill: &str, reference: &str, num: &str) -> Result<Node> {
        let tree = self.tree(bill, reference)?;
        let wanted = structure::number::value(num);
        let found = structure::walk_all(&tree)
            .into_iter()
            .find(|n| n.kind.is_clause() && (n.num.as_deref() == Some(num) || wanted.is_some() && n.num_value == wanted || n.eid == num));
        match found {
            Some(n) => Ok(n.clone()),
            None => Err(NotFound::Clause { bill: bill.into(), version: self.version_info(bill, reference)?.label, num: num.into() }.into()),
        }
    }

    /// Compares two versions of a bill (any two, in either order).
    pub fn diff(&self, bill: &str, from: &str, to: &str) -> Result<DiffReport> {
        let (fv, tv) = (self.version_info(bill, from)?, self.version_info(bill, to)?);
        let (old, new) = (self.tree(bill, from)?, self.tree(bill, to)?);
        let r = |v: &VersionInfo| VersionRef { seq: v.seq, label: v.label.clone(), date: v.date.clone() };
        Ok(crate::diff::compare(bill, r(&fv), r(&tv), &old, &new))
    }
}

impl Workspace {
    /// The comparable text of a clause (heading and body), as the diff sees it.
    pub(super) fn clause_text(&self, version_id: i64, eid: &str) -> Result<String> {
        let tree = load_tree(&self.conn, version_id)?;
        let node = structure::walk_all(&tree).into_iter().find(|n| n.eid == eid).cloned();
        Ok(node.map(|n| crate::align::Clause::from_node(0, &n).text).unwrap_or_default())
    }

    pub(super) fn bill_id(&self, bill: &str) -> Result<i64> {
        store::versions::bill_id(&self.conn, bill)
    }

    /// Resolves a version reference: sequence number, label, or `latest`.
    pub fn version_id(&self, bill: &str, reference: &str) -> Result<i64> {
        store::versions::version_id(&self.conn, bill, reference)
    }
}
