//! Safe XML reading, shared by the Akoma Ntoso / USLM reader ([`super::akn`]),
//! the HTML reader ([`super::html`], for its entity table) and any other reader
//! of XML parts.
//!
//! Untrusted XML is dangerous when a parser honours the document type
//! declaration: external entities read local files or the network (XXE), nested
//! internal entities inflate a few bytes into gigabytes ("billion laughs"). This
//! module never does either. quick-xml does not read DTDs at all; on top of that:
//!
//! - a `<!DOCTYPE ...>` is skipped whole, its entity declarations are never read;
//! - a reference to an entity the document itself would have to define (`&xxe;`)
//!   is **kept as written**, as literal text, and counted, so the import report
//!   can say so. Nothing is fetched and nothing is expanded;
//! - the five predefined entities, numeric character references (`&#233;`,
//!   `&#x2014;`) and the common HTML named entities (`&nbsp;`, `&mdash;`, `&sect;`,
//!   which the GPO bill DTD and XHTML documents use) are decoded from a fixed table;
//! - element nesting deeper than [`MAX_XML_DEPTH`] is refused;
//! - malformed XML is an [`IngestError::BadXml`] naming the line and column.
//!
//! [`parse`] builds a small in-memory element tree ([`Element`]): names are local
//! names (namespace prefixes dropped) with the resolved namespace kept aside, so
//! `akn:article` and `article` are the same element.
//!
//! Character and entity references are decoded by `references` (re-exported
//! here), which the HTML reader uses too.

mod references;

use super::limits::MAX_XML_DEPTH;
use super::{IngestError, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
pub use references::{char_reference, decode_references, entity};
use std::borrow::Cow;
use std::rc::Rc;

/// One element of a parsed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Local name, without any namespace prefix (`article` for `akn:article`).
    pub name: String,
    /// The namespace URI the element is bound to, if any.
    pub ns: Option<Rc<str>>,
    /// Attributes in document order: qualified name as written (`xml:lang`,
    /// `ukl:startQuote`) and the value with references decoded.
    pub attrs: Vec<(String, String)>,
    /// Child elements and text, in document order.
    pub children: Vec<Item>,
}

/// A piece of element content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A child element.
    Element(Element),
    /// Character data (text and CDATA), references decoded.
    Text(String),
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The root element.
    pub root: Element,
    /// How many references to undeclared entities were kept as literal text.
    pub unknown_entities: usize,
    /// The first few such entity names (without `&` and `;`), for messages.
    pub unknown_entity_names: Vec<String>,
    /// True when the document had a `<!DOCTYPE ...>` (always ignored).
    pub has_doctype: bool,
}

/// Dublin Core's namespace (`dc:title`, `dc:language`).
pub const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

impl Element {
    /// The value of the attribute whose local name is `local` (`lang` finds
    /// `xml:lang`, `startQuote` finds `ukl:startQuote`).
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == local || k.rsplit_once(':').is_some_and(|(_, l)| l == local)).map(|(_, v)| v.as_str())
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Item::Element(e) => Some(e),
            Item::Text(_) => None,
        })
    }

    /// The first child element named `name` (local name).
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// True when the element is in the Dublin Core namespace.
    pub fn is_dc(&self) -> bool {
        self.ns.as_deref() == Some(DC_NS)
    }

    /// The first descendant (depth first, self excluded) for which `pred` holds.
    pub fn find(&self, pred: &dyn Fn(&Element) -> bool) -> Option<&Element> {
        for c in self.elements() {
            if pred(c) {
                return Some(c);
            }
            if let Some(found) = c.find(pred) {
                return Some(found);
            }
        }
        None
    }

    /// All text of the element and its descendants, concatenated as written.
    pub fn text(&self) -> String {
        let mut out = String::new();
        fn walk(e: &Element, out: &mut String) {
            for c in &e.children {
                match c {
                    Item::Text(t) => out.push_str(t),
                    Item::Element(e) => walk(e, out),
                }
            }
        }
        walk(self, &mut out);
        out
    }
}

/// A quick-xml reader over `xml`, configured for untrusted input: end tags must
/// match, a lone `&` is tolerated as text, nothing else is relaxed. (quick-xml
/// never reads a DTD or resolves entities itself; see [`parse_str`] for how
/// references are handled.)
pub fn reader(xml: &str) -> NsReader<&[u8]> {
    let mut r = NsReader::from_str(xml);
    let c = r.config_mut();
    c.check_end_names = true;
    c.allow_dangling_amp = true;
    c.allow_unmatched_ends = false;
    c.expand_empty_elements = false;
    c.trim_text(false);
    r
}

/// Parses XML bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with a
/// byte-order mark. Other encodings are refused as [`IngestError::BadEncoding`].
pub fn parse(bytes: &[u8]) -> Result<Document> {
    let text = super::text::decode(bytes)?;
    parse_str(&text)
}

/// Parses an XML string into an element tree; see the module documentation for
/// the safety rules.
pub fn parse_str(xml: &str) -> Result<Document> {
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let mut r = reader(xml);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut unknown = 0usize;
    let mut unknown_names: Vec<String> = Vec::new();
    let mut has_doctype = false;
    let mut ns_cache: Vec<Rc<str>> = Vec::new();
    loop {
        let event = match r.read_event() {
            Ok(e) => e,
            Err(e) => return Err(bad_xml(xml, r.error_position(), &e.to_string())),
        };
        match event {
            Event::Start(s) => {
                if stack.len() >= MAX_XML_DEPTH {
                    return Err(bad_xml(xml, r.buffer_position(), &format!("elements are nested more than {MAX_XML_DEPTH} levels deep")));
                }
                if root.is_some() {
                    return Err(bad_xml(xml, r.buffer_position(), "content after the root element"));
                }
                let el = start_element(&r, &s, &mut ns_cache, &mut unknown, &mut unknown_names);
                stack.push(el);
            }
            Event::Empty(s) => {
                if root.is_some() {
                    return Err(bad_xml(xml, r.buffer_position(), "content after the root element"));
                }
                let el = start_element(&r, &s, &mut ns_cache, &mut unknown, &mut unknown_names);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Item::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(bad_xml(xml, r.buffer_position(), "unexpected end tag"));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Item::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                if let Some(parent) = stack.last_mut() {
                    push_text(parent, &t.xml10_content());
                } else if !t.trim().is_empty() && root.is_some() {
                    return Err(bad_xml(xml, r.buffer_position(), "text after the root element"));
                }
            }
            Event::CData(t) => {
                if let Some(parent) = stack.last_mut() {
                    push_text(parent, &t.xml10_content());
                }
            }
            Event::GeneralRef(g) => {
                let Some(parent) = stack.last_mut() else { continue };
                let name: &str = &g;
                let decoded: Cow<str> = match g.resolve_char_ref() {
                    Ok(Some(c)) => Cow::Owned(c.to_string()),
                    Ok(None) => match entity(name) {
                        Some(s) => Cow::Borrowed(s),
                        None => {
                            note_unknown(name, &mut unknown, &mut unknown_names);
                            Cow::Owned(format!("&{name};"))
                        }
                    },
                    // An invalid character reference (`&#0;`, a surrogate): kept as written.
                    Err(_) => {
                        note_unknown(name, &mut unknown, &mut unknown_names);
                        Cow::Owned(format!("&{name};"))
                    }
                };
                push_text(parent, &decoded);
            }
            Event::DocType(_) => has_doctype = true,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(bad_xml(xml, xml.len() as u64, &format!("the element <{}> is never closed", open.name)));
    }
    let root = root.ok_or_else(|| IngestError::BadXml("the document has no root element".into()))?;
    Ok(Document { root, unknown_entities: unknown, unknown_entity_names: unknown_names, has_doctype })
}

fn note_unknown(name: &str, count: &mut usize, names: &mut Vec<String>) {
    *count += 1;
    if names.len() < 5 && !names.iter().any(|n| n == name) {
        names.push(name.to_string());
    }
}

fn push_text(parent: &mut Element, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Item::Text(prev)) = parent.children.last_mut() {
        prev.push_str(s);
    } else {
        parent.children.push(Item::Text(s.to_string()));
    }
}

fn start_element(
    r: &NsReader<&[u8]>,
    s: &BytesStart,
    ns_cache: &mut Vec<Rc<str>>,
    unknown: &mut usize,
    names: &mut Vec<String>,
) -> Element {
    let (ns, local) = r.resolver().resolve_element(s.name());
    // Namespace URIs are shared: a document uses a handful for millions of elements.
    let ns = match ns {
        ResolveResult::Bound(n) => {
            let uri: &str = n.as_ref();
            match ns_cache.iter().find(|c| &***c == uri) {
                Some(c) => Some(c.clone()),
                None => {
                    let c: Rc<str> = Rc::from(uri);
                    ns_cache.push(c.clone());
                    Some(c)
                }
            }
        }
        _ => None,
    };
    let mut attrs = Vec::new();
    for a in s.attributes().with_checks(false).flatten() {
        let key: &str = a.key.as_ref();
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        let value = decode_references(&a.value, &mut |n| note_unknown(n, unknown, names));
        let value = value.replace(['\t', '\n', '\r'], " ");
        attrs.push((key.to_string(), value));
    }
    let local: &str = local.as_ref();
    Element { name: local.to_string(), ns, attrs, children: Vec::new() }
}

/// Describes a parse error with its line and column (1-based, columns in characters).
pub fn bad_xml(xml: &str, pos: u64, what: &str) -> IngestError {
    let pos = (pos as usize).min(xml.len());
    let mut cut = pos;
    while !xml.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = &xml[..cut];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    IngestError::BadXml(format!("line {line}, column {col}: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn namespaces_and_local_names() {
        let d = parse_str(
            r#"<akn:akomaNtoso xmlns:akn="http://x/akn" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="de"><akn:act><dc:title>T</dc:title></akn:act></akn:akomaNtoso>"#,
        )
        .unwrap();
        assert_eq!(d.root.name, "akomaNtoso");
        assert_eq!(d.root.attr("lang"), Some("de"));
        let act = d.root.child("act").unwrap();
        assert_eq!(act.ns.as_deref(), Some("http://x/akn"));
        assert!(act.child("title").unwrap().is_dc());
    }

    #[test]
    fn doctype_entities_are_never_expanded() {
        let xml = r#"<?xml version="1.0"?>
<!DOCTYPE r [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<r>a &xxe; b &lol2; c</r>"#;
        let d = parse_str(xml).unwrap();
        assert!(d.has_doctype);
        assert_eq!(d.root.text(), "a &xxe; b &lol2; c");
        assert!(!d.root.text().contains("root:"));
    }

    #[test]
    fn errors_have_line_and_column() {
        match parse_str("<a>\n  <b>text</c>\n</a>") {
            Err(IngestError::BadXml(m)) => assert!(m.starts_with("line 2, column "), "{m}"),
            other => panic!("{other:?}"),
        }
        match parse_str("<a><b></b>") {
            Err(IngestError::BadXml(m)) => assert!(m.contains("never closed"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse_str("just text"), Err(IngestError::BadXml(_))));
        assert!(matches!(parse(b"<a>caf\xE9</a>"), Err(IngestError::BadEncoding { offset: 6 })));
    }

    #[test]
    fn depth_is_limited() {
        let ok = format!("{}{}", "<d>".repeat(MAX_XML_DEPTH), "</d>".repeat(MAX_XML_DEPTH));
        assert!(parse_str(&ok).is_ok());
        let deep = format!("{}{}", "<d>".repeat(MAX_XML_DEPTH + 1), "</d>".repeat(MAX_XML_DEPTH + 1));
        match parse_str(&deep) {
            Err(IngestError::BadXml(m)) => assert!(m.contains("nested more than 512"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
}
