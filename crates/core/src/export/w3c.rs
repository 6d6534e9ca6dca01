//! Annotations as W3C Web Annotation JSON-LD (<https://www.w3.org/TR/annotation-model/>),
//! and back.
//!
//! An export is an `AnnotationCollection` with one `AnnotationPage`. Each
//! annotation has the required `@context` (through the collection), `id`
//! (`urn:uuid:` from its uid), `type` and `target`; the target's `source` is
//! `urn:draftwatch:<bill>:<version>#<eid>` with a `TextQuoteSelector` and a
//! `TextPositionSelector`, or no selector for a whole clause. Bodies are
//! `TextualBody` with the model's purposes: `assessing` (the concern),
//! `editing` (the proposed wording), `commenting` (title and
//! recommendation), `classifying` (each right), `tagging` (tags). What the
//! model has no term for (impact, status, references, deletion) is in the
//! `dw:` namespace declared in the context.

use serde_json::{json, Value};

use super::obj;
use crate::annotate::anchor::Quote;
use crate::annotate::{Annotation, NewAnnotation};

/// The namespace of Draftwatch's own terms.
pub const NS: &str = "https://draftwatch.app/ns#";

fn urn(uid: &str) -> String {
    if uid.len() == 32 && uid.chars().all(|c| c.is_ascii_hexdigit()) {
        format!("urn:uuid:{}-{}-{}-{}-{}", &uid[..8], &uid[8..12], &uid[12..16], &uid[16..20], &uid[20..])
    } else {
        format!("urn:draftwatch:annotation:{uid}")
    }
}

fn uid_of(id: &str) -> Option<String> {
    if let Some(u) = id.strip_prefix("urn:uuid:") {
        let hex: String = u.chars().filter(|c| *c != '-').collect();
        return (hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit())).then(|| hex.to_lowercase());
    }
    id.strip_prefix("urn:draftwatch:annotation:").map(str::to_string)
}

fn body(purpose: &str, value: &str, lang: Option<&str>) -> Value {
    obj(&[
        ("type", json!("TextualBody")),
        ("purpose", json!(purpose)),
        ("value", json!(value)),
        ("format", json!("text/plain")),
        ("language", lang.map(|l| json!(l)).unwrap_or(Value::Null)),
    ])
}

fn lang_of(s: &str) -> Option<&'static str> {
    if s.chars().any(crate::text::khmer::is_khmer) {
        Some("km")
    } else if s.chars().any(|c| c.is_ascii_alphabetic()) {
        Some("en")
    } else {
        None
    }
}

/// One annotation in the model.
pub fn annotation(a: &Annotation) -> Value {
    let mut bodies = vec![body("commenting", &a.title, lang_of(&a.title))];
    if !a.concern.is_empty() {
        bodies.push(body("assessing", &a.concern, lang_of(&a.concern)));
    }
    if !a.recommendation.is_empty() {
        bodies.push(body("commenting", &a.recommendation, lang_of(&a.recommendation)));
    }
    if let Some(p) = &a.proposed {
        bodies.push(body("editing", p, lang_of(p)));
    }
    for r in &a.rights {
        bodies.push(body("classifying", r, None));
    }
    for t in &a.tags {
        bodies.push(body("tagging", t, lang_of(t)));
    }
    let eid = a.clause.as_ref().map(|c| c.eid.clone()).unwrap_or_default();
    let source = format!("urn:draftwatch:{}:{}#{}", a.bill, a.version, eid);
    let selector = a.quote.as_ref().map(|q| {
        json!([
            {"type": "TextQuoteSelector", "exact": q.exact, "prefix": q.prefix, "suffix": q.suffix},
            {"type": "TextPositionSelector", "start": q.start, "end": q.end}
        ])
    });
    obj(&[
        ("id", json!(urn(&a.uid))),
        ("type", json!("Annotation")),
        ("motivation", json!(if a.proposed.is_some() || a.delete_clause { "editing" } else { "assessing" })),
        ("created", json!(a.created_at)),
        ("modified", json!(a.updated_at)),
        (
            "creator",
            obj(&[
                ("type", json!("Person")),
                ("name", json!(a.author)),
                ("dw:organisation", a.org.as_ref().map(|o| json!(o)).unwrap_or(Value::Null)),
            ]),
        ),
        ("body", json!(bodies)),
        (
            "target",
            obj(&[
                ("source", json!(source)),
                ("selector", selector.unwrap_or(Value::Null)),
                ("dw:clause", a.clause.as_ref().and_then(|c| c.num.clone()).map(|n| json!(n)).unwrap_or(Value::Null)),
            ]),
        ),
        ("dw:impact", json!(a.impact.as_str())),
        ("dw:status", json!(a.status.as_str())),
        ("dw:references", json!(a.refs)),
        ("dw:deleteClause", json!(a.delete_clause)),
        ("dw:lineage", json!(a.lineage)),
    ])
}

/// Annotations as one JSON-LD `AnnotationCollection`.
pub fn collection(list: &[Annotation], label: &str) -> Value {
    json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"dw": NS}],
        "type": "AnnotationCollection",
        "label": label,
        "total": list.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": list.iter().map(annotation).collect::<Vec<_>>()
        }
    })
}

/// An annotation read back from the model: where it goes and what it says.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Its uid (from `id`).
    pub uid: String,
    /// The new annotation (bill, version and clause from the target).
    pub new: NewAnnotation,
    /// The clause's eId in the target.
    pub eid: String,
    /// Timestamps.
    pub created: Option<String>,
}

/// Reads a collection, a page or one annotation. Each error names the item.
pub fn read(v: &Value) -> Result<Vec<Imported>, String> {
    let items: Vec<&Value> = match v.get("type").and_then(Value::as_str) {
        Some("AnnotationCollection") => v["first"]["items"].as_array().ok_or("the collection has no first page of items")?.iter().collect(),
        Some("AnnotationPage") => v["items"].as_array().ok_or("the page has no items")?.iter().collect(),
        Some("Annotation") => vec![v],
        _ => return Err("not a W3C Web Annotation document (type must be Annotation, AnnotationPage or AnnotationCollection)".into()),
    };
    items.into_iter().enumerate().map(|(i, a)| read_one(a).map_err(|e| format!("annotation {}: {e}", i + 1))).collect()
}

fn read_one(a: &Value) -> Result<Imported, String> {
    if a.get("type").and_then(Value::as_str) != Some("Annotation") {
        return Err("type is not Annotation".into());
    }
    let id = a.get("id").and_then(Value::as_str).ok_or("no id")?;
    let uid = uid_of(id).ok_or_else(|| format!("id {id} is not a urn:uuid"))?;
    let target = a.get("target").ok_or("no target")?;
    let source = target.get("source").and_then(Value::as_str).ok_or("the target has no source")?;
    let rest = source.strip_prefix("urn:draftwatch:").ok_or_else(|| format!("target {source} is not a Draftwatch clause"))?;
    let (bv, eid) = rest.split_once('#').ok_or("the target names no clause")?;
    let (bill, version) = bv.rsplit_once(':').ok_or("the target names no version")?;
    let mut quote: Option<Quote> = None;
    let mut start = None;
    for s in target.get("selector").and_then(Value::as_array).into_iter().flatten() {
        match s.get("type").and_then(Value::as_str) {
            Some("TextQuoteSelector") => {
                let exact = s.get("exact").and_then(Value::as_str).ok_or("a TextQuoteSelector without exact")?;
                quote = Some(Quote { exact: exact.into(), prefix: String::new(), suffix: String::new(), start: 0, end: 0 });
            }
            Some("TextPositionSelector") => start = s.get("start").and_then(Value::as_u64).map(|x| x as usize),
            _ => {}
        }
    }
    let bodies: Vec<&Value> = match a.get("body") {
        Some(Value::Array(b)) => b.iter().collect(),
        Some(b @ Value::Object(_)) => vec![b],
        _ => Vec::new(),
    };
    let of = |purpose: &str| -> Vec<String> {
        bodies
            .iter()
            .filter(|b| b.get("purpose").and_then(Value::as_str) == Some(purpose))
            .filter_map(|b| b.get("value").and_then(Value::as_str).map(str::to_string))
            .collect()
    };
    let comments = of("commenting");
    let strings = |k: &str| -> Vec<String> {
        a.get(k).and_then(Value::as_array).map(|v| v.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
    };
    let new = NewAnnotation {
        bill: bill.into(),
        version: version.into(),
        clause: eid.into(),
        quote: quote.map(|q| q.exact),
        quote_start: start,
        title: comments.first().cloned().ok_or("no commenting body (the title)")?,
        concern: of("assessing").join("\n\n"),
        recommendation: comments.get(1..).map(|c| c.join("\n\n")).unwrap_or_default(),
        proposed: of("editing").into_iter().next(),
        delete_clause: a.get("dw:deleteClause").and_then(Value::as_bool).unwrap_or(false),
        rights: of("classifying"),
        impact: a.get("dw:impact").and_then(Value::as_str).map(str::to_string),
        refs: strings("dw:references"),
        tags: of("tagging"),
        status: a.get("dw:status").and_then(Value::as_str).map(str::to_string),
        author: a.pointer("/creator/name").and_then(Value::as_str).unwrap_or("unknown").to_string(),
        org: a.pointer("/creator/dw:organisation").and_then(Value::as_str).map(str::to_string),
    };
    Ok(Imported { uid, new, eid: eid.into(), created: a.get("created").and_then(Value::as_str).map(str::to_string) })
}
