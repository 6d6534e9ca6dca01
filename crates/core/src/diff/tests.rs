//! Snapshots of real clause pairs from `drafts/` and property tests of the
//! diff's invariants.

use proptest::prelude::*;
use serde::Serialize;

use super::report::{Op, OpKind};
use super::{diff_texts, similarity, tokenize, EditCounts};

use super::words::tests::redline;

/// What a snapshot shows: the redline to read, the classification, the ops.
#[derive(Serialize)]
struct Snapshot {
    redline: String,
    substantive: bool,
    flags: Vec<String>,
    counts: EditCounts,
    similarity: String,
    ops: Vec<Op>,
}

fn snapshot(old: &str, new: &str) -> Snapshot {
    let d = diff_texts(old, new);
    Snapshot {
        redline: redline(&d),
        substantive: d.substantive,
        flags: d.flags.clone(),
        counts: d.counts,
        similarity: format!("{:.3}", d.similarity),
        ops: d.ops,
    }
}

/// a2i, Draft 2 → Draft 3, Article 9 (3): notification becomes prior approval.
#[test]
fn a2i_information_officers_notify_to_prior_approval() {
    let old = "(3) Where the requested information is classified as confidential, the information officer shall notify the head of the public body before disclosing it.";
    let new = "(3) Where the requested information is classified as confidential, the information officer shall obtain the prior written approval of the head of the public body before disclosing it.";
    insta::assert_yaml_snapshot!(snapshot(old, new));
}

/// a2i, Draft 1 Article 16 → Draft 2 Article 18: shall → may in (3), and a
/// renumbered cross-reference in (4).
#[test]
fn a2i_fees_shall_to_may_and_cross_reference() {
    let old = "(1) Submitting a request and inspecting records shall be free of charge.
(2) A public body may charge a fee for copies, which shall not exceed the actual cost of reproduction and delivery, according to a schedule of fees set by joint Prakas of the Ministry of Information and the Ministry of Economy and Finance.
(3) The public body shall waive the fee for requesters who are poor, as certified by the commune or sangkat chief, and for requests concerning information in the public interest.
(4) No fee shall be charged where the public body has failed to comply with the time limits provided in Article 13.";
    let new = old.replace("body shall waive", "body may waive").replace("Article 13.", "Article 15.");
    insta::assert_yaml_snapshot!(snapshot(old, &new));
}

/// a2i, Draft 2 → Draft 3, Article 3: Word's typographic quotes and a
/// renumbered cross-reference; nothing substantive.
#[test]
fn a2i_definitions_quotes_and_cross_reference() {
    let old = "For the purposes of this law:
(b) \"public body\" means any body referred to in Article 2 of this law;
(c) \"information officer\" means an official designated under Article 9;
(f) \"Commission\" means the Information Commission established under Article 30;";
    let new = "For the purposes of this law:
(b) “public body” means any body referred to in Article 2 of this law;
(c) “information officer” means an official designated under Article 9;
(f) “Commission” means the Information Commission established under Article 31;";
    insta::assert_yaml_snapshot!(snapshot(old, new));
}

/// a2i, Draft 3 → Draft 4, Article 34: thirty → forty-five days.
#[test]
fn a2i_judicial_review_time_limit() {
    let old = "A requester or a public body may challenge a decision of the Commission before the competent court within thirty days of being notified of the decision.";
    let new = "A requester or a public body may challenge a decision of the Commission before the competent court within forty-five days of being notified of the decision.";
    insta::assert_yaml_snapshot!(snapshot(old, new));
}

/// lango, Draft 1 Article 9 → Draft 2 Article 11: a new ground of refusal,
/// renumbered cross-references (៦ → ៨, ៧ → ៩) and ត្រូវ → អាច (shall → may).
#[test]
fn lango_refusal_of_registration_shall_to_may() {
    let old = "ក្រសួងមហាផ្ទៃអាចបដិសេធមិនចុះបញ្ជីសមាគម ឬអង្គការមិនមែនរដ្ឋាភិបាលក្នុងស្រុក ដែលពាក្យសុំមិនបំពេញលក្ខខណ្ឌតាមមាត្រា ៦ និងមាត្រា ៧ នៃច្បាប់នេះ ។
ក្នុងករណីបដិសេធ ក្រសួងមហាផ្ទៃត្រូវជូនដំណឹងជាលាយលក្ខណ៍អក្សរទៅអ្នកដាក់ពាក្យ ដោយបញ្ជាក់អំពីហេតុផលនៃការបដិសេធ ។";
    let new = "ក្រសួងមហាផ្ទៃអាចបដិសេធមិនចុះបញ្ជីសមាគម ឬអង្គការមិនមែនរដ្ឋាភិបាលក្នុងស្រុក ដែលពាក្យសុំមិនបំពេញលក្ខខណ្ឌតាមមាត្រា ៨ និងមាត្រា ៩ នៃច្បាប់នេះ ឬដែលគោលបំណងរបស់ខ្លួនប៉ះពាល់ដល់គោលការណ៍ដែលមានចែងក្នុងមាត្រា ៤ នៃច្បាប់នេះ ។
ក្នុងករណីបដិសេធ ក្រសួងមហាផ្ទៃអាចជូនដំណឹងជាលាយលក្ខណ៍អក្សរទៅអ្នកដាក់ពាក្យ ដោយបញ្ជាក់អំពីហេតុផលនៃការបដិសេធ ។";
    insta::assert_yaml_snapshot!(snapshot(old, new));
}

/// lango, Draft 1 Article 10 → Draft 2 Article 12: notification within 30
/// days becomes prior permission, and a new paragraph.
#[test]
fn lango_amendment_of_statutes_notification_to_permission() {
    let old = "ក្នុងករណីមានការកែប្រែលក្ខន្តិកៈ ការផ្លាស់ប្តូរអ្នកដឹកនាំ ឬការផ្លាស់ប្តូរអាសយដ្ឋានទីស្នាក់ការកណ្តាល សមាគម ឬអង្គការមិនមែនរដ្ឋាភិបាលក្នុងស្រុក ត្រូវជូនដំណឹងជាលាយលក្ខណ៍អក្សរទៅក្រសួងមហាផ្ទៃ ក្នុងរយៈពេលសាមសិប (៣០) ថ្ងៃ បន្ទាប់ពីការកែប្រែ ឬការផ្លាស់ប្តូរនោះ ។";
    let new = "ក្នុងករណីមានបំណងកែប្រែលក្ខន្តិកៈ ផ្លាស់ប្តូរអ្នកដឹកនាំ ឬផ្លាស់ប្តូរអាសយដ្ឋានទីស្នាក់ការកណ្តាល សមាគម ឬអង្គការមិនមែនរដ្ឋាភិបាលក្នុងស្រុក ត្រូវស្នើសុំការអនុញ្ញាតជាមុនពីក្រសួងមហាផ្ទៃ ។
ការកែប្រែ ឬការផ្លាស់ប្តូរណាមួយ ដែលពុំទាន់ទទួលបានការអនុញ្ញាតពីក្រសួងមហាផ្ទៃ មិនមានអានុភាពឡើយ ។";
    insta::assert_yaml_snapshot!(snapshot(old, new));
}

/// Text made of the characters that matter here: ASCII words and
/// punctuation, Khmer consonants, vowels, signs, digits and punctuation,
/// typographic quotes, whitespace and zero-width characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            "shall", "may", "Article", "12", "13", "the", "The", "notify", "register", "fee", "ត្រូវ", "អាច", "មាត្រា",
            "ក្រសួង", "ចុះបញ្ជី", "ជូនដំណឹង", "១២", "១៣", "សមាគម", "ការអនុញ្ញាត",
        ])
        .prop_map(str::to_string),
        3 => prop::sample::select(vec![" ", "  ", "\n", " \n", "\u{200B}", "\t"]).prop_map(str::to_string),
        2 => prop::sample::select(vec![",", ".", "(", ")", ";", "“", "”", "'", "’", "\"", "។", "៖", "-", "§"]).prop_map(str::to_string),
        1 => "[a-zA-Z0-9 \u{1780}-\u{17FF}\u{200B}\u{200C}\u{200D}.,;()\n]{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// A text and a light edit of it (most clause pairs differ a little).
fn pair() -> impl Strategy<Value = (String, String)> {
    (text(), text(), 0usize..200, 0usize..200).prop_map(|(a, b, cut, len)| {
        let chars: Vec<char> = a.chars().collect();
        let at = cut % (chars.len() + 1);
        let end = (at + len % 8).min(chars.len());
        let insert: String = b.chars().take(len % 12).collect();
        let edited: String = chars[..at].iter().copied().chain(insert.chars()).chain(chars[end..].iter().copied()).collect();
        (a, edited)
    })
}

fn check_invariants(old: &str, new: &str) -> Result<(), TestCaseError> {
    check_ops(old, new, true)
}

/// `same_similarity`: whether [`similarity`] must agree exactly (not when a
/// diff hits the deadline, where Myers stops wherever it got to).
fn check_ops(old: &str, new: &str, same_similarity: bool) -> Result<(), TestCaseError> {
    let d = diff_texts(old, new);
    let (mut o, mut n) = (String::new(), String::new());
    for op in &d.ops {
        prop_assert!(!op.text.is_empty(), "empty op in {:?}", d.ops);
        match op.op {
            OpKind::Equal => {
                o.push_str(&op.text);
                n.push_str(&op.text);
            }
            OpKind::Delete => o.push_str(&op.text),
            OpKind::Insert => n.push_str(&op.text),
        }
    }
    prop_assert_eq!(&o, old);
    prop_assert_eq!(&n, new);
    for w in d.ops.windows(2) {
        prop_assert_ne!(w[0].op, w[1].op, "adjacent ops of one kind: {:?}", d.ops);
        prop_assert!(!(w[0].op == OpKind::Insert && w[1].op == OpKind::Delete), "insert before delete: {:?}", d.ops);
    }
    prop_assert!((0.0..=1.0).contains(&d.similarity));
    if same_similarity {
        prop_assert_eq!(d.similarity, similarity(old, new));
    }
    prop_assert_eq!(d.substantive, d.counts.substantive > 0);
    let edits = d.ops.iter().enumerate().filter(|(i, op)| op.op != OpKind::Equal && (*i == 0 || d.ops[i - 1].op == OpKind::Equal)).count();
    prop_assert_eq!(edits, d.counts.cosmetic + d.counts.substantive);
    let mut sorted = d.flags.clone();
    sorted.sort();
    sorted.dedup();
    prop_assert_eq!(&sorted, &d.flags);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Tokens put back together give the input.
    #[test]
    fn tokens_concatenate_to_the_input(s in text()) {
        let toks = tokenize(&s);
        prop_assert_eq!(toks.concat(), s.as_str());
        prop_assert!(toks.iter().all(|t| !t.is_empty()));
    }

    /// Segmenting two versions together gives each its own tokens.
    #[test]
    fn pairs_tokenize_as_alone((old, new) in pair()) {
        let (a, b) = super::tokens::tokens_pair(&old, &new);
        prop_assert_eq!(a, super::tokens::tokens(&old));
        prop_assert_eq!(b, super::tokens::tokens(&new));
    }

    /// Identical inputs give only equal ops (none for empty) and similarity 1.
    #[test]
    fn identical_inputs_are_equal(s in text()) {
        let d = diff_texts(&s, &s);
        prop_assert!(d.ops.iter().all(|op| op.op == OpKind::Equal));
        prop_assert_eq!(d.ops.is_empty(), s.is_empty());
        prop_assert_eq!(d.similarity, 1.0);
        prop_assert_eq!(similarity(&s, &s), 1.0);
        prop_assert!(!d.substantive && d.flags.is_empty());
    }

    /// Equal + delete gives the old text, equal + insert the new one; no two
    /// neighbouring ops of one kind; counts and similarity consistent.
    #[test]
    fn ops_rebuild_both_texts(old in text(), new in text()) {
        check_invariants(&old, &new)?;
    }

    /// The same, for texts that differ a little.
    #[test]
    fn ops_rebuild_both_texts_of_light_edits((old, new) in pair()) {
        check_invariants(&old, &new)?;
    }
}

/// A huge, thoroughly rewritten clause still diffs quickly: Myers stops at
/// the deadline and everything after it is linear.
#[test]
fn long_clauses_never_hang() {
    let words = ["shall", "may", "the", "body", "fee", "ត្រូវ", "អាច", "Article", "12", "notify", "(a)", "within", "days"];
    let mut seed = 7u64;
    let mut text = |n: usize| {
        (0..n)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                words[(seed >> 33) as usize % words.len()]
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (old, new) = (text(30_000), text(30_000));
    let t = std::time::Instant::now();
    let d = diff_texts(&old, &new);
    let elapsed = t.elapsed();
    assert!(elapsed < std::time::Duration::from_secs(10), "{elapsed:?}");
    check_ops(&old, &new, false).unwrap();
    assert!(d.similarity > 0.0 && d.similarity < 1.0);
}
