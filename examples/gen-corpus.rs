//! Generates a Cablegate-sized corpus from the real cables in `tests/corpus`, for benchmarks
//! and scale tests.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --cables 251287 --out cables.csv
//! cargo run --release --example gen-corpus -- --cables 20000 --pages pages/
//! ```
//!
//! Every record is built from a real cable's header and body (the csv records as they are, the
//! pages' and text files' cables turned into records), under an id from the real id list, with a
//! date in the id's year and the origin its post implies. Paragraphs are moved between cables of
//! the same era and classification, and cables are lengthened or shortened towards a size drawn
//! around the real file's mean (about 6.5 KB), so the corpus is not a few records repeated.
//! Seeded: the same arguments give the same bytes.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use cable_reader::cable::build::build;
use cable_reader::cable::formats::{self, cables_csv};

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

struct Args {
    cables: usize,
    out: Option<PathBuf>,
    pages: Option<PathBuf>,
    seed: u64,
    corpus: PathBuf,
    ids: PathBuf,
}

#[allow(dead_code)]
fn usage() -> ! {
    eprintln!(
        "usage: gen-corpus [--cables N] (--out FILE.csv | --pages DIR) [--seed S] \
         [--corpus DIR] [--ids FILE]"
    );
    std::process::exit(2)
}

#[allow(dead_code)]
fn parse_args() -> Args {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args = Args {
        cables: 251_287,
        out: None,
        pages: None,
        seed: 1,
        corpus: here.join("tests/corpus"),
        ids: here.join("tests/data/cable_ids.list"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--cables" => args.cables = value().parse().unwrap_or_else(|_| usage()),
            "--out" => args.out = Some(value().into()),
            "--pages" => args.pages = Some(value().into()),
            "--seed" => args.seed = value().parse().unwrap_or_else(|_| usage()),
            "--corpus" => args.corpus = value().into(),
            "--ids" => args.ids = value().into(),
            _ => usage(),
        }
    }
    if args.out.is_none() == args.pages.is_none() {
        usage();
    }
    args
}

/// splitmix64: small, seedable, good enough for picking and shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// Standard normal (Box-Muller).
    fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

/// A real cable cut into the parts that can be mixed.
struct Template {
    era: usize,
    classification: String,
    header: String,
    preamble: String,
    paragraphs: Vec<String>,
}

/// Eras within which paragraphs are exchanged.
fn era_of(year: i32) -> usize {
    match year {
        ..1980 => 0,
        1980..1990 => 1,
        1990..2000 => 2,
        2000..2005 => 3,
        _ => 4,
    }
}

fn year_of_id(id: &str) -> Option<i32> {
    let digits = id.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 4
        && let Some(y) = id.get(..4).and_then(|y| y.parse().ok())
        && (1900..2100).contains(&y)
    {
        return Some(y);
    }
    let yy: i32 = id.get(..2)?.parse().ok()?;
    Some(if yy >= 50 { 1900 + yy } else { 2000 + yy })
}

fn post_of_id(id: &str) -> &str {
    let rest = id.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_')
}

/// `N.` at a line start, the form paragraphs are numbered in.
fn numbered(line: &str, n: u32) -> bool {
    let t = line.trim_start();
    let t = t.strip_prefix('¶').unwrap_or(t);
    let digits = n.to_string();
    t.strip_prefix(digits.as_str())
        .and_then(|r| r.strip_prefix('.'))
        .is_some_and(|r| r.is_empty() || r.starts_with([' ', '(', '\t']))
}

/// Cuts a body at its paragraph numbers 1, 2, 3 ... in sequence (an inner list restarting at 1
/// does not cut): preamble, then one string per paragraph, each ending with a newline.
fn cut_paragraphs(body: &str) -> (String, Vec<String>) {
    let mut preamble = String::new();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut expect = 1;
    for line in body.split_inclusive('\n') {
        if numbered(line, expect) {
            paragraphs.push(String::new());
            expect += 1;
        }
        match paragraphs.last_mut() {
            Some(p) => p.push_str(line),
            None => preamble.push_str(line),
        }
    }
    if let Some(p) = paragraphs.last_mut()
        && !p.ends_with('\n')
    {
        p.push('\n');
    }
    (preamble, paragraphs)
}

/// Replaces the number that opens a paragraph with `n`.
fn renumber(paragraph: &str, n: usize) -> String {
    let lead = paragraph.len() - paragraph.trim_start().len();
    let t = &paragraph[lead..];
    let (anchor, t) = match t.strip_prefix('¶') {
        Some(r) => ("¶", r),
        None => ("", t),
    };
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    format!("{}{anchor}{n}{}", &paragraph[..lead], &t[digits..])
}

/// Splits glued header and body at the banner line.
fn split_glued(text: &str) -> Option<(String, String)> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if [
            "UNCLAS",
            "CONFIDENTIAL",
            "SECRET",
            "C O N F",
            "S E C R E T",
            "LIMITED OFFICIAL",
        ]
        .iter()
        .any(|w| t.starts_with(w))
        {
            return (at > 0).then(|| (text[..at].to_string(), text[at..].to_string()));
        }
        at += line.len();
    }
    None
}

fn load_templates(corpus: &Path) -> Vec<Template> {
    let mut files: Vec<PathBuf> = walk(corpus);
    // The csv records first: they carry the real file's own header and body fields.
    files.sort_by_key(|p| (!p.to_string_lossy().contains("/csv/"), p.clone()));
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for path in files {
        let Ok(bytes) = fs::read(&path) else { continue };
        let source = path.display().to_string();
        let extracted = formats::extract(&bytes);
        for raw in extracted.cables {
            let cable = build(raw.clone(), &source);
            if cable.id.is_empty() || !seen.insert(cable.id.clone()) {
                continue;
            }
            let (header, body) = if raw.header.trim().is_empty() {
                match split_glued(&raw.body) {
                    Some(parts) => parts,
                    None => continue,
                }
            } else {
                (raw.header.clone(), raw.body.clone())
            };
            let (preamble, paragraphs) = cut_paragraphs(&body);
            if paragraphs.is_empty() {
                continue;
            }
            let year = cable
                .date
                .as_deref()
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse().ok())
                .or_else(|| year_of_id(&cable.id))
                .unwrap_or(2008);
            let classification = if cable.classification.is_empty() {
                "UNCLASSIFIED".to_string()
            } else {
                cable.classification.clone()
            };
            if std::env::var_os("GEN_CORPUS_DEBUG").is_some() {
                eprintln!(
                    "{} {} {} {} {}",
                    cable.id,
                    year,
                    classification,
                    paragraphs.len(),
                    header.len() + body.len()
                );
            }
            out.push(Template {
                era: era_of(year),
                classification,
                header,
                preamble,
                paragraphs,
            });
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// One generated cable, as text (not yet escaped).
pub struct Generated {
    id: String,
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    origin: String,
    classification: String,
    references: String,
    header: String,
    body: String,
}

fn origin_of(post: &str, known: &BTreeMap<String, String>) -> String {
    if let Some(o) = known.get(post) {
        return o.clone();
    }
    match post {
        "STATE" => "Secretary of State".into(),
        p if p.starts_with("US") || p.starts_with("UN") => format!("Mission {p}"),
        p if p.starts_with("RPO") => format!("REO {}", title(&p[3..])),
        p => format!("Embassy {}", title(p)),
    }
}

fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Puts the generated date into the first date-time group of the routing header.
fn set_dtg(header: &str, g: &Generated) -> String {
    let bytes = header.as_bytes();
    let mut i = 0;
    while i + 10 <= bytes.len() {
        let ok = bytes[i..i + 6].iter().all(u8::is_ascii_digit)
            && bytes[i + 6] == b'Z'
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && header.is_char_boundary(i + 7);
        if ok {
            let rest = header[i + 7..].trim_start();
            let skipped = header.len() - rest.len();
            if rest.len() >= 6
                && MONTHS.iter().any(|m| rest.starts_with(m))
                && rest.as_bytes()[3] == b' '
                && rest.as_bytes()[4..6].iter().all(u8::is_ascii_digit)
            {
                let end = skipped + 6;
                return format!(
                    "{}{:02}{:02}{:02}Z {} {:02}{}",
                    &header[..i],
                    g.day,
                    g.hour,
                    g.minute,
                    MONTHS[g.month as usize - 1],
                    g.year % 100,
                    &header[end..]
                );
            }
        }
        i += 1;
    }
    header.to_string()
}

fn days_in(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn generate(
    rng: &mut Rng,
    id: &str,
    templates: &[Template],
    by_era: &[Vec<usize>],
    known_origins: &BTreeMap<String, String>,
    ids: &[String],
) -> Generated {
    let year = year_of_id(id).unwrap_or(2008);
    let era = era_of(year);
    // The nearest era that has templates.
    let pool = (0..5)
        .flat_map(|d| [era.checked_sub(d), Some(era + d)])
        .flatten()
        .find_map(|e| by_era.get(e).filter(|v| !v.is_empty()))
        .expect("templates exist");
    let base = &templates[pool[rng.below(pool.len())]];
    let level = |t: &Template| {
        t.classification
            .split("//")
            .next()
            .unwrap_or("")
            .to_string()
    };
    let same_level: Vec<usize> = pool
        .iter()
        .copied()
        .filter(|&k| level(&templates[k]) == level(base))
        .collect();
    let donors = if same_level.len() > 1 {
        &same_level
    } else {
        pool
    };

    // A record's size around the real file's mean (log-normal, median 3.8 KB before whole paragraphs round it up; mean ~6.5 KB).
    let target = (3800.0 * (0.8 * rng.normal()).exp()).clamp(1200.0, 80_000.0) as usize;
    let mut paragraphs: Vec<String> = base.paragraphs.clone();
    // Exchange some paragraphs (never the first nor the last, which holds the signature).
    if paragraphs.len() > 2 {
        for k in 1..paragraphs.len() - 1 {
            if rng.chance(0.3) {
                let d = &templates[donors[rng.below(donors.len())]];
                paragraphs[k] = d.paragraphs[rng.below(d.paragraphs.len())].clone();
            }
        }
    }
    let size = |ps: &[String]| {
        base.header.len() + base.preamble.len() + ps.iter().map(String::len).sum::<usize>()
    };
    let mut guard = 0;
    while size(&paragraphs) < target && paragraphs.len() < 60 && guard < 200 {
        guard += 1;
        let d = &templates[donors[rng.below(donors.len())]];
        let p = d.paragraphs[rng.below(d.paragraphs.len())].clone();
        let at = paragraphs
            .len()
            .saturating_sub(1)
            .max(1)
            .min(paragraphs.len());
        paragraphs.insert(at, p);
    }
    while size(&paragraphs) > target * 5 / 4 && paragraphs.len() > 2 {
        let k = 1 + rng.below(paragraphs.len() - 2);
        paragraphs.remove(k);
    }
    let mut body = base.preamble.clone();
    for (k, p) in paragraphs.iter().enumerate() {
        body.push_str(&renumber(p, k + 1));
    }

    let month = 1 + rng.below(12) as u32;
    let day = 1 + rng.below(days_in(year, month) as usize) as u32;
    let mut g = Generated {
        id: id.to_string(),
        year,
        month,
        day,
        hour: rng.below(24) as u32,
        minute: rng.below(60) as u32,
        origin: origin_of(post_of_id(id), known_origins),
        classification: base.classification.clone(),
        references: String::new(),
        header: String::new(),
        body,
    };
    g.header = set_dtg(&base.header, &g);
    let refs = rng.below(4);
    g.references = (0..refs)
        .map(|_| ids[rng.below(ids.len())].as_str())
        .collect::<Vec<_>>()
        .join("|");
    g
}

/// The cables.csv escaping: backslash before quotes, apostrophes and backslashes.
fn escape(s: &str, out: &mut Vec<u8>) {
    for b in s.bytes() {
        if matches!(b, b'"' | b'\'' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
}

fn write_record(record: usize, g: &Generated, out: &mut Vec<u8>) {
    out.clear();
    let created = format!(
        "{}/{}/{} {}:{:02}",
        g.month, g.day, g.year, g.hour, g.minute
    );
    for (i, field) in [
        record.to_string().as_str(),
        created.as_str(),
        g.id.as_str(),
        g.origin.as_str(),
        g.classification.as_str(),
        g.references.as_str(),
        g.header.as_str(),
        g.body.as_str(),
    ]
    .iter()
    .enumerate()
    {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'"');
        escape(field, out);
        out.push(b'"');
    }
    out.push(b'\n');
}

fn html_escape(s: &str, anchors: bool, out: &mut String) {
    for (k, line) in s.split('\n').enumerate() {
        if k > 0 {
            out.push_str("&#x000A;");
        }
        // The site put a pilcrow anchor before numbered lines.
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if anchors && digits > 0 && line.as_bytes().get(digits) == Some(&b'.') {
            let n = &line[..digits];
            out.push_str(&format!("<a id='par{n}' href='#par{n}'>¶</a>"));
        }
        for c in line.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
    }
}

/// A WikiLeaks cable page, built on a real page: its sidebar and help text, then the cable.
struct PageTemplate {
    head: String,
    help: String,
    tail: String,
    template_id: String,
}

fn page_template(corpus: &Path) -> std::io::Result<PageTemplate> {
    let path = corpus.join("wikileaks-html/10USNATO52.html");
    let text = fs::read_to_string(&path)?;
    let bad = || std::io::Error::other(format!("{}: not a cable page", path.display()));
    let h3 = text.find("<h3>Viewing cable").ok_or_else(bad)?;
    let table = text.find("<table class='cable'>").ok_or_else(bad)?;
    let help_start = text[h3..].find('\n').map_or(h3, |i| h3 + i + 1);
    let after_table = text.find("</table>").ok_or_else(bad)? + "</table>\n".len();
    let rest = text.get(after_table..).ok_or_else(bad)?;
    let tail_start = rest
        .rfind("</pre></code>")
        .map_or(0, |i| i + "</pre></code>".len());
    Ok(PageTemplate {
        head: text[..h3].to_string(),
        help: text[help_start..table].to_string(),
        tail: rest[tail_start..].to_string(),
        template_id: "10USNATO52".into(),
    })
}

fn write_page(t: &PageTemplate, g: &Generated, subject: &str) -> String {
    let mut s = String::with_capacity(t.head.len() + g.body.len() * 2 + 8192);
    s.push_str(&t.head);
    let mut title = String::new();
    html_escape(subject, false, &mut title);
    s.push_str(&format!("<h3>Viewing cable {}, {title}</h3>\n", g.id));
    s.push_str(&t.help.replace(&t.template_id, &g.id));
    let level = g.classification.split("//").next().unwrap_or("");
    s.push_str(&format!(
        "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n\
         <th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n<td>\n\
         <a href='/cable/{y}/{m:02}/{id}.html'>{id}</a>\n</td>\n<td>\n\
         <a href='/date/{y}-{m:02}_0.html'>{y}-{m:02}-{d:02} {h:02}:{mi:02}</a>\n</td>\n<td>\n\
         <a href='/reldate/2011-08-30_0.html'>2011-08-30 01:44</a>\n</td>\n<td>\n\
         <a href='/classification/1_0.html' title='{lower}'>{class}</a>\n</td>\n<td>\n\
         <a href='/origin/5_0.html'>{origin}</a>\n</td>\n</tr>\n</table>\n",
        y = g.year,
        m = g.month,
        d = g.day,
        h = g.hour,
        mi = g.minute,
        id = g.id,
        lower = level.to_lowercase(),
        class = g.classification,
        origin = g.origin,
    ));
    s.push_str("<code><pre>");
    html_escape(g.header.trim_end(), false, &mut s);
    s.push_str("</pre></code>\n<code><pre>");
    html_escape(g.body.trim_end(), true, &mut s);
    s.push_str("</pre></code>");
    s.push_str(&t.tail);
    s
}

/// Generates `cables` cables (sorted by date) from the real cables under `corpus` and the ids
/// listed in `ids`.
pub fn generate_all(
    corpus: &Path,
    ids_path: &Path,
    count: usize,
    seed: u64,
) -> Result<Vec<Generated>, String> {
    let templates = load_templates(corpus);
    if templates.is_empty() {
        return Err(format!("no cables found under {}", corpus.display()));
    }
    let mut by_era: Vec<Vec<usize>> = vec![Vec::new(); 5];
    for (k, t) in templates.iter().enumerate() {
        by_era[t.era].push(k);
    }
    let ids_text =
        fs::read_to_string(ids_path).map_err(|e| format!("{}: {e}", ids_path.display()))?;
    let ids: Vec<String> = ids_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if ids.is_empty() {
        return Err(format!("{}: no ids", ids_path.display()));
    }
    let mut rng = Rng(seed);
    // Which ids: all of them in order, or a seeded sample.
    let mut chosen: Vec<usize> = (0..ids.len()).collect();
    if count < ids.len() {
        for i in 0..count {
            let j = i + rng.below(ids.len() - i);
            chosen.swap(i, j);
        }
        chosen.truncate(count);
    } else {
        // More than the release holds: ids repeat with a suffix.
        for k in ids.len()..count {
            chosen.push(k % ids.len());
        }
    }
    let mut known_origins = BTreeMap::new();
    for f in walk(&corpus.join("csv")) {
        if let Ok(b) = fs::read(&f) {
            for span in cables_csv::records(&b).flatten() {
                let id = String::from_utf8_lossy(span.raw(&b, cables_csv::field::ID)).to_string();
                let origin =
                    String::from_utf8_lossy(span.raw(&b, cables_csv::field::ORIGIN)).to_string();
                known_origins.insert(post_of_id(&id).to_string(), origin);
            }
        }
    }
    let mut cables: Vec<Generated> = chosen
        .iter()
        .enumerate()
        .map(|(n, &k)| {
            let id = if n < ids.len() {
                ids[k].clone()
            } else {
                format!("{}{}", ids[k], n / ids.len())
            };
            generate(&mut rng, &id, &templates, &by_era, &known_origins, &ids)
        })
        .collect();
    // The release is ordered by date.
    cables.sort_by_key(|g| (g.year, g.month, g.day, g.hour, g.minute));
    Ok(cables)
}

/// Writes the cables as a `cables.csv` file; returns the bytes written.
pub fn write_csv(cables: &[Generated], out: &Path) -> std::io::Result<u64> {
    let mut w = BufWriter::with_capacity(1 << 20, fs::File::create(out)?);
    let mut buf = Vec::new();
    let mut written = 0;
    for (n, g) in cables.iter().enumerate() {
        write_record(n + 1, g, &mut buf);
        written += buf.len() as u64;
        w.write_all(&buf)?;
    }
    w.flush()?;
    Ok(written)
}

/// Writes the cables as WikiLeaks pages `DIR/cable/YYYY/MM/ID.html`; returns the bytes written.
pub fn write_pages(cables: &[Generated], corpus: &Path, dir: &Path) -> std::io::Result<u64> {
    let t = page_template(corpus)?;
    let mut written = 0;
    for g in cables {
        let subject = g
            .body
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("SUBJECT:"))
            .unwrap_or("")
            .trim();
        let page = write_page(&t, g, subject);
        let folder = dir.join(format!("cable/{}/{:02}", g.year, g.month));
        fs::create_dir_all(&folder)?;
        fs::write(folder.join(format!("{}.html", g.id)), &page)?;
        written += page.len() as u64;
    }
    Ok(written)
}

#[allow(dead_code)]
fn main() {
    let args = parse_args();
    let fail = |e: String| -> ! {
        eprintln!("gen-corpus: {e}");
        std::process::exit(1)
    };
    let cables =
        generate_all(&args.corpus, &args.ids, args.cables, args.seed).unwrap_or_else(|e| fail(e));
    if let Some(out) = &args.out {
        let n = write_csv(&cables, out).unwrap_or_else(|e| fail(format!("{}: {e}", out.display())));
        eprintln!(
            "gen-corpus: {} cables, {n} bytes ({:.0} bytes a cable) to {}",
            cables.len(),
            n as f64 / cables.len().max(1) as f64,
            out.display()
        );
    }
    if let Some(dir) = &args.pages {
        let n = write_pages(&cables, &args.corpus, dir)
            .unwrap_or_else(|e| fail(format!("{}: {e}", dir.display())));
        eprintln!(
            "gen-corpus: {} pages, {n} bytes under {}",
            cables.len(),
            dir.display()
        );
    }
}
