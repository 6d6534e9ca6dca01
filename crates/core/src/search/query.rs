//! From the user's query to a tantivy query.
//!
//! The syntax is tantivy's: words, `"phrases"`, `AND`, `OR`, `NOT`/`-`,
//! `+`, brackets, `field:value`, `word*` for a prefix, `^2` to boost.
//! Several words all have to match (conjunction by default), as in the
//! search boxes lawyers know.
//!
//! Where a term has no field, it is sent to the text fields of every
//! language, each analysing it its own way:
//! - a bare word to `text_en` (stemmed: `registered` finds `registration`),
//!   `text_exact` (every other non-Khmer language) and `text_km`;
//! - a quoted phrase to the unstemmed fields only (`text_exact`, `text_km`):
//!   `"prior permission"` means those words, not their stems;
//! - a prefix `regist*` to every text field, the prefix folded as the
//!   indexed words are (lower case, Khmer digits as ASCII).
//!
//! `text:` names all the text fields at once (`text:"due process"`).

use tantivy::query::{Query, QueryParser, QueryParserError};
use tantivy::query_grammar::{self, Delimiter, Occur, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::Field;
use tantivy::Searcher;

use super::analyzers::fold_word;
use super::{Fields, SearchError};

/// Field names a query may use, for the error message.
const FILTER_FIELDS: &str = "bill, version, num, eid, heading, lang, changed, kind, right, impact, org, status, text";

/// Parses `text` into a query over the index's fields.
pub fn parse(searcher: &Searcher, fields: &Fields, text: &str) -> Result<Box<dyn Query>, SearchError> {
    let index = searcher.index();
    if text.trim().is_empty() {
        return Err(SearchError::Query("the query is empty".into()));
    }
    let (ast, errors) = query_grammar::parse_query_lenient(text);
    if let Some(e) = errors.first() {
        let at: String = text.chars().skip(e.pos).take(12).collect();
        let near = if at.is_empty() { "at the end".to_string() } else { format!("near \"{at}\"") };
        return Err(SearchError::Query(format!("{} {near} (check quotes and brackets)", e.message.trim_end_matches('.'))));
    }
    let schema = index.schema();
    let name = |f| schema.get_field_name(f).to_string();
    let words = [name(fields.text_en), name(fields.text_exact), name(fields.text_km)];
    let phrases = [name(fields.text_exact), name(fields.text_km)];
    let unstemmed = [fields.text_exact, fields.text_km];
    let expand = |prefix: &str| expand_prefix(searcher, &unstemmed, prefix);
    let ast = rewrite(ast, &Targets { words: &words, phrases: &phrases, expand: &expand })?;
    let mut parser = QueryParser::new(schema.clone(), Vec::new(), super::analyzers::query_tokenizers());
    parser.set_conjunction_by_default();
    parser.allow_regexes();
    parser.build_query_from_user_input_ast(ast).map_err(explain)
}

/// Where field-less terms go.
struct Targets<'a> {
    /// Bare words: every text field.
    words: &'a [String],
    /// Quoted phrases: the unstemmed fields.
    phrases: &'a [String],
    /// A prefix's indexed words (unstemmed), if there are not too many.
    expand: &'a dyn Fn(&str) -> Option<Vec<String>>,
}

/// Most words a prefix expands to before it becomes a (constant-score,
/// unhighlighted) regular-expression query.
const MAX_EXPANSION: usize = 512;

/// Sends field-less terms to the text fields (see the module docs).
fn rewrite(ast: UserInputAst, t: &Targets) -> Result<UserInputAst, SearchError> {
    let (words, phrases) = (t.words, t.phrases);
    Ok(match ast {
        UserInputAst::Clause(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (occur, a) in items {
                match (occur, rewrite(a, t)?) {
                    // `a AND NOT b` parses as `+a +(-b)`, and a group of only
                    // exclusions matches nothing: lift them (`+a -b`).
                    (Some(Occur::Must), UserInputAst::Clause(inner)) if inner.iter().all(|(o, _)| *o == Some(Occur::MustNot)) => {
                        out.extend(inner)
                    }
                    (occur, a) => out.push((occur, a)),
                }
            }
            UserInputAst::Clause(out)
        }
        UserInputAst::Boost(inner, boost) => UserInputAst::Boost(Box::new(rewrite(*inner, t)?), boost),
        UserInputAst::Leaf(leaf) => match *leaf {
            // `regist*`: the words that start so, each scored and marked like a
            // typed word; a rarer pattern (`regi*ion`) or a prefix of too many
            // words is a regular expression over the indexed words.
            UserInputLeaf::Literal(lit) if matches!(lit.delimiter, Delimiter::None) && (lit.prefix || lit.phrase.contains('*')) => {
                let typed = if lit.prefix { format!("{}*", lit.phrase) } else { lit.phrase.clone() };
                let pattern = prefix_pattern(&typed)?;
                let plain_prefix = pattern.strip_suffix(".*").filter(|p| !p.contains(['\\', '*'])).map(str::to_string);
                let field_less = lit.field_name.as_deref().is_none_or(|f| f == "text");
                if let (true, Some(prefix)) = (field_less, plain_prefix) {
                    if let Some(found) = (t.expand)(&prefix) {
                        // No word starts so: a literal that matches nothing.
                        let found = if found.is_empty() { vec![prefix] } else { found };
                        return Ok(any_of(phrases.iter().flat_map(|f| {
                            found.iter().map(move |w| {
                                UserInputLeaf::Literal(UserInputLiteral {
                                    field_name: Some(f.clone()),
                                    phrase: w.clone(),
                                    delimiter: Delimiter::None,
                                    slop: 0,
                                    prefix: false,
                                })
                            })
                        })));
                    }
                }
                let targets = match lit.field_name {
                    None => words.to_vec(),
                    Some(f) if f == "text" => words.to_vec(),
                    Some(f) => vec![f],
                };
                any_of(targets.into_iter().map(|f| UserInputLeaf::Regex { field: Some(f), pattern: pattern.clone() }))
            }
            UserInputLeaf::Literal(lit) if lit.field_name.is_none() || lit.field_name.as_deref() == Some("text") => {
                let targets = if matches!(lit.delimiter, Delimiter::None) { words } else { phrases };
                any_of(targets.iter().map(|f| {
                    let mut l = lit.clone();
                    l.field_name = Some(f.clone());
                    UserInputLeaf::Literal(l)
                }))
            }
            // `/regex/` without a field: over the words of every language.
            UserInputLeaf::Regex { field, pattern } if field.is_none() || field.as_deref() == Some("text") => {
                any_of(words.iter().map(|f| UserInputLeaf::Regex { field: Some(f.clone()), pattern: pattern.clone() }))
            }
            other => other.into(),
        },
    })
}

/// The distinct indexed words of `fields` starting with `prefix`, or `None`
/// when there are more than [`MAX_EXPANSION`].
fn expand_prefix(searcher: &Searcher, fields: &[Field], prefix: &str) -> Option<Vec<String>> {
    let mut found = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        for &field in fields {
            let inverted = segment.inverted_index(field).ok()?;
            let mut stream = inverted.terms().range().ge(prefix.as_bytes()).into_stream().ok()?;
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                found.insert(String::from_utf8_lossy(key).into_owned());
                if found.len() > MAX_EXPANSION {
                    return None;
                }
            }
        }
    }
    Some(found.into_iter().collect())
}

fn any_of(leaves: impl Iterator<Item = UserInputLeaf>) -> UserInputAst {
    UserInputAst::Clause(leaves.map(|l| (Some(Occur::Should), l.into())).collect())
}

/// A wildcard as the user typed it (`regist*`, `ការចុះ*`) as a regular
/// expression over indexed words: the literal part folded and escaped, `*`
/// as any run of characters. A bare `*` (which would match every word) is
/// refused.
fn prefix_pattern(typed: &str) -> Result<String, SearchError> {
    let mut out = String::new();
    let mut literal = String::new();
    let flush = |literal: &mut String, out: &mut String| {
        let normal = crate::text::normalize(literal);
        let folded = fold_word(&normal);
        for c in folded.chars() {
            if "\\.+*?()|[]{}^$#&-~".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
        literal.clear();
    };
    for c in typed.chars() {
        if c == '*' {
            flush(&mut literal, &mut out);
            out.push_str(".*");
        } else {
            literal.push(c);
        }
    }
    flush(&mut literal, &mut out);
    if out.replace(".*", "").is_empty() {
        return Err(SearchError::Query("a wildcard needs at least one letter before or after the *".into()));
    }
    Ok(out)
}

fn explain(e: QueryParserError) -> SearchError {
    SearchError::Query(match e {
        QueryParserError::FieldDoesNotExist(f) => format!("there is no field \"{f}\"; the fields are {FILTER_FIELDS}"),
        QueryParserError::AllButQueryForbidden => "a query cannot be only exclusions (NOT ...); add a term to look for".into(),
        QueryParserError::NoDefaultFieldDeclared => "name a field or give words to look for".into(),
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_patterns_are_folded_and_escaped() {
        assert_eq!(prefix_pattern("Regist*").unwrap(), "regist.*");
        assert_eq!(prefix_pattern("a.b*").unwrap(), "a\\.b.*");
        assert_eq!(prefix_pattern("១២*").unwrap(), "12.*");
        assert!(prefix_pattern("*").is_err());
    }
}
