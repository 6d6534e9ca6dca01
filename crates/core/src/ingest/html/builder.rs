//! The block builder: what each tag does to the blocks being cut (headings,
//! bold, list numbers, table rows, `<pre>` lines, skipped elements).

use super::elements::{is_block, SKIPPED, VOID};
use crate::ingest::{Block, BlockRole};
use crate::text::{collapse_ws, normalize};

/// An open `<ol>` or `<ul>`.
pub(super) struct List {
    pub(super) ordered: bool,
    pub(super) next: i64,
    pub(super) style: char,
}

/// An open table: the row and cell being collected.
#[derive(Default)]
pub(super) struct Table {
    pub(super) row: Vec<String>,
    pub(super) cell: Option<String>,
    pub(super) in_row: bool,
}

#[derive(Default)]
pub(super) struct Builder {
    pub(super) blocks: Vec<Block>,
    /// Text of the current block, whitespace not yet collapsed; `\n` from `<br>` in cells only.
    pub(super) cur: String,
    pub(super) chars: usize,
    pub(super) bold_chars: usize,
    /// Open inline elements: name and whether it makes text bold.
    pub(super) inline: Vec<(String, bool)>,
    pub(super) heading: Option<u8>,
    pub(super) list_number: Option<String>,
    pub(super) lists: Vec<List>,
    pub(super) pre_depth: usize,
    pub(super) pre: String,
    pub(super) skip: Vec<String>,
    pub(super) tables: Vec<Table>,
    pub(super) title: Option<String>,
    pub(super) lang: Option<String>,
}

impl Builder {
    pub(super) fn bold(&self) -> bool {
        self.inline.iter().any(|(_, b)| *b)
    }

    pub(super) fn text(&mut self, s: &str) {
        if !self.skip.is_empty() || s.is_empty() {
            return;
        }
        if let Some(t) = self.tables.last_mut() {
            if t.cell.is_none() && s.trim().is_empty() {
                return;
            }
            if !t.in_row {
                t.in_row = true;
            }
            t.cell.get_or_insert_with(String::new).push_str(s);
            return;
        }
        if self.pre_depth > 0 {
            self.pre.push_str(s);
            return;
        }
        let visible = s.chars().filter(|c| !c.is_whitespace()).count();
        self.chars += visible;
        if self.bold() {
            self.bold_chars += visible;
        }
        self.cur.push_str(s);
    }

    /// A block boundary: ends the current block (or starts a new line in a cell).
    pub(super) fn boundary(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            if let Some(cell) = &mut t.cell {
                if !cell.is_empty() && !cell.ends_with('\n') {
                    cell.push('\n');
                }
            }
            return;
        }
        self.flush();
    }

    pub(super) fn flush(&mut self) {
        let text = clean_lines(&self.cur);
        self.cur.clear();
        let bold = self.chars > 0 && self.bold_chars == self.chars;
        self.chars = 0;
        self.bold_chars = 0;
        if text.is_empty() {
            return;
        }
        let list_number = self.list_number.take();
        let text = match &list_number {
            Some(n) => format!("{n} {text}"),
            None => text,
        };
        self.blocks.push(Block { text: normalize(&text), heading_level: self.heading, list_number, bold, role: BlockRole::Body });
    }

    pub(super) fn start(&mut self, name: &str, attrs: &[(String, String)], self_closing: bool) {
        let attr = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        if !self.skip.is_empty() {
            if self.skip.len() == 1 && self.skip[0] == "head" && name == "body" {
                self.skip.clear();
            } else if self.skip.last().is_some_and(|s| s == name) && !self_closing {
                self.skip.push(name.to_string());
                return;
            } else {
                return;
            }
        }
        if SKIPPED.contains(&name) {
            if !self_closing {
                self.skip.push(name.to_string());
            }
            return;
        }
        if name == "html" {
            if let Some(l) = attr("lang").or_else(|| attr("xml:lang")) {
                let l = l.trim().to_ascii_lowercase();
                let primary = l.split(['-', '_']).next().unwrap_or("").to_string();
                if !primary.is_empty() {
                    self.lang = Some(primary);
                }
            }
        }
        match name {
            "table" => {
                self.boundary();
                self.tables.push(Table::default());
            }
            "tr" => {
                if self.tables.is_empty() {
                    self.boundary();
                } else {
                    self.close_row();
                    if let Some(t) = self.tables.last_mut() {
                        t.in_row = true;
                    }
                }
            }
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(c) = t.cell.take() {
                        t.row.push(c);
                    }
                    t.in_row = true;
                    t.cell = Some(String::new());
                } else {
                    self.boundary();
                }
            }
            "br" => self.boundary(),
            "pre" => {
                self.boundary();
                self.pre_depth += 1;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.boundary();
                if self.tables.is_empty() {
                    self.heading = Some(name.as_bytes()[1] - b'0');
                }
            }
            "ol" | "ul" => {
                self.boundary();
                let start = attr("start").and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or(1);
                let style = attr("type").and_then(|t| t.chars().next()).unwrap_or('1');
                self.lists.push(List { ordered: name == "ol", next: start, style });
            }
            "li" => {
                self.boundary();
                if let Some(l) = self.lists.last_mut() {
                    if let Some(v) = attr("value").and_then(|v| v.trim().parse::<i64>().ok()) {
                        l.next = v;
                    }
                    if l.ordered && self.tables.is_empty() {
                        self.list_number = Some(format!("{}.", list_label(l.next, l.style)));
                    }
                    l.next += 1;
                }
            }
            _ if is_block(name) => self.boundary(),
            _ if VOID.contains(&name) || self_closing => {}
            _ => {
                let class = attr("class").unwrap_or("").to_ascii_lowercase();
                let style = attr("style").unwrap_or("").to_ascii_lowercase().replace(' ', "");
                let bold = matches!(name, "b" | "strong")
                    || class.split_whitespace().any(|c| c.contains("bold"))
                    || style.contains("font-weight:bold")
                    || style.contains("font-weight:700");
                self.inline.push((name.to_string(), bold));
            }
        }
    }

    pub(super) fn end(&mut self, name: &str) {
        if !self.skip.is_empty() {
            if self.skip.last().is_some_and(|s| s == name) {
                self.skip.pop();
            }
            return;
        }
        match name {
            "table" => {
                if !self.tables.is_empty() {
                    self.close_row();
                    self.tables.pop();
                }
            }
            "tr" => self.close_row(),
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(c) = t.cell.take() {
                        t.row.push(c);
                    }
                }
            }
            "pre" => {
                if self.pre_depth > 0 {
                    self.pre_depth -= 1;
                    if self.pre_depth == 0 {
                        let pre = std::mem::take(&mut self.pre);
                        self.pre_blocks(&pre);
                    }
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.boundary();
                self.heading = None;
            }
            "ol" | "ul" => {
                self.boundary();
                self.lists.pop();
            }
            "li" => {
                self.boundary();
                self.list_number = None;
            }
            _ if is_block(name) => self.boundary(),
            _ => {
                if let Some(p) = self.inline.iter().rposition(|(n, _)| n == name) {
                    self.inline.truncate(p);
                }
            }
        }
    }

    /// Ends the row of the innermost table: a TableRow block, or lines of the
    /// enclosing cell for a nested table.
    pub(super) fn close_row(&mut self) {
        let Some(t) = self.tables.last_mut() else { return };
        if let Some(c) = t.cell.take() {
            t.row.push(c);
        }
        t.in_row = false;
        let cells: Vec<String> = std::mem::take(&mut t.row).iter().map(|c| clean_lines(c)).collect();
        if cells.iter().all(|c| c.is_empty()) {
            return;
        }
        if self.tables.len() == 1 {
            // An empty first cell (EUR-Lex: no Commission text) leaves a leading "| ".
            let text = cells.join(" | ").trim().to_string();
            self.blocks.push(Block { text: normalize(&text), role: BlockRole::TableRow, ..Block::default() });
        } else {
            let line = cells.iter().filter(|c| !c.is_empty()).map(|c| c.replace('\n', " ")).collect::<Vec<_>>().join(" ");
            let n = self.tables.len();
            let parent = &mut self.tables[n - 2];
            let cell = parent.cell.get_or_insert_with(String::new);
            if !cell.is_empty() && !cell.ends_with('\n') {
                cell.push('\n');
            }
            cell.push_str(&line);
            cell.push('\n');
        }
    }

    /// `<pre>` text as blocks (see the module documentation).
    pub(super) fn pre_blocks(&mut self, pre: &str) {
        let pre = pre.replace("\r\n", "\n").replace('\r', "\n");
        let mut para: Vec<String> = Vec::new();
        let mut first_indent = 0usize;
        for line in pre.split('\n') {
            let body = line.trim();
            if body.is_empty() || is_rule(body) {
                self.push_pre(&mut para);
                continue;
            }
            let indent = line.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\t' { 8 } else { 1 }).sum();
            let continues = !para.is_empty() && first_indent > 0 && indent < first_indent && !starts_enumerator(body);
            if !continues {
                self.push_pre(&mut para);
                first_indent = indent;
            }
            para.push(collapse_ws(body));
        }
        self.push_pre(&mut para);
    }

    pub(super) fn push_pre(&mut self, para: &mut Vec<String>) {
        if para.is_empty() {
            return;
        }
        let text = para.join("\n");
        para.clear();
        self.blocks.push(Block::plain(normalize(&text)));
    }

    pub(super) fn finish(&mut self) {
        while !self.tables.is_empty() {
            self.close_row();
            self.tables.pop();
        }
        if !self.pre.is_empty() {
            let pre = std::mem::take(&mut self.pre);
            self.pre_blocks(&pre);
        }
        self.flush();
    }
}

/// Collapses whitespace in each line and drops empty lines.
pub(super) fn clean_lines(s: &str) -> String {
    s.split('\n').map(collapse_ws).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// A line of only `_`, `-`, `=` or `*` (a rule in plain-text bills).
pub(super) fn is_rule(s: &str) -> bool {
    s.chars().count() >= 3 && s.chars().all(|c| matches!(c, '_' | '-' | '=' | '*' | ' '))
}

/// `(2)`, `(iv)`, `SEC. 3.`: a line that starts a provision in GPO text.
pub(super) fn starts_enumerator(s: &str) -> bool {
    if let Some(rest) = s.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            let inner = &rest[..close];
            return (1..=6).contains(&inner.chars().count()) && inner.chars().all(|c| c.is_alphanumeric());
        }
        return false;
    }
    let upper: String = s.chars().take(9).collect::<String>().to_uppercase();
    ["SEC. ", "SECTION ", "TITLE ", "DIVISION ", "SUBTITLE ", "CHAPTER ", "PART "].iter().any(|k| upper.starts_with(k))
}

/// The label an `<ol type=...>` shows for `n`.
pub(super) fn list_label(n: i64, style: char) -> String {
    match style {
        'a' | 'A' if n >= 1 => {
            let mut n = n;
            let mut s = Vec::new();
            while n > 0 {
                n -= 1;
                s.push((b'a' + (n % 26) as u8) as char);
                n /= 26;
            }
            let s: String = s.into_iter().rev().collect();
            if style == 'A' {
                s.to_uppercase()
            } else {
                s
            }
        }
        'i' | 'I' if (1..4000).contains(&n) => {
            let s = crate::structure::number::to_roman(n as u32);
            if style == 'I' {
                s.to_uppercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}
