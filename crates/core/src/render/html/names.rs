//! What the page calls a version, a clause and a change: labels, titles,
//! tags and the anchors of each change.

use std::collections::HashSet;

use super::markup::{is_khmer, sanitize_id};
use crate::diff::report::{Change, ChangeKind, ClauseRef, VersionRef};

/// The ids of every change: the first names its section, the others are extra
/// anchors (the other eIds of the change). `new-` + the eId in the newer
/// version, `old-` + the eId in the older one; unique across the page.
pub(super) fn change_anchors(changes: &[Change]) -> Vec<Vec<String>> {
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

/// "Draft 1 (2018-02-01, version 1)".
pub(super) fn version_text(v: &VersionRef) -> String {
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

/// A version's short name: its label, or "the older/newer version".
pub(super) fn version_name(v: &VersionRef, fallback: &str) -> String {
    if v.label.trim().is_empty() {
        fallback.to_string()
    } else {
        v.label.clone()
    }
}

/// "Art. 8", "មាត្រា ៨", "Sec. 101": the number as printed, with the word for
/// the clause's kind (read from the last step of its eId).
pub(super) fn clause_label(r: &ClauseRef) -> String {
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
pub(super) fn side_label(refs: &[ClauseRef]) -> String {
    refs.iter().map(clause_label).collect::<Vec<_>>().join(", ")
}

/// "Art. 8 → Art. 9", or one label where both sides read the same.
pub(super) fn change_title(c: &Change) -> String {
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
pub(super) fn side_nums(refs: &[ClauseRef]) -> String {
    refs.iter().map(|r| r.num.as_deref().map(str::trim).filter(|n| !n.is_empty()).unwrap_or("?")).collect::<Vec<_>>().join(", ")
}

/// The distinct headings of one side, joined with " / ".
pub(super) fn side_headings(refs: &[ClauseRef]) -> Option<String> {
    let mut seen: Vec<&str> = Vec::new();
    for h in refs.iter().filter_map(|r| r.heading.as_deref()).map(str::trim).filter(|h| !h.is_empty()) {
        if !seen.contains(&h) {
            seen.push(h);
        }
    }
    (!seen.is_empty()).then(|| seen.join(" / "))
}

/// A flag as a reader says it.
pub(super) fn flag_text(flag: &str) -> String {
    match flag {
        "operative-word" => "operative word".to_string(),
        f => f.to_string(),
    }
}

/// "modified", "renumbered", "moved", "substantive" / "cosmetic", flags: what the list says of a change.
pub(super) fn tags(c: &Change) -> Vec<String> {
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
