//! English attribution rules: `Lei said …`, `"…," said Lei`, `according to …`.
//! The word lists are the `data/en-*.txt` files beside this one.

use std::sync::LazyLock;

use super::{Attribution, word_list};

/// English cue verbs (as written, lower case).
static EN_CUES: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("data/en-cues.txt")));

/// English cues that report speech only with `that` after them (`Musk posted on X that
/// …`); without, they are other verbs (`posted a loss`).
static EN_THAT_CUES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-that-cues.txt")));

/// Unnamed English sources.
static EN_UNNAMED: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-unnamed.txt")));

static EN_PRONOUNS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-pronouns.txt")));

/// Words of a sentence with byte offsets.
fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let part = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '.';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

fn clean(s: &str) -> String {
    s.trim()
        .trim_matches(|c: char| c == ',' || c == '.' || c.is_whitespace())
        .to_string()
}

/// The quoted text of a sentence (`"…"` or `“…”`), if it has one: byte range inside.
fn quoted_span(s: &str) -> Option<(usize, usize)> {
    let (open, close) = if let Some(p) = s.find('“') {
        (p + '“'.len_utf8(), s[p..].find('”').map(|q| p + q))
    } else {
        let p = s.find('"')?;
        (p + 1, s[p + 1..].find('"').map(|q| p + 1 + q))
    };
    let close = close.unwrap_or(s.len());
    (close > open).then_some((open, close))
}

/// Lower case with every byte offset kept: a char whose lower case has another UTF-8
/// length (`İ` → `i̇`, `ẞ` → `ß`, the Kelvin sign `K` → `k`) stays as written, so
/// ranges found in the result slice the sentence itself. The cues are ASCII.
fn lower_same_offsets(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

pub(super) fn attribute(sentence: &str) -> Option<Attribution> {
    let lower = lower_same_offsets(sentence);
    // "According to X, S." / "S, according to X." / "S is, according to X, T." Inside
    // a clause it means "in accordance with" (`classifying problems according to their
    // difficulty`, `proportional according to member state size`): no source.
    if let Some(p) = lower
        .find("according to ")
        .filter(|&p| p < 3 || sentence[..p].trim_end().ends_with([',', '(', '—', '–']))
    {
        let after = p + "according to ".len();
        let (source, statement) = match sentence[after..].find(',') {
            Some(c) if p < 3 => (
                sentence[after..after + c].to_string(),
                sentence[after + c + 1..].to_string(),
            ),
            _ => {
                // The source runs to the next comma, if the sentence goes on after it.
                let end = sentence[after..]
                    .find([',', ';', ')'])
                    .map_or(sentence.len(), |c| after + c);
                let before = sentence[..p]
                    .trim_end()
                    .trim_end_matches([',', '(', '—', '–']);
                let rest = sentence.get(end + 1..).unwrap_or("").trim();
                (sentence[after..end].to_string(), format!("{before} {rest}"))
            }
        };
        let source = clean(&source);
        let statement = clean(&statement);
        if !source.is_empty() && statement.split_whitespace().count() >= 2 {
            let (role, name) = split_role_en(&source);
            return Some(Attribution {
                unnamed: is_unnamed_en(&source),
                speaker: name,
                role,
                cue: "according to".into(),
                statement,
                pronoun: false,
            });
        }
    }
    let ws = words(sentence);
    let quote = quoted_span(sentence);
    for &(ws_, we) in &ws {
        let w = lower[ws_..we].trim_end_matches('.');
        let Some(cue) = EN_CUES.iter().find(|c| **c == w) else {
            continue;
        };
        if quote.is_some_and(|(qs, qe)| ws_ >= qs && we <= qe) {
            continue; // a cue inside the quotation is part of it
        }
        // "…," said Lei / "…," Lei said: the quotation before.
        if let Some((qs, qe)) = quote.filter(|(_, qe)| *qe <= ws_) {
            let between = &sentence[qe..ws_];
            // Reported speech ends inside its quotation marks with `,` `.` `!` `?` or
            // `…` and is followed closely by the cue: `"…," Lei said`. A quoted title
            // (`in his article, "A Machine to End War", published …`) is not.
            let spoken = sentence[qs..qe]
                .trim_end()
                .ends_with([',', '.', '!', '?', '…', '，', '。', '！', '？']);
            if !spoken || between.split_whitespace().count() > 6 {
                continue;
            }
            let (speaker, role) = if between
                .trim_matches(|c: char| !c.is_alphanumeric())
                .is_empty()
            {
                // "…," said Lei Jun, chief executive.
                trailing_source(&sentence[we..])
            } else {
                (
                    clean(between.trim_start_matches(['"', '”', ',', ' '])),
                    None,
                )
            };
            if let Some(mut a) = make_en(&speaker, cue, &sentence[qs..qe]) {
                a.role = role.or(a.role);
                return Some(a);
            }
            continue;
        }
        // `Deliveries will double, Lei said.` / `…, said Zhong Shi, an analyst.`: the
        // statement before, unquoted, set off by a comma, and nothing after the source.
        let before = sentence[..ws_].trim_end();
        if let Some(comma) = before.rfind(',')
            && quote.is_none()
        {
            let head = &before[comma + 1..];
            let (speaker, role) = if head.trim().is_empty() {
                trailing_source(&sentence[we..])
            } else if sentence[we..]
                .trim_matches(|c: char| c == '.' || c.is_whitespace())
                .is_empty()
            {
                (clean(head), None)
            } else {
                (String::new(), None)
            };
            let statement = &sentence[..comma];
            if !speaker.is_empty()
                && let Some(mut a) = make_en(&speaker, cue, statement)
            {
                a.role = role.or(a.role);
                return Some(a);
            }
        }
        // Lei said (that) S. / Lei told Reuters S.
        let subject_start = sentence[..ws_].rfind([';', ':']).map_or(0, |p| p + 1);
        let mut subject = sentence[subject_start..ws_].trim();
        let mut role = None;
        // "Tim Cook, Apple's chief executive, said": name, appositive.
        let parts: Vec<&str> = subject.split(',').map(str::trim).collect();
        if parts.len() >= 3 && parts.last().is_some_and(|p| p.is_empty()) {
            subject = parts[0];
            role = Some(parts[1..parts.len() - 1].join(", "));
        } else if parts.len() >= 2 {
            subject = parts[parts.len() - 1];
        }
        let mut rest = &sentence[we..];
        if *cue == "told" {
            // told Reuters / told reporters: skip the listener.
            let skip = words(rest).into_iter().next().map_or(0, |(_, e)| e);
            rest = &rest[skip..];
        }
        let rest = rest.trim_start_matches([',', ':', ' ']);
        let with_that = rest.starts_with("that ");
        let rest = rest.strip_prefix("that ").unwrap_or(rest);
        // `said on an earnings call that …`: the statement starts after `that`.
        let (rest, with_that) = match rest.find(" that ") {
            Some(p) if rest[..p].split_whitespace().count() <= 6 => {
                (&rest[p + " that ".len()..], true)
            }
            _ => (rest, with_that),
        };
        if EN_THAT_CUES.contains(cue) && !with_that {
            continue;
        }
        let statement = match quote.filter(|(qs, _)| *qs >= we) {
            Some((qs, qe)) => &sentence[qs..qe],
            None => rest,
        };
        // `Addison added 6½ sacks`: a count, not speech (`said 2025 will be…` is);
        // `he said nothing`: none.
        if *cue == "added" && statement.starts_with(|c: char| c.is_ascii_digit())
            || statement.starts_with("nothing")
        {
            continue;
        }
        if let Some(mut a) = make_en(subject, cue, statement) {
            if role.is_some() {
                a.role = role;
            }
            return Some(a);
        }
    }
    None
}

/// The source after a cue, to the next comma or the end (`said Lei Jun.`), and its
/// role when an appositive set off by a comma closes the sentence (`said Zhong Shi, an
/// auto industry analyst.` → role `auto industry analyst`).
fn trailing_source(rest: &str) -> (String, Option<String>) {
    let end = rest.find([',', '.', ';']).unwrap_or(rest.len());
    let speaker = clean(&rest[..end]);
    let appositive = rest[end..]
        .strip_prefix(',')
        .map(|a| a.trim().trim_end_matches(['.', ';']).trim_end());
    let role = appositive.and_then(|a| {
        // `an auto industry analyst`, `chairman of BYD`, `Xiaomi's founder`; not
        // `speaking at a forum`.
        let noun = ["a ", "an ", "the "]
            .iter()
            .find_map(|article| a.strip_prefix(article))
            .unwrap_or(a);
        let first = noun.split_whitespace().next()?;
        let plain = !first.ends_with("ing")
            && !first.ends_with("ed")
            && noun.split_whitespace().count() <= 6
            && !noun.contains([',', ';', '"', '“', '”'])
            && !noun
                .split_whitespace()
                .any(|w| matches!(w, "who" | "which" | "that"));
        plain.then(|| noun.to_string())
    });
    (speaker, role)
}

fn is_unnamed_en(s: &str) -> bool {
    let l = s.to_lowercase();
    EN_UNNAMED.iter().any(|u| l.contains(u))
}

/// Splits `Apple chief executive Tim Cook` into role and name.
fn split_role_en(s: &str) -> (Option<String>, String) {
    let ws: Vec<&str> = s.split_whitespace().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let name_len = ws.iter().rev().take_while(|w| capital(w)).count();
    let role_ends_with_preposition = ws.len() > name_len
        && matches!(
            ws[ws.len() - name_len - 1],
            "of" | "for" | "at" | "in" | "from" | "to"
        );
    if name_len > 0
        && name_len < ws.len()
        && !role_ends_with_preposition
        && ws[..ws.len() - name_len].iter().any(|w| !capital(w))
    {
        let role = ws[..ws.len() - name_len].join(" ");
        return (Some(role), ws[ws.len() - name_len..].join(" "));
    }
    (None, s.to_string())
}

/// Words that open an English sentence and are no one (`Similarly, …, claimed`).
static EN_SENTENCE_ADVERBS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-sentence-adverbs.txt")));

fn make_en(speaker: &str, cue: &str, statement: &str) -> Option<Attribution> {
    let speaker = clean(speaker);
    let statement = clean(statement.trim_matches(['"', '“', '”']));
    if statement.split_whitespace().count() < 2 {
        return None;
    }
    let lower = speaker.to_lowercase();
    let n = speaker.split_whitespace().count();
    if EN_PRONOUNS.contains(&lower.as_str()) {
        return Some(Attribution {
            speaker,
            role: None,
            cue: cue.into(),
            statement,
            unnamed: false,
            pronoun: true,
        });
    }
    let speaker = speaker
        .strip_prefix("The ")
        .or_else(|| speaker.strip_prefix("the "))
        .unwrap_or(&speaker)
        .to_string();
    let unnamed = is_unnamed_en(&split_role_en(&speaker).1);
    let named = speaker
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    let passive = speaker
        .split_whitespace()
        .last()
        .is_some_and(|w| matches!(w, "was" | "were" | "is" | "are" | "be" | "been" | "being"));
    // `Furnished with notes …`: a phrase ending in a preposition is no subject;
    // `Similarly, …, claimed`: nor is a sentence adverb.
    let phrase = speaker.split_whitespace().last().is_some_and(|w| {
        matches!(
            w,
            "with" | "by" | "of" | "to" | "in" | "on" | "at" | "for" | "from" | "as" | "and"
        )
    });
    let adverb = n == 1 && EN_SENTENCE_ADVERBS.contains(&lower.as_str());
    if n == 0 || n > 8 || passive || phrase || adverb || !(named || unnamed) {
        return None;
    }
    let (role, name) = split_role_en(&speaker);
    Some(Attribution {
        speaker: name,
        role,
        cue: cue.into(),
        statement,
        unnamed,
        pronoun: false,
    })
}

/// `Smith said`, `said Smith`, `he told reporters`: at most six words (`t` trimmed).
pub(super) fn bare(t: &str) -> Option<Attribution> {
    let ws: Vec<&str> = t.split_whitespace().collect();
    if ws.is_empty() || ws.len() > 6 {
        return None;
    }
    let k = ws
        .iter()
        .position(|w| EN_CUES.contains(&w.to_lowercase().trim_end_matches(',')))?;
    let speaker = if k == 0 {
        ws[1..].join(" ")
    } else {
        ws[..k].join(" ")
    };
    let mut a = make_en(&speaker, ws[k], "x y")?;
    a.statement = String::new();
    Some(a)
}

#[cfg(test)]
mod tests {
    use crate::claims::attribution::attribute;

    #[test]
    fn english_said_before_and_after() {
        let a =
            attribute("Lei Jun said the company would break even by the end of the year.").unwrap();
        assert_eq!((a.speaker.as_str(), a.cue.as_str()), ("Lei Jun", "said"));
        assert!(a.statement.starts_with("the company would"));
        let a = attribute("\"Late has its benefits,\" said Lei Jun, the founder.").unwrap();
        assert_eq!(a.speaker, "Lei Jun");
        assert_eq!(a.statement, "Late has its benefits");
        let a =
            attribute("\"We will not cut prices,\" the chief executive Tim Cook told reporters.")
                .unwrap();
        assert_eq!(a.speaker, "Tim Cook");
        assert_eq!(a.role.as_deref(), Some("chief executive"));
        // The statement first, unquoted; an appositive after the source is its role.
        for (sentence, speaker, role, statement) in [
            (
                "Deliveries will double next year, Lei Jun said.",
                "Lei Jun",
                None,
                "Deliveries will double next year",
            ),
            (
                "The price war will end soon, said Wang Chuanfu, chairman of BYD.",
                "Wang Chuanfu",
                Some("chairman of BYD"),
                "The price war will end soon",
            ),
            (
                "\"The market is very competitive,\" said Zhong Shi, an auto industry analyst.",
                "Zhong Shi",
                Some("auto industry analyst"),
                "The market is very competitive",
            ),
            (
                "\"Prices will hold,\" said Zhong Shi, speaking at a forum.",
                "Zhong Shi",
                None,
                "Prices will hold",
            ),
            (
                "\"Late has its benefits,\" said Lei Jun, Xiaomi's founder.",
                "Lei Jun",
                Some("Xiaomi's founder"),
                "Late has its benefits",
            ),
        ] {
            let a = attribute(sentence).unwrap_or_else(|| panic!("{sentence}"));
            assert_eq!(
                (a.speaker.as_str(), a.role.as_deref(), a.statement.as_str()),
                (speaker, role, statement),
                "{sentence}"
            );
        }
        // `posted` reports speech only with `that` (or after a quotation).
        let a = attribute("Musk posted on X that FSD will launch in China next year.").unwrap();
        assert_eq!((a.speaker.as_str(), a.cue.as_str()), ("Musk", "posted"));
        assert_eq!(a.statement, "FSD will launch in China next year");
        assert!(attribute("Xiaomi posted a record quarterly profit of 2 billion yuan.").is_none());
        // Words after the source: no statement-first reading (`In 1990, he …`).
        assert!(attribute("In 1990, he said nothing about it.").is_none());
        assert!(attribute("Xiaomi's margin rose, the company said.").is_none());
    }

    #[test]
    fn english_according_to_and_appositive() {
        let a = attribute("According to Goldman Sachs, margins will rise to 20 percent.").unwrap();
        assert_eq!(
            (a.speaker.as_str(), a.cue.as_str()),
            ("Goldman Sachs", "according to")
        );
        let a =
            attribute("Margins will rise to 20 percent, according to analysts at UBS.").unwrap();
        assert!(a.unnamed);
        assert!(a.statement.starts_with("Margins will rise"));
        let a = attribute("Tim Cook, Apple's chief executive, said sales were strong.").unwrap();
        assert_eq!(a.speaker, "Tim Cook");
        assert_eq!(a.role.as_deref(), Some("Apple's chief executive"));
    }

    #[test]
    fn english_non_quotes() {
        assert!(attribute("The car was said to be fast.").is_none());
        assert!(
            attribute("In his article, \"A Machine to End War\", published in 1937, Tesla stated:")
                .is_none()
        );
        let a = attribute("The Shah of Iran said prices would rise tenfold.").unwrap();
        assert_eq!((a.speaker.as_str(), a.role), ("Shah of Iran", None));
        assert!(attribute("Sales rose 26.4% in the second quarter.").is_none());
        // A count after `added` is no statement; a number after `said` may start one.
        assert!(attribute("Fellow lineman Mario Addison added 6½ sacks.").is_none());
        let a = attribute("Lei Jun said 2025 would be the year the company broke even.").unwrap();
        assert_eq!(a.speaker, "Lei Jun");
        // `according to` inside a clause is "in accordance with".
        for s in [
            "It classifies problems according to their inherent difficulty.",
            "Their numbers are degressively proportional according to member state size.",
            // A phrase ending in a preposition, a sentence adverb: no subjects.
            "Furnished with notes and prefaces by Luther, it played a major role.",
            "Similarly, in the case of Simmenthal SpA, a company, claimed that the fee was unlawful.",
        ] {
            assert!(attribute(s).is_none(), "{s}: {:?}", attribute(s));
        }
        // Set off by commas mid-sentence, it is a source, up to the next comma.
        let a = attribute(
            "The exchange is, according to many indicators, the largest market in the region.",
        )
        .unwrap();
        assert_eq!(a.speaker, "many indicators");
        assert_eq!(
            a.statement,
            "The exchange is the largest market in the region"
        );
    }

    #[test]
    fn lower_case_that_changes_byte_length_does_not_split_a_char() {
        // `İ` lower-cases to three bytes, `ẞ` and the Kelvin sign to fewer: cue offsets
        // found in the lower-cased sentence once sliced the sentence inside a char.
        assert!(attribute("İstanbul小米 鴻海ＳＵ７").is_none());
        let a = attribute("İİİ Lei said sales were strong.").unwrap();
        assert_eq!(a.speaker, "İİİ Lei");
        let a = attribute("Sales were strong in ẞ\u{212A}, according to Lei.").unwrap();
        assert_eq!(a.speaker, "Lei");
        assert_eq!(a.statement, "Sales were strong in ẞ\u{212A}");
    }
}
