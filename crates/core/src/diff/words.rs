//! The word diff: tokens → edit script → a redline a lawyer would mark.
//!
//! 1. Both texts are cut into tokens ([`super::tokens`]).
//! 2. `similar`'s Myers diff runs over the token sequences less their
//!    whitespace runs, which then go back between the matched tokens (equal
//!    where both sides have the same run there, part of the edit otherwise).
//!    In a rewritten clause (a fifth of its tokens or more on one side only)
//!    Myers sees only the tokens both sides have: the others are in no
//!    common subsequence, and its cost grows with the edits they make.
//!    It has a deadline ([`DEADLINE`]): past it, Myers returns a valid but coarser script, so a
//!    pathological clause costs at most that long. Myers, not Patience:
//!    Patience anchors on tokens that occur once in each text, and prose is
//!    mostly repeated tokens (spaces, "the", "of", Khmer particles), so it
//!    falls back to Myers in most gaps anyway and, where it does anchor, gives
//!    a longer script and a lower similarity. Myers gives the shortest script,
//!    which is what the similarity measures; readability is the cleanup's job.
//! 3. The similarity is read off this raw script: 2·(matched words) /
//!    (words in old + words in new), over word tokens only.
//! 4. Semantic cleanup ([`super::cleanup`]), in the spirit of diff-match-patch's
//!    `cleanupSemantic`, at token level:
//!    - consecutive deletes and inserts form one *edit*;
//!    - where Myers matched a repeated phrase late, the match moves early, so
//!      a replaced word stays paired with its replacement and an added
//!      passage reads as an addition (`match_repeated_phrases_early`);
//!    - an equal run with no word in it (spaces, punctuation) between two
//!      edits is absorbed into them: "shall register with" → "may notify"
//!      reads `[-shall register with-]{+may notify+}`, not an interleaving of
//!      words around shared spaces;
//!    - an equal run between two edits, each at least as long as it, is
//!      absorbed too (diff-match-patch's rule; repeatedly, so a chain of
//!      small edits collapses into one), unless it holds a paragraph break;
//!    - tokens that both sides of an edit start or end with go back to the
//!      equal text around it;
//!    - a pure insertion or deletion slides (where the tokens around it
//!      allow) to start at a word and end with a space, as a person selects
//!      words.
//!
//!    Tokens are whole words, so no edit ever starts or ends inside a word.
//! 5. Each edit is classified ([`super::classify`]); in the ops, an edit's
//!    deleted text comes before its inserted text.

use std::ops::Range;
use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{Algorithm, DiffTag};

use super::classify::{self, EditClass};
use super::cleanup::cleanup;
use super::report::{Op, OpKind};
use super::script::{push_edit, push_seg, sides, Seg, Side};
use super::tokens::TokenKind;
use crate::hash::FastMap;

/// The longest a single clause's diff may take before Myers settles for a
/// coarser script.
pub const DEADLINE: Duration = Duration::from_millis(200);

/// Pairs with fewer tokens than this (both sides, spaces left out) run
/// without the [`DEADLINE`]: Myers's worst case on them, the same few
/// tokens in no common order, measured 4-7 ms here, and reading the clock at
/// each step of its search cost a twentieth of a bill's word diffs.
const UNTIMED: usize = 4000;

/// Word-level comparison of two texts: the redline and what it means.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TextDiff {
    /// The redline. Concatenating the `equal` and `delete` runs gives the old
    /// text, the `equal` and `insert` runs the new one, byte for byte. No two
    /// neighbours have the same kind; a delete comes before the insert it
    /// pairs with. Empty when both texts are empty.
    pub ops: Vec<Op>,
    /// At least one edit is substantive.
    pub substantive: bool,
    /// Sorted, without duplicates: `operative-word` (a substantive edit
    /// changes an operative word or touches one), `cross-reference` (an edit
    /// only renumbers a reference to another article).
    pub flags: Vec<String>,
    /// 2·matched / (old + new), counted in word tokens of Myers's script
    /// before the cleanup; 1.0 for identical texts (texts without words count
    /// their punctuation instead). The same as [`similarity`] returns, except
    /// for a pair so large that Myers hit the [`DEADLINE`].
    pub similarity: f64,
    /// How many edits of each class.
    pub counts: EditCounts,
}

/// Numbers of edits (maximal runs of non-equal ops) by class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EditCounts {
    /// Edits a reader does not see as a change of meaning.
    pub cosmetic: usize,
    /// Every other edit.
    pub substantive: usize,
}

/// Word-level comparison of two clause texts (display form, as stored).
pub fn diff_texts(old: &str, new: &str) -> TextDiff {
    if old == new {
        let ops = if old.is_empty() { Vec::new() } else { vec![Op { op: OpKind::Equal, text: old.to_string() }] };
        return TextDiff { ops, substantive: false, flags: Vec::new(), similarity: 1.0, counts: EditCounts::default() };
    }
    let (o, n) = sides(old, new);
    let raw = raw_segments(&o, &n);
    let similarity = similarity_of(&o, &n, &raw);
    let segs = cleanup(&o, &n, raw);

    let mut ops: Vec<Op> = Vec::with_capacity(segs.len() + 2);
    let mut counts = EditCounts::default();
    let mut cross_ref = false;
    let mut operative = false;
    for s in &segs {
        if s.equal {
            push_op(&mut ops, OpKind::Equal, o.slice(&s.old));
            continue;
        }
        push_op(&mut ops, OpKind::Delete, o.slice(&s.old));
        push_op(&mut ops, OpKind::Insert, n.slice(&s.new));
        match classify::classify(&o, &n, s) {
            EditClass::Cosmetic => counts.cosmetic += 1,
            EditClass::CrossReference => {
                counts.cosmetic += 1;
                cross_ref = true;
            }
            EditClass::Substantive => {
                counts.substantive += 1;
                operative = operative || classify::touches_operative_word(&o, &n, s);
            }
        }
    }
    let mut flags = Vec::new();
    if cross_ref {
        flags.push("cross-reference".to_string());
    }
    if operative {
        flags.push("operative-word".to_string());
    }
    TextDiff { ops, substantive: counts.substantive > 0, flags, similarity, counts }
}

/// Similarity only (fast path used for candidate scoring): same definition as
/// [`TextDiff::similarity`].
pub fn similarity(old: &str, new: &str) -> f64 {
    if old == new {
        return 1.0;
    }
    let (o, n) = sides(old, new);
    let raw = raw_segments(&o, &n);
    similarity_of(&o, &n, &raw)
}

fn push_op(ops: &mut Vec<Op>, op: OpKind, text: &str) {
    if text.is_empty() {
        return;
    }
    match ops.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => ops.push(Op { op, text: text.to_string() }),
    }
}

/// Myers over the tokens that are not whitespace; consecutive non-equal ops
/// become one edit. Whitespace runs sit between the matched tokens: where
/// both sides have the same run there, it is equal; otherwise it joins the
/// edit. Leaving the spaces out halves the sequences Myers works on and lets
/// it match words, not the spaces between them (a space matches every other
/// space). Each distinct token text is a number first, so Myers compares
/// integers, not strings.
fn raw_segments<'a>(o: &Side<'a>, n: &Side<'a>) -> Vec<Seg> {
    let mut ids: FastMap<&'a str, u32> = FastMap::default();
    ids.reserve(o.toks.len() / 2);
    // The non-space tokens of a side: their ids and their places.
    let mut reduce = |side: &Side<'a>| -> (Vec<u32>, Vec<usize>) {
        let mut seq = Vec::with_capacity(side.toks.len() / 2 + 1);
        let mut at = Vec::with_capacity(side.toks.len() / 2 + 1);
        for (i, t) in side.toks.iter().enumerate().filter(|(_, t)| t.kind != TokenKind::Space) {
            let next = ids.len() as u32;
            seq.push(*ids.entry(t.text).or_insert(next));
            at.push(i);
        }
        (seq, at)
    };
    let (mut a, mut a_at) = reduce(o);
    let (mut b, mut b_at) = reduce(n);
    // A token found on one side only is in no common subsequence. In a
    // rewritten clause (a fifth of its tokens or more on one side only)
    // Myers does not see them: its cost grows with the edits, and a rewrite
    // is mostly edits. A lightly edited clause keeps them, because among
    // scripts of equal length Myers then picks the one that keeps the
    // inserted words together ("{+A B+} C" rather than "{+A+} C {+B C+}").
    let mut on = vec![0u8; ids.len()];
    a.iter().for_each(|&t| on[t as usize] |= 1);
    b.iter().for_each(|&t| on[t as usize] |= 2);
    let keep_shared = |seq: &mut Vec<u32>, at: &mut Vec<usize>| {
        (*seq, *at) = seq.iter().zip(at.iter()).filter(|(&t, _)| on[t as usize] == 3).map(|(&t, &i)| (t, i)).unzip();
    };
    let shared = a.iter().chain(&b).filter(|&&t| on[t as usize] == 3).count();
    if shared * 5 < (a.len() + b.len()) * 4 {
        keep_shared(&mut a, &mut a_at);
        keep_shared(&mut b, &mut b_at);
    }
    let deadline = (a.len() + b.len() >= UNTIMED).then(|| Instant::now() + DEADLINE);
    let diff = similar::capture_diff_slices_deadline(Algorithm::Myers, &a, &b, deadline);
    let mut segs: Vec<Seg> = Vec::with_capacity(2 * diff.len() + 1);
    // Token positions just after the last matched pair.
    let (mut ox, mut nx) = (0, 0);
    for op in &diff {
        let (tag, old, new) = op.as_tag_tuple();
        if tag != DiffTag::Equal {
            continue;
        }
        for k in 0..old.len() {
            let (x, y) = (a_at[old.start + k], b_at[new.start + k]);
            push_edit(o, n, &mut segs, ox..x, nx..y);
            push_seg(&mut segs, Seg { equal: true, old: x..x + 1, new: y..y + 1 });
            (ox, nx) = (x + 1, y + 1);
        }
    }
    push_edit(o, n, &mut segs, ox..o.toks.len(), nx..n.toks.len());
    segs
}

/// 2·matched / (old + new) in word tokens; texts without words count their
/// punctuation instead; two texts with neither are alike (1.0).
fn similarity_of(o: &Side<'_>, n: &Side<'_>, raw: &[Seg]) -> f64 {
    let count = |side: &Side<'_>, r: Range<usize>, kind: TokenKind| side.toks[r].iter().filter(|t| t.kind == kind).count();
    for kind in [TokenKind::Word, TokenKind::Punct] {
        let total = count(o, 0..o.toks.len(), kind) + count(n, 0..n.toks.len(), kind);
        if total == 0 {
            continue;
        }
        let matched: usize = raw.iter().filter(|s| s.equal).map(|s| count(o, s.old.clone(), kind)).sum();
        return (2 * matched) as f64 / total as f64;
    }
    1.0
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The redline in the `[-deleted-]{+inserted+}` notation.
    pub(crate) fn redline(d: &TextDiff) -> String {
        d.ops
            .iter()
            .map(|op| match op.op {
                OpKind::Equal => op.text.clone(),
                OpKind::Delete => format!("[-{}-]", op.text),
                OpKind::Insert => format!("{{+{}+}}", op.text),
            })
            .collect()
    }

    #[test]
    fn identical_and_empty() {
        let d = diff_texts("", "");
        assert!(d.ops.is_empty());
        assert_eq!(d.similarity, 1.0);
        let d = diff_texts("Same text.", "Same text.");
        assert_eq!(d.ops, vec![Op { op: OpKind::Equal, text: "Same text.".into() }]);
        assert!(!d.substantive && d.flags.is_empty() && d.counts == EditCounts::default());
        assert_eq!(redline(&diff_texts("", "New.")), "{+New.+}");
        assert_eq!(redline(&diff_texts("Old.", "")), "[-Old.-]");
    }

    #[test]
    fn changed_words_form_one_edit() {
        let d = diff_texts(
            "An association shall register with the Ministry of Interior.",
            "An association may notify the Ministry of Interior.",
        );
        assert_eq!(redline(&d), "An association [-shall register with-]{+may notify+} the Ministry of Interior.");
        assert!(d.substantive);
        assert_eq!(d.counts, EditCounts { cosmetic: 0, substantive: 1 });
        assert_eq!(d.flags, vec!["operative-word"]);
    }

    #[test]
    fn insertion_starts_at_a_word() {
        let d = diff_texts(
            "The officer shall notify the head of the public body before disclosing it.",
            "The officer shall obtain the prior written approval of the head of the public body before disclosing it.",
        );
        let r = redline(&d);
        assert!(!r.contains("{+ ") && !r.contains("[- "), "{r}");
        assert!(d.substantive);
        assert_eq!(d.flags, vec!["operative-word"]);
    }

    #[test]
    fn whitespace_only_is_cosmetic() {
        let d = diff_texts("within thirty  days", "within thirty days");
        assert_eq!(redline(&d), "within thirty[-  -]{+ +}days");
        assert!(!d.substantive);
        assert_eq!(d.counts, EditCounts { cosmetic: 1, substantive: 0 });
        assert!(d.flags.is_empty());
        assert_eq!(d.similarity, 1.0);
        // A zero-width space, as in the Khmer drafts.
        let d = diff_texts("គោលបំណងច្បាប់", "គោលបំណង\u{200B}ច្បាប់");
        assert!(!d.substantive, "{}", redline(&d));
        assert_eq!(d.counts.cosmetic, 1);
    }

    #[test]
    fn punctuation_only_is_cosmetic() {
        let d = diff_texts("districts, khans and sangkat", "districts, khans, and sangkat");
        assert_eq!(redline(&d), "districts, khans{+,+} and sangkat");
        assert!(!d.substantive);
        let d = diff_texts("before disclosing it", "before disclosing it.");
        assert!(!d.substantive);
        let d = diff_texts("by e-mail or post", "by email or post");
        assert_eq!(redline(&d), "by [-e-mail-]{+email+} or post");
        assert!(!d.substantive);
        // Space before the Khmer full stop removed.
        let d = diff_texts("មុនពេលបើកសាខា ។", "មុនពេលបើកសាខា។");
        assert!(!d.substantive, "{}", redline(&d));
    }

    #[test]
    fn case_only_is_cosmetic() {
        let d = diff_texts("a fine of 100,000 Riels", "a fine of 100,000 riels");
        assert_eq!(redline(&d), "a fine of 100,000 [-Riels-]{+riels+}");
        assert!(!d.substantive);
        assert!(d.flags.is_empty(), "cosmetic edits are not flagged: {:?}", d.flags);
        let d = diff_texts("ÉTAT", "état");
        assert!(!d.substantive);
    }

    #[test]
    fn digit_script_is_cosmetic() {
        let d = diff_texts("ដូចមានចែងក្នុងមាត្រា ៨ នៃច្បាប់នេះ", "ដូចមានចែងក្នុងមាត្រា 8 នៃច្បាប់នេះ");
        assert!(!d.substantive, "{}", redline(&d));
        assert!(d.flags.is_empty(), "{:?}", d.flags);
        assert_eq!(d.counts.cosmetic, 1);
    }

    #[test]
    fn typographic_quotes_are_cosmetic() {
        let d = diff_texts("\"information\" means any record; the person's data", "“information” means any record; the person’s data");
        assert!(!d.substantive, "{}", redline(&d));
        assert_eq!(d.counts.substantive, 0);
        assert!(d.counts.cosmetic >= 2);
    }

    #[test]
    fn renumbered_cross_reference_is_cosmetic_and_flagged() {
        let d = diff_texts("within the time limit in Article 12 of this law", "within the time limit in Article 13 of this law");
        assert_eq!(redline(&d), "within the time limit in Article [-12-]{+13+} of this law");
        assert!(!d.substantive);
        assert_eq!(d.flags, vec!["cross-reference"]);
        assert_eq!(d.counts, EditCounts { cosmetic: 1, substantive: 0 });
        // Khmer, and a list of references.
        let d = diff_texts("តាមមាត្រា ១៨ នៃច្បាប់នេះ", "តាមមាត្រា ១៩ នៃច្បាប់នេះ");
        assert!(!d.substantive, "{}", redline(&d));
        assert_eq!(d.flags, vec!["cross-reference"]);
        let d = diff_texts("under Articles 19 and 23", "under Articles 21 and 25");
        assert!(!d.substantive, "{}", redline(&d));
        assert_eq!(d.flags, vec!["cross-reference"]);
        // A range shifted as a whole is a renumbering ...
        let d = diff_texts("Articles 19 to 23 apply", "Articles 21 to 25 apply");
        assert!(!d.substantive, "{}", redline(&d));
        // ... a range that grows is not.
        let d = diff_texts("exemptions in Articles 21 to 25, and only", "exemptions in Articles 21 to 26, and only");
        assert!(d.substantive, "{}", redline(&d));
        // A number that is not a reference is substantive.
        let d = diff_texts("within 30 days", "within 45 days");
        assert!(d.substantive);
        assert_eq!(d.flags, vec!["operative-word"]);
        let d = diff_texts("a fine of 1,000,000 riels", "a fine of 5,000,000 riels");
        assert!(d.substantive);
    }

    #[test]
    fn shall_to_may_is_substantive_and_operative() {
        let d = diff_texts("The public body shall waive the fee.", "The public body may waive the fee.");
        assert_eq!(redline(&d), "The public body [-shall-]{+may+} waive the fee.");
        assert!(d.substantive);
        assert_eq!(d.flags, vec!["operative-word"]);
        assert_eq!(d.counts, EditCounts { cosmetic: 0, substantive: 1 });
        // Operative word next to the change.
        let d = diff_texts("The body shall waive the fee.", "The body shall reduce the fee.");
        assert_eq!(d.flags, vec!["operative-word"]);
        // "shall" → "shall not": "shall not" is an entry, "shall" is adjacent.
        let d = diff_texts("It shall disclose.", "It shall not disclose.");
        assert_eq!(redline(&d), "It shall {+not +}disclose.");
        assert_eq!(d.flags, vec!["operative-word"]);
        // No operative word near the change.
        let d = diff_texts("The head of the public body decides.", "The director of the public body decides.");
        assert!(d.substantive);
        assert!(d.flags.is_empty(), "{:?}", d.flags);
    }

    #[test]
    fn khmer_shall_to_may() {
        let d = diff_texts("ក្នុងករណីបដិសេធ ក្រសួងមហាផ្ទៃត្រូវជូនដំណឹងជាលាយលក្ខណ៍អក្សរ", "ក្នុងករណីបដិសេធ ក្រសួងមហាផ្ទៃអាចជូនដំណឹងជាលាយលក្ខណ៍អក្សរ");
        assert_eq!(redline(&d), "ក្នុងករណីបដិសេធ ក្រសួងមហាផ្ទៃ[-ត្រូវ-]{+អាច+}ជូនដំណឹងជាលាយលក្ខណ៍អក្សរ");
        assert!(d.substantive);
        assert_eq!(d.flags, vec!["operative-word"]);
        assert_eq!(d.counts, EditCounts { cosmetic: 0, substantive: 1 });
    }

    #[test]
    fn khmer_operative_word_inside_a_compound() {
        // "ត្រូវការ" (need) contains ត្រូវ but is not operative.
        let d = diff_texts("សមាគមដែលត្រូវការជំនួយ", "សមាគមដែលត្រូវការថវិកា");
        assert!(d.substantive);
        assert!(d.flags.is_empty(), "{} {:?}", redline(&d), d.flags);
        // ការអនុញ្ញាត inside an inserted run.
        let d = diff_texts("សមាគមជូនដំណឹងមុន", "សមាគមស្នើសុំការអនុញ្ញាតជាមុន");
        assert_eq!(d.flags, vec!["operative-word"]);
    }

    #[test]
    fn spelling_variant_of_khmer_subscript_is_cosmetic() {
        let d = diff_texts("តាមសេចក្តីណែនាំរបស់ក្រសួង", "តាមសេចក្ដីណែនាំរបស់ក្រសួង");
        assert!(!d.substantive, "{}", redline(&d));
    }

    #[test]
    fn similarity_is_shared_with_the_fast_path() {
        let pairs = [
            ("a b c d", "a b x d"),
            ("An association shall register.", "An association may notify."),
            ("", "x"),
            (".", ","),
            ("   ", " "),
            ("ក្រសួងមហាផ្ទៃត្រូវជូនដំណឹង", "ក្រសួងមហាផ្ទៃអាចជូនដំណឹង"),
        ];
        for (a, b) in pairs {
            assert_eq!(similarity(a, b), diff_texts(a, b).similarity, "{a:?} {b:?}");
        }
        assert_eq!(similarity("a b c d", "a b x d"), 0.75);
        assert_eq!(similarity("", "x"), 0.0);
        assert_eq!(similarity("   ", " "), 1.0);
        assert_eq!(similarity("same", "same"), 1.0);
    }

    // What the classification (`super::classify`) makes of whole diffs.

    /// Whether the whole diff of `a` → `b` is cosmetic.
    fn cosmetic(a: &str, b: &str) -> bool {
        !diff_texts(a, b).substantive
    }

    #[test]
    fn numbers_written_another_way() {
        assert!(cosmetic("within thirty (30) days of", "within 30 days of"));
        assert!(cosmetic("within 30 days of", "within thirty (30) days of"));
        assert!(cosmetic("within thirty days of", "within 30 days of"));
        assert!(cosmetic("within forty-five (45) days", "within 45 days"));
        assert!(cosmetic("within 30 (thirty) days", "within thirty days"));
        assert!(cosmetic("two hundred (200) members", "200 members"));
        // Lango, Draft 1 Art. 23 → Draft 2 Art. 24, and spelt for digits.
        assert!(cosmetic("ក្នុងរយៈពេលសាមសិប (៣០) ថ្ងៃ បន្ទាប់ពី", "ក្នុងរយៈពេល ៣០ ថ្ងៃ បន្ទាប់ពី"));
        assert!(cosmetic("រយៈពេល ប្រាំមួយ ខែ", "រយៈពេល ៦ ខែ"));
        assert!(cosmetic("ពីររយហាសិប (២៥០) នាក់", "២៥០ នាក់"));
        // Another period, or the number dropped, is substantive.
        assert!(!cosmetic("within thirty (30) days of", "within 45 days of"));
        assert!(!cosmetic("within thirty days of", "within forty days of"));
        assert!(!cosmetic("within thirty (30) days of", "within days of"));
        assert!(!cosmetic("within thirty days and 30 hours", "within days and 30 hours"));
        assert!(!cosmetic("ក្នុងរយៈពេលសាមសិប (៣០) ថ្ងៃ", "ក្នុងរយៈពេល ៤៥ ថ្ងៃ"));
        assert!(!cosmetic("a tenant may", "a 10ant may"));
    }

    #[test]
    fn typos() {
        assert!(cosmetic("to promote public awareness of", "to promote public awarness of"));
        assert!(cosmetic("the judgment of", "the judgement of"));
        assert!(cosmetic("shall receive it", "shall recieve it"));
        assert!(!cosmetic("the person", "the persons"));
        assert!(!cosmetic("the material", "the maternal"));
        assert!(!cosmetic("hereby", "thereby"));
        assert!(!cosmetic("shall approve", "shall approved"));
        assert!(!cosmetic("it may register", "it may deregister"));
        assert!(!cosmetic("form", "from"));
    }
}
