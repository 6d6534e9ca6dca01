//! Annotations through the workspace: a Khmer quote carried to the next
//! version, an English annotation orphaned by a deletion and closed in
//! review, edits recorded field by field, replies, deletion, and the errors
//! a caller acts on.

use super::anchor::Anchor;
use super::{AnnotationEdit, Filter, NewAnnotation, Status};
use crate::workspace::tests::{empty, import, EN_V1, EN_V2, KM_V1, KM_V2};
use crate::workspace::{ReviewAction, Workspace};

/// The Khmer quote: "must register at the Ministry of Interior".
const KM_QUOTE: &str = "ត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ";

/// A new annotation by `tester` on a clause (or a quote in it) about freedom of association.
pub(crate) fn note(bill: &str, version: &str, clause: &str, quote: Option<&str>, title: &str) -> NewAnnotation {
    NewAnnotation {
        bill: bill.into(),
        version: version.into(),
        clause: clause.into(),
        quote: quote.map(str::to_string),
        title: title.into(),
        concern: "Restricts the right more than international law allows.".into(),
        recommendation: "Amend.".into(),
        rights: vec!["association".into()],
        author: "tester".into(),
        ..NewAnnotation::default()
    }
}

fn codes(errors: &[crate::Error]) -> Vec<(&'static str, Option<&'static str>)> {
    errors.iter().map(|e| (e.code(), e.field())).collect()
}

#[test]
fn a_khmer_quote_is_carried_to_the_next_version() {
    let (_d, mut ws) = empty();
    import(&mut ws, "k", "សេចក្តីព្រាងទី១", KM_V1);
    let na = NewAnnotation {
        title: "ការចុះបញ្ជីជាកាតព្វកិច្ច".into(),
        concern: "ការចុះបញ្ជីជាកាតព្វកិច្ចរឹតត្បិតសេរីភាពក្នុងការបង្កើតសមាគម ។".into(),
        ..note("k", "1", "២", Some(KM_QUOTE), "")
    };
    let a = ws.annotate_add(&na).expect("annotate");
    assert_eq!((a.version, a.anchor, a.status), (1, Anchor::Placed, Status::Draft));
    assert_eq!(a.clause.as_ref().and_then(|c| c.num.as_deref()), Some("២"));
    let q = a.quote.clone().expect("quote");
    assert_eq!(q.exact, KM_QUOTE);
    assert_eq!(q.end - q.start, KM_QUOTE.chars().count(), "positions count code points");
    assert!(q.prefix.ends_with("សមាគមក្នុងស្រុក"), "{:?}", q.prefix);
    assert!(q.suffix.starts_with(" មុនពេលធ្វើសកម្មភាព"), "{:?}", q.suffix);

    // Draft 2 inserts an article before it: the clause is now ៣, same words.
    let r = import(&mut ws, "k", "សេចក្តីព្រាងទី២", KM_V2);
    assert_eq!(r.annotations_carried, 1);
    let d = ws.annotation(a.id).expect("detail");
    let now = &d.annotation;
    assert_eq!((now.version, now.version_label.as_str(), now.anchor), (2, "សេចក្តីព្រាងទី២", Anchor::Placed));
    assert_eq!(now.clause.as_ref().and_then(|c| c.num.as_deref()), Some("៣"));
    assert_eq!(now.quote.as_ref().map(|q| q.exact.as_str()), Some(KM_QUOTE));
    assert_eq!((now.uid.as_str(), now.lineage.as_str()), (a.uid.as_str(), a.lineage.as_str()), "the same annotation, the same lineage");
    let placed: Vec<(i64, Option<&str>, Anchor)> = d.placements.iter().map(|p| (p.version, p.num.as_deref(), p.anchor)).collect();
    assert_eq!(placed, [(1, Some("២"), Anchor::Placed), (2, Some("៣"), Anchor::Placed)]);
    assert_eq!(d.history.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["created", "placed"]);
    assert_eq!(d.history[1].author, "draftwatch");
    assert!(ws.review_queue(Some("k")).expect("queue").is_empty(), "an exact placement needs nobody");
}

#[test]
fn an_annotation_on_a_deleted_clause_is_orphaned_and_closed_in_review() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    let a = ws.annotate_add(&note("ati", "1", "3", None, "Security exemption too broad")).expect("annotate");
    assert!(a.quote.is_none(), "the whole clause");
    // A withdrawn annotation is not carried to the next version.
    let withdrawn = NewAnnotation { status: Some("withdrawn".into()), ..note("ati", "1", "1", None, "Purpose") };
    let withdrawn = ws.annotate_add(&withdrawn).expect("annotate").id;
    assert_eq!(import(&mut ws, "ati", "Draft 2", EN_V2).annotations_carried, 1);
    assert_eq!(ws.annotation(withdrawn).unwrap().annotation.version, 1);
    let now = ws.annotation(a.id).expect("detail").annotation;
    assert_eq!((now.version, now.anchor), (2, Anchor::Orphaned));
    assert!(now.clause.is_none());
    assert_eq!(now.anchor_note.as_deref(), Some("the clause was deleted in this version"));

    let queue = ws.review_queue(Some("ati")).expect("queue");
    assert_eq!(queue.len(), 1);
    assert!(queue[0].old_text.as_deref().is_some_and(|t| t.contains("national security")));
    assert_eq!(queue[0].new_text, None);
    // Nothing to confirm: the clause is gone.
    let e = ws.annotate_review(a.id, &ReviewAction::Confirm, "reviewer").unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");
    let closed = ws.annotate_review(a.id, &ReviewAction::Close, "reviewer").expect("close");
    assert_eq!(closed.status, Status::Withdrawn);
    assert!(ws.review_queue(Some("ati")).expect("queue").is_empty());
    // Closed (and orphaned), it stays where it was.
    assert_eq!(import(&mut ws, "ati", "Draft 3", &EN_V2.replace("any ministry", "a ministry")).annotations_carried, 0);
    assert_eq!(ws.annotation(a.id).unwrap().annotation.version, 2);
}

#[test]
fn an_english_quote_is_reattached_in_review() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    import(&mut ws, "ati", "Draft 2", EN_V2);
    let a = ws.annotate_add(&note("ati", "2", "2", Some("any ministry"), "Too wide")).expect("annotate");
    let action = ReviewAction::Reattach { clause: "3".into(), quote: Some("a fee for copies".into()), quote_start: None };
    let moved = ws.annotate_review(a.id, &action, "reviewer").expect("reattach");
    assert_eq!(moved.clause.as_ref().and_then(|c| c.num.as_deref()), Some("3"));
    assert_eq!(moved.quote.as_ref().map(|q| q.exact.as_str()), Some("a fee for copies"));
    assert_eq!(moved.anchor, Anchor::Placed);
    let action = ReviewAction::Reattach { clause: "3".into(), quote: Some("not in the clause".into()), quote_start: None };
    let e = ws.annotate_review(a.id, &action, "reviewer").unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("quote")));
    let d = ws.annotation(a.id).unwrap();
    assert_eq!(d.history.last().map(|e| e.action.as_str()), Some("reattached"));
}

#[test]
fn edits_are_recorded_field_by_field() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    let a = ws.annotate_add(&note("ati", "1", "2", Some("a fee for copies"), "Fees")).expect("annotate");
    let edit = AnnotationEdit {
        title: Some("Fees for copies".into()),
        status: Some("agreed".into()),
        concern: Some(a.concern.clone()),
        ..Default::default()
    };
    let edited = ws.annotate_edit(a.id, &edit, "Sokha").expect("edit");
    assert_eq!((edited.title.as_str(), edited.status), ("Fees for copies", Status::Agreed));
    let d = ws.annotation(a.id).expect("detail");
    let last = d.history.last().expect("event");
    assert_eq!((last.action.as_str(), last.author.as_str()), ("edited", "Sokha"));
    assert_eq!(
        last.changes,
        serde_json::json!({"title": ["Fees", "Fees for copies"], "status": ["draft", "agreed"]}),
        "unchanged fields are not listed"
    );
    // The same edit again changes nothing and records nothing.
    let again = ws.annotate_edit(a.id, &edit, "Sokha").expect("edit");
    assert_eq!(again.updated_at, edited.updated_at);
    assert_eq!(ws.annotation(a.id).unwrap().history.len(), d.history.len());
    // `Some("")` clears the proposed wording.
    ws.annotate_edit(a.id, &AnnotationEdit { proposed: Some("at cost".into()), ..Default::default() }, "Sokha").unwrap();
    let cleared = ws.annotate_edit(a.id, &AnnotationEdit { proposed: Some(String::new()), ..Default::default() }, "Sokha").unwrap();
    assert_eq!(cleared.proposed, None);
}

#[test]
fn replies_form_a_thread_and_deletion_keeps_the_history() {
    let (_d, mut ws) = empty();
    import(&mut ws, "k", "1", KM_V1);
    let a = ws.annotate_add(&note("k", "1", "1", None, "គោលបំណង")).expect("annotate");
    ws.annotate_reply(a.id, "Dara", None, "យល់ព្រម ។").expect("reply");
    ws.annotate_reply(a.id, "Sokha", None, "Agreed, with a caveat.").expect("reply");
    let d = ws.annotation(a.id).expect("detail");
    assert_eq!(
        d.replies.iter().map(|r| (r.author.as_str(), r.body.as_str())).collect::<Vec<_>>(),
        [("Dara", "យល់ព្រម ។"), ("Sokha", "Agreed, with a caveat.")]
    );
    let e = ws.annotate_reply(a.id, "Dara", None, "   ").unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("text")));

    let deleted = ws.annotate_delete(a.id, "Dara").expect("delete");
    assert_eq!(deleted.uid, a.uid);
    assert_eq!(ws.annotation(a.id).unwrap_err().code(), "not_found");
    let actions: Vec<String> = ws
        .conn()
        .prepare("SELECT action FROM annotation_events WHERE annotation_uid = ?1 ORDER BY id")
        .unwrap()
        .query_map([&a.uid], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(actions, ["created", "replied", "replied", "deleted"]);
}

#[test]
fn lists_are_filtered() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    import(&mut ws, "k", "1", KM_V1);
    let en = ws.annotate_add(&NewAnnotation { rights: vec!["information".into()], ..note("ati", "1", "1", None, "Purpose") }).unwrap();
    let km = ws
        .annotate_add(&NewAnnotation {
            status: Some("proposed".into()), ..note("k", "1", "២", Some(KM_QUOTE), "ចុះបញ្ជី")
        })
        .unwrap();
    let ids = |f: Filter| ws.annotations(&f).unwrap().into_iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(ids(Filter::default()), [en.id, km.id]);
    assert_eq!(ids(Filter { bill: Some("k".into()), ..Default::default() }), [km.id]);
    assert_eq!(ids(Filter { right: Some("information".into()), ..Default::default() }), [en.id]);
    assert_eq!(ids(Filter { status: Some("proposed".into()), ..Default::default() }), [km.id]);
    assert_eq!(ids(Filter { lineage: Some(km.lineage.clone()), ..Default::default() }), [km.id]);
    assert!(ids(Filter { anchors: vec![Anchor::Orphaned], ..Default::default() }).is_empty());
}

#[test]
fn bad_input_is_refused_with_its_field() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    let add = |ws: &mut Workspace, na: NewAnnotation| ws.annotate_add(&na).unwrap_err();
    let errors = [
        add(&mut ws, note("ati", "1", "2", Some("free of cost"), "Not quoted exactly")),
        add(&mut ws, note("ati", "1", "2", Some("charge"), "Quoted twice")),
        add(&mut ws, note("ati", "1", "2", None, "  ")),
        add(&mut ws, NewAnnotation { author: String::new(), ..note("ati", "1", "2", None, "No author") }),
        add(&mut ws, NewAnnotation { rights: vec!["no_such_right".into()], ..note("ati", "1", "2", None, "Right") }),
        add(&mut ws, NewAnnotation { impact: Some("devastates".into()), ..note("ati", "1", "2", None, "Impact") }),
        add(&mut ws, NewAnnotation { status: Some("done".into()), ..note("ati", "1", "2", None, "Status") }),
    ];
    assert_eq!(
        codes(&errors),
        [
            ("invalid", Some("quote")),
            ("invalid", Some("quote")),
            ("invalid", Some("title")),
            ("invalid", Some("author")),
            ("invalid", Some("right")),
            ("invalid", Some("impact")),
            ("invalid", Some("status")),
        ]
    );
    assert!(errors[1].to_string().contains("occurs 2 times"), "{}", errors[1]);
    // Given its position, a quote that occurs twice is taken.
    let starts: Vec<usize> = {
        let e = errors[1].to_string();
        let list = e.rsplit("(character ").next().unwrap().split(')').next().unwrap().to_string();
        list.split(", ").map(|s| s.parse().unwrap()).collect()
    };
    let second = NewAnnotation { quote_start: Some(starts[1]), ..note("ati", "1", "2", Some("charge"), "The second") };
    assert_eq!(ws.annotate_add(&second).expect("with a start").quote.map(|q| q.start), Some(starts[1]));

    let missing = [
        add(&mut ws, note("nope", "1", "2", None, "No bill")),
        add(&mut ws, note("ati", "5", "2", None, "No version")),
        add(&mut ws, note("ati", "1", "9", None, "No clause")),
        add(&mut ws, NewAnnotation { org: Some("NOBODY".into()), ..note("ati", "1", "2", None, "No organisation") }),
    ];
    assert!(missing.iter().all(|e| e.code() == "not_found"), "{missing:?}");
    assert_eq!(ws.annotations(&Filter::default()).unwrap().len(), 1, "only the valid one is stored");
}

#[test]
fn a_missing_annotation_is_not_found() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    let errors = [
        ws.annotation(42).unwrap_err(),
        ws.annotate_edit(42, &AnnotationEdit { title: Some("x".into()), ..Default::default() }, "a").unwrap_err(),
        ws.annotate_reply(42, "a", None, "text").unwrap_err(),
        ws.annotate_delete(42, "a").unwrap_err(),
        ws.annotate_review(42, &ReviewAction::Close, "a").unwrap_err(),
    ];
    assert!(errors.iter().all(|e| e.code() == "not_found"), "{errors:?}");
    assert_eq!(errors[0].to_string(), "there is no annotation 42 (`draftwatch annotate list` lists them)");
}

#[test]
fn impact_and_status_names() {
    for i in super::Impact::ALL {
        assert_eq!(super::Impact::parse(i.as_str()).unwrap(), i);
    }
    assert_eq!(super::Impact::parse("Strongly-Restricts").unwrap(), super::Impact::StronglyRestricts);
    for s in Status::ALL {
        assert_eq!(Status::parse(s.as_str()).unwrap(), s);
    }
    let uid = super::new_uid();
    assert!(uid.len() == 32 && uid.chars().all(|c| c.is_ascii_hexdigit()), "{uid}");
    assert_ne!(uid, super::new_uid());
}
