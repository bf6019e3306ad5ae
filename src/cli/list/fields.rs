//! The fields of a `list` line (`--fields`) and the `--format` template made of them.

/// One field of a `list` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Date,
    Classification,
    Origin,
    Paragraphs,
    Markings,
    Subject,
    Source,
    Record,
    /// The sources holding the cable, fullest first (in a row, how many).
    Versions,
    /// Whether the text holds only part of the cable (`partial`, else `-`).
    Partial,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Id,
        Field::Date,
        Field::Classification,
        Field::Origin,
        Field::Paragraphs,
        Field::Markings,
        Field::Subject,
        Field::Source,
        Field::Record,
        Field::Versions,
        Field::Partial,
    ];
    /// The fields of a plain `list` line, in its order.
    pub const DEFAULT: [Field; 7] = [
        Field::Id,
        Field::Date,
        Field::Classification,
        Field::Origin,
        Field::Paragraphs,
        Field::Markings,
        Field::Subject,
    ];

    /// The name in `--fields`, `--format` and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Date => "date",
            Field::Classification => "classification",
            Field::Origin => "origin",
            Field::Paragraphs => "paragraphs",
            Field::Markings => "markings",
            Field::Subject => "subject",
            Field::Source => "source",
            Field::Record => "record",
            Field::Versions => "versions",
            Field::Partial => "partial",
        }
    }

    /// The column title on a terminal.
    pub(super) fn title(self) -> &'static str {
        match self {
            Field::Id => "ID",
            Field::Date => "DATE",
            Field::Classification => "CLASS",
            Field::Origin => "ORIGIN",
            Field::Paragraphs => "¶",
            Field::Markings => "MARKINGS",
            Field::Subject => "SUBJECT",
            Field::Source => "SOURCE",
            Field::Record => "RECORD",
            Field::Versions => "VERSIONS",
            Field::Partial => "PARTIAL",
        }
    }

    /// The widest a column gets on a terminal (the last column takes what is left).
    pub(super) fn max_width(self) -> usize {
        match self {
            Field::Classification => 24,
            Field::Origin => 24,
            Field::Markings => 32,
            Field::Source => 48,
            _ => 64,
        }
    }

    pub fn parse(name: &str) -> Result<Field, String> {
        let n = name.trim().to_ascii_lowercase();
        let alias = match n.as_str() {
            "class" => Some(Field::Classification),
            "paras" | "¶" => Some(Field::Paragraphs),
            _ => None,
        };
        alias
            .or_else(|| Field::ALL.into_iter().find(|f| f.name() == n))
            .ok_or_else(|| {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                let near = super::super::nearest(&n, &names)
                    .map(|m| format!("did you mean {m}? "))
                    .unwrap_or_default();
                format!(
                    "no list field {name:?}; {near}(fields: {})",
                    names.join(", ")
                )
            })
    }

    /// `--fields a,b,c`, several times or comma-separated; none means the default line.
    pub fn parse_list(values: &[String]) -> Result<Vec<Field>, String> {
        let fields: Vec<Field> = values
            .iter()
            .flat_map(|v| v.split(','))
            .filter(|v| !v.trim().is_empty())
            .map(Field::parse)
            .collect::<Result<_, _>>()?;
        Ok(if fields.is_empty() {
            Field::DEFAULT.to_vec()
        } else {
            fields
        })
    }
}

/// A `--format` template: text with `{field}` places; `\t`, `\n` and `\\` as in C, `{{` and
/// `}}` for braces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(pub(super) Vec<Piece>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    Text(String),
    Field(Field),
}

impl Template {
    /// The fields the template names, in order.
    pub fn fields(&self) -> Vec<Field> {
        self.0
            .iter()
            .filter_map(|p| match p {
                Piece::Field(f) => Some(*f),
                Piece::Text(_) => None,
            })
            .collect()
    }

    pub fn parse(t: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('t') => text.push('\t'),
                    Some('n') => text.push('\n'),
                    Some('\\') => text.push('\\'),
                    Some(other) => {
                        text.push('\\');
                        text.push(other);
                    }
                    None => text.push('\\'),
                },
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => name.push(c),
                            None => {
                                return Err(format!("--format: {{{name} is not closed with }}"));
                            }
                        }
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Field(
                        Field::parse(&name).map_err(|e| format!("--format: {e}"))?,
                    ));
                }
                '}' => return Err("--format: a lone } (write }} for a brace)".to_string()),
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template(pieces))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let t = Template::parse("{id}\\t{{{date}}}").unwrap();
        assert_eq!(
            t.0,
            vec![
                Piece::Field(Field::Id),
                Piece::Text("\t{".into()),
                Piece::Field(Field::Date),
                Piece::Text("}".into())
            ]
        );
        assert_eq!(
            Template::parse("{subjct}").unwrap_err(),
            "--format: no list field \"subjct\"; did you mean subject? (fields: id, date, classification, origin, paragraphs, markings, subject, source, record, versions, partial)"
        );
        assert!(Template::parse("{id").is_err());
        assert!(Template::parse("a}b").is_err());
    }
}
