//! Tests of the heading grammar.

use super::keywords::*;
use super::*;

type Parts = (Target, Option<String>, Option<String>, Option<String>, Option<String>);

fn h(line: &str) -> Option<Parts> {
    heading(line).map(|h| (h.target, h.num, h.value, h.heading, h.body))
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn article_heading_styles() {
    let art = Target::Clause(Kind::Article);
    assert_eq!(h("Article 5 - Registration"), Some((art, s("5"), s("5"), s("Registration"), None)));
    assert_eq!(h("Article 5: Registration of associations"), Some((art, s("5"), s("5"), s("Registration of associations"), None)));
    assert_eq!(h("Art. 5."), Some((art, s("5"), s("5"), None, None)));
    assert_eq!(h("ARTICLE V"), Some((art, s("V"), s("5"), None, None)));
    assert_eq!(h("Article 5 Registration"), Some((art, s("5"), s("5"), s("Registration"), None)));
    assert_eq!(
        h("Art. 5. The Ministry shall register every association."),
        Some((art, s("5"), s("5"), None, s("The Ministry shall register every association.")))
    );
    assert_eq!(h("មាត្រា ៥ ៖ ការចុះបញ្ជី"), Some((art, s("៥"), s("5"), s("ការចុះបញ្ជី"), None)));
    assert_eq!(h("មាត្រា ៥ ៖ សមាគមត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ ។"), Some((art, s("៥"), s("5"), None, s("សមាគមត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ ។"))));
    assert_eq!(h("មាត្រា ១១. ថ្មី"), Some((art, s("១១ ថ្មី"), s("11"), None, None)));
    assert_eq!(h("§ 20a Verein"), Some((art, s("20a"), s("20a"), s("Verein"), None)));
    assert_eq!(h("§ 10 (weggefallen)"), Some((art, s("10"), s("10"), s("(weggefallen)"), None)));
    assert_eq!(h("§§ 3 bis 6 (weggefallen)"), Some((art, s("3 bis 6"), s("3-6"), s("(weggefallen)"), None)));
    assert_eq!(h("Article 4 bis - Fees"), Some((art, s("4 bis"), s("4bis"), s("Fees"), None)));
    assert_eq!(h("Art 143a"), Some((art, s("143a"), s("143a"), None, None)));
}

#[test]
fn sentences_are_not_headings() {
    assert_eq!(h("Article 12 shall apply to foreign associations."), None);
    assert_eq!(h("Articles of association"), None);
    assert_eq!(h("Artificial intelligence"), None);
    assert_eq!(h("Partial compliance is allowed"), None);
    assert_eq!(h("Section 5 of the Act is amended by striking"), None);
}

#[test]
fn groups() {
    let chp = Target::Group(Kind::Chapter);
    assert_eq!(h("CHAPTER 1"), Some((chp, s("1"), s("1"), None, None)));
    assert_eq!(h("Chapter 2 - Right of Access"), Some((chp, s("2"), s("2"), s("Right of Access"), None)));
    assert_eq!(h("CHAPTER ONE"), Some((chp, s("ONE"), s("1"), None, None)));
    assert_eq!(h("Chapter Six: Final"), Some((chp, s("Six"), s("6"), s("Final"), None)));
    assert_eq!(
        h("Chapter Twenty-One - Transitional provisions"),
        Some((chp, s("Twenty-One"), s("21"), s("Transitional provisions"), None))
    );
    assert_eq!(h("CHAPTER FORTY SECOND"), Some((chp, s("FORTY SECOND"), s("42"), None, None)));
    assert_eq!(h("Chapter Thirty - Funds"), Some((chp, s("Thirty"), s("30"), s("Funds"), None)));
    assert_eq!(h("Chapter Eleventh"), Some((chp, s("Eleventh"), s("11"), None, None)));
    // A ten takes a unit, not a teen or another ten.
    assert_eq!(h("Chapter Twenty Twelve"), Some((chp, s("Twenty"), s("20"), s("Twelve"), None)));
    assert_eq!(h("ជំពូកទី ១. អំពីអធិបតេយ្យ"), Some((chp, s("១"), s("1"), s("អំពីអធិបតេយ្យ"), None)));
    assert_eq!(h("ជំពូកទី២"), Some((chp, s("២"), s("2"), None, None)));
    assert_eq!(h("ជំពូកទីមួយ"), Some((chp, s("មួយ"), s("1"), None, None)));
    assert_eq!(h("ជំពូកទី ដប់ប្រាំពីរ បទប្បញ្ញត្តិអន្តរកាល"), Some((chp, s("ដប់ប្រាំពីរ"), s("17"), s("បទប្បញ្ញត្តិអន្តរកាល"), None)));
    assert_eq!(h("ផ្នែកទីពីរ៖ ការចុះបញ្ជី").map(|p| (p.0, p.2)), Some((Target::Group(Kind::Section), s("2"))));
    // Without ទី, a number word is prose: "មាត្រាពីរ" begins "two articles".
    assert_eq!(h("មាត្រាពីរនេះ"), None);
    assert_eq!(h("ជំពូកទីនេះ"), None);
    assert_eq!(h("I. - Die Grundrechte"), Some((chp, s("I"), s("1"), s("Die Grundrechte"), None)));
    assert_eq!(h("VIII a. - Gemeinschaftsaufgaben"), Some((chp, s("VIII a"), s("8a"), s("Gemeinschaftsaufgaben"), None)));
    assert_eq!(h("VIIIa. - Gemeinschaftsaufgaben"), Some((chp, s("VIII a"), s("8a"), s("Gemeinschaftsaufgaben"), None)));
    assert_eq!(h("TITLE I—GENERAL PROVISIONS"), Some((Target::Group(Kind::Title), s("I"), s("1"), s("GENERAL PROVISIONS"), None)));
    assert_eq!(h("SEC. 101. SHORT TITLE."), Some((Target::Clause(Kind::Clause), s("101"), s("101"), s("SHORT TITLE"), None)));
    assert_eq!(h("Buch 1 - Allgemeiner Teil"), Some((Target::Group(Kind::Book), s("1"), s("1"), s("Allgemeiner Teil"), None)));
    assert_eq!(h("ANNEX III"), Some((Target::Annex, s("III"), s("3"), None, None)));
    assert_eq!(h("Erster Abschnitt - Das Strafgesetz"), Some((Target::Group(Kind::Part), s("Erster"), s("1"), s("Das Strafgesetz"), None)));
    assert_eq!(
        h("Fünfter Titel - Absehen von Strafe"),
        Some((Target::Group(Kind::Title), s("Fünfter"), s("5"), s("Absehen von Strafe"), None))
    );
    assert_eq!(h("Dreizehnter Abschnitt"), Some((Target::Group(Kind::Part), s("Dreizehnter"), s("13"), None, None)));
    assert_eq!(
        h("Einundzwanzigster Abschnitt - Begünstigung und Hehlerei"),
        Some((Target::Group(Kind::Part), s("Einundzwanzigster"), s("21"), s("Begünstigung und Hehlerei"), None))
    );
    assert_eq!(h("Siebenter Titel - Test"), Some((Target::Group(Kind::Title), s("Siebenter"), s("7"), s("Test"), None)));
    assert_eq!(
        h("Sechster Abschnitt - Widerstand gegen die Staatsgewalt"),
        Some((Target::Group(Kind::Part), s("Sechster"), s("6"), s("Widerstand gegen die Staatsgewalt"), None))
    );
    assert_eq!(h("Erste Hilfe ist wichtig"), None);
}

#[test]
fn every_german_ordinal_from_1_to_99() {
    let units = ["", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"];
    let tens = ["", "zehn", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"];
    let ordinal = |n: usize| -> Vec<String> {
        let stems: Vec<String> = match n {
            1 => vec!["ers".into()],
            3 => vec!["drit".into()],
            7 => vec!["sieben".into(), "sieb".into()],
            8 => vec!["ach".into()],
            11 => vec!["elf".into()],
            12 => vec!["zwölf".into()],
            16 => vec!["sechzehn".into()],
            17 => vec!["siebzehn".into()],
            2..=9 => vec![units[n].into()],
            10..=19 => vec![format!("{}zehn", units[n - 10])],
            _ if n.is_multiple_of(10) => vec![tens[n / 10].into()],
            _ => vec![format!("{}und{}", units[n % 10], tens[n / 10])],
        };
        // 2..19 take "-t-", 20 and up "-st-"; every ending of the adjective.
        let suffix = if n < 20 { "t" } else { "st" };
        stems.iter().flat_map(|st| ["er", "e", "en", "es", "em"].map(|e| format!("{st}{suffix}{e}"))).collect()
    };
    for n in 1..100 {
        for word in ordinal(n) {
            let capital = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
            assert_eq!(german_ordinal(&capital), Some(n as u32), "{capital}");
        }
    }
}

#[test]
fn markers() {
    let m = marker("(1) Every person has the right").unwrap();
    assert_eq!((m.printed, m.family, m.bracket, m.body), ("(1)", Family::Digit, Bracket::Paren, "Every person has the right"));
    assert_eq!(marker("(ក) សមាគម").unwrap().family, Family::Khmer);
    assert_eq!(marker("១. សមាគម").unwrap().family, Family::Digit);
    assert_eq!(marker("(i) x").unwrap().family, Family::Lower);
    assert_eq!(marker("(iv) x").unwrap().family, Family::LowerRoman);
    assert_eq!(marker("(ii) x").unwrap().family, Family::Lower);
    assert_eq!(marker("b) x").unwrap().family, Family::Lower);
    assert_eq!(marker("(A) x").unwrap().family, Family::Upper);
    assert_eq!(marker("(2a) inserted").unwrap().family, Family::Digit);
    assert!(marker("1.5 million").is_none());
    assert!(marker("A. Smith").is_none());
    assert!(marker("(see above)").is_none());
    assert!(marker("2019. The year").is_none());
}

#[test]
fn keyword_initials_cover_every_keyword() {
    for k in KEYWORDS {
        let initial = k.word.chars().next().unwrap();
        assert!(keyword_initial(initial), "{}", k.word);
        assert!(starts_with_char(k.word, initial), "{}", k.word);
    }
    // The search compares as far as each keyword goes: none may be longer
    // than the 16 lower-cased characters the grammar reads.
    assert!(KEYWORDS.iter().all(|k| k.word.chars().count() <= 14));
}

#[test]
fn folded_prefix_matches_lower_casing() {
    assert_eq!(folded_prefix("Abschnitt 2", "abschnitt"), Some(Some(' ')));
    assert_eq!(folded_prefix("ABSCHNITT", "abschnitt"), Some(None));
    assert_eq!(folded_prefix("Abschnitte", "abschnitt"), Some(Some('e')));
    assert_eq!(folded_prefix("Absatz 2", "abschnitt"), None);
    assert_eq!(folded_prefix("Ab", "abschnitt"), None);
    // Not ASCII: through the case tables.
    assert_eq!(folded_prefix("ÜBER", "über"), Some(None));
    assert_eq!(folded_prefix("មាត្រា ៥", "មាត្រា"), Some(Some(' ')));
    assert_eq!(folded_prefix("Kapitel", "មាត្រា"), None);
    // The Kelvin sign lower-cases to an ASCII k.
    assert_eq!(folded_prefix("\u{212A}apitel", "kapitel"), Some(None));
}

#[test]
fn prose_lines_are_rejected_early_and_headings_still_read() {
    // Prose in each language: no heading, whichever grammar sees them first.
    for line in [
        "auf die Leistung findet § 271 Anwendung.",
        "Die Vorschriften des Titels 2 gelten entsprechend.",
        "bestimmt sich nach den Vorschriften über den Kauf.",
        "Mit dem Tode einer Person geht deren Vermögen über.",
        "Soweit nicht ein anderes bestimmt ist, gilt Folgendes.",
        "Vertrag zugunsten Dritter",
        "Teil der Leistung ist zurückzugewähren.",
        "Artificial intelligence",
        "Done at Phnom Penh",
        "the Minister shall decide.",
        "សមាគមត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ ។",
        "ក្រសួងមហាផ្ទៃ",
        "Der Schuldner hat die Leistung zu bewirken.",
        "Durch den Vertrag wird der Verkäufer verpflichtet.",
    ] {
        assert_eq!(h(line), None, "{line}");
    }
    let art = Target::Clause(Kind::Article);
    assert_eq!(h("§ 1 Beginn der Rechtsfähigkeit"), Some((art, s("1"), s("1"), s("Beginn der Rechtsfähigkeit"), None)));
    assert_eq!(h("(XXXX) §§ 1836a und 1836b (weggefallen)"), Some((art, s("1836a und 1836b"), s("1836a-1836b"), s("(weggefallen)"), None)));
    assert_eq!(h("Untertitel 3 - Beschränkung der Haftung des Erben").map(|p| p.0), Some(Target::Group(Kind::Subtitle)));
    assert_eq!(h("Unterkapitel 2 - Verwaltung").map(|p| p.0), Some(Target::Group(Kind::Subchapter)));
    assert_eq!(h("ABSCHNITT 2").map(|p| p.0), Some(Target::Group(Kind::Part)));
    assert_eq!(h("Kapitel 1 - Allgemeines").map(|p| p.0), Some(Target::Group(Kind::Chapter)));
    assert_eq!(h("Art 4 bis - Fees").map(|p| p.1), Some(s("4 bis")));
    assert_eq!(h("Article 4 BIS - Fees").map(|p| p.2), Some(s("4bis")));
    assert_eq!(h("ជំពូក ២").map(|p| p.0), Some(Target::Group(Kind::Chapter)));
    assert_eq!(h("ផ្នែកទី ៣").map(|p| p.0), Some(Target::Group(Kind::Section)));
    assert_eq!(h("ឧបសម្ព័ន្ធ ១").map(|p| p.0), Some(Target::Annex));
    assert_eq!(h("Zweiter Titel - Kauf").map(|p| (p.0, p.2)), Some((Target::Group(Kind::Title), s("2"))));
    assert_eq!(h("Erstes Buch - Allgemeiner Teil").map(|p| (p.0, p.2)), Some((Target::Group(Kind::Book), s("1"))));
    // An ordinal before a word that only begins like a keyword is prose.
    assert_eq!(h("Erster Titelverteidiger"), None);
    assert_eq!(h("XIV. - Schlussbestimmungen").map(|p| p.2), Some(s("14")));
    assert_eq!(h("Die. - Kein Kapitel"), None);
}

#[test]
fn signatures_and_collapsed_headings() {
    assert!(is_signature("Done at Brussels, 3 May"));
    assert!(is_signature("PHNOM PENH, 1 January"));
    assert!(is_signature("ធ្វើនៅរាជធានីភ្នំពេញ ថ្ងៃទី"));
    assert!(!is_signature("Done"));
    assert!(!is_signature("Dones at"));
    assert!(is_collapsed("Beginn der Rechtsfähigkeit"));
    assert!(is_collapsed(""));
    assert!(!is_collapsed("Beginn  der"));
    assert!(!is_collapsed(" Beginn"));
    assert!(!is_collapsed("Beginn\tder"));
    assert!(!is_collapsed("Beginn "));
    assert_eq!(clean_heading("SHORT  TITLE."), "SHORT TITLE");
    assert_eq!(clean_heading("Short title."), "Short title.");
}

#[test]
fn marker_families_without_copies() {
    let m = marker("(2a) inserted text").unwrap();
    assert_eq!((m.printed, m.symbol, m.body), ("(2a)", "2a", "inserted text"));
    assert_eq!(marker("(4bis) x").unwrap().family, Family::Digit);
    assert!(marker("(1234) x").is_none());
    assert!(marker("(12ab) x").is_none());
    assert_eq!(marker("(១២) x").unwrap().family, Family::Digit);
    assert_eq!(marker("(IV) x").unwrap().family, Family::UpperRoman);
    assert_eq!(marker("(aa) x").unwrap().family, Family::Lower);
    assert!(marker("(ab) x").is_none());
    assert!(marker("(Ab) x").is_none());
    assert_eq!(marker("ខ. x").unwrap().family, Family::Khmer);
}
