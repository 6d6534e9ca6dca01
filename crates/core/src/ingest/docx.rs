//! DOCX (Office Open XML word-processing) reader.
//!
//! Drafts of laws number their articles and paragraphs with Word's automatic
//! numbering, so the printed numbers ("Article 5.", "(1)", "(a)") exist only as
//! the result of a computation over `numbering.xml` and `styles.xml`. This
//! reader redoes that computation and prefixes each paragraph with the number
//! Word would print; the structure grammar then sees the same text a reader sees.
//!
//! What is read: body paragraphs and tables in order, text boxes (after the
//! paragraph that anchors them), footnotes and endnotes (as `[N]` markers and
//! trailing note blocks), tracked changes taken as accepted, the title from
//! `docProps/core.xml` and the default language from `styles.xml`. Headers,
//! footers, comments' text, field codes and hidden text are ignored.
//!
//! Safety: members are inflated through [`limits::read_capped`] under a
//! per-member and a per-document budget, members that compress implausibly well
//! are refused as zip bombs, XML nesting is bounded, and a `<!DOCTYPE` is an
//! error, so no entity is ever expanded and nothing is fetched.

use super::limits::{self, MAX_MEMBER_BYTES, MAX_RATIO, MAX_TOTAL_BYTES, MAX_XML_DEPTH};
use super::{Block, BlockRole, Content, Format, IngestError, Ingested, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Cursor;

/// Reads a DOCX file.
pub fn read(bytes: &[u8]) -> Result<Ingested> {
    let mut pkg = Package::open(bytes)?;

    let main = pkg.main_part()?;
    let doc_xml = pkg.read(&main)?.ok_or_else(|| missing_document(&main))?;
    let document = parse_xml(&main, &doc_xml, keep_w_text)?;
    drop(doc_xml);

    let rels = pkg.rels_of(&main)?;
    let part = |kind: &str, default: &str| {
        rels.iter()
            .find(|(t, _)| t.rsplit('/').next() == Some(kind))
            .map(|(_, target)| target.clone())
            .unwrap_or_else(|| default.to_string())
    };
    let styles_el = pkg.parse_optional(&part("styles", "word/styles.xml"), keep_w_text)?;
    let numbering_el = pkg.parse_optional(&part("numbering", "word/numbering.xml"), keep_w_text)?;
    let footnotes_el = pkg.parse_optional(&part("footnotes", "word/footnotes.xml"), keep_w_text)?;
    let endnotes_el = pkg.parse_optional(&part("endnotes", "word/endnotes.xml"), keep_w_text)?;
    let comments_el = pkg.parse_optional(&part("comments", "word/comments.xml"), keep_w_text)?;
    let core_name = pkg
        .rels_of("")?
        .into_iter()
        .find(|(t, _)| t.ends_with("/core-properties"))
        .map(|(_, target)| target)
        .unwrap_or_else(|| "docProps/core.xml".to_string());
    let core_el = pkg.parse_optional(&core_name, |_| true)?;

    let styles = styles_el.as_ref().map(Styles::from_xml).unwrap_or_default();
    let numbering = numbering_el.as_ref().map(Numbering::from_xml).unwrap_or_default();
    let footnotes = notes_by_id(footnotes_el.as_ref(), "footnote");
    let endnotes = notes_by_id(endnotes_el.as_ref(), "endnote");

    let body = document.child("body").ok_or_else(|| IngestError::CorruptDocx(format!("{main} has no w:body element")))?;

    let mut walker = Walker {
        styles: &styles,
        numbering: &numbering,
        footnotes: &footnotes,
        endnotes: &endnotes,
        lists: HashMap::new(),
        seen_nums: HashSet::new(),
        note_refs: Vec::new(),
        note_numbers: HashMap::new(),
        insertions: 0,
        deletions: 0,
        pending: None,
        skipped_toc: false,
    };
    let mut items = Vec::new();
    walker.blocks(body, &mut items);

    let mut blocks: Vec<Block> = items.into_iter().map(Item::into_block).collect();
    let mut i = 0;
    while i < walker.note_refs.len() {
        let (kind, id) = walker.note_refs[i].clone();
        i += 1;
        let table = if kind == NoteKind::Foot { walker.footnotes } else { walker.endnotes };
        let Some(note) = table.get(&id).copied() else { continue };
        let mut parts = Vec::new();
        walker.blocks(note, &mut parts);
        let text = parts.iter().map(Item::text).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
        blocks.push(Block {
            text: if text.is_empty() { format!("[{i}]") } else { format!("[{i}] {text}") },
            role: BlockRole::Note,
            ..Block::default()
        });
    }

    let mut notes = Vec::new();
    if walker.insertions + walker.deletions > 0 {
        notes.push(format!(
            "The document had tracked changes ({}, {}); they were taken as accepted.",
            plural(walker.insertions, "insertion", "insertions"),
            plural(walker.deletions, "deletion", "deletions"),
        ));
    }
    if walker.skipped_toc {
        notes.push("A table of contents was skipped.".to_string());
    }
    if let Some(comments) = &comments_el {
        let n = comments.children().filter(|c| c.is("comment")).count();
        match n {
            0 => {}
            1 => notes.push("1 comment was ignored.".to_string()),
            n => notes.push(format!("{n} comments were ignored.")),
        }
    }

    let title =
        core_el.as_ref().and_then(|c| c.children().find(|e| e.local == "title")).map(|t| collapse_ws(&t.text())).filter(|t| !t.is_empty());
    let lang = pick_lang(&styles, &blocks);

    Ok(Ingested { format: Format::Docx, content: Content::Blocks(blocks), notes, title, lang })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn missing_document(main: &str) -> IngestError {
    IngestError::CorruptDocx(format!(
        "{main} is missing: the file is a zip archive but not a Word document (or the document part was lost)"
    ))
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------
// The zip package
// ---------------------------------------------------------------------------

/// Below this declared size a member's compression ratio is not checked: tiny
/// parts of repeated markup legitimately compress very well.
const RATIO_FLOOR: u64 = 1024 * 1024;

struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased member name → index.
    names: HashMap<String, usize>,
    /// Bytes inflated so far.
    used: u64,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Result<Package<'a>> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            IngestError::CorruptDocx(format!(
                "it is not a complete zip archive ({e}); the file may be truncated: copy or download it again"
            ))
        })?;
        let mut names = HashMap::new();
        for i in 0..zip.len() {
            if let Some(name) = zip.name_for_index(i) {
                names.entry(normalise_name(name)).or_insert(i);
            }
        }
        Ok(Package { zip, names, used: 0 })
    }

    /// Inflates one member, or `None` when the archive has no such member.
    fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(&index) = self.names.get(&normalise_name(name)) else { return Ok(None) };
        let file = self.zip.by_index(index).map_err(|e| {
            IngestError::CorruptDocx(match e {
                zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
                    format!("{name} is encrypted; save the document without a password and import it again")
                }
                e => format!("cannot open {name}: {e}"),
            })
        })?;
        let declared = file.size();
        let compressed = file.compressed_size().max(1);
        if declared > MAX_MEMBER_BYTES {
            return Err(IngestError::ZipBomb { limit: MAX_MEMBER_BYTES });
        }
        if declared > RATIO_FLOOR && declared / compressed > MAX_RATIO {
            return Err(IngestError::ZipBomb { limit: compressed.saturating_mul(MAX_RATIO) });
        }
        let remaining = MAX_TOTAL_BYTES.saturating_sub(self.used);
        if declared > remaining {
            return Err(IngestError::ZipBomb { limit: MAX_TOTAL_BYTES });
        }
        let cap = MAX_MEMBER_BYTES.min(remaining);
        let data = limits::read_capped(file, cap).map_err(|e| match e {
            IngestError::ZipBomb { .. } if cap < MAX_MEMBER_BYTES => IngestError::ZipBomb { limit: MAX_TOTAL_BYTES },
            IngestError::CorruptDocx(m) => IngestError::CorruptDocx(format!("{name}: {m}")),
            e => e,
        })?;
        self.used += data.len() as u64;
        Ok(Some(data))
    }

    fn parse_optional(&mut self, name: &str, keep_text: fn(&El) -> bool) -> Result<Option<El>> {
        match self.read(name)? {
            Some(bytes) => parse_xml(name, &bytes, keep_text).map(Some),
            None => Ok(None),
        }
    }

    /// The relationships of `part` (`""` for the package): `(type, resolved target)`.
    fn rels_of(&mut self, part: &str) -> Result<Vec<(String, String)>> {
        let (dir, file) = match part.rsplit_once('/') {
            Some((d, f)) => (d, f),
            None => ("", part),
        };
        let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        let Some(el) = self.parse_optional(&rels_name, |_| false)? else { return Ok(Vec::new()) };
        Ok(el
            .children()
            .filter(|r| r.local == "Relationship" && r.attr("TargetMode") != Some("External"))
            .filter_map(|r| Some((r.attr("Type")?.to_string(), resolve_target(dir, r.attr("Target")?))))
            .collect())
    }

    /// The main document part: the package's officeDocument relationship, or
    /// `word/document.xml`.
    fn main_part(&mut self) -> Result<String> {
        let from_rels = self
            .rels_of("")?
            .into_iter()
            .find(|(t, _)| t.ends_with("/officeDocument"))
            .map(|(_, target)| target)
            .filter(|t| self.names.contains_key(&normalise_name(t)) && t.ends_with(".xml"));
        match from_rels {
            Some(t) if t.to_ascii_lowercase().contains("document") => Ok(t),
            _ if self.names.contains_key("word/document.xml") => Ok("word/document.xml".to_string()),
            Some(t) => Err(IngestError::CorruptDocx(format!(
                "the archive holds {t}, not word/document.xml: it is an Office file but not a Word document"
            ))),
            None => Err(missing_document("word/document.xml")),
        }
    }
}

fn normalise_name(name: &str) -> String {
    name.trim_start_matches('/').replace('\\', "/").to_ascii_lowercase()
}

/// Resolves a relationship target against the source part's folder.
fn resolve_target(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let joined;
    let path = if let Some(abs) = target.strip_prefix('/') {
        abs
    } else {
        joined = if dir.is_empty() { target.to_string() } else { format!("{dir}/{target}") };
        &joined
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

// ---------------------------------------------------------------------------
// A small XML tree (private: xml.rs belongs to the Akoma Ntoso reader)
// ---------------------------------------------------------------------------

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_NS_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The namespaces the reader tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// WordprocessingML (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// No namespace (attributes without a prefix).
    None,
    /// Anything else (DrawingML, VML, relationships, Dublin Core ...).
    Other,
}

#[derive(Debug)]
struct El {
    ns: Ns,
    local: String,
    attrs: Vec<(Ns, String, String)>,
    kids: Vec<XNode>,
}

#[derive(Debug)]
enum XNode {
    El(El),
    Text(String),
}

impl El {
    /// A WordprocessingML element named `local`.
    fn is(&self, local: &str) -> bool {
        self.ns == Ns::W && self.local == local
    }

    /// A WordprocessingML (or unprefixed) attribute.
    fn attr(&self, local: &str) -> Option<&str> {
        self.attrs.iter().find(|(ns, l, _)| matches!(ns, Ns::W | Ns::None) && l == local).map(|(_, _, v)| v.as_str())
    }

    /// `w:val` of the child `w:local`.
    fn child_val(&self, local: &str) -> Option<&str> {
        self.child(local).and_then(|c| c.attr("val"))
    }

    fn children(&self) -> impl Iterator<Item = &El> {
        self.kids.iter().filter_map(|k| match k {
            XNode::El(e) => Some(e),
            XNode::Text(_) => None,
        })
    }

    /// The first WordprocessingML child named `local`.
    fn child(&self, local: &str) -> Option<&El> {
        self.children().find(|c| c.is(local))
    }

    /// Concatenated text of this element and its descendants.
    fn text(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }

    fn collect_text(&self, s: &mut String) {
        for k in &self.kids {
            match k {
                XNode::Text(t) => s.push_str(t),
                XNode::El(e) => e.collect_text(s),
            }
        }
    }

    /// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
    fn toggle(&self, local: &str) -> Option<bool> {
        self.child(local).map(|c| !matches!(c.attr("val"), Some("0" | "false" | "off")))
    }
}

/// Keeps character data only inside `w:t` (and `w:delText`/`w:instrText`,
/// which are read but never shown), so whitespace between elements costs nothing.
fn keep_w_text(el: &El) -> bool {
    el.ns == Ns::W && el.local == "t"
}

fn ns_of(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) if ns.0 == W_NS || ns.0 == W_NS_STRICT => Ns::W,
        ResolveResult::Bound(ns) if ns.0 == MC_NS => Ns::Mc,
        ResolveResult::Bound(_) => Ns::Other,
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

fn bad_xml(part: &str, msg: impl std::fmt::Display) -> IngestError {
    IngestError::BadXml(format!("{part}: {msg}"))
}

/// Decodes a part's bytes (UTF-8, optionally with a BOM, or UTF-16 with a BOM).
fn decode_part<'b>(part: &str, bytes: &'b [u8]) -> Result<Cow<'b, str>> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(Cow::Borrowed).map_err(|_| bad_xml(part, "the part is not valid UTF-8"));
    }
    let utf16 = |le: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16(&units).map(Cow::Owned).map_err(|_| bad_xml(part, "the part is not valid UTF-16"))
    };
    if bytes.starts_with(b"\xFF\xFE") {
        return utf16(true);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return utf16(false);
    }
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|_| bad_xml(part, "the part is not valid UTF-8"))
}

fn make_el(part: &str, e: &BytesStart<'_>, ns: Ns, reader: &NsReader<&[u8]>) -> Result<El> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| bad_xml(part, err))?;
        let (ans, local) = reader.resolver().resolve_attribute(a.key);
        let ans = ns_of(&ans);
        let local = local.as_ref().to_string();
        let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(|err| bad_xml(part, err))?.into_owned();
        attrs.push((ans, local, value));
    }
    Ok(El { ns, local: e.local_name().as_ref().to_string(), attrs, kids: Vec::new() })
}

fn predefined_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => return None,
    })
}

/// Parses one XML part into a tree. Refuses DOCTYPEs, undefined entities and
/// nesting deeper than [`MAX_XML_DEPTH`]. Character data is kept only for
/// elements where `keep_text` says so.
fn parse_xml(part: &str, bytes: &[u8], keep_text: fn(&El) -> bool) -> Result<El> {
    let text = decode_part(part, bytes)?;
    let mut reader = NsReader::from_str(&text);
    let root = El { ns: Ns::Other, local: String::new(), attrs: Vec::new(), kids: Vec::new() };
    let mut stack: Vec<El> = vec![root];
    loop {
        let event = match reader.read_resolved_event() {
            Ok((ns, ev)) => (ns_of(&ns), ev),
            Err(e) => return Err(bad_xml(part, format!("{e} (near byte {})", reader.buffer_position()))),
        };
        match event {
            (ns, Event::Start(e)) => {
                if stack.len() > MAX_XML_DEPTH {
                    return Err(bad_xml(part, format!("elements are nested more than {MAX_XML_DEPTH} deep")));
                }
                let el = make_el(part, &e, ns, &reader)?;
                stack.push(el);
            }
            (ns, Event::Empty(e)) => {
                let el = make_el(part, &e, ns, &reader)?;
                stack.last_mut().expect("root").kids.push(XNode::El(el));
            }
            (_, Event::End(_)) => {
                let el = stack.pop().expect("stack");
                match stack.last_mut() {
                    Some(parent) => parent.kids.push(XNode::El(el)),
                    None => return Err(bad_xml(part, "an end tag has no start tag")),
                }
            }
            (_, Event::Text(t)) => {
                let top = stack.last_mut().expect("root");
                if keep_text(top) {
                    top.kids.push(XNode::Text(t.xml10_content().into_owned()));
                }
            }
            (_, Event::CData(t)) => {
                let top = stack.last_mut().expect("root");
                if keep_text(top) {
                    top.kids.push(XNode::Text(t.xml10_content().into_owned()));
                }
            }
            (_, Event::GeneralRef(r)) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => return Err(bad_xml(part, format!("the entity &{}; is not defined", &*r))),
                    },
                    Err(e) => return Err(bad_xml(part, e)),
                };
                let top = stack.last_mut().expect("root");
                if keep_text(top) {
                    top.kids.push(XNode::Text(resolved));
                }
            }
            (_, Event::DocType(_)) => {
                return Err(bad_xml(part, "a <!DOCTYPE> declaration is not allowed in a Word document (entities are never expanded)"))
            }
            (_, Event::Eof) => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(bad_xml(part, "the XML ends before its elements are closed (the part is truncated)"));
    }
    let root = stack.pop().expect("root");
    root.kids
        .into_iter()
        .find_map(|k| match k {
            XNode::El(e) => Some(e),
            XNode::Text(_) => None,
        })
        .ok_or_else(|| bad_xml(part, "the part has no root element"))
}

// ---------------------------------------------------------------------------
// Styles
// ---------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Style {
    id: String,
    name: String,
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    bold: Option<bool>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    /// Lower-cased name → id (for documents that reference styles by name).
    by_name: HashMap<String, String>,
    default_para: Option<String>,
    default_bold: Option<bool>,
    /// `w:lang` of the document defaults: `w:val`, `w:bidi`, `w:eastAsia`, in that order.
    langs: Vec<String>,
}

fn lang_attrs(rpr: Option<&El>) -> Vec<String> {
    let Some(lang) = rpr.and_then(|r| r.child("lang")) else { return Vec::new() };
    ["val", "bidi", "eastAsia"].iter().filter_map(|a| lang.attr(a)).filter(|v| !v.trim().is_empty()).map(str::to_string).collect()
}

impl Styles {
    fn from_xml(root: &El) -> Styles {
        let mut s = Styles::default();
        if let Some(rpr) = root.child("docDefaults").and_then(|d| d.child("rPrDefault")).and_then(|d| d.child("rPr")) {
            s.default_bold = rpr.toggle("b");
            s.langs = lang_attrs(Some(rpr));
        }
        for st in root.children().filter(|c| c.is("style")) {
            let Some(id) = st.attr("styleId") else { continue };
            let kind = st.attr("type").unwrap_or("paragraph");
            let ppr = st.child("pPr");
            let num = ppr.and_then(|p| p.child("numPr"));
            let style = Style {
                id: id.to_string(),
                name: st.child_val("name").unwrap_or_default().to_string(),
                based_on: st.child_val("basedOn").map(str::to_string),
                num_id: num.and_then(|n| n.child_val("numId")).map(str::to_string),
                ilvl: num.and_then(|n| n.child_val("ilvl")).and_then(|v| v.parse().ok()),
                outline: ppr.and_then(|p| p.child_val("outlineLvl")).and_then(|v| v.parse().ok()),
                bold: st.child("rPr").and_then(|r| r.toggle("b")),
            };
            if kind == "paragraph" && matches!(st.attr("default"), Some("1" | "true" | "on")) {
                s.default_para = Some(id.to_string());
                if s.langs.is_empty() {
                    s.langs = lang_attrs(st.child("rPr"));
                }
            }
            s.by_name.entry(style.name.to_ascii_lowercase()).or_insert_with(|| id.to_string());
            s.by_id.insert(id.to_string(), style);
        }
        s
    }

    fn get(&self, id: &str) -> Option<&Style> {
        self.by_id.get(id).or_else(|| self.by_name.get(&id.to_ascii_lowercase()).and_then(|i| self.by_id.get(i)))
    }

    /// The style and its `basedOn` ancestors (cycles and long chains cut).
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out: Vec<&Style> = Vec::new();
        let mut next = id.and_then(|i| self.get(i));
        while let Some(st) = next {
            if out.len() >= 16 || out.iter().any(|s| s.id == st.id) {
                break;
            }
            out.push(st);
            next = st.based_on.as_deref().and_then(|b| self.get(b));
        }
        out
    }

    fn heading_level(&self, style: Option<&str>) -> Option<u8> {
        for st in self.chain(style) {
            if let Some(l) = heading_from_name(&st.id).or_else(|| heading_from_name(&st.name)) {
                return Some(l);
            }
            if let Some(o) = st.outline {
                return (o < 9).then_some(o + 1);
            }
        }
        None
    }

    /// A table-of-contents style (`toc 1` ... `toc 9`, `TOC Heading`).
    fn is_toc(&self, style: Option<&str>) -> bool {
        self.chain(style).iter().any(|s| {
            [&s.id, &s.name].iter().any(|n| {
                let compact: String = n.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
                compact
                    .strip_prefix("toc")
                    .is_some_and(|rest| rest == "heading" || (!rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())))
            })
        })
    }

    fn bold(&self, style: Option<&str>) -> Option<bool> {
        self.chain(style).iter().find_map(|s| s.bold)
    }
}

/// `Heading1`, `heading 1` → 1; `Title` → 1.
fn heading_from_name(name: &str) -> Option<u8> {
    let lower: String = name.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    if lower == "title" {
        return Some(1);
    }
    let rest = lower.strip_prefix("heading")?;
    match rest.parse::<u8>() {
        Ok(n @ 1..=9) if rest.len() == 1 => Some(n),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Numbering
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumFmt {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suff {
    Tab,
    Space,
    Nothing,
}

#[derive(Debug, Clone)]
struct Level {
    start: i64,
    fmt: NumFmt,
    text: Option<String>,
    is_lgl: bool,
    restart: Option<i64>,
    pstyle: Option<String>,
    suff: Suff,
}

impl Level {
    fn from_xml(lvl: &El) -> Level {
        Level {
            start: lvl.child_val("start").and_then(|v| v.parse().ok()).unwrap_or(0),
            fmt: match lvl.child_val("numFmt").unwrap_or("decimal") {
                "decimalZero" => NumFmt::DecimalZero,
                "lowerLetter" => NumFmt::LowerLetter,
                "upperLetter" => NumFmt::UpperLetter,
                "lowerRoman" => NumFmt::LowerRoman,
                "upperRoman" => NumFmt::UpperRoman,
                "bullet" => NumFmt::Bullet,
                "none" => NumFmt::None,
                _ => NumFmt::Decimal,
            },
            text: lvl.child_val("lvlText").map(str::to_string),
            is_lgl: lvl.toggle("isLgl").unwrap_or(false),
            restart: lvl.child_val("lvlRestart").and_then(|v| v.parse().ok()),
            pstyle: lvl.child_val("pStyle").map(str::to_string),
            suff: match lvl.child_val("suff") {
                Some("space") => Suff::Space,
                Some("nothing") => Suff::Nothing,
                _ => Suff::Tab,
            },
        }
    }
}

fn levels_of(el: &El) -> HashMap<u8, Level> {
    el.children()
        .filter(|c| c.is("lvl"))
        .filter_map(|l| Some((l.attr("ilvl")?.parse::<u8>().ok().filter(|&i| i < 9)?, Level::from_xml(l))))
        .collect()
}

#[derive(Debug, Default)]
struct AbstractNum {
    levels: HashMap<u8, Level>,
    num_style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    /// Level → (startOverride, replacement level definition).
    overrides: HashMap<u8, (Option<i64>, Option<Level>)>,
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
}

impl Numbering {
    fn from_xml(root: &El) -> Numbering {
        let mut n = Numbering::default();
        for a in root.children().filter(|c| c.is("abstractNum")) {
            let Some(id) = a.attr("abstractNumId") else { continue };
            n.abstracts.insert(
                id.to_string(),
                AbstractNum { levels: levels_of(a), num_style_link: a.child_val("numStyleLink").map(str::to_string) },
            );
        }
        for num in root.children().filter(|c| c.is("num")) {
            let (Some(id), Some(abs)) = (num.attr("numId"), num.child_val("abstractNumId")) else { continue };
            let mut overrides = HashMap::new();
            for o in num.children().filter(|c| c.is("lvlOverride")) {
                let Some(ilvl) = o.attr("ilvl").and_then(|v| v.parse::<u8>().ok()).filter(|&i| i < 9) else {
                    continue;
                };
                let start = o.child_val("startOverride").and_then(|v| v.parse().ok());
                let level = o.child("lvl").map(Level::from_xml);
                overrides.insert(ilvl, (start, level));
            }
            n.nums.insert(id.to_string(), Num { abstract_id: abs.to_string(), overrides });
        }
        n
    }

    /// The abstract numbering a num uses, following `w:numStyleLink` to the
    /// numbering style's own num.
    fn abstract_for<'s>(&'s self, num: &'s Num, styles: &Styles) -> Option<(&'s str, &'s AbstractNum)> {
        let mut id = num.abstract_id.as_str();
        for _ in 0..4 {
            let abs = self.abstracts.get(id)?;
            let Some(link) = abs.num_style_link.as_deref().filter(|_| abs.levels.is_empty()) else {
                return Some((id, abs));
            };
            let linked = styles.chain(Some(link)).iter().find_map(|s| s.num_id.clone())?;
            id = self.nums.get(&linked)?.abstract_id.as_str();
        }
        None
    }
}

/// Counters of one list: the last value printed at each level (`None` = not
/// used since the level was last restarted), and per-level start overrides.
#[derive(Debug, Default)]
struct ListState {
    vals: [Option<i64>; 9],
    starts: [Option<i64>; 9],
}

fn format_number(v: i64, fmt: NumFmt) -> String {
    match fmt {
        NumFmt::None | NumFmt::Bullet => String::new(),
        NumFmt::DecimalZero if (0..10).contains(&v) => format!("0{v}"),
        NumFmt::LowerLetter | NumFmt::UpperLetter if v >= 1 => {
            let letter = (b'a' + ((v - 1) % 26) as u8) as char;
            let s: String = std::iter::repeat_n(letter, ((v - 1) / 26 + 1) as usize).collect();
            if fmt == NumFmt::UpperLetter {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        NumFmt::LowerRoman | NumFmt::UpperRoman if (1..4000).contains(&v) => {
            let s = roman(v);
            if fmt == NumFmt::LowerRoman {
                s.to_ascii_lowercase()
            } else {
                s
            }
        }
        _ => v.to_string(),
    }
}

fn roman(mut v: i64) -> String {
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (n, r) in TABLE {
        while v >= n {
            s.push_str(r);
            v -= n;
        }
    }
    s
}

// ---------------------------------------------------------------------------
// Walking the document
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum NoteKind {
    Foot,
    End,
}

fn notes_by_id<'e>(root: Option<&'e El>, local: &str) -> HashMap<String, &'e El> {
    let Some(root) = root else { return HashMap::new() };
    root.children()
        .filter(|n| n.is(local))
        .filter(|n| !matches!(n.attr("type"), Some("separator" | "continuationSeparator" | "continuationNotice")))
        .filter_map(|n| Some((n.attr("id")?.to_string(), n)))
        .collect()
}

/// A paragraph or a table row, before it becomes a [`Block`].
#[derive(Debug)]
enum Item {
    Para { text: String, number: Option<String>, heading: Option<u8>, bold: bool },
    Row(String),
}

impl Item {
    fn text(&self) -> &str {
        match self {
            Item::Para { text, .. } | Item::Row(text) => text,
        }
    }

    fn into_block(self) -> Block {
        match self {
            Item::Para { text, number, heading, bold } => {
                Block { text, heading_level: heading, list_number: number, bold, role: BlockRole::Body }
            }
            Item::Row(text) => Block { text, role: BlockRole::TableRow, ..Block::default() },
        }
    }
}

/// Text gathered from one paragraph's runs.
#[derive(Debug)]
struct Inline {
    text: String,
    /// Every run with visible text is bold.
    all_bold: bool,
    /// Some run has visible text.
    any_text: bool,
    /// Paragraphs of text boxes anchored in this paragraph.
    boxes: Vec<Item>,
}

impl Inline {
    fn new() -> Inline {
        Inline { text: String::new(), all_bold: true, any_text: false, boxes: Vec::new() }
    }
}

/// Text of paragraphs whose paragraph mark was deleted: it joins the next paragraph.
#[derive(Debug)]
struct Pending {
    text: String,
    all_bold: bool,
    any_text: bool,
}

struct Walker<'d> {
    styles: &'d Styles,
    numbering: &'d Numbering,
    footnotes: &'d HashMap<String, &'d El>,
    endnotes: &'d HashMap<String, &'d El>,
    /// List counters, keyed by abstract numbering (or by num for restarted instances).
    lists: HashMap<String, ListState>,
    seen_nums: HashSet<String>,
    note_refs: Vec<(NoteKind, String)>,
    note_numbers: HashMap<(NoteKind, String), usize>,
    insertions: usize,
    deletions: usize,
    pending: Option<Pending>,
    /// A table of contents was met and skipped.
    skipped_toc: bool,
}

/// The branch of an `mc:AlternateContent` to read: the first `mc:Choice`, else `mc:Fallback`.
fn alternate_branch(alt: &El) -> Option<&El> {
    alt.children()
        .find(|c| c.ns == Ns::Mc && c.local == "Choice")
        .or_else(|| alt.children().find(|c| c.ns == Ns::Mc && c.local == "Fallback"))
}

fn is_deleted_mark(rpr: Option<&El>) -> bool {
    rpr.is_some_and(|r| r.child("del").is_some() || r.child("moveFrom").is_some())
}

impl<'d> Walker<'d> {
    /// Block-level content: paragraphs, tables, content controls.
    fn blocks(&mut self, container: &El, out: &mut Vec<Item>) {
        for c in container.children() {
            if c.ns == Ns::Mc && c.local == "AlternateContent" {
                if let Some(b) = alternate_branch(c) {
                    self.blocks(b, out);
                }
                continue;
            }
            if c.ns != Ns::W {
                continue;
            }
            match c.local.as_str() {
                "p" => self.paragraph(c, out),
                "tbl" => self.table(c, out),
                "sdt" => {
                    if is_toc_control(c) {
                        self.skipped_toc = true;
                    } else if let Some(content) = c.child("sdtContent") {
                        self.blocks(content, out);
                    }
                }
                "customXml" | "ins" | "moveTo" => self.blocks(c, out),
                _ => {}
            }
        }
        if let Some(p) = self.pending.take() {
            let text = p.text.trim().to_string();
            if !text.is_empty() {
                out.push(Item::Para { text, number: None, heading: None, bold: p.any_text && p.all_bold });
            }
        }
    }

    fn paragraph(&mut self, p: &El, out: &mut Vec<Item>) {
        let ppr = p.child("pPr");
        let style = ppr.and_then(|pp| pp.child_val("pStyle")).or(self.styles.default_para.as_deref());
        if self.styles.is_toc(style) {
            // Table-of-contents entries repeat the headings: not document text.
            self.skipped_toc = true;
            return;
        }
        let mut inl = Inline::new();
        self.inline(p, &mut inl, style);

        let mark = ppr.and_then(|pp| pp.child("rPr"));
        if mark.is_some_and(|r| r.child("ins").is_some() || r.child("moveTo").is_some()) {
            self.insertions += 1;
        }
        if is_deleted_mark(mark) {
            // Accepting the deletion joins this paragraph's text to the next one.
            self.deletions += 1;
            let pending = self.pending.get_or_insert(Pending { text: String::new(), all_bold: true, any_text: false });
            pending.text.push_str(&inl.text);
            pending.all_bold &= inl.all_bold;
            pending.any_text |= inl.any_text;
            out.append(&mut inl.boxes);
            return;
        }
        if let Some(prev) = self.pending.take() {
            inl.text.insert_str(0, &prev.text);
            inl.all_bold &= prev.all_bold;
            inl.any_text |= prev.any_text;
        }

        let number = self.list_number(ppr, style);
        let heading = match ppr.and_then(|pp| pp.child_val("outlineLvl")).and_then(|v| v.parse::<u8>().ok()) {
            Some(o) => (o < 9).then_some(o + 1),
            None => self.styles.heading_level(style),
        };
        let body = inl.text.trim();
        let text = match &number {
            Some((n, _)) if body.is_empty() => n.clone(),
            Some((n, Suff::Nothing)) => format!("{n}{body}"),
            Some((n, _)) => format!("{n} {body}"),
            None => body.to_string(),
        };
        if !text.is_empty() {
            out.push(Item::Para { text, number: number.map(|(n, _)| n), heading, bold: inl.any_text && inl.all_bold });
        }
        out.append(&mut inl.boxes);
    }

    /// Inline content: runs, and the containers runs sit in.
    fn inline(&mut self, el: &El, out: &mut Inline, style: Option<&str>) {
        for c in el.children() {
            if c.ns == Ns::Mc && c.local == "AlternateContent" {
                if let Some(b) = alternate_branch(c) {
                    self.inline(b, out, style);
                }
                continue;
            }
            if c.ns != Ns::W {
                continue;
            }
            match c.local.as_str() {
                "r" => self.run(c, out, style),
                "ins" | "moveTo" => {
                    self.insertions += 1;
                    self.inline(c, out, style);
                }
                "del" | "moveFrom" => self.deletions += 1,
                "hyperlink" | "smartTag" | "customXml" | "fldSimple" | "bdo" | "dir" => self.inline(c, out, style),
                "sdt" => {
                    if let Some(content) = c.child("sdtContent") {
                        self.inline(content, out, style);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &El, out: &mut Inline, style: Option<&str>) {
        let rpr = r.child("rPr");
        if rpr.and_then(|p| p.toggle("vanish")).unwrap_or(false) {
            return;
        }
        let bold = rpr
            .and_then(|p| p.toggle("b"))
            .or_else(|| self.styles.bold(rpr.and_then(|p| p.child_val("rStyle"))))
            .or_else(|| self.styles.bold(style))
            .or(self.styles.default_bold)
            .unwrap_or(false);
        self.run_content(r, out, bold);
    }

    fn run_content(&mut self, r: &El, out: &mut Inline, bold: bool) {
        for c in r.children() {
            if c.ns == Ns::Mc && c.local == "AlternateContent" {
                if let Some(b) = alternate_branch(c) {
                    self.run_content(b, out, bold);
                }
                continue;
            }
            if c.ns != Ns::W {
                self.text_boxes(c, out);
                continue;
            }
            let piece: Cow<'_, str> = match c.local.as_str() {
                "t" => Cow::Owned(c.text()),
                "tab" | "ptab" => Cow::Borrowed("\t"),
                "br" | "cr" => Cow::Borrowed("\n"),
                "noBreakHyphen" => Cow::Borrowed("-"),
                "footnoteReference" | "endnoteReference" => {
                    let kind = if c.local == "footnoteReference" { NoteKind::Foot } else { NoteKind::End };
                    if let Some(marker) = c.attr("id").and_then(|id| self.note_marker(kind, id)) {
                        out.text.push_str(&marker);
                    }
                    continue;
                }
                "drawing" | "pict" | "object" => {
                    self.text_boxes(c, out);
                    continue;
                }
                _ => continue,
            };
            if piece.chars().any(|ch| !ch.is_whitespace()) {
                out.any_text = true;
                out.all_bold &= bold;
            }
            out.text.push_str(&piece);
        }
    }

    /// Paragraphs of text boxes (`w:txbxContent`) below `el`.
    fn text_boxes(&mut self, el: &El, out: &mut Inline) {
        if el.is("txbxContent") {
            let mut items = Vec::new();
            self.blocks(el, &mut items);
            out.boxes.append(&mut items);
            return;
        }
        if el.ns == Ns::Mc && el.local == "AlternateContent" {
            if let Some(b) = alternate_branch(el) {
                self.text_boxes(b, out);
            }
            return;
        }
        for c in el.children() {
            self.text_boxes(c, out);
        }
    }

    fn note_marker(&mut self, kind: NoteKind, id: &str) -> Option<String> {
        let table = if kind == NoteKind::Foot { self.footnotes } else { self.endnotes };
        if !table.contains_key(id) {
            return None;
        }
        let key = (kind, id.to_string());
        let n = match self.note_numbers.get(&key) {
            Some(&n) => n,
            None => {
                self.note_refs.push(key.clone());
                let n = self.note_refs.len();
                self.note_numbers.insert(key, n);
                n
            }
        };
        Some(format!("[{n}]"))
    }

    fn table(&mut self, tbl: &El, out: &mut Vec<Item>) {
        let mut rows = Vec::new();
        collect_wrapped(tbl, "tr", &mut rows);
        for row in rows {
            let trpr = row.child("trPr");
            if trpr.is_some_and(|p| p.child("del").is_some()) {
                self.deletions += 1;
                continue;
            }
            if trpr.is_some_and(|p| p.child("ins").is_some()) {
                self.insertions += 1;
            }
            let mut cells = Vec::new();
            collect_wrapped(row, "tc", &mut cells);
            let mut texts = Vec::new();
            for tc in cells {
                let tcpr = tc.child("tcPr");
                if tcpr.is_some_and(|p| p.child("cellDel").is_some()) {
                    self.deletions += 1;
                    continue;
                }
                if tcpr.is_some_and(|p| p.child("cellIns").is_some()) {
                    self.insertions += 1;
                }
                let mut items = Vec::new();
                self.blocks(tc, &mut items);
                let text = items.iter().map(Item::text).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
                texts.push(text);
            }
            if texts.iter().any(|t| !t.is_empty()) {
                out.push(Item::Row(texts.join(" | ")));
            }
        }
    }

    /// The printed list number of a paragraph and its suffix, advancing the counters.
    fn list_number(&mut self, ppr: Option<&El>, style: Option<&str>) -> Option<(String, Suff)> {
        let direct = ppr.and_then(|p| p.child("numPr"));
        let direct_num = direct.and_then(|n| n.child_val("numId"));
        let direct_ilvl = direct.and_then(|n| n.child_val("ilvl")).and_then(|v| v.parse::<u8>().ok());
        let chain = self.styles.chain(style);
        let style_num = chain.iter().find(|s| s.num_id.is_some());
        let num_id = direct_num.map(str::to_string).or_else(|| style_num.and_then(|s| s.num_id.clone()))?;
        if num_id == "0" {
            return None;
        }
        let numbering = self.numbering;
        let num = numbering.nums.get(&num_id)?;
        let (abs_id, abs) = numbering.abstract_for(num, self.styles)?;
        let level_def = |l: u8| -> Option<&Level> { num.overrides.get(&l).and_then(|o| o.1.as_ref()).or_else(|| abs.levels.get(&l)) };
        let ilvl = direct_ilvl
            .or_else(|| style_num.and_then(|s| s.ilvl))
            .or_else(|| {
                // A style that carries a numId but no level: the level linked to the style.
                let sid = style?;
                (0..9u8).find(|&l| level_def(l).and_then(|d| d.pstyle.as_deref()) == Some(sid))
            })
            .unwrap_or(0)
            .min(8);
        let lvl = level_def(ilvl)?;

        let restarted = num.overrides.values().any(|(s, _)| s.is_some());
        let key = if restarted { format!("num:{num_id}") } else { format!("abs:{abs_id}") };
        let state = self.lists.entry(key).or_default();
        if self.seen_nums.insert(num_id.clone()) {
            for (&l, (start, _)) in &num.overrides {
                if let Some(s) = start {
                    state.vals[l as usize] = None;
                    state.starts[l as usize] = Some(*s);
                }
            }
        }
        let start_of = |state: &ListState, l: u8| state.starts[l as usize].or_else(|| level_def(l).map(|d| d.start)).unwrap_or(0);
        let i = ilvl as usize;
        state.vals[i] = Some(match state.vals[i] {
            Some(v) => v + 1,
            None => start_of(state, ilvl),
        });
        for m in (ilvl + 1)..9 {
            let reset = match level_def(m).and_then(|d| d.restart) {
                None => true,
                Some(0) => false,
                Some(r) => i64::from(ilvl) < r,
            };
            if reset {
                state.vals[m as usize] = None;
            }
        }
        if lvl.fmt == NumFmt::Bullet {
            return None;
        }
        let template = lvl.text.as_deref()?;
        let mut label = String::new();
        let mut chars = template.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch == '%' {
                if let Some(d) = chars.peek().and_then(|c| c.to_digit(10)).filter(|d| (1..=9).contains(d)) {
                    chars.next();
                    let l = (d - 1) as u8;
                    let v = state.vals[l as usize].unwrap_or_else(|| start_of(state, l));
                    let fmt = match level_def(l) {
                        Some(def) if def.fmt == NumFmt::None => NumFmt::None,
                        Some(_) if lvl.is_lgl => NumFmt::Decimal,
                        Some(def) => def.fmt,
                        None => NumFmt::Decimal,
                    };
                    label.push_str(&format_number(v, fmt));
                    continue;
                }
            }
            label.push(ch);
        }
        let label = label.trim().to_string();
        (!label.is_empty()).then_some((label, lvl.suff))
    }
}

/// A content control holding Word's table of contents.
fn is_toc_control(sdt: &El) -> bool {
    sdt.child("sdtPr")
        .and_then(|p| p.child("docPartObj"))
        .and_then(|d| d.child_val("docPartGallery"))
        .is_some_and(|g| g.eq_ignore_ascii_case("Table of Contents"))
}

/// Children named `local`, looking through content controls and custom XML wrappers.
fn collect_wrapped<'e>(el: &'e El, local: &str, out: &mut Vec<&'e El>) {
    for c in el.children() {
        if c.is(local) {
            out.push(c);
        } else if c.is("sdt") {
            if let Some(content) = c.child("sdtContent") {
                collect_wrapped(content, local, out);
            }
        } else if c.is("customXml") {
            collect_wrapped(c, local, out);
        }
    }
}

// ---------------------------------------------------------------------------
// Language
// ---------------------------------------------------------------------------

/// `km-KH` → `km`, `en-US` → `en`.
fn primary_subtag(tag: &str) -> Option<String> {
    let p = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    (!p.is_empty() && p.chars().all(|c| c.is_ascii_alphabetic())).then_some(p)
}

/// The declared language. Word stores Khmer as a complex-script language
/// (`w:bidi`) next to a Latin default (`w:val`); when the text is mostly Khmer
/// and Khmer is declared anywhere, Khmer wins.
fn pick_lang(styles: &Styles, blocks: &[Block]) -> Option<String> {
    let tags: Vec<String> = styles.langs.iter().filter_map(|t| primary_subtag(t)).collect();
    let (mut khmer, mut latin) = (0usize, 0usize);
    for ch in blocks.iter().flat_map(|b| b.text.chars()) {
        if ('\u{1780}'..='\u{17FF}').contains(&ch) || ('\u{19E0}'..='\u{19FF}').contains(&ch) {
            khmer += 1;
        } else if ch.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if khmer > latin && tags.iter().any(|t| t == "km") {
        return Some("km".to_string());
    }
    tags.into_iter().next()
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/docx/", $name))
        };
    }

    fn blocks(ing: &Ingested) -> &[Block] {
        match &ing.content {
            Content::Blocks(b) => b,
            Content::Tree(_) => panic!("expected blocks"),
        }
    }

    fn texts(ing: &Ingested) -> Vec<&str> {
        blocks(ing).iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn numbered_english_draft() {
        let ing = read(fixture!("numbered-en.docx")).unwrap();
        assert_eq!(ing.format, Format::Docx);
        assert_eq!(
            texts(&ing),
            vec![
                "Draft Law on Public Consultation",
                "Chapter 1: General Provisions",
                "Article 1. Purpose",
                "(1) This law sets out how ministries publish the drafts of laws for consultation.",
                "(2) Every ministry shall publish its drafts[1].",
                "Article 2. Definitions",
                "(1) In this law:",
                "(a) “draft” means any version of a bill;",
                "(b) “ministry” means a ministry or a state secretariat.",
                "(2) Terms not defined here have their ordinary meaning.",
                "Term | Meaning",
                "Draft | A version of a bill.",
                "Ministry | A ministry. A state secretariat.",
                "Chapter 2: Publication",
                "Article 3. Time limits",
                "(1) A draft shall be published at least thirty days before its adoption.",
                "(2) Comments may be sent by post or by e-mail[2].",
                "Article 4. Entry into force",
                "This law enters into force on the day after its publication.",
                "Done at Phnom Penh,\t1 March 2025",
                "[1] See the Law on the Publication of Legal Acts of 2019.",
                "[2] Including any address the ministry publishes on its website.",
            ]
        );
        let b = blocks(&ing);
        // Headings: Title and Heading1 → 1, Heading2 → 2.
        assert_eq!(b[0].heading_level, Some(1));
        assert_eq!(b[1].heading_level, Some(1));
        assert_eq!(b[2].heading_level, Some(2));
        assert_eq!(b[3].heading_level, None);
        assert_eq!(b[2].list_number.as_deref(), Some("Article 1."));
        assert_eq!(b[14].list_number.as_deref(), Some("Article 3."));
        assert_eq!(b[3].list_number.as_deref(), Some("(1)"));
        assert_eq!(b[7].list_number.as_deref(), Some("(a)"));
        assert_eq!(b[0].list_number, None);
        // Bold: from the heading style, and from run properties.
        assert!(b[1].bold && b[2].bold);
        assert!(!b[3].bold);
        assert!(b[19].bold, "whole-paragraph bold run");
        assert!(b[10].role == BlockRole::TableRow && b[12].role == BlockRole::TableRow);
        assert!(b[20].role == BlockRole::Note && b[21].role == BlockRole::Note);
        assert_eq!(b[3].role, BlockRole::Body);
        // Tracked changes accepted: "thirty" inserted, "fifteen" deleted.
        let all = texts(&ing).join("\n");
        assert!(all.contains("thirty") && !all.contains("fifteen"));
        assert_eq!(
            ing.notes,
            vec![
                "The document had tracked changes (1 insertion, 1 deletion); they were taken as accepted.".to_string(),
                "1 comment was ignored.".to_string(),
            ]
        );
        assert!(!all.contains("consultation portal"), "comment text is not document text");
        assert_eq!(ing.title.as_deref(), Some("Draft Law on Public Consultation"));
        assert_eq!(ing.lang.as_deref(), Some("en"));
    }

    const KM_TITLE: &str = "សេចក្តីព្រាងច្បាប់ស្តីពីការពិគ្រោះយោបល់សាធារណៈ";

    #[test]
    fn khmer_draft_text_is_exact() {
        let ing = read(fixture!("khmer.docx")).unwrap();
        assert_eq!(
            texts(&ing),
            vec![
                KM_TITLE,
                "ជំពូកទី ១ បទប្បញ្ញត្តិទូទៅ",
                "មាត្រា ១ គោលបំណង",
                "ច្បាប់នេះមានគោលបំណងកំណត់នីតិវិធីនៃការបោះពុម្ពផ្សាយសេចក្តីព្រាងច្បាប់។",
                "មាត្រា ២ វិសាលភាព",
                "ច្បាប់នេះអនុវត្តចំពោះក្រសួង និងស្ថាប័នសាធារណៈទាំងអស់។",
                "ជំពូកទី ២ អវសានបញ្ញត្តិ",
                "មាត្រា ៣ ការចូលជាធរមាន",
                "ច្បាប់នេះត្រូវប្រកាសឱ្យប្រើជាការបន្ទាន់។",
            ]
        );
        let b = blocks(&ing);
        assert_eq!(b[1].heading_level, Some(1));
        assert_eq!(b[2].heading_level, Some(2));
        assert_eq!(b[2].list_number, None, "Khmer headings are typed, not numbered");
        assert_eq!(ing.lang.as_deref(), Some("km"));
        assert_eq!(ing.title.as_deref(), Some(KM_TITLE));
        assert!(ing.notes.is_empty());
    }

    #[test]
    fn truncated_docx_is_corrupt() {
        let err = read(fixture!("truncated.docx")).unwrap_err();
        assert!(matches!(err, IngestError::CorruptDocx(_)), "{err:?}");
        assert!(err.to_string().contains("truncated"), "{err}");
    }

    #[test]
    fn zip_bomb_is_refused() {
        let bytes = fixture!("bomb.docx");
        assert!(bytes.len() < 2 * 1024 * 1024);
        let err = read(bytes).unwrap_err();
        assert!(matches!(err, IngestError::ZipBomb { .. }), "{err:?}");
    }

    #[test]
    fn zip_without_document_is_corrupt() {
        let err = read(fixture!("not-a-docx.zip")).unwrap_err();
        assert!(matches!(err, IngestError::CorruptDocx(_)), "{err:?}");
        assert!(err.to_string().contains("word/document.xml"), "{err}");
    }

    fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in members {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn implausible_compression_ratio_is_a_bomb() {
        let spaces = vec![b' '; 8 * 1024 * 1024];
        let bytes = zip_of(&[("word/document.xml", &spaces)]);
        assert!(bytes.len() < 100_000);
        match read(&bytes).unwrap_err() {
            IngestError::ZipBomb { limit } => assert!(limit < 8 * 1024 * 1024, "{limit}"),
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn doctype_in_a_part_and_other_office_files_are_refused() {
        let xxe = br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#;
        let err = read(&zip_of(&[("word/document.xml", xxe)])).unwrap_err();
        assert!(matches!(err, IngestError::BadXml(_)), "{err:?}");
        let rels = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let err = read(&zip_of(&[("_rels/.rels", rels), ("xl/workbook.xml", b"<workbook/>")])).unwrap_err();
        assert!(err.to_string().contains("xl/workbook.xml"), "{err}");
    }

    #[test]
    fn minimal_document_without_optional_parts() {
        let doc = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Only text &amp; more</w:t></w:r></w:p></w:body></w:document>"#;
        let ing = read(&zip_of(&[("word/document.xml", doc)])).unwrap();
        assert_eq!(texts(&ing), vec!["Only text & more"]);
        assert!(ing.notes.is_empty() && ing.title.is_none() && ing.lang.is_none());
    }

    // ---- In-memory documents for the finer rules -------------------------------

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn el(xml: &str) -> El {
        parse_xml("test.xml", xml.as_bytes(), keep_w_text).unwrap()
    }

    /// Runs the walker over a body with optional numbering and styles.
    fn walk(body: &str, numbering: &str, styles: &str) -> (Vec<Item>, usize, usize) {
        let doc = el(&format!(r#"<w:document {NS}><w:body>{body}</w:body></w:document>"#));
        let num = Numbering::from_xml(&el(&format!(r#"<w:numbering {NS}>{numbering}</w:numbering>"#)));
        let st = Styles::from_xml(&el(&format!(r#"<w:styles {NS}>{styles}</w:styles>"#)));
        let empty = HashMap::new();
        let mut w = Walker {
            styles: &st,
            numbering: &num,
            footnotes: &empty,
            endnotes: &empty,
            lists: HashMap::new(),
            seen_nums: HashSet::new(),
            note_refs: Vec::new(),
            note_numbers: HashMap::new(),
            insertions: 0,
            deletions: 0,
            pending: None,
            skipped_toc: false,
        };
        let mut items = Vec::new();
        w.blocks(doc.child("body").unwrap(), &mut items);
        (items, w.insertions, w.deletions)
    }

    fn item_texts(items: &[Item]) -> Vec<&str> {
        items.iter().map(Item::text).collect()
    }

    fn p(num: u32, ilvl: u32, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    fn lvl(ilvl: u32, fmt: &str, text: &str, extra: &str) -> String {
        format!(r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>"#)
    }

    #[test]
    fn multilevel_legal_and_roman_numbering() {
        let numbering = format!(
            r#"<w:abstractNum w:abstractNumId="7">{}{}{}</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>"#,
            lvl(0, "upperRoman", "%1.", r#"<w:suff w:val="nothing"/>"#),
            lvl(1, "lowerLetter", "%1.%2", r#"<w:isLgl/><w:suff w:val="space"/>"#),
            lvl(2, "lowerRoman", "(%3)", ""),
        );
        let body =
            [p(3, 0, "One"), p(3, 1, "One a"), p(3, 1, "One b"), p(3, 2, "deep"), p(3, 2, "deeper"), p(3, 0, "Two"), p(3, 2, "skip")]
                .concat();
        let (items, _, _) = walk(&body, &numbering, "");
        assert_eq!(item_texts(&items), vec!["I.One", "1.1 One a", "1.2 One b", "(i) deep", "(ii) deeper", "II.Two", "(i) skip"]);
    }

    #[test]
    fn lists_sharing_an_abstract_continue_and_overrides_restart() {
        let numbering = format!(
            r#"<w:abstractNum w:abstractNumId="1">{}</w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
               <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
               <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"#,
            lvl(0, "decimal", "%1)", ""),
        );
        let body = [p(1, 0, "a"), p(2, 0, "b"), p(3, 0, "c"), p(3, 0, "d"), p(1, 0, "e")].concat();
        let (items, _, _) = walk(&body, &numbering, "");
        assert_eq!(item_texts(&items), vec!["1) a", "2) b", "5) c", "6) d", "3) e"]);
    }

    #[test]
    fn lvl_restart_zero_keeps_counting_and_bullets_have_no_number() {
        let numbering = format!(
            r#"<w:abstractNum w:abstractNumId="1">{}{}</w:abstractNum>
               <w:abstractNum w:abstractNumId="2">{}</w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
               <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>"#,
            lvl(0, "decimal", "Chapter %1", ""),
            lvl(1, "decimal", "Article %2.", r#"<w:lvlRestart w:val="0"/>"#),
            lvl(0, "bullet", "\u{f0b7}", ""),
        );
        let body = [p(1, 0, "A"), p(1, 1, "x"), p(1, 1, "y"), p(1, 0, "B"), p(1, 1, "z"), p(2, 0, "dot"), p(1, 0, "")].concat();
        let (items, _, _) = walk(&body, &numbering, "");
        assert_eq!(
            item_texts(&items),
            vec!["Chapter 1 A", "Article 1. x", "Article 2. y", "Chapter 2 B", "Article 3. z", "dot", "Chapter 3"]
        );
        match &items[5] {
            Item::Para { number, .. } => assert_eq!(number, &None),
            _ => panic!(),
        }
    }

    #[test]
    fn numbering_through_num_style_link_and_style_level() {
        let numbering = format!(
            r#"<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="LawList"/>{}{}</w:abstractNum>
               <w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="LawList"/></w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
               <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>"#,
            lvl(0, "decimal", "Art. %1", ""),
            lvl(1, "upperLetter", "%2.", r#"<w:pStyle w:val="Para"/>"#),
        );
        let styles = r#"<w:style w:type="numbering" w:styleId="LawList"><w:name w:val="Law List"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Para"><w:name w:val="Para"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>"#;
        let body = [
            p(2, 0, "first"),
            r#"<w:p><w:pPr><w:pStyle w:val="Para"/></w:pPr><w:r><w:t>styled</w:t></w:r></w:p>"#.to_string(),
            r#"<w:p><w:pPr><w:pStyle w:val="Para"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>off</w:t></w:r></w:p>"#
                .to_string(),
        ]
        .concat();
        let (items, _, _) = walk(&body, &numbering, styles);
        assert_eq!(item_texts(&items), vec!["Art. 1 first", "A. styled", "off"]);
    }

    #[test]
    fn tracked_changes_deleted_paragraph_mark_merges() {
        let body = r#"
            <w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>
                 <w:r><w:t xml:space="preserve">The minister </w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">shall </w:t></w:r>
                 <w:moveFrom w:id="2" w:author="a"><w:r><w:t>old</w:t></w:r></w:moveFrom>
                 <w:moveTo w:id="3" w:author="a"><w:r><w:t>decide</w:t></w:r></w:moveTo>
                 <w:del w:id="4" w:author="a"><w:r><w:delText>never</w:delText></w:r></w:del>
                 <w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>
                 <w:r><w:t>.</w:t><w:noBreakHyphen/><w:t>x</w:t><w:br/><w:t>y</w:t><w:sym w:char="F0B7"/></w:r></w:p>
            <w:tbl><w:tr><w:trPr><w:del w:id="5" w:author="a"/></w:trPr><w:tc><w:p><w:r><w:t>gone</w:t></w:r></w:p></w:tc></w:tr>
                   <w:tr><w:tc><w:p><w:r><w:t>kept</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>
                         <w:tc><w:p/></w:tc></w:tr></w:tbl>"#;
        let (items, ins, del) = walk(body, "", "");
        assert_eq!(item_texts(&items), vec!["The minister shall decide.-x\ny", "kept nested | "]);
        assert_eq!((ins, del), (1, 4));
    }

    #[test]
    fn tables_of_contents_are_skipped() {
        let styles = r#"<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/></w:style>"#;
        let body = r#"<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:t>Article 1. Purpose 3</w:t></w:r></w:p>
            <w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>
              <w:sdtContent><w:p><w:r><w:t>Article 2. Scope 4</w:t></w:r></w:p></w:sdtContent></w:sdt>
            <w:p><w:r><w:t>Article 1. Purpose</w:t></w:r></w:p>"#;
        let (items, _, _) = walk(body, "", styles);
        assert_eq!(item_texts(&items), vec!["Article 1. Purpose"]);
    }

    #[test]
    fn text_boxes_are_read_once_and_outline_level_counts() {
        let body = r#"<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Anchor</w:t></w:r>
            <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
        let (items, _, _) = walk(body, "", "");
        assert_eq!(item_texts(&items), vec!["Anchor", "In the box"]);
        match &items[0] {
            Item::Para { heading, .. } => assert_eq!(*heading, Some(3)),
            _ => panic!(),
        }
    }

    #[test]
    fn heading_names_and_based_on_chains() {
        assert_eq!(heading_from_name("Heading1"), Some(1));
        assert_eq!(heading_from_name("heading 9"), Some(9));
        assert_eq!(heading_from_name("Title"), Some(1));
        assert_eq!(heading_from_name("Heading10"), None);
        assert_eq!(heading_from_name("Normal"), None);
        let styles = Styles::from_xml(&el(&format!(
            r#"<w:styles {NS}><w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>
               <w:style w:type="paragraph" w:styleId="Art"><w:name w:val="Article"/><w:basedOn w:val="berschrift2"/></w:style>
               <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style></w:styles>"#
        )));
        assert_eq!(styles.heading_level(Some("Art")), Some(2));
        assert_eq!(styles.heading_level(Some("Loop")), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(28, NumFmt::LowerLetter), "bb");
        assert_eq!(format_number(4, NumFmt::UpperRoman), "IV");
        assert_eq!(format_number(1994, NumFmt::LowerRoman), "mcmxciv");
        assert_eq!(format_number(7, NumFmt::DecimalZero), "07");
        assert_eq!(format_number(12, NumFmt::DecimalZero), "12");
        assert_eq!(format_number(0, NumFmt::LowerLetter), "0");
    }

    #[test]
    fn doctype_and_unknown_entities_are_refused() {
        let xxe = br#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#;
        let err = parse_xml("word/document.xml", xxe, keep_w_text).unwrap_err();
        assert!(matches!(err, IngestError::BadXml(_)), "{err:?}");
        let undefined = br#"<w:t xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&x;</w:t>"#;
        assert!(parse_xml("p", undefined, keep_w_text).is_err());
        let fine = br#"<w:t xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">a &amp; b &#x17D2;</w:t>"#;
        assert_eq!(parse_xml("p", fine, keep_w_text).unwrap().text(), "a & b \u{17D2}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let xml = format!("{}{}", "<a>".repeat(MAX_XML_DEPTH + 2), "</a>".repeat(MAX_XML_DEPTH + 2));
        let err = parse_xml("deep.xml", xml.as_bytes(), keep_w_text).unwrap_err();
        assert!(err.to_string().contains("nested"), "{err}");
        assert!(parse_xml("open.xml", b"<a><b>", keep_w_text).is_err());
    }

    #[test]
    fn relationship_targets_resolve() {
        assert_eq!(resolve_target("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve_target("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve_target("", "/word/document.xml"), "word/document.xml");
        assert_eq!(primary_subtag("km-KH").as_deref(), Some("km"));
        assert_eq!(primary_subtag("en-US").as_deref(), Some("en"));
    }
}
