//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, and the legacy Chinese
//! encodings (GB18030/GBK, Big5) detected; binary and empty files recognised.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with line ends normalised to `\n` and no BOM.
    pub text: String,
    /// Name of the encoding the bytes were in (e.g. `UTF-8`, `GBK`, `Big5`).
    pub encoding: &'static str,
    /// 1-based numbers of the lines that were not valid in `encoding` and were read as
    /// GB18030 where that reads them, else with U+FFFD for the bad bytes (a UTF-8 file
    /// with, say, a GBK title pasted into its front matter). Empty for a clean file.
    pub odd_lines: Vec<usize>,
}

/// Why a file's bytes could not be used as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Nothing but whitespace.
    #[error("the file is empty")]
    Empty,
    /// NUL bytes or mostly control characters.
    #[error("the file looks binary, not text")]
    Binary,
    /// No supported encoding reads it without errors.
    #[error(
        "the text encoding could not be recognised (tried UTF-8, UTF-16, GB18030 and Big5); convert it to UTF-8"
    )]
    Undecodable,
}

/// Decodes a file's bytes.
///
/// ```
/// let d = wenku::article::decode("小米\r\n".as_bytes()).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding), ("小米\n", "UTF-8"));
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut odd_lines = Vec::new();
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (
            strict(UTF_8, rest).ok_or(DecodeError::Undecodable)?,
            "UTF-8",
        )
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (
            strict(UTF_16LE, rest).ok_or(DecodeError::Undecodable)?,
            "UTF-16LE",
        )
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (
            strict(UTF_16BE, rest).ok_or(DecodeError::Undecodable)?,
            "UTF-16BE",
        )
    } else {
        if bytes.contains(&0) {
            return Err(DecodeError::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), "UTF-8"),
            Err(_) => match mostly_utf8(bytes) {
                Some((text, lines)) => {
                    odd_lines = lines;
                    (text, "UTF-8")
                }
                None => legacy(bytes)?,
            },
        }
    };
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text: normalise_newlines(&text),
        encoding,
        odd_lines,
    })
}

/// Reads a UTF-8 file with a few lines in another encoding or with stray bytes: when its
/// valid lines hold more non-ASCII characters than its invalid lines hold non-ASCII
/// bytes (a real GBK or Big5 file has next to no valid UTF-8 lines), it is UTF-8, and
/// each invalid line is read as GB18030 if that reads it without errors, else with
/// U+FFFD for the bad bytes. Returns the text and the numbers of those lines.
fn mostly_utf8(bytes: &[u8]) -> Option<(String, Vec<usize>)> {
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let (mut valid, mut invalid) = (0usize, 0usize);
    for line in &lines {
        match std::str::from_utf8(line) {
            Ok(s) => valid += s.chars().filter(|c| !c.is_ascii()).count(),
            Err(_) => invalid += line.iter().filter(|b| !b.is_ascii()).count(),
        }
    }
    if valid <= invalid {
        return None;
    }
    let mut text = String::with_capacity(bytes.len());
    let mut odd = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        match std::str::from_utf8(line) {
            Ok(s) => text.push_str(s),
            Err(_) => {
                odd.push(i + 1);
                match strict(GB18030, line) {
                    Some(s) => text.push_str(&s),
                    None => text.push_str(&String::from_utf8_lossy(line)),
                }
            }
        }
    }
    Some((text, odd))
}

/// Decodes without replacement characters, or not at all.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// GB18030 (a superset of GBK) or Big5: chardetng's guess first, then whichever of the
/// two reads the bytes without errors and with more common Chinese characters.
fn legacy(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    if let Some(text) = strict(guess, bytes) {
        let name = if guess == GB18030 || guess == encoding_rs::GBK {
            "GBK"
        } else {
            guess.name()
        };
        return Ok((text, name));
    }
    let candidates = [(GB18030, "GB18030"), (BIG5, "Big5")];
    candidates
        .into_iter()
        .filter_map(|(enc, name)| strict(enc, bytes).map(|t| (t, name)))
        .max_by_key(|(t, _)| common_cjk(t))
        .ok_or(DecodeError::Undecodable)
}

/// Characters from the most common CJK block, a crude plausibility score.
fn common_cjk(text: &str) -> usize {
    text.chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count()
}

/// More than 10% control characters (other than whitespace) means binary.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C')) {
            control += 1;
        }
    }
    control * 10 > total
}

fn normalise_newlines(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gbk_title_in_a_utf8_file_is_read_as_gbk_and_the_body_as_utf8() {
        let mut bytes = b"---\ntitle: ".to_vec();
        bytes.extend(GB18030.encode("海狸报告").0.iter());
        bytes.extend("\n---\n\n正文讲的是海狸的故事。\n".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(
            d.text,
            "---\ntitle: 海狸报告\n---\n\n正文讲的是海狸的故事。\n"
        );
        assert_eq!((d.encoding, d.odd_lines), ("UTF-8", vec![2]));
    }

    #[test]
    fn stray_bytes_in_a_utf8_file_become_replacement_characters() {
        let d = decode(
            b"title: ab\xff\xfecd\n\xe6\xad\xa3\xe6\x96\x87\xe8\xae\xb2\xe6\xb0\xb4\xe7\x8d\xad\n",
        )
        .unwrap();
        assert_eq!(d.text, "title: ab\u{fffd}\u{fffd}cd\n正文讲水獭\n");
        assert_eq!(d.odd_lines, vec![1]);
    }

    #[test]
    fn a_whole_gbk_file_is_still_read_as_gbk() {
        let bytes = GB18030.encode("第一行讲海狸。\n第二行也讲海狸的故事。\n").0;
        let d = decode(&bytes).unwrap();
        assert!(d.text.contains("海狸的故事"));
        assert!(d.odd_lines.is_empty());
    }

    const ZH: &str = "小米汽车的毛利率达到了百分之二十六，雷军表示晚有晚的好处。";

    #[test]
    fn utf8_with_and_without_bom() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(ZH.as_bytes());
        assert_eq!(decode(&bytes).unwrap().text, ZH);
        assert_eq!(decode(ZH.as_bytes()).unwrap().encoding, "UTF-8");
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode(ZH);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, ZH);
        assert_eq!(d.encoding, "GBK");
    }

    #[test]
    fn big5_is_detected() {
        let text = "臺灣的讀者也關心電動車產業的發展，鴻海與裕隆合作造車。";
        let (bytes, _, _) = BIG5.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "Big5");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in ZH.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, ZH);
        assert_eq!(decode(&be).unwrap().text, ZH);
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(
            decode(&[0x89, b'P', b'N', b'G', 0, 0, 1, 2]),
            Err(DecodeError::Binary)
        );
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\r\n "), Err(DecodeError::Empty));
        assert_eq!(
            decode(&[1, 2, 3, 4, 5, 6, 7, 8, b'a']),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn line_ends_become_newlines() {
        assert_eq!(decode(b"a\r\nb\rc\n").unwrap().text, "a\nb\nc\n");
    }
}
