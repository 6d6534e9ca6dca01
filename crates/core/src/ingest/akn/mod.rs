//! Akoma Ntoso (UK Lawmaker, LegalDocML.de and other profiles), US USLM and the
//! GPO bill DTD: XML that already carries the hierarchy, read straight into a
//! provision tree ([`Content::Tree`]).
//!
//! Elements are matched by local name (`akn:article` is `article`). The mapping:
//!
//! | element | kind |
//! |---|---|
//! | `book`, `division` (US) | Book |
//! | `part`, `subdivision` | Part |
//! | `title` (not `dc:title`), `subtitle`, `chapter`, `subchapter` (`subpart` too) | Title, Subtitle, Chapter, Subchapter |
//! | `section` | Section when it holds articles (German `Abschnitt`), else Clause (UK/US section) |
//! | `subsection` | Subsection when it holds articles or sections, else Paragraph (UK/US `(1)`, `(a)`) |
//! | `article` | Article |
//! | `paragraph`, `recital`, `citation` | Paragraph |
//! | `subparagraph`, `point`, `item`, `listItem`, `clause`, `subclause`, `subitem`, `indent`, `alinea` | Point |
//! | `level`, `hcontainer` | by their `name` if it is one of the above (`schedule`, `part` ...); a UK `crossheading` that groups provisions is a Subsection; otherwise a numbered one is one rank below its parent, an unnumbered one with no text of its own that holds provisions is transparent, and any other (a UK definition) is Text |
//! | `preamble`, `recitals`, `citations`, `formula` | Preamble |
//! | `preface`, `coverPage`, `longTitle`, `enactingFormula`, `resolvingClause`, GPO `form` | Front |
//! | `attachment`, `annex`, `schedule`, `schedules`, `appendix` | Annex (`attachments` is transparent) |
//! | `conclusions`, `signatures`, `attestation` | Signature |
//! | `authorialNote`, `footnote`, `note`, `sidenote` | Note |
//!
//! Amendments quote the text they insert: whatever sits inside `quotedStructure`,
//! `quotedText`, `quotedContent`, `embeddedStructure`, `mod` or the GPO
//! `quoted-block` / `quote` is **text of the provision that quotes it**, never a
//! provision of the bill itself (a bill inserting "section 264A" into another Act
//! does not have a section 264A). Quoted provisions are flattened to lines
//! (`(1A) The court may ...`), between the quotation marks of the source.
//!
//! A provision's `num` is the printed number without its kind word (`SEC. 101.`
//! → `101`, `§ 20a` → `20a`, `Part 1` → `1`, `(a)` stays `(a)`); its text is its
//! own `intro`/`content`/`p`/`chapeau`/... paragraphs, one per line, before its
//! first child; text that follows children (`wrapUp`, `continuation`) becomes an
//! unnumbered Text child so that reading order is kept. Tables become one line
//! per row, cells joined by ` | `. `meta`, `toc`, `noteRef`, `remark` and `del`
//! are left out (as is `page`, USLM's statute page marker); `ins` is kept. Akoma Ntoso `eId`s (or `id`, or `GUID`) are kept;
//! USLM and GPO ids are GUIDs or paths, so their eIds are generated
//! ([`crate::structure::eid::assign`]).
//!
//! The parts: `vocabulary` (which dialect a document is, and what each
//! element is to the tree), `reader` (the walk over the elements), `build`
//! (the paragraph and node under construction) and `values` (printed numbers
//! and language codes).

mod build;
mod reader;
mod values;
mod vocabulary;

use super::xml;
use super::{Content, Format, Ingested, Result};
use crate::structure::{eid, Kind, Node};
use crate::text::plural;
use build::{Acc, Build};
use reader::Reader;
use std::collections::HashMap;
use vocabulary::{dialect_of, Dialect};

/// Reads Akoma Ntoso, USLM or GPO bill XML into a provision tree.
pub fn read(bytes: &[u8]) -> Result<Ingested> {
    let doc = xml::parse(bytes)?;
    let root = &doc.root;
    let dialect = dialect_of(root)?;
    let mut r = Reader { dialect, vars: HashMap::new(), quoted: 0, quote_depth: 0, deleted: 0, inserted: 0 };
    if dialect == Dialect::Akn {
        r.collect_vars(root);
    }
    let (title, lang) = r.metadata(root);

    let mut top = Build::new(Kind::Text, true);
    let mut acc = Acc::default();
    r.fill(root, &mut top, &mut acc, false, &[]);
    top.take_paras(&mut acc);
    let mut tree = Vec::new();
    if !top.node.text.is_empty() {
        let mut t = Node::new(Kind::Text);
        t.text = std::mem::take(&mut top.node.text);
        tree.push(t);
    }
    tree.append(&mut top.node.children);
    tree.append(&mut top.notes);
    eid::assign(&mut tree, true);

    let mut notes = Vec::new();
    if r.quoted > 0 {
        notes.push(format!(
            "{} (text inserted into or substituted in other laws) {} kept as text of the provision that quotes {}, not as provisions of this document.",
            plural(r.quoted, "quoted amendment passage", "quoted amendment passages"),
            if r.quoted == 1 { "was" } else { "were" },
            if r.quoted == 1 { "it" } else { "them" },
        ));
    }
    if r.deleted > 0 || r.inserted > 0 {
        notes.push(format!(
            "The document marks changes: {} (<del>) left out, {} (<ins>) kept.",
            plural(r.deleted, "deleted passage", "deleted passages"),
            plural(r.inserted, "inserted passage", "inserted passages")
        ));
    }
    if doc.unknown_entities > 0 {
        let names: Vec<String> = doc.unknown_entity_names.iter().map(|n| format!("&{n};")).collect();
        notes.push(format!(
            "{} to entities the document would have to declare itself ({}) {} kept as written: Draftwatch never reads a DTD or expands its entities.",
            plural(doc.unknown_entities, "reference", "references"),
            names.join(", "),
            if doc.unknown_entities == 1 { "was" } else { "were" },
        ));
    }
    Ok(Ingested { format: Format::Akn, content: Content::Tree(tree), notes, title, lang })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::IngestError;
    use crate::structure::walk_all;
    use std::collections::HashSet;

    fn corpus(rel: &str) -> Vec<u8> {
        let path = format!("{}/../../../shared/corpus/{rel}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn tree(i: &Ingested) -> &[Node] {
        match &i.content {
            Content::Tree(t) => t,
            Content::Blocks(_) => panic!("blocks"),
        }
    }

    fn count(t: &[Node], kind: Kind) -> usize {
        walk_all(t).into_iter().filter(|n| n.kind == kind).count()
    }

    fn by_eid<'a>(t: &'a [Node], eid: &str) -> &'a Node {
        walk_all(t).into_iter().find(|n| n.eid == eid).unwrap_or_else(|| panic!("no node {eid}"))
    }

    fn nums(t: &[Node], kind: Kind) -> Vec<String> {
        walk_all(t).into_iter().filter(|n| n.kind == kind).map(|n| n.num.clone().unwrap_or_default()).collect()
    }

    fn assert_unique_eids(t: &[Node]) {
        let mut seen = HashSet::new();
        for n in walk_all(t) {
            assert!(!n.eid.is_empty(), "empty eid on {n:?}");
            assert!(seen.insert(n.eid.clone()), "duplicate eid {}", n.eid);
        }
    }

    fn head(n: &Node) -> (Option<&str>, Option<&str>) {
        (n.num.as_deref(), n.heading.as_deref())
    }

    // Expected counts below were established with Python's ElementTree on the
    // source files, counting elements outside quotedStructure/mod/quoted-block/
    // quotedContent/quotedText/toc/meta, then applying the mapping documented
    // at the top of this module.

    #[test]
    fn uk_bill_as_amended_at_stage_2() {
        let i = read(&corpus("uk-akn/Bill_as_amended_at_Stage_2.xml")).unwrap();
        let t = tree(&i);
        assert_eq!(i.title.as_deref(), Some("Bail and Release from Custody (Scotland) Bill"));
        assert_eq!(i.lang.as_deref(), Some("en"));
        // 33 <section> elements, 16 of them inside quotedStructure.
        assert_eq!(count(t, Kind::Clause), 17);
        assert_eq!(count(t, Kind::Part), 3);
        assert_eq!(count(t, Kind::Paragraph), 63); // <subsection>
        assert_eq!(count(t, Kind::Point), 68); // numbered <level class="para1|para2">
        assert_eq!(nums(t, Kind::Clause), ["1", "2", "3", "4", "5", "5A", "6", "7", "7A", "8", "9", "10", "11", "12", "13", "14", "15"]);
        assert_eq!(head(by_eid(t, "pt_2")), (Some("2"), Some("release from custody")));
        assert_eq!(head(by_eid(t, "sec_5A")), (Some("5A"), Some("Report on bail and remand")));
        assert_eq!(by_eid(t, "sec_5A").num_value.as_deref(), Some("5a"));
        assert_eq!(head(by_eid(t, "sec_4__subsec_2A")), (Some("(2A)"), None));
        assert_eq!(head(by_eid(t, "sec_1__subsec_3__para_c")), (Some("(c)"), None));
        // The inserted subsections are text of the point that inserts them.
        let a = by_eid(t, "sec_2__subsec_2__para_a");
        assert!(a.children.is_empty());
        assert!(a.text.starts_with("for subsection (1) substitute—\n“(1) Bail is to be granted"), "{}", a.text);
        assert!(a.text.contains("\n(1A) The court may determine that there is good reason for refusing bail only if"));
        assert!(a.text.ends_with("prejudice to the interests of justice.”,"), "{}", a.text);
        assert!(walk_all(t).iter().all(|n| !n.eid.contains("qstr")));
        // Definitions keep their quotation marks; a definition with points holds them.
        let def = by_eid(t, "sec_5A__subsec_4__def_remandpopulation_");
        assert_eq!(def.kind, Kind::Text);
        assert!(def.text.starts_with("“remand population” means"));
        assert_eq!(def.children.len(), 2);
        assert!(i.notes.iter().any(|n| n.contains("quoted amendment passage")));
        assert_unique_eids(t);
    }

    #[test]
    fn uk_sentencing_bill() {
        let i = read(&corpus("uk-akn/Sentencing_Bill__Lords__AoR.xml")).unwrap();
        let t = tree(&i);
        assert_eq!(i.title.as_deref(), Some("Sentencing Bill"));
        // 71 <section> elements, 21 of them quoted.
        assert_eq!(count(t, Kind::Clause), 50);
        assert_eq!(count(t, Kind::Part), 9); // 5 in the body, 4 in schedules
        assert_eq!(count(t, Kind::Annex), 6); // <hcontainer name="schedules"> + 5 schedules
        assert_eq!(count(t, Kind::Subsection), 41); // cross-headings grouping provisions
        assert_eq!(count(t, Kind::Paragraph), 311); // 269 <subsection> + 42 schedule <paragraph>
        assert_eq!(count(t, Kind::Point), 473); // 405 numbered <level> + 68 <subparagraph>
        assert_eq!(
            head(by_eid(t, "sec_1")),
            (Some("1"), Some("Presumption of suspended sentence order for sentences of 12 months or less"))
        );
        assert_eq!(head(by_eid(t, "pt_2")), (Some("2"), Some("Management of offenders after sentencing")));
        assert_eq!(head(by_eid(t, "pt_1__xhdg_1")), (None, Some("Suspended sentences")));
        assert_eq!(by_eid(t, "pt_1__xhdg_1").children.len(), 2);
        let s1 = by_eid(t, "sched_1");
        assert_eq!(s1.kind, Kind::Annex);
        assert_eq!(head(s1), (Some("1"), Some("Presumption of suspended sentence order: consequential provision")));
        let note = s1.children.iter().find(|c| c.kind == Kind::Note).unwrap();
        assert_eq!(note.text, "Section 1(4)");
        assert_eq!(head(by_eid(t, "sec_50")), (Some("50"), Some("Short title")));
        assert_unique_eids(t);
    }

    const DE_2024_17: &str = "de-legaldocml/fixtures/eli/bund/bgbl-1/2024/17/2024-01-24/1/deu/2024-01-24";

    #[test]
    fn legaldocml_de_law_with_parts_sections_and_subsections() {
        let i = read(&corpus(&format!("{DE_2024_17}/regelungstext-verkuendung-2.xml"))).unwrap();
        let t = tree(&i);
        assert_eq!(i.title.as_deref(), Some("Soldatinnen- und Soldatengleichstellungsgesetz"));
        assert_eq!(i.lang.as_deref(), Some("de"));
        assert_eq!(count(t, Kind::Part), 9);
        assert_eq!(count(t, Kind::Section), 5); // Abschnitt: <section> holding articles
        assert_eq!(count(t, Kind::Subsection), 6); // Unterabschnitt
        assert_eq!(count(t, Kind::Article), 75);
        assert_eq!(count(t, Kind::Clause), 0);
        assert_eq!(count(t, Kind::Paragraph), 243);
        assert_eq!(count(t, Kind::Point), 212); // <item> in <blockList>
        assert_eq!(head(by_eid(t, "hauptteil-n1_teil-n1")), (Some("1"), Some("Allgemeine Vorschriften")));
        assert_eq!(head(by_eid(t, "art-z1")), (Some("1"), Some("Ziele des Gesetzes")));
        assert_eq!(head(by_eid(t, "hauptteil-n1_teil-n5_abschnitt-n1")), (Some("1"), Some("Wahl")));
        let sub = by_eid(t, "hauptteil-n1_teil-n5_abschnitt-n1_uabschnitt-n1");
        assert_eq!(sub.kind, Kind::Subsection);
        assert_eq!(head(sub), (Some("1"), Some("Wahlbereich und Wahlberechtigung")));
        assert_eq!(head(by_eid(t, "art-z75")), (Some("75"), Some("Übergangsbestimmungen")));
        let abs1 = by_eid(t, "art-z1_abs-z1");
        assert_eq!((abs1.num.as_deref(), abs1.text.as_str()), (Some("(1)"), "Ziel des Gesetzes ist es,"));
        assert_eq!(abs1.children.len(), 4);
        assert_unique_eids(t);
    }

    #[test]
    fn legaldocml_de_amending_act_keeps_quoted_articles_as_text() {
        let i = read(&corpus(&format!("{DE_2024_17}/regelungstext-verkuendung-1.xml"))).unwrap();
        let t = tree(&i);
        // 11 <article> elements, one of them inside a quotedStructure.
        assert_eq!(count(t, Kind::Article), 10);
        assert_eq!(count(t, Kind::Paragraph), 20);
        let art2 = by_eid(t, "art-z2");
        assert_eq!(head(art2), (Some("2"), Some("Änderung des Bundesgleichstellungsgesetzes")));
        assert!(art2.full_text().contains("„4. beim Bundesnachrichtendienst beschäftigte Soldatinnen"));

        let old =
            read(&corpus("de-legaldocml/fixtures/eli/bund/bgbl-1/1964/s593/1964-08-05/1/deu/1964-08-05/regelungstext-verkuendung-1.xml"))
                .unwrap();
        let t = tree(&old);
        assert_eq!(old.title.as_deref(), Some("Gesetz zur Regelung des öffentlichen Vereinsrechts"));
        assert_eq!(nums(t, Kind::Article), ["20", "34"]); // printed "§ 20", "Artikel 34"
        assert_eq!(head(by_eid(t, "art-z34")), (Some("34"), Some("Inkrafttreten")));
        assert_eq!(count(t, Kind::Preamble), 1);
        assert_eq!(count(t, Kind::Signature), 1);
    }

    const S2731: &str = "us-uslm/bill-version-samples-september-2024/S2731";

    #[test]
    fn uslm_s2731_and_its_twin() {
        let i = read(&corpus(&format!("{S2731}_RCS.XML"))).unwrap();
        let t = tree(&i);
        assert!(i.title.as_deref().unwrap().starts_with("116 S 2731 RCS: To authorize appropriations for fiscal year 2020"));
        assert_eq!(i.lang.as_deref(), Some("en"));
        // 98 <section>, one of them (10 U.S.C. 2350n) inside a quotedContent.
        assert_eq!(count(t, Kind::Clause), 97);
        assert_eq!(count(t, Kind::Book), 4); // DIVISION A-D
        assert_eq!(count(t, Kind::Title), 24); // 26 <title>, 2 of them dc:title
        assert_eq!(count(t, Kind::Subtitle), 27);
        let clauses: Vec<&Node> = walk_all(t).into_iter().filter(|n| n.kind == Kind::Clause).collect();
        assert_eq!(head(clauses[0]), (Some("1"), Some("SHORT TITLE; TABLE OF CONTENTS.")));
        assert_eq!(head(clauses[2]), (Some("101"), Some("AUTHORIZATION OF APPROPRIATIONS.")));
        assert_eq!(head(clauses[96]), (Some("4001"), Some("AUTHORIZATION OF AMOUNTS IN FUNDING TABLES.")));
        let div_a = t.iter().find(|n| n.kind == Kind::Book).unwrap();
        assert_eq!(head(div_a), (Some("A"), Some("DEPARTMENT OF DEFENSE AUTHORIZATIONS")));
        assert_eq!(head(&div_a.children[0]), (Some("I"), Some("PROCUREMENT")));
        assert!(clauses.iter().all(|c| c.num.as_deref() != Some("2350n")));
        assert!(clauses.iter().any(|c| c.full_text().contains("“§ 2350n North Atlantic Treaty Organization Joint Force Command")));
        // USLM ids are not kept: eIds are generated paths.
        assert_eq!(clauses[2].eid, "book_1__title_1__subtitle_1__sec_101");
        assert_unique_eids(t);

        let twin = read(&corpus(&format!("{S2731}_IPS.XML"))).unwrap();
        let tt = tree(&twin);
        assert_eq!(count(tt, Kind::Clause), 97);
        assert_eq!(nums(tt, Kind::Clause), nums(t, Kind::Clause));
    }

    const HR2000: &str = "us-billsim/116/bills/hr2000/BILLS-116hr2000ih";

    #[test]
    fn billsim_uslm_and_gpo_dtd_agree() {
        let uslm = read(&corpus(&format!("{HR2000}-uslm.xml"))).unwrap();
        let gpo = read(&corpus(&format!("{HR2000}.xml"))).unwrap();
        assert_eq!(gpo.title.as_deref(), Some("116 HR 2000 IH: Medicare-X Choice Act of 2019"));
        for i in [&uslm, &gpo] {
            let t = tree(i);
            // 15 <section> in the file, 10 of them (and one title) quoted.
            assert_eq!(count(t, Kind::Clause), 5);
            assert_eq!(count(t, Kind::Title), 0);
            assert_eq!(count(t, Kind::Paragraph), 11); // 8 <subsection> + 3 <paragraph>
            assert_eq!(nums(t, Kind::Clause), ["1", "2", "3", "4", "5"]);
            let sec2 = t.iter().find(|n| n.num.as_deref() == Some("2")).unwrap();
            assert!(sec2.text.starts_with("The Social Security Act is amended by adding at the end the following new title:\n“"));
            assert!(sec2.text.contains("2201"));
            assert!(
                sec2.text.ends_with("Medicare Prescription Drug Account within such Trust Fund).”."),
                "{}",
                &sec2.text[sec2.text.len() - 80..]
            );
            assert_unique_eids(t);
        }
        assert_eq!(head(&tree(&uslm)[3]), (Some("1"), Some("SHORT TITLE.")));
        let g1 = tree(&gpo).iter().find(|n| n.kind == Kind::Clause).unwrap();
        assert_eq!(head(g1), (Some("1"), Some("Short title")));
        assert_eq!(g1.text, "This Act may be cited as the “Medicare-X Choice Act of 2019”.");
    }

    #[test]
    fn external_entities_are_never_resolved() {
        let xml = r#"<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<akomaNtoso><act><body><article eId="art_1"><num>Article 1</num><content><p>Read &xxe; here &amp; &#x2014; there.</p></content></article></body></act></akomaNtoso>"#;
        let i = read(xml.as_bytes()).unwrap();
        let t = tree(&i);
        assert_eq!(t[0].text, "Read &xxe; here & — there.");
        assert!(!format!("{t:?}").contains("root:"));
        assert!(i.notes.iter().any(|n| n.contains("&xxe;")));
        // The same with a parameter entity and a billion-laughs chain: still nothing expanded.
        let xml = r#"<!DOCTYPE bill [ <!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p; <!ENTITY a "aaaa"> <!ENTITY b "&a;&a;&a;&a;"> ]>
<bill><legis-body><section><enum>1.</enum><header>H</header><text>&b; &passwd;</text></section></legis-body></bill>"#;
        match read(xml.as_bytes()) {
            Ok(i) => assert!(!format!("{:?}", tree(&i)).contains("root:")),
            Err(e) => assert!(matches!(e, IngestError::BadXml(_)), "{e}"),
        }
    }

    #[test]
    fn unknown_and_malformed_xml() {
        match read(&corpus(&format!("{HR2000}_mods.xml"))) {
            Err(IngestError::UnknownXml(m)) => assert!(m.contains("<mods>"), "{m}"),
            other => panic!("{other:?}"),
        }
        match read(b"<?xml version=\"1.0\"?>\n<akomaNtoso>\n<act><body></act>") {
            Err(IngestError::BadXml(m)) => assert!(m.starts_with("line 3, column"), "{m}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn akn_details() {
        let xml = r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<act><meta><identification><FRBRWork><FRBRname value="Test Act"/></FRBRWork>
<FRBRExpression><FRBRlanguage language="khm"/></FRBRExpression></identification></meta>
<body>
<chapter id="ch1"><num>ជំពូក ១</num><heading>ទូទៅ</heading>
<article eId="art_1"><num>Art. 1</num><heading>Scope</heading>
<paragraph><num>1.</num><intro><p>The rules<noteRef href="#n1"/> are:</p></intro>
<point><num>(a)</num><content><p>one <del>old</del><ins>new</ins>;</p></content></point>
<point><num>(b)</num><content><p>two<authorialNote marker="1"><p>A note.</p></authorialNote>.</p></content></point>
<wrapUp><p>as    listed.</p></wrapUp></paragraph>
<paragraph><num>2.</num><content><table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td><p>2</p></td></tr></table></content></paragraph>
</article></chapter></body></act></akomaNtoso>"##;
        let i = read(xml.as_bytes()).unwrap();
        assert_eq!(i.title.as_deref(), Some("Test Act"));
        assert_eq!(i.lang.as_deref(), Some("km"));
        let t = tree(&i);
        let chp = &t[0];
        assert_eq!(
            (chp.eid.as_str(), chp.kind, chp.num.as_deref(), chp.num_value.as_deref()),
            ("ch1", Kind::Chapter, Some("១"), Some("1"))
        );
        let art = &chp.children[0];
        assert_eq!((art.eid.as_str(), head(art)), ("art_1", (Some("1"), Some("Scope"))));
        let p1 = &art.children[0];
        assert_eq!((p1.kind, p1.num.as_deref(), p1.text.as_str()), (Kind::Paragraph, Some("1"), "The rules are:"));
        assert_eq!(p1.eid, "art_1__para_1");
        let kids: Vec<(Kind, &str)> = p1.children.iter().map(|c| (c.kind, c.text.as_str())).collect();
        assert_eq!(kids, [(Kind::Point, "one new;"), (Kind::Point, "two."), (Kind::Text, "as listed.")]);
        assert_eq!(p1.children[1].children[0].kind, Kind::Note);
        assert_eq!(p1.children[1].children[0].text, "A note.");
        assert_eq!(art.children[1].text, "a | b\n1 | 2");
        assert!(i.notes.iter().any(|n| n.contains("1 deleted passage") && n.contains("1 inserted passage")));
    }

    #[test]
    fn deepest_accepted_nesting_does_not_overflow() {
        // Nesting at the XML limit: 4 wrapper elements + levels + num/content/p.
        let levels = crate::ingest::limits::MAX_XML_DEPTH - 7;
        let mut xml = String::from("<akomaNtoso><act><body>");
        for _ in 0..levels {
            xml.push_str("<level><num>(a)</num>");
        }
        xml.push_str("<content><p>deep</p></content>");
        for _ in 0..levels {
            xml.push_str("</level>");
        }
        xml.push_str("</body></act></akomaNtoso>");
        let i = read(xml.as_bytes()).unwrap();
        assert_eq!(walk_all(tree(&i)).len(), levels);
        let too_deep = xml.replacen("<body>", "<body><level><level><level><level><level><level>", 1).replacen(
            "</body>",
            "</level></level></level></level></level></level></body>",
            1,
        );
        assert!(matches!(read(too_deep.as_bytes()), Err(IngestError::BadXml(_))));
    }
}
