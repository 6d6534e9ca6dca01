//! Layout: glyphs → lines (same baseline) → paragraphs (where the vertical gap
//! is clearly larger than the usual line spacing), page numbers dropped.

use super::interp::Glyph;

/// One line of a page: its baseline, font size and text.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) text: String,
}

/// Gap between glyphs, in ems, from which a space is inserted.
pub(super) const SPACE_GAP: f64 = 0.15;

pub(super) fn page_lines(glyphs: Vec<Glyph>) -> Vec<Line> {
    // The dominant orientation (by visible glyphs), in quarter turns.
    let quarter = |a: f64| ((a / std::f64::consts::FRAC_PI_2).round() as i64).rem_euclid(4);
    let mut counts = [0usize; 4];
    for g in &glyphs {
        if g.text.chars().any(|c| !c.is_whitespace()) {
            counts[quarter(g.angle) as usize] += 1;
        }
    }
    let dominant = (0..4).max_by_key(|&q| (counts[q], std::cmp::Reverse(q))).unwrap_or(0);
    let theta = dominant as f64 * std::f64::consts::FRAC_PI_2;
    let (sin, cos) = theta.sin_cos();
    let rotate = |x: f64, y: f64| (x * cos + y * sin, -x * sin + y * cos);

    let mut lines: Vec<Line> = Vec::new();
    let mut pen_end = 0.0f64;
    for g in glyphs {
        let mut diff = (g.angle - theta).rem_euclid(std::f64::consts::TAU);
        if diff > std::f64::consts::PI {
            diff -= std::f64::consts::TAU;
        }
        if diff.abs() > 0.1 || g.size <= 0.0 {
            continue; // rotated text (watermarks, margin notes) or degenerate
        }
        let text: String = g.text.chars().filter(|c| !c.is_control() || *c == '\t').collect();
        if text.is_empty() {
            continue;
        }
        let (x, y) = rotate(g.x, g.y);
        let (ex, _) = rotate(g.ex, g.ey);
        let same_line = lines.last().is_some_and(|l| (l.y - y).abs() < 0.5 * l.size.max(g.size) && x > pen_end - 3.0 * l.size.max(g.size));
        if same_line {
            let line = lines.last_mut().expect("line");
            let gap = x - pen_end;
            let needs_space = gap > SPACE_GAP * line.size.max(g.size) || gap < -line.size;
            if needs_space && !line.text.ends_with(char::is_whitespace) && !text.starts_with(char::is_whitespace) {
                line.text.push(' ');
            }
            line.text.push_str(&text);
            if g.size > line.size && text.chars().any(|c| !c.is_whitespace()) {
                line.size = g.size;
            }
            // The rightmost point reached: shaping moves the pen back for marks.
            pen_end = pen_end.max(ex);
        } else {
            lines.push(Line { y, size: g.size, text });
            pen_end = ex;
        }
    }
    for l in &mut lines {
        l.text = l.text.split('\t').map(str::trim_end).collect::<Vec<_>>().join("\t").trim().to_string();
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// A line holding only a page number: `12`, `- 12 -`, `Page 3 of 10`, `១២`, `ទំព័រ ៣`.
pub(super) fn is_page_number(line: &str) -> bool {
    let strip = |s: &str| -> String { s.trim_matches(|c: char| c.is_whitespace() || "-–—|·•".contains(c)).to_string() };
    let mut t = strip(line);
    for prefix in ["ទំព័រទី", "ទំព័រ", "Page", "page", "PAGE", "p."] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = strip(rest);
            break;
        }
    }
    let t = t.replace(" of ", "/").replace("នៃ", "/");
    let parts: Vec<&str> = t.split('/').map(str::trim).collect();
    parts.len() <= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().count() <= 5 && p.chars().all(|c| c.is_ascii_digit() || ('០'..='៩').contains(&c)))
}

/// A line that continues the paragraph left open at the end of the previous page.
pub(super) fn continues(prev: &str, next: &str) -> bool {
    let ends_open = !prev.trim_end().ends_with(['.', ':', ';', '!', '?', '។', '៕', '"', '”', ')']);
    ends_open && next.chars().next().is_some_and(char::is_lowercase)
}

/// The document's usual line step, in ems: the smallest distance between
/// consecutive lines that occurs repeatedly. Paragraph spacing and blank lines
/// make larger gaps, whatever the font's line height (Khmer fonts are tall).
pub(super) fn line_step(ratios: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = ratios.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let support = (v.len() / 10).max(2).min(v.len());
    v.iter().copied().find(|&r| v.iter().filter(|&&x| x >= r && x <= r * 1.08).count() >= support)
}

/// Groups the lines of all pages into paragraphs (lines joined with `\n`).
pub(super) fn paragraphs(pages: &[Vec<Line>]) -> Vec<String> {
    // Drop page numbers among the first and last two lines of each page.
    let pages: Vec<Vec<&Line>> = pages
        .iter()
        .map(|lines| {
            let n = lines.len();
            lines.iter().enumerate().filter(|(i, l)| !((*i < 2 || *i + 2 >= n) && is_page_number(&l.text))).map(|(_, l)| l).collect()
        })
        .collect();
    let ratio = |a: &Line, b: &Line| (a.y - b.y) / a.size.max(b.size);
    let ratios: Vec<f64> = pages.iter().flat_map(|p| p.windows(2).map(|w| ratio(w[0], w[1]))).filter(|&r| r > 0.2 && r < 6.0).collect();
    let step = line_step(&ratios);

    let mut out: Vec<String> = Vec::new();
    for page in &pages {
        let mut current: Vec<&str> = Vec::new();
        for (i, line) in page.iter().enumerate() {
            let breaks = match i.checked_sub(1).map(|k| page[k]) {
                None => true,
                Some(prev) => {
                    let r = ratio(prev, line);
                    let sizes = prev.size.max(line.size) / prev.size.min(line.size).max(0.01);
                    r <= 0.2 || sizes > 1.2 || step.map_or(r > 1.9, |s| r > 1.3 * s)
                }
            };
            if breaks && !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
            if i == 0 {
                if let Some(last) = out.last_mut() {
                    if continues(last, &line.text) {
                        last.push('\n');
                        last.push_str(&line.text);
                        continue;
                    }
                }
            }
            current.push(&line.text);
        }
        if !current.is_empty() {
            out.push(current.join("\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for s in ["12", "- 12 -", "— 3 —", "Page 3 of 10", "page 4", "១២", "- ១ -", "ទំព័រ ៣", "3/10"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["Article 12", "12.", "(1)", "2025-2030", "123456", ""] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    fn line(y: f64, text: &str) -> Line {
        Line { y, size: 10.0, text: text.to_string() }
    }

    #[test]
    fn paragraphs_from_gaps_and_across_pages() {
        let pages = vec![
            vec![
                line(800.0, "3"),
                line(780.0, "Article 1"),
                line(768.0, "The minister shall publish"),
                line(756.0, "each draft."),
                line(730.0, "Article 2"),
                line(718.0, "A draft is published on the"),
                line(40.0, "- 3 -"),
            ],
            vec![line(800.0, "website of the ministry."), line(774.0, "Article 3")],
        ];
        assert_eq!(
            paragraphs(&pages),
            vec![
                "Article 1\nThe minister shall publish\neach draft.",
                "Article 2\nA draft is published on the\nwebsite of the ministry.",
                "Article 3",
            ]
        );
    }
}
