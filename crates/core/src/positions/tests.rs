//! Organisations, joint positions and endorsements through the workspace:
//! a Khmer position with its items in order, endorsement states (the latest
//! wins), a scorecard against a later version, and the errors a caller acts on.

use super::track::Outcome;
use super::{EndorsementState, Organisation};
use crate::annotate::tests::note;
use crate::annotate::NewAnnotation;
use crate::workspace::tests::{empty, import, EN_V1, EN_V2, KM_V1, KM_V2};
use crate::workspace::Workspace;

/// Adds an organisation (`name_km` optional).
pub(crate) fn org(ws: &mut Workspace, short: &str, name: &str, name_km: Option<&str>) -> Organisation {
    let o = Organisation {
        uid: String::new(),
        short_name: short.into(),
        name: name.into(),
        name_km: name_km.map(str::to_string),
        contact: None,
    };
    ws.org_add(&o).unwrap_or_else(|e| panic!("{short}: {e}"))
}

/// Annotates a clause (or a quote in it); returns the id.
pub(crate) fn annotate(ws: &mut Workspace, bill: &str, version: &str, clause: &str, quote: Option<&str>, title: &str) -> i64 {
    ws.annotate_add(&note(bill, version, clause, quote, title)).unwrap_or_else(|e| panic!("{title}: {e}")).id
}

#[test]
fn organisations_have_unique_one_word_short_names() {
    let (_d, mut ws) = empty();
    let ccc = org(&mut ws, " CCC ", " Cooperation Committee for Cambodia ", Some("គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា"));
    assert_eq!((ccc.short_name.as_str(), ccc.name.as_str()), ("CCC", "Cooperation Committee for Cambodia"), "trimmed");
    assert_eq!(ccc.uid.len(), 32);
    org(&mut ws, "adhoc", "ADHOC", None);
    assert_eq!(ws.orgs().unwrap().iter().map(|o| o.short_name.as_str()).collect::<Vec<_>>(), ["adhoc", "CCC"], "case-insensitive order");
    let add = |ws: &mut Workspace, short: &str, name: &str| {
        ws.org_add(&Organisation { uid: String::new(), short_name: short.into(), name: name.into(), name_km: None, contact: None })
            .unwrap_err()
    };
    let e = add(&mut ws, "CCC", "Another");
    assert_eq!(e.code(), "conflict");
    assert_eq!(e.to_string(), "there is already an organisation \"CCC\"");
    assert_eq!(add(&mut ws, "two words", "X").field(), Some("short"));
    assert_eq!(add(&mut ws, "", "X").field(), Some("short"));
    assert_eq!(add(&mut ws, "NEW", " ").field(), Some("name"));
    assert_eq!(ws.orgs().unwrap().len(), 2);
}

#[test]
fn a_khmer_position_holds_its_items_in_order() {
    let (_d, mut ws) = empty();
    import(&mut ws, "k", "សេចក្តីព្រាងទី១", KM_V1);
    let purpose = annotate(&mut ws, "k", "1", "១", None, "គោលបំណង");
    let registration = annotate(&mut ws, "k", "1", "២", Some("ត្រូវចុះបញ្ជី"), "ការចុះបញ្ជី");
    let p = ws.position_new("k", "1", "សេចក្តីថ្លែងការណ៍រួម", "សេចក្តីផ្តើម", "", None).expect("position");
    assert_eq!((p.lang.as_str(), p.version, p.version_label.as_str()), ("km", 1, "សេចក្តីព្រាងទី១"), "the version's language");

    ws.position_add(p.id, purpose, None).unwrap();
    ws.position_add(p.id, registration, None).unwrap();
    let items = |ws: &Workspace| ws.position(p.id).unwrap().items.iter().map(|i| i.annotation.id).collect::<Vec<_>>();
    assert_eq!(items(&ws), [purpose, registration]);
    // Adding again moves it (1-based place).
    ws.position_add(p.id, registration, Some(1)).unwrap();
    assert_eq!(items(&ws), [registration, purpose]);
    let d = ws.position(p.id).unwrap();
    assert_eq!((d.items[0].num.as_deref(), d.items[0].heading.as_deref()), (Some("២"), Some("ការចុះបញ្ជី")));
    assert!(d.items[0].text.contains("សមាគមក្នុងស្រុកត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ"), "{}", d.items[0].text);

    ws.position_remove(p.id, purpose).unwrap();
    assert_eq!(items(&ws), [registration]);
    let e = ws.position_remove(p.id, purpose).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("annotation")));

    // An annotation of another bill is not an item of this one.
    import(&mut ws, "ati", "Draft 1", EN_V1);
    let other = annotate(&mut ws, "ati", "1", "1", None, "Purpose");
    let e = ws.position_add(p.id, other, None).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("annotation")));
    assert_eq!(items(&ws), [registration]);
    // The language may be chosen; only en and km are written.
    assert_eq!(ws.position_new("k", "1", "Joint statement", "", "", Some("en")).unwrap().lang, "en");
    let e = ws.position_new("k", "1", "Déclaration", "", "", Some("fr")).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("lang")));
    assert_eq!(ws.positions().unwrap().len(), 2);
}

#[test]
fn an_item_is_an_annotation_placed_on_the_positions_version() {
    let (_d, mut ws) = empty();
    import(&mut ws, "k", "1", KM_V1);
    let carried = annotate(&mut ws, "k", "1", "២", None, "ការចុះបញ្ជី");
    import(&mut ws, "k", "2", KM_V2);
    let new_on_2 = annotate(&mut ws, "k", "2", "២", None, "និយមន័យ");
    let on_2 = ws.position_new("k", "2", "Position", "", "", None).unwrap();
    ws.position_add(on_2.id, carried, None).expect("carried to version 2");
    ws.position_add(on_2.id, new_on_2, None).unwrap();
    assert_eq!(ws.position(on_2.id).unwrap().items[0].num.as_deref(), Some("៣"), "the clause as numbered on version 2");
    let on_1 = ws.position_new("k", "1", "Position", "", "", None).unwrap();
    let e = ws.position_add(on_1.id, new_on_2, None).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("annotation")));
    assert!(e.to_string().contains("was never placed on 1"), "{e}");
}

#[test]
fn endorsement_states_the_latest_wins() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    org(&mut ws, "CCC", "Cooperation Committee for Cambodia", Some("គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា"));
    org(&mut ws, "ADHOC", "Cambodian Human Rights and Development Association", None);
    let p = ws.position_new("ati", "1", "Joint statement", "", "", None).unwrap();
    assert_eq!(p.lang, "en");
    ws.position_endorse(p.id, "CCC", EndorsementState::Invited, "2024-01-10", None).unwrap();
    ws.position_endorse(p.id, "ADHOC", EndorsementState::Declined, "2024-01-11", Some("not our field")).unwrap();
    ws.position_endorse(p.id, "CCC", EndorsementState::Endorsed, "2024-01-12", None).unwrap();
    let states = |ws: &Workspace| {
        ws.position(p.id).unwrap().endorsements.iter().map(|e| (e.org.short_name.clone(), e.state, e.date.clone())).collect::<Vec<_>>()
    };
    assert_eq!(
        states(&ws),
        [
            ("ADHOC".to_string(), EndorsementState::Declined, "2024-01-11".to_string()),
            ("CCC".to_string(), EndorsementState::Endorsed, "2024-01-12".to_string()),
        ]
    );
    assert_eq!(ws.position(p.id).unwrap().endorsements[0].note.as_deref(), Some("not our field"));
    ws.position_endorse(p.id, "CCC", EndorsementState::Withdrawn, "2024-02-01", None).unwrap();
    assert_eq!(states(&ws)[1], ("CCC".to_string(), EndorsementState::Withdrawn, "2024-02-01".to_string()));

    let e = ws.position_endorse(p.id, "CCC", EndorsementState::Endorsed, "2024-02-30", None).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("date")));
    let e = ws.position_endorse(p.id, "NOBODY", EndorsementState::Endorsed, "2024-02-01", None).unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert_eq!(states(&ws).len(), 2, "refused endorsements change nothing");

    for s in [EndorsementState::Invited, EndorsementState::Endorsed, EndorsementState::Declined, EndorsementState::Withdrawn] {
        assert_eq!(EndorsementState::parse(s.as_str()).unwrap(), s);
    }
    assert_eq!(EndorsementState::parse(" Endorsed ").unwrap(), EndorsementState::Endorsed);
    let e = EndorsementState::parse("maybe").unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("state")));
}

#[test]
fn a_position_is_edited_part_by_part() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    let p = ws.position_new("ati", "1", " Joint statement ", "Intro.", "Closing.", None).unwrap();
    assert_eq!(p.title, "Joint statement");
    let edited = ws.position_edit(p.id, None, Some("A new introduction."), None).unwrap();
    assert_eq!(
        (edited.title.as_str(), edited.intro.as_str(), edited.closing.as_str()),
        ("Joint statement", "A new introduction.", "Closing.")
    );
    let e = ws.position_edit(p.id, Some("  "), None, None).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("title")));
    let e = ws.position_new("ati", "1", "", "", "", None).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("title")));
}

#[test]
fn a_missing_position_is_not_found() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    org(&mut ws, "CCC", "CCC", None);
    let a = annotate(&mut ws, "ati", "1", "1", None, "Purpose");
    let errors = [
        ws.position(7).unwrap_err(),
        ws.position_edit(7, Some("t"), None, None).unwrap_err(),
        ws.position_add(7, a, None).unwrap_err(),
        ws.position_endorse(7, "CCC", EndorsementState::Endorsed, "2024-01-01", None).unwrap_err(),
        ws.position_track(7, "latest").unwrap_err(),
        ws.position_export(7, "md").unwrap_err(),
        ws.position_new("nope", "1", "t", "", "", None).unwrap_err(),
        ws.position_new("ati", "4", "t", "", "", None).unwrap_err(),
    ];
    assert!(errors.iter().all(|e| e.code() == "not_found"), "{errors:?}");
    assert_eq!(errors[0].to_string(), "there is no joint position 7 (`draftwatch position list` lists them)");
    let p = ws.position_new("ati", "1", "t", "", "", None).unwrap();
    assert_eq!(ws.position_add(p.id, 99, None).unwrap_err().code(), "not_found", "a missing annotation");
}

#[test]
fn a_scorecard_says_what_became_of_each_recommendation() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    let fees =
        NewAnnotation { proposed: Some("shall not charge any fee".into()), ..note("ati", "1", "2", Some("may charge a fee"), "No fees") };
    let fees = ws.annotate_add(&fees).unwrap().id;
    let exemptions = annotate(&mut ws, "ati", "1", "3", None, "Narrow the exemptions");
    let p = ws.position_new("ati", "1", "Joint statement", "", "", None).unwrap();
    ws.position_add(p.id, fees, None).unwrap();
    ws.position_add(p.id, exemptions, None).unwrap();
    let e = ws.position_track(p.id, "1").unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("against")), "only a later version");
    import(&mut ws, "ati", "Draft 2", EN_V2);

    let s = ws.position_track(p.id, "latest").expect("track");
    assert_eq!((s.from, s.against, s.against_label.as_str()), (1, 2, "Draft 2"));
    let lines: Vec<(&str, Option<&str>, Vec<&str>, Outcome)> = s
        .items
        .iter()
        .map(|i| (i.title.as_str(), i.from_num.as_deref(), i.to_nums.iter().map(String::as_str).collect(), i.outcome))
        .collect();
    assert_eq!(
        lines,
        [("No fees", Some("2"), vec!["3"], Outcome::NotAdopted), ("Narrow the exemptions", Some("3"), vec![], Outcome::ClauseRemoved),]
    );
    assert_eq!(s.items[0].desired.as_deref().map(|d| d.contains("shall not charge any fee")), Some(true));
}
