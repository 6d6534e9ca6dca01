//! Structure on the real texts of `../shared/corpus`. Expected counts were
//! established from the sources independently of our parser (grep over the
//! Markdown headings, file counts), and are asserted exactly.

use crate::util::{ai_act, corpus, import_tree, of_kind};
use draftwatch_core::structure::Kind;

#[test]
fn khmer_constitution() {
    let tree = import_tree(&corpus("cambodia-constitution-km/constitution-km-2015-consolidated.clean.md"));
    let arts = of_kind(&tree, Kind::Article);
    // 160 "### មាត្រា" headings; the text itself says "មាន១៦០មាត្រា ... ចែកចេញជា១៧ ជំពូក".
    assert_eq!(arts.len(), 160);
    let chapters = of_kind(&tree, Kind::Chapter);
    assert_eq!(chapters.len(), 17);
    assert_eq!(chapters[0].num.as_deref(), Some("១"));
    assert_eq!(chapters[0].heading.as_deref(), Some("អំពីអធិបតេយ្យ"));
    assert_eq!(chapters[2].heading.as_deref(), Some("អំពី សិទ្ធិ និងករណីយកិច្ច របស់ប្រជាពលរដ្ឋខ្មែរ"));
    assert_eq!(of_kind(&tree, Kind::Preamble).len(), 1);
    // Values run 1..=160 without a gap: the stray dot of "មាត្រា ៣.០" is read as 30.
    let values: Vec<String> = arts.iter().map(|a| a.num_value.clone().unwrap_or_default()).collect();
    let expected: Vec<String> = (1..=160).map(|i| i.to_string()).collect();
    assert_eq!(values, expected);
    assert_eq!(arts[29].num.as_deref(), Some("៣.០ ថ្មី"));
    assert_eq!(arts[29].eid, "chp_2__art_30");
    assert_eq!(arts[10].num.as_deref(), Some("១១ ថ្មី"));
    assert_eq!(arts[87].num.as_deref(), Some("៨៨ ថ្មី (ពីរ)"));
    // Article 31 (rights of citizens) opens chapter 3 with its text.
    assert!(arts[30].text.starts_with("ព្រះរាជាណាចក្រកម្ពុជាទទួលស្គាល់និងគោរពសិទ្ធិមនុស្ស"), "{}", arts[30].text);
    assert!(arts[30].text.ends_with("ត្រូវប្រព្រឹត្តតាមល័ក្ខខ័ណ្ឌកំណត់ក្នុងច្បាប់ ។"), "{}", arts[30].text);
    // Article 9 has no heading: the line after it is text broken by OCR.
    assert_eq!(arts[8].heading, None);
}

#[test]
fn grundgesetz() {
    let tree = import_tree(&corpus("de-bundestag/gg/2012-08-02_8e9e7a10.md"));
    let arts = of_kind(&tree, Kind::Article);
    // 195 "### Art" headings.
    assert_eq!(arts.len(), 195);
    let chapters = of_kind(&tree, Kind::Chapter);
    // I ... XI with IV a, VIIIa and X a: 14 Roman-numbered "## N. - Title" headings.
    assert_eq!(chapters.len(), 14);
    assert_eq!(chapters[4].num.as_deref(), Some("IV a"));
    assert_eq!(chapters[4].num_value.as_deref(), Some("4a"));
    assert_eq!(chapters[9].num.as_deref(), Some("VIII a"));
    assert_eq!(chapters[0].heading.as_deref(), Some("Die Grundrechte"));
    let art1 = arts[0];
    assert_eq!((art1.num.as_deref(), art1.eid.as_str()), (Some("1"), "chp_1__art_1"));
    assert_eq!(art1.children.len(), 3, "Art 1 has paragraphs (1) to (3)");
    assert_eq!(
        art1.children[0].text,
        "Die Würde des Menschen ist unantastbar. Sie zu achten und zu schützen ist Verpflichtung aller staatlichen Gewalt."
    );
    assert!(arts.iter().any(|a| a.num.as_deref() == Some("143a")));
}

#[test]
fn bgb_every_version() {
    // Headings "§ N" plus "(XXXX) §§ A bis B" ranges, counted with grep per file.
    for (file, count) in [("2012-08-02_8e9e7a10.md", 2408), ("2013-01-11_a0d25e33.md", 2409), ("2022-02-13_79bdc90d.md", 2527)] {
        let tree = import_tree(&corpus(&format!("de-bundestag/bgb/{file}")));
        let arts = of_kind(&tree, Kind::Article);
        assert_eq!(arts.len(), count, "{file}");
        let range = arts.iter().find(|a| a.num.as_deref() == Some("1615b bis 1615k")).expect("range of repealed §§");
        assert_eq!(range.num_value.as_deref(), Some("1615b-1615k"));
        assert_eq!(range.heading.as_deref(), Some("(weggefallen)"));
        assert_eq!(of_kind(&tree, Kind::Book).len(), 5, "{file}");
    }
    let tree = import_tree(&corpus("de-bundestag/bgb/2022-02-13_79bdc90d.md"));
    let arts = of_kind(&tree, Kind::Article);
    let p20a = arts.iter().find(|a| a.num.as_deref() == Some("10")).expect("§ 10");
    assert_eq!(p20a.heading.as_deref(), Some("(weggefallen)"));
    assert!(arts.iter().any(|a| a.num.as_deref() == Some("675z")));
}

#[test]
fn eu_ai_act_both_versions() {
    let proposal = import_tree(&ai_act("commission-2021"));
    let arts = of_kind(&proposal, Kind::Article);
    assert_eq!(arts.len(), 84, "84 article files (proposal Art. 65 is absent from the corpus)");
    let a52 = arts.iter().find(|a| a.num.as_deref() == Some("52")).expect("Art. 52");
    assert_eq!(a52.heading.as_deref(), Some("Transparency obligations for certain AI systems"));
    let final_text = import_tree(&ai_act("final-2024"));
    let arts = of_kind(&final_text, Kind::Article);
    assert_eq!(arts.len(), 112);
    let a50 = arts.iter().find(|a| a.num.as_deref() == Some("50")).expect("Art. 50");
    assert_eq!(a50.heading.as_deref(), Some("Transparency obligations for providers and deployers of certain AI systems"));
    // The body opens with "1. Providers ...": a numbered paragraph.
    assert_eq!(a50.children[0].num.as_deref(), Some("1."));
    assert!(a50.children[0].text.starts_with("Providers shall ensure that AI systems intended to interact directly"));
}

#[test]
fn us_bill_text_sections_inside_titles() {
    // GPO text rendering (<pre>): "SECTION 1." and "SEC. 2." to "SEC. 5.": 5 sections.
    let tree = import_tree(&corpus("us-billsim/116/bills/hr2002/BILLS-116hr2002rfs.htm"));
    let secs = of_kind(&tree, Kind::Clause);
    assert_eq!(secs.len(), 5);
    assert_eq!(secs[0].heading.as_deref(), Some("SHORT TITLE"));
    assert_eq!(secs[1].heading.as_deref(), Some("FINDINGS"));
    assert_eq!(secs[1].children.len(), 7, "findings (1) to (7)");
}
