//! The alignment's behaviour on small bills: renumbering, rewriting,
//! splits, merges, moves and Khmer.

use super::clause::version;
use super::*;

fn kinds(links: &[Link]) -> Vec<(ChangeKind, Vec<usize>, Vec<usize>, bool)> {
    links.iter().map(|l| (l.kind, l.old.clone(), l.new.clone(), l.moved)).collect()
}

#[test]
fn align_with_hands_over_the_settled_pairs_whose_texts_differ() {
    // Khmer: article 1 unchanged, article 2 only its digits (ASCII for
    // Khmer: the same fold), article 3 a word changed.
    let old = version("មាត្រា ១\n\nច្បាប់នេះអនុវត្តចំពោះសមាគមទាំងអស់។\n\nមាត្រា ២\n\nសមាគមត្រូវចុះបញ្ជីក្នុងរយៈពេល ៣០ ថ្ងៃ។\n\nមាត្រា ៣\n\nក្រសួងមហាផ្ទៃត្រូវសម្រេចលើពាក្យស្នើសុំចុះបញ្ជីនៃសមាគមនិងអង្គការក្រៅរដ្ឋាភិបាលក្នុងរយៈពេលសែសិបប្រាំថ្ងៃ។");
    let new = version("មាត្រា ១\n\nច្បាប់នេះអនុវត្តចំពោះសមាគមទាំងអស់។\n\nមាត្រា ២\n\nសមាគមត្រូវចុះបញ្ជីក្នុងរយៈពេល 30 ថ្ងៃ។\n\nមាត្រា ៣\n\nក្រសួងមហាផ្ទៃអាចសម្រេចលើពាក្យស្នើសុំចុះបញ្ជីនៃសមាគមនិងអង្គការក្រៅរដ្ឋាភិបាលក្នុងរយៈពេលសែសិបប្រាំថ្ងៃ។");
    let (links, settled) = align_with(&old, &new, |pairs, _| pairs.to_vec());
    assert_eq!(links, align(&old, &new));
    assert_eq!(settled, vec![(1, 1), (2, 2)]);
    assert_eq!(
        kinds(&links),
        vec![
            (ChangeKind::Unchanged, vec![0], vec![0], false),
            (ChangeKind::Modified, vec![1], vec![1], false),
            (ChangeKind::Modified, vec![2], vec![2], false),
        ]
    );
}

#[test]
fn a_rewritten_article_alone_in_its_place_is_modified() {
    let first = "Article 1\n\nThis law governs the registration and activities of domestic associations and non-governmental organisations in the Kingdom.";
    let last = "Article 3\n\nEvery association shall keep accounts of all income and expenditure and publish an annual activity report.";
    let old = version(&format!("{first}\n\nArticle 2\n\nAn association shall submit its statute, the names of its founders and the address of its office to the Ministry of Interior, which shall decide on the application within forty-five working days and give written reasons for any refusal.\n\n{last}"));
    // Half the words are new: still Article 2, rewritten.
    let rewritten = version(&format!("{first}\n\nArticle 2\n\nA founder may notify the Ministry of its statute and office address; the Ministry shall record each notification within fifteen days, and any objection must state legal grounds.\n\n{last}"));
    assert_eq!(kinds(&align(&old, &rewritten))[1], (ChangeKind::Modified, vec![1], vec![1], false));
    // Another article in its place: deleted and added.
    let replaced = version(&format!("{first}\n\nArticle 2\n\nForeign donors may fund a project of an association only through a bank account opened in the Kingdom for that project.\n\n{last}"));
    let k = kinds(&align(&old, &replaced));
    assert!(
        k.contains(&(ChangeKind::Deleted, vec![1], vec![], false)) && k.contains(&(ChangeKind::Added, vec![], vec![1], false)),
        "{k:?}"
    );
    // With headings, only if one heading is mostly in the other.
    let headed = |heading: &str, body: &str| {
        version(&format!(
            "Article 1 - Scope\n\n{}\n\nArticle 2 - {heading}\n\n{body}\n\nArticle 3 - Accounts\n\n{}",
            &first[11..],
            &last[11..]
        ))
    };
    let old_body = "An association shall submit its statute, the names of its founders and the address of its office to the Ministry of Interior, which shall decide on the application within forty-five working days and give written reasons for any refusal.";
    let new_body = "A founder may notify the Ministry of its statute and office address; the Ministry shall record each notification within fifteen days, and any objection must state legal grounds.";
    let kept = kinds(&align(&headed("Registration", old_body), &headed("Registration and notification", new_body)));
    assert_eq!(kept[1], (ChangeKind::Modified, vec![1], vec![1], false));
    let other = kinds(&align(&headed("Registration", old_body), &headed("Founders' duties", new_body)));
    assert!(other.contains(&(ChangeKind::Deleted, vec![1], vec![], false)), "{other:?}");
    // Khmer, without headings: a single article with half its words replaced.
    let km_old = version("មាត្រា ១\n\nនៅចន្លោះសម័យប្រជុំរបស់រដ្ឋសភា គណៈកម្មាធិការអចិន្ត្រៃយ៍ របស់រដ្ឋសភា ទទួលភារកិច្ចចាត់ចែងការងារ ។ គណៈកម្មាធិការអចិន្ត្រៃយ៍របស់រដ្ឋសភារួមមានៈ ប្រធានរដ្ឋសភា អនុប្រធានរដ្ឋសភានិងប្រធានគណៈកម្មការ ទាំងអស់របស់រដ្ឋសភា ។");
    let km_new = version("មាត្រា ១\n\nនៅចន្លោះសម័យប្រជុំរឿងរដ្ឋសភា សហការីលើក របស់រោគ ទទួលឥតអង្គបោះឆ្នោតសំឡេង ។ គណៈកម្មាធិការរយៈលក្ខណៈប្រើប្រាស់រួមមានៈ ចូលក្លែងក្លាយ អនុប្រធានរដ្ឋសភានិងសឺគណៈកម្មការ ឥស្សរជនក្នុងរយៈនាដ ។");
    assert_eq!(kinds(&align(&km_old, &km_new)), vec![(ChangeKind::Modified, vec![0], vec![0], false)]);
}

#[test]
fn insertion_renumbers_but_matches_by_text() {
    let old = version("Article 1 - Scope\n\nThis law applies to associations.\n\nArticle 2 - Registration\n\nEvery association shall notify the Ministry.\n\nArticle 3 - Reports\n\nEvery association shall report annually to the Ministry of Interior.");
    let new = version("Article 1 - Scope\n\nThis law applies to associations.\n\nArticle 2 - Principles\n\nAssociations are free to pursue lawful aims without interference.\n\nArticle 3 - Registration\n\nEvery association shall obtain prior approval from the Ministry.\n\nArticle 4 - Reports\n\nEvery association shall report annually to the Ministry of Interior.");
    let links = align(&old, &new);
    assert_eq!(
        kinds(&links),
        vec![
            (ChangeKind::Unchanged, vec![0], vec![0], false),
            (ChangeKind::Added, vec![], vec![1], false),
            (ChangeKind::Modified, vec![1], vec![2], false),
            (ChangeKind::Unchanged, vec![2], vec![3], false),
        ]
    );
}

#[test]
fn split_merge_move_delete() {
    let old = version(
        "Article 1 - Definitions\n\nIn this law association means a group of persons and NGO means a non-governmental organisation with its own statute.\n\n\
         Article 2 - Accounts\n\nEvery NGO shall keep accounts of all income and expenditure.\n\n\
         Article 3 - Annual report\n\nEvery NGO shall send an annual activity report to the Ministry.\n\n\
         Article 4 - Appeals\n\nA decision may be appealed to the competent court within thirty days.\n\n\
         Article 5 - Neutrality\n\nAssociations shall remain neutral towards political parties at all times.",
    );
    let new = version(
        "Article 1 - Neutrality\n\nAssociations shall remain neutral towards political parties at all times.\n\n\
         Article 2 - Association\n\nIn this law association means a group of persons.\n\n\
         Article 3 - NGO\n\nNGO means a non-governmental organisation with its own statute.\n\n\
         Article 4 - Accounts and reports\n\nEvery NGO shall keep accounts of all income and expenditure. Every NGO shall send an annual activity report to the Ministry.",
    );
    let links = align(&old, &new);
    let k = kinds(&links);
    assert!(k.contains(&(ChangeKind::Split, vec![0], vec![1, 2], false)), "{k:?}");
    assert!(k.contains(&(ChangeKind::Merged, vec![1, 2], vec![3], false)), "{k:?}");
    assert!(k.contains(&(ChangeKind::Deleted, vec![3], vec![], false)), "{k:?}");
    assert!(k.contains(&(ChangeKind::Unchanged, vec![4], vec![0], true)), "{k:?}");
    assert_eq!(k.len(), 4);
}

#[test]
fn khmer_clauses_match_on_trigrams() {
    let old = version("មាត្រា ១ ៖ គោលបំណង\n\nច្បាប់នេះមានគោលបំណងកំណត់អំពីការបង្កើតសមាគម ។\n\nមាត្រា ២ ៖ ការចុះបញ្ជី\n\nសមាគមត្រូវជូនដំណឹងទៅក្រសួងមហាផ្ទៃ ។");
    let new = version("មាត្រា ១ ៖ គោលបំណង\n\nច្បាប់នេះមានគោលបំណងកំណត់អំពីការបង្កើតសមាគម ។\n\nមាត្រា ២ ៖ គោលការណ៍\n\nសេរីភាពនៃការបង្កើតសមាគមត្រូវបានធានា ។\n\nមាត្រា ៣ ៖ ការចុះបញ្ជី\n\nសមាគមត្រូវស្នើសុំការអនុញ្ញាតជាមុនពីក្រសួងមហាផ្ទៃ ។");
    let k = kinds(&align(&old, &new));
    assert_eq!(k[0], (ChangeKind::Unchanged, vec![0], vec![0], false));
    assert!(k.contains(&(ChangeKind::Modified, vec![1], vec![2], false)), "{k:?}");
    assert!(k.contains(&(ChangeKind::Added, vec![], vec![1], false)), "{k:?}");
}
