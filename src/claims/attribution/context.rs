//! Statements across sentences and paragraphs, the machinery both languages share.
//!
//! Sentence by sentence, [`super::attribute`] finds a source, a cue and what follows it.
//! Around that, this module
//! - resolves a pronoun subject (`他說`, `she added`) to the last person named before it,
//!   as a speaker or in the narration (`教育部部长怀进鹏作了介绍。他说，…`);
//! - keeps a statement running over the sentences that continue it in the same
//!   paragraph: the rest of a quotation split by its attribution (`"…," he said. "…"`),
//!   and in Chinese the sentences after reported speech (`曹建明说，A。B。`);
//! - gives a quotation that opens a paragraph after one that ran to the end of the
//!   previous paragraph to the same speaker;
//! - reads a quotation followed by a bare attribution (`「…」陳大文說。`) as one statement;
//! - takes interview answers (`黃：…`, `答：…`) as the interviewee's statements and the
//!   interviewer's questions (`問：`, `記者：`) as nobody's.

use std::sync::LazyLock;

use super::{Attribution, attributions, bare_attribution, en, is_chinese, word_list, zh};
use crate::claims::{Kind, Quote, split_sentences};

/// A person's gender as the text shows it (a title, a kinship or role word, or the
/// pronoun that stood for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
}

/// Someone a later pronoun can stand for.
#[derive(Debug, Clone)]
struct Antecedent {
    name: String,
    role: Option<String>,
    gender: Option<Gender>,
}

impl Antecedent {
    fn new(name: String, role: Option<String>) -> Self {
        let gender = gender_of(&name).or_else(|| role.as_deref().and_then(gender_of));
        Antecedent { name, role, gender }
    }
}

/// Words that make a name or role a woman's, or a man's.
static FEMALE: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/gender-female.txt")));
static MALE: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/gender-male.txt")));

/// Female or male, where a name or role says so (`陳小姐`, `在旁的妻子`, `Mrs Holt`, `the
/// actress`, `Mr Brown`, `梁先生`).
fn gender_of(text: &str) -> Option<Gender> {
    if is_chinese(text) {
        let f = crate::analysis::fold_str(text);
        let cjk = |w: &&&str| w.chars().any(crate::analysis::is_cjk);
        if FEMALE.iter().filter(cjk).any(|w| f.contains(w)) {
            return Some(Gender::Female);
        }
        if MALE.iter().filter(cjk).any(|w| f.contains(w)) {
            return Some(Gender::Male);
        }
        return None;
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .collect();
    if words.iter().any(|w| FEMALE.contains(&w.as_str())) {
        Some(Gender::Female)
    } else if words.iter().any(|w| MALE.contains(&w.as_str())) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// The gender a pronoun asks for (她, she: female; 他, he: male; 佢, 其, they: either).
fn pronoun_gender(pronoun: &str) -> Option<Gender> {
    let p = pronoun.trim().to_lowercase();
    if p.starts_with('她') || p == "she" {
        Some(Gender::Female)
    } else if p.starts_with('他') || p == "he" {
        Some(Gender::Male)
    } else {
        None
    }
}

/// The people named so far, in text order, for the pronouns that follow. Sentences of
/// narration are kept as they come and read for names only when a pronoun needs them
/// (most never do).
#[derive(Debug, Default, Clone)]
struct People<'a> {
    /// When each was last named (a count of names and sentences), and who.
    seen: Vec<(usize, Antecedent)>,
    /// Sentences of narration not read yet, with when they came.
    narration: Vec<(usize, &'a str)>,
    clock: usize,
}

impl<'a> People<'a> {
    /// How many people and unread sentences are kept.
    const KEPT: usize = 12;

    /// Someone named (again): now the latest.
    fn named(&mut self, a: Antecedent) {
        self.clock += 1;
        self.place(self.clock, a);
    }

    /// A sentence of narration, read for a name if a pronoun comes.
    fn narrate(&mut self, text: &'a str) {
        self.clock += 1;
        self.narration.push((self.clock, text));
        if self.narration.len() > Self::KEPT {
            self.narration.remove(0);
        }
    }

    fn place(&mut self, at: usize, mut a: Antecedent) {
        if let Some(i) = self.seen.iter().position(|(_, p)| p.name == a.name) {
            let (was, old) = self.seen.remove(i);
            a.gender = a.gender.or(old.gender);
            a.role = a.role.or(old.role);
            if was > at {
                self.seen.insert(i, (was, a));
                return;
            }
        }
        let i = self.seen.partition_point(|(t, _)| *t < at);
        self.seen.insert(i, (at, a));
        if self.seen.len() > Self::KEPT {
            self.seen.remove(0);
        }
    }

    /// Reads the narration kept for names.
    fn read_narration(&mut self) {
        for (at, text) in std::mem::take(&mut self.narration) {
            // The person named last: one newly named, or someone known named again
            // (`…，鄧炳強現身立法會見記者。他稱…`).
            let new = mention(text).map(|m| (text.rfind(&m.name).unwrap_or(0), m));
            let known = self
                .seen
                .iter()
                .filter(|(_, p)| {
                    // A personal name (surname first), not a role or a group (傷者).
                    (2..=4).contains(&p.name.chars().count())
                        && p.name.chars().next().is_some_and(zh::is_surname)
                })
                .filter_map(|(_, p)| text.rfind(&p.name).map(|i| (i, p.clone())))
                .max_by_key(|&(i, _)| i);
            let last = match (new, known) {
                (Some(n), Some(k)) => Some(if k.0 > n.0 { k.1 } else { n.1 }),
                (n, k) => n.or(k).map(|(_, a)| a),
            };
            if let Some(m) = last {
                self.place(at, m);
            }
        }
    }

    /// The latest person whose name (two or three chars) opens with a surname: `林` →
    /// `林上嵐` after `警員林上嵐`.
    fn latest_of_surname(&mut self, surname: char) -> Option<String> {
        self.read_narration();
        self.seen.iter().rev().find_map(|(_, p)| {
            let at = p.name.rfind(surname)?;
            let name = &p.name[at..];
            (2..=3)
                .contains(&name.chars().count())
                .then(|| name.to_string())
        })
    }

    /// The person a clause opens with, for a clause after it with no subject: someone
    /// known whose name the head starts with (`梁君彥則` → 梁君彥), the person of a
    /// surname alone or of a pronoun, or a name not seen before.
    fn opening(&mut self, head: &str) -> Option<(String, Option<String>)> {
        if zh::is_pronoun(head) {
            return self.stand_for(head);
        }
        self.read_narration();
        if let Some(i) = self
            .seen
            .iter()
            .rposition(|(_, p)| head.starts_with(p.name.as_str()))
        {
            let p = self.seen[i].1.clone();
            self.named(p.clone());
            return Some((p.name, p.role));
        }
        let mut chars = head.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            let name = self.latest_of_surname(c)?;
            return self.opening(&name);
        }
        self.named(Antecedent::new(head.to_string(), None));
        Some((head.to_string(), None))
    }

    /// Whom a pronoun stands for: the latest person of its gender (or of none known),
    /// who is then known to be of it.
    fn stand_for(&mut self, pronoun: &str) -> Option<(String, Option<String>)> {
        self.read_narration();
        let want = pronoun_gender(pronoun);
        let i = self
            .seen
            .iter()
            .rposition(|(_, p)| want.is_none() || p.gender.is_none() || p.gender == want)?;
        let p = &mut self.seen[i].1;
        p.gender = p.gender.or(want);
        Some((p.name.clone(), p.role.clone()))
    }
}

/// Is the sentence nothing but a quotation (`“…。”`, `"…"`)? Its inner text.
fn whole_quotation(s: &str) -> Option<&str> {
    // Markdown around it (`**「…」**`, `> `) is no part of it.
    let s = s
        .trim()
        .trim_start_matches(['>', ' ', '*'])
        .trim_end_matches('*');
    let t = s.trim().trim_end_matches(['。', '.', '!', '?', '！', '？']);
    for (o, c) in [('“', '”'), ('「', '」'), ('"', '"'), ('『', '』')] {
        if let Some(inner) = t.strip_prefix(o).and_then(|r| r.strip_suffix(c))
            && !inner.contains(c)
        {
            return Some(inner);
        }
    }
    // A quotation running on into the next sentence or paragraph has no closer.
    let t = s.trim();
    if let Some(inner) = t.strip_prefix(['“', '"', '「'])
        && !inner.contains(['”', '"', '」'])
    {
        return Some(inner);
    }
    None
}

/// Are these the source's own words: the statement opens with a quotation mark, or
/// stands right after one in the sentence?
fn kind_of(sentence: &str, statement: &str) -> Kind {
    let opening = |c: char| matches!(c, '“' | '「' | '『' | '"');
    let t = statement.trim_start();
    if t.starts_with(opening) {
        return Kind::Direct;
    }
    let quoted = sentence
        .find(t)
        .and_then(|at| sentence[..at].trim_end().chars().next_back())
        .is_some_and(opening);
    if quoted { Kind::Direct } else { Kind::Indirect }
}

/// The speaker of an attribution: a pronoun stands for the last person named, of its
/// gender where that is known (none named: no statement). A named source becomes the
/// antecedent of later pronouns, unless it is unnamed or named by `according to` (a
/// census or an index as often as a person).
/// A surname alone (`林稱`, after `警員林上嵐` earlier) stands for the full name the
/// article spells out.
fn resolve(
    a: &Attribution,
    people: &mut People,
    names: &mut FullNames,
) -> Option<(String, Option<String>)> {
    if a.pronoun {
        return people.stand_for(&a.speaker);
    }
    if let Some(head) = &a.elided {
        return people.opening(head);
    }
    let mut chars = a.speaker.chars();
    let speaker = match (chars.next(), chars.next()) {
        // A surname alone that the article never spells out names no one.
        (Some(c), None) if crate::analysis::is_cjk(c) => people
            .latest_of_surname(c)
            .or_else(|| Some(names.of(&a.speaker)).filter(|n| n.chars().count() > 1))?,
        _ => a.speaker.clone(),
    };
    if !a.unnamed && a.cue != "according to" {
        people.named(Antecedent::new(speaker.clone(), a.role.clone()));
    }
    Some((speaker, a.role.clone()))
}

/// Words that make a run of capitalised words no person (`Thames Valley Police`), or
/// open a sentence without naming anyone.
static NOT_PERSON_WORDS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/en-not-person-words.txt")));

/// The person an English sentence of narration is about: a run of two to four
/// capitalised words as its subject, at its start or after an opening phrase and a
/// comma, followed by a word in small letters (`At a press conference, Sharon Osbourne
/// gave details …` → Sharon Osbourne). Organisations and places are left out.
fn subject_name(sentence: &str) -> Option<String> {
    // After the role that describes the person (`Only Fools and Horses star David
    // Jason criticised …`), at the start, or after an opening phrase.
    let after_role = sentence
        .split_whitespace()
        .take(8)
        .scan(0, |at, w| {
            let start = sentence[*at..].find(w).map_or(*at, |i| *at + i);
            *at = start + w.len();
            Some((start, w))
        })
        .find(|(_, w)| en::is_role(w))
        .map(|(start, w)| (start + w.len() + 1).min(sentence.len()));
    let starts = after_role
        .into_iter()
        .chain([0])
        .chain(sentence.find(", ").map(|c| c + 2));
    for start in starts {
        let words: Vec<&str> = sentence[start..].split_whitespace().take(6).collect();
        let capital = |w: &&str| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
        };
        let n = words.iter().take_while(|w| capital(w)).count();
        let next_small = words
            .get(n)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_lowercase);
        let person = words[..n].iter().all(|w| {
            let l = w.trim_end_matches(['\'', '’', 's']).to_lowercase();
            !NOT_PERSON_WORDS.contains(&l.as_str())
                && !NOT_PERSON_WORDS.contains(&w.to_lowercase().as_str())
        });
        if (2..=4).contains(&n) && next_small && person {
            return Some(words[..n].join(" "));
        }
    }
    None
}

/// A person named in a sentence, as a later pronoun may stand for: in Chinese a role
/// and a name (`部长怀进鹏`), `习近平同志`, a surname with a title (`梁先生`), or else
/// the name the sentence opens with (`林亨利沒有大肆宣揚…`); in English
/// the sentence's subject when it is a name.
fn mention(text: &str) -> Option<Antecedent> {
    if !is_chinese(text) {
        return subject_name(text).map(|name| Antecedent::new(name, None));
    }
    let by_role = zh::last_person(text).map(|(name, role)| {
        let at = text.rfind(&name).unwrap_or(0);
        (at, Antecedent::new(name, role))
    });
    let by_title = titled(text).map(|(at, name)| (at, Antecedent::new(name.to_string(), None)));
    match (by_role, by_title) {
        (Some(r), Some(t)) => Some(if t.0 > r.0 { t.1 } else { r.1 }),
        (None, None) => zh::opener(text)
            .filter(|name| name.chars().count() >= 2 && !zh::is_pronoun(name))
            .map(|name| Antecedent::new(name, None)),
        (r, t) => r.or(t).map(|(_, a)| a),
    }
}

/// The last surname with a title in a Chinese text (`梁先生`, `陳小姐`, `黃太`): where it
/// starts, and the name with its title.
fn titled(text: &str) -> Option<(usize, &str)> {
    const TITLES: &[&str] = &["先生", "小姐", "女士", "太太", "伯伯", "婆婆"];
    // Kin and short titles, after a common surname only (`潘母`, `黃太`, `梁生`).
    const SHORT: &[&str] = &["母", "父", "媽媽", "爸爸", "太", "生", "姑娘"];
    TITLES
        .iter()
        .chain(SHORT)
        .flat_map(|t| text.match_indices(t).map(move |(i, _)| (i, i + t.len(), t)))
        .filter_map(|(i, end, t)| {
            // One char of surname (two for 歐陽, 司徒 and the like are rare enough to miss).
            let (at, c) = text[..i].char_indices().next_back()?;
            let surname = if SHORT.contains(t) {
                zh::is_surname(c)
            } else {
                crate::analysis::is_cjk(c) && !zh::NAME_ENDS.contains(c)
            };
            surname.then_some((at, &text[at..end]))
        })
        .max_by_key(|&(at, _)| at)
}

/// Who answers in an interview laid out as questions and answers: `黃：…` (a name of
/// one to four chars and a colon opening the paragraph), `答：` (the interviewee, as the
/// last named answerer), and who asks (`問：`, `记者：`), whose words are no statement.
enum Turn<'a> {
    /// An answer by this speaker (None: `答` with no name).
    Answer(Option<&'a str>, &'a str),
    /// A question of the interviewer.
    Question,
}

/// Labels that open a paragraph with a colon and name no one speaking (`编者按：`).
static NOT_TURNS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-not-turns.txt")));

/// The full names short labels and surnames stand for in one article, each worked out
/// once. A name is looked for near where it is used (a few hundred paragraphs around),
/// so that a huge article costs no more than its size.
#[derive(Debug)]
struct FullNames<'a> {
    passages: &'a [&'a str],
    /// The passage being read.
    at: usize,
    known: std::collections::HashMap<(String, usize), String>,
}

impl<'a> FullNames<'a> {
    /// How many paragraphs make one stretch of the article.
    const STRETCH: usize = 100;

    fn new(passages: &'a [&'a str]) -> Self {
        FullNames {
            passages,
            at: 0,
            known: Default::default(),
        }
    }

    fn of(&mut self, label: &str) -> String {
        let stretch = self.at / Self::STRETCH;
        let from = (stretch * Self::STRETCH).saturating_sub(2 * Self::STRETCH);
        let to = (stretch * Self::STRETCH + 3 * Self::STRETCH).min(self.passages.len());
        let near = &self.passages[from.min(to)..to];
        self.known
            .entry((label.to_string(), stretch))
            .or_insert_with(|| full_name(label, near))
            .clone()
    }
}

/// The full name an interview's short label stands for (`黃` → `黃之鋒`): the most
/// frequent run of three chars opening with the label in the article, seen at least
/// twice and more than twice as often as any other; else the label.
fn full_name(label: &str, passages: &[&str]) -> String {
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for text in passages {
        for (i, _) in text.match_indices(label) {
            let rest = &text[i..];
            let end: Option<usize> = rest.char_indices().nth(3).map(|(j, _)| j);
            if let Some(end) = end
                && rest[..end].chars().all(crate::analysis::is_cjk)
                && !rest[label.len()..end]
                    .chars()
                    .any(|c| zh::NAME_ENDS.contains(c))
            {
                *counts.entry(&rest[..end]).or_default() += 1;
            }
        }
    }
    let mut seen: Vec<(&str, usize)> = counts.into_iter().filter(|&(_, n)| n >= 2).collect();
    seen.sort_by_key(|&(name, n)| (std::cmp::Reverse(n), name));
    match seen.as_slice() {
        // Two people of one surname (被告劉笑芬, 警長劉芷芬): the label names neither.
        [(_, a), (_, b), ..] if b * 2 > *a => label.to_string(),
        [(name, _), ..] => name.to_string(),
        [] => label.to_string(),
    }
}

/// A paragraph opening with `名：` / `**名：**`: who speaks and the rest.
fn turn(text: &str) -> Option<Turn<'_>> {
    // (A turn may stand in a blockquote: `> 劉：…`.)
    let t = text.trim_start().trim_start_matches(['>', ' ', '*', '#']);
    let colon = t.find(['：', ':'])?;
    let who = t[..colon].trim().trim_end_matches('*');
    let rest = t[colon..]
        .trim_start_matches(['：', ':'])
        .trim_start_matches('*')
        .trim_start();
    let n = who.chars().count();
    // `王明说：“…”` is a source and its cue, not a turn.
    let cue_last = who.ends_with([
        '说', '說', '称', '稱', '示', '指', '话', '話', '道', '讲', '講',
    ]) || (n > 1 && who.ends_with(['问', '問']));
    // What follows is words in Chinese, not a code or a link (`案件編號：KCCC1761`).
    let words = rest.chars().filter(|c| crate::analysis::is_cjk(*c)).count() >= 2
        && !rest.starts_with(['[', '<', '!']);
    // A name of one to four chars, or in Latin letters (`Hay：…`; not `Q：`).
    let latin = who.len() > 1
        && who.split(' ').count() <= 3
        && who.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && who.chars().all(|c| c.is_ascii_alphabetic() || c == ' ');
    let named = ((1..=4).contains(&n) && who.chars().all(crate::analysis::is_cjk)) || latin;
    if !named || cue_last || !words {
        return None;
    }
    let f = crate::analysis::fold_str(who);
    if NOT_TURNS.contains(&f.as_str()) {
        return None;
    }
    match f.as_str() {
        "问" | "记者" | "主持人" | "记" => Some(Turn::Question),
        "答" => Some(Turn::Answer(None, rest)),
        // `陳答：…`: 陳's answer.
        _ if n > 1 && f.ends_with('答') => Some(Turn::Answer(who.strip_suffix('答'), rest)),
        _ => Some(Turn::Answer(Some(who), rest)),
    }
}

/// Is a passage prose, not markup (`<figure>…`, `{{< video … >}}`, a bare link)?
fn is_prose(text: &str) -> bool {
    let markup = text.starts_with(['<', '{', '!', '[']) || text.starts_with("http");
    !markup && text.chars().filter(|c| crate::analysis::is_cjk(*c)).count() >= 4
}

/// The attributed statements of an article's passages, per passage.
pub(crate) fn quotes(passages: &[&str]) -> Vec<Vec<Quote>> {
    // A Markdown link reads as its text (`[《信報》](https://…) 提及，…` names 《信報》):
    // its marks and address are blanked, so that every range is still one of the
    // passage as written.
    let plain: Vec<std::borrow::Cow<str>> = passages.iter().map(|p| blank_links(p)).collect();
    let plain: Vec<&str> = plain.iter().map(|p| p.as_ref()).collect();
    let mut out = read(&plain);
    for (quotes, (p, was)) in out.iter_mut().zip(plain.iter().zip(passages)) {
        if p != was {
            for q in quotes {
                q.text = squeeze(&q.text);
                q.sentence = squeeze(&q.sentence);
            }
        }
    }
    out
}

/// The text with each Markdown link (`[text](url)`, `![alt](url)`) turned into its
/// text, with spaces before it for its marks and address: as long, byte for byte.
fn blank_links(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("](") {
        return text.into();
    }
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    while let Some(k) = text[i..].find("](") {
        let close = i + k;
        let Some(open) = text[..close].rfind('[') else {
            i = close + 2;
            continue;
        };
        let Some(end) = text[close + 2..]
            .find(|c: char| c == ')' || c.is_whitespace())
            .map(|e| close + 2 + e)
            .filter(|&e| b[e] == b')')
        else {
            i = close + 2;
            continue;
        };
        // The text moves to the end of the link, spaces before it: what precedes
        // the link stays apart from it, what follows it is next to it.
        let from = if open > 0 && b[open - 1] == b'!' {
            open - 1
        } else {
            open
        };
        let words = &b[open + 1..close];
        out[from..=end].fill(b' ');
        out[end + 1 - words.len()..=end].copy_from_slice(words);
        i = end + 1;
    }
    // Only ASCII bytes and whole chars between them became spaces.
    String::from_utf8(out).map_or(text.into(), Into::into)
}

/// Runs of spaces as one, and none at the ends.
fn squeeze(text: &str) -> String {
    text.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`quotes`] of passages as they are.
fn read(passages: &[&str]) -> Vec<Vec<Quote>> {
    let mut out = Vec::with_capacity(passages.len());
    let mut people = People::default();
    let mut names = FullNames::new(passages);
    // The statement the previous passage ended in, for a quotation continuing it.
    let mut ended_in: Option<Quote> = None;
    // The last interviewee to answer, for `答：`.
    let mut answerer: Option<String> = None;
    // An interview: a question turn and an answer turn, or one speaker's turn twice.
    let turns: Vec<Option<Turn>> = passages.iter().map(|t| turn(t)).collect();
    let questions = turns
        .iter()
        .filter(|t| matches!(t, Some(Turn::Question)))
        .count();
    let mut answerers: Vec<&str> = turns
        .iter()
        .filter_map(|t| match t {
            Some(Turn::Answer(Some(who), _)) => Some(*who),
            _ => None,
        })
        .collect();
    let answers = answerers.len();
    answerers.sort_unstable();
    answerers.dedup();
    let interview = (questions > 0 && answers > 0) || answerers.len() < answers;
    let mut answering = false;
    for (i, (text, turn)) in passages.iter().zip(turns).enumerate() {
        names.at = i;
        let mut quotes: Vec<Quote> = Vec::new();
        let sentences = split_sentences(text);
        // In an interview, a paragraph of prose after an answer and before the next
        // question goes on with the answer, unless it names a source of its own (the
        // report resuming); a rule (`---`) ends the interview, a figure or an embed
        // is skipped.
        if interview && questions > 0 && answering && turn.is_none() {
            let t = text.trim();
            if t.starts_with("---") {
                answering = false;
            } else if !is_prose(t) {
                out.push(Vec::new());
                continue;
            } else if sentences
                .iter()
                .any(|s| attributions(s.text).iter().any(|a| !a.pronoun))
            {
                answering = false;
            }
        }
        let turn = match turn {
            None if interview && questions > 0 && answering => {
                Some(Turn::Answer(None, text.trim()))
            }
            t => t,
        };
        match turn.filter(|_| interview) {
            Some(Turn::Question) => {
                answering = false;
                out.push(quotes);
                ended_in = None;
                continue;
            }
            Some(Turn::Answer(who, rest)) => {
                let who = who
                    .map(|w| {
                        if w.chars().count() == 1 {
                            w.chars()
                                .next()
                                .and_then(|c| people.latest_of_surname(c))
                                .unwrap_or_else(|| names.of(w))
                        } else {
                            w.to_string()
                        }
                    })
                    .or_else(|| answerer.clone());
                if let Some(speaker) = who {
                    people.named(Antecedent::new(speaker.clone(), None));
                    answerer = Some(speaker.clone());
                    answering = true;
                    let start = text.len() - text.trim_start().len();
                    quotes.push(Quote {
                        speaker,
                        role: None,
                        cue: "：".into(),
                        text: rest.trim().to_string(),
                        sentence: text.trim().to_string(),
                        kind: Kind::Direct,
                        unnamed: false,
                        start,
                        end: text.trim_end().len(),
                    });
                    ended_in = quotes.last().cloned();
                    out.push(quotes);
                    continue;
                }
            }
            None => {}
        }
        // A paragraph set apart (`> …`, `**…**`) right after one that ended inside a
        // statement is more of the same speaker's words.
        let t = text.trim();
        // (A bold paragraph only after a colon: bold alone is as often a subheading.)
        let after_colon = ended_in
            .as_ref()
            .is_some_and(|q| q.text.trim_end().ends_with(['：', '︰', ':']));
        let bold = t.starts_with("**") && t.ends_with("**");
        let set_apart = t.starts_with('>') || (bold && after_colon);
        if set_apart
            && is_prose(t.trim_start_matches(['>', ' ', '*']))
            && let Some(prev) = ended_in.take()
        {
            let start = text.len() - text.trim_start().len();
            let words = t.trim_start_matches(['>', ' ', '*']).trim_end_matches('*');
            quotes.push(Quote {
                text: words.trim().to_string(),
                sentence: t.to_string(),
                kind: Kind::Direct,
                start,
                end: text.trim_end().len(),
                ..prev
            });
            ended_in = quotes.last().cloned();
            out.push(quotes);
            continue;
        }
        // The statement still running (its index in `quotes`), and whether a sentence
        // with no quotation continues it (reported speech in Chinese).
        let mut open: Option<usize> = None;
        let mut runs_on = false;
        // The quotation sentence just before: its text, start, and where it went in
        // `quotes` (if it was taken as a continuation).
        let mut prev_quotation: Option<(String, usize, Option<usize>)> = None;
        for (k, s) in sentences.iter().enumerate() {
            let quotation = whole_quotation(s.text);
            let taken_before = prev_quotation.take();
            let found = attributions(s.text);
            if !found.is_empty() {
                let mut any = false;
                for a in found {
                    if a.pronoun
                        && let Some(m) = s.text.find(&a.speaker).and_then(|p| mention(&s.text[..p]))
                    {
                        people.named(m);
                    }
                    let Some((speaker, role)) = resolve(&a, &mut people, &mut names) else {
                        continue;
                    };
                    let kind = kind_of(s.text, &a.statement);
                    runs_on = kind == Kind::Indirect && is_chinese(s.text);
                    open = Some(quotes.len());
                    any = true;
                    quotes.push(Quote {
                        speaker,
                        role,
                        cue: a.cue,
                        text: a.statement,
                        sentence: s.text.to_string(),
                        kind,
                        unnamed: a.unnamed,
                        start: s.start,
                        end: s.end,
                    });
                }
                if any {
                    prev_quotation = quotation.map(|q| (q.to_string(), s.start, open));
                    continue;
                }
            } else if let Some(inner) = quotation {
                if let Some(i) = open {
                    // What follows a quotation is narration again.
                    runs_on = false;
                    extend(&mut quotes[i], text, s.end, inner);
                    prev_quotation = Some((inner.to_string(), s.start, Some(i)));
                    continue;
                }
                if k == 0
                    && let Some(prev) = ended_in.take()
                {
                    open = Some(quotes.len());
                    runs_on = false;
                    quotes.push(Quote {
                        text: inner.to_string(),
                        sentence: s.text.to_string(),
                        kind: Kind::Direct,
                        start: s.start,
                        end: s.end,
                        ..prev
                    });
                    prev_quotation = Some((inner.to_string(), s.start, open));
                    continue;
                }
                prev_quotation = Some((inner.to_string(), s.start, None));
                continue;
            } else if let Some((inner, q_start, pushed)) = taken_before.clone()
                && let Some(b) = bare_attribution(s.text)
            {
                // `「…」` then `陳大文說。`: the source of the quotation before.
                if let Some((speaker, role)) = resolve(&b, &mut people, &mut names) {
                    let q = Quote {
                        speaker,
                        role,
                        cue: b.cue,
                        text: inner,
                        sentence: text[q_start..s.end].to_string(),
                        kind: Kind::Direct,
                        unnamed: b.unnamed,
                        start: q_start,
                        end: s.end,
                    };
                    match pushed {
                        Some(i) if quotes.get(i).is_some_and(|p| p.start == q_start) => {
                            quotes[i] = q;
                            open = Some(i);
                        }
                        _ => {
                            open = Some(quotes.len());
                            quotes.push(q);
                        }
                    }
                    runs_on = false;
                    continue;
                }
            } else if let Some((inner, q_start, None)) = taken_before
                && is_chinese(s.text)
                && let Some(head) = zh::opener(s.text)
                && let Some((speaker, role)) = people.opening(&head)
            {
                // `「係著草保命。」楊穎宇7月底遞信辭職`: a quotation, then a sentence about
                // a person, is the person's.
                quotes.push(Quote {
                    speaker,
                    role,
                    cue: "：".into(),
                    text: inner,
                    sentence: text[q_start..s.end].to_string(),
                    kind: Kind::Direct,
                    unnamed: false,
                    start: q_start,
                    end: s.end,
                });
                people.narrate(s.text);
                open = None;
                runs_on = false;
                continue;
            } else if runs_on && let Some(i) = open {
                let t = s.text.trim().trim_end_matches(['。', '；', ';']);
                extend(&mut quotes[i], text, s.end, t);
                continue;
            }
            people.narrate(s.text);
            open = None;
            runs_on = false;
        }
        let last_end = sentences.last().map_or(0, |s| s.end);
        ended_in = open
            .and_then(|i| quotes.get(i))
            .filter(|q| q.end == last_end)
            .cloned();
        // A paragraph ending in a source, a cue and a colon (`他不忿道：`) opens what is
        // set apart next.
        if ended_in.is_none()
            && let Some(last) = sentences.last()
            && let Some(lead) = last.text.trim().strip_suffix(['：', ':', '︰'])
            && let Some(b) = bare_attribution(lead)
            && let Some((speaker, role)) = resolve(&b, &mut people, &mut names)
        {
            ended_in = Some(Quote {
                speaker,
                role,
                cue: b.cue,
                text: "：".into(),
                sentence: last.text.to_string(),
                kind: Kind::Direct,
                unnamed: b.unnamed,
                start: last.start,
                end: last.end,
            });
        }
        out.push(quotes);
    }
    one_name_each(&mut out, passages);
    // A role given once (汽车行业分析师钟师) holds for the speaker's other statements.
    let mut roles: std::collections::HashMap<String, String> = Default::default();
    for q in out.iter().flatten() {
        if let Some(r) = &q.role {
            roles.entry(q.speaker.clone()).or_insert_with(|| r.clone());
        }
    }
    for q in out.iter_mut().flatten() {
        if q.role.is_none() {
            q.role = roles.get(&q.speaker).cloned();
        }
    }
    out
}

/// One source, one name: an English speaker named by surname alone or with a title
/// (`Holt`, `Ms Holt`, `Mr Brown`) is the one person of the article whose full name
/// ends so (`Jane Holt`), where there is exactly one.
fn one_name_each(quotes: &mut [Vec<Quote>], passages: &[&str]) {
    const TITLES: &[&str] = &[
        "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady",
    ];
    let full: Vec<String> = {
        let mut names: Vec<String> = quotes
            .iter()
            .flatten()
            .map(|q| q.speaker.clone())
            .filter(|n| {
                let mut words: Vec<&str> = n.split_whitespace().collect();
                if words.first().is_some_and(|w| TITLES.contains(w)) {
                    words.remove(0);
                }
                (2..=4).contains(&words.len())
                    && words
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            })
            .collect();
        names.sort();
        names.dedup();
        names
    };
    let short = |name: &str| -> Option<String> {
        let words: Vec<&str> = name.split_whitespace().collect();
        let surname = match words.as_slice() {
            [one] => *one,
            [title, one] if TITLES.contains(title) => *one,
            _ => return None,
        };
        // A name in Latin letters that starts with a capital (a Chinese source has its
        // own way: `FullNames`).
        // (An acronym, `RAD`, is an organisation's short name, not a surname.)
        let latin = surname
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
            && surname
                .chars()
                .all(|c| c.is_alphabetic() && !crate::analysis::is_cjk(c))
            && !surname.chars().all(|c| c.is_ascii_uppercase());
        if !latin {
            return None;
        }
        let mut matching: Vec<String> = full
            .iter()
            .filter(|f| f.rsplit(' ').next() == Some(surname))
            .cloned()
            .collect();
        if matching.is_empty() {
            // (The first stretch of a huge article: its names are introduced early.)
            matching = written_in_full(surname, &passages[..passages.len().min(1000)]);
        }
        // `Alex Ferguson` and `Sir Alex Ferguson` are one person: the longest form.
        let longest = matching.iter().max_by_key(|f| f.len())?;
        matching
            .iter()
            .all(|f| longest.contains(f.as_str()))
            .then(|| longest.to_string())
    };
    let mut known: std::collections::HashMap<String, Option<String>> = Default::default();
    for q in quotes.iter_mut().flatten() {
        let full = known
            .entry(q.speaker.clone())
            .or_insert_with(|| short(&q.speaker));
        if let Some(f) = full {
            q.speaker = f.clone();
        }
    }
}

/// The full names that end in a surname in an article's text (`feud with Sir Alex
/// Ferguson`): the capitalised words before it, one to three, none of them a word that
/// makes it an organisation or a place.
fn written_in_full(surname: &str, passages: &[&str]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for text in passages {
        let raw: Vec<&str> = text.split_whitespace().collect();
        let words: Vec<&str> = raw
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
            .collect();
        for (i, _) in words.iter().enumerate().filter(|&(_, w)| *w == surname) {
            // Words of the name just before, none ending a sentence or a clause
            // (`…Steve Morgan. Parry joined…`; an initial `J.` is one).
            let before = (0..i)
                .rev()
                .take(3)
                .take_while(|&j| {
                    let w = words[j];
                    let initial = w.chars().count() == 1;
                    let ends = raw[j].ends_with(['.', ',', ';', ':', '!', '?', '"', '”'])
                        && !(initial && raw[j].ends_with('.'));
                    w.chars().next().is_some_and(char::is_uppercase)
                        && !ends
                        && !NOT_PERSON_WORDS.contains(&w.to_lowercase().as_str())
                })
                .count();
            if before > 0 {
                let name = words[i - before..=i].join(" ");
                if !found.contains(&name) {
                    found.push(name);
                }
            }
        }
    }
    found
}

/// Runs a statement on over the next sentence (`more`), which ends at `end` in the
/// passage `text`.
fn extend(q: &mut Quote, text: &str, end: usize, more: &str) {
    let more = more.trim();
    if !more.is_empty() {
        if !is_chinese(more) {
            q.text.push(' ');
        } else if !q
            .text
            .ends_with(['。', '！', '？', '；', '…', '”', '」', '』'])
        {
            q.text.push('。');
        }
        q.text.push_str(more);
    }
    if end > q.end && text.is_char_boundary(q.start) && text.is_char_boundary(end) {
        q.end = end;
        q.sentence = text[q.start..end].to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(passages: &[&str]) -> Vec<(String, String, Kind)> {
        quotes(passages)
            .into_iter()
            .flatten()
            .map(|q| (q.speaker, q.text, q.kind))
            .collect()
    }

    #[test]
    fn a_quotation_split_by_its_attribution_is_one_statement() {
        let got = said(&["\"We were lucky,\" Smith said. \"But we will take the points.\""]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Smith");
        assert!(got[0].1.contains("lucky") && got[0].1.contains("take the points"));
        assert_eq!(got[0].2, Kind::Direct);
    }

    #[test]
    fn chinese_reported_speech_runs_to_the_next_attribution() {
        let got = said(&["王明说，完全赞成这份报告。报告内容丰富。李华表示，要抓好落实。"]);
        let who: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(who, ["王明", "李华"]);
        assert_eq!(got[0].1, "完全赞成这份报告。报告内容丰富", "{got:?}");
        assert_eq!(got[0].2, Kind::Indirect);
    }

    #[test]
    fn a_direct_quotation_does_not_run_on_into_narration() {
        let got = said(&["王明说：“我们会做好。”随后他离开了会场。"]);
        assert_eq!(got.len(), 1);
        assert!(!got[0].1.contains("离开"), "{got:?}");
        assert_eq!(got[0].2, Kind::Direct);
    }

    #[test]
    fn a_pronoun_stands_for_the_person_named_in_the_narration() {
        let got = said(&[
            "财政部部长张大明介绍了有关情况。他说，今年财政收入稳定增长。",
            "外交部发言人李小红主持记者会。她表示，中方欢迎各方参与。",
        ]);
        let who: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(who, ["张大明", "李小红"]);
    }

    #[test]
    fn interview_answers_are_the_interviewees_and_questions_nobodys() {
        let got = said(&[
            "陳大文在區內長大，陳大文今年參選。",
            "問：你為何參選？",
            "陳：我想為市民做點事。",
            "區內有好多長者。",
            "答：仲有好多嘢要做。",
            "記者：會否後悔？",
        ]);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1].1.contains("長者"));
        assert!(got.iter().all(|g| g.0 == "陳大文" && g.2 == Kind::Direct));
    }

    #[test]
    fn a_turn_in_a_blockquote_is_a_turn() {
        let got = said(&[
            "警長陳大文作供。辯方盤問陳大文。",
            "> 問：為何要上手扣？",
            "> 陳：因為驚佢傷及同事。",
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "陳大文");
        assert!(got[0].1.starts_with("因為驚佢"));
    }

    #[test]
    fn a_quotation_running_into_the_next_paragraph_keeps_its_speaker() {
        let got = said(&[
            "\"We are late,\" Lei Jun said. \"We learned from others.",
            "\"And we will keep learning.\"",
        ]);
        let who: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(who, ["Lei Jun", "Lei Jun"]);
        assert!(got[0].1.contains("learned from others"));
    }

    #[test]
    fn a_pronoun_stands_for_the_latest_person_of_its_gender() {
        let got = said(&[
            "梁先生表示，當晚只係路過。在旁的陳小姐說，佢好驚。他又指，警察好遲先到。",
            "Mr Brown said the plan would work. His wife Sharon said it would not. She added that she was worried. He said he was not.",
        ]);
        let who: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            who,
            [
                "梁先生",
                "在旁的陳小姐",
                "梁先生",
                "Mr Brown",
                "Sharon",
                "Sharon",
                "Mr Brown"
            ],
            "{got:?}"
        );
    }

    #[test]
    fn genders_from_titles_kinship_and_roles() {
        assert_eq!(gender_of("Mrs Holt"), Some(Gender::Female));
        assert_eq!(gender_of("the actress"), Some(Gender::Female));
        assert_eq!(gender_of("Mr Brown"), Some(Gender::Male));
        assert_eq!(gender_of("在旁的妻子"), Some(Gender::Female));
        assert_eq!(gender_of("梁先生"), Some(Gender::Male));
        assert_eq!(gender_of("Gordon Brown"), None);
        assert_eq!(gender_of("外交部发言人"), None);
    }

    #[test]
    fn a_paragraph_set_apart_after_a_statement_is_the_same_speakers() {
        let got = said(&[
            "他強調，要求議員宣誓完全不合理︰",
            "> **有人話宣誓冇問題，我話唔係，魔鬼在細節。**",
            "> **不是引述的段落。**",
        ]);
        assert_eq!(got.len(), 0, "no one named: {got:?}");
        let got = said(&[
            "區議員陳大文強調，要求議員宣誓完全不合理︰",
            "> **有人話宣誓冇問題，我話唔係，魔鬼在細節。**",
        ]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].0, "陳大文");
        assert!(got[1].1.starts_with("有人話宣誓") && got[1].2 == Kind::Direct);
    }

    #[test]
    fn the_subject_of_english_narration_is_a_person_named() {
        assert_eq!(
            subject_name("At a press conference on Tuesday, Sharon Osbourne gave details.")
                .as_deref(),
            Some("Sharon Osbourne")
        );
        assert_eq!(
            subject_name("Ken Boston told the conference.").as_deref(),
            Some("Ken Boston")
        );
        assert_eq!(
            subject_name("Only Fools and Horses star David Jason criticised British TV.")
                .as_deref(),
            Some("David Jason")
        );
        assert_eq!(subject_name("Thames Valley Police arrested a man."), None);
        assert_eq!(subject_name("The Football Association fined him."), None);
        assert_eq!(subject_name("United won 2-0 that day."), None);
        let got = said(&[
            "Mr Brown said the plan would work.",
            "At a press conference, Sharon Osbourne gave details. She said the rings were gone.",
        ]);
        assert_eq!(got[1].0, "Sharon Osbourne", "{got:?}");
    }

    #[test]
    fn a_clause_with_no_subject_is_said_by_whom_a_clause_before_opens_with() {
        let got = said(&[
            "警員陳大明在庭上作供。",
            "陳一度雙眼泛淚，激動謂：「我冇做錯。」",
            "主席王小華則沒有回望，卻道：「你聽清楚先。」",
            "王小華步向門口期間，從兩名保安中間探出身來，向著記者說：「唔好再問。」",
        ]);
        let who: Vec<&str> = got.iter().map(|(s, _, _)| s.as_str()).collect();
        assert_eq!(who, ["陳大明", "王小華", "王小華"], "{got:?}");
        // A clause before opening with a subject that is no person: no source.
        assert!(said(&["秘書處多次拒絕議案，卻道：「唔符合規定。」"]).is_empty());
        // A name after a role that is a verb by jieba's tags names no one.
        let got = said(&["議員發言亦受限。", "他說：「我唔會再等。」"]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn with_no_questions_prose_between_turns_is_the_reports() {
        let got = said(&[
            "1/ 文章形容抗爭者被失蹤。",
            "李大文：這些都是毫無事實根據的指控。",
            "2/ 文章於去年七月刊登於網站。",
            "李大文：這令人對司法產生憎恨。",
        ]);
        let who: Vec<&str> = got.iter().map(|(s, _, _)| s.as_str()).collect();
        assert_eq!(who, ["李大文", "李大文"], "{got:?}");
    }

    #[test]
    fn a_question_with_its_cue_before_a_colon_is_no_turn() {
        let got = said(&["辯方問：「點解要上手銬？」", "陳：因為已經宣佈拘捕。"]);
        assert_eq!(got[0].0, "辯方", "{got:?}");
    }

    #[test]
    fn a_known_person_named_again_in_narration_is_the_latest() {
        let got = said(&[
            "保安局局長鄧大明表示，會跟進事件。",
            "潘母其後在記者會上發言。",
            "兩小時後，鄧大明現身立法會見記者。他稱，對事件表示同情。",
        ]);
        let who: Vec<&str> = got.iter().map(|(s, _, _)| s.as_str()).collect();
        assert_eq!(who, ["鄧大明", "鄧大明"], "{got:?}");
        // A surname with a kinship title is a person too.
        let got = said(&["潘母在政府總部外發言。", "她表示，會繼續爭取。"]);
        assert_eq!(got[0].0, "潘母", "{got:?}");
    }

    #[test]
    fn a_markdown_link_reads_as_its_text() {
        let passage =
            "此外， [《信報》](https://example.org/a/b) 在4月22日提及，政府評估約50人會受影響。";
        assert_eq!(blank_links(passage).len(), passage.len());
        let got = quotes(&[passage]);
        let q = got.iter().flatten().next().expect("a statement");
        assert_eq!(q.speaker, "《信報》", "{q:?}");
        assert!(
            !q.sentence.contains("https") && !q.sentence.contains("  "),
            "{q:?}"
        );
        assert_eq!(squeeze("  a   b "), "a b");
    }

    #[test]
    fn a_full_name_does_not_run_across_sentences() {
        assert!(
            written_in_full(
                "Parry",
                &["It lost the backing of tycoon Steve Morgan. Parry joined in 1998."]
            )
            .is_empty()
        );
        assert_eq!(
            written_in_full(
                "Rowling",
                &["The author J. K. Rowling wrote it, said Rowling."]
            ),
            ["J K Rowling"]
        );
    }

    #[test]
    fn feature_interview_layouts() {
        // A quotation, then a sentence about a person: the person's.
        let got = said(&[
            "考評局經理楊大文接受訪問。",
            "「係著草保命。」楊大文7月底遞信辭職。",
        ]);
        assert_eq!(got[0].0, "楊大文", "{got:?}");
        // A source, a cue and a colon, then words set apart: the source's.
        let got = said(&[
            "考評局經理楊大文接受訪問。",
            "他不忿道：",
            "> **冇理由咁樣搞一個考試。**",
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "楊大文", "{got:?}");
        // A colon with no cue, after a clause opening with the person.
        let got = said(&["事隔數月，楊大文仍不禁激動落淚：「你要我全部遮哂，好無良。」"]);
        assert_eq!(got[0].0, "楊大文", "{got:?}");
        // Turns under a heading mark, and a name in Latin letters.
        let got = said(&[
            "問：催淚氣體有何影響？",
            "#### Hay：一般而言，催淚氣體具有刺激性。",
        ]);
        assert_eq!(got[0].0, "Hay", "{got:?}");
        assert!(turn("Q：催淚氣體有何影響？").is_none());
        let got = said(&[
            "警員陳大文作供。",
            "問：你點睇呢份文件？",
            "陳答：「我只能讀到嚴肅。」",
        ]);
        assert_eq!(got[0].0, "陳大文", "{got:?}");
    }

    #[test]
    fn the_name_a_sentence_opens_with_is_a_person_named() {
        let got = said(&[
            "林亨利沒有大肆宣揚自己有票在手。",
            "他笑說：「祈禱實際啲。」",
        ]);
        assert_eq!(got[0].0, "林亨利", "{got:?}");
    }

    #[test]
    fn a_surname_alone_stands_for_the_full_name() {
        let b = Attribution {
            speaker: "林".into(),
            role: None,
            cue: "稱".into(),
            statement: "不記得".into(),
            unnamed: false,
            pronoun: false,
            elided: None,
        };
        let passages = ["警員林上嵐繼續作供。林上嵐同意。", "林稱不記得。"];
        let got = resolve(&b, &mut People::default(), &mut FullNames::new(&passages));
        assert_eq!(got.map(|g| g.0).as_deref(), Some("林上嵐"));
        // Two people of one surname: the one named last.
        let got = said(&[
            "被告劉笑芬否認控罪。警長劉芷芬作供。劉芷芬表示，被告情緒激動。",
            "劉稱，當時要為被告上手扣。",
            "被告劉笑芬其後作供，劉笑芬表示，自己有身孕。劉說，當時好驚。",
        ]);
        let who: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(who, ["劉芷芬", "劉芷芬", "劉笑芬", "劉笑芬"], "{got:?}");
    }

    #[test]
    fn one_source_has_one_name() {
        let got = said(&[
            "Jane Holt, the trade adviser, said the talks had failed. Sir Alex Ferguson said they had not.",
            "Ferguson added that he was sure.",
            "\"We will try again,\" Ms Holt said. Holt added that she was tired.",
            "Andy Robinson said the team was ready. Jason Robinson said he was not. Robinson added that it was cold.",
        ]);
        let who: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            who,
            [
                "Jane Holt",
                "Sir Alex Ferguson",
                "Sir Alex Ferguson",
                "Jane Holt",
                "Jane Holt",
                "Andy Robinson",
                "Jason Robinson",
                "Robinson"
            ],
            "{got:?}"
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of("他说：“好。”", "“好。”"), Kind::Direct);
        assert_eq!(kind_of("He said: \"We won.\"", "We won."), Kind::Direct);
        assert_eq!(kind_of("He said they won.", "they won"), Kind::Indirect);
        assert_eq!(
            kind_of(
                "He said his rival was \"a disgrace\".",
                "his rival was \"a disgrace\""
            ),
            Kind::Indirect
        );
    }
}
