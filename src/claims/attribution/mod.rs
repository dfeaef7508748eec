//! Attributed statements: who states, judges, forecasts or reports what, in Chinese
//! (`钟师指出,…`, `正如小米集团创始人雷军所言,“…”`, `据盖世汽车研究院称,…`,
//! `有分析人士猜测,…`) and English (`Lei said …`, `"…," said Lei`, `according to …`).
//!
//! Chinese cues are matched on folded text (traditional → simplified), so `稱`, `說` and
//! `據…稱` are found like their simplified forms; every range reported is in the text as
//! written.

mod context;
mod en;
mod zh;

pub(crate) use context::quotes;

/// One attributed statement found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The source as the text names it (`钟师`, `兴业证券`, `分析人士`, `Tim Cook`).
    pub speaker: String,
    /// The speaker's role where the text gives it (`汽车行业分析师`).
    pub role: Option<String>,
    /// The cue (`指出`, `所言`, `据…称`, `said`, `according to`).
    pub cue: String,
    /// What was said: the words after the cue, or the quoted words.
    pub statement: String,
    /// An unnamed source (`业内人士`, `analysts`).
    pub unnamed: bool,
    /// The subject was a pronoun (`他也提醒`): the caller resolves the speaker.
    pub pronoun: bool,
    /// The cue's clause has no subject: the person a clause before it opens with
    /// (`劉一度雙眼泛淚，激動謂` → `劉`; a name, a surname or a pronoun), for the caller
    /// to resolve.
    pub elided: Option<String>,
}

/// The entries of a word list kept as a data file beside this module: one a line,
/// `#` starting a comment line, blank lines skipped.
fn word_list(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Is the text mostly Chinese (a third of its chars other than spaces, or more)?
fn is_chinese(text: &str) -> bool {
    let cjk = text.chars().filter(|c| crate::analysis::is_cjk(*c)).count();
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    cjk * 3 >= chars.max(1)
}

/// Finds the attributed statement in a sentence, if there is one.
pub fn attribute(sentence: &str) -> Option<Attribution> {
    if is_chinese(sentence) {
        zh::attribute(sentence)
    } else {
        en::attribute(sentence)
    }
}

/// Every attributed statement of a sentence, in text order (`X said …, but Y thought
/// …` has two); most sentences have none or one.
pub fn attributions(sentence: &str) -> Vec<Attribution> {
    if is_chinese(sentence) {
        zh::attributions(sentence)
    } else {
        en::attributions(sentence)
    }
}

/// A sentence that is only a source and a cue (`陳大文說。`, `他表示。`, `Smith said.`):
/// the attribution of the quotation just before it. The statement is left empty.
pub fn bare_attribution(sentence: &str) -> Option<Attribution> {
    let t = sentence
        .trim()
        .trim_end_matches(['。', '.', '!', '！', '；', ';']);
    if is_chinese(t) {
        zh::bare(t)
    } else {
        en::bare(t)
    }
}
