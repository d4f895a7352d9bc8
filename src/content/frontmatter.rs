//! Splitting a Markdown block into its `+++` TOML front matter and its body.

/// A block split into front matter and body, with the body's first line number.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub front: &'a str,
    /// Byte offset of the front matter in the file (for error positions).
    pub front_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// Split `source` at its `+++` fences. The first line must be `+++`.
pub fn split(source: &str) -> Result<Split<'_>, (usize, &'static str)> {
    let rest = source.strip_prefix('\u{feff}').unwrap_or(source);
    let bom = source.len() - rest.len();
    let first_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_end].trim_end() != "+++" {
        return Err((bom, "the file must start with `+++` front matter"));
    }
    let front_offset = bom + first_end;
    let mut pos = front_offset;
    while pos < source.len() {
        let line_end = source[pos..]
            .find('\n')
            .map_or(source.len(), |i| pos + i + 1);
        if source[pos..line_end].trim_end() == "+++" {
            return Ok(Split {
                front: &source[front_offset..pos],
                front_offset,
                body: &source[line_end..],
                body_offset: line_end,
            });
        }
        pos = line_end;
    }
    Err((bom, "the front matter has no closing `+++` line"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let s = split("+++\na = 1\n+++\nHello\n").unwrap();
        assert_eq!(s.front, "a = 1\n");
        assert_eq!(s.front_offset, 4);
        assert_eq!(s.body, "Hello\n");
    }

    #[test]
    fn missing_fences_are_errors() {
        assert!(split("Hello").is_err());
        assert!(split("+++\na = 1\n").is_err());
        assert!(split("").is_err());
        assert!(split("+++").is_err());
    }
}
