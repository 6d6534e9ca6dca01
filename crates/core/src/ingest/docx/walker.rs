//! Walking the document body in reading order: paragraphs, runs, tables, text
//! boxes, tracked changes and note references → items, each paragraph prefixed
//! with the list number Word would print.
//!
//! A little over 600 lines: the tests of list numbering run whole bodies through
//! the walker (numbering, styles and walker together), so they live here.

use super::numbering::{format_number, Level, ListState, NumFmt, Numbering, Suff};
use super::part::{El, Ns};
use super::styles::Styles;
use crate::ingest::{Block, BlockRole};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum NoteKind {
    Foot,
    End,
}

pub(super) fn notes_by_id<'e>(root: Option<&'e El>, local: &str) -> HashMap<String, &'e El> {
    let Some(root) = root else { return HashMap::new() };
    root.children()
        .filter(|n| n.is(local))
        .filter(|n| !matches!(n.attr("type"), Some("separator" | "continuationSeparator" | "continuationNotice")))
        .filter_map(|n| Some((n.attr("id")?.to_string(), n)))
        .collect()
}

/// A paragraph or a table row, before it becomes a [`Block`].
#[derive(Debug)]
pub(super) enum Item {
    Para { text: String, number: Option<String>, heading: Option<u8>, bold: bool },
    Row(String),
}

impl Item {
    pub(super) fn text(&self) -> &str {
        match self {
            Item::Para { text, .. } | Item::Row(text) => text,
        }
    }

    pub(super) fn into_block(self) -> Block {
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
pub(super) struct Inline {
    pub(super) text: String,
    /// Every run with visible text is bold.
    pub(super) all_bold: bool,
    /// Some run has visible text.
    pub(super) any_text: bool,
    /// Paragraphs of text boxes anchored in this paragraph.
    pub(super) boxes: Vec<Item>,
}

impl Inline {
    pub(super) fn new() -> Inline {
        Inline { text: String::new(), all_bold: true, any_text: false, boxes: Vec::new() }
    }
}

/// Text of paragraphs whose paragraph mark was deleted: it joins the next paragraph.
#[derive(Debug)]
pub(super) struct Pending {
    pub(super) text: String,
    pub(super) all_bold: bool,
    pub(super) any_text: bool,
}

pub(super) struct Walker<'d> {
    styles: &'d Styles,
    numbering: &'d Numbering,
    pub(super) footnotes: &'d HashMap<String, &'d El>,
    pub(super) endnotes: &'d HashMap<String, &'d El>,
    /// List counters, keyed by abstract numbering (or by num for restarted instances).
    lists: HashMap<String, ListState>,
    seen_nums: HashSet<String>,
    pub(super) note_refs: Vec<(NoteKind, String)>,
    note_numbers: HashMap<(NoteKind, String), usize>,
    pub(super) insertions: usize,
    pub(super) deletions: usize,
    pending: Option<Pending>,
    /// A table of contents was met and skipped.
    pub(super) skipped_toc: bool,
}

/// The branch of an `mc:AlternateContent` to read: the first `mc:Choice`, else `mc:Fallback`.
pub(super) fn alternate_branch(alt: &El) -> Option<&El> {
    alt.children()
        .find(|c| c.ns == Ns::Mc && c.local == "Choice")
        .or_else(|| alt.children().find(|c| c.ns == Ns::Mc && c.local == "Fallback"))
}

pub(super) fn is_deleted_mark(rpr: Option<&El>) -> bool {
    rpr.is_some_and(|r| r.child("del").is_some() || r.child("moveFrom").is_some())
}

impl<'d> Walker<'d> {
    /// A walker at the start of a document, with no list counted and no note met.
    pub(super) fn new(
        styles: &'d Styles,
        numbering: &'d Numbering,
        footnotes: &'d HashMap<String, &'d El>,
        endnotes: &'d HashMap<String, &'d El>,
    ) -> Walker<'d> {
        Walker {
            styles,
            numbering,
            footnotes,
            endnotes,
            lists: HashMap::new(),
            seen_nums: HashSet::new(),
            note_refs: Vec::new(),
            note_numbers: HashMap::new(),
            insertions: 0,
            deletions: 0,
            pending: None,
            skipped_toc: false,
        }
    }

    /// Block-level content: paragraphs, tables, content controls.
    pub(super) fn blocks(&mut self, container: &El, out: &mut Vec<Item>) {
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

    pub(super) fn paragraph(&mut self, p: &El, out: &mut Vec<Item>) {
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
    pub(super) fn inline(&mut self, el: &El, out: &mut Inline, style: Option<&str>) {
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

    pub(super) fn run(&mut self, r: &El, out: &mut Inline, style: Option<&str>) {
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

    pub(super) fn run_content(&mut self, r: &El, out: &mut Inline, bold: bool) {
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
    pub(super) fn text_boxes(&mut self, el: &El, out: &mut Inline) {
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

    pub(super) fn note_marker(&mut self, kind: NoteKind, id: &str) -> Option<String> {
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

    pub(super) fn table(&mut self, tbl: &El, out: &mut Vec<Item>) {
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
    pub(super) fn list_number(&mut self, ppr: Option<&El>, style: Option<&str>) -> Option<(String, Suff)> {
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
pub(super) fn is_toc_control(sdt: &El) -> bool {
    sdt.child("sdtPr")
        .and_then(|p| p.child("docPartObj"))
        .and_then(|d| d.child_val("docPartGallery"))
        .is_some_and(|g| g.eq_ignore_ascii_case("Table of Contents"))
}

/// Children named `local`, looking through content controls and custom XML wrappers.
pub(super) fn collect_wrapped<'e>(el: &'e El, local: &str, out: &mut Vec<&'e El>) {
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

#[cfg(test)]
mod tests {
    use super::super::part::testing::{el, NS};
    use super::*;

    /// Runs the walker over a body with optional numbering and styles.
    fn walk(body: &str, numbering: &str, styles: &str) -> (Vec<Item>, usize, usize) {
        let doc = el(&format!(r#"<w:document {NS}><w:body>{body}</w:body></w:document>"#));
        let num = Numbering::from_xml(&el(&format!(r#"<w:numbering {NS}>{numbering}</w:numbering>"#)));
        let st = Styles::from_xml(&el(&format!(r#"<w:styles {NS}>{styles}</w:styles>"#)));
        let empty = HashMap::new();
        let mut w = Walker::new(&st, &num, &empty, &empty);
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
}
