//! English attribution rules: `Lei said …`, `"…," said Lei`, `according to …`.
//! The word lists are the `data/en-*.txt` files beside this one.

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

/// Every attribution of a sentence, in text order.
pub(super) fn attributions(sentence: &str) -> Vec<Attribution> {
    attribute(sentence).into_iter().collect()
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
    let spans = quotation_spans(sentence);
    for i in 0..ws.len() {
        let Some((cue, n)) = cue_at(&lower, &ws, i) else {
            continue;
        };
        let ws_ = ws[i].0;
        let we = ws[i + n - 1].1;
        if spans.iter().any(|&(qs, qe)| ws_ >= qs && we <= qe) {
            continue; // a cue inside the quotation is part of it
        }
        let mut quote = spans.iter().rev().find(|(_, qe)| *qe <= ws_).copied();
        // `"… win." Smith admitted …`: a quotation closing its sentence; the clause of
        // the cue starts after it.
        let floor = match quote {
            Some((qs, qe)) if ends_sentence(sentence, qs, qe) => {
                quote = None;
                sentence[qe..]
                    .char_indices()
                    .nth(1)
                    .map_or(sentence.len(), |(k, _)| qe + k)
            }
            _ => 0,
        };
        // "…," said Lei / "…," Lei said: the quotation before.
        if let Some((qs, qe)) = quote {
            if let Some(a) = quotation_before(sentence, (qs, qe), (ws_, we), cue) {
                return Some(a);
            }
            if spoken(&sentence[qs..qe]) {
                continue;
            }
        }
        if let Some(a) = statement_before(sentence, floor, &spans, (ws_, we), cue) {
            return Some(a);
        }
        // Lei said (that) S. / Lei told Reuters S.
        let Some((subject, role)) = subject_before(&sentence[floor..ws_], cue) else {
            continue;
        };
        let after = spans.iter().find(|(qs, _)| *qs >= we).copied();
        let Some(statement) = statement_after(sentence, after, we, cue) else {
            continue;
        };
        if let Some(mut a) = make_en(&subject, cue, statement) {
            if role.is_some() {
                a.role = role;
            }
            return Some(a);
        }
    }
    None
}

/// English cue verbs and phrases (`said`, `pointed out`, `was quoted as saying`).
static EN_CUES: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("data/en-cues.txt")));

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

/// Head nouns of a description naming a source (`the singer`, `the club`).
static EN_ROLES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-roles.txt")));

/// The longest cue starting at word `i`: the entry and how many words it spans.
fn cue_at(lower: &str, ws: &[(usize, usize)], i: usize) -> Option<(&'static str, usize)> {
    EN_CUES
        .iter()
        .filter_map(|cue| {
            let n = cue.split_whitespace().count();
            let here = ws.get(i..i + n)?;
            let same = cue
                .split_whitespace()
                .zip(here)
                .all(|(c, &(s, e))| lower[s..e].trim_end_matches('.') == c);
            same.then_some((*cue, n))
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
    if let Some((qs, qe)) = quote.filter(|(qs, _)| *qs >= from)
        && sentence[from..qs].split_whitespace().count() <= 1
    {
        return Some(&sentence[qs..qe]);
    }
    let with_that = trimmed.starts_with("that ");
    let rest = trimmed.strip_prefix("that ").unwrap_or(trimmed);
    // `said on an earnings call that …`: the statement starts after `that`.
    let (rest, with_that) = match rest.find(" that ") {
        Some(p) if rest[..p].split_whitespace().count() <= 6 => (&rest[p + " that ".len()..], true),
        _ => (rest, with_that),
    };
    if EN_THAT_CUES.contains(&cue) && !with_that {
        return None;
    }
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
    })
}

/// A source named by a description (`the singer`, `the 27-year-old`, `the club`): its
/// last word is a role noun.
fn described(speaker: &str) -> bool {
    speaker.split_whitespace().last().is_some_and(|w| {
        let w = w.to_lowercase();
        EN_ROLES.contains(&w.as_str()) || w.ends_with("-year-old")
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
}
