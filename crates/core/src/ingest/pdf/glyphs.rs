//! Glyph tables: Adobe glyph names (`eacute`, `uni17D2`, `f_i` ...) → text.

/// Text of an Adobe glyph name (`a`, `eacute`, `uni17D2`, `f_i`, `one.sc` ...).
pub(super) fn glyph_text(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name);
    if base.contains('_') {
        return base.split('_').map(glyph_text).collect();
    }
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            let units: Vec<u16> = (0..hex.len()).step_by(4).filter_map(|i| u16::from_str_radix(&hex[i..i + 4], 16).ok()).collect();
            return String::from_utf16(&units).ok();
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).map(String::from);
        }
    }
    if base.len() == 1 && base.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Some(base.to_string());
    }
    if let Some(i) = LATIN1_UPPER.iter().position(|&n| n == base) {
        return char::from_u32(0xC0 + i as u32).map(String::from);
    }
    GLYPH_NAMES.iter().find(|(n, _)| *n == base).map(|(_, t)| (*t).to_string())
}

/// Glyph names of U+00C0..U+00FF, in order.
pub(super) const LATIN1_UPPER: [&str; 64] = [
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "multiply",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "divide",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "ydieresis",
];

pub(super) const GLYPH_NAMES: &[(&str, &str)] = &[
    ("space", " "),
    ("nbspace", "\u{a0}"),
    ("nonbreakingspace", "\u{a0}"),
    ("exclam", "!"),
    ("quotedbl", "\""),
    ("numbersign", "#"),
    ("dollar", "$"),
    ("percent", "%"),
    ("ampersand", "&"),
    ("quotesingle", "'"),
    ("quoteright", "\u{2019}"),
    ("quoteleft", "\u{2018}"),
    ("parenleft", "("),
    ("parenright", ")"),
    ("asterisk", "*"),
    ("plus", "+"),
    ("comma", ","),
    ("hyphen", "-"),
    ("minus", "\u{2212}"),
    ("period", "."),
    ("slash", "/"),
    ("zero", "0"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("colon", ":"),
    ("semicolon", ";"),
    ("less", "<"),
    ("equal", "="),
    ("greater", ">"),
    ("question", "?"),
    ("at", "@"),
    ("bracketleft", "["),
    ("backslash", "\\"),
    ("bracketright", "]"),
    ("asciicircum", "^"),
    ("underscore", "_"),
    ("grave", "`"),
    ("braceleft", "{"),
    ("bar", "|"),
    ("braceright", "}"),
    ("asciitilde", "~"),
    ("exclamdown", "\u{a1}"),
    ("cent", "\u{a2}"),
    ("sterling", "\u{a3}"),
    ("currency", "\u{a4}"),
    ("yen", "\u{a5}"),
    ("brokenbar", "\u{a6}"),
    ("section", "\u{a7}"),
    ("dieresis", "\u{a8}"),
    ("copyright", "\u{a9}"),
    ("ordfeminine", "\u{aa}"),
    ("guillemotleft", "\u{ab}"),
    ("logicalnot", "\u{ac}"),
    ("registered", "\u{ae}"),
    ("macron", "\u{af}"),
    ("degree", "\u{b0}"),
    ("plusminus", "\u{b1}"),
    ("twosuperior", "\u{b2}"),
    ("threesuperior", "\u{b3}"),
    ("acute", "\u{b4}"),
    ("mu", "\u{b5}"),
    ("paragraph", "\u{b6}"),
    ("periodcentered", "\u{b7}"),
    ("cedilla", "\u{b8}"),
    ("onesuperior", "\u{b9}"),
    ("ordmasculine", "\u{ba}"),
    ("guillemotright", "\u{bb}"),
    ("onequarter", "\u{bc}"),
    ("onehalf", "\u{bd}"),
    ("threequarters", "\u{be}"),
    ("questiondown", "\u{bf}"),
    ("quotesinglbase", "\u{201a}"),
    ("florin", "\u{192}"),
    ("quotedblbase", "\u{201e}"),
    ("ellipsis", "\u{2026}"),
    ("dagger", "\u{2020}"),
    ("daggerdbl", "\u{2021}"),
    ("circumflex", "\u{2c6}"),
    ("perthousand", "\u{2030}"),
    ("Scaron", "\u{160}"),
    ("guilsinglleft", "\u{2039}"),
    ("OE", "\u{152}"),
    ("Zcaron", "\u{17d}"),
    ("quotedblleft", "\u{201c}"),
    ("quotedblright", "\u{201d}"),
    ("bullet", "\u{2022}"),
    ("endash", "\u{2013}"),
    ("emdash", "\u{2014}"),
    ("tilde", "\u{2dc}"),
    ("trademark", "\u{2122}"),
    ("scaron", "\u{161}"),
    ("guilsinglright", "\u{203a}"),
    ("oe", "\u{153}"),
    ("zcaron", "\u{17e}"),
    ("Ydieresis", "\u{178}"),
    ("Euro", "\u{20ac}"),
    ("dotlessi", "\u{131}"),
    ("fi", "fi"),
    ("fl", "fl"),
    ("ff", "ff"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_text("eacute").as_deref(), Some("é"));
        assert_eq!(glyph_text("uni17D2").as_deref(), Some("\u{17D2}"));
        assert_eq!(glyph_text("f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_text("one.oldstyle").as_deref(), Some("1"));
        assert_eq!(glyph_text("quotedblright").as_deref(), Some("”"));
        assert_eq!(glyph_text("g123"), None);
    }
}
