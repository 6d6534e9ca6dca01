//! One XML part of a Word package → a small element tree ([`El`]).
//!
//! Why not `crate::ingest::xml`: that parser serves Akoma Ntoso, USLM and HTML
//! and is lenient where a Word part must be strict, so using it would change
//! what DOCX imports accept and the messages they give:
//! - here a `<!DOCTYPE` is an error and an undefined entity (`&x;`) is an error;
//!   there the DOCTYPE is skipped and the entity kept as literal text;
//! - here errors name the part and the byte offset (`word/document.xml: ...
//!   (near byte N)`); there they give a line and column;
//! - here elements and attributes keep their resolved namespace (only `w:` /
//!   strict WordprocessingML and `mc:` are told apart, so `w:val` is not
//!   `r:val`); there attributes keep their written prefix;
//! - here character data is kept only where the caller asks (`w:t`), so the
//!   whitespace between millions of elements costs nothing.
//!
//! Nesting is bounded by the same [`MAX_XML_DEPTH`].

use super::{IngestError, Result};
use crate::ingest::limits::MAX_XML_DEPTH;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};
use std::borrow::Cow;

pub(super) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(super) const W_NS_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
pub(super) const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The namespaces the reader tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
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
pub(super) struct El {
    pub(super) ns: Ns,
    pub(super) local: String,
    pub(super) attrs: Vec<(Ns, String, String)>,
    pub(super) kids: Vec<XNode>,
}

#[derive(Debug)]
pub(super) enum XNode {
    El(El),
    Text(String),
}

impl El {
    /// A WordprocessingML element named `local`.
    pub(super) fn is(&self, local: &str) -> bool {
        self.ns == Ns::W && self.local == local
    }

    /// A WordprocessingML (or unprefixed) attribute.
    pub(super) fn attr(&self, local: &str) -> Option<&str> {
        self.attrs.iter().find(|(ns, l, _)| matches!(ns, Ns::W | Ns::None) && l == local).map(|(_, _, v)| v.as_str())
    }

    /// `w:val` of the child `w:local`.
    pub(super) fn child_val(&self, local: &str) -> Option<&str> {
        self.child(local).and_then(|c| c.attr("val"))
    }

    pub(super) fn children(&self) -> impl Iterator<Item = &El> {
        self.kids.iter().filter_map(|k| match k {
            XNode::El(e) => Some(e),
            XNode::Text(_) => None,
        })
    }

    /// The first WordprocessingML child named `local`.
    pub(super) fn child(&self, local: &str) -> Option<&El> {
        self.children().find(|c| c.is(local))
    }

    /// Concatenated text of this element and its descendants.
    pub(super) fn text(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }

    pub(super) fn collect_text(&self, s: &mut String) {
        for k in &self.kids {
            match k {
                XNode::Text(t) => s.push_str(t),
                XNode::El(e) => e.collect_text(s),
            }
        }
    }

    /// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
    pub(super) fn toggle(&self, local: &str) -> Option<bool> {
        self.child(local).map(|c| !matches!(c.attr("val"), Some("0" | "false" | "off")))
    }
}

/// Keeps character data only inside `w:t` (and `w:delText`/`w:instrText`,
/// which are read but never shown), so whitespace between elements costs nothing.
pub(super) fn keep_w_text(el: &El) -> bool {
    el.ns == Ns::W && el.local == "t"
}

pub(super) fn ns_of(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) if ns.0 == W_NS || ns.0 == W_NS_STRICT => Ns::W,
        ResolveResult::Bound(ns) if ns.0 == MC_NS => Ns::Mc,
        ResolveResult::Bound(_) => Ns::Other,
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

pub(super) fn bad_xml(part: &str, msg: impl std::fmt::Display) -> IngestError {
    IngestError::BadXml(format!("{part}: {msg}"))
}

/// Decodes a part's bytes (UTF-8, optionally with a BOM, or UTF-16 with a BOM).
pub(super) fn decode_part<'b>(part: &str, bytes: &'b [u8]) -> Result<Cow<'b, str>> {
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

pub(super) fn make_el(part: &str, e: &BytesStart<'_>, ns: Ns, reader: &NsReader<&[u8]>) -> Result<El> {
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

pub(super) fn predefined_entity(name: &str) -> Option<&'static str> {
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
pub(super) fn parse_xml(part: &str, bytes: &[u8], keep_text: fn(&El) -> bool) -> Result<El> {
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

/// Helpers for the tests of the reader's parts: a part from a string.
#[cfg(test)]
pub(super) mod testing {
    use super::*;

    pub(in crate::ingest::docx) const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    pub(in crate::ingest::docx) fn el(xml: &str) -> El {
        parse_xml("test.xml", xml.as_bytes(), keep_w_text).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
