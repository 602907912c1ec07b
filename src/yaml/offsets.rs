//! saphyr-parser reports positions as character indexes; composelint spans are byte offsets.
//! [`CharCursor`] converts one to the other by walking from the last position it converted,
//! so a whole event stream (whose positions move forward, with small steps back) costs about
//! one pass over the text instead of one scan from the start per event.

pub struct CharCursor<'a> {
    text: &'a str,
    char_index: usize,
    byte_offset: usize,
}

impl<'a> CharCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            char_index: 0,
            byte_offset: 0,
        }
    }

    /// The byte offset of character `target`; past the end of the text, the text's length.
    pub fn byte_of(&mut self, target: usize) -> usize {
        if target >= self.char_index {
            let rest = self.text.get(self.byte_offset..).unwrap_or_default();
            for c in rest.chars() {
                if self.char_index == target {
                    break;
                }
                self.byte_offset += c.len_utf8();
                self.char_index += 1;
            }
        } else {
            let before = self.text.get(..self.byte_offset).unwrap_or_default();
            for c in before.chars().rev() {
                if self.char_index == target {
                    break;
                }
                self.byte_offset -= c.len_utf8();
                self.char_index -= 1;
            }
        }
        self.byte_offset
    }
}

#[cfg(test)]
mod tests {
    use super::CharCursor;

    #[test]
    fn converts_forward_and_back_over_multibyte_text() {
        let text = "aé😀b\nc";
        let mut cursor = CharCursor::new(text);
        assert_eq!(cursor.byte_of(0), 0);
        assert_eq!(cursor.byte_of(2), 3);
        assert_eq!(cursor.byte_of(3), 7);
        assert_eq!(cursor.byte_of(1), 1);
        assert_eq!(cursor.byte_of(5), 9);
        assert_eq!(cursor.byte_of(6), 10);
        assert_eq!(cursor.byte_of(99), text.len());
        assert_eq!(cursor.byte_of(4), 8);
    }
}
