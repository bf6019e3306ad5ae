//! What installing needs beside the binary: shell completions and the manual page, both made
//! from the same command-line definition the program parses with, so they never drift.

use std::io::Write;

use clap::CommandFactory;

/// The shells `cable-reader completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// The completion script for `shell`.
pub fn completions(shell: Shell, out: &mut impl Write) -> std::io::Result<()> {
    let mut cmd = super::Cli::command();
    let name = cmd.get_name().to_string();
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    out.write_all(&script)
}

/// The manual page (section 1) in roff, with a section per subcommand.
pub fn man(out: &mut impl Write) -> std::io::Result<()> {
    let cmd = super::Cli::command();
    let page = clap_mangen::Man::new(cmd.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    page.render_subcommands_section(out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        writeln!(
            out,
            ".SH \"{}\"",
            format!("CABLE-READER {name}").to_uppercase()
        )?;
        let sub_page = clap_mangen::Man::new(sub.clone().bin_name(format!("cable-reader {name}")));
        let mut body = SkipHeading::new(out);
        sub_page.render_synopsis_section(&mut body)?;
        sub_page.render_options_section(&mut body)?;
        body.flush()?;
    }
    page.render_extra_section(out)?;
    page.render_version_section(out)?;
    Ok(())
}

/// Passes roff through but drops `.SH` headings: a subcommand's synopsis and options go under
/// the subcommand's own heading.
struct SkipHeading<'a, W: Write> {
    out: &'a mut W,
    line: Vec<u8>,
}

impl<'a, W: Write> SkipHeading<'a, W> {
    fn new(out: &'a mut W) -> Self {
        SkipHeading {
            out,
            line: Vec::new(),
        }
    }
}

impl<W: Write> Write for SkipHeading<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            self.line.push(b);
            if b == b'\n' {
                if !self.line.starts_with(b".SH ") {
                    self.out.write_all(&self.line)?;
                }
                self.line.clear();
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.line.starts_with(b".SH ") {
            self.out.write_all(&self.line)?;
        }
        self.line.clear();
        self.out.flush()
    }
}
