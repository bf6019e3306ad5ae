//! `cable-reader refs ID [PATH...]`: what a cable cites and what cites it.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use crate::cable::Corpus;
use crate::cable::links::{self, Found, Link, Web};

#[derive(Debug, Args)]
pub struct RefsArgs {
    /// The cable: its id, or a citation as pasted (`09USNATO595 ¶12`, `09 USNATO 595`, a
    /// WikiLeaks address).
    pub id: String,
    /// Files and folders (folders are walked recursively).
    pub paths: Vec<PathBuf>,
    /// Follow the links this many steps: the cables the cited ones cite, the cables citing the
    /// citing ones (each cable once, so no cycles).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub depth: u32,
    #[command(flatten)]
    pub print: super::PrintArgs,
}

/// Which way a tree of links goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    Cites,
    CitedBy,
}

/// The corpus with its versions and links.
pub struct Graph<'a> {
    pub corpus: &'a Corpus,
    pub web: Web,
}

impl Graph<'_> {
    fn step(&self, way: Way, i: usize) -> Vec<Link> {
        match way {
            Way::Cites => self.web.cites(self.corpus, i),
            Way::CitedBy => self.web.cited_by(self.corpus, i),
        }
    }
}

/// One link and, below it, the links followed from it.
struct Node {
    link: Link,
    below: Vec<Node>,
}

/// The tree of `way` links from cable `root`, `depth` steps deep; a cable met before (the root
/// included) is listed but not followed again.
fn tree(g: &Graph, way: Way, root: usize, depth: u32, seen: &mut HashSet<String>) -> Vec<Node> {
    if depth == 0 {
        return Vec::new();
    }
    let links = g.step(way, root);
    // Every cable of this level is marked first, so a sibling is not followed below another.
    let fresh: Vec<bool> = links.iter().map(|l| seen.insert(l.id.clone())).collect();
    links
        .into_iter()
        .zip(fresh)
        .map(|(link, fresh)| {
            let below = match link.found {
                Found::Loaded(i) if fresh => tree(g, way, i, depth - 1, seen),
                _ => Vec::new(),
            };
            Node { link, below }
        })
        .collect()
}

fn node_json(g: &Graph, way: Way, n: &Node, depth: u32) -> Value {
    let summary = n.link.found.cable().map(|i| &g.corpus.cables[i]);
    let mut v = json!({
        "id": n.link.id,
        "letter": n.link.letter.map(String::from),
        "loaded": summary.is_some(),
        "in_release": !matches!(n.link.found, Found::NotInRelease),
        "date": summary.and_then(|s| s.date()),
        "subject": summary.map(|s| s.subject()),
    });
    if depth > 1 && summary.is_some() {
        let key = match way {
            Way::Cites => "cites",
            Way::CitedBy => "cited_by",
        };
        v[key] = n
            .below
            .iter()
            .map(|b| node_json(g, way, b, depth - 1))
            .collect();
    }
    v
}

fn write_nodes(
    out: &mut impl Write,
    g: &Graph,
    nodes: &[Node],
    indent: usize,
) -> std::io::Result<()> {
    for n in nodes {
        let letter = n.link.letter.map(|l| format!("{l}. ")).unwrap_or_default();
        let what = match n.link.found {
            Found::Loaded(i) => {
                let c = &g.corpus.cables[i];
                format!(
                    "{}  {}",
                    c.date().map_or("-", |d| d.get(..10).unwrap_or(d)),
                    c.subject()
                )
            }
            other => other.label().to_string(),
        };
        writeln!(
            out,
            "{:indent$}{letter}{}  {what}",
            "",
            n.link.id,
            indent = indent
        )?;
        write_nodes(out, g, &n.below, indent + 2)?;
    }
    Ok(())
}

/// Prints cable `i`'s links; `depth` steps each way.
pub fn print(
    g: &Graph,
    i: usize,
    depth: u32,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let root = &g.corpus.cables[i];
    let mut seen = HashSet::from([root.id().to_string()]);
    let cites = tree(g, Way::Cites, i, depth, &mut seen);
    let mut seen = HashSet::from([root.id().to_string()]);
    let cited_by = tree(g, Way::CitedBy, i, depth, &mut seen);
    if json {
        let v = json!({
            "id": root.id(),
            "date": root.date(),
            "subject": root.subject(),
            "cites": cites.iter().map(|n| node_json(g, Way::Cites, n, depth)).collect::<Vec<_>>(),
            "cited_by": cited_by.iter().map(|n| node_json(g, Way::CitedBy, n, depth)).collect::<Vec<_>>(),
        });
        return writeln!(out, "{v}");
    }
    writeln!(
        out,
        "{}  {}  {}",
        root.id(),
        root.date().map_or("-", |d| d.get(..10).unwrap_or(d)),
        root.subject()
    )?;
    writeln!(out, "cites:")?;
    if cites.is_empty() {
        writeln!(out, "  nothing")?;
    }
    write_nodes(out, g, &cites, 2)?;
    writeln!(out, "cited by:")?;
    if cited_by.is_empty() {
        writeln!(out, "  nothing loaded")?;
    }
    write_nodes(out, g, &cited_by, 2)
}

/// Runs `refs`: 0 when the cable is loaded, 1 when it is not, 2 for a citation that cannot be
/// read. Inputs that failed are reported but do not change the status: the answer is about the
/// one cable.
pub fn run(args: &RefsArgs, out: &mut impl Write) -> std::io::Result<i32> {
    let corpus = Corpus::index_cached(&args.paths, args.print.load_options());
    super::report_error_list(&corpus.errors);
    let g = Graph {
        web: Web::build(&corpus),
        corpus: &corpus,
    };
    let i = match g.web.resolve(&corpus, &args.id, None) {
        Err(e) => return Ok(super::usage_error(&e)),
        Ok(Err(id)) => {
            let why = if links::in_release(&id) {
                "is not loaded"
            } else {
                "is not loaded (nor in the 2010 release)"
            };
            eprintln!("cable-reader: {id} {why}");
            return Ok(1);
        }
        Ok(Ok((i, _))) => i,
    };
    print(&g, i, args.depth, args.print.json, out)?;
    Ok(0)
}
