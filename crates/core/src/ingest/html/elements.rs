//! What the HTML importer knows of elements: raw-text, skipped, void and block elements.

/// Elements whose content is raw text up to their end tag.
pub(super) const RAW_TEXT: [&str; 8] = ["script", "style", "title", "textarea", "xmp", "noscript", "noembed", "noframes"];
/// Elements skipped with everything inside them.
pub(super) const SKIPPED: [&str; 9] = ["head", "nav", "select", "button", "svg", "template", "iframe", "object", "canvas"];
/// Elements with no end tag.
pub(super) const VOID: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements that start and end a block of text.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "blockquote"
            | "dd"
            | "dt"
            | "dl"
            | "ul"
            | "ol"
            | "li"
            | "address"
            | "center"
            | "main"
            | "figure"
            | "figcaption"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "fieldset"
            | "legend"
            | "details"
            | "summary"
            | "hr"
            | "caption"
            | "body"
            | "html"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
    )
}
