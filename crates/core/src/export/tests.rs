//! Exports through the workspace: annotations as CSV and as W3C JSON-LD (read
//! back into another workspace), a Khmer position as Markdown, an English one
//! as HTML with the bill's words escaped, a version as Akoma Ntoso, and the
//! errors of an unknown format.

use serde_json::Value;

use crate::annotate::tests::note;
use crate::annotate::NewAnnotation;
use crate::positions::tests::{annotate, org};
use crate::positions::EndorsementState;
use crate::workspace::tests::{empty, import, EN_V1, KM_V1};
use crate::workspace::Workspace;

const KM_QUOTE: &str = "ត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ";

/// A Khmer annotation with a Khmer quote, on clause ២ of `k` version 1.
fn khmer_note(ws: &mut Workspace) -> i64 {
    let na = NewAnnotation {
        concern: "ការចុះបញ្ជីជាកាតព្វកិច្ចរឹតត្បិតសេរីភាពសមាគម ។".into(),
        recommendation: "លុបកាតព្វកិច្ចចុះបញ្ជី ។".into(),
        proposed: Some("អាចចុះបញ្ជី".into()),
        refs: vec!["ICCPR Art. 22".into()],
        tags: vec!["registration".into()],
        author: "Dara".into(),
        org: Some("CCC".into()),
        ..note("k", "1", "២", Some(KM_QUOTE), "ការចុះបញ្ជីជាកាតព្វកិច្ច")
    };
    ws.annotate_add(&na).expect("annotate").id
}

#[test]
fn annotations_as_csv_quote_their_fields_and_keep_khmer() {
    let (_d, mut ws) = empty();
    import(&mut ws, "k", "1", KM_V1);
    import(&mut ws, "ati", "Draft 1", EN_V1);
    org(&mut ws, "CCC", "Cooperation Committee for Cambodia", None);
    let km = khmer_note(&mut ws);
    let na = NewAnnotation {
        concern: "He said \"free\",\nthen charged.".into(),
        recommendation: String::new(),
        rights: Vec::new(),
        delete_clause: true,
        ..note("ati", "1", "2", None, "Fees, again")
    };
    let en = ws.annotate_add(&na).unwrap();

    let csv = ws.annotations_export(None, "csv").expect("csv");
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark for spreadsheets");
    let (header, rest) = csv.trim_start_matches('\u{feff}').split_once("\r\n").expect("header");
    assert_eq!(
        header,
        "id,uid,bill,version,article,anchor,quote,title,concern,recommendation,proposed,delete_clause,rights,impact,references,tags,status,author,organisation,created_at,updated_at"
    );
    assert!(csv.ends_with("\r\n"));
    // Ordered by bill: ati first, then k.
    let en_row = format!(
        "{},{},ati,1,2,placed,,\"Fees, again\",\"He said \"\"free\"\",\nthen charged.\",,,true,,restricts,,,draft,tester,,{},{}\r\n",
        en.id, en.uid, en.created_at, en.updated_at
    );
    assert!(rest.starts_with(&en_row), "{rest}");
    let km_row = rest.strip_prefix(&en_row).expect("second row");
    let fields: Vec<&str> = km_row.trim_end_matches("\r\n").split(',').collect();
    assert_eq!(fields.len(), 21, "{km_row}");
    assert_eq!(fields[0], km.to_string());
    assert_eq!(&fields[2..8], ["k", "1", "២", "placed", KM_QUOTE, "ការចុះបញ្ជីជាកាតព្វកិច្ច"]);
    assert_eq!(&fields[10..19], ["អាចចុះបញ្ជី", "false", "association", "restricts", "ICCPR Art. 22", "registration", "draft", "Dara", "CCC"]);
    // One bill only.
    let only = ws.annotations_export(Some("k"), "csv").unwrap();
    assert_eq!(only.matches("\r\n").count(), 2, "{only}");
}

#[test]
fn annotations_as_w3c_json_ld_read_back_into_another_workspace() {
    let (_d, mut ws) = empty();
    import(&mut ws, "k", "1", KM_V1);
    org(&mut ws, "CCC", "Cooperation Committee for Cambodia", None);
    let id = khmer_note(&mut ws);
    let a = ws.annotation(id).unwrap().annotation;

    let json = ws.annotations_export(Some("k"), "w3c").expect("w3c");
    let v: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["type"], "AnnotationCollection");
    assert_eq!(v["label"], "Draftwatch annotations on k");
    assert_eq!(v["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["total"], 1);
    let item = &v["first"]["items"][0];
    assert_eq!(item["type"], "Annotation");
    assert_eq!(item["motivation"], "editing", "wording was proposed");
    let id_urn = item["id"].as_str().unwrap();
    assert_eq!(id_urn.strip_prefix("urn:uuid:").map(|u| u.replace('-', "")), Some(a.uid.clone()));
    let eid = &a.clause.as_ref().unwrap().eid;
    assert_eq!(item["target"]["source"], format!("urn:draftwatch:k:1#{eid}"));
    assert_eq!(item["target"]["dw:clause"], "២");
    let selectors = item["target"]["selector"].as_array().unwrap();
    assert_eq!(selectors[0]["type"], "TextQuoteSelector");
    assert_eq!(selectors[0]["exact"], KM_QUOTE);
    let q = a.quote.as_ref().unwrap();
    assert_eq!((selectors[1]["start"].as_u64(), selectors[1]["end"].as_u64()), (Some(q.start as u64), Some(q.end as u64)));
    let bodies = item["body"].as_array().unwrap();
    let body = |purpose: &str| {
        bodies
            .iter()
            .filter(|b| b["purpose"] == purpose)
            .map(|b| (b["value"].as_str().unwrap(), b["language"].as_str()))
            .collect::<Vec<_>>()
    };
    assert_eq!(body("commenting"), [("ការចុះបញ្ជីជាកាតព្វកិច្ច", Some("km")), ("លុបកាតព្វកិច្ចចុះបញ្ជី ។", Some("km"))]);
    assert_eq!(body("classifying"), [("association", None)]);
    assert_eq!(body("tagging"), [("registration", Some("en"))]);
    assert_eq!((item["dw:impact"].as_str(), item["creator"]["dw:organisation"].as_str()), (Some("restricts"), Some("CCC")));

    // Another workspace with the same version takes it, once; the
    // organisation comes with it.
    let (_e, mut other) = empty();
    import(&mut other, "k", "1", KM_V1);
    assert_eq!(other.annotations_import_w3c(&json).expect("import"), (1, 0));
    assert_eq!(other.annotations_import_w3c(&json).expect("again"), (0, 1));
    let b = other.annotations(&Default::default()).unwrap().remove(0);
    assert_eq!((b.uid.as_str(), b.title.as_str(), b.concern.as_str()), (a.uid.as_str(), a.title.as_str(), a.concern.as_str()));
    assert_eq!((b.quote, b.proposed, b.rights, b.org), (a.quote.clone(), a.proposed.clone(), a.rights.clone(), a.org.clone()));
    assert_eq!(other.orgs().unwrap()[0].short_name, "CCC");

    let e = other.annotations_import_w3c("{not json").unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("file")));
}

#[test]
fn a_khmer_position_exports_as_markdown_in_khmer() {
    let (_d, mut ws) = empty();
    import(&mut ws, "k", "សេចក្តីព្រាងទី១", KM_V1);
    org(&mut ws, "CCC", "Cooperation Committee for Cambodia", Some("គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា"));
    org(&mut ws, "ADHOC", "ADHOC", None);
    let a = khmer_note(&mut ws);
    let p = ws.position_new("k", "1", "សេចក្តីថ្លែងការណ៍រួម *បន្ទាន់*", "សេចក្តីផ្តើម ។", "សូមអរគុណ ។", None).unwrap();
    ws.position_add(p.id, a, None).unwrap();
    ws.position_endorse(p.id, "CCC", EndorsementState::Endorsed, "2024-01-10", None).unwrap();
    ws.position_endorse(p.id, "ADHOC", EndorsementState::Invited, "2024-01-10", None).unwrap();

    let md = String::from_utf8(ws.position_export(p.id, "md").expect("md")).expect("UTF-8");
    assert!(md.starts_with("# សេចក្តីថ្លែងការណ៍រួម \\*បន្ទាន់\\*\n\n"), "markup in a title is escaped: {md}");
    assert!(md.contains("សេចក្តីព្រាងច្បាប់: k — កំណែ: សេចក្តីព្រាងទី១\n\nសេចក្តីផ្តើម ។\n\n"), "{md}");
    assert!(md.contains("## 1. មាត្រា ២ — ការចុះបញ្ជី — ការចុះបញ្ជីជាកាតព្វកិច្ច\n\n**អត្ថបទបច្ចុប្បន្ន:**\n\n> "), "{md}");
    assert!(md.contains("> សមាគមក្នុងស្រុកត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ មុនពេលធ្វើសកម្មភាព ។\n"), "{md}");
    for line in [
        format!("**ដកស្រង់:** {KM_QUOTE}\n"),
        "**ពាក្យពេចន៍ដែលស្នើ:** អាចចុះបញ្ជី\n".into(),
        "**សិទ្ធិ:** សេរីភាពសមាគម\n".into(),
        "**ផលប៉ះពាល់:** រឹតត្បិត\n".into(),
    ] {
        assert!(md.contains(&line), "{line:?} in {md}");
    }
    assert!(md.ends_with("សូមអរគុណ ។\n\n## គាំទ្រដោយ\n\n- Cooperation Committee for Cambodia (CCC) — គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា\n"), "{md}");
    assert!(!md.contains("ADHOC"), "an invited organisation has not endorsed");
}

#[test]
fn an_english_position_exports_as_html_with_the_bills_words_escaped() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    let na = NewAnnotation {
        concern: "Too broad & vague.".into(),
        recommendation: String::new(),
        delete_clause: true,
        ..note("ati", "1", "3", None, "<script>alert(1)</script>")
    };
    let a = ws.annotate_add(&na).unwrap().id;
    let p = ws.position_new("ati", "1", "Joint statement", "First.\n\nSecond.", "", None).unwrap();
    ws.position_add(p.id, a, None).unwrap();
    let html = String::from_utf8(ws.position_export(p.id, "html").unwrap()).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{html}");
    assert!(!html.contains("<script"), "no script, even from an annotation");
    assert!(html.contains("<h2>1. Article 3 — Exemptions — &lt;script&gt;alert(1)&lt;/script&gt;</h2>"), "{html}");
    assert!(html.contains("<tr><th>Concern</th><td>Too broad &amp; vague.</td></tr>"), "{html}");
    assert!(html.contains("<tr><th>Recommendation</th><td>Delete this article</td></tr>"), "{html}");
    assert!(html.contains("<p>First.</p>\n<p>Second.</p>\n"), "paragraphs of the introduction");
    assert!(html.contains("<tr><th>Current text</th><td class=\"text\">Exemptions\n"), "{html}");
    assert!(!html.contains("Endorsed by"), "nobody endorsed yet");
    // The Markdown of the same position, in English.
    let md = String::from_utf8(ws.position_export(p.id, "markdown").unwrap()).unwrap();
    assert!(md.contains("Bill: ati — Version: Draft 1\n"), "{md}");
    assert!(md.contains("**Recommendation:** Delete this article\n"), "{md}");
    assert!(md.contains("\\<script\\>"), "{md}");
}

#[test]
fn a_version_exports_as_akoma_ntoso_with_its_eids() {
    let (_d, mut ws) = empty();
    import(&mut ws, "k", "សេចក្តីព្រាងទី១", KM_V1);
    let eid = ws.clause("k", "1", "២").unwrap().eid;
    let xml = ws.version_akn("k", "1").expect("akn");
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">"
    ));
    assert!(xml.contains(&format!("eId=\"{eid}\"")), "{xml}");
    assert!(xml.contains("<FRBRlanguage language=\"khm\"/>"), "{xml}");
    assert!(xml.contains("<label>សេចក្តីព្រាងទី១</label>"), "{xml}");
    assert!(xml.contains("សមាគមក្នុងស្រុកត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ"));
    assert_eq!(ws.version_akn("k", "2").unwrap_err().code(), "not_found");
}

#[test]
fn unknown_formats_are_refused_with_the_field() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    let a = annotate(&mut ws, "ati", "1", "1", None, "Purpose");
    let p = ws.position_new("ati", "1", "Joint statement", "", "", None).unwrap();
    ws.position_add(p.id, a, None).unwrap();
    let e = ws.position_export(p.id, "odt").unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("format")));
    assert_eq!(e.to_string(), "a position exports as docx, pdf, md or html, not \"odt\"");
    let e = ws.annotations_export(None, "xml").unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("format")));
    // A DOCX is a zip package.
    assert!(ws.position_export(p.id, "docx").unwrap().starts_with(b"PK\x03\x04"));
}
