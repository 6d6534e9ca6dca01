//! CMap files: code-space ranges and the code → text map of a ToUnicode CMap.

use std::collections::HashMap;

/// Most entries a ToUnicode map may expand to (bounds memory on hostile files).
pub(super) const MAX_CMAP_ENTRIES: usize = 200_000;

/// A parsed CMap: code-space ranges and (for ToUnicode) code → text.
pub(super) struct CMap {
    pub(super) code_space: Vec<(usize, u32, u32)>,
    pub(super) map: HashMap<u32, String>,
}

#[derive(Debug, PartialEq)]
pub(super) enum Tok {
    Hex(Vec<u8>),
    Word(String),
    Open,
    Close,
}

pub(super) fn cmap_tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start..].iter().position(|&b| b == b'>').map_or(data.len(), |p| start + p);
                let hex: Vec<u8> = data[start..end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let mut bytes: Vec<u8> = hex
                    .chunks(2)
                    .map(|p| {
                        let s = std::str::from_utf8(p).unwrap_or("0");
                        u8::from_str_radix(&format!("{s:0<2}"), 16).unwrap_or(0)
                    })
                    .collect();
                bytes.truncate(512);
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings do not occur in the maps we read: skip them.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                out.push(Tok::Word(String::new()));
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !b"<>[]()% \t\r\n\x0c\0".contains(&data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                out.push(Tok::Word(String::from_utf8_lossy(&data[start..i]).into_owned()));
            }
        }
    }
    out
}

pub(super) fn be_value(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

pub(super) fn utf16_text(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
    String::from_utf16_lossy(&units)
}

/// Destination text of a `bfrange` entry `offset` codes past its start: the
/// last UTF-16 unit is incremented.
pub(super) fn range_text(dst: &[u8], offset: u32) -> Option<String> {
    let mut units: Vec<u16> = dst.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
    let last = units.last_mut()?;
    *last = u16::try_from(u32::from(*last) + offset).ok()?;
    Some(String::from_utf16_lossy(&units))
}

pub(super) fn parse_cmap(data: &[u8]) -> CMap {
    let toks = cmap_tokens(data);
    let mut cmap = CMap { code_space: Vec::new(), map: HashMap::new() };
    let mut i = 0;
    let word = |t: &Tok, w: &str| matches!(t, Tok::Word(s) if s == w);
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(w) if w == "begincodespacerange" => {
                i += 1;
                while i + 1 < toks.len() && !word(&toks[i], "endcodespacerange") {
                    if let (Tok::Hex(lo), Tok::Hex(hi)) = (&toks[i], &toks[i + 1]) {
                        if (1..=4).contains(&lo.len()) {
                            cmap.code_space.push((lo.len(), be_value(lo), be_value(hi)));
                        }
                    }
                    i += 2;
                }
            }
            Tok::Word(w) if w == "beginbfchar" => {
                i += 1;
                while i + 1 < toks.len() && !word(&toks[i], "endbfchar") {
                    if let (Tok::Hex(src), Tok::Hex(dst)) = (&toks[i], &toks[i + 1]) {
                        if cmap.map.len() < MAX_CMAP_ENTRIES {
                            cmap.map.insert(be_value(src), utf16_text(dst));
                        }
                    }
                    i += 2;
                }
            }
            Tok::Word(w) if w == "beginbfrange" => {
                i += 1;
                while i + 2 < toks.len() && !word(&toks[i], "endbfrange") {
                    let (Tok::Hex(lo), Tok::Hex(hi)) = (&toks[i], &toks[i + 1]) else {
                        i += 1;
                        continue;
                    };
                    let (lo, hi) = (be_value(lo), be_value(hi));
                    let hi = hi.min(lo.saturating_add(65_535));
                    match &toks[i + 2] {
                        Tok::Hex(dst) => {
                            for c in lo..=hi {
                                if cmap.map.len() >= MAX_CMAP_ENTRIES {
                                    break;
                                }
                                if let Some(t) = range_text(dst, c - lo) {
                                    cmap.map.insert(c, t);
                                }
                            }
                            i += 3;
                        }
                        Tok::Open => {
                            let mut j = i + 3;
                            let mut c = lo;
                            while j < toks.len() && toks[j] != Tok::Close {
                                if let Tok::Hex(dst) = &toks[j] {
                                    if c <= hi && cmap.map.len() < MAX_CMAP_ENTRIES {
                                        cmap.map.insert(c, utf16_text(dst));
                                    }
                                    c = c.saturating_add(1);
                                }
                                j += 1;
                            }
                            i = j + 1;
                        }
                        _ => i += 3,
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    cmap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_parsing() {
        let data = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0010> <179817B6> endbfchar
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0066006C> <D835DC00>] endbfrange
            endcmap";
        let cmap = parse_cmap(data);
        assert_eq!(cmap.code_space, vec![(2, 0, 0xFFFF)]);
        assert_eq!(cmap.map[&3], " ");
        assert_eq!(cmap.map[&0x10], "មា");
        assert_eq!(cmap.map[&0x21], "B");
        assert_eq!(cmap.map[&0x22], "C");
        assert_eq!(cmap.map[&0x30], "fl");
        assert_eq!(cmap.map[&0x31], "\u{1D400}");
    }
}
