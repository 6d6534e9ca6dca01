//! HTML: a small tolerant tokenizer, no DOM.
//!
//! Real bill HTML is rarely valid (unclosed `<p>` and `<li>`, stray end tags,
//! 3 MB EUR-Lex pages with layout tables), so this reader does not build a tree:
//! it walks tags and text once and cuts the text into [`Block`]s.
//!
//! - Block elements (`p`, `div`, `h1`–`h6`, `li`, `dt`, `dd`, `blockquote`,
//!   `section`, `article`, `br`, `hr`, ...) end the current block; `h1`–`h6` give
//!   [`Block::heading_level`]; text wholly inside `<b>`/`<strong>` (or an element
//!   whose class or style says bold, as EUR-Lex's `oj-bold`) is [`Block::bold`];
//!   items of an `<ol>` get the number the browser would show as
//!   [`Block::list_number`], prefixed to the text.
//! - Each row of a table is one [`BlockRole::TableRow`] block, cells joined by
//!   ` | `; a table inside a cell (EUR-Lex lays out numbered paragraphs that way)
//!   becomes lines of that cell, its cells joined by a space.
//! - `<pre>` (GPO's plain-text bills) is cut into lines; a line indented less
//!   than the first line of its paragraph continues that paragraph (GPO's
//!   hanging indents), unless it starts with an enumerator such as `(2)` or
//!   `SEC.`; blank lines and rules (`____`) separate blocks.
//! - `<script>`, `<style>`, `<head>` (except `<title>`, which becomes the title),
//!   `<nav>`, `<select>`, `<button>`, `<svg>`, `<template>`, `<iframe>` and
//!   comments are skipped. Entities: the XML ones, numeric references and the
//!   common HTML names (see [`super::xml::entity`]); unknown ones stay as written.
//! - The bytes must be UTF-8 (or UTF-16 with a byte-order mark); anything else is
//!   [`IngestError::BadEncoding`] with the offset of the first bad byte.

use super::xml::{char_reference, entity};
use super::*;
use crate::text::{collapse_ws, normalize};
use std::borrow::Cow;

/// Reads an HTML document into blocks.
pub fn read(bytes: &[u8]) -> Result<Ingested> {
    let text = super::text::decode(bytes)?;
    let mut b = Builder::default();
    tokenize(&text, &mut b);
    b.finish();
    let mut ingested = Ingested::blocks(Format::Html, b.blocks);
    ingested.title = b.title.map(|t| normalize(&collapse_ws(&t))).filter(|t| !t.is_empty());
    ingested.lang = b.lang;
    Ok(ingested)
}

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: [&str; 8] = ["script", "style", "title", "textarea", "xmp", "noscript", "noembed", "noframes"];
/// Elements skipped with everything inside them.
const SKIPPED: [&str; 9] = ["head", "nav", "select", "button", "svg", "template", "iframe", "object", "canvas"];
/// Elements with no end tag.
const VOID: [&str; 14] = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "blockquote"
            | "dd"
            | "dt"
            | "dl"
            | "ul"
            | "ol"
            | "li"
            | "address"
            | "center"
            | "main"
            | "figure"
            | "figcaption"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "fieldset"
            | "legend"
            | "details"
            | "summary"
            | "hr"
            | "caption"
            | "body"
            | "html"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
    )
}

/// Walks `html`, feeding tags and text to `b`.
fn tokenize(html: &str, b: &mut Builder) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = html[i..].find('<').map(|p| p + i) else {
            b.text(&decode_entities(&html[i..]));
            break;
        };
        if lt > i {
            b.text(&decode_entities(&html[i..lt]));
        }
        let rest = &html[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment.find("-->").map_or(bytes.len(), |p| lt + 4 + p + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(bytes.len(), |p| lt + p + 1);
            continue;
        }
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        if next == b'/' && bytes.get(lt + 2).is_some_and(|c| c.is_ascii_alphabetic()) {
            let name_end = tag_name_end(bytes, lt + 2);
            let name = html[lt + 2..name_end].to_ascii_lowercase();
            i = html[name_end..].find('>').map_or(bytes.len(), |p| name_end + p + 1);
            b.end(&name);
            continue;
        }
        if !next.is_ascii_alphabetic() {
            b.text("<");
            i = lt + 1;
            continue;
        }
        let name_end = tag_name_end(bytes, lt + 1);
        let name = html[lt + 1..name_end].to_ascii_lowercase();
        let (attrs, self_closing, after) = parse_attributes(html, name_end);
        i = after;
        if RAW_TEXT.contains(&name.as_str()) && !self_closing {
            let (content, after_end) = raw_text(html, i, &name);
            if name == "title" && b.title.is_none() && b.skip.iter().all(|s| s == "head") {
                b.title = Some(decode_entities(content).into_owned());
            }
            i = after_end;
            continue;
        }
        b.start(&name, &attrs, self_closing);
    }
}

fn tag_name_end(bytes: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'-' | b':' | b'_')) {
        j += 1;
    }
    j
}

/// Parses attributes from `from` up to the closing `>`; returns them (names
/// lower-cased, values decoded), whether the tag ended with `/>`, and the index
/// after the `>`.
fn parse_attributes(html: &str, from: usize) -> (Vec<(String, String)>, bool, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut j = from;
    let mut self_closing = false;
    loop {
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= bytes.len() {
            return (attrs, self_closing, bytes.len());
        }
        match bytes[j] {
            b'>' => return (attrs, self_closing, j + 1),
            b'/' => {
                self_closing = bytes.get(j + 1) == Some(&b'>');
                j += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let name_start = j;
        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'=' | b'>' | b'/') {
            j += 1;
        }
        if j == name_start {
            j += 1;
            continue;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = String::new();
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = html[j + 1..].find(q as char).map_or(bytes.len(), |p| j + 1 + p);
                    value = decode_entities(&html[j + 1..end]).into_owned();
                    j = (end + 1).min(bytes.len());
                }
                _ => {
                    let start = j;
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = decode_entities(&html[start..j]).into_owned();
                }
            }
        }
        attrs.push((name, value));
    }
}

/// The content of a raw-text element starting at `from`, and the index after
/// its end tag (`</name ...>`, matched case-insensitively).
fn raw_text<'a>(html: &'a str, from: usize, name: &str) -> (&'a str, usize) {
    let bytes = html.as_bytes();
    let mut j = from;
    while let Some(p) = html[j..].find("</") {
        let at = j + p;
        let candidate = &bytes[at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && !candidate.get(name.len()).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            let end = html[at..].find('>').map_or(bytes.len(), |q| at + q + 1);
            return (&html[from..at], end);
        }
        j = at + 2;
    }
    (&html[from..], bytes.len())
}

/// Decodes character references; unknown names stay as written.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.bytes().take(32).position(|c| c == b';');
        let decoded = semi.and_then(|e| {
            let name = &after[..e];
            char_reference(name).map(|c| c.to_string()).or_else(|| entity(name).map(str::to_string)).map(|v| (v, e))
        });
        match decoded {
            Some((v, e)) => {
                out.push_str(&v);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// An open `<ol>` or `<ul>`.
struct List {
    ordered: bool,
    next: i64,
    style: char,
}

/// An open table: the row and cell being collected.
#[derive(Default)]
struct Table {
    row: Vec<String>,
    cell: Option<String>,
    in_row: bool,
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    /// Text of the current block, whitespace not yet collapsed; `\n` from `<br>` in cells only.
    cur: String,
    chars: usize,
    bold_chars: usize,
    /// Open inline elements: name and whether it makes text bold.
    inline: Vec<(String, bool)>,
    heading: Option<u8>,
    list_number: Option<String>,
    lists: Vec<List>,
    pre_depth: usize,
    pre: String,
    skip: Vec<String>,
    tables: Vec<Table>,
    title: Option<String>,
    lang: Option<String>,
}

impl Builder {
    fn bold(&self) -> bool {
        self.inline.iter().any(|(_, b)| *b)
    }

    fn text(&mut self, s: &str) {
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
    fn boundary(&mut self) {
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

    fn flush(&mut self) {
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

    fn start(&mut self, name: &str, attrs: &[(String, String)], self_closing: bool) {
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

    fn end(&mut self, name: &str) {
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
    fn close_row(&mut self) {
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
    fn pre_blocks(&mut self, pre: &str) {
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

    fn push_pre(&mut self, para: &mut Vec<String>) {
        if para.is_empty() {
            return;
        }
        let text = para.join("\n");
        para.clear();
        self.blocks.push(Block::plain(normalize(&text)));
    }

    fn finish(&mut self) {
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
fn clean_lines(s: &str) -> String {
    s.split('\n').map(collapse_ws).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// A line of only `_`, `-`, `=` or `*` (a rule in plain-text bills).
fn is_rule(s: &str) -> bool {
    s.chars().count() >= 3 && s.chars().all(|c| matches!(c, '_' | '-' | '=' | '*' | ' '))
}

/// `(2)`, `(iv)`, `SEC. 3.`: a line that starts a provision in GPO text.
fn starts_enumerator(s: &str) -> bool {
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
fn list_label(n: i64, style: char) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(i: &Ingested) -> &[Block] {
        match &i.content {
            Content::Blocks(b) => b,
            Content::Tree(_) => panic!("tree"),
        }
    }

    fn corpus(rel: &str) -> Vec<u8> {
        let path = format!("{}/../../../shared/corpus/{rel}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn gpo_plain_text_bill_in_pre() {
        let i = read(&corpus("us-billsim/116/bills/hr2002/BILLS-116hr2002ih.htm")).unwrap();
        let b = blocks(&i);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        // grep -cE '^(SECTION|SEC\.) [0-9]+\.' → 5; grep -cE '^\s*\([A-Za-z0-9]{1,6}\) ' → 25
        assert_eq!(texts.iter().filter(|t| t.starts_with("SEC. ") || t.starts_with("SECTION ")).count(), 5);
        assert_eq!(texts.iter().filter(|t| t.starts_with('(')).count(), 25);
        assert!(texts.contains(&"SECTION 1. SHORT TITLE."));
        assert!(texts.contains(&"SEC. 5. REVIEW OF DEPARTMENT OF STATE TAIWAN GUIDELINES."));
        // Hanging indents continue the paragraph; the next enumerator starts a new one.
        assert!(texts.contains(&"(1) April 10, 2019, marks the 40th anniversary of the\nTaiwan Relations Act of 1979 (Public Law 96-8)."));
        assert!(texts
            .contains(&"Be it enacted by the Senate and House of Representatives of the\nUnited States of America in Congress assembled,"));
        assert!(texts.contains(&"(A) supports Taiwan's continued pursuit of\nasymmetric capabilities and concepts; and"));
        // Entities decoded, rules dropped.
        assert!(texts.contains(&"<DOC>"));
        assert!(!texts.iter().any(|t| t.starts_with("___")));
        assert!(b.iter().all(|b| b.role == BlockRole::Body && b.heading_level.is_none()));
    }

    #[test]
    fn khmer_entities_lists_tables_and_skipped_parts() {
        let html = r#"<!DOCTYPE html>
<HTML lang="km-KH"><head><meta charset="utf-8"><title>ច្បាប់ &amp; test</title>
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><nav><ul><li>Menu</li></ul></nav>
<h1>ច្បាប់ស្តីពី&nbsp;អង្គការ</h1>
<p><strong>ជំពូក ១</strong></p>
<p class=x>មាត្រា ១. &sect; 1 &mdash; &ldquo;q&rdquo; &#6016;&#x17A2; &hellip; it&rsquo;s &lt;ok&gt; &amp; &unknown; &#39;a&#39; &ndash; &lsquo;b&rsquo; &quot;c&quot;</p>
<!-- comment <p>hidden</p> -->
<p>line one<br>line <b>two</b></p>
<ol type="a"><li>first<li>second</ol>
<table><tr><th>A</th><td>B &amp; C</td></tr>
<tr><td>1</td><td><table><tr><td>(1)</td><td>inner</td></tr><tr><td>(2)</td><td>more</td></tr></table></td></tr></table>
<div>tail <span class="oj-bold">bold</span></div><div><span class="oj-bold">all bold</span></div>
</body></html>"#;
        let i = read(html.as_bytes()).unwrap();
        assert_eq!(i.title.as_deref(), Some("ច្បាប់ & test"));
        assert_eq!(i.lang.as_deref(), Some("km"));
        let b = blocks(&i);
        let view: Vec<(&str, Option<u8>, bool, BlockRole)> = b.iter().map(|b| (b.text.as_str(), b.heading_level, b.bold, b.role)).collect();
        assert_eq!(
            view,
            [
                ("ច្បាប់ស្តីពី អង្គការ", Some(1), false, BlockRole::Body),
                ("ជំពូក ១", None, true, BlockRole::Body),
                ("មាត្រា ១. § 1 — “q” កអ … it’s <ok> & &unknown; 'a' – ‘b’ \"c\"", None, false, BlockRole::Body),
                ("line one", None, false, BlockRole::Body),
                ("line two", None, false, BlockRole::Body),
                ("a. first", None, false, BlockRole::Body),
                ("b. second", None, false, BlockRole::Body),
                ("A | B & C", None, false, BlockRole::TableRow),
                ("1 | (1) inner\n(2) more", None, false, BlockRole::TableRow),
                ("tail bold", None, false, BlockRole::Body),
                ("all bold", None, true, BlockRole::Body),
            ]
        );
        assert_eq!(b[5].list_number.as_deref(), Some("a."));
    }

    #[test]
    fn invalid_utf8_is_refused_with_its_offset() {
        match read(b"<p>caf\xE9</p>") {
            Err(IngestError::BadEncoding { offset }) => assert_eq!(offset, 6),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tolerates_broken_markup() {
        let i = read(b"<p>a < b & c<p>unclosed <b>bold <i>x</p></b></i></div><p>end</p><table><td>orphan cell").unwrap();
        let texts: Vec<&str> = blocks(&i).iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["a < b & c", "unclosed bold x", "end", "orphan cell"]);
    }

    #[test]
    fn eur_lex_page() {
        // 3.1 MB of EUR-Lex HTML (the EP's amendments to the AI Act in two-column tables).
        let i = read(&corpus("eu-ai-act/EP-2023-P9_TA(2023)0236.source.html")).unwrap();
        let b = blocks(&i);
        assert_eq!(i.lang.as_deref(), Some("en"));
        assert_eq!(i.title.as_deref(), Some("EUR-Lex - 52023AP0236 - EN - EUR-Lex"));
        let a1 = b.iter().position(|b| b.text == "Amendment 1").unwrap();
        assert!(b[a1].bold);
        assert_eq!(b[a1 + 2].text, "Citation 4 a (new)");
        assert_eq!((b[a1 + 3].role, b[a1 + 3].text.as_str()), (BlockRole::TableRow, "Text proposed by the Commission | Amendment"));
        assert_eq!(b[a1 + 4].text, "| Having regard to the opinion of the European Central Bank,");
        assert!(b.iter().any(|b| b.text == "Amendment 771"));
        assert!(!b.iter().any(|b| b.text.contains("function(") || b.text.contains("ruxitagent")));
    }
}
