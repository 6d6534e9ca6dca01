//! A version of a bill as Akoma Ntoso 3.0 XML (OASIS LegalDocML), with the
//! eIds Draftwatch gives every provision.
//!
//! The document is a `<bill>` with FRBR identification (work: the bill;
//! expression: this version, in its language; manifestation: this file),
//! then `<preface>` (front matter), `<preamble>`, `<body>` (the hierarchy:
//! book, part, title, chapter, section, article, paragraph, point; a
//! common-law section is `<section>`), `<conclusions>` (signature) and
//! `<attachments>` (annexes). A provision with children keeps its own text in
//! `<intro>`; a leaf has `<content>`. Text is escaped: nothing in a bill is
//! markup.

use crate::store::versions::VersionInfo;
use crate::structure::{Kind, Node};
use crate::text::escape_markup as x;

/// Akoma Ntoso 3.0 namespace.
pub const NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// ISO 639-2 code for the FRBR language (Akoma Ntoso uses three letters).
fn lang3(lang: &str) -> &str {
    match lang {
        "km" => "khm",
        "en" => "eng",
        "de" => "deu",
        "fr" => "fra",
        other => other,
    }
}

fn element(kind: Kind) -> &'static str {
    match kind {
        Kind::Book => "book",
        Kind::Part => "part",
        Kind::Title => "title",
        Kind::Subtitle => "subtitle",
        Kind::Chapter => "chapter",
        Kind::Subchapter => "subchapter",
        Kind::Section | Kind::Clause => "section",
        Kind::Subsection => "subsection",
        Kind::Article => "article",
        Kind::Paragraph => "paragraph",
        Kind::Point => "point",
        Kind::Text | Kind::Note => "hcontainer",
        Kind::Preamble => "preamble",
        Kind::Front => "preface",
        Kind::Annex => "attachment",
        Kind::Signature => "conclusions",
    }
}

fn ps(text: &str, indent: &str) -> String {
    text.split('\n').filter(|l| !l.trim().is_empty()).map(|l| format!("{indent}<p>{}</p>\n", x(l.trim()))).collect()
}

/// One hierarchy element with its descendants.
fn provision(n: &Node, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    let el = element(n.kind);
    let name = if el == "hcontainer" { " name=\"text\"" } else { "" };
    out.push_str(&format!("{pad}<{el} eId=\"{}\"{name}>\n", x(&n.eid)));
    if let Some(num) = &n.num {
        out.push_str(&format!("{pad}  <num>{}</num>\n", x(num)));
    }
    if let Some(h) = &n.heading {
        out.push_str(&format!("{pad}  <heading>{}</heading>\n", x(h)));
    }
    if n.children.is_empty() {
        out.push_str(&format!("{pad}  <content>\n{}{pad}  </content>\n", ps(&n.text, &format!("{pad}    "))));
    } else {
        if !n.text.trim().is_empty() {
            out.push_str(&format!("{pad}  <intro>\n{}{pad}  </intro>\n", ps(&n.text, &format!("{pad}    "))));
        }
        for c in &n.children {
            provision(c, depth + 1, out);
        }
    }
    out.push_str(&format!("{pad}</{el}>\n"));
}

/// A block element (preface, preamble, conclusions) with its text as paragraphs.
fn block(n: &Node, el: &str, out: &mut String) {
    out.push_str(&format!("    <{el} eId=\"{}\">\n", x(&n.eid)));
    out.push_str(&ps(&n.full_text(), "      "));
    out.push_str(&format!("    </{el}>\n"));
}

/// The version as an Akoma Ntoso document.
pub fn version(bill: &str, title: &str, v: &VersionInfo, tree: &[Node]) -> String {
    let date = v.date.clone().unwrap_or_else(|| v.imported_at.chars().take(10).collect());
    let work = format!("/akn/kh/bill/{date}/{bill}");
    let expr = format!("{work}/{}@{}", lang3(&v.lang), x(&v.label.replace(' ', "_")));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akomaNtoso xmlns=\"{NS}\">\n  <bill name=\"{}\">\n    <meta>\n      <identification source=\"#draftwatch\">\n\
         <FRBRWork><FRBRthis value=\"{work}/main\"/><FRBRuri value=\"{work}\"/><FRBRdate date=\"{date}\" name=\"version\"/><FRBRauthor href=\"#draftwatch\"/><FRBRcountry value=\"kh\"/><FRBRname value=\"{}\"/></FRBRWork>\n\
         <FRBRExpression><FRBRthis value=\"{expr}/main\"/><FRBRuri value=\"{expr}\"/><FRBRdate date=\"{date}\" name=\"version\"/><FRBRauthor href=\"#draftwatch\"/><FRBRlanguage language=\"{}\"/></FRBRExpression>\n\
         <FRBRManifestation><FRBRthis value=\"{expr}/main.xml\"/><FRBRuri value=\"{expr}.akn\"/><FRBRdate date=\"{date}\" name=\"export\"/><FRBRauthor href=\"#draftwatch\"/></FRBRManifestation>\n\
         </identification>\n      <references source=\"#draftwatch\"><TLCOrganization eId=\"draftwatch\" href=\"/ontology/organization/draftwatch\" showAs=\"Draftwatch\"/></references>\n      <proprietary source=\"#draftwatch\"><label>{}</label><stage>{}</stage><provenance>{}</provenance><sha256>{}</sha256></proprietary>\n    </meta>\n",
        x(bill),
        x(title),
        lang3(&v.lang),
        x(&v.label),
        x(v.stage.as_deref().unwrap_or("")),
        x(&v.provenance),
        x(&v.sha256),
    );
    // Akoma Ntoso's order: preface, preamble, body, conclusions, attachments.
    for n in tree.iter().filter(|n| n.kind == Kind::Front) {
        block(n, "preface", &mut out);
    }
    for n in tree.iter().filter(|n| n.kind == Kind::Preamble) {
        block(n, "preamble", &mut out);
    }
    out.push_str("    <body>\n");
    let body: Vec<&Node> =
        tree.iter().filter(|n| !matches!(n.kind, Kind::Front | Kind::Preamble | Kind::Signature | Kind::Annex)).collect();
    if body.is_empty() {
        out.push_str("      <hcontainer eId=\"empty\" name=\"empty\"><content><p/></content></hcontainer>\n");
    }
    for n in body {
        provision(n, 3, &mut out);
    }
    out.push_str("    </body>\n");
    for n in tree.iter().filter(|n| n.kind == Kind::Signature) {
        block(n, "conclusions", &mut out);
    }
    let annexes: Vec<&Node> = tree.iter().filter(|n| n.kind == Kind::Annex).collect();
    if !annexes.is_empty() {
        out.push_str("    <attachments>\n");
        for n in annexes {
            out.push_str(&format!(
                "      <attachment eId=\"{}\"><doc name=\"annex\"><mainBody>\n{}      </mainBody></doc></attachment>\n",
                x(&n.eid),
                ps(&n.full_text(), "        ")
            ));
        }
        out.push_str("    </attachments>\n");
    }
    out.push_str("  </bill>\n</akomaNtoso>\n");
    out
}
