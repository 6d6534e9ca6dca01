//! Plain text and Markdown.
//!
//! Text is UTF-8, or UTF-16 with a byte-order mark; anything else is refused with
//! the offset of the first bad byte (we never guess a legacy code page: a wrong
//! guess would silently corrupt Khmer). Paragraphs are separated by blank lines;
//! the lines of one paragraph stay in one block, joined by `\n` (the structure
//! grammar splits off lines that start a provision). Markdown adds hints only:
//! `#` heading levels, `**bold**` paragraphs, list bullets, YAML front matter
//! (its `Title:` becomes the document title). With the hints removed the text is
//! what a reader sees, so the same draft without `#` gives the same tree.

use super::*;
use std::borrow::Cow;

/// Decodes the start of the file leniently, for format detection only.
pub fn decode_head(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(4096)];
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return decode_utf16(&head[..head.len() & !1]).unwrap_or_default();
    }
    String::from_utf8_lossy(head).into_owned()
}

/// Decodes UTF-8 (with or without BOM) or UTF-16 with a BOM.
pub fn decode(bytes: &[u8]) -> Result<String> {
    decode_borrowed(bytes).map(Cow::into_owned)
}

/// [`decode`], borrowing UTF-8 input rather than copying it (a law is megabytes).
fn decode_borrowed(bytes: &[u8]) -> Result<Cow<'_, str>> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        if !bytes.len().is_multiple_of(2) {
            return Err(IngestError::BadEncoding { offset: bytes.len() - 1 });
        }
        return decode_utf16(bytes).map(Cow::Owned).ok_or(IngestError::BadEncoding { offset: 0 });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => Err(IngestError::BadEncoding { offset: e.valid_up_to() + (bytes.len() - body.len()) }),
    }
}

/// UTF-16 with a BOM (either endianness); `None` on unpaired surrogates.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let le = bytes.starts_with(&[0xFF, 0xFE]);
    let units = bytes[2..].chunks_exact(2).map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    char::decode_utf16(units).collect::<std::result::Result<String, _>>().ok()
}

/// Reads text or Markdown.
///
/// Each block's text is built once, from the source lines, with the Markdown
/// hints removed on the way (see [`markdown_block`]): a law is thousands of
/// paragraphs, and copying each several times made this the slowest step of
/// reading a file.
pub fn read(bytes: &[u8], format: Format) -> Result<Ingested> {
    let text = decode_borrowed(bytes)?;
    if text.contains('\0') {
        return Err(IngestError::Unrecognised("the file contains NUL bytes: it is binary data, not text".into()));
    }
    let markdown = format == Format::Md;
    let (body, title) = if markdown { split_front_matter(&text) } else { (&*text, None) };
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut in_fence = false;
    for line in body.lines() {
        let trimmed = line.trim();
        if markdown && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            in_fence = !in_fence;
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut para, markdown, &mut blocks);
            continue;
        }
        if markdown && !in_fence {
            if let Some((level, heading)) = atx_heading(trimmed) {
                flush(&mut para, markdown, &mut blocks);
                if !heading.is_empty() {
                    blocks.extend(markdown_block([heading].into_iter(), Some(level)));
                }
                continue;
            }
            if is_rule(trimmed) {
                flush(&mut para, markdown, &mut blocks);
                continue;
            }
            // Setext underline: the paragraph so far is a heading. Its lines are
            // not trimmed first, as they never were: they are joined and split
            // again (which drops a `\r` left before a line break).
            if !para.is_empty() && (trimmed.chars().all(|c| c == '=') || trimmed.chars().all(|c| c == '-')) && trimmed.len() >= 3 {
                let level = if trimmed.starts_with('=') { 1 } else { 2 };
                let text = para.join("\n");
                para.clear();
                blocks.extend(markdown_block(text.lines(), Some(level)));
                continue;
            }
        }
        para.push(line);
    }
    flush(&mut para, markdown, &mut blocks);
    let mut ingested = Ingested::blocks(format, blocks);
    ingested.title = title;
    Ok(ingested)
}

/// Ends the paragraph: its lines, without trailing spaces, become one block.
fn flush(para: &mut Vec<&str>, markdown: bool, blocks: &mut Vec<Block>) {
    if para.is_empty() {
        return;
    }
    let lines = para.iter().map(|l| l.trim_end());
    if markdown {
        blocks.extend(markdown_block(lines, None));
    } else {
        let mut text = String::with_capacity(para.iter().map(|l| l.len() + 1).sum());
        for line in lines {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(line);
        }
        blocks.push(Block::plain(text));
    }
    para.clear();
}

/// A Markdown block from its lines (none holding a `\n`), the hints removed:
/// list bullets and `> `, `**`/`__` emphasis, `\` before punctuation, footnote
/// references `[^id]`; each line then trimmed and blank ones dropped. `None`
/// when no text is left.
///
/// Every hint lies within one line, so the lines are cleaned one at a time and
/// appended to the block's text, and a line with none of `*`, `_`, `\` and `[`
/// (most of a law) is copied as it is. Only two things depend on the whole
/// paragraph, and are settled first from the joined text when its first line
/// could start them: a paragraph wholly in `**...**` is bold, and one starting
/// `[^id]:` defines a footnote (a note, `[id] text`, on one line).
fn markdown_block<'a>(lines: impl Iterator<Item = &'a str> + Clone, heading_level: Option<u8>) -> Option<Block> {
    let lines = lines.map(bare_line);
    let first = lines.clone().next()?;
    let mut block = Block { heading_level, ..Block::default() };
    // Only `*`, `_` and `\` are removed before the note test, so a note's first
    // line starts with `[` after a run of those.
    if first.starts_with("**") || first.starts_with("__") || first.trim_start_matches(['*', '_', '\\']).starts_with('[') {
        let joined = lines.clone().collect::<Vec<_>>().join("\n");
        block.bold = joined.len() > 4
            && ((joined.starts_with("**") && joined.ends_with("**")) || (joined.starts_with("__") && joined.ends_with("__")))
            && !joined[2..joined.len() - 2].contains("**");
        let text = unemphasise(&joined);
        // "[^id]: text" defines a footnote; "[^id]" elsewhere refers to one.
        if text.starts_with("[^") && text.find("]:").is_some_and(|i| !text[2..i].contains(char::is_whitespace)) {
            block.role = BlockRole::Note;
            block.text = crate::text::collapse_ws(&format!("[{}", &text[2..]).replacen("]:", "]", 1));
            return Some(block);
        }
    }
    let mut text = String::with_capacity(lines.clone().map(|l| l.len() + 1).sum());
    for line in lines {
        let cleaned;
        // `fold`, not `any`: with no early exit the test is vectorised.
        let line = if line.bytes().fold(false, |hint, b| hint | matches!(b, b'*' | b'_' | b'\\' | b'[')) {
            cleaned = strip_footnote_refs(&unemphasise(line));
            cleaned.trim()
        } else {
            line.trim()
        };
        if line.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line);
    }
    if text.is_empty() {
        return None;
    }
    block.text = text;
    Some(block)
}

/// A line without its indent, list bullet and block-quote marker.
fn bare_line(line: &str) -> &str {
    let t = line.trim_start();
    let t = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")).or_else(|| t.strip_prefix("+ ")).unwrap_or(t);
    t.strip_prefix("> ").unwrap_or(t)
}

/// `---` YAML front matter at the very start: skipped, its `title:` kept.
fn split_front_matter(text: &str) -> (&str, Option<String>) {
    let t = text.trim_start_matches('\u{feff}');
    let Some(rest) = t.strip_prefix("---\n").or_else(|| t.strip_prefix("---\r\n")) else {
        return (t, None);
    };
    let Some(end) = rest.find("\n---") else {
        return (t, None);
    };
    let title = rest[..end].lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case("title").then(|| v.trim().trim_matches('"').to_string())
    });
    let after = &rest[end + 4..];
    (after.split_once('\n').map_or("", |(_, b)| b), title)
}

/// `## Heading` → (2, "Heading"); trailing `#`s dropped.
fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.is_empty() && !rest.starts_with(' ') && !rest.starts_with('\t') {
        return None;
    }
    Some((hashes as u8, rest.trim().trim_end_matches('#').trim_end()))
}

/// A thematic break: three or more `*` or three or more `_`, spaces allowed
/// between them (`***`, `_ _ _`).
fn is_rule(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    let Some(mark @ ('*' | '_')) = marks.next() else {
        return false;
    };
    let mut count = 1;
    for c in marks {
        if c != mark {
            return false;
        }
        count += 1;
    }
    count >= 3
}

/// Removes Markdown footnote references `[^id]` (their notes are kept as notes).
fn strip_footnote_refs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("[^") {
        let Some(j) = rest[i..].find(']') else { break };
        if rest[i + 2..i + j].contains(char::is_whitespace) {
            out.push_str(&rest[..i + 2]);
            rest = &rest[i + 2..];
            continue;
        }
        out.push_str(&rest[..i]);
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

/// Removes the emphasis markers `**` and `__` (in that order: `_**_` loses
/// both), then the `\` of escaped punctuation (`\.` `\*` `\#` as the character
/// itself).
fn unemphasise(text: &str) -> String {
    let text = text.replace("**", "").replace("__", "");
    if !text.contains('\\') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(i: &Ingested) -> Vec<(String, Option<u8>)> {
        match &i.content {
            Content::Blocks(b) => b.iter().map(|b| (b.text.clone(), b.heading_level)).collect(),
            Content::Tree(_) => panic!("tree"),
        }
    }

    #[test]
    fn utf8_utf16_and_bad_bytes() {
        assert_eq!(decode("ក".as_bytes()).unwrap(), "ក");
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        let mut le = vec![0xFF, 0xFE];
        le.extend("Art 1".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap(), "Art 1");
        let mut be = vec![0xFE, 0xFF];
        be.extend("ក".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap(), "ក");
        match decode(b"caf\xE9 au lait") {
            Err(IngestError::BadEncoding { offset }) => assert_eq!(offset, 3),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn markdown_hints_are_removed() {
        let md =
            "---\nTitle: Grundgesetz\n---\n# Law\n\n## Article 1 - Scope\n\nThis Law applies\nto all.\n\n- **(a)** item\n\n**Chapter 2**\n";
        let i = read(md.as_bytes(), Format::Md).unwrap();
        assert_eq!(i.title.as_deref(), Some("Grundgesetz"));
        assert_eq!(
            texts(&i),
            vec![
                ("Law".into(), Some(1)),
                ("Article 1 - Scope".into(), Some(2)),
                ("This Law applies\nto all.".into(), None),
                ("(a) item".into(), None),
                ("Chapter 2".into(), None),
            ]
        );
        let plain = read("Law\n\nArticle 1 - Scope\n\nThis Law applies\nto all.\n".as_bytes(), Format::Txt).unwrap();
        assert_eq!(texts(&plain)[1], ("Article 1 - Scope".into(), None));
    }

    #[test]
    fn footnotes_bold_and_escapes() {
        let md = "**Bold\nparagraph**\n\nText[^1] with a ref\\. and [^a b] kept\n\n[^1]: The  note\ntext.\n\n\\[^2]: Escaped note\n\n__whole__\n\n- *item* and _x_ \\* \\\\\n";
        let i = read(md.as_bytes(), Format::Md).unwrap();
        let Content::Blocks(b) = &i.content else { panic!("tree") };
        let got: Vec<_> = b.iter().map(|b| (b.text.as_str(), b.bold, b.role)).collect();
        assert_eq!(
            got,
            vec![
                ("Bold\nparagraph", true, BlockRole::Body),
                ("Text with a ref. and [^a b] kept", false, BlockRole::Body),
                ("[1] The note text.", false, BlockRole::Note),
                ("[2] Escaped note", false, BlockRole::Note),
                ("whole", true, BlockRole::Body),
                ("*item* and _x_ * \\", false, BlockRole::Body),
            ]
        );
    }

    #[test]
    fn crlf_nbsp_khmer_and_marks_pass_through() {
        let md = "# Titel\r\n\r\nDer  Satz\u{a0}eins \r\nNe\u{301} ក្រ\u{200B}ខ\r\n\r\n";
        let i = read(md.as_bytes(), Format::Md).unwrap();
        assert_eq!(texts(&i), vec![("Titel".into(), Some(1)), ("Der  Satz\u{a0}eins\nNe\u{301} ក្រ\u{200B}ខ".into(), None)]);
        let t = read(md.as_bytes(), Format::Txt).unwrap();
        assert_eq!(texts(&t), vec![("# Titel".into(), None), ("Der  Satz\u{a0}eins\nNe\u{301} ក្រ\u{200B}ខ".into(), None)]);
    }

    /// Markdown's `#` are hints only: the grammar builds the same tree with or without them.
    #[test]
    fn markdown_hashes_do_not_change_the_tree() {
        let parse_text = |s: &str| crate::structure::parse(&s.split("\n\n").map(Block::plain).collect::<Vec<_>>());
        let plain = "Chapter 1 - Scope\n\nArticle 1 - Purpose\n\n(1) Text one.\n\n(2) Text two.";
        let md = "# Chapter 1 - Scope\n\n## Article 1 - Purpose\n\n(1) Text one.\n\n(2) Text two.";
        let a = parse_text(plain);
        let blocks = match read(md.as_bytes(), Format::Md).unwrap().content {
            Content::Blocks(b) => b,
            _ => unreachable!(),
        };
        assert_eq!(a, crate::structure::parse(&blocks));
    }

    /// The importer as it was before each block's text was built in one pass:
    /// the reference the fast version must match byte for byte.
    mod reference {
        use super::super::*;

        pub fn read(bytes: &[u8], format: Format) -> Result<Ingested> {
            let text = decode(bytes)?;
            let markdown = format == Format::Md;
            let (body, title) = if markdown { split_front_matter(&text) } else { (text.as_str(), None) };
            let mut blocks = Vec::new();
            let mut para: Vec<&str> = Vec::new();
            let mut in_fence = false;
            for line in body.lines() {
                let trimmed = line.trim();
                if markdown && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
                    in_fence = !in_fence;
                    continue;
                }
                if trimmed.is_empty() {
                    flush(&mut para, &mut blocks);
                    continue;
                }
                if markdown && !in_fence {
                    if let Some((level, heading)) = atx_heading(trimmed) {
                        flush(&mut para, &mut blocks);
                        if !heading.is_empty() {
                            blocks.push(Block { text: heading.to_string(), heading_level: Some(level), ..Block::default() });
                        }
                        continue;
                    }
                    let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
                    if compact.len() >= 3 && (compact.chars().all(|c| c == '*') || compact.chars().all(|c| c == '_')) {
                        flush(&mut para, &mut blocks);
                        continue;
                    }
                    if !para.is_empty() && (trimmed.chars().all(|c| c == '=') || trimmed.chars().all(|c| c == '-')) && trimmed.len() >= 3 {
                        let level = if trimmed.starts_with('=') { 1 } else { 2 };
                        let text = para.join("\n");
                        para.clear();
                        blocks.push(Block { text, heading_level: Some(level), ..Block::default() });
                        continue;
                    }
                }
                para.push(line);
            }
            flush(&mut para, &mut blocks);
            if markdown {
                for b in &mut blocks {
                    strip_inline_markdown(b);
                    if b.text.starts_with("[^") && b.text.find("]:").is_some_and(|i| !b.text[2..i].contains(char::is_whitespace)) {
                        b.role = BlockRole::Note;
                        b.text = format!("[{}", &b.text[2..]).replacen("]:", "]", 1);
                        b.text = crate::text::collapse_ws(&b.text);
                    } else {
                        b.text =
                            strip_footnote_refs(&b.text).lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
                    }
                }
                blocks.retain(|b| !b.text.trim().is_empty());
            }
            let mut ingested = Ingested::blocks(format, blocks);
            ingested.title = title;
            Ok(ingested)
        }

        fn flush(para: &mut Vec<&str>, blocks: &mut Vec<Block>) {
            if para.is_empty() {
                return;
            }
            let text = para.iter().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n");
            para.clear();
            blocks.push(Block::plain(text));
        }

        fn strip_inline_markdown(b: &mut Block) {
            let lines: Vec<String> = b
                .text
                .lines()
                .map(|l| {
                    let t = l.trim_start();
                    let t = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")).or_else(|| t.strip_prefix("+ ")).unwrap_or(t);
                    let t = t.strip_prefix("> ").unwrap_or(t);
                    t.to_string()
                })
                .collect();
            let joined = lines.join("\n");
            let whole_bold = joined.len() > 4
                && ((joined.starts_with("**") && joined.ends_with("**")) || (joined.starts_with("__") && joined.ends_with("__")))
                && !joined[2..joined.len() - 2].contains("**");
            b.bold |= whole_bold;
            b.text = joined.replace("**", "").replace("__", "");
            if b.text.contains('\\') {
                let mut out = String::with_capacity(b.text.len());
                let mut chars = b.text.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
                        continue;
                    }
                    out.push(c);
                }
                b.text = out;
            }
        }
    }

    /// Random documents made of the pieces Markdown hints are made of: the
    /// importer gives exactly what the reference gives.
    #[test]
    fn same_blocks_as_the_reference() {
        const PIECES: &[&str] = &[
            "- ",
            "* ",
            "+ ",
            "> ",
            "  ",
            "**",
            "__",
            "*",
            "_",
            "\\",
            "\\.",
            "\\*",
            "\\\\",
            "[^1]",
            "[^a b]",
            "[^",
            "]",
            "]:",
            "[",
            "^",
            " ",
            "\t",
            "\r",
            "\r\n",
            "\n",
            "\n",
            "\n\n",
            "# ",
            "## ",
            "###### ",
            "#x",
            "===",
            "---",
            "***",
            "_ _ _",
            "```",
            "~~~",
            "Wort",
            "Wört",
            "§ 1",
            "ក្រ",
            "\u{a0}",
            "\u{200B}",
            "e\u{301}",
            "1.",
            "(a)",
            "---\nTitle: T\n---\n",
        ];
        proptest::proptest!(proptest::prelude::ProptestConfig::with_cases(4000), |(pieces in proptest::collection::vec(proptest::sample::select(PIECES), 1..=40))| {
            let doc: String = pieces.concat();
            for format in [Format::Md, Format::Txt] {
                let got = read(doc.as_bytes(), format).unwrap();
                let want = reference::read(doc.as_bytes(), format).unwrap();
                let Content::Blocks(got_blocks) = &got.content else { panic!("tree") };
                let Content::Blocks(want_blocks) = &want.content else { panic!("tree") };
                proptest::prop_assert_eq!((got_blocks, &got.title), (want_blocks, &want.title), "{:?} {:?}", format, doc);
            }
        });
    }
}
