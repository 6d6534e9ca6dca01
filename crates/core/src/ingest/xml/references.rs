//! Character references (`&#233;`, `&#x2014;`) and the fixed table of named
//! entities (the five of XML and the common HTML names): the only entity
//! expansion Draftwatch performs.

use std::borrow::Cow;

/// Decodes `&name;`, `&#NNN;` and `&#xHHH;` in `raw`: character references and
/// the names of [`entity`]; an unknown or malformed reference is kept as written
/// and reported to `unknown` (with its name). A `&` that starts no reference is
/// kept too.
pub fn decode_references<'a>(raw: &'a str, unknown: &mut dyn FnMut(&str)) -> Cow<'a, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        // A reference name is short; look for its `;` within 40 bytes.
        let semi = after.bytes().take(40).position(|b| b == b';');
        let Some(semi) = semi else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..semi];
        let valid_name =
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '#' || c == '_' || c == '-' || c == '.' || c == ':');
        if !valid_name {
            out.push('&');
            rest = after;
            continue;
        }
        match char_reference(name).map(|c| c.to_string()).or_else(|| entity(name).map(str::to_string)) {
            Some(s) => out.push_str(&s),
            None => {
                unknown(name);
                out.push('&');
                out.push_str(name);
                out.push(';');
            }
        }
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `#233` / `#xE9` → `é`; `None` for other names and for invalid code points (NUL, surrogates).
pub fn char_reference(name: &str) -> Option<char> {
    let num = name.strip_prefix('#')?;
    let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => num.parse::<u32>().ok()?,
    };
    if code == 0 {
        return None;
    }
    // Windows-1252 code points that HTML pages send as numeric references.
    let code = match code {
        0x80 => 0x20AC,
        0x91 => 0x2018,
        0x92 => 0x2019,
        0x93 => 0x201C,
        0x94 => 0x201D,
        0x96 => 0x2013,
        0x97 => 0x2014,
        0x85 => 0x2026,
        c => c,
    };
    char::from_u32(code)
}

/// The replacement text of a predefined XML entity or a common HTML named entity
/// (`amp`, `nbsp`, `mdash`, `sect`, `eacute`, ...); `None` for any other name.
/// This fixed table is the only entity expansion Draftwatch performs.
pub fn entity(name: &str) -> Option<&'static str> {
    ENTITIES.binary_search_by(|(n, _)| (*n).cmp(name)).ok().map(|i| ENTITIES[i].1)
}

/// Named entities, sorted by name (byte order) for binary search.
const ENTITIES: &[(&str, &str)] = &[
    ("AElig", "Æ"),
    ("Aacute", "Á"),
    ("Acirc", "Â"),
    ("Agrave", "À"),
    ("Alpha", "Α"),
    ("Aring", "Å"),
    ("Atilde", "Ã"),
    ("Auml", "Ä"),
    ("Beta", "Β"),
    ("Ccedil", "Ç"),
    ("Dagger", "‡"),
    ("Delta", "Δ"),
    ("ETH", "Ð"),
    ("Eacute", "É"),
    ("Ecirc", "Ê"),
    ("Egrave", "È"),
    ("Euml", "Ë"),
    ("Gamma", "Γ"),
    ("Iacute", "Í"),
    ("Icirc", "Î"),
    ("Igrave", "Ì"),
    ("Iuml", "Ï"),
    ("Lambda", "Λ"),
    ("Ntilde", "Ñ"),
    ("OElig", "Œ"),
    ("Oacute", "Ó"),
    ("Ocirc", "Ô"),
    ("Ograve", "Ò"),
    ("Omega", "Ω"),
    ("Oslash", "Ø"),
    ("Otilde", "Õ"),
    ("Ouml", "Ö"),
    ("Phi", "Φ"),
    ("Pi", "Π"),
    ("Prime", "″"),
    ("Psi", "Ψ"),
    ("Scaron", "Š"),
    ("Sigma", "Σ"),
    ("THORN", "Þ"),
    ("Theta", "Θ"),
    ("Uacute", "Ú"),
    ("Ucirc", "Û"),
    ("Ugrave", "Ù"),
    ("Uuml", "Ü"),
    ("Yacute", "Ý"),
    ("Yuml", "Ÿ"),
    ("Zcaron", "Ž"),
    ("aacute", "á"),
    ("acirc", "â"),
    ("acute", "´"),
    ("aelig", "æ"),
    ("agrave", "à"),
    ("alpha", "α"),
    ("amp", "&"),
    ("apos", "'"),
    ("aring", "å"),
    ("asymp", "≈"),
    ("atilde", "ã"),
    ("auml", "ä"),
    ("bdquo", "„"),
    ("beta", "β"),
    ("brvbar", "¦"),
    ("bull", "•"),
    ("ccedil", "ç"),
    ("cedil", "¸"),
    ("cent", "¢"),
    ("check", "✓"),
    ("circ", "ˆ"),
    ("copy", "©"),
    ("curren", "¤"),
    ("dagger", "†"),
    ("darr", "↓"),
    ("deg", "°"),
    ("delta", "δ"),
    ("divide", "÷"),
    ("eacute", "é"),
    ("ecirc", "ê"),
    ("egrave", "è"),
    ("emsp", "\u{2003}"),
    ("ensp", "\u{2002}"),
    ("epsilon", "ε"),
    ("equiv", "≡"),
    ("eth", "ð"),
    ("euml", "ë"),
    ("euro", "€"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("gamma", "γ"),
    ("ge", "≥"),
    ("gt", ">"),
    ("harr", "↔"),
    ("hellip", "…"),
    ("iacute", "í"),
    ("icirc", "î"),
    ("iexcl", "¡"),
    ("igrave", "ì"),
    ("infin", "∞"),
    ("iquest", "¿"),
    ("iuml", "ï"),
    ("lambda", "λ"),
    ("laquo", "«"),
    ("larr", "←"),
    ("ldquo", "“"),
    ("le", "≤"),
    ("lowast", "∗"),
    ("lrm", "\u{200E}"),
    ("lsaquo", "‹"),
    ("lsquo", "‘"),
    ("lt", "<"),
    ("macr", "¯"),
    ("mdash", "—"),
    ("micro", "µ"),
    ("middot", "·"),
    ("minus", "−"),
    ("mu", "μ"),
    ("nbsp", "\u{A0}"),
    ("ndash", "–"),
    ("ne", "≠"),
    ("not", "¬"),
    ("ntilde", "ñ"),
    ("oacute", "ó"),
    ("ocirc", "ô"),
    ("oelig", "œ"),
    ("ograve", "ò"),
    ("omega", "ω"),
    ("ordf", "ª"),
    ("ordm", "º"),
    ("oslash", "ø"),
    ("otilde", "õ"),
    ("ouml", "ö"),
    ("para", "¶"),
    ("permil", "‰"),
    ("phi", "φ"),
    ("pi", "π"),
    ("plusmn", "±"),
    ("pound", "£"),
    ("prime", "′"),
    ("psi", "ψ"),
    ("quot", "\""),
    ("raquo", "»"),
    ("rarr", "→"),
    ("rdquo", "”"),
    ("reg", "®"),
    ("rlm", "\u{200F}"),
    ("rsaquo", "›"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("scaron", "š"),
    ("sect", "§"),
    ("shy", "\u{AD}"),
    ("sigma", "σ"),
    ("sup1", "¹"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("szlig", "ß"),
    ("tau", "τ"),
    ("theta", "θ"),
    ("thinsp", "\u{2009}"),
    ("thorn", "þ"),
    ("tilde", "˜"),
    ("times", "×"),
    ("trade", "™"),
    ("uacute", "ú"),
    ("uarr", "↑"),
    ("ucirc", "û"),
    ("ugrave", "ù"),
    ("uml", "¨"),
    ("uuml", "ü"),
    ("yacute", "ý"),
    ("yen", "¥"),
    ("yuml", "ÿ"),
    ("zcaron", "ž"),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::xml::parse_str;

    #[test]
    fn entity_table_is_sorted() {
        assert!(ENTITIES.windows(2).all(|w| w[0].0 < w[1].0), "ENTITIES must be sorted for binary search");
        assert_eq!(entity("nbsp"), Some("\u{a0}"));
        assert_eq!(entity("AElig"), Some("Æ"));
        assert_eq!(entity("xxe"), None);
    }

    #[test]
    fn references_decoded_unknown_kept() {
        let d = parse_str("<a t=\"x &amp; &#233; &foo;\">1 &lt; 2 &#x2014; &sect;&nbsp;3 &xxe; &#0; AT&amp;T</a>").unwrap();
        assert_eq!(d.root.text(), "1 < 2 — §\u{a0}3 &xxe; &#0; AT&T");
        assert_eq!(d.root.attr("t"), Some("x & é &foo;"));
        assert_eq!(d.unknown_entities, 3);
        assert_eq!(d.unknown_entity_names, vec!["foo", "xxe", "#0"]);
    }
}
