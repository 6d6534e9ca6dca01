//! A comparison as one standalone HTML5 page, to read, share or print.
//!
//! The page needs nothing but itself: no network, no remote fonts, no script
//! (the side-by-side / inline switch is two radio inputs and `:checked`
//! selectors), and a Content-Security-Policy that forbids everything but its
//! own inline style and `data:` images. Bill text is imported, untrusted text:
//! every piece of text and every attribute value goes through one escape
//! function ([`escape_into`]), and element ids are reduced to `[A-Za-z0-9_-]`.
//!
//! The page, top to bottom: the versions compared, the summary counts, the list
//! of changed clauses (each a link to its section), then one section per change
//! with both views of its redline. Unchanged clauses are one collapsed line each.
//! Every clause can be reached by its eId in either version: `#new-chp_2__art_9`,
//! `#old-chp_2__art_8` (the first eId names the section, the others are anchors
//! in its header).

use super::report::{Change, ChangeKind, ClauseRef, DiffReport, Op, OpKind, VersionRef};
use std::collections::HashSet;

/// Longest id made from an eId (the rest is cut; ids stay unique).
const MAX_ID: usize = 120;

/// Renders a report as one standalone HTML5 document.
///
/// The output is deterministic (no clock, no randomness): the same report
/// gives the same bytes.
pub fn render_html(report: &DiffReport) -> String {
    let anchors = change_anchors(&report.changes);
    let text_len: usize = report.changes.iter().flat_map(|c| c.ops.iter()).map(|o| o.text.len()).sum();
    let mut out = String::with_capacity(CSS.len() + 4096 + text_len * 3 + report.changes.len() * 600);

    head(&mut out, report);
    out.push_str("<body>\n");
    // The view switch: the radios come first so that `:checked ~ .page` reaches every section.
    out.push_str("<input class=\"view-radio\" type=\"radio\" name=\"view\" id=\"view-side\" checked>\n");
    out.push_str("<input class=\"view-radio\" type=\"radio\" name=\"view\" id=\"view-inline\">\n");
    out.push_str("<div class=\"page\">\n");
    toolbar(&mut out);
    doc_header(&mut out, report);
    summary(&mut out, report);
    contents(&mut out, report, &anchors);
    out.push_str("<main id=\"changes\" aria-labelledby=\"changes-h\">\n<h2 id=\"changes-h\">Clauses</h2>\n");
    for (change, ids) in report.changes.iter().zip(&anchors) {
        if change.kind == ChangeKind::Unchanged {
            unchanged(&mut out, change, ids);
        } else {
            section(&mut out, report, change, ids);
        }
    }
    out.push_str("</main>\n");
    out.push_str("<footer class=\"doc-foot\"><p>Draftwatch comparison · ");
    escape_into(&mut out, &report.bill);
    out.push_str(" · ");
    escape_into(&mut out, &version_text(&report.from));
    out.push_str(" → ");
    escape_into(&mut out, &version_text(&report.to));
    out.push_str("</p></footer>\n</div>\n</body>\n</html>\n");
    out
}

/// The one escape of this module (see [`crate::text::escape_markup_into`]):
/// every text that is not a literal of this file goes through it.
fn escape_into(out: &mut String, s: &str) {
    crate::text::escape_markup_into(out, s)
}

fn esc(s: &str) -> String {
    crate::text::escape_markup(s)
}

/// An id fragment from an eId: ASCII letters, digits, `_` and `-`; anything
/// else becomes `_`. Never empty.
fn sanitize_id(s: &str) -> String {
    let id: String = s.chars().take(MAX_ID).map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect();
    if id.is_empty() {
        "clause".to_string()
    } else {
        id
    }
}

/// The ids of every change: the first names its section, the others are extra
/// anchors (the other eIds of the change). `new-` + the eId in the newer
/// version, `old-` + the eId in the older one; unique across the page.
fn change_anchors(changes: &[Change]) -> Vec<Vec<String>> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut unique = |base: String| {
        let mut id = base.clone();
        let mut k = 2;
        while !seen.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        id
    };
    changes
        .iter()
        .map(|c| {
            let mut bases: Vec<String> = c.to.iter().map(|r| format!("new-{}", sanitize_id(&r.eid))).collect();
            bases.extend(c.from.iter().map(|r| format!("old-{}", sanitize_id(&r.eid))));
            if bases.is_empty() {
                bases.push("change".to_string());
            }
            bases.into_iter().map(&mut unique).collect()
        })
        .collect()
}

/// Whether `s` has Khmer letters or digits.
fn is_khmer(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}'))
}

/// ` lang="km"` for Khmer text (so the browser picks a Khmer font and line breaking).
fn lang_attr(s: &str) -> &'static str {
    if is_khmer(s) {
        " lang=\"km\""
    } else {
        ""
    }
}

/// "Draft 1 (2018-02-01, version 1)".
fn version_text(v: &VersionRef) -> String {
    let mut meta = Vec::new();
    if let Some(d) = v.date.as_deref().filter(|d| !d.trim().is_empty()) {
        meta.push(d.to_string());
    }
    if v.seq > 0 {
        meta.push(format!("version {}", v.seq));
    }
    let label = if v.label.trim().is_empty() { "(unlabelled)" } else { v.label.as_str() };
    if meta.is_empty() {
        label.to_string()
    } else {
        format!("{label} ({})", meta.join(", "))
    }
}

/// Appends a version's short name as a `version-name` span.
fn version_span(out: &mut String, name: &str) {
    out.push_str("<span class=\"version-name\"");
    out.push_str(lang_attr(name));
    out.push('>');
    escape_into(out, name);
    out.push_str("</span>");
}

/// A version's short name: its label, or "the older/newer version".
fn version_name(v: &VersionRef, fallback: &str) -> String {
    if v.label.trim().is_empty() {
        fallback.to_string()
    } else {
        v.label.clone()
    }
}

/// "Art. 8", "មាត្រា ៨", "Sec. 101": the number as printed, with the word for
/// the clause's kind (read from the last step of its eId).
fn clause_label(r: &ClauseRef) -> String {
    let step = r.eid.rsplit("__").next().unwrap_or("");
    let prefix = step.split('_').next().unwrap_or("");
    let num = r.num.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let word = match prefix {
        "art" if num.is_some_and(is_khmer) => "មាត្រា",
        "art" => "Art.",
        "sec" => "Sec.",
        _ => "",
    };
    match (word, num) {
        ("", Some(n)) => n.to_string(),
        ("", None) => "(unnumbered)".to_string(),
        (w, Some(n)) => format!("{w} {n}"),
        (w, None) => format!("{w} (unnumbered)"),
    }
}

/// The labels of one side of a change, "Art. 8, Art. 9"; empty for none.
fn side_label(refs: &[ClauseRef]) -> String {
    refs.iter().map(clause_label).collect::<Vec<_>>().join(", ")
}

/// "Art. 8 → Art. 9", or one label where both sides read the same.
fn change_title(c: &Change) -> String {
    let from = side_label(&c.from);
    let to = side_label(&c.to);
    match (from.is_empty(), to.is_empty()) {
        (true, true) => "(no clause)".to_string(),
        (false, true) => from,
        (true, false) => to,
        _ if from == to => from,
        _ => format!("{from} → {to}"),
    }
}

/// The printed numbers of one side, "8, 9" ("?" where a clause has none).
fn side_nums(refs: &[ClauseRef]) -> String {
    refs.iter().map(|r| r.num.as_deref().map(str::trim).filter(|n| !n.is_empty()).unwrap_or("?")).collect::<Vec<_>>().join(", ")
}

/// The distinct headings of one side, joined with " / ".
fn side_headings(refs: &[ClauseRef]) -> Option<String> {
    let mut seen: Vec<&str> = Vec::new();
    for h in refs.iter().filter_map(|r| r.heading.as_deref()).map(str::trim).filter(|h| !h.is_empty()) {
        if !seen.contains(&h) {
            seen.push(h);
        }
    }
    (!seen.is_empty()).then(|| seen.join(" / "))
}

/// A flag as a reader says it.
fn flag_text(flag: &str) -> String {
    match flag {
        "operative-word" => "operative word".to_string(),
        f => f.to_string(),
    }
}

/// "modified", "renumbered", "moved", "substantive" / "cosmetic", flags: what the list says of a change.
fn tags(c: &Change) -> Vec<String> {
    let mut t = vec![c.kind.as_str().to_string()];
    if c.renumbered {
        t.push("renumbered".to_string());
    }
    if c.moved {
        t.push("moved".to_string());
    }
    if c.kind != ChangeKind::Unchanged {
        t.push(if c.substantive { "substantive" } else { "cosmetic" }.to_string());
    }
    t.extend(c.flags.iter().map(|f| flag_text(f)));
    t
}

/// Which runs of a redline to show.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Equal and deleted runs: the old text.
    Old,
    /// Equal and inserted runs: the new text.
    New,
    /// Everything, deletions before insertions as in the ops.
    Both,
}

/// Whether a side of the redline has any text.
fn has_text(ops: &[Op], side: Side) -> bool {
    ops.iter().any(|o| {
        !o.text.is_empty()
            && match o.op {
                OpKind::Equal => true,
                OpKind::Delete => side != Side::New,
                OpKind::Insert => side != Side::Old,
            }
    })
}

/// Appends one `<del>` or `<ins>` run; a run of whitespace alone gets a visible mark.
fn marked(out: &mut String, tag: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push('<');
    out.push_str(tag);
    if text.chars().all(char::is_whitespace) {
        out.push_str(if text.contains('\n') { " class=\"ws nl\" title=\"line break\"" } else { " class=\"ws\" title=\"space\"" });
    }
    out.push('>');
    escape_into(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// Appends the redline of one side as text with `<del>` / `<ins>`.
fn redline(out: &mut String, ops: &[Op], side: Side) {
    for op in ops {
        match (op.op, side) {
            (OpKind::Equal, _) => escape_into(out, &op.text),
            (OpKind::Delete, Side::Old | Side::Both) => marked(out, "del", &op.text),
            (OpKind::Insert, Side::New | Side::Both) => marked(out, "ins", &op.text),
            _ => {}
        }
    }
}

/// Appends a text block of one side, or a placeholder where that side is empty.
fn text_block(out: &mut String, ops: &[Op], side: Side, lang: &str, missing: &str) {
    if has_text(ops, side) {
        out.push_str("<div class=\"text\"");
        out.push_str(lang);
        out.push('>');
        redline(out, ops, side);
        out.push_str("</div>\n");
    } else {
        out.push_str("<div class=\"text empty\"");
        out.push_str(lang_attr(missing));
        out.push('>');
        escape_into(out, missing);
        out.push_str("</div>\n");
    }
}

/// The language attribute of a change's text.
fn change_lang(c: &Change) -> &'static str {
    if c.ops.iter().any(|o| is_khmer(&o.text)) {
        " lang=\"km\""
    } else {
        ""
    }
}

fn head(out: &mut String, report: &DiffReport) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    out.push_str("<meta name=\"generator\" content=\"Draftwatch\">\n");
    out.push_str("<title>");
    escape_into(out, &format!("{} · Draftwatch comparison", report.title(&report.from.label, &report.to.label)));
    out.push_str("</title>\n<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n");
}

fn toolbar(out: &mut String) {
    out.push_str(concat!(
        "<div class=\"toolbar\">\n",
        "<div class=\"toggle\" role=\"group\" aria-label=\"View of the changes\">",
        "<span class=\"toggle-label\">View</span>",
        "<label for=\"view-side\">Side by side</label>",
        "<label for=\"view-inline\">Inline</label>",
        "</div>\n",
        "<nav class=\"jump\" aria-label=\"Page\"><a href=\"#summary\">Summary</a> <a href=\"#toc\">Changed clauses</a></nav>\n",
        "</div>\n",
    ));
}

fn doc_header(out: &mut String, report: &DiffReport) {
    out.push_str("<header class=\"doc-head\">\n<p class=\"generator\">Draftwatch comparison</p>\n<h1");
    out.push_str(lang_attr(&report.bill));
    out.push('>');
    escape_into(out, &report.bill);
    out.push_str("</h1>\n<p class=\"versions\">");
    for (i, (v, class)) in [(&report.from, "from"), (&report.to, "to")].into_iter().enumerate() {
        if i == 1 {
            out.push_str(" <span class=\"arrow\" aria-label=\"to\">→</span> ");
        }
        out.push_str("<span class=\"version ");
        out.push_str(class);
        out.push('"');
        out.push_str(lang_attr(&v.label));
        out.push_str("><span class=\"label\">");
        escape_into(out, if v.label.trim().is_empty() { "(unlabelled)" } else { &v.label });
        out.push_str("</span>");
        let mut meta = Vec::new();
        if let Some(d) = v.date.as_deref().filter(|d| !d.trim().is_empty()) {
            meta.push(esc(d));
        }
        if v.seq > 0 {
            meta.push(format!("version {}", v.seq));
        }
        if !meta.is_empty() {
            out.push_str(" <span class=\"meta\">");
            out.push_str(&meta.join(" · "));
            out.push_str("</span>");
        }
        out.push_str("</span>");
    }
    out.push_str("</p>\n</header>\n");
}

fn summary(out: &mut String, report: &DiffReport) {
    let s = &report.summary;
    let kinds = [
        ("Unchanged", s.unchanged, "kind-unchanged"),
        ("Modified", s.modified, "kind-modified"),
        ("Split", s.split, "kind-split"),
        ("Merged", s.merged, "kind-merged"),
        ("Added", s.added, "kind-added"),
        ("Deleted", s.deleted, "kind-deleted"),
        ("Renumbered", s.renumbered, "attr"),
        ("Moved", s.moved, "attr"),
        ("Substantive", s.substantive, "attr"),
    ];
    out.push_str("<section class=\"summary\" id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n");
    out.push_str("<div class=\"table-wrap\"><table class=\"counts\">\n<thead><tr>");
    for (name, _, class) in kinds {
        out.push_str("<th scope=\"col\" class=\"");
        out.push_str(class);
        out.push_str("\">");
        out.push_str(name);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody><tr>");
    for (_, n, class) in kinds {
        out.push_str("<td class=\"");
        out.push_str(class);
        out.push_str("\">");
        out.push_str(&n.to_string());
        out.push_str("</td>");
    }
    out.push_str("</tr></tbody>\n</table></div>\n");
    out.push_str("<p class=\"note\">Renumbered, moved and substantive count changes of any kind; a change is substantive when an edit changes the meaning (or a clause is added, deleted, split or merged), cosmetic when it only touches spacing, punctuation, case, digits or quotes.</p>\n");
    out.push_str("</section>\n");
}

fn contents(out: &mut String, report: &DiffReport, anchors: &[Vec<String>]) {
    let listed = report.changes.iter().filter(|c| c.kind != ChangeKind::Unchanged).count();
    let hidden = report.changes.len() - listed;
    out.push_str("<nav class=\"toc\" id=\"toc\" aria-labelledby=\"toc-h\">\n<h2 id=\"toc-h\">Changed clauses <span class=\"count\">(");
    out.push_str(&listed.to_string());
    out.push_str(")</span></h2>\n");
    if listed == 0 {
        out.push_str("<p class=\"note\">No clause changed.</p>\n");
    } else {
        out.push_str("<ol>\n");
        for (c, ids) in report.changes.iter().zip(anchors).filter(|(c, _)| c.kind != ChangeKind::Unchanged) {
            out.push_str("<li class=\"kind-");
            out.push_str(c.kind.as_str());
            if c.substantive {
                out.push_str(" substantive");
            }
            if c.flags.iter().any(|f| f == "operative-word") {
                out.push_str(" operative");
            }
            out.push_str("\"><a href=\"#");
            escape_into(out, &ids[0]);
            out.push_str("\"><span class=\"toc-num\"");
            let title = change_title(c);
            out.push_str(lang_attr(&title));
            out.push('>');
            escape_into(out, &title);
            out.push_str("</span><span class=\"toc-tags\">");
            for t in tags(c) {
                out.push_str(" · ");
                escape_into(out, &t);
            }
            out.push_str("</span></a>");
            headings_inline(out, c, "toc-heading");
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    if hidden > 0 {
        out.push_str("<p class=\"note\">");
        out.push_str(&hidden.to_string());
        out.push_str(if hidden == 1 { " unchanged clause is" } else { " unchanged clauses are" });
        out.push_str(" not listed; each is one collapsed line among the clauses below.</p>\n");
    }
    out.push_str("</nav>\n");
}

/// Appends the headings of a change: one, or "old → new" where it changed.
fn headings_inline(out: &mut String, c: &Change, class: &str) {
    let from = side_headings(&c.from);
    let to = side_headings(&c.to);
    let one = |out: &mut String, h: &str| {
        out.push_str(" <span class=\"");
        out.push_str(class);
        out.push('"');
        out.push_str(lang_attr(h));
        out.push('>');
        escape_into(out, h);
        out.push_str("</span>");
    };
    match (from.as_deref(), to.as_deref()) {
        (None, None) => {}
        (Some(h), None) | (None, Some(h)) => one(out, h),
        (Some(f), Some(t)) if f == t => one(out, t),
        (Some(f), Some(t)) => {
            out.push_str(" <span class=\"");
            out.push_str(class);
            out.push_str(" heading-changed\"");
            out.push_str(lang_attr(&format!("{f}{t}")));
            out.push_str("><del>");
            escape_into(out, f);
            out.push_str("</del> → <ins>");
            escape_into(out, t);
            out.push_str("</ins></span>");
        }
    }
}

/// Appends the extra anchors of a change (every eId but the first).
fn aliases(out: &mut String, ids: &[String]) {
    for id in ids.iter().skip(1) {
        out.push_str("<span class=\"alias\" id=\"");
        escape_into(out, id);
        out.push_str("\"></span>");
    }
}

fn badge(out: &mut String, class: &str, text: &str, title: &str) {
    out.push_str("<li class=\"badge ");
    out.push_str(class);
    out.push('"');
    if !title.is_empty() {
        out.push_str(" title=\"");
        escape_into(out, title);
        out.push('"');
    }
    out.push('>');
    escape_into(out, text);
    out.push_str("</li>");
}

fn section(out: &mut String, report: &DiffReport, c: &Change, ids: &[String]) {
    let id = esc(&ids[0]);
    let kind = c.kind.as_str();
    out.push_str("<section class=\"change kind-");
    out.push_str(kind);
    out.push_str(if c.substantive { " substantive" } else { " cosmetic" });
    out.push_str("\" id=\"");
    out.push_str(&id);
    out.push_str("\" aria-labelledby=\"");
    out.push_str(&id);
    out.push_str("-h\">\n<header class=\"change-head\">");
    let title = change_title(c);
    out.push_str("<h3 id=\"");
    out.push_str(&id);
    out.push_str("-h\"");
    out.push_str(lang_attr(&title));
    out.push('>');
    aliases(out, ids);
    out.push_str("<a class=\"self\" href=\"#");
    out.push_str(&id);
    out.push_str("\">");
    escape_into(out, &title);
    out.push_str("</a>");
    headings_inline(out, c, "heading");
    out.push_str("</h3>\n<ul class=\"badges\">");
    badge(out, &format!("kind kind-{kind}"), kind, "");
    if c.renumbered {
        badge(out, "renumbered", &format!("renumbered {} → {}", side_nums(&c.from), side_nums(&c.to)), "The clause number changed");
    }
    if c.moved {
        badge(out, "moved", "moved", "The clause moved relative to the others; both numbers are shown above");
    }
    if c.substantive {
        badge(out, "substantive", "substantive", "At least one edit changes the meaning");
    } else {
        badge(out, "cosmetic", "cosmetic", "Only spacing, punctuation, case, digits, quotes or renumbered references changed");
    }
    for f in &c.flags {
        let class = format!("flag flag-{}", sanitize_id(f));
        let title = match f.as_str() {
            "operative-word" => "An edit touches an operative word (shall, may, must …)",
            "cross-reference" => "An edit touches a cross-reference",
            _ => "",
        };
        badge(out, &class, &flag_text(f), title);
    }
    if matches!(c.kind, ChangeKind::Modified | ChangeKind::Split | ChangeKind::Merged) && c.similarity.is_finite() {
        let pct = (c.similarity.clamp(0.0, 1.0) * 100.0).round() as u32;
        badge(out, "similarity", &format!("{pct}% similar"), "Text similarity of the old and new versions");
    }
    out.push_str("</ul>\n</header>\n");

    let lang = change_lang(c);
    let old_name = version_name(&report.from, "Older version");
    let new_name = version_name(&report.to, "Newer version");
    // Side by side.
    out.push_str("<div class=\"side\">\n");
    for (side, name, refs, class) in [(Side::Old, &old_name, &c.from, "col-old"), (Side::New, &new_name, &c.to, "col-new")] {
        out.push_str("<div class=\"col ");
        out.push_str(class);
        out.push_str("\"><div class=\"col-label\">");
        version_span(out, name);
        let label = side_label(refs);
        if !label.is_empty() {
            out.push_str(" · <span");
            out.push_str(lang_attr(&label));
            out.push('>');
            escape_into(out, &label);
            out.push_str("</span>");
        }
        out.push_str("</div>\n");
        text_block(out, &c.ops, side, lang, &format!("Not in {name}"));
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
    // Inline.
    out.push_str("<div class=\"inline\">\n<div class=\"col-label\">");
    version_span(out, &old_name);
    out.push_str(" → ");
    version_span(out, &new_name);
    out.push_str("</div>\n");
    text_block(out, &c.ops, Side::Both, lang, "No text");
    out.push_str("</div>\n<p class=\"back\"><a href=\"#toc\">Back to the changed clauses</a></p>\n</section>\n");
}

fn unchanged(out: &mut String, c: &Change, ids: &[String]) {
    out.push_str("<details class=\"change kind-unchanged\" id=\"");
    escape_into(out, &ids[0]);
    out.push_str("\">\n<summary>");
    aliases(out, ids);
    let title = change_title(c);
    out.push_str("<span class=\"u-num\"");
    out.push_str(lang_attr(&title));
    out.push('>');
    escape_into(out, &title);
    out.push_str("</span> <span class=\"u-tags\">");
    let mut first = true;
    for t in tags(c) {
        if !first {
            out.push_str(" · ");
        }
        first = false;
        escape_into(out, &t);
        if t == "renumbered" {
            out.push(' ');
            escape_into(out, &side_nums(&c.from));
            out.push_str(" → ");
            escape_into(out, &side_nums(&c.to));
        }
    }
    out.push_str("</span>");
    headings_inline(out, c, "u-heading");
    out.push_str("</summary>\n");
    text_block(out, &c.ops, Side::Both, change_lang(c), "No text");
    out.push_str("</details>\n");
}

/// The page's one style sheet: light by default, dark by preference, and a print layout.
const CSS: &str = r#":root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1c1e22; --muted: #5a6070; --border: #d4d8df; --panel: #f6f7f9;
  --accent: #1d5bbf; --accent-fg: #ffffff;
  --del-bg: #fde0de; --del-fg: #8c1b14; --ins-bg: #d9f4e1; --ins-fg: #0c5a28;
  --warn-bg: #fff0bf; --warn-fg: #664600; --badge-bg: #eceef2;
  --added: #1f8a46; --deleted: #c23a2f; --modified: #b7791f; --split: #6b4fbb; --merged: #2a7f9e; --unchanged: #9aa0ab;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171c; --fg: #e3e5ea; --muted: #a2a8b5; --border: #363a45; --panel: #1e2128;
    --accent: #86b1ff; --accent-fg: #10131a;
    --del-bg: #4d1f1d; --del-fg: #ffb8b0; --ins-bg: #173f28; --ins-fg: #a8efc0;
    --warn-bg: #4a3a0c; --warn-fg: #ffd978; --badge-bg: #2a2e38;
    --added: #4cc47a; --deleted: #ee6b5f; --modified: #e0a84a; --split: #a58cf0; --merged: #5bbcdd; --unchanged: #6d7380;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font-family: "Noto Sans Khmer", "Khmer OS", "Khmer OS System", sans-serif;
  font-size: 16px; line-height: 1.6;
}
a { color: var(--accent); }
.page { max-width: 84rem; margin: 0 auto; padding: 0 1.25rem 3rem; }
h1 { font-size: 1.7rem; margin: .2rem 0 .4rem; line-height: 1.4; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; }
h3 { font-size: 1.05rem; margin: 0; line-height: 1.6; }
.note { color: var(--muted); font-size: .9rem; }

.view-radio { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; pointer-events: none; }
.toolbar {
  position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center;
  padding: .5rem 0; background: var(--bg); border-bottom: 1px solid var(--border);
}
.toggle { display: inline-flex; align-items: stretch; border: 1px solid var(--border); border-radius: .45rem; overflow: hidden; }
.toggle-label { padding: .3rem .7rem; color: var(--muted); font-size: .9rem; border-right: 1px solid var(--border); }
.toggle label { padding: .3rem .8rem; cursor: pointer; font-size: .9rem; user-select: none; }
.toggle label + label { border-left: 1px solid var(--border); }
#view-side:checked ~ .page label[for="view-side"],
#view-inline:checked ~ .page label[for="view-inline"] { background: var(--accent); color: var(--accent-fg); }
#view-side:focus-visible ~ .page label[for="view-side"],
#view-inline:focus-visible ~ .page label[for="view-inline"] { outline: 2px solid var(--accent); outline-offset: -4px; }
.jump { font-size: .9rem; display: flex; gap: 1rem; }
.inline { display: none; }
#view-inline:checked ~ .page .inline { display: block; }
#view-inline:checked ~ .page .side { display: none; }

.doc-head { padding: 1rem 0 .25rem; }
.generator { margin: 0; color: var(--muted); font-size: .85rem; letter-spacing: .04em; text-transform: uppercase; }
.versions { margin: 0; font-size: 1.05rem; }
.version .label { font-weight: 600; }
.version .meta { color: var(--muted); font-size: .9rem; }
.arrow { color: var(--muted); padding: 0 .3rem; }

.table-wrap { overflow-x: auto; }
table.counts { border-collapse: collapse; min-width: 100%; }
.counts th, .counts td { border: 1px solid var(--border); padding: .35rem .7rem; text-align: center; }
.counts th { font-weight: 600; font-size: .85rem; background: var(--panel); }
.counts td { font-size: 1.2rem; font-variant-numeric: tabular-nums; }
.counts th.attr:nth-child(7), .counts td.attr:nth-child(7) { border-left: 3px double var(--border); }
.counts th[class^="kind-"] { border-top: 3px solid var(--unchanged); }
.counts th.kind-modified { border-top-color: var(--modified); }
.counts th.kind-split { border-top-color: var(--split); }
.counts th.kind-merged { border-top-color: var(--merged); }
.counts th.kind-added { border-top-color: var(--added); }
.counts th.kind-deleted { border-top-color: var(--deleted); }

.toc ol { margin: 0; padding-left: 2.2rem; }
.toc li { padding: .15rem 0 .15rem .4rem; border-left: 3px solid var(--unchanged); margin: .15rem 0; }
.toc a { text-decoration: none; }
.toc a:hover .toc-num, .toc a:focus .toc-num { text-decoration: underline; }
.toc-num { font-weight: 600; }
.toc-tags { color: var(--muted); }
.toc li.substantive .toc-tags { color: var(--fg); }
.toc li.operative .toc-tags { font-weight: 600; }
.toc-heading { color: var(--muted); }
.toc-heading::before { content: "\2014\00A0"; }

.kind-modified { --kind: var(--modified); }
.kind-split { --kind: var(--split); }
.kind-merged { --kind: var(--merged); }
.kind-added { --kind: var(--added); }
.kind-deleted { --kind: var(--deleted); }
.kind-unchanged { --kind: var(--unchanged); }
.toc li { border-left-color: var(--kind, var(--unchanged)); }

.change { margin: 1rem 0; scroll-margin-top: 3.5rem; }
section.change { border: 1px solid var(--border); border-left: 4px solid var(--kind, var(--border)); border-radius: .45rem; padding: .75rem 1rem; }
.change:target { outline: 2px solid var(--accent); outline-offset: 2px; }
.change-head { margin-bottom: .6rem; }
.change-head .self { color: inherit; text-decoration: none; }
.change-head .self:hover { text-decoration: underline; }
.heading { font-weight: 400; color: var(--muted); }
.heading::before { content: "\2014\00A0"; }
.alias { scroll-margin-top: 3.5rem; }
.badges { list-style: none; margin: .4rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: .35rem; }
.badge { font-size: .8rem; padding: .05rem .55rem; border-radius: 1rem; background: var(--badge-bg); border: 1px solid var(--border); }
.badge.kind { border-color: var(--kind); font-weight: 600; }
.badge.renumbered, .badge.moved { border-style: dashed; border-color: var(--fg); }
.badge.substantive { font-weight: 600; }
.badge.cosmetic { color: var(--muted); }
.badge.flag-operative-word { background: var(--warn-bg); color: var(--warn-fg); border-color: var(--warn-fg); font-weight: 600; }
.badge.similarity { color: var(--muted); background: transparent; }

.side { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .75rem; }
.col { min-width: 0; }
.col-label { font-size: .8rem; color: var(--muted); margin-bottom: .2rem; }
.version-name { font-weight: 600; }
.text {
  white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.85;
  padding: .55rem .8rem; background: var(--panel); border: 1px solid var(--border); border-radius: .35rem;
}
.text.empty { font-style: italic; color: var(--muted); background: transparent; border-style: dashed; }
del, ins { border-radius: 2px; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through; text-decoration-thickness: .08em; }
ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: underline; text-decoration-thickness: .08em; text-underline-offset: .3em; }
.ws::before { content: "\2423"; opacity: .7; }
.ws.nl::before { content: "\00B6"; }
.back { margin: .5rem 0 0; font-size: .85rem; text-align: right; }

details.change { margin: .3rem 0; border: 1px solid transparent; border-radius: .35rem; }
details.change > summary { cursor: pointer; padding: .2rem .5rem; color: var(--muted); font-size: .9rem; }
details.change > summary:hover { background: var(--panel); }
details.change[open] { border-color: var(--border); }
details.change > .text { margin: 0 .5rem .5rem; }
.u-num { color: var(--fg); }
.u-heading::before { content: "\2014\00A0"; }
.doc-foot { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--border); }

@media (max-width: 44rem) {
  .side { grid-template-columns: minmax(0, 1fr); }
  .page { padding: 0 .6rem 2rem; }
}

@media print {
  @page { size: A4; margin: 14mm 12mm; }
  :root {
    --bg: #fff; --fg: #000; --muted: #444; --border: #999; --panel: #fff; --accent: #000;
    --del-bg: transparent; --del-fg: #000; --ins-bg: transparent; --ins-fg: #000;
    --warn-bg: #fff; --warn-fg: #000; --badge-bg: #fff;
  }
  body { font-size: 10.5pt; line-height: 1.5; }
  .page { max-width: none; padding: 0; }
  .view-radio, .toolbar, .back { display: none !important; }
  .side { display: none !important; }
  .inline { display: block !important; }
  a { color: inherit; text-decoration: none; }
  h2, h3, .change-head, summary { break-after: avoid; page-break-after: avoid; }
  .change, .toc li, table.counts { break-inside: avoid; page-break-inside: avoid; }
  section.change { border-left-width: 3px; padding: .4rem .6rem; }
  .change:target { outline: none; }
  .text { line-height: 1.7; }
  del { text-decoration: line-through; text-decoration-thickness: .1em; }
  ins { text-decoration: underline; text-decoration-thickness: .1em; font-weight: 600; }
  .badge.flag-operative-word { border-width: 2px; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::report::Summary;

    fn r(eid: &str, num: &str, heading: Option<&str>) -> ClauseRef {
        ClauseRef { eid: eid.into(), num: Some(num.into()), num_value: None, heading: heading.map(String::from) }
    }

    fn op(op: OpKind, text: &str) -> Op {
        Op { op, text: text.into() }
    }

    fn change(kind: ChangeKind, from: Vec<ClauseRef>, to: Vec<ClauseRef>, ops: Vec<Op>) -> Change {
        Change {
            kind,
            renumbered: false,
            moved: false,
            substantive: kind != ChangeKind::Unchanged,
            similarity: if kind == ChangeKind::Unchanged { 1.0 } else { 0.5 },
            flags: Vec::new(),
            from,
            to,
            ops,
        }
    }

    fn sample() -> DiffReport {
        use OpKind::*;
        let mut modified = change(
            ChangeKind::Modified,
            vec![r("chp_2__art_8", "8", Some("Registration"))],
            vec![r("chp_2__art_9", "9", Some("Registration"))],
            vec![
                op(Equal, "An association shall "),
                op(Delete, "register"),
                op(Insert, "notify"),
                op(Equal, " the Ministry.\nSecond line."),
            ],
        );
        modified.renumbered = true;
        modified.flags = vec!["operative-word".into()];
        let mut khmer = change(
            ChangeKind::Modified,
            vec![r("art_12", "១២", Some("ការបដិសេធ"))],
            vec![r("art_12", "១២", Some("ការបដិសេធ"))],
            vec![
                op(Equal, "ក្នុងករណីបដិសេធ ក្រសួងមហាផ្ទៃ"),
                op(Delete, "ត្រូវ"),
                op(Insert, "អាច"),
                op(Equal, "ជូនដំណឹងជាលាយលក្ខណ៍អក្សរ តាមមាត្រា "),
                op(Delete, "៦"),
                op(Insert, "៨"),
                op(Equal, " ។"),
            ],
        );
        khmer.flags = vec!["operative-word".into(), "cross-reference".into()];
        let mut moved = change(
            ChangeKind::Unchanged,
            vec![r("art_3", "3", Some("Scope"))],
            vec![r("art_4", "4", Some("Scope"))],
            vec![op(Equal, "This law applies to <b>everyone</b>.")],
        );
        moved.renumbered = true;
        moved.moved = true;
        DiffReport {
            bill: "lango & <friends>".into(),
            from: VersionRef { seq: 1, label: "Draft 1".into(), date: Some("2018-02-01".into()) },
            to: VersionRef { seq: 2, label: "សេចក្តីព្រាង ២".into(), date: None },
            summary: Summary {
                unchanged: 31,
                modified: 7,
                split: 13,
                merged: 0,
                added: 3,
                deleted: 1,
                renumbered: 12,
                moved: 2,
                substantive: 6,
            },
            changes: vec![
                change(ChangeKind::Unchanged, vec![r("art_1", "1", None)], vec![r("art_1", "1", None)], vec![op(Equal, "Unchanged text.")]),
                moved,
                modified,
                khmer,
                change(
                    ChangeKind::Added,
                    vec![],
                    vec![r("art_10", "10", Some("Fees"))],
                    vec![op(Insert, r#"A fee of "quotes" & ampersands isn't due."#)],
                ),
                change(
                    ChangeKind::Deleted,
                    vec![r("art_11", "11", Some("Old <i>rule</i>"))],
                    vec![],
                    vec![op(Delete, "<script>alert(1)</script>")],
                ),
                change(
                    ChangeKind::Split,
                    vec![r("art_13", "13", Some("Reports"))],
                    vec![r("art_14", "14", Some("Reports")), r("art_15", "15", Some("Audits"))],
                    vec![op(Equal, "Reports are annual."), op(Insert, "\n\n"), op(Equal, "Audits are public.")],
                ),
                change(
                    ChangeKind::Modified,
                    vec![r("art_\"><img src=x onerror=alert(2)>", "16", None)],
                    vec![r("art_\"><img src=x onerror=alert(2)>", "16", None)],
                    vec![op(Equal, "Same "), op(Delete, "old"), op(Insert, "new")],
                ),
            ],
        }
    }

    /// Every value of `attr="..."` in the page.
    fn attr_values(html: &str, attr: &str) -> Vec<String> {
        let pat = format!(" {attr}=\"");
        html.match_indices(&pat)
            .map(|(i, _)| {
                let rest = &html[i + pat.len()..];
                rest[..rest.find('"').expect("closing quote")].to_string()
            })
            .collect()
    }

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(esc(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(esc("ក្រសួង plain"), "ក្រសួង plain");
        assert_eq!(sanitize_id("chp_2__art_8-2"), "chp_2__art_8-2");
        assert_eq!(sanitize_id("a\"><b c.d"), "a___b_c_d");
        assert_eq!(sanitize_id("មាត្រា"), "______");
        assert_eq!(sanitize_id(""), "clause");
    }

    #[test]
    fn bill_text_is_never_markup() {
        let html = render_html(&sample());
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.to_ascii_lowercase().contains("<script"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<b>everyone"));
        assert!(html.contains("&lt;b&gt;everyone&lt;/b&gt;"));
        assert!(html.contains("&quot;quotes&quot; &amp; ampersands isn&#39;t due."));
        assert!(html.contains("<h1>lango &amp; &lt;friends&gt;</h1>"));
        assert!(html.contains("Old &lt;i&gt;rule&lt;/i&gt;"));
        // Every id is sanitised.
        for id in attr_values(&html, "id") {
            assert!(!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'), "id {id:?}");
        }
    }

    #[test]
    fn standalone_and_locked_down() {
        let html = render_html(&sample());
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:"));
        assert!(!html.contains("http://") && !html.contains("https://"), "no URLs");
        assert!(!html.contains("src=\"") && !html.contains("@import") && !html.contains("url("));
        assert!(html.contains(r#"font-family: "Noto Sans Khmer", "Khmer OS", "Khmer OS System", sans-serif;"#));
        assert!(html.contains("white-space: pre-wrap"));
        assert!(html.contains("@media print") && html.contains("@media (prefers-color-scheme: dark)"));
        // Header: bill, both versions, generation note.
        assert!(html.contains("Draftwatch comparison"));
        assert!(html.contains("<span class=\"label\">Draft 1</span> <span class=\"meta\">2018-02-01 · version 1</span>"));
        assert!(html.contains("<span class=\"label\">សេចក្តីព្រាង ២</span> <span class=\"meta\">version 2</span>"));
        // Tags balance.
        for tag in ["section", "details", "summary", "del", "ins", "div", "span", "li", "ol", "ul", "table", "a", "h3", "p"] {
            let open = html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
            let close = html.matches(&format!("</{tag}>")).count();
            assert_eq!(open, close, "<{tag}> opened {open} times, closed {close}");
        }
    }

    #[test]
    fn every_change_has_an_anchor_linked_from_the_list() {
        let report = sample();
        let html = render_html(&report);
        let anchors = change_anchors(&report.changes);
        let ids = attr_values(&html, "id");
        let hrefs = attr_values(&html, "href");
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "ids are unique");
        for (c, a) in report.changes.iter().zip(&anchors) {
            for id in a {
                assert!(ids.contains(id), "anchor {id} exists");
            }
            // Every change but the unchanged ones is linked from the list (and from its own header).
            let listed = html.contains(&format!("<a href=\"#{}\"><span class=\"toc-num\"", a[0]));
            assert_eq!(listed, c.kind != ChangeKind::Unchanged, "{} in the list", a[0]);
            assert_eq!(hrefs.iter().filter(|h| **h == format!("#{}", a[0])).count(), if listed { 2 } else { 0 });
        }
        assert_eq!(anchors[2], vec!["new-chp_2__art_9".to_string(), "old-chp_2__art_8".to_string()]);
        assert_eq!(anchors[4], vec!["new-art_10".to_string()]);
        assert_eq!(anchors[5], vec!["old-art_11".to_string()]);
        assert_eq!(anchors[6], vec!["new-art_14".to_string(), "new-art_15".to_string(), "old-art_13".to_string()]);
        // The list: only the six changes that are not unchanged, in order, with tags and headings.
        let toc = &html[html.find("<nav class=\"toc\"").unwrap()..html.find("</nav>\n<main").unwrap()];
        assert_eq!(toc.matches("<li ").count(), 6);
        assert!(toc.contains(
            "<a href=\"#new-chp_2__art_9\"><span class=\"toc-num\">Art. 8 → Art. 9</span><span class=\"toc-tags\"> · modified · renumbered · substantive · operative word</span></a> <span class=\"toc-heading\">Registration</span>"
        ));
        assert!(toc.contains("Art. 13 → Art. 14, Art. 15</span><span class=\"toc-tags\"> · split · substantive"));
        assert!(toc.contains("Reports / Audits"));
        assert!(toc.contains("2 unchanged clauses are not listed"));
        assert!(!toc.contains("#new-art_1\""));
    }

    #[test]
    fn redlines_mark_deletions_and_insertions() {
        let html = render_html(&sample());
        // Side by side and inline: each deletion twice (old column, inline), each insertion twice.
        assert_eq!(html.matches("<del>register</del>").count(), 2);
        assert_eq!(html.matches("<ins>notify</ins>").count(), 2);
        assert!(html.contains("<del>register</del><ins>notify</ins> the Ministry.\nSecond line."));
        assert!(html.contains("An association shall <del>register</del> the Ministry."));
        assert!(html.contains("An association shall <ins>notify</ins> the Ministry."));
        assert!(html.contains("<del>&lt;script&gt;alert(1)&lt;/script&gt;</del>"));
        assert!(html.contains("<div class=\"text empty\" lang=\"km\">Not in សេចក្តីព្រាង ២</div>"));
        assert!(html.contains("<div class=\"text empty\">Not in Draft 1</div>"));
        assert!(html.contains("<ins class=\"ws nl\" title=\"line break\">\n\n</ins>"));
        // Badges.
        assert!(html.contains(">renumbered 8 → 9</li>"));
        assert!(html.contains("<span class=\"u-tags\">unchanged · renumbered 3 → 4 · moved</span>"), "unchanged moved clause is marked");
        assert!(html.contains("<span class=\"u-num\">Art. 3 → Art. 4</span>"));
        assert!(html.contains(">50% similar</li>"));
        // The unchanged clauses are collapsed.
        assert_eq!(html.matches("<details class=\"change kind-unchanged\"").count(), 2);
        assert_eq!(html.matches("<section class=\"change ").count(), 6);
    }

    #[test]
    fn khmer_appears_verbatim() {
        let html = render_html(&sample());
        assert!(html.contains("<div class=\"text\" lang=\"km\">ក្នុងករណីបដិសេធ ក្រសួងមហាផ្ទៃ<del>ត្រូវ</del><ins>អាច</ins>ជូនដំណឹងជាលាយលក្ខណ៍អក្សរ តាមមាត្រា <del>៦</del><ins>៨</ins> ។</div>"));
        assert!(html.contains("<span class=\"toc-num\" lang=\"km\">មាត្រា ១២</span>"));
        assert!(html.contains("ការបដិសេធ"));
        assert!(html.contains("operative word · cross-reference"));
    }

    #[test]
    fn summary_numbers_appear_in_order() {
        let html = render_html(&sample());
        let table = &html[html.find("<table class=\"counts\">").unwrap()..html.find("</table>").unwrap()];
        let cells: Vec<String> = table
            .match_indices("<td class=\"")
            .map(|(i, _)| {
                let rest = &table[i..];
                let start = rest.find('>').unwrap() + 1;
                rest[start..rest.find("</td>").unwrap()].to_string()
            })
            .collect();
        assert_eq!(cells, ["31", "7", "13", "0", "3", "1", "12", "2", "6"]);
        for name in ["Unchanged", "Modified", "Split", "Merged", "Added", "Deleted", "Renumbered", "Moved", "Substantive"] {
            assert!(table.contains(&format!("\">{name}</th>")));
        }
    }

    #[test]
    fn empty_report_renders() {
        let report = DiffReport {
            bill: String::new(),
            from: VersionRef { seq: 0, label: String::new(), date: None },
            to: VersionRef { seq: 0, label: "b.txt".into(), date: None },
            summary: Summary::default(),
            changes: Vec::new(),
        };
        let html = render_html(&report);
        assert!(html.contains("No clause changed."));
        assert!(html.ends_with("</html>\n"));
    }
}
