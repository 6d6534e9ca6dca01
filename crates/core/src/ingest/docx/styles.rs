//! Paragraph styles (`styles.xml`): heading levels, bold, list links through
//! `basedOn` chains, and the document's declared language.

use super::part::El;
use crate::ingest::Block;
use crate::text::khmer::is_khmer;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(super) struct Style {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) based_on: Option<String>,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<u8>,
    pub(super) outline: Option<u8>,
    pub(super) bold: Option<bool>,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    pub(super) by_id: HashMap<String, Style>,
    /// Lower-cased name → id (for documents that reference styles by name).
    pub(super) by_name: HashMap<String, String>,
    pub(super) default_para: Option<String>,
    pub(super) default_bold: Option<bool>,
    /// `w:lang` of the document defaults: `w:val`, `w:bidi`, `w:eastAsia`, in that order.
    pub(super) langs: Vec<String>,
}

pub(super) fn lang_attrs(rpr: Option<&El>) -> Vec<String> {
    let Some(lang) = rpr.and_then(|r| r.child("lang")) else { return Vec::new() };
    ["val", "bidi", "eastAsia"].iter().filter_map(|a| lang.attr(a)).filter(|v| !v.trim().is_empty()).map(str::to_string).collect()
}

impl Styles {
    pub(super) fn from_xml(root: &El) -> Styles {
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

    pub(super) fn get(&self, id: &str) -> Option<&Style> {
        self.by_id.get(id).or_else(|| self.by_name.get(&id.to_ascii_lowercase()).and_then(|i| self.by_id.get(i)))
    }

    /// The style and its `basedOn` ancestors (cycles and long chains cut).
    pub(super) fn chain(&self, id: Option<&str>) -> Vec<&Style> {
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

    pub(super) fn heading_level(&self, style: Option<&str>) -> Option<u8> {
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
    pub(super) fn is_toc(&self, style: Option<&str>) -> bool {
        self.chain(style).iter().any(|s| {
            [&s.id, &s.name].iter().any(|n| {
                let compact: String = n.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
                compact
                    .strip_prefix("toc")
                    .is_some_and(|rest| rest == "heading" || (!rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())))
            })
        })
    }

    pub(super) fn bold(&self, style: Option<&str>) -> Option<bool> {
        self.chain(style).iter().find_map(|s| s.bold)
    }
}

/// `Heading1`, `heading 1` → 1; `Title` → 1.
pub(super) fn heading_from_name(name: &str) -> Option<u8> {
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

/// `km-KH` → `km`, `en-US` → `en`.
pub(super) fn primary_subtag(tag: &str) -> Option<String> {
    let p = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    (!p.is_empty() && p.chars().all(|c| c.is_ascii_alphabetic())).then_some(p)
}

/// The declared language. Word stores Khmer as a complex-script language
/// (`w:bidi`) next to a Latin default (`w:val`); when the text is mostly Khmer
/// and Khmer is declared anywhere, Khmer wins.
pub(super) fn pick_lang(styles: &Styles, blocks: &[Block]) -> Option<String> {
    let tags: Vec<String> = styles.langs.iter().filter_map(|t| primary_subtag(t)).collect();
    let (mut khmer, mut latin) = (0usize, 0usize);
    for ch in blocks.iter().flat_map(|b| b.text.chars()) {
        if is_khmer(ch) {
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

#[cfg(test)]
mod tests {
    use super::super::part::testing::{el, NS};
    use super::*;

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
    fn primary_subtags() {
        assert_eq!(primary_subtag("km-KH").as_deref(), Some("km"));
        assert_eq!(primary_subtag("en-US").as_deref(), Some("en"));
    }
}
