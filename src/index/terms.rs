//! How analysed word terms travel to the word indexes ([`super::words`]): as one
//! string per field of a document, the value of a custom field, read back by the
//! word plugin as bytes.
//!
//! tantivy's own way in, a `PreTokenizedString`, is stored inside its document as JSON
//! and parsed again by the indexing thread, a `String` per token each way: on the scale
//! corpus that was a fifth of the build. Here each term is written once into a string
//! that tantivy copies as it copies any value, and [`decode_bytes`] reads it back
//! without allocating.
//!
//! The format, one entry per term, in position order:
//! `<position − previous position> <term length in bytes> <term>`, decimal numbers,
//! separated by single spaces and followed by a space. Lengths make any term content
//! safe; positions only ever grow.

#[cfg(test)]
use crate::analysis;

/// Writes `tokens` (sorted by position) in the format above into `out` (cleared first).
#[cfg(test)]
pub fn encode(tokens: &[analysis::Token], out: &mut String) {
    encode_terms(tokens.iter().map(|t| (t.position, t.term.as_str())), out);
}

/// Writes (position, term) pairs, sorted by position, in the format above into `out`
/// (cleared first).
pub fn encode_terms<'a>(terms: impl IntoIterator<Item = (usize, &'a str)>, out: &mut String) {
    out.clear();
    let mut previous = 0;
    for (position, term) in terms {
        let delta = position.saturating_sub(previous);
        previous = previous.max(position);
        push_number(out, delta);
        push_number(out, term.len());
        out.push_str(term);
        out.push(' ');
    }
}

/// Writes a number in decimal and a space (`write!` took two thirds of the encoding).
fn push_number(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
    out.push(' ');
}

/// The terms of an [`encode_terms`]d string as bytes: the word index validates only
/// the terms it has not seen before.
#[derive(Debug, Clone)]
pub struct DecodedBytes<'a> {
    rest: &'a [u8],
    position: usize,
}

/// Reads the bytes of an [`encode_terms`]d string back; a malformed one ends early.
pub fn decode_bytes(bytes: &[u8]) -> DecodedBytes<'_> {
    DecodedBytes {
        rest: bytes,
        position: 0,
    }
}

impl DecodedBytes<'_> {
    /// Reads a decimal number and the space after it.
    fn number(&mut self) -> Option<usize> {
        let mut n: usize = 0;
        for (i, &b) in self.rest.iter().enumerate() {
            match b {
                b'0'..=b'9' => n = n.checked_mul(10)?.checked_add(usize::from(b - b'0'))?,
                b' ' if i > 0 => {
                    self.rest = &self.rest[i + 1..];
                    return Some(n);
                }
                _ => return None,
            }
        }
        None
    }
}

impl<'a> Iterator for DecodedBytes<'a> {
    type Item = (usize, &'a [u8]);

    fn next(&mut self) -> Option<(usize, &'a [u8])> {
        let (Some(delta), Some(len)) = (self.number(), self.number()) else {
            self.rest = &[];
            return None;
        };
        let Some(term) = self.rest.get(..len) else {
            self.rest = &[];
            return None;
        };
        self.rest = self.rest.get(len + 1..).unwrap_or(&[]);
        self.position += delta;
        Some((self.position, term))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> Vec<(usize, String)> {
        decode_bytes(text.as_bytes())
            .map(|(p, t)| (p, String::from_utf8_lossy(t).into_owned()))
            .collect()
    }

    #[test]
    fn terms_come_back_with_their_positions() {
        let a = analysis::analyze("小米SU7的毛利率为26.4%，Xiaomi's gross margin");
        for tokens in [&a.words, &a.grams()] {
            let mut s = String::new();
            encode(tokens, &mut s);
            let want: Vec<(usize, String)> = tokens
                .iter()
                .map(|t| (t.position, t.term.clone()))
                .collect();
            assert_eq!(decoded(&s), want);
        }
    }

    #[test]
    fn any_term_content_is_safe() {
        let tokens: Vec<analysis::Token> = ["a b", " ", "7 3 x", "", "甲乙"]
            .iter()
            .enumerate()
            .map(|(i, t)| analysis::Token {
                term: t.to_string(),
                start: 0,
                end: 0,
                position: i * 2,
            })
            .collect();
        let mut s = String::new();
        encode(&tokens, &mut s);
        let got = decoded(&s);
        assert_eq!(got.len(), 5);
        assert_eq!(got[2], (4, "7 3 x".to_string()));
        assert_eq!(got[4], (8, "甲乙".to_string()));
    }

    #[test]
    fn malformed_input_ends_the_stream_without_panicking() {
        for bad in [
            "",
            "x",
            "1",
            "1 ",
            "0 9 ab",
            "0 2 甲",
            "0 1 a 5 z",
            "99999999999999999999 1 a ",
        ] {
            let got = decoded(bad);
            assert!(got.len() <= 1, "{bad:?} gave {got:?}");
        }
        assert_eq!(decoded("0 1 a 5 z"), vec![(0, "a".to_string())]);
    }
}
