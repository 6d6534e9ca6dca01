//! Data-interchange exports, for other programs to read: annotations as CSV
//! and as W3C Web Annotation JSON-LD (and that JSON-LD read back, [`w3c`]),
//! a version as Akoma Ntoso ([`akn`]), and coalition bundles that another
//! workspace merges ([`bundle`]). The documents for people to read (a
//! position or a comparison as DOCX, PDF, Markdown, HTML) are in
//! [`crate::render`].

use serde_json::{json, Value};

use crate::annotate::Annotation;

pub mod akn;
pub mod bundle;
pub mod w3c;

/// CSV field quoting (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Annotations as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet
/// programs read Khmer right), one row per annotation.
pub fn annotations_csv(list: &[Annotation]) -> String {
    let mut out = String::from("\u{feff}");
    let header = [
        "id",
        "uid",
        "bill",
        "version",
        "article",
        "anchor",
        "quote",
        "title",
        "concern",
        "recommendation",
        "proposed",
        "delete_clause",
        "rights",
        "impact",
        "references",
        "tags",
        "status",
        "author",
        "organisation",
        "created_at",
        "updated_at",
    ];
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for a in list {
        let row = [
            a.id.to_string(),
            a.uid.clone(),
            a.bill.clone(),
            a.version.to_string(),
            a.clause.as_ref().and_then(|c| c.num.clone()).unwrap_or_default(),
            a.anchor.as_str().to_string(),
            a.quote.as_ref().map(|q| q.exact.clone()).unwrap_or_default(),
            a.title.clone(),
            a.concern.clone(),
            a.recommendation.clone(),
            a.proposed.clone().unwrap_or_default(),
            a.delete_clause.to_string(),
            a.rights.join("; "),
            a.impact.as_str().to_string(),
            a.refs.join("; "),
            a.tags.join("; "),
            a.status.as_str().to_string(),
            a.author.clone(),
            a.org.clone().unwrap_or_default(),
            a.created_at.clone(),
            a.updated_at.clone(),
        ];
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// `{"label": value}` helper for JSON exports.
pub(crate) fn obj(pairs: &[(&str, Value)]) -> Value {
    let mut m = serde_json::Map::new();
    for (k, v) in pairs {
        if !v.is_null() {
            m.insert(k.to_string(), v.clone());
        }
    }
    json!(m)
}

#[cfg(test)]
mod tests;
