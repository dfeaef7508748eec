//! Query translation between English and Chinese, offline.
//!
//! When the index is built, a [`Table`] is made of the index's own vocabulary: every
//! Chinese word of the corpus that CC-CEDICT knows with its glosses and its toneless
//! pinyin, every English word of the corpus with the Chinese words that CC-CEDICT
//! renders by it, plus the curated [`glossary`] and the user's `glossary.tsv`, and the
//! readings of every Chinese character ([`pinyin`]). Only translations that occur in
//! the index are kept; the table is stored as a sorted file ([`stored`]) that a search
//! looks words up in without loading it; the dictionary itself is never loaded by
//! `search`.
//!
//! At query time, [`translate`] finds the longest English phrases of a query
//! that the table knows (`gross margin` → 毛利率, not 总 + 边), romanised names
//! (`Lei Jun` → 雷军; words no dictionary lists are found in the index by their
//! characters' readings), and the Chinese words of a query that English text uses
//! (`电池` → battery).

pub mod cedict;
pub mod glossary;
pub mod pinyin;
pub mod stored;
pub mod translit;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::analysis::{self, is_cjk, stop};
use pinyin::{Readings, Vocabulary, pinyin_key};

/// Longest English phrase (in words) looked up as one unit.
const MAX_PHRASE_WORDS: usize = 4;
/// Most Chinese renderings kept for one English key, and English ones for one word.
pub(crate) const MAX_ALTERNATIVES: usize = 6;
/// Longest gloss (in words) taken as a translation.
const MAX_GLOSS_WORDS: usize = 4;

/// One way to render a source phrase in the other language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rendering {
    /// A Chinese word or phrase (folded), matched as written.
    Chinese(String),
    /// English words as analysed (stemmed terms, in order), matched as a phrase.
    English(Vec<String>),
}

impl Rendering {
    /// A readable form for the user.
    pub fn display(&self, table: &dyn Lookup) -> String {
        match self {
            Rendering::Chinese(s) => s.clone(),
            Rendering::English(terms) => {
                let key = terms.join(" ");
                table.shown(&key).unwrap_or(key)
            }
        }
    }

    /// [`Rendering::display`] as a rendering of the Chinese word `word`: in the word's
    /// own gloss where other words give the same stemmed terms another (优势 is shown
    /// as dominance, not as 跋扈's domineering, although both are `domin`).
    pub fn display_for(&self, word: &str, table: &dyn Lookup) -> String {
        match self {
            Rendering::English(terms) => table
                .shown(&own_key(word, &terms.join(" ")))
                .unwrap_or_else(|| self.display(table)),
            Rendering::Chinese(_) => self.display(table),
        }
    }
}

/// The key of `shown` under which `word`'s own form of the rendering `key` is kept,
/// when it is not the form shown for `key` itself.
fn own_key(word: &str, key: &str) -> String {
    format!("{word}|{key}")
}

/// Keeps each word's own form of its renderings in `shown` (see [`own_key`]): the
/// first of `forms` (word, rendering, gloss) for a word and a rendering is the word's,
/// kept where `key` is shown in another.
fn keep_own_forms<'a>(
    shown: &mut BTreeMap<String, String>,
    forms: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
) {
    let mut seen = std::collections::HashSet::new();
    for (word, key, form) in forms {
        if seen.insert((word, key)) && shown.get(key).is_some_and(|f| f != form) {
            shown.insert(own_key(word, key), form.to_string());
        }
    }
}

/// The lookups translation makes in a table (in memory: [`Table`]; on disk:
/// [`stored::StoredTable`]).
pub trait Lookup {
    /// Chinese renderings of an English key (stemmed words joined by a space).
    fn en_zh(&self, key: &str) -> Option<Vec<String>>;
    /// The renderings of those of a form key ([`form_key`]: the words less their
    /// inflections) that a gloss of that form gave.
    fn en_form(&self, key: &str) -> Option<Vec<String>>;
    /// CC-CEDICT words of the index read as this toneless pinyin (syllables run
    /// together).
    fn pinyin(&self, key: &str) -> Option<Vec<String>>;
    /// Is this Chinese word of the index one that CC-CEDICT knows (and so reads only
    /// as [`Lookup::pinyin`] says)?
    fn in_dictionary(&self, word: &str) -> bool;
    /// The characters that read as this toneless syllable.
    fn readings(&self, syllable: &str) -> Option<Readings>;
    /// English renderings (stemmed terms) of a Chinese word.
    fn zh_en(&self, word: &str) -> Option<Vec<Vec<String>>>;
    /// Does the table translate this Chinese word?
    fn has_zh(&self, word: &str) -> bool;
    /// How many Chinese words the table translates.
    fn zh_words(&self) -> u64;
    /// Readable English for a stemmed rendering.
    fn shown(&self, key: &str) -> Option<String>;
}

impl Lookup for Table {
    fn en_zh(&self, key: &str) -> Option<Vec<String>> {
        self.en_zh.get(key).cloned()
    }

    fn en_form(&self, key: &str) -> Option<Vec<String>> {
        self.en_form.get(key).cloned()
    }

    fn pinyin(&self, key: &str) -> Option<Vec<String>> {
        self.pinyin.get(key).cloned()
    }

    fn in_dictionary(&self, word: &str) -> bool {
        self.dictionary.contains(word)
    }

    fn readings(&self, syllable: &str) -> Option<Readings> {
        self.readings.get(syllable).cloned()
    }

    fn zh_en(&self, word: &str) -> Option<Vec<Vec<String>>> {
        self.zh_en.get(word).cloned()
    }

    fn has_zh(&self, word: &str) -> bool {
        self.zh_en.contains_key(word)
    }

    fn zh_words(&self) -> u64 {
        self.zh_en.len() as u64
    }

    fn shown(&self, key: &str) -> Option<String> {
        self.shown.get(key).cloned()
    }
}

/// A part of the query and its renderings in the other language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The query text translated (`gross margin`, `电池`).
    pub from: String,
    /// Its renderings, best first.
    pub to: Vec<Rendering>,
    /// Readable forms of `to`, in the same order.
    pub shown: Vec<String>,
}

/// The translation table of one index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The tantivy commit this table was made for.
    pub opstamp: u64,
    /// blake3 of the user glossary it includes ("" when there is none).
    pub glossary_hash: String,
    /// English key (stemmed words joined by a space) → Chinese renderings.
    pub en_zh: BTreeMap<String, Vec<String>>,
    /// Form key ([`form_key`]) → the renderings of glosses of that form: the ones a
    /// query word takes when there are any, so that a stem two words share does not
    /// render one by the other's glosses (`international` and `internal` are both
    /// `intern`; `department` is `depart`).
    pub en_form: BTreeMap<String, Vec<String>>,
    /// Toneless pinyin (syllables run together) → CC-CEDICT words of the index.
    pub pinyin: BTreeMap<String, Vec<String>>,
    /// The index's Chinese words of two or more characters that CC-CEDICT knows.
    pub dictionary: BTreeSet<String>,
    /// Toneless syllable → the characters read so (see [`pinyin`]).
    pub readings: BTreeMap<String, Readings>,
    /// Chinese word (folded) → English renderings (stemmed terms).
    pub zh_en: BTreeMap<String, Vec<Vec<String>>>,
    /// Readable English for a stemmed rendering (terms joined by a space); under
    /// `word|terms`, a Chinese word's own gloss where it differs from that.
    pub shown: BTreeMap<String, String>,
}

/// The Chinese words of a table as a lexicon (each as likely as the next, and likelier
/// than a character the table lacks), so a query is cut into the longest words the
/// table translates.
struct ChineseWords<'a>(&'a dyn Lookup);

impl analysis::Lexicon for ChineseWords<'_> {
    fn frequency(&self, word: &str) -> u64 {
        if self.0.has_zh(word) { 3 } else { 0 }
    }

    fn total(&self) -> u64 {
        self.0.zh_words()
    }

    fn joins_unknown(&self) -> bool {
        false
    }
}

/// The words of an English phrase: hyphenated words apart, an apostrophe kept inside a
/// word (`Tesla's` is one word, its term `tesla`; split there, the `s` left over was a
/// word of its own and the phrase had no translation).
fn english_words(phrase: &str) -> impl Iterator<Item = &str> {
    phrase
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'') || is_cjk(c))
        .flat_map(|w| w.split('-'))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
}

/// The stemmed, stop-word-free terms of an English phrase.
fn en_terms(phrase: &str) -> Vec<String> {
    english_words(phrase)
        .map(str::to_lowercase)
        .flat_map(|w| analysis::latin_terms(&w).into_iter().next())
        .filter(|t| !stop::is_stopword(t))
        .collect()
}

/// [`en_terms`] with each word's term remembered: a table build analyses the same
/// gloss words (`to`, `person`, `of`) tens of thousands of times, and stemming was most
/// of the time it spent on the dictionary's words.
#[derive(Default)]
struct Stems(HashMap<String, Option<String>>);

impl Stems {
    fn terms(&mut self, phrase: &str) -> Vec<String> {
        english_words(phrase).filter_map(|w| self.term(w)).collect()
    }

    /// The [`form_key`] of a phrase, stop words left out as [`Stems::terms`] leaves them.
    fn form(&mut self, phrase: &str) -> String {
        let forms: Vec<String> = english_words(phrase)
            .filter(|w| self.term(w).is_some())
            .map(lemma)
            .collect();
        forms.join(" ")
    }

    /// The term of one word (`None` for a stop word).
    fn term(&mut self, word: &str) -> Option<String> {
        if let Some(term) = self.0.get(word) {
            return term.clone();
        }
        let term = analysis::latin_terms(&word.to_lowercase())
            .into_iter()
            .next()
            .filter(|t| !stop::is_stopword(t));
        self.0.insert(word.to_string(), term.clone());
        term
    }
}

/// English prepositions and adverbs whose dictionary renderings are no translation
/// (`about` → 准备 / 那么, from `be about to`; `during` → 中; `out` → 于): searched as
/// typed, not translated on their own or in a phrase of stop words (`about being`); a
/// phrase holding one with other words is translated whole. Pronouns, determiners and
/// modal verbs are translated: a translated text says them (these → 这些, can → 可以),
/// and leaving them out cost xquad-xling 0.8422 → 0.8404.
fn is_left_untranslated(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "about", "during", "out", "into", "onto", "upon", "too", "very",
    ];
    WORDS.contains(&word.to_lowercase().as_str())
}

/// A number in Roman capitals (`XXXIII`, `VIII`): no name to transliterate.
fn is_roman_numeral(typed: &str) -> bool {
    !typed.is_empty() && typed.chars().all(|c| "IVXLCDM".contains(c))
}

/// The lookup key of an English phrase.
pub fn en_key(phrase: &str) -> String {
    en_terms(phrase).join(" ")
}

/// The form key of an English phrase: its words (stop words left out) less their
/// inflections only ([`lemma`]), where [`en_key`] stems them.
pub fn form_key(phrase: &str) -> String {
    Stems::default().form(phrase)
}

/// Of the renderings `zh` of a phrase's stem, those that glosses of the phrase's own
/// form gave, or of a form one `-ion` or `-ation` apart (`assimilated`, `assimilation`);
/// all of them if none did. A stemmer joins words a reader keeps apart: `international`
/// and `internal` are both `intern`, `department` is `depart`, `integration` is
/// `integrity`'s `integr`.
fn of_own_form(table: &dyn Lookup, phrase: &str, zh: Vec<String>) -> Vec<String> {
    let form = form_key(phrase);
    if form.is_empty() {
        return zh;
    }
    let mut forms = vec![form.clone()];
    if !form.contains(' ') {
        for suffix in ["ion", "ation"] {
            forms.push(format!("{form}{suffix}"));
            if let Some(base) = form.strip_suffix(suffix).filter(|b| b.len() >= 3) {
                forms.push(base.to_string());
            }
        }
    }
    let own: Vec<String> = forms
        .iter()
        .filter_map(|f| table.en_form(f))
        .flatten()
        .collect();
    let kept: Vec<String> = zh.iter().filter(|z| own.contains(z)).cloned().collect();
    if kept.is_empty() { zh } else { kept }
}

/// A word less its inflection and no more: a plural's `s`, `ed` and `ing` (a doubled
/// consonant before them undoubled), then a final `e`, so that the forms of one word
/// meet (`deliveries`, `delivery`; `integrated`, `integrate`; `driving`, `drive`) but
/// not the words a stemmer joins (`integration`, `integrity`; `department`, `depart`).
fn lemma(word: &str) -> String {
    let w = word.to_lowercase();
    let mut s = w.as_str();
    let y;
    if let Some(base) = s.strip_suffix("ies").filter(|b| b.len() >= 2) {
        y = format!("{base}y");
        s = &y;
    } else if ["sses", "shes", "ches", "xes"]
        .iter()
        .any(|e| s.ends_with(e))
    {
        s = &s[..s.len() - 2];
    } else if s.len() > 3 && s.ends_with('s') && !["ss", "us", "is"].iter().any(|e| s.ends_with(e))
    {
        s = &s[..s.len() - 1];
    }
    let inflected = if s.len() > 5 && s.ends_with("ing") {
        Some(&s[..s.len() - 3])
    } else if s.len() > 4 && s.ends_with("ed") {
        Some(&s[..s.len() - 2])
    } else {
        None
    };
    if let Some(base) = inflected {
        let b = base.as_bytes();
        let doubled = b.len() >= 2
            && b[b.len() - 1] == b[b.len() - 2]
            && !b"aeioulsz".contains(&b[b.len() - 1]);
        s = if doubled {
            &base[..base.len() - 1]
        } else {
            base
        };
    }
    let s = if s.len() > 3 {
        s.strip_suffix('e').unwrap_or(s)
    } else {
        s
    };
    s.to_string()
}

/// The glosses of a CC-CEDICT definition that can stand for the word: `to hand over`
/// → `hand over`; `Xiaomi, Chinese electronics company founded in 2010` → `Xiaomi`;
/// parentheses dropped; long explanations skipped.
fn glosses(definition: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in definition.split(';') {
        let mut g = String::new();
        let mut depth = 0;
        for c in part.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = (depth - 1).max(0),
                _ if depth == 0 => g.push(c),
                _ => {}
            }
        }
        let mut g = g.trim().to_string();
        if let Some((head, _)) = g.split_once(", ") {
            g = head.trim().to_string();
        }
        for prefix in ["to ", "a ", "an ", "the "] {
            if let Some(rest) = g.strip_prefix(prefix) {
                g = rest.to_string();
            }
        }
        for g in name_variants(&g) {
            let words = g.split_whitespace().count();
            if (1..=MAX_GLOSS_WORDS).contains(&words)
                && !g.contains(['/', '|'])
                && !g.contains("CL:")
                && !is_connective(g)
            {
                out.push(g.to_string());
                out.extend(surname(part, g));
            }
        }
    }
    out
}

/// A gloss naming one thing two ways (`München or Munich`, `Ulaanbaatar or Ulan
/// Bator`) as each name: both sides capitalised. Any other gloss as it is (`more or
/// less` is one meaning).
fn name_variants(gloss: &str) -> Vec<&str> {
    let capitalised = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    let one_name = |s: &str| capitalised(s) && !s.trim().contains(' ');
    match (gloss.split_once(" or "), gloss.split_once(" and ")) {
        (Some((a, b)), _) if capitalised(a) && capitalised(b) => vec![a.trim(), b.trim()],
        // Two places named together (欧美, `Europe and America`): the gloss, and each.
        (_, Some((a, b))) if one_name(a) && one_name(b) => vec![gloss, a.trim(), b.trim()],
        _ => vec![gloss],
    }
}

/// English connectives written as a phrase around a word that is not their meaning
/// (`in order to` is not about an order): a gloss that is one of them renders nothing,
/// so that 为了 is not offered for `order`, 尽管 for `spite`, 方面 for `terms`.
const CONNECTIVES: [&str; 22] = [
    "as far as",
    "as long as",
    "as soon as",
    "as well as",
    "by means of",
    "by way of",
    "for the sake of",
    "in accordance with",
    "in case of",
    "in lieu of",
    "in order that",
    "in order to",
    "in regard to",
    "in respect of",
    "in spite of",
    "in terms of",
    "in view of",
    "on behalf of",
    "so as to",
    "with regard to",
    "with respect to",
    "with a view to",
];

/// Is a gloss one of the [`CONNECTIVES`]?
fn is_connective(gloss: &str) -> bool {
    let g = gloss.to_lowercase();
    CONNECTIVES.contains(&g.as_str())
}

/// The surname of a person a definition names with dates and a description (`Leonhard
/// Euler (1707–1783), Swiss mathematician` → `Euler`): English text names people so
/// more often than in full, and a Chinese transliteration (欧拉) is of the surname.
/// `None` for a name in pinyin (`Ma Yun (1964-), …`: the surname comes first), for a
/// name without dates, and for dates with nothing after them (`Qing dynasty (1644-1911)`).
fn surname(part: &str, gloss: &str) -> Option<String> {
    let open = part.find('(')?;
    let dated = part[open + 1..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count()
        >= 3;
    let described = part[open..]
        .split_once(')')
        .is_some_and(|(_, after)| after.trim_start().starts_with(", "));
    let names: Vec<&str> = gloss.split_whitespace().collect();
    let capitalised = names
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let first = names.first()?.to_lowercase();
    let in_pinyin = pinyin::reading_table().contains_key(first.as_str());
    let last = names.last()?.trim_matches(|c: char| !c.is_alphanumeric());
    (dated && described && capitalised && names.len() >= 2 && !in_pinyin && !last.is_empty())
        .then(|| last.to_string())
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) && v.len() < MAX_ALTERNATIVES {
        v.push(x);
    }
}

/// Reads CC-CEDICT, gathers its words' definitions and the characters'
/// readings ahead of a table build (about 0.07 s), e.g. on another core while an
/// update reads its articles.
pub fn warm_up() {
    cedict::load();
    word_entries();
    pinyin::reading_table();
}

/// Is `word` Chinese that CC-CEDICT lists? Only these have entries of their own in a
/// table (a character only renders English words that no longer word does, see
/// [`Table::build`]): the words of a large corpus are mostly jieba's guesses, read
/// through their characters when a query needs them.
pub fn in_dictionary(word: &str) -> bool {
    !word.is_empty() && word.chars().all(is_cjk) && !cedict::query_by_simplified(word).is_empty()
}

/// An English amount at the start of `words` as Chinese writes it, with the number of
/// words it takes: a number and a scale word (`800 million` → 8亿, `1.5 billion` →
/// 15亿, `28 thousand` → 2.8万) or a number of ten thousand or more (`130,000` → 13万).
/// Chinese counts large numbers in 万 (10⁴), 亿 (10⁸) and 万亿 (10¹²). A noun after it
/// that Chinese counts with a unit of its own is taken too: the amount with the unit,
/// then without (`150,000 vehicles` → 15万辆 or 15万; `21.3 billion yuan` → 213亿元).
fn chinese_amount(words: &[&str]) -> Option<(usize, Vec<String>)> {
    let (n, zh) = chinese_number(words)?;
    Some(match words.get(n).and_then(|w| counted_in(w)) {
        Some(unit) => (n + 1, vec![format!("{zh}{unit}"), zh]),
        None => (n, vec![zh]),
    })
}

/// The unit Chinese writes after an amount of what an English noun names: vehicles
/// are counted in 辆, money in 元 (yuan) or 美元 (dollars).
fn counted_in(noun: &str) -> Option<&'static str> {
    match noun.to_ascii_lowercase().as_str() {
        "vehicle" | "vehicles" | "car" | "cars" | "ev" | "evs" | "truck" | "trucks" => Some("辆"),
        "yuan" | "rmb" => Some("元"),
        "dollar" | "dollars" | "usd" => Some("美元"),
        _ => None,
    }
}

/// The number of [`chinese_amount`], without a unit.
fn chinese_number(words: &[&str]) -> Option<(usize, String)> {
    let first = *words.first()?;
    if !first.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let number: f64 = first.replace(',', "").parse().ok()?;
    let scale = words
        .get(1)
        .and_then(|w| match w.to_ascii_lowercase().as_str() {
            "thousand" => Some(1e3),
            "million" => Some(1e6),
            "billion" => Some(1e9),
            "trillion" => Some(1e12),
            _ => None,
        });
    let (n, value) = match scale {
        Some(s) => (2, number * s),
        None => (1, number),
    };
    // A number under 10,000 (a year, `72`) is written the same in both; so is one of
    // five digits without commas (a postcode, an identifier more often than a count).
    if value < 1e4 || (scale.is_none() && !first.contains(',') && value < 1e5) {
        return None;
    }
    let (unit, size) = [("万亿", 1e12), ("亿", 1e8), ("万", 1e4)]
        .into_iter()
        .find(|&(_, size)| value >= size)?;
    Some((n, format!("{}{unit}", short_number(value / size))))
}

/// A number in at most four decimals, without trailing zeros (`1.8`, `800`, `2.8`).
fn short_number(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A Chinese amount (`180万`, `180万辆`, `213亿元`) as English writes it, as terms: with a
/// scale word (`1.8 million`) and, when whole, in digits (`1800000`, the term of
/// `1,800,000`). `None` for anything else.
fn english_amount(term: &str) -> Option<Vec<Vec<String>>> {
    let digits = term.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let number: f64 = term.get(..digits)?.parse().ok()?;
    let rest = &term[digits..];
    let scale = if rest.starts_with("万亿") {
        1e12
    } else if rest.starts_with('亿') {
        1e8
    } else if rest.starts_with('万') {
        1e4
    } else {
        return None;
    };
    let value = number * scale;
    let (size, word) = [
        (1e12, "trillion"),
        (1e9, "billion"),
        (1e6, "million"),
        (1e3, "thousand"),
    ]
    .into_iter()
    .find(|&(size, _)| value >= size)?;
    let mut out = vec![vec![short_number(value / size), word.to_string()]];
    if value.fract() == 0.0 && value < 1e15 {
        out.push(vec![format!("{value:.0}")]);
    }
    Some(out)
}

/// The first letters (five, or the whole word if shorter) of the English words
/// CC-CEDICT gives a word that is no person's name (波兰: `polan`; 萨克森, "see
/// 萨克森州": `saxon`, `feder`, …), its references followed once; `None` for a word it
/// lacks or whose glosses name a person (`(name) Ryan`, `Bell (person name)`).
fn dictionary_place(word: &str) -> Option<Vec<String>> {
    let entries = cedict::query_by_simplified(word);
    if entries.is_empty() {
        return None;
    }
    let mut glosses: Vec<&str> = entries.iter().flat_map(|e| e.english()).collect();
    if glosses.iter().any(|g| g.contains("name")) {
        return None;
    }
    // `see 薩克森州|萨克森州[Sa4 ke4 sen1 Zhou1]`: the simplified word referred to.
    let referred: Vec<&str> = glosses
        .iter()
        .filter_map(|g| g.strip_prefix("see "))
        .filter_map(|r| r.split(['|', '[']).nth(1))
        .collect();
    for r in referred {
        glosses.extend(
            cedict::query_by_simplified(r)
                .iter()
                .flat_map(|e| e.english()),
        );
    }
    let stems: Vec<String> = glosses
        .iter()
        .flat_map(|g| g.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| w.len() >= 3 && w != &"see")
        .map(|w| w.to_ascii_lowercase().chars().take(5).collect())
        .collect();
    Some(stems)
}

/// Every CC-CEDICT entry of a word (two or more characters: the two-syllable ones,
/// most Chinese words, first; then the longer ones, names such as 尼克松 Nixon and
/// 马可尼 Marconi among them), listed once per process.
fn word_entries() -> &'static WordEntries {
    static ENTRIES: std::sync::OnceLock<WordEntries> = std::sync::OnceLock::new();
    ENTRIES.get_or_init(|| {
        WordEntries::new(
            cedict::two_syllable_entries()
                .chain(cedict::longer_entries())
                .collect(),
        )
    })
}

/// The CC-CEDICT entries of words, with their definitions in one text to search.
struct WordEntries {
    entries: Vec<&'static cedict::Entry>,
    /// Every entry's definitions lower-cased, an entry a line: the entries that may
    /// hold a word are found by one search of this text (about 5 MB) rather than by
    /// lower-casing and searching each of some 200,000 definitions.
    text: String,
    /// Where each entry's line starts in `text`.
    starts: Vec<usize>,
}

impl WordEntries {
    fn new(entries: Vec<&'static cedict::Entry>) -> Self {
        let (text, starts) = definitions_text(entries.iter().map(|e| e.english()));
        WordEntries {
            entries,
            text,
            starts,
        }
    }

    /// The entries, in order, whose definitions hold a word whose term is one of
    /// `words`: found through their [`needles`] when they are few, else all entries.
    fn holding(&self, words: &BTreeSet<String>, stems: &mut Stems) -> Vec<&'static cedict::Entry> {
        match needles(words) {
            None => self.entries.clone(),
            Some(needles) => lines_holding(&self.text, &self.starts, &needles, words, stems)
                .into_iter()
                .filter_map(|i| self.entries.get(i).copied())
                .collect(),
        }
    }
}

/// Definitions lower-cased in one text, an entry a line, and where each line starts.
fn definitions_text<'a, D: IntoIterator<Item = &'a str>>(
    entries: impl Iterator<Item = D>,
) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    for definitions in entries {
        starts.push(text.len());
        for d in definitions {
            text.push_str(&d.to_lowercase());
            text.push('\n');
        }
    }
    (text, starts)
}

/// The lines of `text` (starting at `starts`) that hold a word whose term is one of
/// `words`, found by the words' `needles`.
fn lines_holding(
    text: &str,
    starts: &[usize],
    needles: &[String],
    words: &BTreeSet<String>,
    stems: &mut Stems,
) -> BTreeSet<usize> {
    let splits = |c: char| !c.is_alphanumeric() || is_cjk(c);
    let mut found = BTreeSet::new();
    for n in needles {
        for (at, _) in text.match_indices(n.as_str()) {
            // `starts[0]` is 0, so a line starts at or before every match.
            let line = starts.partition_point(|&s| s <= at).saturating_sub(1);
            // A needle is the start of its word (stemming changes the end of a word
            // only): the word it starts is stemmed to tell for sure.
            let at_word_start = text[..at].chars().next_back().is_none_or(splits);
            if !at_word_start || found.contains(&line) {
                continue;
            }
            let rest = &text[at..];
            let word = &rest[..rest.find(splits).unwrap_or(rest.len())];
            if stems.term(word).is_some_and(|t| words.contains(&t)) {
                found.insert(line);
            }
        }
    }
    found
}

/// Most English words for which [`needles`] are looked for in the definitions; with
/// more, every definition is analysed.
const NEEDLES_MAX: usize = 64;

/// What a lower-cased CC-CEDICT definition holds if it may hold one of the stemmed
/// words `stems` (`None`, anything, when they are many): the stem less its last
/// letter, and less an `i` before it, as written (`happ` for `happi` from `happy`, `ic`
/// for `ice` from `icing`, `d` for `die` from `dying`). Stems are ASCII (see
/// `is_english`). Analysing (stemming) every gloss of every two-syllable entry was half
/// the time of adding one article to a large index, and of making the table of a large
/// Chinese corpus with a few English words.
fn needles(stems: &BTreeSet<String>) -> Option<Vec<String>> {
    (stems.len() <= NEEDLES_MAX).then(|| {
        stems
            .iter()
            .map(|stem| {
                let keep = if stem.len() > 2 {
                    stem.len() - 1
                } else {
                    stem.len()
                };
                // `die` from `dying`, `lie` from `lying`: the stem's `i` is a `y`.
                let needle = stem.get(..keep).unwrap_or("");
                needle
                    .strip_suffix('i')
                    .filter(|n| !n.is_empty())
                    .unwrap_or(needle)
                    .to_string()
            })
            .collect()
    })
}

impl Table {
    /// Builds the table for an index whose vocabulary is `zh_words` (Chinese word terms)
    /// and `en_words` (English word terms, stemmed), with the glossary pairs `extra`
    /// added to the built-in ones. An English word is rendered by the words of two or
    /// more characters that CC-CEDICT glosses with it, or failing those by single
    /// characters (`late` → 晚).
    pub fn build(
        zh_words: &BTreeSet<String>,
        en_words: &BTreeSet<String>,
        extra: &[(String, String)],
    ) -> Table {
        Table::build_from(zh_words, &|w| zh_words.contains(w), en_words, extra)
    }

    /// [`Table::build`] for an index whose Chinese words CC-CEDICT knows are
    /// `dictionary_words` (the others need no entries: see [`in_dictionary`]) and which
    /// holds the words `in_index` accepts.
    pub fn build_from(
        dictionary_words: &BTreeSet<String>,
        in_index: &dyn Fn(&str) -> bool,
        en_words: &BTreeSet<String>,
        extra: &[(String, String)],
    ) -> Table {
        let mut t = Table::build_with(dictionary_words, in_index, en_words, None, extra);
        // The same for every index, so a grown table keeps those it was made with.
        t.readings = pinyin::reading_table().clone();
        t
    }

    /// The entries that words new to an index add to its table, to merge
    /// ([`stored::grow`]) into the table made before they came: [`Table::build`] for the new Chinese words
    /// `new_zh` alone, plus the dictionary words (of two or more characters) whose English renderings
    /// use a new English word of `new_en`. `in_index` tells which Chinese words the
    /// whole index holds, `en_words` is its whole English vocabulary (`new_en` included).
    ///
    /// What this leaves out, until the table is made again: Chinese words of three or
    /// more characters already in the index whose only renderings use a new English
    /// word. The characters' readings are left out too: the table grown has them.
    pub fn build_for_new_words(
        new_zh: &BTreeSet<String>,
        new_en: &BTreeSet<String>,
        in_index: &dyn Fn(&str) -> bool,
        en_words: &BTreeSet<String>,
        extra: &[(String, String)],
    ) -> Table {
        Table::build_with(new_zh, in_index, en_words, Some(new_en), extra)
    }

    #[cfg(test)]
    /// Adds `other`'s entries after this table's own, each list within the cap on
    /// alternatives: what [`stored::grow`] does to a stored table, kept as the tests'
    /// reference.
    pub fn merge(&mut self, other: Table) {
        fn merge_lists<V: PartialEq>(
            into: &mut BTreeMap<String, Vec<V>>,
            from: BTreeMap<String, Vec<V>>,
        ) {
            for (k, vs) in from {
                let list = into.entry(k).or_default();
                for v in vs {
                    push_unique(list, v);
                }
            }
        }
        merge_lists(&mut self.en_zh, other.en_zh);
        merge_lists(&mut self.en_form, other.en_form);
        merge_lists(&mut self.pinyin, other.pinyin);
        merge_lists(&mut self.zh_en, other.zh_en);
        for (k, v) in other.shown {
            self.shown.entry(k).or_insert(v);
        }
        self.dictionary.extend(other.dictionary);
        for (k, v) in other.readings {
            self.readings.entry(k).or_insert(v);
        }
    }

    fn build_with(
        zh_words: &BTreeSet<String>,
        in_index: &dyn Fn(&str) -> bool,
        en_words: &BTreeSet<String>,
        only_new_en: Option<&BTreeSet<String>>,
        extra: &[(String, String)],
    ) -> Table {
        let mut t = Table::default();
        // (Chinese word, rendering, the word's gloss of it), for `keep_own_forms`.
        let mut own: Vec<(String, String, String)> = Vec::new();
        let mut stems = Stems::default();
        let in_english =
            |terms: &[String]| !terms.is_empty() && terms.iter().all(|x| en_words.contains(x));
        // Glossary first: its renderings rank before the dictionary's.
        let pairs = glossary::BUILT_IN
            .iter()
            .map(|(e, z)| (e.to_string(), z.to_string()))
            .chain(extra.iter().cloned());
        for (en, zh) in pairs {
            let zh = analysis::fold_str(&zh);
            let key = en_key(&en);
            if key.is_empty() {
                continue;
            }
            let terms = en_terms(&en);
            // Only what the corpus has: every word of the Chinese side is in the index.
            let present = analysis::analyze(&zh)
                .words
                .iter()
                .all(|w| in_index(&w.term) || !w.term.chars().any(is_cjk));
            if zh.chars().any(is_cjk) && present {
                push_unique(t.en_zh.entry(key).or_default(), zh.clone());
                push_unique(t.en_form.entry(stems.form(&en)).or_default(), zh.clone());
                if in_english(&terms) {
                    t.shown
                        .entry(terms.join(" "))
                        .or_insert_with(|| en.to_lowercase());
                    own.push((zh.clone(), terms.join(" "), en.to_lowercase()));
                    push_unique(t.zh_en.entry(zh).or_default(), terms);
                }
            }
        }
        // Chinese words a query may use, rendered into the corpus's English words (when
        // growing a table: only renderings that use a new English word).
        let scan = only_new_en.is_none_or(|n| !n.is_empty());
        let uses_new =
            |terms: &[String]| only_new_en.is_none_or(|n| terms.iter().any(|t| n.contains(t)));
        if scan && !en_words.is_empty() {
            // A rendering's words are all in `en_words` (one of them in `only_new_en`): an
            // entry without one is skipped unanalysed (most of them, for a mostly Chinese
            // corpus).
            let words = only_new_en.unwrap_or(en_words);
            let held = word_entries().holding(words, &mut stems);
            // Each entry's renderings worked out on every core (the scan of an English
            // corpus goes through all of the dictionary's 114,000 entries of words),
            // then added in the entries' order.
            let rendered: Vec<(String, Vec<InEnglish>)> = {
                use rayon::prelude::*;
                held.par_iter()
                    .map_init(Stems::default, |stems, e| {
                        let word = analysis::fold_str(e.simplified);
                        if !word.chars().all(is_cjk) {
                            return (word, Vec::new());
                        }
                        let renderings = e
                            .english()
                            .flat_map(glosses)
                            .filter_map(|g| {
                                let terms = stems.terms(&g);
                                (terms.len() <= 3 && in_english(&terms) && uses_new(&terms))
                                    .then(|| (g.to_lowercase(), terms))
                            })
                            .collect();
                        (word, renderings)
                    })
                    .collect()
            };
            for (word, renderings) in rendered {
                for (form, terms) in renderings {
                    let key = terms.join(" ");
                    t.shown.entry(key.clone()).or_insert_with(|| form.clone());
                    own.push((word.clone(), key, form));
                    push_unique(t.zh_en.entry(word.clone()).or_default(), terms);
                }
            }
        }
        // The dictionary, for the corpus's own Chinese words; the others have no entries
        // (romanised names read through their characters: see `pinyin`). What each
        // word adds is worked out on every core, then added in the words' order.
        let words: Vec<&String> = zh_words.iter().collect();
        let found: Vec<Option<Found>> = {
            use rayon::prelude::*;
            words
                .par_iter()
                .map_init(Stems::default, |stems, word| {
                    Found::in_dictionary(word, stems, &in_english)
                })
                .collect()
        };
        // Added in the words' order, each map on its own (at the end of a scale build
        // this was 60 ms on one core, the other idle).
        let found: Vec<(&String, Found)> = words
            .into_iter()
            .zip(found)
            .filter_map(|(word, found)| Some((word, found?)))
            .collect();
        let Table {
            en_zh,
            en_form,
            pinyin,
            dictionary,
            zh_en,
            shown,
            ..
        } = &mut t;
        rayon::join(
            || {
                for (word, found) in &found {
                    dictionary.insert((*word).clone());
                    for (_, english) in &found.renderings {
                        if let Some((_, terms)) = english {
                            push_unique(zh_en.entry((*word).clone()).or_default(), terms.clone());
                        }
                    }
                }
            },
            || {
                rayon::join(
                    || {
                        for (word, found) in &found {
                            for (key, english) in &found.renderings {
                                push_unique(en_zh.entry(key.clone()).or_default(), (*word).clone());
                                if let Some((shown_as, _)) = english {
                                    shown.entry(key.clone()).or_insert_with(|| shown_as.clone());
                                }
                            }
                            for form in found.forms.iter().filter(|f| !f.is_empty()) {
                                push_unique(
                                    en_form.entry(form.clone()).or_default(),
                                    (*word).clone(),
                                );
                            }
                        }
                    },
                    || {
                        for (word, found) in &found {
                            for k in &found.pinyin {
                                push_unique(pinyin.entry(k.clone()).or_default(), (*word).clone());
                            }
                        }
                    },
                )
            },
        );
        // English words that no word of two or more characters renders, rendered by
        // the characters of the index that CC-CEDICT glosses so: `late` → 晚 (晚了),
        // `king` → 王 where no 国王 is. A character alone matches wherever it is written,
        // so it is only a last resort.
        let mut by_character: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut character_forms: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for c in zh_words.iter().filter(|w| w.chars().count() == 1) {
            let glossed = cedict::query_by_simplified(c)
                .iter()
                .flat_map(|e| e.english())
                .flat_map(glosses);
            for g in glossed {
                let key = stems.terms(&g).join(" ");
                if !key.is_empty() && !t.en_zh.contains_key(&key) {
                    push_unique(by_character.entry(key).or_default(), c.clone());
                    let form = stems.form(&g);
                    if !t.en_form.contains_key(&form) {
                        push_unique(character_forms.entry(form).or_default(), c.clone());
                    }
                }
            }
        }
        t.en_zh.extend(by_character);
        t.en_form.extend(character_forms);
        // Each word in its own gloss where the form shown for a rendering is another's
        // (once every form is shown: the glossary's and the dictionary words' first).
        let own = own
            .iter()
            .map(|(w, k, f)| (w.as_str(), k.as_str(), f.as_str()));
        let dictionary = found.iter().flat_map(|(word, found)| {
            found.renderings.iter().filter_map(|(key, english)| {
                let (form, _) = english.as_ref()?;
                Some((word.as_str(), key.as_str(), form.as_str()))
            })
        });
        keep_own_forms(&mut t.shown, own.chain(dictionary));
        t
    }
}

/// A gloss of a Chinese word as the English of the corpus has it: the gloss as shown
/// and its stemmed terms.
type InEnglish = (String, Vec<String>);

/// What a Chinese word of the index adds to a table from its CC-CEDICT entries.
struct Found {
    /// Per gloss of its definitions, in order: the English key (stemmed terms joined
    /// by a space) and, when every term is in the corpus's English, the gloss as
    /// shown and the terms.
    renderings: Vec<(String, Option<InEnglish>)>,
    /// The form key ([`form_key`]) of each gloss, as `renderings`.
    forms: Vec<String>,
    /// Its readings' toneless pinyin keys long enough to look up, in order.
    pinyin: BTreeSet<String>,
}

impl Found {
    /// What `word` adds, `None` if CC-CEDICT does not list it (or it is not a word of
    /// two or more Chinese characters); `in_english` tells whether the corpus has
    /// every English term of a gloss.
    fn in_dictionary(
        word: &str,
        stems: &mut Stems,
        in_english: &(dyn Fn(&[String]) -> bool + Sync),
    ) -> Option<Found> {
        if word.chars().count() < 2 || !word.chars().all(is_cjk) {
            return None;
        }
        let entries = cedict::query_by_simplified(word);
        if entries.is_empty() {
            return None;
        }
        let mut renderings = Vec::new();
        let mut forms = Vec::new();
        for e in entries {
            for def in e.english() {
                for g in glosses(def) {
                    let terms = stems.terms(&g);
                    if terms.is_empty() {
                        continue;
                    }
                    let key = terms.join(" ");
                    let english = in_english(&terms).then(|| (g.to_lowercase(), terms));
                    renderings.push((key, english));
                    forms.push(stems.form(&g));
                }
            }
        }
        let pinyin = entries
            .iter()
            .map(|e| pinyin_key(e.pinyin_numbers))
            .filter(|k| k.len() >= pinyin::MIN_KEY_LETTERS)
            .collect();
        Some(Found {
            renderings,
            forms,
            pinyin,
        })
    }
}

/// Translates a query: English phrases (longest first) and romanised names to
/// Chinese, Chinese words to English. Only renderings in the table and `vocabulary`
/// (that is, in the index) are returned. Chinese is cut into the table's own Chinese
/// words.
pub fn translate(table: &dyn Lookup, vocabulary: &dyn Vocabulary, query: &str) -> Vec<Translation> {
    let mut out = Vec::new();
    let mut syllables = pinyin::SyllableCache::new(table);
    let words = ChineseWords(table);
    let a = analysis::analyze_with(query, analysis::Segmenter::Lexicon(&words));
    // English side: runs of Latin words, longest phrase first.
    let runs: Vec<&analysis::Run> = a
        .runs
        .iter()
        .filter(|r| r.kind == analysis::RunKind::Latin)
        .collect();
    // A possessive is its word (`Xiaomi's` is read as `Xiaomi`, name or not).
    let words: Vec<&str> = runs
        .iter()
        .map(|r| {
            let w = a.run_text(r);
            w.strip_suffix("'s").filter(|w| !w.is_empty()).unwrap_or(w)
        })
        .collect();
    // The query as typed for words i..j.
    let typed = |i: usize, j: usize| {
        let (s, _) = a.folded.original_range(runs[i].start, runs[i].end);
        let (_, e) = a.folded.original_range(runs[j - 1].start, runs[j - 1].end);
        query[s..e].to_string()
    };
    let mut i = 0;
    while i < words.len() {
        // An amount as Chinese writes it (`800 million` → 8亿, `130,000` → 13万).
        if let Some((n, zh)) = chinese_amount(&words[i..]) {
            let to: Vec<Rendering> = zh.iter().cloned().map(Rendering::Chinese).collect();
            if !out.iter().any(|t: &Translation| t.to == to) {
                out.push(Translation {
                    from: typed(i, i + n),
                    to,
                    shown: zh,
                });
            }
            i += n;
            continue;
        }
        let mut found = None;
        for n in (1..=MAX_PHRASE_WORDS.min(words.len() - i)).rev() {
            // A word or phrase of words left untranslated (and stop words) alone: `about`,
            // `about being` (whose key is `about`).
            if words[i..i + n]
                .iter()
                .all(|w| is_left_untranslated(w) || en_key(w).is_empty())
            {
                if n == 1 {
                    break;
                }
                continue;
            }
            let phrase = words[i..i + n].join(" ");
            let key = en_key(&phrase);
            let mut to: Vec<Rendering> = Vec::new();
            if let Some(zh) = table.en_zh(&key).filter(|_| !key.is_empty()) {
                let zh = of_own_form(table, &phrase, zh);
                to.extend(zh.into_iter().map(Rendering::Chinese));
            }
            let by_dictionary = to.len();
            // An English word the dictionary renders, typed in small letters, is that
            // word, not a romanised name (`like` is not 立刻 or 力克).
            let english_word = by_dictionary > 0 && !typed(i, i + n).contains(char::is_uppercase);
            let romanised = if english_word {
                Vec::new()
            } else {
                pinyin::words_for_key(&mut syllables, vocabulary, &pinyin_key(&phrase))
            };
            for z in romanised {
                let r = Rendering::Chinese(z);
                if !to.contains(&r) {
                    to.push(r);
                }
            }
            if !to.is_empty() {
                // Stop words at either end of a phrase the dictionary rendered change
                // nothing of its key (`what researcher` is `research`): shown without
                // them. A romanised name keeps every syllable (`Li An`).
                let (mut from, mut to_word) = (i, i + n);
                if to.len() == by_dictionary {
                    while to_word - from > 1 && en_key(words[from]).is_empty() {
                        from += 1;
                    }
                    while to_word - from > 1 && en_key(words[to_word - 1]).is_empty() {
                        to_word -= 1;
                    }
                }
                found = Some((n, typed(from, to_word), to));
                break;
            }
        }
        // A name nothing else renders: the Chinese words that sound like it.
        if found.is_none()
            && !en_key(words[i]).is_empty()
            && !is_left_untranslated(words[i])
            && !is_roman_numeral(&typed(i, i + 1))
            && typed(i, i + 1).starts_with(char::is_uppercase)
        {
            // A plural names its singular (`Grammys`, the `Kennedys`).
            let singular = words[i].strip_suffix('s').filter(|w| !w.ends_with('s'));
            let mut zh = translit::chinese_words(words[i], vocabulary);
            if let (true, Some(singular)) = (zh.is_empty(), singular) {
                zh = translit::chinese_words(singular, vocabulary);
            }
            if !zh.is_empty() {
                found = Some((
                    1,
                    typed(i, i + 1),
                    zh.into_iter().map(Rendering::Chinese).collect(),
                ));
            }
        }
        match found {
            Some((n, phrase, to)) => {
                // A phrase repeated in the query is translated once.
                if !out.iter().any(|t: &Translation| t.to == to) {
                    let shown = to.iter().map(|r| r.display(table)).collect();
                    out.push(Translation {
                        from: phrase,
                        to,
                        shown,
                    });
                }
                i += n;
            }
            None => i += 1,
        }
    }
    // Chinese side: the query's words (longest first, each once). A character cut
    // from a longer run is left out: the run is a word the table lacks (抹香鲸),
    // not its characters' senses.
    let lone: BTreeSet<&str> = a
        .runs
        .iter()
        .filter(|r| r.kind == analysis::RunKind::Cjk)
        .map(|r| a.run_text(r))
        .filter(|t| t.chars().count() == 1)
        .collect();
    let mut seen = BTreeSet::new();
    // Names nothing renders: runs of adjacent words of name characters (杜瓦, cut as
    // 杜 and 瓦 where the table lacks it), by the English names that sound like them.
    for name in name_runs(&a.words, table) {
        let mut en = translit::english_names(&name, vocabulary);
        // A place or thing the dictionary knows is the English it gives, in any of
        // its forms (巴比伦 Babylon: `Babylonian`), not whatever sounds like it (波兰
        // is Poland, not `Braun`). A person's name is not: 莱恩 is Ryan there, `Lane`
        // in another text. (Asked only when something sounds like it: reading CC-CEDICT
        // costs a search milliseconds.)
        if let Some(stems) = (!en.is_empty()).then(|| dictionary_place(&name)).flatten() {
            en.retain(|(_, written)| {
                let w = written.to_lowercase();
                stems.iter().any(|s| w.starts_with(s.as_str()))
            });
        }
        if !en.is_empty() && seen.insert(name.clone()) {
            // Shown as the text writes it (`Lane`, not the term `lane`).
            let shown = en.iter().map(|(_, written)| written.clone()).collect();
            let to: Vec<Rendering> = en
                .into_iter()
                .map(|(t, _)| Rendering::English(vec![t]))
                .collect();
            out.push(Translation {
                from: name,
                to,
                shown,
            });
        }
    }
    // Amounts as English writes them (`180万辆` → `1.8 million`, `1800000`).
    for w in &a.words {
        if let Some(en) = english_amount(&w.term)
            && seen.insert(w.term.clone())
        {
            let shown = en.iter().map(|t| t.join(" ")).collect();
            out.push(Translation {
                from: w.term.clone(),
                to: en.into_iter().map(Rendering::English).collect(),
                shown,
            });
        }
    }
    for w in &a.words {
        let one_char_of_more = w.term.chars().count() == 1 && !lone.contains(w.term.as_str());
        if one_char_of_more || !w.term.chars().all(is_cjk) || !seen.insert(w.term.clone()) {
            continue;
        }
        if let Some(en) = table.zh_en(&w.term) {
            let to: Vec<Rendering> = en.into_iter().map(Rendering::English).collect();
            let shown = to.iter().map(|r| r.display_for(&w.term, table)).collect();
            out.push(Translation {
                from: w.term.clone(),
                to,
                shown,
            });
        }
    }
    out
}

/// The runs of adjacent words made only of name characters that the table does not
/// translate, of two characters or more (search mode's inner words skipped: the
/// longest word at each place is taken).
fn name_runs(words: &[analysis::Token], table: &dyn Lookup) -> Vec<String> {
    let mut words: Vec<&analysis::Token> = words.iter().collect();
    words.sort_by_key(|w| (w.start, std::cmp::Reverse(w.end)));
    let (mut runs, mut current, mut end) = (Vec::new(), None::<String>, 0);
    for w in words {
        if w.start < end {
            continue;
        }
        let of_name = w.term.chars().all(translit::is_name_char) && !table.has_zh(&w.term);
        match current.as_mut() {
            Some(text) if of_name && w.start == end => text.push_str(&w.term),
            _ => {
                runs.extend(current.take());
                current = of_name.then(|| w.term.clone());
            }
        }
        end = w.end;
    }
    runs.extend(current);
    runs.retain(|t| t.chars().count() >= 2);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> BTreeSet<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    /// The Chinese words of the index of [`table`].
    fn words() -> BTreeSet<String> {
        set(&[
            "小米",
            "毛利率",
            "雷军",
            "交付",
            "电池",
            "特斯拉",
            "边",
            "顺为",
            "重庆",
            "雷顺",
        ])
    }

    fn table() -> Table {
        let en = set(&["batteri", "gross", "margin", "deliv", "tesla"]);
        Table::build(&words(), &en, &[("Shunwei".into(), "顺为".into())])
    }

    /// The translations of `q` (the index's words are [`words`]).
    fn rendered(t: &Table, q: &str) -> Vec<(String, Vec<String>)> {
        rendered_in(t, &words(), q)
    }

    /// The translations of `q`, each as (from, shown), where the index's words are
    /// `vocabulary`.
    fn rendered_in(
        t: &Table,
        vocabulary: &BTreeSet<String>,
        q: &str,
    ) -> Vec<(String, Vec<String>)> {
        translate(t, vocabulary, q)
            .into_iter()
            .map(|t| (t.from, t.shown))
            .collect()
    }

    /// Every rendering shown for `q`, in order (see [`rendered_in`]).
    fn shown_in(t: &Table, vocabulary: &BTreeSet<String>, q: &str) -> Vec<String> {
        rendered_in(t, vocabulary, q)
            .into_iter()
            .flat_map(|(_, shown)| shown)
            .collect()
    }

    #[test]
    fn a_word_is_shown_in_its_own_gloss_where_words_share_a_stem() {
        // 优势 (superiority; dominance; advantage) and 跋扈 (domineering; bossy) both give
        // `domin`: each is shown in its own gloss, whichever was seen first.
        let zh = set(&["优势", "跋扈"]);
        let t = Table::build(&zh, &set(&["domin"]), &[]);
        let shown = |q: &str| rendered_in(&t, &zh, q);
        assert_eq!(
            shown("优势"),
            [("优势".to_string(), vec!["dominance".to_string()])]
        );
        assert_eq!(
            shown("跋扈"),
            [("跋扈".to_string(), vec!["domineering".to_string()])]
        );
        // Stored and read back, the same.
        let stored = stored::StoredTable::new(Box::new(stored::to_bytes(&t))).expect("a table");
        let shown: Vec<String> = translate(&stored, &zh, "优势")
            .into_iter()
            .flat_map(|t| t.shown)
            .collect();
        assert_eq!(shown, ["dominance"]);
    }

    #[test]
    fn english_words_no_longer_word_renders_are_rendered_by_characters() {
        // 晚 (evening; night; late) and 晚上 (evening; night): `evening` is 晚上's alone,
        // `late` has no word of two characters and is 晚's.
        let zh = set(&["晚", "晚上"]);
        let t = Table::build(&zh, &BTreeSet::new(), &[]);
        let to = |q: &str| -> Vec<Vec<String>> {
            translate(&t, &zh, q).into_iter().map(|t| t.shown).collect()
        };
        assert_eq!(to("evening"), [["晚上"]]);
        assert_eq!(to("late"), [["晚"]]);
        // Without the character in the index, nothing.
        let t = Table::build(&set(&["晚上"]), &BTreeSet::new(), &[]);
        assert!(translate(&t, &zh, "late").is_empty());
    }

    #[test]
    fn chinese_words_of_three_or_more_characters_reach_the_english_corpus() {
        // 尼克松 (Richard Nixon), 马可尼 (Marconi) and 无线电 (radio) are no two-syllable
        // words.
        let en = set(&["richard", "nixon", "marconi", "radio"]);
        let t = Table::build(&BTreeSet::new(), &en, &[]);
        let zh = BTreeSet::new();
        for (query, english) in [
            ("尼克松", "richard nixon"),
            ("马可尼", "marconi"),
            ("无线电", "radio"),
        ] {
            let shown: Vec<String> = translate(&t, &zh, query)
                .into_iter()
                .flat_map(|t| t.shown)
                .collect();
            assert!(shown.iter().any(|s| s == english), "{query}: {shown:?}");
        }
    }

    #[test]
    fn a_person_named_with_dates_is_glossed_by_surname_too() {
        assert_eq!(
            glosses("Leonhard Euler (1707–1783), Swiss mathematician"),
            ["Leonhard Euler", "Euler"]
        );
        assert_eq!(
            glosses("Richard Nixon (1913–1994), US president 1969–1974"),
            ["Richard Nixon", "Nixon"]
        );
        // A name in pinyin puts the surname first; a dynasty's dates describe nothing.
        assert_eq!(
            glosses("Ma Yun (1964-), aka Jack Ma, Chinese businessman"),
            ["Ma Yun"]
        );
        assert_eq!(glosses("Byzantine Empire (395-1453)"), ["Byzantine Empire"]);
        // Two spellings of a name without dates: each, no surname.
        assert_eq!(glosses("Barth or Barthes (name)"), ["Barth", "Barthes"]);
    }

    #[test]
    fn glosses_are_cleaned() {
        assert_eq!(glosses("to hand over"), ["hand over"]);
        assert_eq!(
            glosses("gross profit margin; gross margin"),
            ["gross profit margin", "gross margin"]
        );
        assert_eq!(
            glosses("Xiaomi, Chinese electronics company founded in 2010"),
            ["Xiaomi"]
        );
        assert_eq!(glosses("(economics) market"), ["market"]);
        // A place or person named two ways is found by either name.
        assert_eq!(
            glosses("München or Munich, capital of Bavaria, Germany"),
            ["München", "Munich"]
        );
        assert_eq!(
            glosses("more or less; approximately"),
            ["more or less", "approximately"]
        );
        // Two places named together render each too (欧美 for `Europe`).
        assert_eq!(
            glosses("Europe and America; the West"),
            ["Europe and America", "Europe", "America", "West"]
        );
        assert_eq!(glosses("bread and butter"), ["bread and butter"]);
        assert!(glosses("a very long explanation of what the word means in context").is_empty());
        // A connective phrase does not render its one word (为了 is not `order`).
        assert_eq!(glosses("for; in order to; so as to"), ["for"]);
        assert_eq!(glosses("in spite of; despite"), ["despite"]);
        // Other phrases of a word and a preposition stay.
        assert_eq!(
            glosses("in front of; ahead"),
            ["in front of", "ahead"].map(String::from)
        );
    }

    #[test]
    fn stop_words_at_the_ends_of_a_phrase_are_not_shown_as_translated() {
        // `what researcher` and `researcher` are one key (`research`); the user is shown
        // the word that was translated. A romanised name keeps its syllables.
        let zh = set(&["研究", "李安"]);
        let t = Table::build(&zh, &BTreeSet::new(), &[]);
        let from = |q: &str| -> Vec<String> {
            translate(&t, &zh, q).into_iter().map(|t| t.from).collect()
        };
        assert_eq!(from("What researcher first"), ["researcher"]);
        assert_eq!(from("the research of the"), ["research"]);
        assert_eq!(from("Li An"), ["Li An"]);
    }

    #[test]
    fn a_capitalised_name_nothing_renders_finds_its_transliteration() {
        // 杜瓦 (du wa) is Dewar as Chinese writes it; no dictionary says so.
        let zh = set(&["杜瓦", "实验", "沃特"]);
        let t = Table::build(&zh, &BTreeSet::new(), &[]);
        let to = |q: &str| rendered_in(&t, &zh, q);
        assert!(to("Dewar experiment").contains(&("Dewar".to_string(), vec!["杜瓦".to_string()])));
        // Not a word in lower case, nor a stop word (`What` is no 沃特).
        assert!(!to("dewar").iter().any(|(from, _)| from == "dewar"));
        assert!(to("What").is_empty());
        // A plural finds its singular's name.
        assert!(to("the Dewars").contains(&("Dewars".to_string(), vec!["杜瓦".to_string()])));
    }

    #[test]
    fn a_chinese_name_nothing_renders_finds_the_english_names_that_sound_like_it() {
        // 杜瓦 and 莱恩 are not in the table: the query's characters are cut apart, and
        // each run of name characters is read as the names of the index's English.
        let en = set(&["dewar", "lane", "liquid", "oxygen"]);
        let t = Table::build(&BTreeSet::new(), &en, &[]);
        let shown = |q: &str| rendered_in(&t, &en, q);
        // Shown as names.
        let r = shown("杜瓦和莱恩");
        assert!(
            r.contains(&("杜瓦".to_string(), vec!["Dewar".to_string()])),
            "{r:?}"
        );
        assert!(
            r.contains(&("莱恩".to_string(), vec!["Lane".to_string()])),
            "{r:?}"
        );
        // Words that are not all name characters are not read so.
        assert!(shown("液氧").iter().all(|(from, _)| from != "液氧"));
        // A place the dictionary knows is only what it names there, in any form: 巴比伦
        // (Babylon) is `Babylonian`, not `Braun`; 波兰 (Poland) is not `Braun` either.
        let en = set(&["babylonian", "braun"]);
        let t = Table::build(&BTreeSet::new(), &en, &[]);
        let shown = |q: &str| rendered_in(&t, &en, q);
        assert_eq!(
            shown("巴比伦"),
            [("巴比伦".to_string(), vec!["Babylonian".to_string()])]
        );
        assert!(shown("波兰").is_empty(), "{:?}", shown("波兰"));
    }

    #[test]
    fn english_amounts_are_written_as_chinese_counts_them() {
        let amount = |q: &str| {
            let (n, zh) = chinese_amount(&q.split(' ').collect::<Vec<_>>())?;
            Some((n, zh.join(" ")))
        };
        assert_eq!(amount("800 million users"), Some((2, "8亿".into())));
        assert_eq!(amount("1.5 billion"), Some((2, "15亿".into())));
        assert_eq!(amount("28 thousand"), Some((2, "2.8万".into())));
        assert_eq!(amount("2 trillion"), Some((2, "2万亿".into())));
        assert_eq!(amount("130,000 shares"), Some((1, "13万".into())));
        // A noun Chinese counts with a unit of its own: with the unit, then without.
        assert_eq!(amount("130,000 cars"), Some((2, "13万辆 13万".into())));
        assert_eq!(
            amount("150,000 Vehicles a year"),
            Some((2, "15万辆 15万".into()))
        );
        assert_eq!(
            amount("21.3 Billion yuan"),
            Some((3, "213亿元 213亿".into()))
        );
        assert_eq!(
            amount("2.43 billion dollars"),
            Some((3, "24.3亿美元 24.3亿".into()))
        );
        // Numbers written the same in both: years, small counts, a scale too small.
        assert_eq!(amount("2025"), None);
        assert_eq!(amount("72 hours"), None);
        assert_eq!(amount("5 thousand"), None);
        assert_eq!(amount("million"), None);
    }

    #[test]
    fn chinese_amounts_are_written_as_english_counts_them() {
        for (term, scaled, digits) in [
            ("180万辆", ["1.8", "million"], "1800000"),
            ("8亿", ["800", "million"], "800000000"),
            ("213亿元", ["21.3", "billion"], "21300000000"),
            ("13万", ["130", "thousand"], "130000"),
            ("1.5万亿", ["1.5", "trillion"], "1500000000000"),
        ] {
            let scaled: Vec<String> = scaled.iter().map(|s| s.to_string()).collect();
            assert_eq!(
                english_amount(term),
                Some(vec![scaled, vec![digits.to_string()]]),
                "{term}"
            );
        }
        for term in ["2025年", "万辆", "小米"] {
            assert_eq!(english_amount(term), None, "{term}");
        }
    }

    #[test]
    fn name_runs_join_adjacent_words_of_name_characters() {
        let t = table();
        let a = analysis::analyze_with(
            "卢克·坎克利和杜瓦",
            analysis::Segmenter::Lexicon(&ChineseWords(&t)),
        );
        assert_eq!(name_runs(&a.words, &t), ["卢克", "坎克利", "杜瓦"]);
        // 小米 is translated; 和 is no name character.
        let a = analysis::analyze_with("小米和", analysis::Segmenter::Lexicon(&ChineseWords(&t)));
        assert!(name_runs(&a.words, &t).is_empty());
    }

    #[test]
    fn longest_english_phrase_wins() {
        let t = table();
        let r = rendered(&t, "Xiaomi gross margin");
        assert_eq!(r[0], ("Xiaomi".to_string(), vec!["小米".to_string()]));
        assert_eq!(r[1].0, "gross margin");
        assert_eq!(r[1].1[0], "毛利率");
        assert!(!r.iter().any(|(_, to)| to.contains(&"边".to_string())));
    }

    #[test]
    fn a_possessive_is_translated_as_its_word() {
        let t = table();
        // By the dictionary (`gross margin`), by pinyin (Xiaomi), typographic or not.
        for q in ["Xiaomi's gross margin's", "Xiaomi’s gross margin"] {
            let r = rendered(&t, q);
            assert_eq!(r[0].1, ["小米"], "{q}: {r:?}");
            assert_eq!(r[1].1[0], "毛利率", "{q}: {r:?}");
        }
        assert_eq!(en_key("the bank's deposits"), en_key("the bank deposits"));
        assert_eq!(en_key("workers' union"), en_key("workers union"));
    }

    #[test]
    fn pinyin_names_and_user_glossary() {
        let t = table();
        assert_eq!(
            rendered(&t, "Lei Jun")[0],
            ("Lei Jun".to_string(), vec!["雷军".to_string()])
        );
        assert_eq!(rendered(&t, "shunwei")[0].1, ["顺为"]);
    }

    #[test]
    fn romanised_names_no_glossary_or_dictionary_has() {
        let t = table();
        // 雷顺 is in no dictionary: it is read through its characters.
        assert!(!in_dictionary("雷顺") && !t.dictionary.contains("雷顺"));
        assert_eq!(
            rendered(&t, "Lei Shun")[0],
            ("Lei Shun".to_string(), vec!["雷顺".to_string()])
        );
        assert_eq!(rendered(&t, "leishun")[0].1, ["雷顺"]);
        // A dictionary word reads as the dictionary says (重庆: chong qing, not the
        // zhong of 重's first reading).
        assert!(t.dictionary.contains("重庆"));
        assert_eq!(rendered(&t, "Chongqing")[0].1, ["重庆"]);
        assert!(rendered(&t, "Zhongqing").is_empty());
        assert_eq!(rendered(&t, "dianchi")[0].1, ["电池"]);
        // Only the index's words.
        let fewer = Table::build(&set(&["电池"]), &BTreeSet::new(), &[]);
        assert!(translate(&fewer, &set(&["电池"]), "Lei Shun").is_empty());
    }

    #[test]
    fn lemmas_join_a_words_forms_and_nothing_more() {
        for (a, b) in [
            ("deliveries", "delivery"),
            ("integrated", "integrate"),
            ("driving", "drive"),
            ("stopped", "stop"),
            ("Batteries", "battery"),
            ("matches", "match"),
        ] {
            assert_eq!(lemma(a), lemma(b), "{a} {b}");
        }
        for (a, b) in [
            ("international", "internal"),
            ("department", "depart"),
            ("integration", "integrity"),
            ("general", "generation"),
        ] {
            assert_ne!(lemma(a), lemma(b), "{a} {b}");
        }
        assert_eq!(form_key("to the gross margins"), "gross margin");
    }

    #[test]
    fn a_word_takes_the_renderings_of_its_own_form_not_its_stems() {
        let words = set(&["国际", "国内", "内部", "部门", "离开", "同化", "吸收"]);
        let t = Table::build(&words, &BTreeSet::new(), &[]);
        let shown = |q: &str| shown_in(&t, &words, q);
        // international and internal share the stem `intern`; department is `depart`.
        assert_eq!(shown("international"), ["国际"]);
        assert!(!shown("internal").contains(&"国际".to_string()));
        assert_eq!(shown("department"), ["部门"]);
        assert!(shown("depart").contains(&"离开".to_string()));
        // A form one -ion apart is the same word (同化 is `assimilation`).
        let assimilated = shown("assimilated");
        assert!(assimilated.contains(&"同化".to_string()), "{assimilated:?}");
        assert!(assimilated.contains(&"吸收".to_string()), "{assimilated:?}");
    }

    #[test]
    fn roman_numerals_are_no_names() {
        assert!(is_roman_numeral("XXXIII") && is_roman_numeral("VIII"));
        assert!(!is_roman_numeral("Vivid") && !is_roman_numeral("CIVILS") && !is_roman_numeral(""));
        // Super Bowl XXXIII's number is not read as 克斯 or 卡斯.
        let words = set(&["克斯", "卡斯", "碗"]);
        let t = Table::build(&words, &BTreeSet::new(), &[]);
        assert!(translate(&t, &words, "XXXIII").is_empty());
    }

    #[test]
    fn prepositions_whose_renderings_are_no_translation_are_left_untranslated() {
        let words = set(&["他", "准备", "中", "电池"]);
        let t = Table::build(&words, &BTreeSet::new(), &[]);
        let from = |q: &str| -> Vec<String> {
            translate(&t, &words, q)
                .into_iter()
                .map(|t| t.from)
                .collect()
        };
        // `during` (中) is not rendered, alone or in a phrase of stop words; a pronoun
        // is (他: the translated text says it).
        assert_eq!(
            from("he prepared the battery during"),
            ["he", "prepared", "battery"]
        );
        assert_eq!(from("the battery during the"), ["battery"]);
    }

    #[test]
    fn an_english_word_in_small_letters_is_no_romanised_name() {
        let words = set(&["立刻", "一样"]);
        let t = Table::build(&words, &BTreeSet::new(), &[]);
        let like = |q: &str| shown_in(&t, &words, q).into_iter();
        // `like` is the English word (一样), not the pinyin li ke (立刻).
        assert!(like("like").any(|z| z == "一样"));
        assert!(!like("like").any(|z| z == "立刻"));
        // Capitalised, it may be a name, read both ways.
        assert!(like("Like").any(|z| z == "立刻"));
    }

    #[test]
    fn chinese_words_to_english_in_the_index() {
        let t = table();
        let r = rendered(&t, "电池");
        assert_eq!(r[0].0, "电池");
        assert!(r[0].1.contains(&"battery".to_string()), "{r:?}");
        // Traditional input folds first.
        assert_eq!(rendered(&t, "電池")[0].0, "电池");
    }

    #[test]
    fn chinese_queries_reach_an_english_only_corpus() {
        let en = set(&["oil", "crisi", "embargo"]);
        let t = Table::build(&BTreeSet::new(), &en, &[]);
        let r = rendered(&t, "石油危机时的禁运");
        let from: Vec<&str> = r.iter().map(|(f, _)| f.as_str()).collect();
        assert!(
            from.contains(&"石油") && from.contains(&"危机") && from.contains(&"禁运"),
            "{r:?}"
        );
        assert!(r.iter().all(|(_, to)| !to.is_empty()));
    }

    #[test]
    fn a_character_of_a_word_the_table_lacks_is_not_translated() {
        let en = set(&["side", "whale"]);
        let t = Table::build(&BTreeSet::new(), &en, &[]);
        assert!(rendered(&t, "边").iter().any(|(f, _)| f == "边"));
        let r = rendered(&t, "抹边鲸");
        assert!(r.iter().all(|(f, _)| f.chars().count() > 1), "{r:?}");
    }

    #[test]
    fn new_words_merged_into_a_table_give_the_table_of_all_words() {
        let old = set(&["小米", "毛利率", "交付"]);
        let new = set(&["雷军", "电池", "顺为"]);
        let all: BTreeSet<String> = old.union(&new).cloned().collect();
        let en = set(&["batteri", "gross", "margin", "deliv", "tesla"]);
        let full = Table::build(&all, &en, &[]);
        let mut grown = Table::build(&old, &en, &[]);
        grown.merge(Table::build_for_new_words(
            &new,
            &BTreeSet::new(),
            &|w| all.contains(w),
            &en,
            &[],
        ));
        fn sets<V: Ord + Clone>(m: &BTreeMap<String, Vec<V>>) -> BTreeMap<String, BTreeSet<V>> {
            m.iter()
                .map(|(k, v)| (k.clone(), v.iter().cloned().collect()))
                .collect()
        }
        assert_eq!(sets(&grown.en_zh), sets(&full.en_zh));
        assert_eq!(sets(&grown.pinyin), sets(&full.pinyin));
        assert_eq!(sets(&grown.zh_en), sets(&full.zh_en));
        assert!(!grown.en_zh.is_empty() && full.en_zh.contains_key("batteri"));
    }

    #[test]
    fn new_english_words_add_the_two_syllable_words_rendered_by_them() {
        let zh = set(&["小米", "电池"]);
        let old_en = set(&["batteri"]);
        let all_en = set(&["batteri", "whale", "margin"]);
        let new_en = set(&["whale", "margin"]);
        let full = Table::build(&zh, &all_en, &[]);
        let mut grown = Table::build(&zh, &old_en, &[]);
        assert!(!grown.zh_en.contains_key("鲸鱼"));
        grown.merge(Table::build_for_new_words(
            &BTreeSet::new(),
            &new_en,
            &|w| zh.contains(w),
            &all_en,
            &[],
        ));
        assert_eq!(grown.zh_en, full.zh_en);
        assert!(grown.zh_en.contains_key("鲸鱼"));
    }

    /// Does a table build find a word of `stems` in `definition`?
    fn holds(stems: &BTreeSet<String>, definition: &str) -> bool {
        let (text, starts) = definitions_text(std::iter::once([definition]));
        let Some(needles) = needles(stems) else {
            return true;
        };
        !lines_holding(&text, &starts, &needles, stems, &mut Stems::default()).is_empty()
    }

    #[test]
    fn entries_are_found_by_the_words_they_hold() {
        let new = set(&["happi", "whale", "ice", "b"]);
        for yes in [
            "happy",
            "Whales (pl.)",
            "ice; frozen water",
            "B.A.",
            "sea-ice",
        ] {
            assert!(holds(&new, yes), "{yes}");
        }
        for no in [
            "cat",
            "sea mammal",
            "hap",
            "dice",
            "bachelor",
            "abb",
            "icebreaker",
        ] {
            assert!(!holds(&new, no), "{no}");
        }
        // Every stem's needle starts its word.
        for word in [
            "happy",
            "whales",
            "icing",
            "hoping",
            "hopping",
            "relational",
            "ponies",
            "generously",
            "dying",
            "agreed",
            "skies",
            "organization",
        ] {
            let stem = en_key(word);
            let one = set(&[stem.as_str()]);
            assert!(holds(&one, &format!("to be {word}")), "{word} → {stem}");
        }
        let many: BTreeSet<String> = (0..=NEEDLES_MAX).map(|i| format!("w{i}")).collect();
        assert!(needles(&many).is_none());
        // In the dictionary's own definitions, entry by entry.
        let whale = word_entries().holding(&set(&["whale"]), &mut Stems::default());
        assert!(whale.iter().any(|e| e.simplified == "鲸鱼"));
        assert!(
            whale
                .iter()
                .all(|e| e.english().any(|d| d.to_lowercase().contains("whale")))
        );
    }

    #[test]
    fn remembered_stems_are_the_terms_of_a_phrase() {
        let mut stems = Stems::default();
        for phrase in [
            "to hand over",
            "Gross margins",
            "the state-owned bank's deposits",
            "to hand over",
            "Xiaomi 小米",
        ] {
            assert_eq!(stems.terms(phrase), en_terms(phrase), "{phrase}");
        }
    }

    #[test]
    fn a_repeated_phrase_is_translated_once() {
        let t = table();
        let r = rendered(&t, &"Xiaomi gross margin ".repeat(50));
        assert_eq!(r.len(), 2, "{r:?}");
    }

    #[test]
    fn nothing_outside_the_index() {
        let t = table();
        assert!(translate(&t, &words(), "quantum chromodynamics").is_empty());
    }
}
