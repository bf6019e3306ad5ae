//! The full-screen reader.

use crate::cable::LoadReport;

/// Runs the reader on what was loaded until the user quits.
pub fn run(report: LoadReport) -> anyhow::Result<()> {
    println!("{} cables loaded", report.cables.len());
    Ok(())
}
