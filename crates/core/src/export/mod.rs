//! Exports: a joint position as DOCX, Markdown and standalone HTML, a
//! comparison as DOCX with tracked changes ([`docx`]), both as PDF
//! ([`pdf`], through LibreOffice), a position's
//! scorecard as Markdown, annotations as CSV and as W3C Web Annotation
//! JSON-LD (and that JSON-LD read back), a version as Akoma Ntoso ([`akn`]),
//! and coalition bundles that another workspace merges ([`bundle`]).
//!
//! Every text from a bill or an annotation is escaped for its format: a
//! bill's words are never markup.

use serde_json::{json, Value};

use crate::annotate::taxonomy::Right;
use crate::annotate::Annotation;
use crate::positions::track::{Outcome, Scorecard};
use crate::positions::{EndorsementState, PositionDetail};
use crate::text::escape_markup as esc;

pub mod akn;
pub mod bundle;
pub mod docx;
pub mod pdf;
pub mod w3c;

/// The words of an export in the position's language.
pub struct Labels {
    /// "Bill".
    pub bill: &'static str,
    /// "Version".
    pub version: &'static str,
    /// "Article".
    pub article: &'static str,
    /// "Current text".
    pub current: &'static str,
    /// "Concern".
    pub concern: &'static str,
    /// "Recommendation".
    pub recommendation: &'static str,
    /// "Proposed wording".
    pub proposed: &'static str,
    /// "Delete this article".
    pub delete: &'static str,
    /// "Rights".
    pub rights: &'static str,
    /// "References".
    pub references: &'static str,
    /// "Impact".
    pub impact: &'static str,
    /// "Endorsed by".
    pub endorsed_by: &'static str,
    /// "Quoted".
    pub quoted: &'static str,
}

/// Labels for `lang` (`km`, else English).
pub fn labels(lang: &str) -> Labels {
    if lang == "km" {
        Labels {
            bill: "សេចក្តីព្រាងច្បាប់",
            version: "កំណែ",
            article: "មាត្រា",
            current: "អត្ថបទបច្ចុប្បន្ន",
            concern: "កង្វល់",
            recommendation: "អនុសាសន៍",
            proposed: "ពាក្យពេចន៍ដែលស្នើ",
            delete: "លុបមាត្រានេះចោល",
            rights: "សិទ្ធិ",
            references: "ឯកសារយោង",
            impact: "ផលប៉ះពាល់",
            endorsed_by: "គាំទ្រដោយ",
            quoted: "ដកស្រង់",
        }
    } else {
        Labels {
            bill: "Bill",
            version: "Version",
            article: "Article",
            current: "Current text",
            concern: "Concern",
            recommendation: "Recommendation",
            proposed: "Proposed wording",
            delete: "Delete this article",
            rights: "Rights",
            references: "References",
            impact: "Impact",
            endorsed_by: "Endorsed by",
            quoted: "Quoted",
        }
    }
}

/// A right's label in the position's language (the id if unknown).
pub fn right_label(rights: &[Right], id: &str, lang: &str) -> String {
    match rights.iter().find(|r| r.id == id) {
        Some(r) if lang == "km" && !r.km.is_empty() => r.km.clone(),
        Some(r) => r.en.clone(),
        None => id.to_string(),
    }
}

/// The impact in words.
pub fn impact_label(i: crate::annotate::Impact, lang: &str) -> &'static str {
    use crate::annotate::Impact::*;
    match (i, lang == "km") {
        (StronglyRestricts, false) => "strongly restricts",
        (Restricts, false) => "restricts",
        (Neutral, false) => "neutral",
        (Protects, false) => "protects",
        (StronglyProtects, false) => "strongly protects",
        (StronglyRestricts, true) => "រឹតត្បិតយ៉ាងខ្លាំង",
        (Restricts, true) => "រឹតត្បិត",
        (Neutral, true) => "អព្យាក្រឹត",
        (Protects, true) => "ការពារ",
        (StronglyProtects, true) => "ការពារយ៉ាងខ្លាំង",
    }
}

/// An item's heading in every export: `1. Article 8 — Registration — Prior permission`.
pub(crate) fn item_heading(d: &PositionDetail, i: usize) -> String {
    let l = labels(&d.position.lang);
    let item = &d.items[i];
    let num = item.num.as_deref().map(|n| format!("{} {n}", l.article)).unwrap_or_default();
    let heading = [num, item.heading.clone().unwrap_or_default(), item.annotation.title.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" — ");
    format!("{}. {heading}", i + 1)
}

/// What an export shows of one item: (heading, current text, rows of label and value).
fn item_parts<'a>(d: &'a PositionDetail, i: usize, rights: &[Right]) -> (String, &'a str, Vec<(&'static str, String)>) {
    let l = labels(&d.position.lang);
    let lang = d.position.lang.as_str();
    let item = &d.items[i];
    let a = &item.annotation;
    let mut rows = Vec::new();
    if let Some(q) = &a.quote {
        rows.push((l.quoted, q.exact.clone()));
    }
    rows.push((l.concern, a.concern.clone()));
    let mut rec = a.recommendation.clone();
    if a.delete_clause {
        rec = if rec.is_empty() { l.delete.to_string() } else { format!("{rec} ({})", l.delete) };
    }
    rows.push((l.recommendation, rec));
    if let Some(p) = &a.proposed {
        rows.push((l.proposed, p.clone()));
    }
    rows.push((l.rights, a.rights.iter().map(|r| right_label(rights, r, lang)).collect::<Vec<_>>().join("; ")));
    rows.push((l.impact, impact_label(a.impact, lang).to_string()));
    rows.push((l.references, a.refs.join("; ")));
    (item_heading(d, i), &item.text, rows)
}

fn endorsers(d: &PositionDetail) -> Vec<String> {
    d.endorsements
        .iter()
        .filter(|e| e.state == EndorsementState::Endorsed)
        .map(|e| match &e.org.name_km {
            Some(km) => format!("{} ({}) — {km}", e.org.name, e.org.short_name),
            None => format!("{} ({})", e.org.name, e.org.short_name),
        })
        .collect()
}

/// Markdown text, escaped so that a bill's words are not read as markup.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A joint position as Markdown.
pub fn position_markdown(d: &PositionDetail, rights: &[Right]) -> String {
    let l = labels(&d.position.lang);
    let p = &d.position;
    let mut out = format!("# {}\n\n", md(&p.title));
    let date = p.version_date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
    out.push_str(&format!("{}: {} — {}: {}{}\n\n", l.bill, md(&p.bill), l.version, md(&p.version_label), date));
    if !p.intro.is_empty() {
        out.push_str(&format!("{}\n\n", md(&p.intro)));
    }
    for i in 0..d.items.len() {
        let (heading, text, rows) = item_parts(d, i, rights);
        out.push_str(&format!("## {}\n\n**{}:**\n\n", md(&heading), l.current));
        for line in text.lines() {
            out.push_str(&format!("> {}\n", md(line)));
        }
        out.push('\n');
        for (label, value) in rows.into_iter().filter(|(_, v)| !v.is_empty()) {
            out.push_str(&format!("**{label}:** {}\n\n", md(&value)));
        }
    }
    if !p.closing.is_empty() {
        out.push_str(&format!("{}\n\n", md(&p.closing)));
    }
    let orgs = endorsers(d);
    if !orgs.is_empty() {
        out.push_str(&format!("## {}\n\n", l.endorsed_by));
        for o in orgs {
            out.push_str(&format!("- {}\n", md(&o)));
        }
    }
    out
}

/// A joint position as one standalone, printable HTML file: a table per item
/// ("Current text | Concern | Recommendation | Rights | References"), the
/// endorsing organisations at the end. No script, no remote resource.
pub fn position_html(d: &PositionDetail, rights: &[Right]) -> String {
    let l = labels(&d.position.lang);
    let p = &d.position;
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>{}</title>\n<style>\n{}\n</style>\n</head>\n<body>\n",
        esc(&p.lang),
        esc(&p.title),
        STYLE
    ));
    out.push_str(&format!("<h1>{}</h1>\n", esc(&p.title)));
    let date = p.version_date.as_deref().map(|d| format!(" ({})", esc(d))).unwrap_or_default();
    out.push_str(&format!("<p class=\"meta\">{}: {} — {}: {}{date}</p>\n", l.bill, esc(&p.bill), l.version, esc(&p.version_label)));
    for para in p.intro.split("\n\n").filter(|s| !s.trim().is_empty()) {
        out.push_str(&format!("<p>{}</p>\n", esc(para)));
    }
    for i in 0..d.items.len() {
        let (heading, text, rows) = item_parts(d, i, rights);
        out.push_str(&format!("<section class=\"item\">\n<h2>{}</h2>\n<table>\n", esc(&heading)));
        out.push_str(&format!("<tr><th>{}</th><td class=\"text\">{}</td></tr>\n", l.current, esc(text)));
        for (label, value) in rows.into_iter().filter(|(_, v)| !v.is_empty()) {
            out.push_str(&format!("<tr><th>{label}</th><td>{}</td></tr>\n", esc(&value)));
        }
        out.push_str("</table>\n</section>\n");
    }
    for para in p.closing.split("\n\n").filter(|s| !s.trim().is_empty()) {
        out.push_str(&format!("<p>{}</p>\n", esc(para)));
    }
    let orgs = endorsers(d);
    if !orgs.is_empty() {
        out.push_str(&format!("<h2>{}</h2>\n<ul class=\"orgs\">\n", l.endorsed_by));
        for o in orgs {
            out.push_str(&format!("<li>{}</li>\n", esc(&o)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

const STYLE: &str = "body { font-family: 'Noto Sans Khmer', 'Khmer OS', 'Noto Sans', sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: #555; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: .4rem .6rem; vertical-align: top; text-align: left; }
th { width: 11rem; background: #f3f3f3; font-weight: 600; }
td.text { white-space: pre-wrap; }
@media print { body { margin: 0; max-width: none; } section.item { break-inside: avoid; } a { color: inherit; } }";

/// A scorecard as Markdown: one line per recommendation, then the evidence.
pub fn scorecard_markdown(s: &Scorecard) -> String {
    let mut out = format!("# {}: what became of our recommendations\n\n", md(&s.title));
    out.push_str(&format!("{} version {} against version {} ({}).\n\n", md(&s.bill), s.from, s.against, md(&s.against_label)));
    out.push_str("| # | Recommendation | Article then | Article now | Outcome |\n|---|---|---|---|---|\n");
    for (i, it) in s.items.iter().enumerate() {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            i + 1,
            md(&it.title),
            md(it.from_num.as_deref().unwrap_or("—")),
            if it.to_nums.is_empty() { "—".to_string() } else { md(&it.to_nums.join(", ")) },
            it.outcome.label()
        ));
    }
    for (i, it) in s.items.iter().enumerate() {
        out.push_str(&format!("\n## {}. {} — {}\n\n{}\n", i + 1, md(&it.title), it.outcome.label(), md(&it.note)));
        if !it.evidence.is_empty() && it.outcome != Outcome::Adopted {
            out.push_str("\nProposed → enacted: ");
            for op in &it.evidence {
                let t = md(&op.text.replace('\n', " "));
                match op.op {
                    crate::diff::report::OpKind::Equal => out.push_str(&t),
                    crate::diff::report::OpKind::Delete => out.push_str(&format!("~~{t}~~")),
                    crate::diff::report::OpKind::Insert => out.push_str(&format!("**{t}**")),
                }
            }
            out.push('\n');
        }
    }
    out
}

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
