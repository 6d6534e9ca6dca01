//! Numbers written in words, in English and Khmer: the diff reads "thirty
//! (30) days" as one number, the structure parser "Chapter Twenty-One" and
//! "ជំពូកទីមួយ" as chapters 21 and 1.

/// Number words besides [`ENGLISH`]'s cardinals, by value (Khmer ones are
/// also read as parts of one written word: ប្រាំមួយ is 5 + 1).
const OTHER_WORDS: &[(&str, u64)] = &[
    ("zero", 0),
    ("hundred", 100),
    ("thousand", 1000),
    ("million", 1_000_000),
    ("មួយ", 1),
    ("ពីរ", 2),
    ("បី", 3),
    ("បួន", 4),
    ("ប្រាំ", 5),
    ("ដប់", 10),
    ("ម្ភៃ", 20),
    ("សាមសិប", 30),
    ("សែសិប", 40),
    ("ហាសិប", 50),
    ("ហុកសិប", 60),
    ("ចិតសិប", 70),
    ("ប៉ែតសិប", 80),
    ("កៅសិប", 90),
    ("រយ", 100),
    ("ពាន់", 1000),
    ("ម៉ឺន", 10_000),
    ("សែន", 100_000),
    ("លាន", 1_000_000),
];

/// The value of a number written in words (`forty`, `five` → 45; `two`,
/// `hundred` → 200; `ពីររយហាសិប` → 250), given in lower case without
/// punctuation; `None` when a word is not a number word.
pub(crate) fn words_value<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Option<u64> {
    let mut atoms = Vec::new();
    for w in words {
        let mut rest = w.as_ref();
        while !rest.is_empty() {
            let cardinals = ENGLISH.iter().map(|&(c, _, v)| (c, u64::from(v))).chain(OTHER_WORDS.iter().copied());
            let (word, value) = cardinals.filter(|(k, _)| rest.starts_with(k)).max_by_key(|(k, _)| k.len())?;
            atoms.push(value);
            rest = &rest[word.len()..];
        }
    }
    let (mut total, mut current) = (0u64, 0u64);
    for a in atoms {
        if a >= 1000 {
            total += current.max(1) * a;
            current = 0;
        } else if a == 100 {
            current = current.max(1) * 100;
        } else {
            current += a;
        }
    }
    Some(total + current)
}

/// English numbers in words, 1 to 19 and the tens: cardinal, then ordinal.
const ENGLISH: [(&str, &str, u32); 27] = [
    ("one", "first", 1),
    ("two", "second", 2),
    ("three", "third", 3),
    ("four", "fourth", 4),
    ("five", "fifth", 5),
    ("six", "sixth", 6),
    ("seven", "seventh", 7),
    ("eight", "eighth", 8),
    ("nine", "ninth", 9),
    ("ten", "tenth", 10),
    ("eleven", "eleventh", 11),
    ("twelve", "twelfth", 12),
    ("thirteen", "thirteenth", 13),
    ("fourteen", "fourteenth", 14),
    ("fifteen", "fifteenth", 15),
    ("sixteen", "sixteenth", 16),
    ("seventeen", "seventeenth", 17),
    ("eighteen", "eighteenth", 18),
    ("nineteen", "nineteenth", 19),
    ("twenty", "twentieth", 20),
    ("thirty", "thirtieth", 30),
    ("forty", "fortieth", 40),
    ("fifty", "fiftieth", 50),
    ("sixty", "sixtieth", 60),
    ("seventy", "seventieth", 70),
    ("eighty", "eightieth", 80),
    ("ninety", "ninetieth", 90),
];

/// The value of one English number word, cardinal or ordinal ("Six",
/// "sixth", "TWENTY"), as headings number chapters.
pub(crate) fn english_word(word: &str) -> Option<u32> {
    ENGLISH.iter().find(|(c, o, _)| word.eq_ignore_ascii_case(c) || word.eq_ignore_ascii_case(o)).map(|&(_, _, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words() {
        assert_eq!(words_value(["forty", "five"]), Some(45));
        assert_eq!(words_value(["eighteen"]), Some(18));
        assert_eq!(words_value(["two", "hundred", "thousand"]), Some(200_000));
        assert_eq!(words_value(["ពីររយហាសិប"]), Some(250));
        assert_eq!(words_value(["ដប់ប្រាំពីរ"]), Some(17));
        assert_eq!(words_value(["forty", "days"]), None);
        assert_eq!(english_word("Twentieth"), Some(20));
        assert_eq!(english_word("SEVENTEEN"), Some(17));
        assert_eq!(english_word("hundred"), None);
    }
}
