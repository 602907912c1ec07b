//! Where saphyr (a strict YAML 1.2 parser) refuses text that go-yaml v3 (Compose's libyaml
//! port) accepts, we edit a copy of the text in a way that cannot change any value, and parse
//! again. Each edit is driven by one saphyr error:
//!
//! * `key:<TAB>value`: saphyr wants a space after `:`; the tab is a separator, so it becomes
//!   a space.
//! * A flow collection line (often the closing `]`/`}`) indented less than its parent key:
//!   libyaml ignores indentation inside flow collections. We prepend spaces to that line; leading
//!   blanks inside a flow collection carry no meaning. Accepted only if the re-parse shows the
//!   line really is inside a flow collection.
//! * A quoted scalar whose continuation lines are under-indented: same fix, since leading
//!   blanks of a quoted scalar's continuation lines are folded away.
//! * `"\'"` in a double-quoted scalar (go-yaml knows the escape, saphyr does not): it becomes
//!   `"\x27"`, the same character.
//!
//! Edits are same-length replacements or insertions; [`PatchedText::original_char`] maps a
//! character index of the edited text back to the original, so every span stays exact.

/// The text handed to saphyr, with the edits made so far.
#[derive(Clone, Debug)]
pub struct PatchedText {
    pub text: String,
    /// Inserted runs in edited-text character coordinates, sorted: `(position, length)`.
    insertions: Vec<(usize, usize)>,
}

/// What must be checked after re-parsing with a fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixCheck {
    /// The edit cannot change the meaning.
    None,
    /// The edit is neutral only if this original character index lies inside a flow
    /// collection.
    InsideFlow(usize),
}

/// A successful edit: what to verify, and the original character index the parse must get
/// past for the edit to count as progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fix {
    pub check: FixCheck,
    pub at: usize,
}

impl PatchedText {
    pub fn new(text: &str) -> Self {
        PatchedText {
            text: text.to_string(),
            insertions: Vec::new(),
        }
    }

    /// The original character index of edited-text character `index` (an inserted character
    /// maps to the original character it was inserted before).
    pub fn original_char(&self, index: usize) -> usize {
        let mut removed = 0;
        for &(pos, len) in &self.insertions {
            if index < pos {
                break;
            }
            if index < pos + len {
                return pos - removed;
            }
            removed += len;
        }
        index - removed
    }

    /// Try to edit the text so that saphyr gets past the error `info` at edited-text
    /// character `marker`.
    pub fn fix(&mut self, info: &str, marker: usize) -> Option<Fix> {
        let chars: Vec<char> = self.text.chars().collect();
        let at = self.original_char(marker);
        match info {
            "':' must be followed by a valid YAML whitespace" => {
                self.tab_after_colon(&chars, marker)?;
                Some(Fix {
                    check: FixCheck::None,
                    at,
                })
            }
            "invalid indentation" | "invalid indentation in flow construct" => {
                self.indent_flow_line(&chars, marker)?;
                Some(Fix {
                    check: FixCheck::InsideFlow(at),
                    at,
                })
            }
            "invalid indentation in quoted scalar" => {
                self.indent_quoted_scalar(&chars, marker)?;
                Some(Fix {
                    check: FixCheck::None,
                    at,
                })
            }
            "while parsing a quoted scalar, found unknown escape character" => {
                self.rewrite_quote_escapes(&chars, marker)?;
                Some(Fix {
                    check: FixCheck::None,
                    at,
                })
            }
            _ => None,
        }
    }

    fn tab_after_colon(&mut self, chars: &[char], marker: usize) -> Option<()> {
        let mut i = marker;
        let mut tabs = Vec::new();
        while i > 0 {
            match chars.get(i - 1)? {
                '\t' => tabs.push(i - 1),
                ' ' => {}
                ':' => break,
                _ => return None,
            }
            i -= 1;
        }
        if tabs.is_empty() || i == 0 {
            return None;
        }
        for t in tabs {
            self.replace_char(t, ' ');
        }
        Some(())
    }

    fn indent_flow_line(&mut self, chars: &[char], marker: usize) -> Option<()> {
        let line_start = line_start(chars, marker);
        if chars.get(line_start..marker)?.iter().any(|&c| c != ' ') {
            return None;
        }
        let target = max_indent(chars, line_start) + 2;
        let column = marker - line_start;
        if column >= target {
            return None;
        }
        self.insert_spaces(marker, target - column);
        Some(())
    }

    fn indent_quoted_scalar(&mut self, chars: &[char], marker: usize) -> Option<()> {
        let end = quoted_end(chars, marker)?;
        let target = max_indent(chars, line_start(chars, marker) + 1) + 2;
        let mut line_starts: Vec<usize> = (marker..end)
            .filter(|&i| chars.get(i) == Some(&'\n'))
            .map(|i| i + 1)
            .collect();
        line_starts.reverse();
        let mut changed = false;
        for start in line_starts {
            let indent = chars
                .get(start..)?
                .iter()
                .take_while(|&&c| c == ' ')
                .count();
            if indent < target {
                self.insert_spaces(start, target - indent);
                changed = true;
            }
        }
        changed.then_some(())
    }

    fn rewrite_quote_escapes(&mut self, chars: &[char], marker: usize) -> Option<()> {
        if chars.get(marker) != Some(&'"') {
            return None;
        }
        let end = quoted_end(chars, marker)?;
        let mut escaped_quotes = Vec::new();
        let mut i = marker + 1;
        while i < end {
            if chars.get(i) == Some(&'\\') {
                if chars.get(i + 1) == Some(&'\'') {
                    escaped_quotes.push(i + 1);
                }
                i += 2;
            } else {
                i += 1;
            }
        }
        if escaped_quotes.is_empty() {
            return None;
        }
        for &q in escaped_quotes.iter().rev() {
            self.replace_char(q, 'x');
            self.insert_str(q + 1, "27");
        }
        Some(())
    }

    fn replace_char(&mut self, index: usize, with: char) {
        let Some((byte, old)) = self.text.char_indices().nth(index) else {
            return;
        };
        self.text
            .replace_range(byte..byte + old.len_utf8(), with.encode_utf8(&mut [0; 4]));
    }

    fn insert_spaces(&mut self, index: usize, count: usize) {
        self.insert_str(index, &" ".repeat(count));
    }

    fn insert_str(&mut self, index: usize, s: &str) {
        let byte = self
            .text
            .char_indices()
            .nth(index)
            .map_or(self.text.len(), |(b, _)| b);
        self.text.insert_str(byte, s);
        let len = s.chars().count();
        for ins in &mut self.insertions {
            if ins.0 >= index {
                ins.0 += len;
            }
        }
        let at = self.insertions.partition_point(|&(pos, _)| pos < index);
        self.insertions.insert(at, (index, len));
    }
}

fn line_start(chars: &[char], index: usize) -> usize {
    let upto = index.min(chars.len());
    chars
        .get(..upto)
        .and_then(|before| before.iter().rposition(|&c| c == '\n'))
        .map_or(0, |p| p + 1)
}

/// The deepest space indentation of any line that starts before `limit`: a safe column for
/// a line whose leading blanks carry no meaning.
fn max_indent(chars: &[char], limit: usize) -> usize {
    let mut max = 0;
    let mut at_line_start = true;
    let mut current = 0;
    for &c in chars.iter().take(limit) {
        if c == '\n' {
            at_line_start = true;
            current = 0;
        } else if at_line_start && c == ' ' {
            current += 1;
            max = max.max(current);
        } else {
            at_line_start = false;
        }
    }
    max
}

/// The index of the closing quote of the quoted scalar opening at `open`.
fn quoted_end(chars: &[char], open: usize) -> Option<usize> {
    let quote = *chars.get(open)?;
    let mut i = open + 1;
    loop {
        let c = *chars.get(i)?;
        match (quote, c) {
            ('"', '\\') => i += 2,
            ('"', '"') => return Some(i),
            ('\'', '\'') if chars.get(i + 1) == Some(&'\'') => i += 2,
            ('\'', '\'') => return Some(i),
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_map_back_to_original_characters() {
        let mut p = PatchedText::new("ab\ncd");
        p.insert_spaces(3, 2); // "ab\n  cd"
        assert_eq!(p.text, "ab\n  cd");
        assert_eq!(p.original_char(2), 2);
        assert_eq!(p.original_char(3), 3);
        assert_eq!(p.original_char(4), 3);
        assert_eq!(p.original_char(5), 3);
        assert_eq!(p.original_char(6), 4);
        p.insert_spaces(0, 1); // " ab\n  cd"
        assert_eq!(p.original_char(0), 0);
        assert_eq!(p.original_char(1), 0);
        assert_eq!(p.original_char(7), 4);
    }

    #[test]
    fn tab_after_colon_becomes_a_space() {
        let mut p = PatchedText::new("key:\tvalue");
        let fix = p.fix("':' must be followed by a valid YAML whitespace", 5);
        assert_eq!(
            fix,
            Some(Fix {
                check: FixCheck::None,
                at: 5
            })
        );
        assert_eq!(p.text, "key: value");
    }

    #[test]
    fn under_indented_flow_line_is_pushed_right() {
        let text = "a:\n  b: [\n    x\n  ]\n";
        let mut p = PatchedText::new(text);
        let marker = text.find(']').unwrap_or(0);
        let fix = p.fix("invalid indentation", marker);
        assert_eq!(
            fix,
            Some(Fix {
                check: FixCheck::InsideFlow(marker),
                at: marker
            })
        );
        assert_eq!(p.text, "a:\n  b: [\n    x\n      ]\n");
        assert_eq!(p.original_char(marker + 4), marker);
    }

    #[test]
    fn escaped_single_quote_is_rewritten_as_hex() {
        let mut p = PatchedText::new(r#"a: "it\'s \'x\'""#);
        assert!(
            p.fix(
                "while parsing a quoted scalar, found unknown escape character",
                3
            )
            .is_some()
        );
        assert_eq!(p.text, r#"a: "it\x27s \x27x\x27""#);
        // `x` stands where the quote was; the inserted `27` maps to the character after it.
        assert_eq!(p.original_char(7), 7);
        assert_eq!(p.original_char(9), 8);
        assert_eq!(p.original_char(10), 8);
    }

    #[test]
    fn unrelated_errors_are_not_fixed() {
        let mut p = PatchedText::new("a: b: c");
        assert_eq!(
            p.fix("mapping values are not allowed in this context", 4),
            None
        );
        assert_eq!(p.text, "a: b: c");
    }
}
