//! Coalition bundles between two workspaces: round trip, idempotence, edits
//! on both sides, and refusal of tampered or unsafe bundles with nothing
//! imported.

use crate::util::{draft, empty_workspace, opts, snapshot};
use draftwatch_core::annotate::{AnnotationEdit, NewAnnotation};
use draftwatch_core::positions::{EndorsementState, Organisation};
use draftwatch_core::workspace::{ImportOptions, Workspace};

/// Workspace A: LANGO drafts 1 and 2 (Khmer), two annotations, a reply, a position.
fn coalition() -> (tempfile::TempDir, Workspace, Vec<i64>) {
    let (d, mut ws) = empty_workspace();
    for (rel, label) in [("lango/v1.md", "សេចក្តីព្រាងទី១"), ("lango/v2.txt", "សេចក្តីព្រាងទី២")]
    {
        ws.import_file(&draft(rel), &ImportOptions { label: Some(label.into()), ..opts("lango") }).unwrap();
    }
    ws.org_add(&Organisation {
        uid: String::new(),
        short_name: "CCC".into(),
        name: "Cooperation Committee for Cambodia".into(),
        name_km: Some("គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា".into()),
        contact: None,
    })
    .unwrap();
    let mut ids = Vec::new();
    for (clause, title) in [("៨", "រយៈពេលពិនិត្យពាក្យសុំ"), ("៧", "កាតព្វកិច្ចចុះបញ្ជី")]
    {
        let a = ws
            .annotate_add(&NewAnnotation {
                bill: "lango".into(),
                version: "2".into(),
                clause: clause.into(),
                title: title.into(),
                concern: "ការចុះបញ្ជីជាកាតព្វកិច្ចរឹតត្បិតសេរីភាពសមាគម".into(),
                rights: vec!["association".into()],
                impact: Some("strongly_restricts".into()),
                refs: vec!["ICCPR Art. 22".into()],
                author: "Sokha".into(),
                org: Some("CCC".into()),
                ..Default::default()
            })
            .unwrap();
        ids.push(a.id);
    }
    ws.annotate_reply(ids[0], "Dara", Some("CCC"), "យល់ព្រម").unwrap();
    let p = ws.position_new("lango", "2", "សេចក្តីថ្លែងការណ៍រួម", "", "", None).unwrap();
    ws.position_add(p.id, ids[0], None).unwrap();
    ws.position_add(p.id, ids[1], None).unwrap();
    ws.position_endorse(p.id, "CCC", EndorsementState::Endorsed, "2015-06-01", None).unwrap();
    (d, ws, ids)
}

fn counts(ws: &Workspace) -> Vec<i64> {
    [
        "annotations",
        "annotation_events",
        "annotation_replies",
        "annotation_placements",
        "positions",
        "position_items",
        "endorsements",
        "organisations",
        "versions",
        "provisions",
    ]
    .iter()
    .map(|t| ws.conn().query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0)).unwrap())
    .collect()
}

#[test]
fn bundles_round_trip_and_merge_without_duplicates() {
    let (_a, mut a, ids) = coalition();
    let bundle = a.bundle_export("lango").unwrap();
    let (_b, mut b) = empty_workspace();
    let r = b.bundle_import(&bundle).unwrap();
    assert_eq!((r.versions_added, r.annotations_added, r.positions_added, r.organisations_added, r.replies_added), (2, 2, 1, 1, 1));
    let (x, y) = (a.annotation(ids[0]).unwrap(), b.annotations(&Default::default()).unwrap());
    let same = y.iter().find(|z| z.uid == x.annotation.uid).unwrap();
    assert_eq!(
        (&same.title, &same.clause, same.anchor, &same.org),
        (&x.annotation.title, &x.annotation.clause, x.annotation.anchor, &x.annotation.org)
    );
    let bd = b.annotation(same.id).unwrap();
    assert_eq!(bd.history, x.history);
    assert_eq!(bd.replies, x.replies);
    let pos = &b.positions().unwrap()[0];
    let detail = b.position(pos.id).unwrap();
    assert_eq!(detail.items.len(), 2);
    assert_eq!(detail.endorsements[0].org.short_name, "CCC");
    assert_eq!(b.versions("lango").unwrap().iter().map(|v| v.label.clone()).collect::<Vec<_>>(), ["សេចក្តីព្រាងទី១", "សេចក្តីព្រាងទី២"]);
    // The same bundle again, either way: nothing changes.
    let before = (counts(&b), snapshot(&b));
    assert_eq!(b.bundle_import(&bundle).unwrap(), Default::default());
    assert_eq!((counts(&b), snapshot(&b)), before);
    let before = counts(&a);
    assert_eq!(a.bundle_import(&b.bundle_export("lango").unwrap()).unwrap(), Default::default());
    assert_eq!(counts(&a), before);
    // Searchable in the receiving workspace.
    let hits =
        b.search("រយៈពេលពិនិត្យពាក្យសុំ", &draftwatch_core::workspace::SearchOptions { org: Some("CCC".into()), ..Default::default() }).unwrap();
    assert!(hits.hits.iter().any(|h| h.annotation == Some(same.id)), "{:?}", hits.hits);
}

#[test]
fn edits_on_both_sides_keep_both_revisions_and_the_newest_wins() {
    let (_a, mut a, ids) = coalition();
    let (_b, mut b) = empty_workspace();
    b.bundle_import(&a.bundle_export("lango").unwrap()).unwrap();
    let uid = a.annotation(ids[0]).unwrap().annotation.uid;
    let b_id = b.annotations(&Default::default()).unwrap().into_iter().find(|x| x.uid == uid).unwrap().id;
    // Each side's clock says when its edit was made: B edits a minute after A.
    a.set_clock(Box::new(|| "2030-01-01T10:00:00.000Z".into())).unwrap();
    b.set_clock(Box::new(|| "2030-01-01T10:01:00.000Z".into())).unwrap();
    a.annotate_edit(ids[0], &AnnotationEdit { title: Some("A's title".into()), ..Default::default() }, "Sokha").unwrap();
    b.annotate_edit(
        b_id,
        &AnnotationEdit { concern: Some("B's concern".into()), status: Some("agreed".into()), ..Default::default() },
        "Dara",
    )
    .unwrap();
    let from_a = a.bundle_export("lango").unwrap();
    let from_b = b.bundle_export("lango").unwrap();
    let r = a.bundle_import(&from_b).unwrap();
    assert_eq!((r.annotations_updated, r.events_added), (1, 1));
    b.bundle_import(&from_a).unwrap();
    for (ws, id) in [(&a, ids[0]), (&b, b_id)] {
        let d = ws.annotation(id).unwrap();
        // B edited last: its fields are current on both sides ...
        assert_eq!((d.annotation.concern.as_str(), d.annotation.status.as_str()), ("B's concern", "agreed"));
        // ... and both edits are in the history, on both sides.
        let edits: Vec<(&str, &str)> =
            d.history.iter().filter(|e| e.action == "edited").map(|e| (e.author.as_str(), e.at.as_str())).collect();
        assert_eq!(edits.len(), 2, "{:?}", d.history);
        assert!(edits.iter().any(|e| e.0 == "Sokha") && edits.iter().any(|e| e.0 == "Dara"));
    }
    assert_eq!(a.annotation(ids[0]).unwrap().history, b.annotation(b_id).unwrap().history.clone());
}

/// Rewrites a bundle with Python's zipfile: `edit` is Python code over `entries` (name → bytes).
fn rewrite(bundle: &[u8], edit: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let (src, dst) = (dir.path().join("in.zip"), dir.path().join("out.zip"));
    std::fs::write(&src, bundle).unwrap();
    let script = format!(
        "import zipfile, sys\nz = zipfile.ZipFile(sys.argv[1])\nentries = {{n: z.read(n) for n in z.namelist()}}\n{edit}\nwith zipfile.ZipFile(sys.argv[2], 'w') as o:\n    for n, b in entries.items(): o.writestr(n, b)\n"
    );
    let out = std::process::Command::new(crate::util::python3()).arg("-c").arg(script).arg(&src).arg(&dst).output().expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::read(dst).unwrap()
}

#[test]
fn tampered_or_unsafe_bundles_are_refused_and_nothing_is_imported() {
    let (_a, a, _) = coalition();
    let bundle = a.bundle_export("lango").unwrap();
    let cases = [
        ("entries['../../x'] = b'evil'", "unexpected path \"../../x\""),
        ("entries['/etc/passwd'] = b'evil'", "unexpected path"),
        (
            "n = [k for k in entries if k.startswith('sources/')][0]; entries[n] = entries[n].replace('ច្បាប់'.encode(), 'ច្បាប'.encode(), 1)",
            "was altered or damaged",
        ),
        ("entries['manifest.json'] = entries['manifest.json'].replace(b'Sokha', b'Forger')", "manifest.json was altered"),
        ("del entries['manifest.json']", "no manifest.json"),
    ];
    for (edit, says) in cases {
        let (_b, mut b) = empty_workspace();
        let before = (counts(&b), snapshot(&b));
        let err = b.bundle_import(&rewrite(&bundle, edit)).unwrap_err();
        assert!(err.to_string().contains(says) && err.to_string().contains("nothing was imported"), "{edit}: {err}");
        assert_eq!((counts(&b), snapshot(&b)), before, "{edit}");
    }
    let (_b, mut b) = empty_workspace();
    assert!(b.bundle_import(b"not a zip").unwrap_err().to_string().contains("not a Draftwatch bundle"));
}
