//! English attribution rules: `Lei said …`, `"…," said Lei`, `according to …`.
//! The word lists are the `data/en-*.txt` files beside this one.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Attribution, word_list};

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

/// The quotations of a sentence, byte ranges inside the marks. A straight mark after a
/// space (or at the start) opens, any other closes; an opening mark while a quotation
/// is open closes it first (`"… himself. "They …` ends one quotation and opens the
/// next), and one left open runs to the end. A closing mark with none open closes a
/// quotation begun in an earlier sentence.
fn quotation_spans(s: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut previous: Option<char> = None;
    for (i, c) in s.char_indices() {
        let opens = match c {
            '“' => Some(true),
            '”' => Some(false),
            '"' => Some(previous.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p))),
            _ => None,
        };
        previous = Some(c);
        match (opens, open) {
            (Some(true), Some(o)) => {
                spans.push((o, i));
                open = Some(i + c.len_utf8());
            }
            (Some(true), None) => open = Some(i + c.len_utf8()),
            (Some(false), Some(o)) => {
                spans.push((o, i));
                open = None;
            }
            (Some(false), None) if spans.is_empty() => spans.push((0, i)),
            _ => {}
        }
    }
    if let Some(o) = open {
        spans.push((o, s.len()));
    }
    spans.retain(|(a, b)| b > a);
    spans
}

/// Does the quotation `qs..qe` close a sentence (`"… to win." Smith …`): a full stop
/// inside the marks and a capital after them?
fn ends_sentence(s: &str, qs: usize, qe: usize) -> bool {
    s[qs..qe].trim_end().ends_with('.')
        && s[qe..]
            .chars()
            .skip(1)
            .find(|c| !c.is_whitespace())
            .is_some_and(char::is_uppercase)
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

/// One attribution found in a sentence, with where its clause starts (its subject, or
/// the joint before a participle: `, saying`) and the byte range of its statement when
/// that follows the cue.
struct Found {
    a: Attribution,
    clause: usize,
    after: Option<(usize, usize)>,
}

/// Every attribution of a sentence, in text order: `Mr Lin said …, but Ms Cho thought
/// …` has two, and the first statement ends where the second clause begins. A cue
/// inside another's statement with no joint before its clause (`Lin said Cho claimed
/// …`) is part of that statement.
pub(super) fn attributions(sentence: &str) -> Vec<Attribution> {
    let lower = lower_same_offsets(sentence);
    if let Some(a) = according_to(sentence, &lower) {
        return vec![a];
    }
    let ws = words(sentence);
    let spans = quotation_spans(sentence);
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some((cue, n)) = cue_at(&lower, &ws, i) else {
            i += 1;
            continue;
        };
        let f = if let Some(finite) = participle(cue) {
            participle_at(sentence, &ws, &spans, (i, n), (cue, finite), &found)
        } else {
            cue_attribution(sentence, &ws, &spans, (i, n), cue, &found)
        };
        if let Some(f) = f {
            found.push(f);
        }
        i += n;
    }
    if let Some(f) = described_by(sentence, &lower) {
        found.push(f);
        found.sort_by_key(|f| f.clause);
    }
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        // `Lin said Cho feared that …`: Cho's clause is between Lin's cue and statement.
        if let Some(last) = out.last()
            && let Some((s, _)) = last.after
            && f.clause > last.clause
            && f.clause < s
        {
            continue;
        }
        if let Some(last) = out.last_mut()
            && let Some((s, e)) = last.after
            && f.clause >= s
            && f.clause < e
        {
            match cut_at_joint(&sentence[s..f.clause], &sentence[f.clause..]) {
                Some(kept) if kept.split_whitespace().count() >= 2 => {
                    last.a.statement = kept;
                    last.after = Some((s, f.clause));
                }
                Some(_) => {}
                None => continue, // `Lin said Cho claimed …`: Cho's words are Lin's statement
            }
        }
        // `"…," said Lin, adding: "…"`: the second quotation is already Lin's statement.
        if out
            .iter()
            .any(|o| o.a.speaker == f.a.speaker && o.a.statement.contains(f.a.statement.as_str()))
        {
            continue;
        }
        out.push(f);
    }
    out.into_iter().map(|f| f.a).collect()
}

/// The first attribution of a sentence.
pub(super) fn attribute(sentence: &str) -> Option<Attribution> {
    attributions(sentence).into_iter().next()
}

/// Text before a second clause without the joint to it (`… viewers, but` → `…
/// viewers`); none when no joint ends it or opens what follows (`Lin said Cho`: one
/// clause inside another).
fn cut_at_joint(before: &str, after: &str) -> Option<String> {
    let t = before.trim_end();
    let mut kept = t.trim_end_matches([',', ';', '-', '–', '—']).trim_end();
    let next = after.trim_start();
    let mut joint = kept.len() < t.len()
        || next.starts_with([',', ';', '-', '–', '—'])
        || ["and ", "but ", "while ", "whereas "]
            .iter()
            .any(|j| next.starts_with(j));
    for word in [" and", " but", " while", " whereas", " yet", " or"] {
        if let Some(k) = kept.strip_suffix(word) {
            kept = k.trim_end().trim_end_matches(',').trim_end();
            joint = true;
            break;
        }
    }
    joint.then(|| clean(kept.trim_end_matches(['"', '“', '”']).trim()))
}

/// "According to X, S." / "S, according to X." / "S is, according to X, T." Inside a
/// clause it means "in accordance with" (`classifying problems according to their
/// difficulty`, `proportional according to member state size`): no source.
fn according_to(sentence: &str, lower: &str) -> Option<Attribution> {
    let p = lower
        .find("according to ")
        .filter(|&p| p < 3 || sentence[..p].trim_end().ends_with([',', '(', '—', '–']))?;
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
    if source.is_empty() || statement.split_whitespace().count() < 2 {
        return None;
    }
    let (role, name) = split_role_en(&source);
    Some(Attribution {
        unnamed: is_unnamed_en(&source),
        speaker: name,
        role,
        cue: "according to".into(),
        statement,
        pronoun: false,
        elided: None,
    })
}

/// Byte offset of a slice of `sentence` inside it.
fn offset_in(sentence: &str, part: &str) -> usize {
    part.as_ptr() as usize - sentence.as_ptr() as usize
}

/// Where the clause of a cue at byte `ws_` starts: after a quotation that closed its
/// sentence (`"… win." Smith admitted …`), else 0. Also the quotation just before the
/// cue, if it is still open to it.
fn floor_and_quote(
    sentence: &str,
    spans: &[(usize, usize)],
    ws_: usize,
) -> (usize, Option<(usize, usize)>) {
    let quote = spans.iter().rev().find(|(_, qe)| *qe <= ws_).copied();
    match quote {
        Some((qs, qe)) if ends_sentence(sentence, qs, qe) => {
            let floor = sentence[qe..]
                .char_indices()
                .nth(1)
                .map_or(sentence.len(), |(k, _)| qe + k);
            (floor, None)
        }
        _ => (0, quote),
    }
}

/// The attribution of the finite cue at word `i` (`n` words long), if it has one.
fn cue_attribution(
    sentence: &str,
    ws: &[(usize, usize)],
    spans: &[(usize, usize)],
    (i, n): (usize, usize),
    cue: &str,
    found: &[Found],
) -> Option<Found> {
    let ws_ = ws[i].0;
    let we = ws[i + n - 1].1;
    if spans.iter().any(|&(qs, qe)| ws_ >= qs && we <= qe) {
        return None; // a cue inside the quotation is part of it
    }
    // `described by Sharon as …`: the passive, read by `described_by`.
    if cue == "described"
        && ws
            .get(i + 1)
            .is_some_and(|&(s, e)| sentence[s..e].eq_ignore_ascii_case("by"))
    {
        return None;
    }
    let (floor, quote) = floor_and_quote(sentence, spans, ws_);
    // "…," said Lei / "…," Lei said: the quotation before.
    if let Some((qs, qe)) = quote {
        if let Some(a) = quotation_before(sentence, (qs, qe), (ws_, we), cue) {
            return Some(Found {
                a,
                clause: qs,
                after: None,
            });
        }
        if spoken(&sentence[qs..qe]) {
            return None;
        }
    }
    if let Some(a) = statement_before(sentence, floor, spans, (ws_, we), cue) {
        return Some(Found {
            a,
            clause: floor,
            after: None,
        });
    }
    let after_quote = spans.iter().find(|(qs, _)| *qs >= we).copied();
    let statement = statement_after(sentence, after_quote, we, cue)?;
    let after = Some((
        offset_in(sentence, statement),
        offset_in(sentence, statement) + statement.len(),
    ));
    // Lei said (that) S. / Lei told Reuters S.
    let (head, parenthetical) = without_parentheticals(&sentence[floor..ws_]);
    if let Some((subject, role)) = subject_before(&head, cue)
        && let Some(mut a) = make_en(&subject, cue, statement)
    {
        if role.is_some() {
            a.role = role;
        }
        // After a parenthetical (`Ross, who admitted …, said`) the clause goes on at
        // its end.
        let clause = match parenthetical {
            Some(p) => floor + p,
            None => rfind_word(&sentence[..ws_], &subject).unwrap_or(floor),
        };
        return Some(Found { a, clause, after });
    }
    // `…, but added …`, `… and said …`, `Weitz, who admitted …`, `… but when asked
    // replied …`: the subject of the clause this one is joined to.
    let (clause, a) = borrowed_subject(sentence, floor, ws_, found)?;
    let mut a = with_statement(a, cue, statement)?;
    a.cue = cue.into();
    Some(Found { a, clause, after })
}

/// The last place `needle` stands as whole words in `hay` (`he` not in `the`).
fn rfind_word(hay: &str, needle: &str) -> Option<usize> {
    let mut end = hay.len();
    while let Some(p) = hay[..end].rfind(needle) {
        let before = hay[..p].chars().next_back();
        let after = hay[p + needle.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(p);
        }
        end = p + needle.len() - needle.chars().next_back().map_or(1, char::len_utf8);
    }
    None
}

/// An attribution of the speaker `a` for another statement.
fn with_statement(mut a: Attribution, cue: &str, statement: &str) -> Option<Attribution> {
    let statement = clean(statement.trim_matches(['"', '“', '”']));
    if statement.split_whitespace().count() < 2 {
        return None;
    }
    a.cue = cue.into();
    a.statement = statement;
    Some(a)
}

/// A cue with no subject of its own (`…, but added …`, `Smith took office and said …`,
/// `Lin, who admitted …`, `… but when asked about it replied …`) takes the subject of
/// the clause it is joined to: the speaker found last in the sentence, else the
/// antecedent of `who`, else the sentence's subject. Gives where its clause starts.
fn borrowed_subject(
    sentence: &str,
    floor: usize,
    ws_: usize,
    found: &[Found],
) -> Option<(usize, Attribution)> {
    let head = &sentence[floor..ws_];
    // Auxiliaries and adverbs before the cue (`but has also`) are no subject.
    let mut rest = head.trim_end();
    while let Some((before, last)) = rest.rsplit_once(' ') {
        let l = last.to_lowercase();
        if EN_SUBJECT_TAILS.contains(&l.as_str()) || (l.len() > 3 && l.ends_with("ly")) {
            rest = before.trim_end();
        } else {
            break;
        }
    }
    let lower = rest.to_lowercase();
    // `… but when asked whether he would stay replied`: the clause before `when asked`.
    let asked = [" when asked ", ", asked ", " when pressed ", " if asked "]
        .iter()
        .filter_map(|m| lower.rfind(m))
        .max();
    let (joint, upto) = if let Some(p) = asked {
        (p, p)
    } else if let Some(p) = lower.rfind(", who").filter(|&p| {
        let tail = &lower[p + ", who".len()..];
        tail.trim().is_empty()
    }) {
        // `Lin, who admitted …`: the antecedent.
        let speaker = antecedent(&rest[..p])?;
        let a = make_en(&speaker, "said", "x y")?;
        let clause = floor + rfind_word(&rest[..p], &speaker).unwrap_or(0);
        return Some((clause, a));
    } else {
        let stripped = lower.trim_end();
        // A bare comma (`…, admitted …`) joins only to a speaker already found: without
        // one it is more often an appositive (`in the case of X, a company, claimed`).
        let joints: &[&str] = if found.is_empty() {
            &[" and", " but"]
        } else {
            &[" and", " but", ","]
        };
        let ended = joints
            .iter()
            .find(|j| stripped.ends_with(*j))
            .map(|j| stripped.len() - j.len())?;
        let ended = stripped[..ended]
            .rfind(',')
            .filter(|&c| stripped[c + 1..ended].trim().is_empty())
            .unwrap_or(ended);
        (ended, ended)
    };
    let clause = floor + joint;
    if let Some(last) = found.last().filter(|f| f.clause >= floor) {
        return Some((clause, last.a.clone()));
    }
    let (_, subject) = main_subject(&rest[..upto])?;
    let a = make_en(&subject, "said", "x y")?;
    Some((clause, a))
}

/// The name or description just before `, who` (`the views of comedian Chris Rock` →
/// `comedian Chris Rock`): capitalised words, role nouns and the words joining them.
fn antecedent(before: &str) -> Option<String> {
    let ws: Vec<&str> = before.split_whitespace().collect();
    let mut k = ws.len();
    while k > 0 {
        let w = ws[k - 1];
        let l = w.to_lowercase();
        let fits = w.starts_with(char::is_uppercase)
            || EN_ROLES.contains(&l.as_str())
            || l.ends_with("'s")
            || l.ends_with("’s")
            || l.ends_with("-year-old")
            || (matches!(l.as_str(), "the" | "of") && k < ws.len());
        if !fits || k + 8 <= ws.len() {
            break;
        }
        k -= 1;
    }
    // No dangling `the`/`of` at the front.
    while k < ws.len() && matches!(ws[k], "of") {
        k += 1;
    }
    (k < ws.len()).then(|| ws[k..].join(" "))
}

/// The subject of a sentence (`Souness dropped Bellamy …` → `Souness`, `After the vote,
/// the chancellor defended …` → `the chancellor`): the words before its verb, after
/// any opening phrase set off by a comma. Its offset and text; none when it does not
/// end in a name, a role or a pronoun.
fn main_subject(clause: &str) -> Option<(usize, String)> {
    let ws = words(clause);
    let mut k = 0;
    // Leads (`But`, `However,`) and opening phrases (`After the vote,`, `Speaking on
    // Monday,`).
    loop {
        let (s, e) = *ws.get(k)?;
        let w = clause[s..e].to_lowercase();
        if EN_LEADS.contains(&w.as_str()) || is_adverb(&w) {
            k += 1;
            continue;
        }
        // `Shivering in a dress,`, `Speaking to reporters,` (not `Sterling dropped`).
        let next = ws.get(k + 1).map(|&(s, e)| clause[s..e].to_lowercase());
        let participle = w.ends_with("ing")
            && next.is_some_and(|n| {
                matches!(
                    n.as_str(),
                    "in" | "on"
                        | "at"
                        | "to"
                        | "about"
                        | "after"
                        | "before"
                        | "from"
                        | "with"
                        | "for"
                        | "the"
                        | "a"
                        | "an"
                        | "his"
                        | "her"
                        | "their"
                        | "during"
                        | "outside"
                )
            });
        let opening = participle
            || matches!(
                w.as_str(),
                "in" | "on"
                    | "at"
                    | "after"
                    | "before"
                    | "during"
                    | "with"
                    | "for"
                    | "from"
                    | "despite"
                    | "following"
                    | "asked"
                    | "when"
                    | "while"
                    | "as"
                    | "since"
                    | "although"
                    | "though"
                    | "if"
                    | "by"
                    | "under"
                    | "amid"
                    | "over"
            );
        if !opening {
            break;
        }
        let comma = s + clause[s..].find(',')?;
        k = ws.iter().position(|&(ws_, _)| ws_ > comma)?;
    }
    let start = ws[k].0;
    let mut end = start;
    for (j, &(s, e)) in ws.iter().enumerate().skip(k) {
        if j > k && clause[ws[j - 1].1..s].contains([',', '"', '“', '(', ';', ':']) {
            break;
        }
        let w = &clause[s..e];
        let l = w.to_lowercase();
        let role = EN_ROLES.contains(&l.as_str());
        let verb = l == w
            && !role
            && (matches!(
                l.as_str(),
                "has"
                    | "had"
                    | "have"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
                    | "did"
                    | "does"
                    | "do"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "may"
                    | "might"
                    | "must"
                    | "should"
                    | "who"
                    | "which"
                    | "that"
                    | "also"
                    | "then"
            ) || l.ends_with("ed")
                || (l.len() > 3 && l.ends_with("ly"))
                || EN_CUES.contains(&l.as_str()));
        if verb {
            break;
        }
        end = e;
        if j - k >= 8 {
            return None;
        }
    }
    let subject = clause[start..end].trim();
    let last = subject.split_whitespace().last()?;
    let l = last.to_lowercase();
    let fits = last.starts_with(char::is_uppercase) && !matches!(last, "The" | "A" | "An")
        || EN_ROLES.contains(&l.as_str())
        || EN_UNNAMED.contains(&l.as_str())
        || l.ends_with("-year-old")
        || EN_PRONOUNS.contains(&l.as_str());
    fits.then(|| (start, subject.to_string()))
}

/// Participle cues (`saying`, `adding`, `pointing out`) and the finite cue each reads
/// its statement as (`said`, `added`, `pointed out`).
static EN_PARTICIPLES: LazyLock<Vec<(&str, &str)>> = LazyLock::new(|| {
    word_list(include_str!("data/en-participles.txt"))
        .into_iter()
        .filter_map(|l| l.split_once('='))
        .map(|(p, f)| (p.trim(), f.trim()))
        .collect()
});

/// The finite cue of a participle cue.
fn participle(cue: &str) -> Option<&'static str> {
    EN_PARTICIPLES
        .iter()
        .find(|(p, _)| *p == cue)
        .map(|&(_, f)| f)
}

/// A participle cue after a comma or a preposition (`X attacked the plan, saying …`,
/// `… by claiming …`, `Rock, who … for saying …`): its subject is its clause's (the
/// speaker found last in the sentence, the antecedent of `who`, the sentence subject).
fn participle_at(
    sentence: &str,
    ws: &[(usize, usize)],
    spans: &[(usize, usize)],
    (i, n): (usize, usize),
    (cue, finite): (&str, &str),
    found: &[Found],
) -> Option<Found> {
    let ws_ = ws[i].0;
    let we = ws[i + n - 1].1;
    if i == 0 || spans.iter().any(|&(qs, qe)| ws_ >= qs && we <= qe) {
        return None;
    }
    let (ps, pe) = ws[i - 1];
    let gap = &sentence[pe..ws_];
    let previous = sentence[ps..pe].to_lowercase();
    let clause = if gap.contains([',', '—', '–']) || gap.contains(" - ") {
        pe
    } else if matches!(
        previous.as_str(),
        "by" | "after" | "for" | "while" | "when" | "before" | "in"
    ) {
        ps
    } else {
        return None;
    };
    let after_quote = spans.iter().find(|(qs, _)| *qs >= we).copied();
    let statement = statement_after(sentence, after_quote, we, finite)?;
    let after = Some((
        offset_in(sentence, statement),
        offset_in(sentence, statement) + statement.len(),
    ));
    let (floor, _) = floor_and_quote(sentence, spans, ws_);
    let head = &sentence[floor.min(clause)..clause];
    let speaker = if let Some(p) = head
        .rfind(", who ")
        .filter(|&p| !head[p + 2..].contains(','))
    {
        make_en(&antecedent(&head[..p])?, finite, "x y")?
    } else if let Some(last) = found.last().filter(|f| f.clause >= floor) {
        last.a.clone()
    } else {
        let (_, subject) = main_subject(head)?;
        make_en(&subject, finite, "x y")?
    };
    let a = with_statement(speaker, cue, statement)?;
    Some(Found { a, clause, after })
}

/// `a sapphire described by Sharon as "one of …"`: the source after `by`, the statement
/// after `as`.
fn described_by(sentence: &str, lower: &str) -> Option<Found> {
    let p = lower.find("described by ")?;
    let from = p + "described by ".len();
    let as_ = from + lower[from..].find(" as ")?;
    let source = &sentence[from..as_];
    if source.split_whitespace().count() > 5 || source.contains([',', '"', '“']) {
        return None;
    }
    let statement = &sentence[as_ + " as ".len()..];
    let a = make_en(source, "described", statement)?;
    Some(Found {
        a,
        clause: p,
        after: Some((as_ + 4, sentence.len())),
    })
}

/// The subject text before a cue without a parenthetical between commas that opens
/// with `who`/`which` (`Staunton, who wore a green dress, told` → `Staunton, told`…
/// as `Staunton`) or between dashes (`Norman Cook - aka Fatboy Slim - has said`).
fn without_parentheticals(head: &str) -> (String, Option<usize>) {
    let mut h = head.to_string();
    let mut end = None;
    // `Parry, speaking exclusively to BBC Sport, also`: a participle phrase between
    // commas is no part of the subject.
    if let Some(a) = h.match_indices(", ").map(|(i, _)| i).find(|&i| {
        h[i + 2..]
            .split_whitespace()
            .next()
            .is_some_and(|w| w.len() > 4 && w.ends_with("ing"))
    }) && let Some(b) = h[a + 2..].find(", ").map(|b| a + 2 + b)
    {
        h = format!("{}{}", &h[..a], &h[b + 1..]);
    }
    let t = h.trim_end();
    if t.ends_with(',')
        && let Some(p) = [", who ", ", which "]
            .iter()
            .filter_map(|m| t[..t.len() - 1].rfind(m))
            .max()
    {
        end = Some(t.len() - 1);
        h = format!("{} ", &t[..p]);
    }
    for dash in [" - ", " – ", " — "] {
        let t = h.trim_end();
        if let Some(b) = t.rfind(dash)
            && (t.ends_with(dash.trim_end()) || t[b + dash.len()..].split_whitespace().count() <= 2)
            && let Some(a) = t[..b].rfind(dash)
        {
            h = format!("{}{}", &t[..a], &t[b + dash.len() - 1..]);
            break;
        }
    }
    (h, end)
}

/// English cue verbs and phrases (`said`, `pointed out`, `was quoted as saying`).
static EN_CUES: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("data/en-cues.txt")));

/// Adjectives of a stance (`satisfied`, `confident`): `X is satisfied that …`.
static EN_STANCES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let verbs = [
        "is", "was", "are", "were", "remains", "remained", "has been", "had been",
    ];
    word_list(include_str!("data/en-stances.txt"))
        .into_iter()
        .flat_map(|adjective| verbs.iter().map(move |v| format!("{v} {adjective}")))
        .collect()
});

/// Every cue a sentence is searched for: the verbs and phrases, the stances, the
/// participles.
static EN_ALL_CUES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    EN_CUES
        .iter()
        .copied()
        .chain(EN_STANCES.iter().map(String::as_str))
        .chain(EN_PARTICIPLES.iter().map(|&(p, _)| p))
        .collect()
});

/// Is this cue read only with `that` after it (`posted`, `was satisfied`)?
fn needs_that(cue: &str) -> bool {
    EN_THAT_CUES.contains(&cue) || EN_STANCES.iter().any(|s| s == cue)
}

/// Verbs of thinking: a statement only when a clause follows.
static EN_CLAUSE_CUES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-clause-cues.txt")));

/// Words that may open the clause after a verb of thinking.
static EN_CLAUSE_STARTS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-clause-starts.txt")));

/// Cues with a listener before the statement (`told the BBC that …`).
static EN_TELL_CUES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-tell-cues.txt")));

/// Words opening a clause before its subject (`But`, `And`, `Now`).
static EN_LEADS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-leads.txt")));

/// Auxiliaries and adverbs between a subject and its cue (`has`, `also`, `later`).
static EN_SUBJECT_TAILS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-subject-tails.txt")));

/// Words opening a subordinate clause (`if`, `when`, `even`).
static EN_SUBORDINATORS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-subordinators.txt")));

/// First and second person subjects, inside quotations.
static EN_FIRST_PERSON: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-first-person.txt")));

/// Is the (lower-case) word the head noun of a description naming a source?
pub(super) fn is_role(word: &str) -> bool {
    EN_ROLES.contains(&word)
}

/// Head nouns of a description naming a source (`the singer`, `the club`).
static EN_ROLES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-roles.txt")));

/// Every cue by its first word, with its words (a look-up per word of a sentence, not
/// a pass over every cue).
type CuesByFirst = HashMap<&'static str, Vec<(&'static str, Vec<&'static str>)>>;
static EN_CUES_BY_FIRST: LazyLock<CuesByFirst> = LazyLock::new(|| {
    let mut by_first: CuesByFirst = HashMap::new();
    for cue in EN_ALL_CUES.iter() {
        let words: Vec<&str> = cue.split_whitespace().collect();
        if let Some(first) = words.first() {
            by_first.entry(first).or_default().push((cue, words));
        }
    }
    by_first
});

/// The longest cue starting at word `i`: the entry and how many words it spans.
fn cue_at(lower: &str, ws: &[(usize, usize)], i: usize) -> Option<(&'static str, usize)> {
    let &(s, e) = ws.get(i)?;
    EN_CUES_BY_FIRST
        .get(lower[s..e].trim_end_matches('.'))?
        .iter()
        .filter_map(|(cue, words)| {
            let here = ws.get(i..i + words.len())?;
            let same = words
                .iter()
                .zip(here)
                .all(|(c, &(s, e))| lower[s..e].trim_end_matches('.') == *c);
            same.then_some((*cue, words.len()))
        })
        .max_by_key(|&(_, n)| n)
}

/// Does quoted text end the way reported speech does (`,` `.` `!` `?` `…` inside the
/// marks)? A quoted title (`"A Machine to End War",`) or a scare quote does not.
fn spoken(quoted: &str) -> bool {
    quoted
        .trim_end()
        .trim_end_matches(['\'', '’'])
        .ends_with([',', '.', '!', '?', '…', '，', '。', '！', '？'])
}

/// `"…," said Lei` / `"…," Lei said` / `"…," said Lei, adding: "…"`: the quotation
/// before the cue (`q`), its source just around the cue (`c`).
fn quotation_before(
    sentence: &str,
    q: (usize, usize),
    c: (usize, usize),
    cue: &str,
) -> Option<Attribution> {
    let (qs, qe) = q;
    let (cs, ce) = c;
    let between = &sentence[qe..cs];
    if !spoken(&sentence[qs..qe]) || between.split_whitespace().count() > 6 {
        return None;
    }
    let (speaker, role) = if between
        .trim_matches(|c: char| !c.is_alphanumeric())
        .is_empty()
    {
        // "…," said Lei Jun, chief executive.
        trailing_source(&sentence[ce..])
    } else {
        let subject = clean(between.trim_start_matches(['"', '”', ',', ' ']));
        (trim_subject(&subject)?, None)
    };
    let mut statement = sentence[qs..qe].to_string();
    // `, adding: "…"`: the second quotation is the same speaker's.
    if let Some(p) = sentence[ce..].find("adding") {
        let after = ce + p + "adding".len();
        if let Some((s2, e2)) = quoted_span(&sentence[after..]) {
            statement = format!(
                "{} {}",
                statement.trim_end(),
                &sentence[after + s2..after + e2]
            );
        }
    }
    let mut a = make_en(&speaker, cue, &statement)?;
    a.role = role.or(a.role);
    Some(a)
}

/// `Deliveries will double, Lei said.` / `…, said Zhong Shi, an analyst.` / `The show
/// was "a disaster", Ms Kite said.`: the statement before, set off by a comma, and
/// nothing after the source.
fn statement_before(
    sentence: &str,
    floor: usize,
    spans: &[(usize, usize)],
    c: (usize, usize),
    cue: &str,
) -> Option<Attribution> {
    let (cs, ce) = c;
    let before = sentence[..cs].trim_end();
    let comma = floor + before[floor..].rfind(',')?;
    // A quotation in the statement must close before the comma, and none follow.
    if spans.iter().any(|&(_, qe)| qe > comma) {
        return None;
    }
    let head = &before[comma + 1..];
    let (speaker, role) = if head.trim().is_empty() {
        trailing_source(&sentence[ce..])
    } else if sentence[ce..]
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .is_empty()
    {
        (trim_subject(&clean(head))?, None)
    } else {
        return None;
    };
    if speaker.is_empty() {
        return None;
    }
    let mut a = make_en(&speaker, cue, &sentence[floor..comma])?;
    a.role = role.or(a.role);
    Some(a)
}

/// The subject of a cue from the text before it, and its role when an appositive set
/// off by commas stands between them (`Mary Jones, a professor at Stanford, said`).
/// Leading conjunctions and introductory phrases (`But`, `After the match,`) and
/// trailing auxiliaries and adverbs (`has`, `also`, `later`) are no part of it.
fn subject_before(before: &str, cue: &str) -> Option<(String, Option<String>)> {
    let start = before.rfind([';', ':']).map_or(0, |p| p + 1);
    let mut clause = &before[start..];
    // `speculation that Santini had felt`, `…, but Smith said`: the clause's own subject.
    for joint in [
        " that ",
        " but ",
        " while ",
        " whereas ",
        " because ",
        " although ",
        " though ",
        " when ",
        " if ",
        " as ",
    ] {
        if let Some(p) = clause.rfind(joint) {
            clause = &clause[p + joint.len()..];
        }
    }
    // `Milan won the final at Old Trafford and Ancelotti said`: a long first part
    // (five words or more, with a word no name or role has) is a clause of its own,
    // not half of the subject (`Smith and Jones said`, `United chief executive David
    // Gill and …`).
    if let Some(p) = clause.rfind(" and ")
        && clause[..p].split_whitespace().count() >= 5
        && clause[..p].split_whitespace().any(|w| {
            w.starts_with(char::is_lowercase)
                && !EN_ROLES.contains(&w)
                && !matches!(w, "the" | "a" | "an" | "of" | "for" | "and")
                && !w.contains('-')
                && !w.ends_with(['\'', '’', 's'])
        })
    {
        clause = &clause[p + " and ".len()..];
    }
    // `Lin said the minister`: a subject starts after any cue before it.
    if let Some(p) = words(clause)
        .iter()
        .rev()
        .find(|&&(s, e)| EN_CUES.contains(&clause[s..e].to_lowercase().as_str()))
        .map(|&(_, e)| e)
    {
        clause = &clause[p..];
    }
    let mut parts: Vec<&str> = clause.split(',').map(str::trim).collect();
    let appositive = parts.last().is_some_and(|p| p.is_empty());
    if appositive {
        parts.pop();
    }
    // `He, however, said` / `However, Smith said`: sentence adverbs are no one.
    parts.retain(|p| !is_adverb(p));
    let (name, role) = match parts.as_slice() {
        // `The trust's director, Paul Rees, said`: the appositive is the name.
        [.., role, name] if appositive && is_name(name) && !is_name(role) => {
            (*name, appositive_role(role))
        }
        [.., name, role] if appositive => (*name, appositive_role(role)),
        [.., name] => (*name, None),
        [] => return None,
    };
    let mut name = without_leads(name);
    // `Smith did not believe anyone had …`: a belief all the same (`did not say` is no
    // statement).
    if EN_CLAUSE_CUES.contains(&cue) {
        for negation in [
            " did not",
            " does not",
            " do not",
            " didn't",
            " doesn't",
            " don't",
        ] {
            name = name.strip_suffix(negation).unwrap_or(name);
        }
    }
    Some((trim_subject(name)?, role))
}

/// A subject without the conjunctions and adverbs opening its clause (`But he`, `And
/// Mr Smith`, `Now she`).
fn without_leads(mut name: &str) -> &str {
    while let Some((first, rest)) = name.split_once(' ')
        && (EN_LEADS.contains(&first.to_lowercase().as_str()) || is_adverb(first))
    {
        name = rest.trim_start();
    }
    name
}

/// Is this a name (every word capitalised: `Paul Rees`, `Mr O'Neill`)?
fn is_name(s: &str) -> bool {
    s.split_whitespace()
        .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && !s.is_empty()
}

/// Is this a sentence adverb (`However`, `meanwhile`), no one?
fn is_adverb(w: &str) -> bool {
    EN_SENTENCE_ADVERBS.contains(&w.trim().to_lowercase().as_str())
}

/// A subject without the auxiliaries and adverbs before its cue (`Smith has also` →
/// `Smith`); none when it is negated or modal (`Smith did not`, `Smith would`) or
/// nothing is left.
fn trim_subject(subject: &str) -> Option<String> {
    let mut ws: Vec<&str> = without_leads(subject).split_whitespace().collect();
    while let Some(w) = ws.last() {
        let lower = w.to_lowercase();
        let adverb = w.len() > 3 && lower == *w && w.ends_with("ly");
        if ws.len() > 1 && (EN_SUBJECT_TAILS.contains(&lower.as_str()) || adverb) {
            ws.pop();
        } else {
            break;
        }
    }
    let last = ws.last()?.to_lowercase();
    // `If they say …`: a cue in a subordinate clause; `I think`: a quotation's words.
    let first = ws[0].to_lowercase();
    // `in the case of X`: a phrase, no subject.
    let preposition = matches!(
        ws[0],
        "in" | "of" | "on" | "at" | "for" | "from" | "with" | "by" | "to" | "during" | "under"
    );
    if EN_SUBORDINATORS.contains(&first.as_str())
        || EN_FIRST_PERSON.contains(&last.as_str())
        || !last.ends_with(|c: char| c.is_alphanumeric())
    {
        return None;
    }
    // `At first he`, `On Monday she`: a phrase before a pronoun subject.
    if EN_PRONOUNS.contains(&last.as_str()) {
        return ws.last().map(|w| w.to_string());
    }
    if preposition {
        return None;
    }
    let refused = matches!(
        last.as_str(),
        "not"
            | "never"
            | "n't"
            | "would"
            | "could"
            | "should"
            | "will"
            | "may"
            | "might"
            | "must"
            | "can"
            | "to"
            | "who"
            | "which"
    ) || last.ends_with("n't");
    if refused || (ws.len() == 1 && is_adverb(ws[0])) {
        return None;
    }
    Some(ws.join(" "))
}

/// An appositive that gives a role (`a professor of energy economics at Stanford`,
/// `the club's chairman`), not a participle phrase (`speaking at a forum`).
fn appositive_role(a: &str) -> Option<String> {
    let noun = ["a ", "an ", "the ", "A ", "An ", "The "]
        .iter()
        .find_map(|article| a.strip_prefix(article))
        .unwrap_or(a);
    let first = noun.split_whitespace().next()?;
    let plain = !first.ends_with("ing")
        && !first.ends_with("ed")
        && noun.split_whitespace().count() <= 12
        && !noun.contains([';', '"', '“', '”'])
        && !noun
            .split_whitespace()
            .any(|w| matches!(w, "who" | "whose" | "which" | "that"));
    plain.then(|| noun.to_string())
}

/// The statement after a cue ending at `ce`: the quotation right after it, or the
/// clause (after `that`, after the listener of `told`).
fn statement_after<'a>(
    sentence: &'a str,
    quote: Option<(usize, usize)>,
    ce: usize,
    cue: &str,
) -> Option<&'a str> {
    let mut from = ce;
    if EN_TELL_CUES.contains(&cue) {
        from += skip_listener(&sentence[ce..]);
    }
    let rest = &sentence[from..];
    // `was "satisfied" that …`: the mark closing a quoted cue word.
    let rest = match rest.strip_prefix(['"', '”']) {
        Some(r) if r.starts_with(' ') => {
            from += rest.len() - r.len();
            r
        }
        _ => rest,
    };
    let trimmed = rest.trim_start_matches([',', ':', ' ']);
    // `tell the story of …`: no listener, no statement.
    if EN_TELL_CUES.contains(&cue)
        && trimmed
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(w, "of" | "about" | "for" | "on" | "in" | "at" | "with"))
    {
        return None;
    }
    // `said: "…"`: the quotation itself, when nothing but a word or two comes first;
    // a quotation further on is part of the clause (`said the show was "a disaster"`).
    // A quoted phrase the clause goes on from (`claiming "sensitive information" had
    // leaked`) is part of the clause.
    if let Some((qs, qe)) = quote.filter(|(qs, _)| *qs >= from)
        && sentence[from..qs].split_whitespace().count() <= 1
        && (sentence[from..qs].contains(':')
            || spoken(&sentence[qs..qe])
            || sentence[qe..].split_whitespace().count() <= 2)
    {
        return Some(&sentence[qs..qe]);
    }
    let with_that = trimmed.starts_with("that ");
    let rest = trimmed.strip_prefix("that ").unwrap_or(trimmed);
    // `said on an earnings call that …`: the statement starts after `that`.
    let (rest, with_that) = match rest.find(" that ") {
        Some(p)
            if rest[..p].split_whitespace().count() <= 6
                && !rest[..p].contains([',', ';', ':', '"', '“']) =>
        {
            (&rest[p + " that ".len()..], true)
        }
        _ => (rest, with_that),
    };
    // `denied his books were …`: a clause without `that` will do for a denial or a
    // stance, not for a post (`posted a loss`).
    if needs_that(cue)
        && !with_that
        && (matches!(cue, "posted" | "tweeted") || !has_early_verb(rest))
    {
        return None;
    }
    // `expressed concern that …`, `voiced her anger at …`: the statement after the
    // noun.
    let rest = if matches!(cue, "expressed" | "expresses" | "voiced") && !with_that {
        let ws = words(rest);
        let p = ws
            .iter()
            .take(5)
            .find(|&&(s, e)| matches!(&rest[s..e], "that" | "at" | "over" | "about"))?;
        &rest[p.1..]
    } else {
        rest
    };
    if EN_CLAUSE_CUES.contains(&cue) && !with_that && !opens_clause(rest) {
        return None;
    }
    // `Addison added 6½ sacks`: a count, not speech (`said 2025 will be…` is);
    // `he said nothing`: none.
    if cue == "added" && rest.starts_with(|c: char| c.is_ascii_digit())
        || rest.starts_with("nothing")
    {
        return None;
    }
    Some(rest)
}

/// Can this text open a reported clause (`the plan will fail`, `he was right`,
/// `Smith was`), not `to win`, `undermined by`, `about it`?
fn opens_clause(rest: &str) -> bool {
    let Some(first) = rest.split_whitespace().next() else {
        return false;
    };
    let first = first.trim_matches(|c: char| !c.is_alphanumeric());
    first.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        || EN_CLAUSE_STARTS.contains(&first.to_lowercase().as_str())
        || has_early_verb(rest)
}

/// Does a finite verb come within the first four words, after a subject with no
/// preposition or conjunction in it (`doping is so common`, `interest rates will
/// rise`), not `to win`, `the charges and was released`?
fn has_early_verb(rest: &str) -> bool {
    let ws: Vec<String> = rest
        .split_whitespace()
        .take(4)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    for (k, w) in ws.iter().enumerate() {
        if k > 0
            && matches!(
                w.as_str(),
                "is" | "are"
                    | "was"
                    | "were"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "should"
                    | "may"
                    | "might"
                    | "must"
            )
        {
            return true;
        }
        if matches!(
            w.as_str(),
            "to" | "and"
                | "or"
                | "of"
                | "in"
                | "on"
                | "at"
                | "by"
                | "for"
                | "with"
                | "from"
                | "about"
        ) || w.is_empty()
        {
            return false;
        }
    }
    false
}

/// How many bytes the listener of `told` takes (`the BBC`, `BBC Radio Five Live`,
/// `reporters`, `the court in Santa Maria`): up to `that`, a comma, a colon or a
/// quotation, or the word opening the clause (a subject pronoun, or a determiner not
/// after a preposition: `told reporters the show was …`).
fn skip_listener(rest: &str) -> usize {
    let ws = words(rest);
    for (k, &(s, e)) in ws.iter().enumerate().take(14) {
        let w = &rest[s..e];
        let previous_end = if k == 0 { 0 } else { ws[k - 1].1 };
        if rest[previous_end..s].contains([',', ':', '"', '“']) {
            return previous_end;
        }
        if k == 0 {
            continue;
        }
        let previous = &rest[ws[k - 1].0..previous_end];
        let after_preposition = matches!(
            previous,
            "of" | "in" | "at" | "on" | "for" | "from" | "with" | "to" | "by"
        );
        let lower = w.to_lowercase();
        if w == "that"
            || EN_PRONOUNS.contains(&w)
            || !after_preposition && EN_CLAUSE_STARTS.contains(&lower.as_str())
        {
            return s;
        }
    }
    ws.first().map_or(0, |w| w.1)
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
    // `It is certain that …`: no one's stance.
    if lower == "it" && EN_STANCES.iter().any(|s| s == cue) {
        return None;
    }
    if EN_PRONOUNS.contains(&lower.as_str()) {
        return Some(Attribution {
            speaker,
            role: None,
            cue: cue.into(),
            statement,
            unnamed: false,
            pronoun: true,
            elided: None,
        });
    }
    // `The Football Association` → `Football Association`; a description keeps its
    // article (`the company`).
    let speaker = match speaker
        .strip_prefix("The ")
        .or_else(|| speaker.strip_prefix("the "))
    {
        Some(rest)
            if rest
                .split_whitespace()
                .any(|w| w.starts_with(char::is_uppercase)) =>
        {
            rest.to_string()
        }
        Some(rest) => format!("the {rest}"),
        None => speaker,
    };
    let unnamed = is_unnamed_en(&split_role_en(&speaker).1);
    let named = speaker
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        || described(&speaker);
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
        elided: None,
    })
}

/// A source named by a description (`the singer`, `the 27-year-old`, `the club`): its
/// last word is a role noun.
fn described(speaker: &str) -> bool {
    speaker.split_whitespace().last().is_some_and(|w| {
        let w = w.to_lowercase();
        EN_ROLES.contains(&w.as_str()) || w.ends_with("-year-old") || w.starts_with("ex-")
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
        trim_subject(&ws[..k].join(" "))?
    };
    let mut a = make_en(&speaker, ws[k], "x y")?;
    a.statement = String::new();
    Some(a)
}

#[cfg(test)]
mod tests {
    use crate::claims::attribution::{attribute, attributions};

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
        // A description names a source: `the company`, `the singer`.
        let a = attribute("Xiaomi's margin rose, the company said.").unwrap();
        assert_eq!(a.speaker, "the company");
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

    /// (sentence, speaker, role, words the statement holds) for each shape.
    fn assert_shapes(cases: &[(&str, &str, Option<&str>, &str)]) {
        for &(sentence, speaker, role, key) in cases {
            let a = attribute(sentence).unwrap_or_else(|| panic!("none: {sentence}"));
            assert_eq!(
                (a.speaker.as_str(), a.role.as_deref()),
                (speaker, role),
                "{sentence}"
            );
            assert!(a.statement.contains(key), "{sentence}: {:?}", a.statement);
        }
    }

    #[test]
    fn english_cue_forms_and_auxiliaries() {
        assert_shapes(&[
            (
                "The council has admitted that the bridge was never inspected.",
                "the council",
                None,
                "the bridge was never inspected",
            ),
            (
                "Jane Porter had told the inquiry the files were lost.",
                "Jane Porter",
                None,
                "the files were lost",
            ),
            (
                "Union leader Sam Clark insists the strike will go ahead.",
                "Sam Clark",
                Some("Union leader"),
                "the strike will go ahead",
            ),
            (
                "Mr Okafor also denied reports that he had resigned.",
                "Mr Okafor",
                None,
                "he had resigned",
            ),
            (
                "Ms Reyes pointed out that prices had fallen for a year.",
                "Ms Reyes",
                None,
                "prices had fallen",
            ),
            (
                "The minister is adamant that taxes will not rise.",
                "the minister",
                None,
                "taxes will not rise",
            ),
            (
                "Tom Avery reckons the market has peaked.",
                "Tom Avery",
                None,
                "the market has peaked",
            ),
            (
                "Ruth Kemp accused the board of ignoring the warnings.",
                "Ruth Kemp",
                None,
                "the board of ignoring",
            ),
            (
                "\"We will appeal,\" the chairman was quoted as saying.",
                "the chairman",
                None,
                "We will appeal",
            ),
            (
                "Dr Lee did not believe the results could be repeated.",
                "Dr Lee",
                None,
                "the results could be repeated",
            ),
        ]);
        // A verb of thinking without a clause, a denial without `that`: no statements.
        for s in [
            "Ms Reyes hopes to win the seat next year.",
            "The manager felt undermined by the board.",
            "Mr Hall denies three charges of fraud.",
            "Mr Hall did not say when the talks would resume.",
            "The three novels tell the story of a girl in Oxford.",
        ] {
            assert!(attribute(s).is_none(), "{s}: {:?}", attribute(s));
        }
    }

    #[test]
    fn english_subjects_without_leads_or_adverbs() {
        assert_shapes(&[
            (
                "But Mr Dunn added that the deal was not yet signed.",
                "Mr Dunn",
                None,
                "the deal was not yet signed",
            ),
            (
                "However, Anna Berg, the head of the regulator, said the rules would change.",
                "Anna Berg",
                Some("head of the regulator"),
                "the rules would change",
            ),
            (
                "After the vote, the prime minister said the result was clear.",
                "the prime minister",
                None,
                "the result was clear",
            ),
            (
                "Shipping firm boss Carl Moss later said the ports were full.",
                "Carl Moss",
                Some("Shipping firm boss"),
                "the ports were full",
            ),
            (
                "The 34-year-old said he was ready to return.",
                "the 34-year-old",
                None,
                "he was ready",
            ),
        ]);
        let a = attribute("And at first she said the figures were wrong.").unwrap();
        assert!(a.pronoun);
        assert_eq!(a.speaker, "she");
        for s in [
            // An adverb, a subordinate clause, a first-person subject: no source.
            "Recently announced changes include a new voting system.",
            "If they say no, the bill will fail.",
            "So I think the bill will fail.",
        ] {
            assert!(attribute(s).is_none(), "{s}: {:?}", attribute(s));
        }
        // The main clause, not the one opened by `even before`.
        let a = attribute(
            "Even before the club said he would stay, Jones insisted he had no plans to leave.",
        )
        .unwrap();
        assert_eq!(a.speaker, "Jones");
    }

    #[test]
    fn english_listeners_and_quotations() {
        assert_shapes(&[
            (
                "Ms Kaur told BBC Radio Four's Today programme that the plan was flawed.",
                "Ms Kaur",
                None,
                "the plan was flawed",
            ),
            (
                "Tariq Shah told the hearing in central London he had been misled.",
                "Tariq Shah",
                None,
                "he had been misled",
            ),
            (
                "The actor told reporters the premiere was \"loud and chaotic\".",
                "the actor",
                None,
                "the premiere was",
            ),
            (
                "The trust's director, Paul Rees, told the BBC: \"We are running out of money.\"",
                "Paul Rees",
                Some("trust's director"),
                "We are running out of money",
            ),
            (
                "The new stadium was \"a huge mistake\", Mr Vance said.",
                "Mr Vance",
                None,
                "The new stadium was",
            ),
            (
                "\"It is over,\" said Mr Lamb, adding: \"We tried our best.\"",
                "Mr Lamb",
                None,
                "We tried our best",
            ),
        ]);
        // A scare quote after a clause is part of that clause.
        let a = attribute(
            "A lawyer has told the court that the film was an \"absolute disaster\" for the firm.",
        )
        .unwrap();
        assert!(a.statement.starts_with("the film was"), "{a:?}");
    }

    #[test]
    fn english_narration_after_a_closed_quotation() {
        // Two sentences the splitter left together: the cue's clause starts after the
        // quotation that closed with a full stop, and that quotation is not its statement.
        let a = attribute(
            "\"We lost. \"They were the better side.\" Smith admitted the team had been poor.",
        )
        .unwrap();
        assert_eq!(a.speaker, "Smith");
        assert_eq!(a.statement, "the team had been poor");
        // A cue inside a quotation reopened with one mark is part of it.
        assert!(attribute("\"It is late. \"I think we should stop,\" he").is_none());
    }

    /// (speaker, cue, words the statement holds) of every attribution of a sentence.
    fn assert_all(sentence: &str, expected: &[(&str, &str, &str)]) {
        let found = attributions(sentence);
        assert_eq!(found.len(), expected.len(), "{sentence}: {found:?}");
        for (a, &(speaker, cue, key)) in found.iter().zip(expected) {
            assert_eq!(
                (a.speaker.as_str(), a.cue.as_str()),
                (speaker, cue),
                "{sentence}: {found:?}"
            );
            assert!(a.statement.contains(key), "{sentence}: {:?}", a.statement);
        }
    }

    #[test]
    fn english_two_clauses_two_attributions() {
        assert_all(
            "Mr Hale said the tax would raise little, but Ms Grant argued it was overdue.",
            &[
                ("Mr Hale", "said", "the tax would raise little"),
                ("Ms Grant", "argued", "it was overdue"),
            ],
        );
        let a = attribute(
            "Mr Hale said the tax would raise little, but Ms Grant argued it was overdue.",
        )
        .unwrap();
        assert_eq!(a.statement, "the tax would raise little");
        // Subject borrowed from the clause joined to: `but added`, `and said`.
        assert_all(
            "The economist doubted whether rates would fall, but added: \"We may be surprised.\"",
            &[
                ("the economist", "doubted", "rates would fall"),
                ("the economist", "added", "We may be surprised"),
            ],
        );
        assert_all(
            "The regulator fined the bank and said its controls had failed.",
            &[("the regulator", "said", "its controls had failed")],
        );
        // One clause inside another: the inner cue is part of the statement.
        assert_all(
            "Ms Grant said the minister feared that the deal would collapse.",
            &[("Ms Grant", "said", "the deal would collapse")],
        );
    }

    #[test]
    fn english_participles_take_their_clause_subject() {
        assert_all(
            "The chancellor defended the budget, saying it would protect public services.",
            &[(
                "the chancellor",
                "saying",
                "it would protect public services",
            )],
        );
        assert_all(
            "Shadow minister Ann Holt has criticised the deal by claiming it favours big firms.",
            &[("Ann Holt", "claiming", "it favours big firms")],
        );
        assert_all(
            "Mr Dale said profits were down, adding that costs would rise.",
            &[
                ("Mr Dale", "said", "profits were down"),
                ("Mr Dale", "adding", "costs would rise"),
            ],
        );
        assert_all(
            "The plan was backed by senator Joe Marsh, who was criticised for saying the cuts were fair.",
            &[("Joe Marsh", "saying", "the cuts were fair")],
        );
        assert_all(
            "After the vote, the union leader attacked ministers, calling for a public inquiry into the sale.",
            &[("the union leader", "calling for", "a public inquiry")],
        );
        // A participle without a comma or a preposition before it is no cue.
        assert!(attributions("The firm sent a letter saying little about the sale.").is_empty());
    }

    #[test]
    fn english_relative_clauses_stances_and_passives() {
        assert_all(
            "Mr Ross, who admitted the scheme had been costly, said it would continue.",
            &[
                ("Mr Ross", "admitted", "the scheme had been costly"),
                ("Mr Ross", "said", "it would continue"),
            ],
        );
        assert_all(
            "A Treasury spokesman was \"confident\" that the figures were accurate.",
            &[(
                "A Treasury spokesman",
                "was confident",
                "the figures were accurate",
            )],
        );
        assert_all(
            "The report was described by Mr Pike as \"a missed opportunity for reform\".",
            &[("Mr Pike", "described", "a missed opportunity")],
        );
        assert_all(
            "Bank chief executive Ruth Lamb - a former regulator - has said that lending will slow.",
            &[("Ruth Lamb", "said", "lending will slow")],
        );
        assert_all(
            "The minister declined to comment on the leak but when asked about the timing replied: \"We will publish in May.\"",
            &[("the minister", "replied", "We will publish in May")],
        );
        assert_all(
            "Ms Kerr also called for a review of the rules on party funding.",
            &[("Ms Kerr", "called for", "a review of the rules")],
        );
        // A quoted phrase the clause goes on from is part of the statement.
        assert_all(
            "The watchdog stopped the sale after claiming \"confidential data\" had been shared.",
            &[("the watchdog", "claiming", "had been shared")],
        );
        assert!(attributions("It is certain that the vote will be close.").is_empty());
        // Plural nouns that look like cues (`the United States`, `insurance claims`).
        assert!(attributions("The United States imposed sanctions on the firm.").is_empty());
        assert!(attributions("Insurance claims rose sharply in the quarter.").is_empty());
        assert_all(
            "The agency claims that the data was shared.",
            &[("the agency", "claims", "the data was shared")],
        );
    }

    #[test]
    fn english_clauses_without_that_and_noun_cues() {
        assert_all(
            "The governor believes inflation is close to its peak.",
            &[("the governor", "believes", "inflation is close")],
        );
        assert_all(
            "The firm has denied its accounts were misleading.",
            &[("the firm", "denied", "its accounts were misleading")],
        );
        assert_all(
            "Ms Ward expressed concern that smaller lenders would struggle.",
            &[("Ms Ward", "expressed", "smaller lenders would struggle")],
        );
        assert_all(
            "The vote was delayed by a week and the Speaker said: \"We need more time.\"",
            &[("Speaker", "said", "We need more time")],
        );
        assert_all(
            "Prices are \"far too high\" because supply is short, a senior industry figure has said.",
            &[("a senior industry figure", "said", "Prices are")],
        );
        for s in [
            "The MP denied three charges of fraud.",
            "The bank posted a loss as costs were higher.",
            "Ms Ward hopes to win the seat.",
            // Two names joined by `and` are one subject.
            "The bank's chief executive Ann Lee and finance director Tom Hill agreed that the sale would go ahead.",
        ] {
            let found = attributions(s);
            assert!(
                found.iter().all(|a| a.speaker != "Tom Hill"),
                "{s}: {found:?}"
            );
            if !s.contains("agreed") {
                assert!(found.is_empty(), "{s}: {found:?}");
            }
        }
    }

    #[test]
    fn a_participle_phrase_between_commas_is_no_part_of_the_subject() {
        let a = attribute(
            "But Parry, speaking exclusively to BBC Sport, also admits Gerrard will have the final say.",
        )
        .expect("Parry's");
        assert_eq!(a.speaker, "Parry");
        assert!(a.statement.starts_with("Gerrard will"), "{a:?}");
    }
}
