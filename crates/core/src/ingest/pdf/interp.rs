//! The content-stream interpreter: a page's operators (text state, matrices,
//! fonts, marked content with `/ActualText`, form XObjects) → positioned glyphs.

use super::fonts::Font;
use super::{deref, num};
use pdf_extract::content::{Content as Ops, Operation};
use pdf_extract::{Dictionary, Document, Object};
use std::collections::HashMap;
use std::rc::Rc;

/// A 2-D affine matrix `[a b c d e f]` as PDF writes it.
pub(super) type M = [f64; 6];
pub(super) const IDENTITY: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

pub(super) fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

pub(super) fn matrix(ops: &[Object]) -> Option<M> {
    if ops.len() < 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (k, o) in ops.iter().take(6).enumerate() {
        m[k] = num(o)?;
    }
    Some(m)
}

/// Most content operations interpreted in one document (a bound on hostile files).
pub(super) const MAX_OPERATIONS: usize = 20_000_000;
/// Deepest nesting of form XObjects.
pub(super) const MAX_FORM_DEPTH: usize = 12;

/// One shown glyph (or an ActualText span), in device space.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub(super) x: f64,
    pub(super) y: f64,
    /// Where the pen ends after the glyph.
    pub(super) ex: f64,
    pub(super) ey: f64,
    pub(super) size: f64,
    /// Direction of the baseline, radians.
    pub(super) angle: f64,
    pub(super) text: String,
}

#[derive(Clone)]
pub(super) struct GState {
    pub(super) ctm: M,
    pub(super) font: Option<Rc<Font>>,
    pub(super) size: f64,
    pub(super) char_space: f64,
    pub(super) word_space: f64,
    pub(super) h_scale: f64,
    pub(super) leading: f64,
    pub(super) rise: f64,
}

/// An open marked-content sequence.
pub(super) struct Marked {
    pub(super) artifact: bool,
    /// ActualText of this sequence, when it is the outermost one with ActualText.
    pub(super) actual: Option<String>,
    /// First glyph position inside the span and the pen position after the last.
    pub(super) start: Option<(f64, f64, f64, f64)>,
    pub(super) end: (f64, f64),
}

pub(super) struct Interp<'a> {
    pub(super) doc: &'a Document,
    /// Fonts by the address of their dictionary in `doc`.
    pub(super) fonts: HashMap<usize, Rc<Font>>,
    pub(super) glyphs: Vec<Glyph>,
    pub(super) budget: usize,
}

impl<'a> Interp<'a> {
    pub(super) fn page(&mut self, page_id: pdf_extract::ObjectId) {
        let doc = self.doc;
        let Ok(content) = doc.get_page_content(page_id) else { return };
        let Ok(ops) = Ops::decode(&content) else { return };
        let mut resources: Vec<&'a Dictionary> = Vec::new();
        if let Ok((inline, ids)) = doc.get_page_resources(page_id) {
            resources.extend(inline);
            resources.extend(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()));
        }
        let mut gs =
            GState { ctm: IDENTITY, font: None, size: 0.0, char_space: 0.0, word_space: 0.0, h_scale: 1.0, leading: 0.0, rise: 0.0 };
        self.run(&ops.operations, &resources, &mut gs, 0);
    }

    pub(super) fn resource(&self, resources: &[&'a Dictionary], category: &[u8], name: &[u8]) -> Option<&'a Object> {
        let doc = self.doc;
        resources.iter().find_map(|r| {
            let cat = deref(doc, r.get(category).ok()?)?.as_dict().ok()?;
            deref(doc, cat.get(name).ok()?)
        })
    }

    pub(super) fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Option<Rc<Font>> {
        let dict = self.resource(resources, b"Font", name)?.as_dict().ok()?;
        let key = dict as *const Dictionary as usize;
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let f = Rc::new(Font::load(self.doc, dict));
        self.fonts.insert(key, f.clone());
        Some(f)
    }

    pub(super) fn run(&mut self, ops: &[Operation], resources: &[&'a Dictionary], gs: &mut GState, depth: usize) {
        let mut stack: Vec<GState> = Vec::new();
        let mut marked: Vec<Marked> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in ops {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            let o = &op.operands;
            let n = |k: usize| o.get(k).and_then(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => stack.push(gs.clone()),
                "Q" => {
                    if let Some(g) = stack.pop() {
                        *gs = g;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix(o) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    gs.font = o.first().and_then(|f| f.as_name().ok()).and_then(|name| self.font(resources, name));
                    gs.size = n(1);
                }
                "Tc" => gs.char_space = n(0),
                "Tw" => gs.word_space = n(0),
                "Tz" => gs.h_scale = n(0) / 100.0,
                "TL" => gs.leading = n(0),
                "Ts" => gs.rise = n(0),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        gs.leading = -n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = matrix(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            gs.word_space = n(0);
                            gs.char_space = n(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(s, gs, &mut tm, &mut marked);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, gs, &mut tm, &mut marked),
                                other => {
                                    if let Some(adj) = num(other) {
                                        let tx = -adj / 1000.0 * gs.size * gs.h_scale;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "BMC" | "BDC" => {
                    let tag = o.first().and_then(|t| t.as_name().ok()).unwrap_or(b"");
                    let props = if op.operator == "BDC" {
                        match o.get(1) {
                            Some(Object::Dictionary(d)) => Some(d),
                            Some(Object::Name(name)) => self.resource(resources, b"Properties", name).and_then(|p| p.as_dict().ok()),
                            _ => None,
                        }
                    } else {
                        None
                    };
                    let in_span = marked.iter().any(|m| m.actual.is_some());
                    let actual = props
                        .filter(|_| !in_span)
                        .and_then(|p| p.get(b"ActualText").ok())
                        .and_then(|a| deref(self.doc, a))
                        .and_then(|a| pdf_extract::decode_text_string(a).ok());
                    marked.push(Marked { artifact: tag == b"Artifact", actual, start: None, end: (0.0, 0.0) });
                }
                "EMC" => {
                    if let Some(m) = marked.pop() {
                        if let Some(text) = m.actual {
                            if !marked.iter().any(|k| k.artifact) {
                                let (x, y, size, angle) = m.start.unwrap_or_else(|| {
                                    let trm = mul(&tm, &gs.ctm);
                                    let size = gs.size * trm[2].hypot(trm[3]);
                                    (trm[4], trm[5], size, trm[1].atan2(trm[0]))
                                });
                                let (ex, ey) = if m.start.is_some() { m.end } else { (x, y) };
                                self.glyphs.push(Glyph { x, y, ex, ey, size, angle, text });
                            }
                        }
                    }
                }
                "Do" => {
                    if depth >= MAX_FORM_DEPTH {
                        continue;
                    }
                    let Some(name) = o.first().and_then(|t| t.as_name().ok()) else { continue };
                    let Some(Object::Stream(form)) = self.resource(resources, b"XObject", name) else { continue };
                    if form.dict.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) != Some(&b"Form"[..]) {
                        continue;
                    }
                    let Ok(data) = form.get_plain_content() else { continue };
                    let Ok(form_ops) = Ops::decode(&data) else { continue };
                    let mut inner: Vec<&'a Dictionary> = Vec::new();
                    if let Some(r) = form.dict.get(b"Resources").ok().and_then(|r| deref(self.doc, r)).and_then(|r| r.as_dict().ok()) {
                        inner.push(r);
                    }
                    inner.extend_from_slice(resources);
                    let mut form_gs = gs.clone();
                    let m = form
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .and_then(|m| deref(self.doc, m))
                        .and_then(|m| m.as_array().ok())
                        .and_then(|a| matrix(a))
                        .unwrap_or(IDENTITY);
                    form_gs.ctm = mul(&m, &gs.ctm);
                    self.run(&form_ops.operations, &inner, &mut form_gs, depth + 1);
                }
                _ => {}
            }
        }
    }

    pub(super) fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut M, marked: &mut [Marked]) {
        let Some(font) = gs.font.clone() else { return };
        let hidden = marked.iter().any(|m| m.artifact);
        let span = marked.iter().position(|m| m.actual.is_some());
        let text_m = [gs.size * gs.h_scale, 0.0, 0.0, gs.size, 0.0, gs.rise];
        for (code, len) in font.codes(bytes) {
            let trm = mul(&text_m, &mul(tm, &gs.ctm));
            let advance =
                (font.width(code) * gs.size + gs.char_space + if len == 1 && code == 32 { gs.word_space } else { 0.0 }) * gs.h_scale;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
            if hidden {
                continue;
            }
            let end = mul(&text_m, &mul(tm, &gs.ctm));
            let (x, y, ex, ey) = (trm[4], trm[5], end[4], end[5]);
            let size = trm[2].hypot(trm[3]);
            let angle = trm[1].atan2(trm[0]);
            if let Some(k) = span {
                let m = &mut marked[k];
                match m.start {
                    None => {
                        m.start = Some((x, y, size, angle));
                        m.end = (ex, ey);
                    }
                    // Marks are positioned by moving the pen back: the span
                    // ends at its rightmost point along the baseline.
                    Some(_) => {
                        let (c, s) = (angle.cos(), angle.sin());
                        if ex * c + ey * s > m.end.0 * c + m.end.1 * s {
                            m.end = (ex, ey);
                        }
                    }
                }
                continue;
            }
            let Some(text) = font.text(code) else { continue };
            self.glyphs.push(Glyph { x, y, ex, ey, size, angle, text });
        }
    }
}
