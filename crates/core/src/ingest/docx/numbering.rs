//! Word's automatic numbering (`numbering.xml`): list definitions, level
//! overrides, and the number formats a level prints.

use super::part::El;
use super::styles::Styles;
use crate::structure::number::to_roman;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumFmt {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Suff {
    Tab,
    Space,
    Nothing,
}

#[derive(Debug, Clone)]
pub(super) struct Level {
    pub(super) start: i64,
    pub(super) fmt: NumFmt,
    pub(super) text: Option<String>,
    pub(super) is_lgl: bool,
    pub(super) restart: Option<i64>,
    pub(super) pstyle: Option<String>,
    pub(super) suff: Suff,
}

impl Level {
    pub(super) fn from_xml(lvl: &El) -> Level {
        Level {
            start: lvl.child_val("start").and_then(|v| v.parse().ok()).unwrap_or(0),
            fmt: match lvl.child_val("numFmt").unwrap_or("decimal") {
                "decimalZero" => NumFmt::DecimalZero,
                "lowerLetter" => NumFmt::LowerLetter,
                "upperLetter" => NumFmt::UpperLetter,
                "lowerRoman" => NumFmt::LowerRoman,
                "upperRoman" => NumFmt::UpperRoman,
                "bullet" => NumFmt::Bullet,
                "none" => NumFmt::None,
                _ => NumFmt::Decimal,
            },
            text: lvl.child_val("lvlText").map(str::to_string),
            is_lgl: lvl.toggle("isLgl").unwrap_or(false),
            restart: lvl.child_val("lvlRestart").and_then(|v| v.parse().ok()),
            pstyle: lvl.child_val("pStyle").map(str::to_string),
            suff: match lvl.child_val("suff") {
                Some("space") => Suff::Space,
                Some("nothing") => Suff::Nothing,
                _ => Suff::Tab,
            },
        }
    }
}

pub(super) fn levels_of(el: &El) -> HashMap<u8, Level> {
    el.children()
        .filter(|c| c.is("lvl"))
        .filter_map(|l| Some((l.attr("ilvl")?.parse::<u8>().ok().filter(|&i| i < 9)?, Level::from_xml(l))))
        .collect()
}

#[derive(Debug, Default)]
pub(super) struct AbstractNum {
    pub(super) levels: HashMap<u8, Level>,
    pub(super) num_style_link: Option<String>,
}

#[derive(Debug, Default)]
pub(super) struct Num {
    pub(super) abstract_id: String,
    /// Level → (startOverride, replacement level definition).
    pub(super) overrides: HashMap<u8, (Option<i64>, Option<Level>)>,
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    pub(super) abstracts: HashMap<String, AbstractNum>,
    pub(super) nums: HashMap<String, Num>,
}

impl Numbering {
    pub(super) fn from_xml(root: &El) -> Numbering {
        let mut n = Numbering::default();
        for a in root.children().filter(|c| c.is("abstractNum")) {
            let Some(id) = a.attr("abstractNumId") else { continue };
            n.abstracts.insert(
                id.to_string(),
                AbstractNum { levels: levels_of(a), num_style_link: a.child_val("numStyleLink").map(str::to_string) },
            );
        }
        for num in root.children().filter(|c| c.is("num")) {
            let (Some(id), Some(abs)) = (num.attr("numId"), num.child_val("abstractNumId")) else { continue };
            let mut overrides = HashMap::new();
            for o in num.children().filter(|c| c.is("lvlOverride")) {
                let Some(ilvl) = o.attr("ilvl").and_then(|v| v.parse::<u8>().ok()).filter(|&i| i < 9) else {
                    continue;
                };
                let start = o.child_val("startOverride").and_then(|v| v.parse().ok());
                let level = o.child("lvl").map(Level::from_xml);
                overrides.insert(ilvl, (start, level));
            }
            n.nums.insert(id.to_string(), Num { abstract_id: abs.to_string(), overrides });
        }
        n
    }

    /// The abstract numbering a num uses, following `w:numStyleLink` to the
    /// numbering style's own num.
    pub(super) fn abstract_for<'s>(&'s self, num: &'s Num, styles: &Styles) -> Option<(&'s str, &'s AbstractNum)> {
        let mut id = num.abstract_id.as_str();
        for _ in 0..4 {
            let abs = self.abstracts.get(id)?;
            let Some(link) = abs.num_style_link.as_deref().filter(|_| abs.levels.is_empty()) else {
                return Some((id, abs));
            };
            let linked = styles.chain(Some(link)).iter().find_map(|s| s.num_id.clone())?;
            id = self.nums.get(&linked)?.abstract_id.as_str();
        }
        None
    }
}

/// Counters of one list: the last value printed at each level (`None` = not
/// used since the level was last restarted), and per-level start overrides.
#[derive(Debug, Default)]
pub(super) struct ListState {
    pub(super) vals: [Option<i64>; 9],
    pub(super) starts: [Option<i64>; 9],
}

pub(super) fn format_number(v: i64, fmt: NumFmt) -> String {
    match fmt {
        NumFmt::None | NumFmt::Bullet => String::new(),
        NumFmt::DecimalZero if (0..10).contains(&v) => format!("0{v}"),
        NumFmt::LowerLetter | NumFmt::UpperLetter if v >= 1 => {
            let letter = (b'a' + ((v - 1) % 26) as u8) as char;
            let s: String = std::iter::repeat_n(letter, ((v - 1) / 26 + 1) as usize).collect();
            if fmt == NumFmt::UpperLetter {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        NumFmt::LowerRoman | NumFmt::UpperRoman if (1..4000).contains(&v) => {
            let s = to_roman(v as u32);
            if fmt == NumFmt::UpperRoman {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        _ => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(format_number(28, NumFmt::LowerLetter), "bb");
        assert_eq!(format_number(4, NumFmt::UpperRoman), "IV");
        assert_eq!(format_number(1994, NumFmt::LowerRoman), "mcmxciv");
        assert_eq!(format_number(7, NumFmt::DecimalZero), "07");
        assert_eq!(format_number(12, NumFmt::DecimalZero), "12");
        assert_eq!(format_number(0, NumFmt::LowerLetter), "0");
    }
}
