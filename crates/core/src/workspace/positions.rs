//! Joint positions through the facade: items, endorsements, the adoption scorecard and the position's exports.

use super::Workspace;
use crate::error::{Error, Result};
use crate::{annotate, positions};

impl Workspace {
    /// Starts a joint position on a version of a bill; `lang` (en or km) is
    /// the language of its headings and labels (default: the version's).
    pub fn position_new(
        &mut self,
        bill: &str,
        version: &str,
        title: &str,
        intro: &str,
        closing: &str,
        lang: Option<&str>,
    ) -> Result<positions::Position> {
        let version_id = self.version_id(bill, version)?;
        let lang = match lang {
            Some(l) => l.to_string(),
            None if self.version_info(bill, version)?.lang == "km" => "km".into(),
            None => "en".into(),
        };
        let id = positions::create(&self.conn, version_id, title, intro, closing, &lang)?;
        positions::get(&self.conn, id)
    }

    /// The joint positions, newest first.
    pub fn positions(&self) -> Result<Vec<positions::Position>> {
        positions::list_positions(&self.conn)
    }

    /// A position with its items and endorsements.
    pub fn position(&self, id: i64) -> Result<positions::PositionDetail> {
        positions::detail(&self.conn, id)
    }

    /// Changes a position's title, introduction or closing.
    pub fn position_edit(
        &mut self,
        id: i64,
        title: Option<&str>,
        intro: Option<&str>,
        closing: Option<&str>,
    ) -> Result<positions::Position> {
        positions::edit(&self.conn, id, title, intro, closing)?;
        positions::get(&self.conn, id)
    }

    /// Adds an annotation to a position (at the end, or at 1-based place `at`; adding again moves it).
    pub fn position_add(&mut self, id: i64, annotation: i64, at: Option<usize>) -> Result<()> {
        let tx = self.conn.transaction()?;
        positions::add_item(&tx, id, annotation, at)?;
        Ok(tx.commit()?)
    }

    /// Removes an annotation from a position.
    pub fn position_remove(&mut self, id: i64, annotation: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        positions::remove_item(&tx, id, annotation)?;
        Ok(tx.commit()?)
    }

    /// Records an organisation's endorsement (invited, endorsed, declined, withdrawn) on a date.
    pub fn position_endorse(
        &mut self,
        id: i64,
        org: &str,
        state: positions::EndorsementState,
        date: &str,
        note: Option<&str>,
    ) -> Result<()> {
        positions::endorse(&self.conn, id, org, state, date, note)
    }

    /// The adoption scorecard of a position against a later version.
    pub fn position_track(&self, id: i64, against: &str) -> Result<positions::track::Scorecard> {
        let p = positions::get(&self.conn, id)?;
        let against = self.version_id(&p.bill, against)?;
        positions::track::track(&self.conn, id, against)
    }

    /// A position as `docx`, `pdf` (through LibreOffice), `md` or `html` (the file's bytes).
    pub fn position_export(&self, id: i64, format: &str) -> Result<Vec<u8>> {
        let d = positions::detail(&self.conn, id)?;
        let rights = self.rights()?;
        match format {
            "docx" => Ok(crate::render::docx::position(&d, &rights)),
            "pdf" => crate::render::pdf::from_docx(&crate::render::docx::position(&d, &rights)),
            "md" | "markdown" => Ok(crate::render::position::position_markdown(&d, &rights).into_bytes()),
            "html" => Ok(crate::render::position::position_html(&d, &rights).into_bytes()),
            other => Err(Error::invalid("format", format!("a position exports as docx, pdf, md or html, not \"{other}\""))),
        }
    }

    /// Annotations (all, or of one bill) as `csv` or `w3c` (JSON-LD).
    pub fn annotations_export(&self, bill: Option<&str>, format: &str) -> Result<String> {
        let list = annotate::list(&self.conn, &annotate::Filter { bill: bill.map(str::to_string), ..Default::default() })?;
        match format {
            "csv" => Ok(crate::export::annotations_csv(&list)),
            "w3c" | "jsonld" => {
                let label = bill.map(|b| format!("Draftwatch annotations on {b}")).unwrap_or_else(|| "Draftwatch annotations".into());
                Ok(serde_json::to_string_pretty(&crate::export::w3c::collection(&list, &label)).expect("json"))
            }
            other => Err(Error::invalid("format", format!("annotations export as csv or w3c, not \"{other}\""))),
        }
    }
}
