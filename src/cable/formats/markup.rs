//! A small, forgiving HTML tokenizer (linear time, never panics), shared by the HTML formats.

use memchr::memmem;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Token<'a> {
    Text(&'a str),
    Tag(Tag<'a>),
    /// Comment, doctype, processing instruction.
    Other,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tag<'a> {
    pub name: &'a str,
    pub end: bool,
    /// The raw attribute text.
    attrs: &'a str,
}

impl<'a> Tag<'a> {
    pub(crate) fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The raw value of attribute `name` (entities not decoded).
    pub(crate) fn attr(&self, name: &str) -> Option<&'a str> {
        let b = self.attrs.as_bytes();
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            let name_start = i;
            while i < b.len()
                && !b[i].is_ascii_whitespace()
                && b[i] != b'/'
                && (b[i] != b'=' || i == name_start)
            {
                i += 1;
            }
            let attr_name = self.attrs.get(name_start..i).unwrap_or("");
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if i < b.len() && b[i] == b'=' && i > name_start {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let v_start = i + 1;
                    let v_end = memchr::memchr(q, &b[v_start..])
                        .map(|e| v_start + e)
                        .unwrap_or(b.len());
                    value = self.attrs.get(v_start..v_end).unwrap_or("");
                    i = v_end + 1;
                } else {
                    let v_start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = self.attrs.get(v_start..i).unwrap_or("");
                }
            }
            if !attr_name.is_empty() && attr_name.eq_ignore_ascii_case(name) {
                return Some(value);
            }
            if i == name_start {
                i += 1;
            }
        }
        None
    }

    /// True when the `class` attribute lists `class`.
    pub(crate) fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
    }
}

/// Tokens with their byte spans: `(start, end, token)`.
pub(crate) struct Tokens<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    pub(crate) fn new(s: &'a str) -> Self {
        Tokens { s, pos: 0 }
    }

    pub(crate) fn starting_at(s: &'a str, pos: usize) -> Self {
        Tokens {
            s,
            pos: pos.min(s.len()),
        }
    }
}

fn starts_markup(b: &[u8], i: usize) -> bool {
    match b.get(i + 1) {
        Some(c) if c.is_ascii_alphabetic() || *c == b'!' || *c == b'?' => true,
        Some(b'/') => b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic()),
        _ => false,
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (usize, usize, Token<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let s = self.s;
        let b = s.as_bytes();
        let start = self.pos;
        if start >= b.len() {
            return None;
        }
        // Text up to the next '<' that opens markup.
        let mut search = start;
        let mut markup_at = b.len();
        while let Some(off) = memchr::memchr(b'<', &b[search..]) {
            let i = search + off;
            if starts_markup(b, i) {
                markup_at = i;
                break;
            }
            search = i + 1;
        }
        if markup_at > start {
            self.pos = markup_at;
            return Some((start, markup_at, Token::Text(&s[start..markup_at])));
        }
        let i = start;
        let next = b.get(i + 1).copied().unwrap_or(0);
        if next == b'!' || next == b'?' {
            let end = if b[i..].starts_with(b"<!--") {
                memmem::find(&b[i + 4..], b"-->")
                    .map(|e| i + 4 + e + 3)
                    .unwrap_or(b.len())
            } else {
                memchr::memchr(b'>', &b[i..])
                    .map(|e| i + e + 1)
                    .unwrap_or(b.len())
            };
            self.pos = end;
            return Some((i, end, Token::Other));
        }
        let end_tag = next == b'/';
        let name_start = if end_tag { i + 2 } else { i + 1 };
        let mut j = name_start;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let name = s.get(name_start..j).unwrap_or("");
        let attrs_start = j;
        // Attributes: a quote opens a value only right after '='.
        let mut after_eq = false;
        let mut close = None;
        while j < b.len() {
            match b[j] {
                b'>' => {
                    close = Some(j);
                    break;
                }
                b'=' => {
                    after_eq = true;
                    j += 1;
                }
                c if c.is_ascii_whitespace() => j += 1,
                q @ (b'"' | b'\'') if after_eq => {
                    match memchr::memchr(q, &b[j + 1..]) {
                        Some(e) => j = j + 1 + e + 1,
                        None => j = b.len(),
                    }
                    after_eq = false;
                }
                _ => {
                    after_eq = false;
                    j += 1;
                }
            }
        }
        let Some(gt) = close else {
            // An unterminated tag swallows the rest, as browsers do.
            self.pos = b.len();
            return Some((i, b.len(), Token::Other));
        };
        self.pos = gt + 1;
        let attrs = s.get(attrs_start..gt).unwrap_or("");
        Some((
            i,
            gt + 1,
            Token::Tag(Tag {
                name,
                end: end_tag,
                attrs,
            }),
        ))
    }
}

fn is_par_anchor(tag: &Tag<'_>) -> bool {
    tag.is("a")
        && !tag.end
        && (tag.attr("id").is_some_and(|v| v.starts_with("par"))
            || tag.attr("href").is_some_and(|v| v.starts_with("#par")))
}

/// Plain text of an HTML fragment: tags dropped (their text kept), `<br>` as a line end,
/// entities decoded.
pub(crate) fn text(html: &str) -> String {
    render(html, false)
}

/// Like [`text`], and paragraph anchors (`<a id='par1' href='#par1'>¶</a>`) are dropped
/// together with their `¶`.
pub(crate) fn text_without_anchors(html: &str) -> String {
    render(html, true)
}

fn render(html: &str, drop_anchors: bool) -> String {
    let mut out = String::with_capacity(html.len());
    // Text of a paragraph anchor being read, kept only if it is more than a `¶`.
    let mut anchor: Option<String> = None;
    for (_, _, token) in Tokens::new(html) {
        match token {
            Token::Text(t) => {
                let buf = anchor.as_mut().unwrap_or(&mut out);
                html_escape::decode_html_entities_to_string(t, buf);
            }
            Token::Tag(tag) => {
                if drop_anchors && is_par_anchor(&tag) {
                    if let Some(pending) = anchor.take() {
                        flush_anchor(&mut out, pending);
                    }
                    anchor = Some(String::new());
                } else if tag.is("a") && tag.end {
                    if let Some(pending) = anchor.take() {
                        flush_anchor(&mut out, pending);
                    }
                } else if tag.is("br") {
                    anchor.as_mut().unwrap_or(&mut out).push('\n');
                }
            }
            Token::Other => {}
        }
    }
    if let Some(pending) = anchor.take() {
        flush_anchor(&mut out, pending);
    }
    out
}

fn flush_anchor(out: &mut String, text: String) {
    let t = text.trim();
    if !(t.is_empty() || t == "¶" || t == "&para;") {
        out.push_str(&text);
    }
}

/// Byte range of the inner HTML of the first element that `want` accepts, found by scanning
/// from `from`. Nested elements of the same name are counted; an unclosed element runs to
/// the end.
pub(crate) fn find_element(
    s: &str,
    from: usize,
    mut want: impl FnMut(&Tag<'_>) -> bool,
) -> Option<(usize, usize)> {
    let mut tokens = Tokens::starting_at(s, from);
    let (inner_start, name) = loop {
        let (_, end, token) = tokens.next()?;
        if let Token::Tag(tag) = token
            && !tag.end
            && want(&tag)
        {
            break (end, tag.name);
        }
    };
    Some((inner_start, element_end(s, inner_start, name)))
}

/// Where the element named `name` whose content starts at `inner_start` ends (the start of
/// its closing tag), counting nested elements of that name.
pub(crate) fn element_end(s: &str, inner_start: usize, name: &str) -> usize {
    let mut depth = 0usize;
    for (start, _, token) in Tokens::starting_at(s, inner_start) {
        if let Token::Tag(tag) = token
            && tag.name.eq_ignore_ascii_case(name)
        {
            if tag.end {
                if depth == 0 {
                    return start;
                }
                depth -= 1;
            } else if !tag.attrs.trim_end().ends_with('/') {
                depth += 1;
            }
        }
    }
    s.len()
}
