//! Annotations on the drafts/ bills: re-anchoring through renumbering, a
//! move, a split, a substantive change and a deletion; review decisions;
//! history and threads; search over annotations; refused input.

use crate::util::{draft, empty_workspace, opts};
use draftwatch_core::annotate::anchor::Anchor;
use draftwatch_core::annotate::{AnnotationEdit, Filter, NewAnnotation, Status};
use draftwatch_core::positions::Organisation;
use draftwatch_core::workspace::{ImportOptions, ReviewAction, SearchOptions, Workspace};

fn import(ws: &mut Workspace, bill: &str, rel: &str) -> usize {
    let o = ImportOptions { label: Some(rel.into()), ..opts(bill) };
    ws.import_file(&draft(rel), &o).unwrap_or_else(|e| panic!("{rel}: {e}")).annotations_carried
}

fn note(ws: &mut Workspace, bill: &str, version: &str, clause: &str, quote: Option<&str>, title: &str) -> i64 {
    let na = NewAnnotation {
        bill: bill.into(),
        version: version.into(),
        clause: clause.into(),
        quote: quote.map(str::to_string),
        title: title.into(),
        concern: "Restricts the right more than international law allows.".into(),
        recommendation: "Amend.".into(),
        rights: vec!["information".into()],
        impact: Some("restricts".into()),
        refs: vec!["ICCPR Art. 19".into(), "Constitution Art. 41".into()],
        author: "tester".into(),
        org: Some("CCC".into()),
        ..NewAnnotation::default()
    };
    ws.annotate_add(&na).unwrap_or_else(|e| panic!("{title}: {e}")).id
}

fn num(ws: &Workspace, id: i64) -> (Anchor, Option<String>, i64) {
    let a = ws.annotation(id).unwrap().annotation;
    (a.anchor, a.clause.and_then(|c| c.num), a.version)
}

fn with_org() -> (tempfile::TempDir, Workspace) {
    let (d, mut ws) = empty_workspace();
    ws.org_add(&Organisation {
        uid: String::new(),
        short_name: "CCC".into(),
        name: "Cooperation Committee for Cambodia".into(),
        name_km: Some("គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា".into()),
        contact: None,
    })
    .unwrap();
    (d, ws)
}

#[test]
fn annotations_follow_renumbering_moves_splits_and_deletions() {
    let (_d, mut ws) = with_org();
    import(&mut ws, "a2i", "a2i/v1.md");
    // Draft 1 → 2: Article 5 is renumbered 6 (identical); Article 9 is split
    // into 10 ("Making a request") and 11 ("Content of a request").
    let renumbered = note(&mut ws, "a2i", "1", "5", Some("Every person has the right to request"), "Universal right");
    let split_quote = note(&mut ws, "a2i", "1", "9", Some("the preferred form of access"), "Form of access");
    let split_whole = note(&mut ws, "a2i", "1", "9", None, "Making a request");
    assert_eq!(import(&mut ws, "a2i", "a2i/v2.txt"), 3);
    assert_eq!(num(&ws, renumbered), (Anchor::Placed, Some("6".into()), 2));
    assert_eq!(num(&ws, split_quote), (Anchor::Placed, Some("11".into()), 2), "the quote follows its paragraph");
    let whole = ws.annotation(split_whole).unwrap().annotation;
    assert_eq!(whole.anchor, Anchor::NeedsReview);
    assert!(whole.anchor_note.as_deref().unwrap().contains("split"), "{:?}", whole.anchor_note);
    // The quote's selector moved with it.
    let q = ws.annotation(split_quote).unwrap().annotation.quote.unwrap();
    let text = draftwatch_core::align::clause_text(&ws.clause("a2i", "2", "11").unwrap());
    assert_eq!(text.chars().skip(q.start).take(q.end - q.start).collect::<String>(), "the preferred form of access");

    // Draft 2 → 3: Article 6 becomes "Every Khmer citizen" (substantive under
    // the quote); Article 34 moves to Chapter 2 as Article 10; Article 37 is deleted.
    let moved = note(&mut ws, "a2i", "2", "34", Some("a report on its implementation of this law"), "Annual reports");
    let deleted = note(&mut ws, "a2i", "2", "37", None, "Whistleblowers");
    import(&mut ws, "a2i", "a2i/v3.docx");
    assert_eq!(num(&ws, moved), (Anchor::Placed, Some("10".into()), 3));
    assert_eq!(num(&ws, deleted), (Anchor::Orphaned, None, 3));
    let changed = ws.annotation(renumbered).unwrap().annotation;
    assert_eq!(changed.anchor, Anchor::NeedsReview, "{changed:?}");
    assert_eq!(changed.clause.and_then(|c| c.num).as_deref(), Some("6"));
    // The split one still waits for its review and is carried on as it
    // stands: Draft 2's Article 10 is Draft 3's Article 11 (old 34 moved in before it).
    assert_eq!(num(&ws, split_whole).1.as_deref(), Some("11"));

    // Review: the queue shows old and new text side by side.
    let queue = ws.review_queue(Some("a2i")).unwrap();
    let ids: Vec<i64> = queue.iter().map(|i| i.annotation.id).collect();
    assert!(ids.contains(&renumbered) && ids.contains(&deleted) && ids.contains(&split_whole), "{ids:?}");
    let item = queue.iter().find(|i| i.annotation.id == renumbered).unwrap();
    assert!(item.old_text.as_deref().unwrap().contains("Every person"));
    assert!(item.new_text.as_deref().unwrap().contains("Every Khmer citizen"));
    let deleted_item = queue.iter().find(|i| i.annotation.id == deleted).unwrap();
    assert!(deleted_item.new_text.is_none());

    // Decisions: re-attach with a new quote, confirm, close.
    let a = ws
        .annotate_review(
            renumbered,
            &ReviewAction::Reattach { clause: "6".into(), quote: Some("Every Khmer citizen has the right".into()), quote_start: None },
            "reviewer",
        )
        .unwrap();
    assert_eq!(a.anchor, Anchor::Placed);
    assert_eq!(a.quote.unwrap().exact, "Every Khmer citizen has the right");
    let err = ws.annotate_review(deleted, &ReviewAction::Confirm, "reviewer").unwrap_err();
    assert!(err.to_string().contains("re-attach it to a clause or close it"), "{err}");
    assert_eq!(ws.annotate_review(deleted, &ReviewAction::Close, "reviewer").unwrap().status, Status::Withdrawn);
    assert_eq!(ws.annotate_review(split_whole, &ReviewAction::Confirm, "reviewer").unwrap().anchor, Anchor::Placed);
    assert!(ws.review_queue(Some("a2i")).unwrap().is_empty());

    // History: every placement and decision, who and when.
    let d = ws.annotation(renumbered).unwrap();
    let actions: Vec<&str> = d.history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["created", "placed", "placed", "reattached"]);
    assert_eq!(d.history.last().unwrap().author, "reviewer");
    let versions: Vec<(i64, Option<String>)> = d.placements.iter().map(|p| (p.version, p.num.clone())).collect();
    assert_eq!(versions, [(1, Some("5".into())), (2, Some("6".into())), (3, Some("6".into()))]);

    // A withdrawn annotation is not carried forward to Draft 4.
    import(&mut ws, "a2i", "a2i/v4.md");
    assert_eq!(num(&ws, deleted).2, 3);
    assert_eq!(num(&ws, moved).2, 4);
}

#[test]
fn khmer_annotation_is_carried_forward() {
    let (_d, mut ws) = with_org();
    import(&mut ws, "lango", "lango/v1.md");
    let text = draftwatch_core::align::clause_text(&ws.clause("lango", "1", "12").unwrap());
    // A quote of five Khmer words from the middle of the clause.
    let start = text.chars().count() / 2;
    let words =
        draftwatch_core::diff::tokenize(&text.chars().skip(start).collect::<String>()).into_iter().skip(1).take(5).collect::<String>();
    let id = note(&mut ws, "lango", "1", "១២", Some(words.trim()), "ការអនុញ្ញាតជាមុន");
    import(&mut ws, "lango", "lango/v2.txt");
    let a = ws.annotation(id).unwrap().annotation;
    assert_eq!(a.version, 2);
    assert_ne!(a.anchor, Anchor::Orphaned, "{a:?}");
    // Searchable in Khmer, by its title, with the right and organisation as filters.
    let hits =
        ws.search("ការអនុញ្ញាត", &SearchOptions { right: Some("information".into()), org: Some("CCC".into()), ..Default::default() }).unwrap();
    assert!(hits.hits.iter().any(|h| h.annotation == Some(id)), "{:?}", hits.hits);
    assert_eq!(hits.facets["org"]["CCC"], 1);
}

#[test]
fn edits_replies_search_and_refusals() {
    let (_d, mut ws) = with_org();
    import(&mut ws, "a2i", "a2i/v1.md");
    let id = note(&mut ws, "a2i", "1", "5", None, "Right of access for everyone");
    // Search sees the annotation at once, and the change after an edit.
    let find = |ws: &mut Workspace, q: &str| ws.search(q, &SearchOptions::default()).unwrap().hits.iter().any(|h| h.annotation == Some(id));
    assert!(find(&mut ws, "everyone"));
    let e = AnnotationEdit { title: Some("Access for every person".into()), status: Some("agreed".into()), ..Default::default() };
    let a = ws.annotate_edit(id, &e, "editor").unwrap();
    assert_eq!(a.status, Status::Agreed);
    assert!(!find(&mut ws, "everyone"));
    assert!(find(&mut ws, "\"every person\" AND status:agreed"));
    let r = ws.annotate_reply(id, "member", Some("CCC"), "Agreed at the coalition meeting.").unwrap();
    let d = ws.annotation(id).unwrap();
    assert_eq!(d.replies, vec![r]);
    let edit = d.history.iter().find(|e| e.action == "edited").unwrap();
    assert_eq!(edit.author, "editor");
    assert_eq!(edit.changes["title"][0], "Right of access for everyone");
    assert_eq!(edit.changes["status"][1], "agreed");
    // Filters.
    let listed = ws.annotations(&Filter { right: Some("information".into()), ..Default::default() }).unwrap();
    assert_eq!(listed.len(), 1);
    assert!(ws.annotations(&Filter { right: Some("privacy".into()), ..Default::default() }).unwrap().is_empty());

    // Refused, with nothing stored.
    let base = NewAnnotation {
        bill: "a2i".into(),
        version: "1".into(),
        clause: "5".into(),
        title: "t".into(),
        author: "a".into(),
        ..Default::default()
    };
    for (na, says) in [
        (NewAnnotation { rights: vec!["flying".into()], ..base.clone() }, "not a right of the taxonomy"),
        (NewAnnotation { quote: Some("not in the clause".into()), ..base.clone() }, "not in the clause"),
        (NewAnnotation { impact: Some("terrible".into()), ..base.clone() }, "impact \"terrible\""),
        (NewAnnotation { org: Some("NOPE".into()), ..base.clone() }, "no organisation \"NOPE\""),
        (NewAnnotation { title: " ".into(), ..base.clone() }, "needs a title"),
        (NewAnnotation { clause: "99".into(), ..base.clone() }, "no clause numbered"),
    ] {
        let err = ws.annotate_add(&na).unwrap_err();
        assert!(err.to_string().contains(says), "{err}");
    }
    assert_eq!(ws.annotations(&Filter::default()).unwrap().len(), 1);

    // Delete: gone from lists and search, its history kept.
    ws.annotate_delete(id, "editor").unwrap();
    assert!(ws.annotations(&Filter::default()).unwrap().is_empty());
    assert!(!find(&mut ws, "\"every person\""));
    let events: i64 = ws.conn().query_row("SELECT COUNT(*) FROM annotation_events WHERE action = 'deleted'", [], |r| r.get(0)).unwrap();
    assert_eq!(events, 1);
    // A rebuilt index agrees.
    ws.rebuild_index(&mut |_| {}).unwrap();
    assert!(!find(&mut ws, "\"every person\""));
}

#[test]
fn user_rights_join_the_taxonomy() {
    let (_d, mut ws) = with_org();
    let r = draftwatch_core::annotate::taxonomy::Right {
        id: "land".into(),
        en: "Land and housing".into(),
        km: "សិទ្ធិដីធ្លី".into(),
        refs: vec!["ICESCR Art. 11".into()],
        builtin: false,
    };
    ws.right_add(&r).unwrap();
    assert!(ws.rights().unwrap().iter().any(|x| x.id == "land" && !x.builtin));
    assert!(ws.right_add(&r).unwrap_err().to_string().contains("already has"));
    assert!(ws.right_add(&draftwatch_core::annotate::taxonomy::Right { id: "Bad Id".into(), ..r }).is_err());
}

#[test]
fn an_open_index_sees_annotations_made_by_another_process() {
    let (d, mut ws) = with_org();
    import(&mut ws, "a2i", "a2i/v1.md");
    assert_eq!(ws.search("whistleblowing", &SearchOptions::default()).unwrap().total, 0);
    // A second workspace handle on the same folder, as the CLI beside the app.
    let mut other = Workspace::open_with(d.path(), false).unwrap();
    let na = NewAnnotation {
        bill: "a2i".into(),
        version: "1".into(),
        clause: "5".into(),
        title: "Whistleblowing".into(),
        author: "cli".into(),
        ..Default::default()
    };
    other.annotate_add(&na).unwrap();
    drop(other);
    assert_eq!(ws.search("whistleblowing", &SearchOptions::default()).unwrap().total, 1);
}
