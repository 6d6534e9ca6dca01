//! Fonts: how a string of a font is cut into codes, what text each code stands
//! for (ToUnicode map, encoding, `/Differences`) and how far it advances.

use super::cmap::{parse_cmap, MAX_CMAP_ENTRIES};
use super::glyphs::glyph_text;
use super::{deref, num};
use pdf_extract::{Dictionary, Document, Object};
use std::collections::HashMap;

/// What the interpreter needs from a font: how to cut a string into codes, what
/// text each code stands for and how far it advances.
#[derive(Debug, Default)]
pub(super) struct Font {
    /// Composite (Type0) font: multi-byte codes.
    pub(super) composite: bool,
    /// Code-space ranges `(length, low, high)` of a composite font (empty: 2 bytes).
    pub(super) code_space: Vec<(usize, u32, u32)>,
    /// The ToUnicode map.
    pub(super) to_unicode: HashMap<u32, String>,
    /// Simple fonts: text of each byte from the encoding.
    pub(super) table: Vec<Option<String>>,
    /// Composite font whose CMap is UCS-2/UTF-16: the code is the character.
    pub(super) ucs2: bool,
    /// Advance of each code in text space (1/1000 em for most fonts).
    pub(super) widths: HashMap<u32, f64>,
    pub(super) default_width: f64,
}

impl Font {
    pub(super) fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()).unwrap_or(b"");
        let mut font = Font { composite: subtype == b"Type0", ..Font::default() };
        let mut to_unicode_space = Vec::new();
        if let Some(stream) = dict.get(b"ToUnicode").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_stream().ok()) {
            if let Ok(data) = stream.get_plain_content() {
                let cmap = parse_cmap(&data);
                font.to_unicode = cmap.map;
                to_unicode_space = cmap.code_space;
            }
        }
        if font.composite {
            match dict.get(b"Encoding").ok().and_then(|o| deref(doc, o)) {
                Some(Object::Name(name)) => {
                    let name = String::from_utf8_lossy(name);
                    font.ucs2 = name.contains("UCS2") || name.contains("UTF16");
                }
                Some(Object::Stream(s)) => {
                    if let Ok(data) = s.get_plain_content() {
                        font.code_space = parse_cmap(&data).code_space;
                    }
                }
                _ => {}
            }
            if font.code_space.is_empty() && !font.ucs2 {
                font.code_space = to_unicode_space;
            }
            let descendant = dict
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok());
            font.default_width = descendant.and_then(|d| d.get(b"DW").ok()).and_then(num).unwrap_or(1000.0) / 1000.0;
            if let Some(w) = descendant.and_then(|d| d.get(b"W").ok()).and_then(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) {
                font.widths = cid_widths(doc, w);
            }
        } else {
            font.table = simple_table(doc, dict);
            let scale = if subtype == b"Type3" {
                dict.get(b"FontMatrix")
                    .ok()
                    .and_then(|o| deref(doc, o))
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| a.first())
                    .and_then(num)
                    .unwrap_or(0.001)
            } else {
                0.001
            };
            let first = dict.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
            let missing = dict
                .get(b"FontDescriptor")
                .ok()
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| d.get(b"MissingWidth").ok())
                .and_then(num);
            match dict.get(b"Widths").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) {
                Some(ws) => {
                    for (i, w) in ws.iter().enumerate().take(256) {
                        if let Some(w) = deref(doc, w).and_then(num) {
                            font.widths.insert(first + i as u32, w * scale);
                        }
                    }
                    font.default_width = missing.unwrap_or(0.0) * scale;
                }
                // A standard 14 font without widths: an average advance.
                None => font.default_width = missing.map(|m| m * scale).unwrap_or(0.5),
            }
        }
        font
    }

    /// Cuts a string operand into `(code, byte length)`.
    pub(super) fn codes(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        if !self.composite {
            return bytes.iter().map(|&b| (u32::from(b), 1)).collect();
        }
        let mut out = Vec::with_capacity(bytes.len() / 2);
        let mut i = 0;
        while i < bytes.len() {
            let mut len = 0;
            if !self.code_space.is_empty() {
                for n in 1..=4.min(bytes.len() - i) {
                    let code = bytes[i..i + n].iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
                    if self.code_space.iter().any(|&(l, lo, hi)| l == n && (lo..=hi).contains(&code)) {
                        len = n;
                        break;
                    }
                }
            }
            if len == 0 {
                len = 2.min(bytes.len() - i);
            }
            let code = bytes[i..i + len].iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
            out.push((code, len));
            i += len;
        }
        out
    }

    pub(super) fn text(&self, code: u32) -> Option<String> {
        if let Some(s) = self.to_unicode.get(&code) {
            return (!s.is_empty() && !s.chars().all(|c| c == '\u{fffd}')).then(|| s.clone());
        }
        if self.composite {
            return self.ucs2.then(|| char::from_u32(code).map(String::from)).flatten();
        }
        self.table.get(code as usize).cloned().flatten()
    }

    pub(super) fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }
}

/// The `/W` array of a CID font: `c [w1 w2 ...]` or `c_first c_last w`.
pub(super) fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() && out.len() < MAX_CMAP_ENTRIES {
        let Some(first) = deref(doc, &w[i]).and_then(num) else { break };
        match w.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, v) in ws.iter().enumerate() {
                    if let Some(v) = deref(doc, v).and_then(num) {
                        out.insert(first as u32 + k as u32, v / 1000.0);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(v)) = (num(last), w.get(i + 2).and_then(|o| deref(doc, o)).and_then(num)) else {
                    break;
                };
                let (first, last) = (first as u32, last as u32);
                for c in first..=last.min(first.saturating_add(65_535)) {
                    out.insert(c, v / 1000.0);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// The 256 codes of a simple font, from its encoding (a named base encoding
/// through lopdf's tables, then `/Differences` by glyph name).
pub(super) fn simple_table(doc: &Document, dict: &Dictionary) -> Vec<Option<String>> {
    let encoding = dict.get(b"Encoding").ok().and_then(|o| deref(doc, o));
    let (base, differences) = match encoding {
        Some(Object::Name(n)) => (Some(n.clone()), None),
        Some(Object::Dictionary(d)) => (
            d.get(b"BaseEncoding").ok().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec),
            d.get(b"Differences").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_array().ok()),
        ),
        _ => (None, None),
    };
    let base = match base.as_deref() {
        Some(n @ (b"WinAnsiEncoding" | b"MacRomanEncoding" | b"StandardEncoding" | b"MacExpertEncoding")) => n.to_vec(),
        // No (or an unknown) encoding: the font's built-in one, which for the
        // text fonts drafts use is close to WinAnsi.
        _ => b"WinAnsiEncoding".to_vec(),
    };
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("Encoding", Object::Name(base));
    let mut table: Vec<Option<String>> = match probe.get_font_encoding(doc) {
        Ok(enc) => (0..=255u8).map(|b| enc.bytes_to_string(&[b]).ok().filter(|s| !s.is_empty() && !s.contains('\u{0}'))).collect(),
        Err(_) => (0..=255u8).map(|b| Some(char::from(b).to_string())).collect(),
    };
    if let Some(diffs) = differences {
        let mut code = 0usize;
        for d in diffs {
            match deref(doc, d) {
                Some(Object::Integer(i)) => code = (*i).clamp(0, 255) as usize,
                Some(Object::Name(n)) => {
                    if code < 256 {
                        table[code] = glyph_text(&String::from_utf8_lossy(n));
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}
