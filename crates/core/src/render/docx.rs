//! Word documents (Office Open XML, ISO/IEC 29500), written by hand: a joint
//! position, and a comparison of two versions with real tracked changes
//! (`w:ins` / `w:del` with author and date) that Word and LibreOffice let a
//! reader accept or reject one by one.
//!
//! The styles set a Khmer font for complex-script text (`w:cs`, "Khmer OS",
//! which Cambodian offices have; LibreOffice and Word fall back to any
//! installed Khmer font) and a Latin one for the rest; Khmer is marked as the
//! document's complex-script language so line breaking and shaping follow it.

use std::io::Write;

use super::position::{impact_label, item_heading, labels, right_label};
use crate::annotate::taxonomy::Right;
use crate::diff::report::{DiffReport, OpKind};
use crate::positions::PositionDetail;
use crate::text::escape_markup as x;

/// Khmer (complex-script) font of the styles.
pub const KHMER_FONT: &str = "Khmer OS";
/// Latin font of the styles.
pub const LATIN_FONT: &str = "Noto Sans";

fn run(text: &str, bold: bool) -> String {
    let rpr = if bold { "<w:rPr><w:b/><w:bCs/></w:rPr>" } else { "" };
    format!("<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>", x(text))
}

fn para(style: Option<&str>, runs: &str) -> String {
    let ppr = style.map(|s| format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")).unwrap_or_default();
    format!("<w:p>{ppr}{runs}</w:p>")
}

/// One paragraph per line of `text`.
fn paras(style: Option<&str>, text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        out.push_str(&para(style, &run(line, false)));
    }
    if out.is_empty() {
        out = para(style, "");
    }
    out
}

fn cell(width: u32, content: &str, header: bool) -> String {
    let shade = if header { "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EDEDED\"/>" } else { "" };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{shade}</w:tcPr>{content}</w:tc>")
}

/// A joint position as a DOCX file: title, the bill and version, the
/// introduction, per item a heading and a table "Current text | Concern |
/// Recommendation | Rights | References", the closing, the endorsing
/// organisations.
pub fn position(d: &PositionDetail, rights: &[Right]) -> Vec<u8> {
    let p = &d.position;
    let l = labels(&p.lang);
    let lang = p.lang.as_str();
    let mut body = para(Some("Title"), &run(&p.title, false));
    let date = p.version_date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
    body.push_str(&para(None, &run(&format!("{}: {} — {}: {}{date}", l.bill, p.bill, l.version, p.version_label), false)));
    for part in p.intro.split("\n\n").filter(|s| !s.trim().is_empty()) {
        body.push_str(&paras(None, part));
    }
    // Five columns over 16.5 cm of text width (A4 with 2.25 cm margins).
    let widths = [2500u32, 1900, 1900, 1400, 1660];
    for (i, item) in d.items.iter().enumerate() {
        let a = &item.annotation;
        body.push_str(&para(Some("Heading2"), &run(&item_heading(d, i), false)));
        let mut current = paras(None, &item.text);
        if let Some(q) = &a.quote {
            current.push_str(&para(None, &format!("{}{}", run(&format!("{}: ", l.quoted), true), run(&q.exact, false))));
        }
        let mut rec = paras(None, &a.recommendation);
        if let Some(w) = &a.proposed {
            rec.push_str(&para(None, &format!("{}{}", run(&format!("{}: ", l.proposed), true), run(w, false))));
        }
        if a.delete_clause {
            rec.push_str(&para(None, &run(l.delete, true)));
        }
        let rights_text = a.rights.iter().map(|r| right_label(rights, r, lang)).collect::<Vec<_>>().join("\n");
        let concern =
            format!("{}{}", paras(None, &a.concern), para(None, &run(&format!("{}: {}", l.impact, impact_label(a.impact, lang)), false)));
        let headers = [l.current, l.concern, l.recommendation, l.rights, l.references];
        let values = [current, concern, rec, paras(None, &rights_text), paras(None, &a.refs.join("\n"))];
        body.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/><w:tblW w:w=\"9360\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
        for w in widths {
            body.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        body.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>");
        for (w, h) in widths.iter().zip(headers) {
            body.push_str(&cell(*w, &para(None, &run(h, true)), true));
        }
        body.push_str("</w:tr><w:tr>");
        for (w, v) in widths.iter().zip(values) {
            body.push_str(&cell(*w, &v, false));
        }
        body.push_str("</w:tr></w:tbl>");
    }
    for part in p.closing.split("\n\n").filter(|s| !s.trim().is_empty()) {
        body.push_str(&paras(None, part));
    }
    let orgs: Vec<_> = d.endorsements.iter().filter(|e| e.state == crate::positions::EndorsementState::Endorsed).collect();
    if !orgs.is_empty() {
        body.push_str(&para(Some("Heading2"), &run(l.endorsed_by, false)));
        for e in orgs {
            let km = e.org.name_km.as_deref().map(|k| format!(" — {k}")).unwrap_or_default();
            body.push_str(&para(Some("ListBullet"), &run(&format!("{} ({}){km}", e.org.name, e.org.short_name), false)));
        }
    }
    package(&body, &p.title, lang)
}

/// A comparison as a DOCX file with tracked changes: the newer version's
/// clauses in order (deleted ones where they stood), each clause's words
/// inserted and deleted as revisions by `author` at `date` (xsd:dateTime).
/// The author is best the newer version's label: the drafters of that
/// version made the changes.
pub fn comparison(r: &DiffReport, author: &str, date: &str) -> Vec<u8> {
    let mut body = para(Some("Title"), &run(&r.title(&r.from.label, &r.to.label), false));
    let s = &r.summary;
    body.push_str(&para(
        None,
        &run(
            &format!(
                "{} unchanged, {} modified, {} split, {} merged, {} added, {} deleted; {} renumbered, {} moved; {} substantive. \
                 Changes are tracked: accept or reject each in Word or LibreOffice (Review).",
                s.unchanged, s.modified, s.split, s.merged, s.added, s.deleted, s.renumbered, s.moved, s.substantive
            ),
            false,
        ),
    ));
    let mut rev = 1u32;
    for c in &r.changes {
        let side = if c.to.is_empty() { &c.from } else { &c.to };
        let name = side
            .iter()
            .map(|cl| {
                let num = cl.num.clone().unwrap_or_else(|| cl.eid.clone());
                match &cl.heading {
                    Some(h) => format!("{num} {h}"),
                    None => num,
                }
            })
            .collect::<Vec<_>>()
            .join(" + ");
        let mut what = vec![c.kind.as_str().to_string()];
        if c.renumbered {
            let old: Vec<String> = c.from.iter().filter_map(|f| f.num.clone()).collect();
            what.push(format!("renumbered from {}", old.join(" + ")));
        }
        if c.moved {
            what.push("moved".into());
        }
        body.push_str(&para(Some("Heading2"), &run(&format!("{name} ({})", what.join(", ")), false)));
        body.push_str(&tracked(&c.ops, author, date, &mut rev));
    }
    package(&body, &r.title(&r.from.label, &r.to.label), "en")
}

/// Paragraphs for a clause's ops: equal text as it is, inserted text in
/// `w:ins`, deleted text in `w:del`; a paragraph break inside an insertion
/// or deletion is an inserted or deleted paragraph mark.
fn tracked(ops: &[crate::diff::report::Op], author: &str, date: &str, rev: &mut u32) -> String {
    let mut out = String::new();
    let mut runs = String::new();
    let mark = |kind: &str, rev: &mut u32| {
        *rev += 1;
        format!("<w:{kind} w:id=\"{}\" w:author=\"{}\" w:date=\"{}\"/>", *rev, x(author), x(date))
    };
    for op in ops {
        let pieces: Vec<&str> = op.text.split('\n').collect();
        for (i, piece) in pieces.iter().enumerate() {
            if !piece.is_empty() {
                match op.op {
                    OpKind::Equal => runs.push_str(&run(piece, false)),
                    OpKind::Insert => {
                        *rev += 1;
                        runs.push_str(&format!(
                            "<w:ins w:id=\"{}\" w:author=\"{}\" w:date=\"{}\">{}</w:ins>",
                            *rev,
                            x(author),
                            x(date),
                            run(piece, false)
                        ));
                    }
                    OpKind::Delete => {
                        *rev += 1;
                        runs.push_str(&format!(
                            "<w:del w:id=\"{}\" w:author=\"{}\" w:date=\"{}\"><w:r><w:delText xml:space=\"preserve\">{}</w:delText></w:r></w:del>",
                            *rev,
                            x(author),
                            x(date),
                            x(piece)
                        ));
                    }
                }
            }
            if i + 1 < pieces.len() {
                // The paragraph ends here; its mark is inserted or deleted with the op.
                let ppr = match op.op {
                    OpKind::Equal => String::new(),
                    OpKind::Insert => format!("<w:pPr><w:rPr>{}</w:rPr></w:pPr>", mark("ins", rev)),
                    OpKind::Delete => format!("<w:pPr><w:rPr>{}</w:rPr></w:pPr>", mark("del", rev)),
                };
                out.push_str(&format!("<w:p>{ppr}{runs}</w:p>"));
                runs.clear();
            }
        }
    }
    out.push_str(&format!("<w:p>{runs}</w:p>"));
    out
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// The package: content types, relationships, document, styles, core properties.
fn package(body: &str, title: &str, lang: &str) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1276\" w:right=\"1276\" w:bottom=\"1276\" w:left=\"1276\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let latin_lang = if lang == "km" { "km-KH" } else { "en-GB" };
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{LATIN_FONT}" w:cs="{KHMER_FONT}"/><w:sz w:val="21"/><w:szCs w:val="22"/><w:lang w:val="{latin_lang}" w:bidi="km-KH"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="288" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>
<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:left w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:right w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="999999"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>"#
    );
    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>Draftwatch</dc:creator><dc:language>{}</dc:language></cp:coreProperties>",
        x(title),
        x(lang)
    );
    let files: [(&str, String); 6] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#
                .into(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
                .into(),
        ),
        (
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
                .into(),
        ),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("docProps/core.xml", core),
    ];
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in files {
            zip.start_file(name, opts).expect("in-memory zip");
            zip.write_all(content.as_bytes()).expect("in-memory zip");
        }
        zip.finish().expect("in-memory zip");
    }
    buf.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::report::Op;

    #[test]
    fn tracked_changes_mark_runs_and_paragraph_marks() {
        let ops = vec![
            Op { op: OpKind::Equal, text: "An association shall ".into() },
            Op { op: OpKind::Delete, text: "register".into() },
            Op { op: OpKind::Insert, text: "notify <the> Ministry\n(2) New".into() },
            Op { op: OpKind::Equal, text: ".".into() },
        ];
        let mut rev = 0;
        let xml = tracked(&ops, "Draftwatch", "2026-11-28T00:00:00Z", &mut rev);
        assert!(xml.contains("<w:del w:id=\"1\" w:author=\"Draftwatch\" w:date=\"2026-11-28T00:00:00Z\"><w:r><w:delText xml:space=\"preserve\">register</w:delText>"));
        assert!(xml.contains("notify &lt;the&gt; Ministry"));
        assert!(xml.contains("<w:pPr><w:rPr><w:ins "), "an inserted paragraph mark: {xml}");
        assert_eq!(xml.matches("</w:p>").count(), 2);
    }
}
