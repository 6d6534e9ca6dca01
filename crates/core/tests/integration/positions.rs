//! Joint positions: items, endorsements, the adoption scorecard against a
//! later draft, and exports read back by independent tools (Python's csv,
//! json and html.parser), in English and Khmer.

use crate::util::{draft, empty_workspace, opts};
use draftwatch_core::annotate::NewAnnotation;
use draftwatch_core::positions::track::Outcome;
use draftwatch_core::positions::{EndorsementState, Organisation};
use draftwatch_core::workspace::{ImportOptions, Workspace};
use std::process::Command;

fn import(ws: &mut Workspace, bill: &str, rel: &str) {
    ws.import_file(&draft(rel), &ImportOptions { label: Some(rel.into()), ..opts(bill) }).unwrap();
}

fn org(ws: &mut Workspace, short: &str, name: &str, km: Option<&str>) {
    ws.org_add(&Organisation {
        uid: String::new(),
        short_name: short.into(),
        name: name.into(),
        name_km: km.map(str::to_string),
        contact: None,
    })
    .unwrap();
}

struct Rec<'a> {
    clause: &'a str,
    quote: Option<&'a str>,
    proposed: Option<&'a str>,
    delete: bool,
    title: &'a str,
}

fn annotate(ws: &mut Workspace, bill: &str, version: &str, r: &Rec) -> i64 {
    ws.annotate_add(&NewAnnotation {
        bill: bill.into(),
        version: version.into(),
        clause: r.clause.into(),
        quote: r.quote.map(str::to_string),
        proposed: r.proposed.map(str::to_string),
        delete_clause: r.delete,
        title: r.title.into(),
        concern: format!("Concern about {} <b>not markup</b> & more", r.title),
        recommendation: "Amend as proposed.".into(),
        rights: vec!["information".into(), "non_discrimination".into()],
        impact: Some("strongly-restricts".into()),
        refs: vec!["ICCPR Art. 19".into(), "Constitution Art. 41".into()],
        author: "tester".into(),
        org: Some("CCC".into()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{}: {e}", r.title))
    .id
}

fn python(script: &str, input: &str) -> String {
    let mut child = Command::new(crate::util::python3())
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 (scripts/setup.sh installs it)");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn scorecard_adopted_partly_not_and_removed() {
    let (_d, mut ws) = empty_workspace();
    org(&mut ws, "CCC", "Cooperation Committee for Cambodia", Some("គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា"));
    org(&mut ws, "ADHOC", "Cambodian Human Rights and Development Association", None);
    import(&mut ws, "a2i", "a2i/v1.md");
    import(&mut ws, "a2i", "a2i/v2.txt");
    // On Draft 2; Draft 3 changed Article 6 and deleted Article 37.
    let recs = [
        // Word for word: Draft 3's paragraph (3) is exactly this.
        Rec {
            clause: "6",
            quote: Some("Foreign nationals residing in the Kingdom of Cambodia, and legal persons registered in the Kingdom of Cambodia, enjoy the same right."),
            proposed: Some("Legal persons registered in the Kingdom of Cambodia enjoy the same right."),
            delete: false,
            title: "Legal persons",
        },
        // Partly: Draft 3 says "Every Khmer citizen", not "... and every foreign resident".
        Rec {
            clause: "6",
            quote: Some("Every person has the right"),
            proposed: Some("Every Khmer citizen and every foreign resident has the right"),
            delete: false,
            title: "Who may ask",
        },
        // Not at all: Draft 3 has "obtain the prior written approval of".
        Rec { clause: "9", quote: Some("notify"), proposed: Some("inform"), delete: false, title: "Inform, not ask" },
        // Unchanged clause: not adopted.
        Rec { clause: "12", quote: None, proposed: Some("Every request shall be registered the same day."), delete: false, title: "Registration" },
        // Article 37 is deleted in Draft 3.
        Rec { clause: "37", quote: None, proposed: Some("Whistleblowers shall be protected."), delete: false, title: "Whistleblowers" },
        Rec { clause: "37", quote: None, proposed: None, delete: true, title: "Delete article 37" },
    ];
    let ids: Vec<i64> = recs.iter().map(|r| annotate(&mut ws, "a2i", "2", r)).collect();
    let p = ws.position_new("a2i", "2", "Joint position on Draft 2", "We, the undersigned...", "Signed in Phnom Penh.", None).unwrap();
    for id in &ids {
        ws.position_add(p.id, *id, None).unwrap();
    }
    // Reorder: the deletion first.
    ws.position_add(p.id, ids[5], Some(1)).unwrap();
    ws.position_endorse(p.id, "CCC", EndorsementState::Endorsed, "2019-02-01", None).unwrap();
    ws.position_endorse(p.id, "ADHOC", EndorsementState::Invited, "2019-02-01", None).unwrap();
    ws.position_endorse(p.id, "ADHOC", EndorsementState::Declined, "2019-02-03", Some("too late")).unwrap();
    let d = ws.position(p.id).unwrap();
    assert_eq!(d.items.iter().map(|i| i.annotation.id).collect::<Vec<_>>()[0], ids[5]);
    assert_eq!(d.endorsements.len(), 2);
    assert_eq!(d.endorsements.iter().find(|e| e.org.short_name == "ADHOC").unwrap().state, EndorsementState::Declined);

    import(&mut ws, "a2i", "a2i/v3.docx");
    let card = ws.position_track(p.id, "3").unwrap();
    let outcome = |id: i64| card.items.iter().find(|s| s.annotation == id).unwrap();
    assert_eq!(outcome(ids[0]).outcome, Outcome::Adopted, "{:?}", outcome(ids[0]));
    let partly = outcome(ids[1]);
    assert_eq!(partly.outcome, Outcome::PartlyAdopted, "{partly:?}");
    assert!(partly.evidence.iter().any(|op| op.text.contains("foreign resident")), "evidence shows what is missing: {:?}", partly.evidence);
    assert_eq!(outcome(ids[2]).outcome, Outcome::NotAdopted, "{:?}", outcome(ids[2]));
    assert_eq!(outcome(ids[3]).outcome, Outcome::NotAdopted);
    assert_eq!(outcome(ids[3]).to_nums, ["13"], "followed through the renumbering");
    assert_eq!(outcome(ids[4]).outcome, Outcome::ClauseRemoved);
    assert_eq!(outcome(ids[5]).outcome, Outcome::Adopted);
    assert_eq!(card.summary["adopted"], 2);
    assert_eq!(card.summary["partly_adopted"], 1);
    let md = draftwatch_core::render::position::scorecard_markdown(&card);
    assert!(md.contains("| 1 | Delete article 37 | 37 | — | adopted |"), "{md}");
    assert!(ws.position_track(p.id, "1").unwrap_err().to_string().contains("later version"));

    // Exports, read back independently.
    let html = String::from_utf8(ws.position_export(p.id, "html").unwrap()).unwrap();
    let parsed = python(
        r#"
import sys, html.parser
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = []; self.text = []; self.scripts = 0
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == 'script': self.scripts += 1
    def handle_data(self, d): self.text.append(d)
p = P(); p.feed(sys.stdin.read())
print(p.tags.count('table'), p.tags.count('h2'), p.scripts)
print(''.join(p.text).count('<b>not markup</b>'))
"#,
        &html,
    );
    let lines: Vec<&str> = parsed.lines().collect();
    assert_eq!(lines[0], "6 7 0", "six item tables, six item headings and 'Endorsed by', no script");
    assert_eq!(lines[1], "6", "annotation text is text, never markup");
    assert!(html.contains("Cooperation Committee for Cambodia (CCC)"));
    assert!(!html.contains("Cambodian Human Rights and Development Association"), "declined organisations are not listed");
    let md = String::from_utf8(ws.position_export(p.id, "md").unwrap()).unwrap();
    assert!(md.starts_with("# Joint position on Draft 2\n"));
    // A CommonMark renderer (markdown-it-py) reads it: the headings are
    // headings, the bill's and annotation's words stay text (no tag comes
    // out of them).
    let rendered = python(
        r#"
import sys, html.parser
from markdown_it import MarkdownIt
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = []; self.text = []
    def handle_starttag(self, tag, attrs): self.tags.append(tag)
    def handle_data(self, d): self.text.append(d)
p = P(); p.feed(MarkdownIt('commonmark').render(sys.stdin.read()))
print(p.tags.count('h1'), p.tags.count('h2'), p.tags.count('b'), p.tags.count('blockquote'))
print(''.join(p.text).count('<b>not markup</b>'))
"#,
        &md,
    );
    let lines: Vec<&str> = rendered.lines().collect();
    assert_eq!(lines[0], "1 7 0 6", "a title, six items and 'Endorsed by', no <b> from the text, each current text quoted");
    assert_eq!(lines[1], "6");
}

#[test]
fn khmer_position_and_annotation_exports_round_trip() {
    let (_d, mut ws) = empty_workspace();
    org(&mut ws, "CCC", "Cooperation Committee for Cambodia", Some("គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា"));
    import(&mut ws, "lango", "lango/v1.md");
    let text = draftwatch_core::align::clause_text(&ws.clause("lango", "1", "1").unwrap());
    let quote: String = text.lines().nth(1).unwrap().chars().take(40).collect();
    let id = annotate(
        &mut ws,
        "lango",
        "1",
        &Rec {
            clause: "១", quote: Some(&quote), proposed: Some("សេរីភាពសមាគម"), delete: false, title: "គោលបំណង"
        },
    );
    let p = ws.position_new("lango", "1", "សេចក្តីថ្លែងការណ៍រួម", "យើងខ្ញុំ...", "", None).unwrap();
    assert_eq!(p.lang, "km");
    ws.position_add(p.id, id, None).unwrap();
    ws.position_endorse(p.id, "CCC", EndorsementState::Endorsed, "2015-06-01", None).unwrap();
    let md = String::from_utf8(ws.position_export(p.id, "md").unwrap()).unwrap();
    assert!(md.contains("មាត្រា ១") && md.contains("កង្វល់") && md.contains("គាំទ្រដោយ"), "{md}");
    assert!(md.contains("សិទ្ធិទទួលបានព័ត៌មាន"), "rights in Khmer: {md}");
    let html = String::from_utf8(ws.position_export(p.id, "html").unwrap()).unwrap();
    assert!(html.contains("<html lang=\"km\">") && html.contains("<th>អត្ថបទបច្ចុប្បន្ន</th>") && html.contains("គាំទ្រដោយ"), "{html}");

    // CSV read by Python's csv module.
    let csv = ws.annotations_export(Some("lango"), "csv").unwrap();
    let row = python(
        "import sys, csv, io\nr = list(csv.DictReader(io.StringIO(sys.stdin.read().lstrip('\\ufeff'))))\nprint(len(r)); print(r[0]['title']); print(r[0]['quote']); print(r[0]['rights'])",
        &csv,
    );
    let row: Vec<&str> = row.lines().collect();
    assert_eq!(row, ["1", "គោលបំណង", quote.as_str(), "information; non_discrimination"]);

    // W3C JSON-LD: the model's required fields, checked by Python's json.
    let jsonld = ws.annotations_export(Some("lango"), "w3c").unwrap();
    let check = python(
        r#"
import sys, json
c = json.load(sys.stdin)
assert 'http://www.w3.org/ns/anno.jsonld' in c['@context']
assert c['type'] == 'AnnotationCollection' and c['total'] == 1
a = c['first']['items'][0]
for k in ('id', 'type', 'target', 'body'): assert k in a, k
assert a['type'] == 'Annotation' and a['id'].startswith('urn:uuid:')
sel = {s['type']: s for s in a['target']['selector']}
print(sel['TextQuoteSelector']['exact']); print(sel['TextPositionSelector']['end'] - sel['TextPositionSelector']['start'])
"#,
        &jsonld,
    );
    let lines: Vec<&str> = check.lines().collect();
    assert_eq!(lines[0], quote);
    assert_eq!(lines[1], quote.chars().count().to_string());

    // Into a second workspace with the same draft: added once, then skipped.
    let (_d2, mut other) = empty_workspace();
    import(&mut other, "lango", "lango/v1.md");
    assert_eq!(other.annotations_import_w3c(&jsonld).unwrap(), (1, 0));
    assert_eq!(other.annotations_import_w3c(&jsonld).unwrap(), (0, 1));
    let a = &other.annotations(&Default::default()).unwrap()[0];
    let orig = ws.annotation(id).unwrap().annotation;
    assert_eq!(
        (&a.uid, &a.title, &a.quote, &a.proposed, &a.rights, a.impact),
        (&orig.uid, &orig.title, &orig.quote, &orig.proposed, &orig.rights, orig.impact)
    );
    assert_eq!(a.org.as_deref(), Some("CCC"));
    // A document targeting a clause this workspace lacks is refused whole.
    let (_d3, mut empty) = empty_workspace();
    let err = empty.annotations_import_w3c(&jsonld).unwrap_err();
    assert!(err.to_string().contains("no bill \"lango\""), "{err}");
    assert!(empty.annotations(&Default::default()).unwrap().is_empty());
    assert!(empty.annotations_import_w3c("{\"type\": \"Nope\"}").unwrap_err().to_string().contains("not a W3C Web Annotation"));
}

/// Converts with LibreOffice (headless, its own profile) and returns the PDF's text (pdftotext).
fn libreoffice_text(docx: &std::path::Path) -> String {
    let dir = docx.parent().unwrap();
    let profile = format!("file://{}/lo-profile", dir.display());
    let out = Command::new("soffice")
        .args([&format!("-env:UserInstallation={profile}"), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("soffice (scripts/test.sh installs libreoffice-writer-nogui)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = docx.with_extension("pdf");
    assert!(pdf.exists(), "LibreOffice wrote no PDF: {}", String::from_utf8_lossy(&out.stderr));
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8(text.stdout).unwrap()
}

/// document.xml and styles.xml facts, read with Python's zipfile and ElementTree.
fn docx_facts(docx: &std::path::Path) -> Vec<String> {
    python(
        r#"
import sys, zipfile, xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
z = zipfile.ZipFile(sys.stdin.read().strip())
doc = ET.fromstring(z.read('word/document.xml'))
styles = ET.fromstring(z.read('word/styles.xml'))
print(len(doc.findall(f'.//{W}tbl')))
first = doc.find(f'.//{W}tbl')
print('|'.join(''.join(t.text or '' for t in c.iter(f'{W}t')) for c in first.find(f'{W}tr').findall(f'{W}tc')) if first is not None else '')
print(styles.find(f'.//{W}rFonts').get(f'{W}cs'))
ins = doc.findall(f'.//{W}ins'); dels = doc.findall(f'.//{W}del')
print(len(ins), len(dels))
print(sorted({e.get(f'{W}author') for e in ins + dels}))
print(''.join(t.text or '' for t in doc.iter(f'{W}delText'))[:2000])
"#,
        &docx.display().to_string(),
    )
    .lines()
    .map(str::to_string)
    .collect()
}

#[test]
fn docx_exports_open_in_libreoffice_with_khmer_and_tracked_changes() {
    let (dir, mut ws) = empty_workspace();
    org(&mut ws, "CCC", "Cooperation Committee for Cambodia", Some("គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា"));
    import(&mut ws, "lango", "lango/v1.md");
    import(&mut ws, "lango", "lango/v2.txt");
    let text = draftwatch_core::align::clause_text(&ws.clause("lango", "1", "8").unwrap());
    let quote: String = text.lines().nth(1).unwrap().chars().take(40).collect();
    let id = annotate(
        &mut ws,
        "lango",
        "1",
        &Rec {
            clause: "៨", quote: Some(&quote), proposed: Some("ការជូនដំណឹង"), delete: false, title: "ការអនុញ្ញាតជាមុន"
        },
    );
    let p = ws.position_new("lango", "1", "សេចក្តីថ្លែងការណ៍រួមស្តីពីច្បាប់សមាគម", "យើងខ្ញុំ...", "", None).unwrap();
    ws.position_add(p.id, id, None).unwrap();
    ws.position_endorse(p.id, "CCC", EndorsementState::Endorsed, "2015-06-01", None).unwrap();

    let docx = dir.path().join("position.docx");
    std::fs::write(&docx, ws.position_export(p.id, "docx").unwrap()).unwrap();
    let facts = docx_facts(&docx);
    assert_eq!(facts[0], "1", "one table per item");
    assert_eq!(facts[1], "អត្ថបទបច្ចុប្បន្ន|កង្វល់|អនុសាសន៍|សិទ្ធិ|ឯកសារយោង", "the header row, in the position's language");
    assert_eq!(facts[2], "Khmer OS", "the Khmer font is set for complex-script text");
    let pdf = libreoffice_text(&docx);
    let folded = |s: &str| draftwatch_core::text::fold(s).replace(' ', "");
    for want in ["សេចក្តីថ្លែងការណ៍រួមស្តីពីច្បាប់សមាគម", "ការអនុញ្ញាតជាមុន", "Cooperation Committee for Cambodia"]
    {
        assert!(folded(&pdf).contains(&folded(want)), "{want} not in LibreOffice's rendering:\n{pdf}");
    }

    // The comparison of two Khmer versions with tracked changes.
    let report = ws.diff("lango", "1", "2").unwrap();
    let cmp = dir.path().join("compare.docx");
    std::fs::write(&cmp, draftwatch_core::render::docx::comparison(&report, "v2", "2015-05-01T00:00:00Z")).unwrap();
    let facts = docx_facts(&cmp);
    let counts: Vec<usize> = facts[3].split(' ').map(|n| n.parse().unwrap()).collect();
    assert!(counts[0] > 5 && counts[1] > 5, "insertions and deletions: {counts:?}");
    assert_eq!(facts[4], "['v2']");
    // Every deleted word of the report is a w:delText.
    let deleted: String = report
        .changes
        .iter()
        .flat_map(|c| &c.ops)
        .filter(|o| o.op == draftwatch_core::diff::report::OpKind::Delete)
        .map(|o| o.text.replace('\n', ""))
        .collect();
    let del_text = facts[5..].join("\n");
    assert!(!del_text.is_empty() && deleted.starts_with(&del_text), "w:delText is the report's deleted text, in order");
    let pdf = libreoffice_text(&cmp);
    assert!(pdf.contains("lango: ") && folded(&pdf).contains(&folded("ការចុះបញ្ជី")), "{pdf}");
}

#[test]
fn akoma_ntoso_export_round_trips_with_eids() {
    let (dir, mut ws) = empty_workspace();
    import(&mut ws, "lango", "lango/v1.md");
    import(&mut ws, "a2i", "a2i/v3.docx");
    for (bill, articles) in [("lango", 31), ("a2i", 40)] {
        let xml = ws.version_akn(bill, "1").unwrap();
        // Python's ElementTree: the namespace, unique eIds, every article with its eId.
        let facts = python(
            r#"
import sys, xml.etree.ElementTree as ET
A = '{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}'
root = ET.fromstring(sys.stdin.read().encode())
assert root.tag == A + 'akomaNtoso', root.tag
ids = [e.get('eId') for e in root.iter() if e.get('eId')]
assert len(ids) == len(set(ids)), 'duplicate eIds'
arts = root.findall(f'.//{A}body//{A}article')
print(len(arts)); print(arts[0].get('eId')); print(root.find(f'.//{A}FRBRlanguage').get('language'))
"#,
            &xml,
        );
        let facts: Vec<&str> = facts.lines().collect();
        assert_eq!(facts[0], articles.to_string(), "{bill}");
        assert_eq!(facts[1], "chp_1__art_1");
        assert_eq!(facts[2], if bill == "lango" { "khm" } else { "eng" });
        // And back through the importer: the same clauses, numbers and eIds.
        let path = dir.path().join(format!("{bill}.akn.xml"));
        std::fs::write(&path, &xml).unwrap();
        let (_d2, mut other) = empty_workspace();
        other.import_file(&path, &opts(bill)).unwrap();
        let a = ws.tree(bill, "1").unwrap();
        let b = other.tree(bill, "1").unwrap();
        let clauses = |t: &[draftwatch_core::structure::Node]| -> Vec<(String, Option<String>, String)> {
            draftwatch_core::structure::walk_all(t)
                .into_iter()
                .filter(|n| n.kind.is_clause())
                .map(|n| (n.eid.clone(), n.num.clone(), draftwatch_core::text::fold(&draftwatch_core::align::clause_text(n))))
                .collect()
        };
        assert_eq!(clauses(&a), clauses(&b), "{bill}");
    }
}

#[test]
fn pdf_exports_shape_khmer_with_an_embedded_khmer_font() {
    let (dir, mut ws) = empty_workspace();
    org(&mut ws, "CCC", "Cooperation Committee for Cambodia", Some("គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា"));
    import(&mut ws, "lango", "lango/v1.md");
    import(&mut ws, "lango", "lango/v2.txt");
    let id = annotate(
        &mut ws,
        "lango",
        "1",
        &Rec {
            clause: "៨", quote: None, proposed: Some("ការជូនដំណឹង"), delete: false, title: "ការអនុញ្ញាតជាមុន"
        },
    );
    let p = ws.position_new("lango", "1", "សេចក្តីថ្លែងការណ៍រួម", "", "", None).unwrap();
    ws.position_add(p.id, id, None).unwrap();
    let pdf = dir.path().join("position.pdf");
    std::fs::write(&pdf, ws.position_export(p.id, "pdf").unwrap()).unwrap();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    // The text comes back out (pdftotext), and a Khmer font is embedded (pdffonts).
    let text = String::from_utf8(Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap().stdout).unwrap();
    let folded = |s: &str| draftwatch_core::text::fold(s).replace(' ', "");
    assert!(folded(&text).contains(&folded("សេចក្តីថ្លែងការណ៍រួម")) && folded(&text).contains(&folded("ការអនុញ្ញាតជាមុន")), "{text}");
    let fonts = String::from_utf8(Command::new("pdffonts").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(fonts.lines().any(|l| l.to_lowercase().contains("khmer") && l.contains(" yes ")), "no embedded Khmer font:\n{fonts}");
    // The comparison too.
    let report = ws.diff("lango", "1", "2").unwrap();
    let bytes =
        draftwatch_core::render::pdf::from_docx(&draftwatch_core::render::docx::comparison(&report, "v2", "2015-05-01T00:00:00Z")).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}
