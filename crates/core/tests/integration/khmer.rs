//! Khmer text end to end: two encodings of the same words import to the same
//! comparison form; Khmer digits give numbers.

use crate::util::{empty_workspace, of_kind, opts};
use draftwatch_core::structure::Kind;
use draftwatch_core::text::{fold, normalize};

#[test]
fn two_typing_orders_compare_equal_after_import() {
    // ស្ត្រី typed with subscript RO before TA, and ក្រុម with the vowel before the subscript.
    let a = "មាត្រា ១ ៖ សិទ្ធិ\n\nស\u{17D2}\u{178F}\u{17D2}\u{179A}\u{17B8} និង ក\u{17D2}\u{179A}\u{17BB}ម ។\n";
    let b = "មាត្រា ១ ៖ សិទ្ធិ\n\nស\u{17D2}\u{179A}\u{17D2}\u{178F}\u{17B8} និង ក\u{17BB}\u{17D2}\u{179A}ម ។\n";
    assert_ne!(a, b);
    let (_d, mut ws) = empty_workspace();
    ws.import_bytes(a.as_bytes(), "a.txt", &opts("k")).expect("a");
    ws.import_bytes(b.as_bytes(), "b.txt", &opts("k")).expect("b");
    let ta = ws.clause("k", "1", "1").expect("1");
    let tb = ws.clause("k", "2", "1").expect("2");
    assert_eq!(ta.text, tb.text, "stored display forms are canonical");
    let canonical = "ស\u{17D2}\u{178F}\u{17D2}\u{179A}\u{17B8} និង ក\u{17D2}\u{179A}\u{17BB}ម ។";
    assert_eq!(ta.text, canonical);
    assert_eq!(fold(&tb.text), fold(canonical));
    assert_eq!(ws.version_info("k", "1").unwrap().lang, "km");
}

#[test]
fn zero_width_spaces_are_kept_for_display_and_ignored_for_comparison() {
    let with = "សមាគម\u{200B}ត្រូវ\u{200B}ចុះបញ្ជី";
    let without = "សមាគមត្រូវចុះបញ្ជី";
    assert_eq!(normalize(with), with);
    assert_eq!(fold(with), fold(without));
}

#[test]
fn khmer_digits_and_points() {
    let text = "ជំពូកទី ២\nការចុះបញ្ជី\n\nមាត្រា ១២ ៖ ការចុះបញ្ជី\n\n(ក) សមាគមក្នុងស្រុក ។\n(ខ) អង្គការមិនមែនរដ្ឋាភិបាលក្នុងស្រុក ។\n\nមាត្រា ១៣\n\nអត្ថបទ ។\n";
    let (_d, mut ws) = empty_workspace();
    ws.import_bytes(text.as_bytes(), "k.txt", &opts("k")).expect("import");
    let tree = ws.tree("k", "1").expect("tree");
    let arts = of_kind(&tree, Kind::Article);
    assert_eq!(arts[0].num.as_deref(), Some("១២"));
    assert_eq!(arts[0].num_value.as_deref(), Some("12"));
    assert_eq!(arts[0].eid, "chp_2__art_12");
    assert_eq!(arts[0].children[1].num.as_deref(), Some("(ខ)"));
    assert_eq!(arts[0].children[1].num_value.as_deref(), Some("2"));
    assert_eq!(tree[0].heading.as_deref(), Some("ការចុះបញ្ជី"));
    assert_eq!(ws.clause("k", "1", "១៣").unwrap().eid, "chp_2__art_13");
}
