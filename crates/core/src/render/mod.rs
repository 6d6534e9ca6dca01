//! Documents for people to read, rendered from the core's data: a
//! comparison of two versions as a terminal redline ([`text`]), a
//! standalone HTML page ([`html`]), a DOCX with tracked changes ([`docx`]);
//! a joint position as Markdown, HTML ([`position`]) and DOCX; either DOCX
//! as PDF ([`pdf`], through LibreOffice). Style sheets are files beside the
//! code (`comparison.css`, `position.css`).
//!
//! Renderers only read: a comparison's [`crate::diff::report::DiffReport`],
//! a position's [`crate::positions::PositionDetail`]. Formats for other
//! programs to read (CSV, JSON-LD, Akoma Ntoso, bundles) are in
//! [`crate::export`].

pub mod docx;
pub mod html;
pub mod pdf;
pub mod position;
pub mod text;
