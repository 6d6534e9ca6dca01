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
//!
//! The page's style sheet is `render/comparison.css`.

mod markup;
mod names;
mod redline;
#[cfg(test)]
mod tests;

use markup::{esc, escape_into, lang_attr, sanitize_id};
use names::{change_anchors, change_title, flag_text, side_headings, side_label, side_nums, tags, version_name, version_text};
use redline::{change_lang, text_block, Side};

use crate::diff::report::{Change, ChangeKind, DiffReport};

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

/// Appends a version's short name as a `version-name` span.
fn version_span(out: &mut String, name: &str) {
    out.push_str("<span class=\"version-name\"");
    out.push_str(lang_attr(name));
    out.push('>');
    escape_into(out, name);
    out.push_str("</span>");
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
const CSS: &str = include_str!("../comparison.css");
