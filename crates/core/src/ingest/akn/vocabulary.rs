//! The vocabulary: which family of XML a document is, and what each element
//! is to the tree builder (a provision of some kind, a block of text, a
//! wrapper to see through, or something to leave out).

use super::xml::Element;
use crate::ingest::{IngestError, Result};
use crate::structure::Kind;

/// Which family of XML the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    /// Akoma Ntoso 3.0 and its profiles.
    Akn,
    /// US Legislative Markup.
    Uslm,
    /// The GPO bill/resolution DTD (`<enum>`, `<header>`, `<text>`).
    Gpo,
}

pub(super) const USLM_ROOTS: [&str; 9] =
    ["bill", "resolution", "amendment", "engrossedAmendment", "lawDoc", "uscDoc", "pLaw", "statutesAtLarge", "statuteCompilation"];
pub(super) const GPO_ROOTS: [&str; 4] = ["bill", "resolution", "amendment-doc", "engrossed-amendment"];

pub(super) fn dialect_of(root: &Element) -> Result<Dialect> {
    let ns = root.ns.as_deref().unwrap_or("");
    let name = root.name.as_str();
    if name == "akomaNtoso" {
        return Ok(Dialect::Akn);
    }
    if USLM_ROOTS.contains(&name) && (ns.contains("uslm") || ns.contains("xml.house.gov")) {
        return Ok(Dialect::Uslm);
    }
    if GPO_ROOTS.contains(&name) && ns.is_empty() {
        return Ok(Dialect::Gpo);
    }
    if USLM_ROOTS.contains(&name) {
        return Ok(Dialect::Uslm);
    }
    Err(IngestError::UnknownXml(format!(
        "the root element is <{name}>; Draftwatch reads <akomaNtoso> (Akoma Ntoso, UK Lawmaker, LegalDocML.de), USLM (<bill>, <resolution>, <amendment>, <lawDoc>, <uscDoc>, <pLaw>) and GPO bill XML"
    )))
}

/// What an element is to the tree builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Left out with its content.
    Skip,
    /// Its content belongs to the enclosing element, as if it were not there.
    Transparent,
    /// Inline markup: its text runs on.
    Inline,
    /// A paragraph-level container: a line break before and after.
    Block,
    /// A line break (`br`, `eol`).
    Break,
    /// A table row: one line, cells joined by " | ".
    Row,
    /// A footnote or marginal note: a Note node.
    Note,
    /// Quoted amendment text set as a block (`quotedStructure`): flattened.
    QuoteBlock,
    /// Quoted amendment text inline (`quotedText`, `mod`): flattened.
    QuoteInline,
    /// A `ref` that stands for a metadata variable (UK Lawmaker `#varBillTitle`).
    Placeholder,
    /// A number not consumed by its provision (in a `tblock`, say).
    Num,
    /// A provision of this kind.
    Hier(Kind),
}

/// Names of elements that can be provisions (for "does this hold provisions?").
pub(super) const HIER_NAMES: [&str; 30] = [
    "book",
    "division",
    "subdivision",
    "part",
    "subpart",
    "title",
    "subtitle",
    "chapter",
    "subchapter",
    "section",
    "subsection",
    "article",
    "paragraph",
    "subparagraph",
    "point",
    "item",
    "listItem",
    "clause",
    "subclause",
    "subitem",
    "indent",
    "alinea",
    "level",
    "hcontainer",
    "recital",
    "citation",
    "schedule",
    "annex",
    "attachment",
    "appendix",
];

/// The kind an element (or an `hcontainer`'s `name`) names, before refinement.
pub(super) fn named_kind(name: &str) -> Option<Kind> {
    Some(match name {
        "book" | "division" => Kind::Book,
        "part" | "subdivision" => Kind::Part,
        "title" => Kind::Title,
        "subtitle" => Kind::Subtitle,
        "chapter" => Kind::Chapter,
        "subchapter" | "subpart" => Kind::Subchapter,
        "section" => Kind::Clause,
        "subsection" => Kind::Paragraph,
        "article" => Kind::Article,
        "paragraph" | "recital" | "citation" => Kind::Paragraph,
        "subparagraph" | "point" | "item" | "listItem" | "clause" | "subclause" | "subitem" | "indent" | "alinea" | "subsubparagraph" => {
            Kind::Point
        }
        "preamble" | "recitals" | "citations" | "formula" => Kind::Preamble,
        "preface" | "coverPage" | "longTitle" | "enactingFormula" | "resolvingClause" => Kind::Front,
        "attachment" | "annex" | "schedule" | "schedules" | "appendix" => Kind::Annex,
        "conclusions" | "signatures" | "signature" | "attestation" => Kind::Signature,
        _ => return None,
    })
}

/// Paragraph-level containers of text.
pub(super) fn is_block_name(name: &str) -> bool {
    matches!(
        name,
        "p" | "content"
            | "intro"
            | "chapeau"
            | "continuation"
            | "wrapUp"
            | "text"
            | "block"
            | "blockContainer"
            | "tblock"
            | "container"
            | "listIntroduction"
            | "listWrapUp"
            | "heading"
            | "subheading"
            | "crossHeading"
            | "caption"
            | "proviso"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "table"
            | "tgroup"
            | "thead"
            | "tbody"
            | "tfoot"
            | "layout"
            | "td"
            | "th"
            | "entry"
            // USLM front matter
            | "slugLine"
            | "distributionCode"
            | "congress"
            | "session"
            | "docNumber"
            | "currentChamber"
            | "action"
            | "actionDescription"
            | "action-desc"
            | "officialTitle"
            | "enrolledDateline"
            // GPO front matter
            | "distribution-code"
            | "legis-num"
            | "current-chamber"
            | "legis-type"
            | "official-title"
            | "attestation-group"
            | "attestor"
            | "endorsement"
    )
}

/// Elements whose content simply continues the enclosing one.
pub(super) fn is_transparent_name(name: &str) -> bool {
    matches!(
        name,
        "body"
            | "mainBody"
            | "main"
            | "act"
            | "bill"
            | "doc"
            | "amendmentList"
            | "amendment"
            | "debate"
            | "judgment"
            | "portion"
            | "statement"
            | "officialGazette"
            | "documentCollection"
            | "collectionBody"
            | "judgmentBody"
            | "amendmentBody"
            | "debateBody"
            | "portionBody"
            | "components"
            | "component"
            | "attachments"
            | "list"
            | "blockList"
            | "notes"
            | "legis-body"
            | "resolution-body"
            | "engrossed-amendment-body"
            | "amendment-body"
            | "amendment-block"
    )
}
