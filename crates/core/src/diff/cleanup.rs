//! The semantic cleanup of a raw edit script into a redline a lawyer would
//! mark (see [`super::words`], step 4).

use std::ops::Range;

use super::script::{push_edit, push_seg, Seg, Side};
use super::tokens::TokenKind;

/// The semantic cleanup (see the module docs).
pub(super) fn cleanup(o: &Side<'_>, n: &Side<'_>, raw: Vec<Seg>) -> Vec<Seg> {
    let segs = match_repeated_phrases_early(o, n, raw);
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    for seg in segs {
        out.push(seg);
        // Absorb equalities as long as the newest edit allows it.
        while out.len() >= 3 && !out[out.len() - 1].equal {
            let k = out.len();
            let (left, mid, right) = (&out[k - 3], &out[k - 2], &out[k - 1]);
            debug_assert!(!left.equal && mid.equal);
            if !absorbable(o, n, left, mid, right) {
                break;
            }
            let right = out.pop().expect("three segments");
            out.pop();
            let left = out.last_mut().expect("three segments");
            left.old.end = right.old.end;
            left.new.end = right.new.end;
        }
    }
    let mut out = factor_common_ends(o, n, out);
    slide_to_words(o, n, &mut out);
    out
}

/// Gives the tokens that both sides of an edit start or end with back to the
/// equal text around it (absorbing can leave `[-notify the -]{+obtain the
/// prior written approval of the +}`: the shared ` the ` is not an edit).
fn factor_common_ends(o: &Side<'_>, n: &Side<'_>, segs: Vec<Seg>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len() + 2);
    for seg in segs {
        if seg.equal {
            push_seg(&mut out, seg);
        } else {
            push_edit(o, n, &mut out, seg.old, seg.new);
        }
    }
    out
}

/// Whether the equality `mid` between edits `left` and `right` should become
/// part of one edit with them: when it has no word, or (diff-match-patch's
/// rule) when it is no longer than the larger side of either edit, unless it
/// holds a paragraph break (paragraphs keep their own edits).
fn absorbable(o: &Side<'_>, n: &Side<'_>, left: &Seg, mid: &Seg, right: &Seg) -> bool {
    if o.words(mid.old.clone()) == 0 {
        return true;
    }
    if o.slice(&mid.old).contains('\n') {
        return false;
    }
    let len = o.bytes(&mid.old);
    let size = |s: &Seg| o.bytes(&s.old).max(n.bytes(&s.new));
    len <= size(left) && len <= size(right)
}

/// Where Myers matched a repeated phrase late, moves the match early: an
/// edit `X → Y P Z` followed by the equal `P …` (or `X P Z → Y` followed by
/// `P …`) becomes `X → Y`, equal `P`, an insertion (deletion) `Z P`, equal
/// `…`. The number of matched tokens is the same; the redline pairs what was
/// replaced with its replacement and shows the addition as an addition (lango
/// v1→v2, Article 9: `មាត្រា [-៧-]{+៩+} នៃច្បាប់នេះ {+ឬ… នៃច្បាប់នេះ +}។`).
/// The phrase must hold a word; the earliest, longest phrase wins.
fn match_repeated_phrases_early(o: &Side<'_>, n: &Side<'_>, segs: Vec<Seg>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len() + 4);
    let mut i = 0;
    while i < segs.len() {
        let edit = &segs[i];
        let next = segs.get(i + 1);
        let (Some(next), false) = (next, edit.equal) else {
            out.push(segs[i].clone());
            i += 1;
            continue;
        };
        if edit.old.is_empty() || edit.new.is_empty() {
            out.push(segs[i].clone());
            i += 1;
            continue;
        }
        let last = i + 2 == segs.len();
        // Try the new side (a tail to insert), then the old side (to delete).
        let split = best_split(n, &edit.new, &next.new, last)
            .map(|(j, l)| (true, j, l))
            .or_else(|| best_split(o, &edit.old, &next.old, last).map(|(j, l)| (false, j, l)));
        let Some((on_new, j, l)) = split else {
            out.push(segs[i].clone());
            i += 1;
            continue;
        };
        let (eo, en, no, nn) = (edit.old.clone(), edit.new.clone(), next.old.clone(), next.new.clone());
        if on_new {
            let (n0, n1, o1) = (en.start, en.end, eo.end);
            out.push(Seg { equal: false, old: eo.clone(), new: n0..n0 + j });
            out.push(Seg { equal: true, old: o1..o1 + l, new: n0 + j..n0 + j + l });
            out.push(Seg { equal: false, old: o1 + l..o1 + l, new: n0 + j + l..n1 + l });
            out.push(Seg { equal: true, old: o1 + l..no.end, new: n1 + l..nn.end });
        } else {
            let (o0, o1, n1) = (eo.start, eo.end, en.end);
            out.push(Seg { equal: false, old: o0..o0 + j, new: en.clone() });
            out.push(Seg { equal: true, old: o0 + j..o0 + j + l, new: n1..n1 + l });
            out.push(Seg { equal: false, old: o0 + j + l..o1 + l, new: n1 + l..n1 + l });
            out.push(Seg { equal: true, old: o1 + l..no.end, new: n1 + l..nn.end });
        }
        if out.last().is_some_and(|s| s.old.is_empty() && s.new.is_empty()) {
            out.pop();
        }
        i += 2;
    }
    out
}

/// For an edit side `r` followed by the equal tokens `after` (same side):
/// the split `j` and phrase length `l` such that `r[j..j + l] == after[..l]`,
/// the phrase holds a word, `l` is as long as possible and `j` as small as
/// possible. The equal run keeps a token unless it ends the text.
fn best_split(side: &Side<'_>, r: &Range<usize>, after: &Range<usize>, last: bool) -> Option<(usize, usize)> {
    const MAX_WORK: usize = 4096;
    let t = &side.toks;
    let room = if last { after.len() } else { after.len().saturating_sub(1) };
    let mut best: Option<(usize, usize)> = None;
    let mut work = 0;
    for j in 1..r.len() {
        let mut l = 0;
        while l < room && j + l < r.len() && t[r.start + j + l].text == t[after.start + l].text {
            l += 1;
            work += 1;
        }
        work += 1;
        if work > MAX_WORK {
            break;
        }
        if l > best.map_or(0, |b| b.1) && side.words(after.start..after.start + l) > 0 {
            best = Some((j, l));
        }
    }
    best
}

/// Slides each pure insertion or deletion, where the equal tokens around it
/// allow, to the position that reads best: starting at a word and ending with
/// a space; ties go to the position closest to Myers's.
fn slide_to_words(o: &Side<'_>, n: &Side<'_>, segs: &mut [Seg]) {
    for i in 1..segs.len() {
        if segs[i].equal || i + 1 >= segs.len() || !segs[i - 1].equal || !segs[i + 1].equal {
            continue;
        }
        let (is_insert, side) = if segs[i].old.is_empty() {
            (true, n)
        } else if segs[i].new.is_empty() {
            (false, o)
        } else {
            continue;
        };
        let r = if is_insert { segs[i].new.clone() } else { segs[i].old.clone() };
        // The equal neighbours, on the same side, keep at least one token.
        let before = if is_insert { segs[i - 1].new.clone() } else { segs[i - 1].old.clone() };
        let after = if is_insert { segs[i + 1].new.clone() } else { segs[i + 1].old.clone() };
        let t = &side.toks;
        let mut left = 0;
        while left + 1 < before.len() && t[r.start - 1 - left].text == t[r.end - 1 - left].text {
            left += 1;
        }
        let mut right = 0;
        while right + 1 < after.len() && t[r.end + right].text == t[r.start + right].text {
            right += 1;
        }
        if left == 0 && right == 0 {
            continue;
        }
        let score =
            |start: usize, end: usize| 2 * usize::from(t[start].kind == TokenKind::Word) + usize::from(t[end - 1].kind == TokenKind::Space);
        let mut best = (score(r.start, r.end), 0isize);
        for shift in (1..=left).map(|s| -(s as isize)).chain((1..=right).map(|s| s as isize)) {
            let s = score(r.start.wrapping_add_signed(shift), r.end.wrapping_add_signed(shift));
            if s > best.0 || (s == best.0 && shift.unsigned_abs() < best.1.unsigned_abs()) {
                best = (s, shift);
            }
        }
        let shift = best.1;
        if shift == 0 {
            continue;
        }
        let moved = |r: &mut Range<usize>, by: isize, start: bool, end: bool| {
            if start {
                r.start = r.start.wrapping_add_signed(by);
            }
            if end {
                r.end = r.end.wrapping_add_signed(by);
            }
        };
        // The edit moves on its side; on the other side it is a point, which
        // moves with the equal tokens (identical on both sides) around it.
        for (idx, start, end) in [(i - 1, false, true), (i, true, true), (i + 1, true, false)] {
            moved(&mut segs[idx].old, shift, start, end);
            moved(&mut segs[idx].new, shift, start, end);
        }
    }
}
