//! The reader: a walk over the element tree that decides each element's role
//! and fills the provision tree, keeping quoted amendment text as text.

use super::build::{Acc, Build};
use super::values::{clean_num, lang_code};
use super::vocabulary::*;
use super::xml::{Element, Item};
use crate::structure::{number, Kind, Node};
use crate::text::{collapse_ws, normalize};
use std::collections::HashMap;

pub(super) struct Reader {
    pub(super) dialect: Dialect,
    /// UK Lawmaker metadata variables: `varBillTitle` → "Bail and Release ... Bill".
    pub(super) vars: HashMap<String, String>,
    pub(super) quoted: usize,
    /// Nesting of quoted blocks (a quotation inside a quotation counts once).
    pub(super) quote_depth: usize,
    pub(super) deleted: usize,
    pub(super) inserted: usize,
}

impl Reader {
    pub(super) fn collect_vars(&mut self, root: &Element) {
        fn walk(e: &Element, vars: &mut HashMap<String, String>) {
            for c in e.elements() {
                if let (Some(id), Some(show)) = (c.attr("eId"), c.attr("showAs")) {
                    vars.insert(id.to_string(), show.to_string());
                }
                walk(c, vars);
            }
        }
        if let Some(meta) = root.find(&|e| e.name == "meta") {
            walk(meta, &mut self.vars);
        }
    }

    /// Replaces `#varName` tokens with their values (nested up to 3 levels).
    pub(super) fn resolve_vars(&self, s: &str, depth: u8) -> String {
        if !s.contains('#') || depth > 3 {
            return s.to_string();
        }
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('#') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(after.len());
            match self.vars.get(&after[..end]) {
                Some(v) if end > 0 => out.push_str(&self.resolve_vars(v, depth + 1)),
                _ => {
                    out.push('#');
                    out.push_str(&after[..end]);
                }
            }
            rest = &after[end..];
        }
        out.push_str(rest);
        collapse_ws(&out)
    }

    pub(super) fn placeholder(&self, e: &Element) -> String {
        let href = e.attr("href").unwrap_or("");
        match href.strip_prefix('#').and_then(|id| self.vars.get(id)) {
            Some(v) => self.resolve_vars(v, 0),
            None => String::new(),
        }
    }

    /// Title and language from the metadata.
    pub(super) fn metadata(&mut self, root: &Element) -> (Option<String>, Option<String>) {
        let counts = (self.deleted, self.inserted);
        let usable = |s: String| {
            let s = normalize(&collapse_ws(&s));
            (!s.is_empty() && !s.starts_with('#')).then_some(s)
        };
        let meta = root.find(&|e| e.name == "meta" || e.name == "metadata");
        let (title, lang) = match self.dialect {
            Dialect::Akn => {
                let title = root.find(&|e| e.name == "docTitle").and_then(|e| usable(self.inline_text(e))).or_else(|| {
                    meta.and_then(|m| m.find(&|e| e.name == "FRBRname")).and_then(|e| e.attr("value")).and_then(|v| usable(v.to_string()))
                });
                let lang = meta.and_then(|m| m.find(&|e| e.name == "FRBRlanguage")).and_then(|e| e.attr("language")).map(lang_code);
                (title, lang)
            }
            Dialect::Uslm | Dialect::Gpo => {
                let dc = |name: &'static str| move |e: &Element| e.is_dc() && e.name == name;
                let title = meta
                    .and_then(|m| m.find(&dc("title")))
                    .or_else(|| root.find(&dc("title")))
                    .and_then(|e| usable(e.text()))
                    .or_else(|| root.find(&|e| e.name == "officialTitle" || e.name == "official-title").and_then(|e| usable(e.text())));
                let lang = meta.and_then(|m| m.find(&dc("language"))).map(|e| lang_code(e.text().trim()));
                (title, lang)
            }
        };
        (self.deleted, self.inserted) = counts;
        let lang = lang
            .filter(|l| !l.is_empty())
            .or_else(|| root.attr("lang").or_else(|| root.elements().next().and_then(|e| e.attr("lang"))).map(lang_code))
            .filter(|l| !l.is_empty());
        (title, lang)
    }

    /// The element's role, given the kind of the node being built (`None` at the top).
    pub(super) fn role(&mut self, e: &Element, parent: Option<Kind>) -> Role {
        let name = e.name.as_str();
        if e.is_dc() {
            return Role::Block;
        }
        match name {
            "meta" | "metadata" | "toc" | "noteRef" | "remark" | "documentRef" | "componentRef" | "colgroup" | "col" | "colspec"
            | "img" | "marker" | "endMarker" | "page" => return Role::Skip,
            "del" => {
                self.deleted += 1;
                return Role::Skip;
            }
            "ins" => {
                self.inserted += 1;
                return Role::Inline;
            }
            "authorialNote" | "footnote" | "note" | "sidenote" => return Role::Note,
            "quotedStructure" | "embeddedStructure" | "quotedContent" | "quoted-block" => return Role::QuoteBlock,
            "quotedText" | "quote" | "mod" => return Role::QuoteInline,
            "br" | "eol" | "eop" => return Role::Break,
            "tr" | "row" => return Role::Row,
            "num" | "enum" => return Role::Num,
            "ref" if e.attr("class") == Some("placeholder") && e.text().trim().is_empty() => return Role::Placeholder,
            "block" if e.attr("name").is_some_and(|n| n.starts_with("ToC")) => return Role::Skip,
            "header" if self.dialect == Dialect::Uslm => return Role::Row,
            "header" => return Role::Block,
            "docTitle" if self.dialect == Dialect::Uslm => return Role::Block,
            "form" if self.dialect == Dialect::Gpo => return self.same_kind(Kind::Front, parent),
            "appropriations-major" | "appropriations-intermediate" | "appropriations-small" => {
                return Role::Hier(Kind::Text);
            }
            "level" | "hcontainer" => return self.generic_role(e, parent),
            "crossheading" | "crossHeading" if self.contains_provisions(e) => return Role::Hier(Kind::Subsection),
            _ => {}
        }
        if is_transparent_name(name) {
            return Role::Transparent;
        }
        if let Some(kind) = named_kind(name) {
            return self.refine(e, kind, parent);
        }
        if is_block_name(name) {
            // A table of contents with its own heading ("Inhaltsübersicht").
            let only_toc = e.child("toc").is_some()
                && e.children.iter().all(|i| match i {
                    Item::Text(t) => t.trim().is_empty(),
                    Item::Element(c) => matches!(c.name.as_str(), "toc" | "heading" | "num"),
                });
            return if only_toc { Role::Skip } else { Role::Block };
        }
        Role::Inline
    }

    pub(super) fn same_kind(&self, kind: Kind, parent: Option<Kind>) -> Role {
        if parent == Some(kind) {
            Role::Transparent
        } else {
            Role::Hier(kind)
        }
    }

    /// Section/subsection by content; nested front matter, preambles and
    /// signatures are part of the enclosing one.
    pub(super) fn refine(&self, e: &Element, kind: Kind, parent: Option<Kind>) -> Role {
        match (e.name.as_str(), kind) {
            ("section", _) if self.contains(e, &|n| n == "article") => Role::Hier(Kind::Section),
            ("subsection", _) if self.contains(e, &|n| n == "article" || n == "section") => Role::Hier(Kind::Subsection),
            (_, Kind::Front | Kind::Preamble | Kind::Signature)
                if matches!(parent, Some(Kind::Front | Kind::Preamble | Kind::Signature)) =>
            {
                Role::Transparent
            }
            _ => Role::Hier(kind),
        }
    }

    /// `level` and `hcontainer`: by name, by number, or by content.
    pub(super) fn generic_role(&self, e: &Element, parent: Option<Kind>) -> Role {
        if let Some(n) = e.attr("name") {
            if n.eq_ignore_ascii_case("crossheading") {
                return if self.contains_provisions(e) { Role::Hier(Kind::Subsection) } else { Role::Hier(Kind::Text) };
            }
            if is_transparent_name(n) {
                return Role::Transparent;
            }
            if let Some(kind) = named_kind(n) {
                return self.refine(e, kind, parent);
            }
        }
        let numbered = e.elements().any(|c| (c.name == "num" || c.name == "enum") && !c.text().trim().is_empty());
        if numbered {
            return Role::Hier(match parent {
                Some(Kind::Paragraph | Kind::Point | Kind::Text) => Kind::Point,
                _ => Kind::Paragraph,
            });
        }
        // A wrapper with no text of its own lets its provisions through; one
        // with its own text (a definition with points) is a Text provision.
        let own_text = e.children.iter().any(|i| match i {
            Item::Text(t) => !t.trim().is_empty(),
            Item::Element(c) => is_block_name(&c.name) && !matches!(c.name.as_str(), "table" | "ul" | "ol" | "div"),
        });
        if !own_text && self.contains_provisions(e) {
            return Role::Transparent;
        }
        Role::Hier(Kind::Text)
    }

    pub(super) fn contains_provisions(&self, e: &Element) -> bool {
        self.contains(e, &|n| HIER_NAMES.contains(&n))
    }

    /// True when a descendant outside quotations and skipped parts has a name
    /// matching `pred`.
    pub(super) fn contains(&self, e: &Element, pred: &dyn Fn(&str) -> bool) -> bool {
        e.elements().any(|c| {
            if c.is_dc() {
                return false;
            }
            match c.name.as_str() {
                "quotedStructure" | "embeddedStructure" | "quotedContent" | "quoted-block" | "quotedText" | "quote" | "mod" | "meta"
                | "metadata" | "toc" | "del" | "authorialNote" | "footnote" => false,
                n => pred(n) || self.contains(c, pred),
            }
        })
    }

    /// Builds the node for element `e` of kind `kind`.
    pub(super) fn node_from(&mut self, e: &Element, kind: Kind) -> Node {
        let mut b = Build::new(kind, false);
        if self.dialect == Dialect::Akn {
            if let Some(id) = e.attr("eId").or_else(|| e.attr("id")).or_else(|| e.attr("GUID")) {
                b.node.eid = id.trim().to_string();
            }
        }
        let num_el = e.elements().find(|c| c.name == "num" || c.name == "enum");
        let heading_name = if self.dialect == Dialect::Gpo { "header" } else { "heading" };
        let heading_el = e.elements().find(|c| c.name == heading_name);
        if let Some(n) = num_el {
            b.node.num = clean_num(&self.inline_text(n)).map(|s| normalize(&s));
            b.node.num_value = b.node.num.as_deref().and_then(number::value).or_else(|| n.attr("value").and_then(number::value));
            self.collect_notes(n, &mut b.notes);
        }
        if let Some(h) = heading_el {
            let t = normalize(&self.inline_text(h));
            b.node.heading = (!t.is_empty()).then_some(t);
            self.collect_notes(h, &mut b.notes);
        }
        let skip: Vec<&Element> = num_el.into_iter().chain(heading_el).collect();
        let mut acc = Acc::default();
        self.fill(e, &mut b, &mut acc, false, &skip);
        b.take_paras(&mut acc);
        let mut node = b.node;
        node.children.append(&mut b.notes);
        node
    }

    pub(super) fn note_from(&mut self, e: &Element) -> Node {
        let mut node = self.node_from(e, Kind::Note);
        if node.num.is_none() {
            node.num = e.attr("marker").map(|m| m.trim().to_string()).filter(|m| !m.is_empty());
        }
        node
    }

    /// Notes inside a number or heading become Note children.
    pub(super) fn collect_notes(&mut self, e: &Element, out: &mut Vec<Node>) {
        for c in e.elements() {
            if matches!(c.name.as_str(), "authorialNote" | "footnote" | "note" | "sidenote") {
                let n = self.note_from(c);
                out.push(n);
            } else {
                self.collect_notes(c, out);
            }
        }
    }

    /// Walks the content of `e` into node `b`: text into `acc`, provisions as
    /// children. `flat`: inside a quotation, provisions are text too.
    pub(super) fn fill(&mut self, e: &Element, b: &mut Build, acc: &mut Acc, flat: bool, skip: &[&Element]) {
        for item in &e.children {
            let c = match item {
                Item::Text(t) => {
                    acc.text(t);
                    continue;
                }
                Item::Element(c) => c,
            };
            if skip.iter().any(|s| std::ptr::eq(*s, c)) {
                continue;
            }
            match self.role(c, b.kind()) {
                Role::Skip => {}
                Role::Transparent => self.fill(c, b, acc, flat, &[]),
                Role::Inline => {
                    // UK definitions carry their quotation marks as attributes.
                    let (open, close) = self.quote_marks(c);
                    acc.text(&open);
                    self.fill(c, b, acc, flat, &[]);
                    acc.text(&close);
                }
                Role::Block => {
                    acc.brk();
                    self.fill(c, b, acc, flat, &[]);
                    acc.brk();
                }
                Role::Break => acc.brk(),
                Role::Row => {
                    acc.brk();
                    let row = self.row_text(c);
                    acc.text(&row);
                    acc.brk();
                }
                Role::Note => {
                    if !flat {
                        let n = self.note_from(c);
                        b.notes.push(n);
                    }
                }
                Role::Placeholder => {
                    let t = self.placeholder(c);
                    acc.text(&t);
                }
                Role::Num => {
                    let t = self.inline_text(c);
                    acc.text(&t);
                    acc.text(" ");
                }
                Role::QuoteBlock => {
                    if self.quote_depth == 0 {
                        self.quoted += 1;
                    }
                    self.quote_depth += 1;
                    let (open, close) = self.quote_marks(c);
                    // GPO: the punctuation after the closing quote sits inside the quotation.
                    let after: Vec<&Element> = c.elements().filter(|x| x.name == "after-quoted-block").collect();
                    acc.brk();
                    acc.open.push_str(&open);
                    self.fill(c, b, acc, true, &after);
                    self.quote_depth -= 1;
                    acc.close_quote(&close);
                    for a in after {
                        let t = self.inline_text(a);
                        acc.text(&t);
                    }
                }
                Role::QuoteInline => {
                    let (open, close) = self.quote_marks(c);
                    acc.text(&open);
                    self.fill(c, b, acc, true, &[]);
                    acc.text(&close);
                }
                Role::Hier(_) if flat => self.flat_provision(c, b, acc),
                Role::Hier(kind) => {
                    b.take_paras(acc);
                    let child = self.node_from(c, kind);
                    b.push_child(child);
                }
            }
        }
    }

    /// A provision inside a quotation: its number and heading start a line, its
    /// text follows.
    pub(super) fn flat_provision(&mut self, e: &Element, b: &mut Build, acc: &mut Acc) {
        let num_el = e.elements().find(|c| c.name == "num" || c.name == "enum");
        let heading_name = if self.dialect == Dialect::Gpo { "header" } else { "heading" };
        let heading_el = e.elements().find(|c| c.name == heading_name);
        acc.brk();
        if let Some(n) = num_el {
            let t = self.inline_text(n);
            if !t.is_empty() {
                acc.set_prefix(t);
            }
        }
        if let Some(h) = heading_el {
            let t = self.inline_text(h);
            acc.text(&t);
            acc.brk();
        }
        let skip: Vec<&Element> = num_el.into_iter().chain(heading_el).collect();
        self.fill(e, b, acc, true, &skip);
        acc.brk();
    }

    /// Opening and closing quotation marks: the source's `startQuote`/`endQuote`
    /// (Akoma Ntoso), typographic quotes for GPO quotations, none for USLM (whose
    /// text carries its own).
    pub(super) fn quote_marks(&self, e: &Element) -> (String, String) {
        match (e.attr("startQuote"), e.attr("endQuote")) {
            (Some(s), Some(t)) => (s.to_string(), t.to_string()),
            (Some(s), None) => (s.to_string(), String::new()),
            (None, Some(t)) => (String::new(), t.to_string()),
            (None, None) if self.dialect == Dialect::Gpo && matches!(e.name.as_str(), "quote" | "quoted-block") => {
                ("“".to_string(), "”".to_string())
            }
            _ => (String::new(), String::new()),
        }
    }

    /// A table row as "a | b | c".
    pub(super) fn row_text(&mut self, row: &Element) -> String {
        let cells: Vec<&Element> = row.elements().filter(|c| matches!(c.name.as_str(), "td" | "th" | "entry" | "column")).collect();
        let cells: Vec<String> =
            if cells.is_empty() { vec![self.inline_text(row)] } else { cells.into_iter().map(|c| self.inline_text(c)).collect() };
        if cells.iter().all(|c| c.is_empty()) {
            return String::new();
        }
        cells.join(" | ")
    }

    /// The text of an element on one line: notes, deletions and skipped parts
    /// left out, placeholders resolved, quotation marks added, whitespace collapsed.
    pub(super) fn inline_text(&mut self, e: &Element) -> String {
        let mut out = String::new();
        self.inline_into(e, &mut out);
        collapse_ws(&out)
    }

    pub(super) fn inline_into(&mut self, e: &Element, out: &mut String) {
        for item in &e.children {
            let c = match item {
                Item::Text(t) => {
                    out.push_str(t);
                    continue;
                }
                Item::Element(c) => c,
            };
            match self.role(c, None) {
                Role::Skip | Role::Note => {}
                Role::Placeholder => out.push_str(&self.placeholder(c)),
                Role::Transparent => self.inline_into(c, out),
                Role::Inline | Role::QuoteBlock | Role::QuoteInline => {
                    let (open, close) = self.quote_marks(c);
                    out.push_str(&open);
                    self.inline_into(c, out);
                    out.push_str(&close);
                }
                Role::Row => {
                    out.push(' ');
                    out.push_str(&self.row_text(c));
                    out.push(' ');
                }
                Role::Block | Role::Break | Role::Num | Role::Hier(_) => {
                    out.push(' ');
                    self.inline_into(c, out);
                    out.push(' ');
                }
            }
        }
    }
}
