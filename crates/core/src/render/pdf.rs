//! PDF, by converting our own DOCX with LibreOffice (headless), which shapes
//! Khmer with HarfBuzz and embeds the fonts it used.
//!
//! Draftwatch does not carry its own PDF typesetter: shaping Khmer (subscript
//! consonants, vowel reordering, line breaking between words) is the hard
//! part, and LibreOffice does it right. PDF export therefore needs
//! LibreOffice (`soffice`) installed; without it the user is told so, and
//! DOCX and HTML (printable from any browser) remain. The conversion runs on
//! a private temporary folder and profile, offline, and is stopped after
//! [`TIMEOUT`].

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// Longest a conversion may take.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// The LibreOffice program, if installed (`DRAFTWATCH_SOFFICE` overrides).
pub fn soffice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DRAFTWATCH_SOFFICE") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("soffice")).find(|p| p.is_file())
}

/// Converts DOCX bytes to PDF bytes.
pub fn from_docx(docx: &[u8]) -> Result<Vec<u8>> {
    let soffice = soffice().ok_or_else(|| {
        Error::Unavailable(
            "PDF export needs LibreOffice (the `soffice` program), which is not installed; install it (Debian/Ubuntu: \
             libreoffice-writer-nogui), or export DOCX or HTML and print that"
                .into(),
        )
    })?;
    let dir = std::env::temp_dir().join(format!("draftwatch-pdf-{}-{}", std::process::id(), crate::annotate::new_uid()));
    let io = |what: &str| {
        let what = what.to_string();
        move |source| Error::Io { what, source }
    };
    std::fs::create_dir_all(&dir).map_err(io("cannot create a temporary folder for the PDF"))?;
    let result = (|| {
        let input = dir.join("document.docx");
        std::fs::write(&input, docx).map_err(io("cannot write the temporary DOCX"))?;
        let mut child = Command::new(&soffice)
            .arg(format!("-env:UserInstallation=file://{}/profile", dir.display()))
            .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
            .arg(&dir)
            .arg(&input)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(io("cannot start LibreOffice"))?;
        let start = Instant::now();
        loop {
            match child.try_wait().map_err(io("LibreOffice failed"))? {
                Some(_) => break,
                None if start.elapsed() > TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(Error::Unavailable(format!("LibreOffice did not finish the PDF within {} s", TIMEOUT.as_secs())));
                }
                None => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut err);
        }
        std::fs::read(dir.join("document.pdf")).map_err(|_| Error::Unavailable(format!("LibreOffice wrote no PDF: {}", err.trim())))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
