//! Word-diff speed: one diff of a 2 KB clause pair with a few edits, in
//! English and in Khmer. Prints, per language, the time of `diff_texts`,
//! `similarity` and `tokenize` (one side), in µs per call: the fastest of 10
//! batches of 100 calls and the median batch (the machine may be shared).
//!
//! `cargo bench -p draftwatch-core --bench diff`

use draftwatch_core::diff::{diff_texts, similarity, tokenize};
use std::hint::black_box;
use std::time::Instant;

/// Times 10 batches of 100 calls: (fastest, median) in µs per call.
fn time(f: impl Fn()) -> (f64, f64) {
    let mut batches: Vec<f64> = (0..10)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..100 {
                f();
            }
            t.elapsed().as_secs_f64() * 1e6 / 100.0
        })
        .collect();
    batches.sort_by(f64::total_cmp);
    (batches[0], batches[5])
}

fn main() {
    let en_old = "(1) Submitting a request and inspecting records shall be free of charge. (2) A public body may charge a fee for copies, which shall not exceed the actual cost of reproduction and delivery, according to a schedule of fees set by joint Prakas of the Ministry of Information and the Ministry of Economy and Finance. (3) The public body shall waive the fee for requesters who are poor, as certified by the commune or sangkat chief, and for requests concerning information in the public interest. (4) No fee shall be charged where the public body has failed to comply with the time limits provided in Article 13.\n".repeat(3);
    let en_new = en_old
        .replacen("body shall waive", "body may waive", 1)
        .replacen("Article 13.", "Article 15.", 1)
        .replacen("are poor,", "are poor or disabled,", 1)
        .replacen("free of charge", "free of charge for citizens", 1);
    let km_old = "ក្រសួងមហាផ្ទៃអាចបដិសេធមិនចុះបញ្ជីសមាគម ឬអង្គការមិនមែនរដ្ឋាភិបាលក្នុងស្រុក ដែលពាក្យសុំមិនបំពេញលក្ខខណ្ឌតាមមាត្រា ៦ និងមាត្រា ៧ នៃច្បាប់នេះ ។\nក្នុងករណីបដិសេធ ក្រសួងមហាផ្ទៃត្រូវជូនដំណឹងជាលាយលក្ខណ៍អក្សរទៅអ្នកដាក់ពាក្យ ដោយបញ្ជាក់អំពីហេតុផលនៃការបដិសេធ ។\n".repeat(3);
    let km_new = km_old
        .replacen("មាត្រា ៦", "មាត្រា ៨", 1)
        .replacen("នៃច្បាប់នេះ ។", "នៃច្បាប់នេះ ឬដែលគោលបំណងរបស់ខ្លួនប៉ះពាល់ដល់គោលការណ៍ដែលមានចែងក្នុងមាត្រា ៤ នៃច្បាប់នេះ ។", 1)
        .replacen("ក្រសួងមហាផ្ទៃត្រូវជូនដំណឹង", "ក្រសួងមហាផ្ទៃអាចជូនដំណឹង", 1);
    for (name, old, new) in [("English", &en_old, &en_new), ("Khmer", &km_old, &km_new)] {
        let d = diff_texts(old, new);
        assert!(d.substantive);
        let diff = time(|| {
            black_box(diff_texts(black_box(old), black_box(new)));
        });
        let sim = time(|| {
            black_box(similarity(black_box(old), black_box(new)));
        });
        let tok = time(|| {
            black_box(tokenize(black_box(old)));
        });
        println!(
            "{name}: {} / {} bytes, {} tokens, {} edits: diff_texts {:.1} µs (median {:.1}), similarity {:.1} µs (median {:.1}), tokenize one side {:.1} µs (median {:.1})",
            old.len(),
            new.len(),
            tokenize(old).len(),
            d.counts.cosmetic + d.counts.substantive,
            diff.0,
            diff.1,
            sim.0,
            sim.1,
            tok.0,
            tok.1
        );
    }
}
