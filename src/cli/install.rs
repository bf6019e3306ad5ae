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
    clap_complete::generate(shell, &mut cmd, name.clone(), &mut script);
    if shell == clap_complete::Shell::Bash {
        script = bash_case_labels(&script, &name).into_bytes();
    }
    out.write_all(&script)
}

/// The bash generator spells the hyphen of `cable-reader` as its subcommand separator in the
/// case labels (`cable__subcmd__reader__subcmd__list`) but not in the state it matches them
/// against (`cable__reader__subcmd__list`), so no option after a subcommand would complete:
/// the labels are spelled as the state is.
fn bash_case_labels(script: &[u8], name: &str) -> String {
    let text = String::from_utf8_lossy(script);
    let wrong = name.replace('-', "__subcmd__");
    let right = name.replace('-', "__");
    if wrong == right {
        return text.into_owned();
    }
    text.replace(&format!("{wrong}__"), &format!("{right}__"))
        .replace(&format!("{wrong})"), &format!("{right})"))
}

/// The manual page (section 1) in roff: the options, then a section per subcommand with its
/// synopsis and options, then exit status, environment and files.
pub fn man(out: &mut impl Write) -> std::io::Result<()> {
    let cmd = super::Cli::command();
    let page = clap_mangen::Man::new(cmd.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    let subs: Vec<&clap::Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .collect();
    writeln!(out, ".SH SUBCOMMANDS")?;
    for sub in &subs {
        let name = sub.get_name();
        writeln!(out, ".TP\n\\fBcable\\-reader {}\\fR", roff(name))?;
        writeln!(out, "{}", roff(&about(sub)))?;
    }
    for sub in &subs {
        let name = sub.get_name();
        writeln!(
            out,
            ".SH \"{}\"",
            roff(&format!("CABLE-READER {}", name.to_uppercase()))
        )?;
        writeln!(out, "{}\n.PP", roff(&about(sub)))?;
        let sub_page =
            clap_mangen::Man::new((*sub).clone().bin_name(format!("cable-reader {name}")));
        let mut body = SkipHeading::new(out);
        sub_page.render_synopsis_section(&mut body)?;
        sub_page.render_options_section(&mut body)?;
        body.flush()?;
        for inner in sub.get_subcommands().filter(|s| s.get_name() != "help") {
            writeln!(
                out,
                ".TP\n\\fBcable\\-reader {} {}\\fR",
                roff(name),
                roff(inner.get_name())
            )?;
            writeln!(out, "{}", roff(&about(inner)))?;
        }
    }
    out.write_all(MAN_TAIL.as_bytes())?;
    page.render_version_section(out)?;
    Ok(())
}

/// The sections no command-line definition holds.
const MAN_TAIL: &str = r#".SH "EXIT STATUS"
.TP
0
Everything loaded and something was printed.
.TP
1
Some inputs could not be read (each is named on stderr), or nothing was selected (the message says why).
.TP
2
A usage error, a mistake in the settings, or the reader without a terminal.
.SH ENVIRONMENT
.TP
CABLE_READER_CONFIG
The settings file, when \-\-config is not given.
.TP
NO_COLOR
No colours, whatever the settings say.
.TP
CABLE_READER_CACHE
The folder of the index cache, or \fBoff\fR.
.TP
CABLE_READER_TERMINAL
\fB1\fR: write as to a terminal whatever standard output is; \fB0\fR: as to a pipe.
.SH FILES
.TP
$XDG_CONFIG_HOME/cable\-reader/config.toml
The settings (\fBcable\-reader config path\fR tells which file is read).
.TP
$XDG_STATE_HOME/cable\-reader/state.json
Places, bookmarks and history.
"#;

fn about(cmd: &clap::Command) -> String {
    cmd.get_about().map(|a| a.to_string()).unwrap_or_default()
}

/// Text for a roff line: backslashes and dashes escaped, no request at the line's start.
fn roff(s: &str) -> String {
    let t = s.replace('\\', "\\e").replace('-', "\\-");
    if t.starts_with('.') || t.starts_with('\'') {
        format!("\\&{t}")
    } else {
        t
    }
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
