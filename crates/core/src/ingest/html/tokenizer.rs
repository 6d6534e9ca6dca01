//! The tokenizer: one pass over the HTML text, feeding start tags (with their
//! attributes), end tags and decoded text to the [`Builder`].

use super::builder::Builder;
use super::elements::RAW_TEXT;
use crate::ingest::xml::{char_reference, entity};
use std::borrow::Cow;

/// Walks `html`, feeding tags and text to `b`.
pub(super) fn tokenize(html: &str, b: &mut Builder) {
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

pub(super) fn tag_name_end(bytes: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'-' | b':' | b'_')) {
        j += 1;
    }
    j
}

/// Parses attributes from `from` up to the closing `>`; returns them (names
/// lower-cased, values decoded), whether the tag ended with `/>`, and the index
/// after the `>`.
pub(super) fn parse_attributes(html: &str, from: usize) -> (Vec<(String, String)>, bool, usize) {
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
pub(super) fn raw_text<'a>(html: &'a str, from: usize, name: &str) -> (&'a str, usize) {
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
///
/// Not `xml::decode_references`: that one checks the name's characters first
/// (so `&#+65;` stays as written there but is `A` here) and counts unknown
/// names; sharing it would change what HTML imports print.
pub(super) fn decode_entities(s: &str) -> Cow<'_, str> {
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
