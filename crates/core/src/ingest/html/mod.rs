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
//!
//! The parts: `tokenizer` (tags, attributes, raw text and references, in one
//! pass) and `builder` (what each tag does to the blocks being cut).

mod builder;
mod elements;
mod tokenizer;

use super::*;
use crate::text::{collapse_ws, normalize};
use builder::Builder;
use tokenizer::tokenize;

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
