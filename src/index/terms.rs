//! How analysed word terms travel to the word indexes ([`super::words`]): as the bytes
//! of a custom field of a document, one value per field, read back by the word plugin.
//!
//! tantivy's own way in, a `PreTokenizedString`, is stored inside its document as JSON
//! and parsed again by the indexing thread, a `String` per token each way: on the scale
//! corpus that was a fifth of the build. Here each term is written once into bytes
//! that tantivy copies as it copies any value, and [`decode_bytes`] reads them back
//! without allocating.
//!
//! The format, one entry per term, in position order: `<position − previous position>
//! <term length in bytes> <term>`, the numbers as LEB128 varints (one byte each for
//! nearly every term: decimal digits and spaces took three times as long to write).
//! Lengths make any term content safe; positions only ever grow.

use super::postings::{get_varint, put_varint};
#[cfg(test)]
use crate::analysis;

/// Writes `tokens` (sorted by position) in the format above into `out` (cleared first).
#[cfg(test)]
pub fn encode(tokens: &[analysis::Token], out: &mut Vec<u8>) {
    encode_terms(tokens.iter().map(|t| (t.position, t.term.as_str())), out);
}

/// Writes (position, term) pairs, sorted by position, in the format above into `out`
/// (cleared first).
pub fn encode_terms<'a>(terms: impl IntoIterator<Item = (usize, &'a str)>, out: &mut Vec<u8>) {
    out.clear();
    let mut previous = 0;
    for (position, term) in terms {
        let delta = position.saturating_sub(previous);
        previous = previous.max(position);
        put_varint(out, delta as u64);
        put_varint(out, term.len() as u64);
        out.extend_from_slice(term.as_bytes());
    }
}

/// The terms of [`encode_terms`]d bytes: the word index validates only the terms it
/// has not seen before.
#[derive(Debug, Clone)]
pub struct DecodedBytes<'a> {
    bytes: &'a [u8],
    at: usize,
    position: usize,
}

/// Reads [`encode_terms`]d bytes back; malformed ones end early.
pub fn decode_bytes(bytes: &[u8]) -> DecodedBytes<'_> {
    DecodedBytes {
        bytes,
        at: 0,
        position: 0,
    }
}

impl<'a> Iterator for DecodedBytes<'a> {
    type Item = (usize, &'a [u8]);

    fn next(&mut self) -> Option<(usize, &'a [u8])> {
        let read = |d: &mut Self| -> Option<(usize, &'a [u8])> {
            let delta = usize::try_from(get_varint(d.bytes, &mut d.at)?).ok()?;
            let len = usize::try_from(get_varint(d.bytes, &mut d.at)?).ok()?;
            let term = d.bytes.get(d.at..d.at.checked_add(len)?)?;
            d.at += len;
            d.position = d.position.checked_add(delta)?;
            Some((d.position, term))
        };
        let got = read(self);
        if got.is_none() {
            self.at = self.bytes.len();
        }
        got
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> Vec<(usize, String)> {
        decode_bytes(bytes)
            .map(|(p, t)| (p, String::from_utf8_lossy(t).into_owned()))
            .collect()
    }

    #[test]
    fn terms_come_back_with_their_positions() {
        let a = analysis::analyze("小米SU7的毛利率为26.4%，Xiaomi's gross margin");
        for tokens in [&a.words, &a.grams()] {
            let mut s = Vec::new();
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
        let mut s = Vec::new();
        encode(&tokens, &mut s);
        let got = decoded(&s);
        assert_eq!(got.len(), 5);
        assert_eq!(got[2], (4, "7 3 x".to_string()));
        assert_eq!(got[4], (8, "甲乙".to_string()));
    }

    #[test]
    fn malformed_input_ends_the_stream_without_panicking() {
        let bad: [&[u8]; 8] = [
            b"",
            b"\x80",
            b"\x01",
            b"\x00\x09ab",
            b"\x00\x80",
            b"\x00\x03\xe7\x94",
            &[0xff; 12],
            b"\x00\x01a\x05\xff",
        ];
        for bad in bad {
            let got = decoded(bad);
            assert!(got.len() <= 1, "{bad:?} gave {got:?}");
        }
        assert_eq!(decoded(b"\x00\x01a\x05\x07z"), vec![(0, "a".to_string())]);
        assert_eq!(
            decoded(b"\x00\x01a\x05\x01z"),
            vec![(0, "a".to_string()), (5, "z".to_string())]
        );
    }
}
