//! The page on a sample report: escaping, anchors, redlines, Khmer.

use super::*;
use crate::diff::report::{ClauseRef, Op, OpKind, Summary, VersionRef};
use std::collections::HashSet;

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
        vec![op(Equal, "An association shall "), op(Delete, "register"), op(Insert, "notify"), op(Equal, " the Ministry.\nSecond line.")],
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
