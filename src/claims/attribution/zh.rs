//! Chinese attribution rules: a source, a cue verb and what follows it (`钟师指出,…`,
//! `正如雷军所言,“…”`, `据盖世汽车研究院称,…`), or a quotation and its source after it.
//! Cues are matched on folded text (traditional → simplified); ranges are reported in
//! the text as written. The word lists are the `data/zh-*.txt` files beside this one.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::{Attribution, word_list};
use crate::analysis::{Folded, fold};

/// Chinese cue verbs, longest first (folded, simplified).
static ZH_CUES: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("data/zh-cues.txt")));

/// Cues of learning, not saying: the source is who it was learnt from (`记者从小米集团
/// 获悉` → 小米集团); with no 从 in the subject there is none (`据了解`, `记者了解到`).
static FROM_CUES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-from-cues.txt")));

/// Cues that report speech only before a colon or a quotation: before a comma they
/// are as often a verb and its object (问道, "ask of the Way").
static COLON_CUES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-colon-cues.txt")));

/// Finds every cue of [`ZH_CUES`] in one reading of a sentence (a search per cue built
/// 38 searchers per sentence, a tenth of a build's own work on the scale corpus).
static ZH_CUE_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // A fixed list of a few dozen short words, well inside the automaton's limits.
    AhoCorasick::new(ZH_CUES.iter()).expect("the cue list builds an automaton")
});

/// Finds, in a sentence as written, every way of writing a cue of [`ZH_CUES`] or 据 that
/// folding turns into it (`說`, `稱`, `據`, a radical or compatibility ideograph), and
/// every char folding turns into several chars: a sentence it finds nothing in holds no
/// cue once folded, and is ruled out without folding it (folding every sentence was
/// more than half of the attribution time of a scale build).
static RAW_CUE_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // A few hundred short strings, well inside the automaton's limits (a DFA of them
    // is small, and scans faster than the default's NFA).
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(raw_cue_forms())
        .expect("the cue forms build an automaton")
});

/// The patterns of [`RAW_CUE_FINDER`]: each cue with every char in each of the forms
/// that fold into it, and the chars that fold into several.
fn raw_cue_forms() -> Vec<String> {
    let cues = || ZH_CUES.iter().copied().chain(["据"]);
    let mut targets: Vec<char> = cues().flat_map(str::chars).collect();
    targets.sort_unstable();
    targets.dedup();
    let (forms, several) = crate::analysis::unfold(&targets);
    let mut patterns: Vec<String> = several.iter().map(char::to_string).collect();
    for cue in cues() {
        let mut written = vec![String::new()];
        for target in cue.chars() {
            written = written
                .iter()
                .flat_map(|w| {
                    forms
                        .iter()
                        .filter(move |&&(_, t)| t == target)
                        .map(move |&(c, _)| format!("{w}{c}"))
                })
                .collect();
        }
        patterns.extend(written);
    }
    patterns
}

/// Words ending in a one-character cue that are not speech (`对于特斯拉来说`, `堪称`).
static ZH_NOT_CUES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-not-cues.txt")));

/// Words that open a clause before its subject (`正如雷军所言`, `但钟师提醒`).
static ZH_LEADS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-leads.txt")));

/// Words that begin with a one-character lead of [`ZH_LEADS`] and are no lead
/// (`有机衍生物`, `也门政府`, `但丁`).
static NOT_LEADS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-not-leads.txt")));

/// Quantifiers before an unnamed source (`不止一位业内人士`).
static ZH_QUANTIFIERS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-quantifiers.txt")));

/// Adverbs and phrases between a subject and its cue (`钟师就明确表示`, `他也提醒`).
static ZH_ADVERBS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-adverbs.txt")));

/// Role nouns: a speaker `汽车行业分析师钟师` splits into role `汽车行业分析师` and name `钟师`.
static ZH_ROLES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-roles.txt")));

/// Unnamed sources end like these.
static ZH_UNNAMED: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-unnamed.txt")));

/// Subjects that are not sources.
static ZH_NOT_SPEAKERS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-not-speakers.txt")));

/// Nouns ending in 地 that can be a source (`该基地表示`).
static PLACE_NOUNS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-place-nouns.txt")));

/// Modal verbs: a "subject" holding one is a clause, not a source (`整数可以用二进制
/// 记数法表示，…`: integers can be represented in binary).
static ZH_MODALS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-modals.txt")));

/// Time words that end a subject before its cue (`美国白宫今天称`).
static ZH_TIME_WORDS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-time-words.txt")));

/// Words a subject cannot begin with: it is a verb phrase or a clause (`向著林鄭說`).
static ZH_CLAUSE_STARTS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-clause-starts.txt")));

/// Words ending the subject of a clause when the cue opens the next clause with no
/// subject of its own (`伊朗外交部强烈谴责这一事件，称…`).
static ZH_ELLIPSIS_VERBS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-ellipsis-verbs.txt")));

/// Cues that report a statement even with no comma, colon or quotation after them
/// (`有关专家表示2个月以下的孩子不能…`, `黎真主党武装称正在…展开调查`), with the chars
/// that, right after the cue, make it another word (`称为`, `指着`).
const BARE_CUES: &[(&str, &str)] = &[
    ("表示", ""),
    ("指出", ""),
    ("认为", ""),
    ("重申", ""),
    ("透露", ""),
    ("声称", ""),
    ("宣称", ""),
    ("谴责", ""),
    // Testimony and insistence: `警員供稱第一次見到被告時…`.
    ("供称", ""),
    ("坚称", ""),
    ("辩称", ""),
    // `扎哈罗娃要求美国作出回应` (of whom), not `要求对事件进行调查`, `要求出示身份證`
    // (an act asked for, with no one named to do it).
    ("要求", "对就于在将把作做进出立尽采停加予给"),
    ("强调", ""),
    ("警告", ""),
    // What a medium relays (`有線在3月時引述消息最快3月底宣誓`).
    ("引述", ""),
    // Agreement in testimony (`林上嵐同意一般市民未必…`).
    ("同意", "与和跟向由让给把将的书"),
    ("称", "为之作赞号霸职心重谓呼道颂许王帝臣得"),
    ("指", "着著示责挥控定导引标数南令明望向派甲纹尖头点正日称"),
];

/// What a bare `表示` is followed by when it expresses a feeling, not a statement
/// (`对此表示热烈祝贺`, `表示不满`).
const FEELINGS: &[&str] = &[
    "热烈", "祝贺", "感谢", "欢迎", "不满", "关切", "关注", "哀悼", "慰问", "遗憾", "赞赏", "敬意",
    "谢意", "同情", "祝福", "诚挚", "衷心", "强烈", "深切", "愤慨", "震惊", "担忧", "满意", "严重",
    "高度",
];

/// Cues that report speech only before a colon, not before a quotation (`妻子道：`,
/// `被告謂：`; `管道“北溪-1”` is a pipe).
const COLON_ONLY: &[&str] = &["道", "谓", "问", "答", "查问"];

/// Words after a role noun that make a compound with it, not a name (`區議員宣誓`).
static NOT_NAMES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-not-names.txt")));

/// Pronouns whose referent is the last named person.
static ZH_PRONOUNS: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-pronouns.txt")));

/// Is the char (as written) one of the common surnames of [`SURNAMES`]?
pub(super) fn is_surname(c: char) -> bool {
    let f = crate::analysis::fold_str(c.encode_utf8(&mut [0; 4]));
    SURNAMES.contains(&f.as_str())
}

/// The person a sentence opens with (a name, a surname alone, a pronoun), as written:
/// `楊穎宇7月底遞信辭職` → 楊穎宇.
pub(super) fn opener(sentence: &str) -> Option<String> {
    let folded = fold(sentence);
    let f = folded.text.as_str();
    let end = f.find(is_clause_break).unwrap_or(f.len());
    let s = strip_leads(f, 0, end);
    let head: String = f[s..end].chars().take(8).collect();
    match opening(&head) {
        Opening::Person(a, b) => Some(orig(sentence, &folded, s + a, s + b).to_string()),
        _ => None,
    }
}

/// Is the text (as written) one of [`ZH_PRONOUNS`]?
pub(super) fn is_pronoun(text: &str) -> bool {
    ZH_PRONOUNS.contains(&crate::analysis::fold_str(text).as_str())
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | ';' | '；' | ':' | '：' | '、' | '。' | '!' | '?' | '！' | '？' | '”' | '」'
    )
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '「' | '『' | '"')
}

/// Common surnames: a subject of one alone (`林稱`) is someone named in full before.
static SURNAMES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("data/zh-surnames.txt")));

/// Chars that end a name in narration (`部长怀进鹏就…`, `扎哈罗娃今天…`, `王毅等出席`).
pub(super) const NAME_ENDS: &str = "所就在对向同与和及于今昨近日前重作接出会率到访谴表指说称认也还又则等亦均曾都将已并为是的了个们（(，,、。；;：:“”「」《 ";

/// The last person a sentence names by a role (`教育部部长怀进鹏`) or as `X同志`: name
/// and role, for a later pronoun.
pub(super) fn last_person(text: &str) -> Option<(String, Option<String>)> {
    let folded = fold(text);
    let f = folded.text.as_str();
    let name_after = |at: usize| -> Option<(usize, usize)> {
        let mut end = at;
        let mut n = 0;
        for (i, c) in f[at..].char_indices() {
            let joiner = matches!(c, '·' | '-' | '•');
            if NAME_ENDS.contains(c)
                || c.is_ascii_digit()
                || !(crate::analysis::is_cjk(c) || joiner)
            {
                break;
            }
            n += 1;
            end = at + i + c.len_utf8();
            if n >= 4 && !f[at..end].contains(['·', '-', '•']) {
                // No end in sight: a given name is two chars at most.
                end = at + f[at..].char_indices().nth(3).map_or(end - at, |(j, _)| j);
                break;
            }
        }
        let len = f[at..end].chars().count();
        // `記者追問文件…`: a verb of saying, not a name.
        let verb = ZH_CUES
            .iter()
            .any(|c| c.len() > 3 && f[at..end].contains(c))
            || NOT_NAMES.iter().any(|w| f[at..end].starts_with(w))
            || not_a_name(&f[at..end]);
        ((2..=12).contains(&len) && !verb).then_some((at, end))
    };
    // The name's range, and its role's where a role names it.
    type Named = (usize, usize, Option<(usize, usize)>);
    let mut best: Option<Named> = None;
    for role in ZH_ROLES.iter() {
        for (p, _) in f.match_indices(role) {
            let after = p + role.len();
            if let Some((s, e)) = name_after(after)
                && best.is_none_or(|b| s > b.0)
            {
                best = Some((s, e, Some((p, after))));
            }
        }
    }
    for (p, _) in f.match_indices("同志") {
        let before: Vec<(usize, char)> = f[..p].char_indices().collect();
        let mut name: Vec<&(usize, char)> = before
            .iter()
            .rev()
            .take(3)
            .take_while(|(_, c)| crate::analysis::is_cjk(*c) && !NAME_ENDS.contains(*c))
            .collect();
        // A name of three chars opening with a common surname may hold a char that
        // ends names elsewhere (`习近平同志`: 近).
        let three: Vec<&(usize, char)> = before.iter().rev().take(3).collect();
        if name.len() < 3
            && three.len() == 3
            && three.iter().all(|(_, c)| crate::analysis::is_cjk(*c))
            && three.last().is_some_and(|&&(_, c)| is_surname(c))
            && !three[..2]
                .iter()
                .any(|(_, c)| "的了在是和与及".contains(*c))
        {
            name = three;
        }
        if name.len() >= 2
            && let Some(&&(s, _)) = name.last()
            && best.is_none_or(|b| s > b.0)
        {
            best = Some((s, p, None));
        }
    }
    let (s, e, role) = best?;
    let name = orig(text, &folded, s, e).to_string();
    let role = role.map(|(rs, re)| orig(text, &folded, rs, re).to_string());
    Some((name, role))
}

/// `陳大文說。`, `他表示。`: a source and a cue, nothing else (`t` trimmed).
pub(super) fn bare(t: &str) -> Option<Attribution> {
    let folded = fold(t);
    let f = folded.text.as_str();
    let cue = ZH_CUES.iter().find(|c| f.ends_with(*c))?;
    let p = f.len() - cue.len();
    if ZH_NOT_CUES.iter().any(|w| f.ends_with(w)) {
        return None;
    }
    let start = f[..p]
        .char_indices()
        .rev()
        .find(|(_, c)| is_clause_break(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (s, e) = subject(f, start, p)?;
    let subject_f = &f[s..e];
    if no_source(subject_f, cue) {
        return None;
    }
    let speaker = orig(t, &folded, s, e).trim().to_string();
    let cue = orig(t, &folded, p, f.len()).to_string();
    let pronoun = ZH_PRONOUNS.contains(&subject_f);
    let (role, name) = if pronoun {
        (None, speaker)
    } else {
        split_role(&speaker)
    };
    Some(Attribution {
        speaker: name,
        role,
        cue,
        statement: String::new(),
        unnamed: !pronoun && is_unnamed_zh(subject_f),
        pronoun,
        elided: None,
    })
}

/// The original text of a folded byte range.
fn orig<'a>(sentence: &'a str, folded: &Folded, start: usize, end: usize) -> &'a str {
    let (s, e) = folded.original_range(start, end);
    &sentence[s..e]
}

/// Every attribution of a sentence, in text order: each source with a cue (`伊朗外交部
/// 谴责…，称…。哈马斯称…`, `X表示，…，Y则认为，…`), each statement running to where
/// the next source's clause begins; or a quotation and its source after it.
pub(super) fn attributions(sentence: &str) -> Vec<Attribution> {
    let found = cue_attributions(sentence);
    if !found.is_empty() {
        return found;
    }
    quotation_first(sentence)
        .or_else(|| quotation_last(sentence))
        .into_iter()
        .collect()
}

/// The first attribution of a sentence.
pub(super) fn attribute(sentence: &str) -> Option<Attribution> {
    cue_attributions(sentence)
        .into_iter()
        .next()
        .or_else(|| quotation_first(sentence))
        .or_else(|| quotation_last(sentence))
}

/// `回想當年，陳大文並不想出選，「我唔覺得自己合適。」`, `陳大文激動落淚：「…」`: a
/// sentence about a person that ends in what they said, with no cue: the words are the
/// person's the nearest clause before them opens with. The quotation follows a comma
/// or a colon and is an utterance (a clause of its own, not a term in quotation marks).
fn quotation_last(sentence: &str) -> Option<Attribution> {
    let t = sentence
        .trim_end()
        .trim_end_matches(['。', '！', '？', '；', '*', ' '])
        .strip_suffix('」')?;
    let open = t.rfind('「')?;
    let inner = &t[open + '「'.len_utf8()..];
    let before = t[..open].trim_end_matches(['*', ' ']);
    let utterance = inner
        .chars()
        .filter(|c| crate::analysis::is_cjk(*c))
        .count()
        >= 6
        && inner.contains(['，', '。', '？', '！', '、']);
    if !utterance || inner.contains(['「', '」']) {
        return None;
    }
    // (Checked on the text as written before folding it, as most sentences fail here;
    // the clause's end is then found again in the folded text.)
    before.strip_suffix(['，', ',', '：', ':'])?;
    let folded = fold(sentence);
    let f = folded.text.as_str();
    let open = f.rfind('「')?;
    let end = f[..open]
        .trim_end_matches(['*', ' '])
        .strip_suffix(['，', ',', '：', ':'])?
        .len();
    let head = elided_before(sentence, &folded, clause_start_before(f, end), end)?;
    Some(Attribution {
        speaker: head.clone(),
        role: None,
        cue: "：".into(),
        statement: format!("「{inner}」"),
        unnamed: false,
        pronoun: false,
        elided: Some(head),
    })
}

/// `「我們會繼續努力」，陳大文說。`: the quotation first, the source after it.
fn quotation_first(sentence: &str) -> Option<Attribution> {
    let t = sentence.trim();
    let (open, close) = [('“', '”'), ('「', '」'), ('『', '』')]
        .into_iter()
        .find(|(o, _)| t.starts_with(*o))?;
    let inner_end = t.find(close)?;
    let inner = &t[open.len_utf8()..inner_end];
    let rest = t[inner_end + close.len_utf8()..].trim_start_matches([',', '，', ' ']);
    let rest = rest
        .trim()
        .trim_end_matches(['。', '.', '!', '！', '；', ';']);
    let mut a = bare(rest)?;
    a.statement = inner.trim().to_string();
    (a.statement.chars().count() >= 2).then_some(a)
}

/// Where the cues of [`ZH_CUES`] stand in folded text, in text order. The cues are taken
/// in list order (longest first), each left to right, so that a cue inside one found
/// before (`称` in `评价称`) is no position of its own.
fn cue_positions(f: &str) -> Vec<(usize, &'static str)> {
    let mut found: Vec<(usize, usize, usize)> = ZH_CUE_FINDER
        .find_overlapping_iter(f)
        .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
        .collect();
    found.sort_unstable();
    let mut hits: Vec<(usize, &'static str)> = Vec::new();
    // The cue and end of the occurrence taken last: as in a search for one cue, a cue's
    // occurrences do not overlap each other.
    let mut last: Option<(usize, usize)> = None;
    for (k, p, end) in found {
        if last.is_some_and(|(lk, le)| lk == k && p < le) {
            continue;
        }
        last = Some((k, end));
        let Some(cue) = ZH_CUES.get(k) else {
            continue;
        };
        let covered = hits.iter().any(|(q, c)| p >= *q && p < q + c.len());
        if !covered {
            hits.push((p, cue));
        }
    }
    hits.sort();
    hits
}

/// Is byte `p` of folded text inside a quotation (`他說：「我哋話…」`)? A cue there is
/// the quoted speaker's words, not the writer's attribution.
fn inside_quotation(f: &str, p: usize) -> bool {
    let mut depth: i32 = 0;
    for c in f[..p].chars() {
        match c {
            '“' | '「' | '『' => depth += 1,
            '”' | '」' | '』' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// One attribution found at a cue, with where its source's clause and its statement
/// begin in folded text.
struct Found {
    attribution: Attribution,
    clause_start: usize,
    statement_start: usize,
}

/// Every source-and-cue attribution of a sentence, in text order.
fn cue_attributions(sentence: &str) -> Vec<Attribution> {
    // Most sentences hold neither a cue nor 据: tell from the text as written, before
    // folding with the way back to the original (24 bytes kept a byte of text).
    if !RAW_CUE_FINDER.is_match(sentence) {
        return Vec::new();
    }
    // A subheading in bold (`**俄防长要求西方停止…**`) reports no one's words.
    let t = sentence.trim();
    if t.len() > 4
        && t.ends_with("**")
        && t.strip_prefix("**")
            .is_some_and(|b| !b.starts_with(is_opening_quote))
    {
        return Vec::new();
    }
    let folded = fold(sentence);
    let f = folded.text.as_str();
    let mut found: Vec<Found> = Vec::new();
    let mut from = 0;
    if let Some((a, statement_start)) = according_zh(sentence, &folded) {
        found.push(Found {
            attribution: a,
            clause_start: 0,
            statement_start,
        });
        from = statement_start;
    }
    for (p, cue) in cue_positions(f) {
        if p < from {
            continue;
        }
        if let Some(x) = attribution_at(sentence, &folded, p, cue) {
            // The next attribution is looked for after this one's cue.
            from = p + cue.len();
            // The same source again (`伊朗外交部强烈谴责这一事件，称…`): one statement.
            let same = found.last().is_some_and(|l| {
                l.attribution.speaker == x.attribution.speaker
                    && l.attribution.pronoun == x.attribution.pronoun
            });
            if !same {
                found.push(x);
            }
        }
    }
    // Each statement runs to where the next source's clause begins, unless that leaves
    // nothing of it (`劉稱，被告表示：「…」`: the words are the 被告's, and 劉's too).
    let ends: Vec<usize> = found
        .iter()
        .skip(1)
        .map(|x| x.clause_start)
        .chain([f.len()])
        .collect();
    found
        .into_iter()
        .zip(ends)
        .map(|(mut x, end)| {
            if end > x.statement_start && end < f.len() {
                let cut = orig(sentence, &folded, x.statement_start, end)
                    .trim()
                    .trim_end_matches(['，', ',', '；', ';', '。', '、', ' '])
                    .to_string();
                if cut.chars().count() >= 2 {
                    x.attribution.statement = cut;
                }
            }
            x.attribution
        })
        .collect()
}

/// The attribution of the cue `cue` at byte `p` of folded text, if it reads as one.
fn attribution_at(sentence: &str, folded: &Folded, p: usize, cue: &'static str) -> Option<Found> {
    let f = folded.text.as_str();
    if ZH_NOT_CUES.iter().any(|w| f[..p + cue.len()].ends_with(w)) {
        return None;
    }
    if inside_quotation(f, p) {
        return None;
    }
    let after = &f[p + cue.len()..];
    // Whom or what the words were about, between a cue of two chars or more and a
    // quotation (`斥責警方「點解無人部署？」`, `坦誠自己有所懼︰「我怕」`): the cue's
    // statement is the quotation.
    let object = object_before_quotation(cue, after);
    let after = &after[object..];
    let next = after.chars().next()?;
    // Reported speech follows a comma, colon or quotation mark: `钟师指出,…`.
    // `小米则强调开放协同` (the writer describing) does not.
    let quoted = is_opening_quote(next);
    // `︰` (a presentation form) folds to `..`.
    let colon =
        matches!(next, ':' | '：') || (after.starts_with("..") && !after.starts_with("..."));
    // With no mark after it, only a strong cue before what is not another word.
    let marked = quoted || colon || matches!(next, ',' | '，');
    if !marked && (!bare_statement(cue, after) || hearsay(f)) {
        return None;
    }
    if !colon && COLON_ONLY.contains(&cue) {
        return None;
    }
    // `引述知情人士稱，…`: the cue after the one cited reports it.
    if cue == "引述" && ZH_CUE_FINDER.is_match(after.split(is_clause_break).next().unwrap_or(after))
    {
        return None;
    }
    // `说道`, `问道`…: only before a colon or a quotation (a line of verse has
    // `来问道，` for "came to ask of the Way").
    if !(quoted || colon) && COLON_CUES.contains(&cue) {
        return None;
    }
    let clause_start = list_start(f, clause_start_before(f, p));
    // Learnt from a source: the subject is what follows 从.
    let clause_start = if FROM_CUES.contains(&cue) {
        clause_start + f[clause_start..p].find('从')? + '从'.len_utf8()
    } else {
        clause_start
    };
    let found = subject(f, clause_start, p).or_else(|| {
        if COLON_CUES.contains(&cue) || FROM_CUES.contains(&cue) {
            None
        } else {
            ellipsis_subject(f, clause_start, p)
        }
    });
    // No subject of its own: the person a clause before opens with, if the words are
    // marked off as speech (`劉一度雙眼泛淚，激動謂：`, `梁君彥…，卻道：`).
    let elided = match found {
        Some(_) => None,
        None if FROM_CUES.contains(&cue) || !marked => return None,
        None => Some(elided_head(sentence, folded, clause_start, p)?),
    };
    let (s, mut e) = found.unwrap_or((clause_start, clause_start));
    if found.is_some() && no_source(&f[s..e], cue) {
        return None;
    }
    if let Some(k) = manner_cut(&f[s..e]) {
        e = s + k;
    }
    let subject_f = &f[s..e];
    let statement_start = p
        + cue.len()
        + object
        + if quoted || !marked {
            0
        } else {
            next.len_utf8()
        };
    let statement = orig(sentence, folded, statement_start, f.len())
        .trim()
        .trim_start_matches(['︰', '：', ':'])
        .trim()
        .trim_end_matches(['。', '；', ';'])
        .to_string();
    if statement.chars().count() < 2 {
        return None;
    }
    let speaker = orig(sentence, folded, s, e).trim().to_string();
    let cue = orig(sentence, folded, p, p + cue.len()).to_string();
    let attribution = if let Some(head) = elided {
        Attribution {
            speaker: head.clone(),
            role: None,
            cue,
            statement,
            unnamed: false,
            pronoun: false,
            elided: Some(head),
        }
    } else if ZH_PRONOUNS.contains(&subject_f) {
        Attribution {
            speaker,
            role: None,
            cue,
            statement,
            unnamed: false,
            pronoun: true,
            elided: None,
        }
    } else {
        let (role, name) = split_role(&speaker);
        Attribution {
            speaker: name,
            role,
            cue,
            statement,
            unnamed: is_unnamed_zh(subject_f),
            pronoun: false,
            elided: None,
        }
    };
    Some(Found {
        attribution,
        clause_start: clause_start.min(s),
        statement_start,
    })
}

/// The length of a short object between a cue of two chars or more and a colon or
/// quotation after it (`斥责警方「…」`: 警方), or 0. Naming (`称他为“铁人”`) is none.
fn object_before_quotation(cue: &str, after: &str) -> usize {
    // A one-char cue only before a colon after a few chars (`再說三次：`): before a
    // quotation it is as often another verb (`指林鄭「講大話」`).
    let one_char = cue.chars().count() < 2;
    let Some((k, c)) = after
        .char_indices()
        .find(|&(_, c)| is_clause_break(c) || is_opening_quote(c) || c == '.')
    else {
        return 0;
    };
    let gap = &after[..k];
    let n = gap.chars().count();
    let rest = &after[k..];
    let opens = is_opening_quote(c)
        || matches!(c, ':' | '：')
        || (rest.starts_with("..") && !rest.starts_with("..."));
    // A term in quotation marks inside a clause (`質疑X「切割」遠東集團`) is none.
    let ends_clause = match rest.chars().next() {
        Some(o) if is_opening_quote(o) => {
            let close = match o {
                '「' => '」',
                '『' => '』',
                '"' => '"',
                _ => '”',
            };
            rest[o.len_utf8()..].find(close).is_none_or(|j| {
                rest[o.len_utf8() + j + close.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(|c| is_clause_break(c) || c == '.' || is_opening_quote(c))
            })
        }
        _ => true,
    };
    if one_char && (n > 3 || is_opening_quote(c)) {
        return 0;
    }
    if (1..=8).contains(&n) && opens && ends_clause && !gap.contains(['为', '作']) {
        k
    } else {
        0
    }
}

/// Does the sentence open with what the writer heard (`據悉，警方要求…`, `据了解`)?
/// A source's act it tells of (a demand, a warning) with no mark after the cue is the
/// writer's report, not the source's statement.
fn hearsay(f: &str) -> bool {
    let start = strip_leads(f, 0, f.len());
    [
        "据悉",
        "据了解",
        "据知",
        "据报道",
        "据报导",
        "消息指",
        "消息称",
    ]
    .iter()
    .any(|w| f[start..].starts_with(w))
}

/// Does a cue with no mark after it report what follows it (`专家表示2个月以下的孩子
/// 不能…`)? Only a cue of [`BARE_CUES`] before a clause of some length that is
/// neither another word (`称为`), a feeling (`表示不满`), nor a time (`宣布造车时，`).
fn bare_statement(cue: &str, after: &str) -> bool {
    let Some(next) = after.chars().next() else {
        return false;
    };
    if !BARE_CUES
        .iter()
        .any(|(c, not_next)| *c == cue && !not_next.contains(next))
    {
        return false;
    }
    // `宣誓要求而辭職`, `要求的`: a noun.
    if matches!(next, '而' | '的' | '之') {
        return false;
    }
    if cue == "表示" && FEELINGS.iter().any(|w| after.starts_with(w)) {
        return false;
    }
    let clause = after.split(is_clause_break).next().unwrap_or(after);
    // An emphasis or a warning reports a claim, with a modal or a verb of being in it
    // (`强调改革必须继续推进`); `强调开放协同` is the writer describing.
    if matches!(cue, "强调" | "警告")
        && !clause.contains([
            '要', '必', '应', '不', '将', '会', '是', '能', '已', '在', '有',
        ])
    {
        return false;
    }
    // `称他为“铁人”`: naming.
    if cue == "称" && clause.chars().take(6).any(|c| c == '为' || c == '作') {
        return false;
    }
    // Testimony opens with when as often as not (`供稱第一次見到被告時，…`).
    let testimony = matches!(cue, "供称" | "坚称" | "辩称");
    clause.chars().count() >= 4
        && (testimony
            || !["时", "后", "前", "之际", "以来", "时候"]
                .iter()
                .any(|w| clause.ends_with(w)))
}

/// Where the clause holding byte `p` begins: after the last clause break before it.
fn clause_start_before(f: &str, p: usize) -> usize {
    f[..p]
        .char_indices()
        .rev()
        .find(|(_, c)| is_clause_break(*c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// A clause start moved back over the short names a subject lists with 、 before it
/// (`伊朗、叙利亚外交部`, `埃及、约旦等国`, `中共中央总书记、国家主席习近平`).
fn list_start(f: &str, mut start: usize) -> usize {
    while let Some(before) = f[..start].strip_suffix('、') {
        let prev = clause_start_before(f, before.len());
        let item = f[prev..before.len()].trim();
        let n = item.chars().count();
        if !(1..=12).contains(&n) || !item.chars().all(char::is_alphanumeric) {
            break;
        }
        start = prev;
    }
    start
}

/// The subject of the clause before a cue that opens its own clause with none
/// (`伊朗外交部强烈谴责这一事件，称…`: 伊朗外交部): the words before the first of
/// [`ZH_ELLIPSIS_VERBS`] in the clause just before, if the cue's clause is empty.
fn ellipsis_subject(f: &str, clause_start: usize, p: usize) -> Option<(usize, usize)> {
    // The cue's own clause holds no subject: nothing, adverbs (`僅指`, `並警告`) or
    // whom it was said to (`向一眾警員表示`).
    let mut own = f[strip_leads(f, clause_start, p)..p].trim();
    while let Some(a) = ZH_ADVERBS.iter().find(|a| own.ends_with(*a)) {
        own = &own[..own.len() - a.len()];
    }
    let to_whom = own.starts_with(['向', '对', '跟']) && own.chars().count() <= 8;
    if !own.is_empty() && !to_whom {
        return None;
    }
    let before = f[..clause_start].strip_suffix([',', '，'])?;
    let prev = list_start(f, clause_start_before(f, before.len()));
    let clause = &f[prev..before.len()];
    let verb = ZH_ELLIPSIS_VERBS
        .iter()
        .filter_map(|v| clause.find(v).filter(|&i| i > 0))
        .min()?;
    subject(f, prev, prev + verb)
}

/// Who a clause with no subject of its own is said by: the person the nearest clause
/// before it in the sentence opens with (a name, a surname alone, a pronoun), as
/// written. Looking back stops at a clause opening with another noun (`秘書處亦多次
/// 拒絕…`: its subject, no person) and at the sentence's start.
fn elided_head(sentence: &str, folded: &Folded, clause_start: usize, p: usize) -> Option<String> {
    let f = folded.text.as_str();
    // The cue's own clause holds no subject: nothing, adverbs and a manner (`激動謂`,
    // `卻道`), or whom it was said to (`向著林鄭說`).
    let mut own = f[strip_leads(f, clause_start, p)..p].trim();
    while let Some(a) = ZH_ADVERBS
        .iter()
        .chain(FEELINGS)
        .find(|a| own.ends_with(*a))
    {
        own = &own[..own.len() - a.len()];
    }
    let to_whom = own.starts_with(['向', '对', '跟', '朝']) && own.chars().count() <= 8;
    let manner = crate::analysis::tag(own)
        .iter()
        .all(|&(_, t)| matches!(t, "a" | "ad" | "d" | "c" | "i" | "l"));
    if !(own.is_empty() || to_whom || manner) {
        return None;
    }
    let before = f[..clause_start].strip_suffix([',', '，', '、', '」', '”'])?;
    elided_before(
        sentence,
        folded,
        clause_start_before(f, before.len()),
        before.len(),
    )
}

/// The person the clause `start..end` of folded text opens with, or if it opens with no
/// subject at all, the one a clause before it opens with (six clauses at most).
fn elided_before(
    sentence: &str,
    folded: &Folded,
    mut start: usize,
    mut end: usize,
) -> Option<String> {
    let f = folded.text.as_str();
    for _ in 0..6 {
        if inside_quotation(f, start) {
            return None;
        }
        let s = strip_leads(f, start, end);
        if s < end {
            let head: String = f[s..end].chars().take(8).collect();
            match opening(&head) {
                Opening::Person(a, b) => {
                    return Some(orig(sentence, folded, s + a, s + b).to_string());
                }
                Opening::Other => return None,
                Opening::Nobody => {}
            }
        }
        let before = f[..start].strip_suffix([',', '，', '、', '」', '”'])?;
        end = before.len();
        start = clause_start_before(f, end);
    }
    None
}

/// Does a name after a role read as a word of another kind (`議員發言`, `議員起哄`,
/// `專員多次`: a verb, an adverb, an adjective, a number or time, a pronoun, a
/// preposition, by jieba's tags)?
fn not_a_name(text: &str) -> bool {
    crate::analysis::tag(text).first().is_some_and(|&(w, t)| {
        w.chars().count() >= 2
            && matches!(
                t,
                "v" | "vn"
                    | "vd"
                    | "d"
                    | "a"
                    | "ad"
                    | "an"
                    | "m"
                    | "mq"
                    | "q"
                    | "t"
                    | "r"
                    | "p"
                    | "c"
                    | "f"
            )
    })
}

/// How much of a subject reads, by jieba's tags, as a noun phrase: `None` for an
/// adverb, a preposition, a conjunction or a place word alone (`紛紛`, `期間`) or a
/// phrase opening with a preposition or a conjunction (`當記者`, `如果消息人士`,
/// `對潘母`; `在旁的妻子` is one); else the length up to a trailing adverb, time or
/// place word (`梁君彥此時` → 梁君彥, `潘繼而` → 潘). A verb is no sign: jieba tags many
/// names of sources as verbs.
fn noun_phrase(text: &str) -> Option<usize> {
    let words = crate::analysis::tag(text);
    let trailing = |t: &str| {
        matches!(
            t,
            "d" | "ad" | "c" | "p" | "f" | "u" | "uj" | "ul" | "q" | "t" | "tg"
        )
    };
    // A verb phrase (`引用高等法院的案例`): no subject.
    let verb_first = ZH_ELLIPSIS_VERBS
        .iter()
        .any(|v| v.chars().count() > 1 && text.starts_with(v));
    match words.as_slice() {
        [] => Some(text.len()),
        // An idiom or a place alone (`硬着头皮`, `庭上`).
        [(_, t)] => {
            (!(trailing(t) || matches!(*t, "i" | "l" | "s")) || *t == "t").then_some(text.len())
        }
        // `在旁的妻子` is a person; `以雄浑的声线`, `只简单` are not (`也门政府` is).
        [(_, first), ..]
            if (matches!(*first, "p" | "c")
                && !(text.starts_with('在') && text.contains('的')))
                || (matches!(*first, "d" | "ad")
                    && !words[1..].iter().any(|(_, t)| t.starts_with('n')))
                || verb_first =>
        {
            None
        }
        _ => {
            let keep = words.iter().rposition(|&(_, t)| !trailing(t))?;
            Some(words[..=keep].iter().map(|(w, _)| w.len()).sum())
        }
    }
}

/// What a clause opens with.
enum Opening {
    /// A person (a pronoun, a name, a surname alone): where the name starts and ends.
    Person(usize, usize),
    /// No subject: a verb, an adverb or a preposition (`從三名保安中間探出身來`).
    Nobody,
    /// Some other subject.
    Other,
}

/// What the clause `head` (folded) opens with.
fn opening(head: &str) -> Opening {
    for p in ["他们", "她们", "佢哋", "他", "她", "佢"] {
        if let Some(rest) = head.strip_prefix(p) {
            return if rest.starts_with(['人', '国', '日', '方', '们']) {
                Opening::Other
            } else {
                Opening::Person(0, p.len())
            };
        }
    }
    // A role before the name (`主席王小华`): the name.
    let role = ZH_ROLES
        .iter()
        .filter(|r| head.starts_with(*r))
        .map(|r| r.len())
        .max()
        .unwrap_or(0);
    let words = crate::analysis::tag(&head[role..]);
    let Some(&(w, t)) = words.first() else {
        return Opening::Nobody;
    };
    if role == 0 && matches!(t, "p" | "d" | "ad" | "c" | "v" | "vd" | "f") {
        return Opening::Nobody;
    }
    // A name as jieba cuts it may run into the verb after it (`林说`): up to that.
    let cut = w
        .char_indices()
        .skip(1)
        .find(|&(_, c)| NAME_ENDS.contains(c))
        .map_or(w.len(), |(i, _)| i);
    let name = &w[..cut];
    let person = match name.chars().count() {
        1 => SURNAMES.contains(&name),
        // (A name jieba tags as one may be a word it mistakes for one, `明白`: a
        // Chinese name opens with a common surname.)
        2..=4 => t.starts_with("nr") && name.chars().next().is_some_and(is_surname),
        _ => false,
    };
    // A surname jieba cuts off its given name (`林/亨利`): the two.
    let given = match words.get(1) {
        Some(&(g, gt)) if cut == w.len() && name.chars().count() == 1 && gt.starts_with("nr") => {
            let g_cut = g
                .char_indices()
                .find(|&(_, c)| NAME_ENDS.contains(c))
                .map_or(g.len(), |(i, _)| i);
            if (1..=2).contains(&g[..g_cut].chars().count()) {
                g_cut
            } else {
                0
            }
        }
        _ => 0,
    };
    if person {
        Opening::Person(role, role + cut + given)
    } else {
        Opening::Other
    }
}

/// Where a name stops and a clause of what its bearer did begins (`黎转头厉声` → 黎,
/// `局方却轻描淡写` → 局方): the first word after the words of a name, if a verb or an
/// adverb follows and no role is named. Read from jieba's part-of-speech tags.
fn manner_cut(text: &str) -> Option<usize> {
    // A pronoun and what its person did (`他笑`, `她苦笑`, `他自我`): the pronoun.
    if let Some(p) = ZH_PRONOUNS.iter().find(|p| text.starts_with(*p))
        && text.len() > p.len()
        && crate::analysis::tag(&text[p.len()..])
            .first()
            .is_some_and(|&(_, t)| matches!(t, "v" | "d" | "ad" | "r"))
    {
        return Some(p.len());
    }
    if text.chars().count() < 3
        || text.contains('、')
        || ZH_ROLES.iter().any(|r| text.contains(r))
        || ZH_UNNAMED.iter().any(|r| text.contains(r))
    {
        return None;
    }
    let words = crate::analysis::tag(text);
    let naming = |w: &str, t: &str| {
        t.starts_with('n')
            || matches!(t, "zg" | "j" | "b" | "x" | "eng")
            || (t == "m" && w.chars().all(|c| c.is_ascii_digit()))
    };
    let mut at = 0;
    for (i, &(w, t)) in words.iter().enumerate() {
        if !naming(w, t) {
            let opens = matches!(t, "d" | "ad" | "v" | "vd" | "p" | "r");
            let clause = words[i..].iter().any(|&(_, t)| t == "v" || t == "d");
            return (i > 0 && opens && clause).then_some(at);
        }
        at += w.len();
    }
    None
}

/// The start of a trailing time (`8日`, `2日上午`, `今天（8月5日）`, `当天`) of a
/// subject, after some name.
fn time_suffix(subject: &str) -> Option<usize> {
    // A date in brackets: `今天（8月5日）`.
    if let Some(inner) = subject.strip_suffix(['）', ')'])
        && let Some(k) = inner.rfind(['（', '('])
        && k > 0
        && inner[k..]
            .chars()
            .any(|c| c.is_ascii_digit() || c == '月' || c == '日')
    {
        return Some(k);
    }
    if let Some(w) = ZH_TIME_WORDS
        .iter()
        .find(|w| subject.ends_with(*w) && subject.len() > w.len())
    {
        return Some(subject.len() - w.len());
    }
    // `8日`, `4月`, `2024年`: digits and a unit of the calendar.
    let rest = subject.strip_suffix(['日', '号', '月', '年'])?;
    let name = rest.trim_end_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    (name.len() < rest.len() && !name.is_empty()).then_some(name.len())
}

/// `据盖世汽车研究院称,…` / `据X报道,…`: the source between 据 and the cue.
fn according_zh(sentence: &str, folded: &Folded) -> Option<(Attribution, usize)> {
    let f = folded.text.as_str();
    let start = strip_leads(f, 0, f.len());
    let rest = f[start..].strip_prefix('据')?;
    let comma = rest.find([',', '，', ':', '：'])?;
    let head = &rest[..comma];
    const CUES: &[&str] = &[
        "报道", "报导", "介绍", "透露", "表示", "称", "说", "指出", "消息",
    ];
    let cue = CUES.iter().find(|c| head.ends_with(*c))?;
    // The source as a range of `head`: with a report's own word (`报道说`), whom it
    // cites (`俄罗斯媒体援引俄地方官员的话报道说`) and when (`以媒今天报道`) taken off.
    let mut from = 0;
    let mut to = head.len() - cue.len();
    loop {
        let cur = head[from..to].trim_end();
        to = from + cur.len();
        if let Some(k) = cur.find("援引").filter(|&k| k > 0) {
            from += k + "援引".len();
        } else if let Some(cited) = ["的话", "的说法", "的消息"]
            .iter()
            .find_map(|w| cur.strip_suffix(w))
        {
            to = from + cited.len();
        } else if let Some(p) = time_suffix(cur) {
            to = from + p;
        } else if let Some(w) = ["报道", "报导"]
            .iter()
            .find(|w| cur.ends_with(*w) && cur.len() > w.len())
        {
            to -= w.len();
        } else {
            break;
        }
    }
    let source = head[from..to].trim();
    if source.chars().count() < 2 || matches!(source, "悉" | "了解" | "报道" | "介绍") {
        return None;
    }
    let src_start = start + '据'.len_utf8() + from;
    let src_end = src_start + source.len();
    let cue_start = start + '据'.len_utf8() + head.len() - cue.len();
    let comma_len = rest[comma..].chars().next().map_or(1, char::len_utf8);
    let statement_start = start + '据'.len_utf8() + comma + comma_len;
    let statement = orig(sentence, folded, statement_start.min(f.len()), f.len())
        .trim_start_matches([',', '，', ':', '：'])
        .trim()
        .trim_end_matches(['。', '；', ';'])
        .to_string();
    if statement.chars().count() < 2 {
        return None;
    }
    let speaker = orig(sentence, folded, src_start, src_end)
        .trim()
        .to_string();
    let (role, name) = split_role(&speaker);
    let a = Attribution {
        speaker: name,
        role,
        cue: format!(
            "据…{}",
            orig(sentence, folded, cue_start, cue_start + cue.len())
        ),
        statement,
        unnamed: is_unnamed_zh(source),
        pronoun: false,
        elided: None,
    };
    Some((a, statement_start.min(f.len())))
}

/// Skips clause-opening words from `start`: returns the new start.
fn strip_leads(f: &str, mut start: usize, end: usize) -> usize {
    loop {
        let rest = &f[start..end];
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '*');
        start += rest.len() - trimmed.len();
        if NOT_LEADS.iter().any(|w| trimmed.starts_with(w)) {
            return start;
        }
        match ZH_LEADS
            .iter()
            .find(|l| trimmed.starts_with(*l) && trimmed.len() > l.len())
        {
            Some(l) => start += l.len(),
            None => return start,
        }
    }
}

/// The subject between `start` and the cue at `end`, with leading connectives,
/// quantifiers and trailing adverbs removed. `None` when nothing plausible is left.
fn subject(f: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut s = strip_leads(f, start, end);
    if let Some(q) = ZH_QUANTIFIERS.iter().find(|q| f[s..end].starts_with(*q)) {
        s += q.len();
    }
    // Heard from whom, and who among those there: `郭先生聽到有市民高呼` is the
    // 市民's, `車箱外有市民大叫` too.
    if let Some(k) = ["听到", "听见", "看到", "见到", "记得"]
        .iter()
        .filter_map(|w| f[s..end].find(w).map(|k| k + w.len()))
        .filter(|&k| k > 6)
        .max()
    {
        s += k;
    }
    if let Some(k) = there_is(&f[s..end]) {
        s += k;
    }
    s = strip_leads(f, s, end);
    let mut e = end;
    loop {
        let cur = f[s..e].trim_end();
        e = s + cur.len();
        // Where or when it was said: `卢伟冰在财报电话会上表示`, `雷军于发布会上称`.
        if let Some(p) = adverbial_phrase(cur) {
            e = s + p;
            continue;
        }
        // To which reporter: `蔚来方面回应澎湃新闻记者称`, `对第一财经记者表示`.
        if let Some(p) = addressee(cur) {
            e = s + p;
            continue;
        }
        // Whom it was said to: `劉向被告查問` (劉), `謝安對人說`.
        if let Some(p) = spoken_to(cur) {
            e = s + p;
            continue;
        }
        // During what, with no 在: `习近平总书记来到这里考察时强调` (习近平总书记).
        if cur.ends_with('时')
            && let Some(p) = ZH_ELLIPSIS_VERBS
                .iter()
                .filter_map(|v| cur.find(v).filter(|&i| i > 0))
                .min()
        {
            e = s + p;
            continue;
        }
        // When: `美国白宫8日称`, `日本气象厅2日上午宣布`, `萨拉米今天（8月5日）说`.
        if let Some(p) = time_suffix(cur) {
            e = s + p;
            continue;
        }
        // With whom: `林卓廷今日聯同傷者譴責` (林卓廷今日).
        if let Some(p) = ["联同", "连同", "伙同"]
            .iter()
            .filter_map(|w| cur.find(w))
            .filter(|&i| i > 0)
            .min()
        {
            e = s + p;
            continue;
        }
        // A statement given in court or a document of the source's: `X的口供指出`.
        if let Some(owner) = [
            "的口供",
            "的供词",
            "的证供",
            "的证词",
            "的声明",
            "的文章",
            "的帖文",
        ]
        .iter()
        .find_map(|w| cur.strip_suffix(w))
        .filter(|o| !o.is_empty())
        {
            e = s + owner.len();
            continue;
        }
        // Whom it was pointed at or agreed with: `毛離場時指著林鄭說` (毛), `他亦同意
        // 辯方指出` (他).
        if let Some(p) = ["指着", "指著", "向着", "向著", "对着", "同意", "赞同"]
            .iter()
            .filter_map(|w| cur.find(w))
            .filter(|&i| i > 0)
            .min()
        {
            e = s + p;
            continue;
        }
        // A statement or report of the source's: `日本原子能规制委员会1日的声明称`.
        if let Some(owner) = cur.strip_suffix('的') {
            let said = &f[end..];
            if !owner.is_empty()
                && ["声明", "报告", "公告", "通报", "文章", "讲话"]
                    .iter()
                    .any(|w| said.starts_with(w))
            {
                e = s + owner.len();
                continue;
            }
        }
        // A cue before the cue (`乌沙科夫介绍说`, `他回應表示`): the source is before both.
        if let Some(c) = ZH_CUES
            .iter()
            .find(|c| c.len() > 3 && cur.ends_with(*c) && cur.len() > c.len())
        {
            e -= c.len();
            continue;
        }
        match ZH_ADVERBS
            .iter()
            .find(|a| cur.ends_with(*a) && cur.len() > a.len())
        {
            Some(a) => e -= a.len(),
            None => break,
        }
    }
    // Cited by another: `彭博社援引知情人士的话称` is the 知情人士's (`引述` in Hong Kong);
    // one citing mere `消息` keeps its own name (`有線引述消息稱` is 有線's).
    if let Some((k, w)) = ["援引", "引述"]
        .iter()
        .find_map(|w| f[s..e].find(w).map(|k| (k, *w)))
    {
        let from = s + k + w.len();
        let cited = cited_source(f[from..e].trim_end());
        if ZH_NOT_SPEAKERS.contains(&cited) {
            e = s + k;
            loop {
                let cur = f[s..e].trim_end();
                e = s + cur.len();
                match adverbial_phrase(cur).or_else(|| time_suffix(cur)) {
                    Some(p) if p > 0 => e = s + p,
                    _ => break,
                }
            }
        } else {
            s = from;
            e = s + cited.len();
        }
    }
    let mut text = f[s..e].trim();
    // Where or when, then a pronoun: `片段中他表示` is his.
    if let Some(pronoun) = ZH_PRONOUNS
        .iter()
        .find(|p| text.ends_with(*p) && text.len() > p.len())
    {
        let before = &text[..text.len() - pronoun.len()];
        if before.ends_with(['中', '时', '后', '上', '里', '下']) {
            text = &text[before.len()..];
        }
    }
    // A long description before a role and a name (`曾在《华盛顿邮报》担任特派员超过
    // 二十年的香港大学…总监瑞凯德`): the role and the name.
    if text.chars().count() > 20
        && let Some(k) = text.rfind('的')
        && ZH_ROLES.iter().any(|r| text[k..].contains(r))
    {
        text = &text[k + '的'.len_utf8()..];
    }
    let chars = text.chars().count();
    // An adverb or a verb alone (`多次强调`, `強烈反問`), a negated or passive verb
    // (`事主當時沒有透露`, `就被…要求`), a future (`俄方将认为`, `他們會問`): a clause.
    let negated = ["不", "未", "无", "并非", "拒绝"]
        .iter()
        .any(|w| text.ends_with(w))
        || text.contains(['没', '沒', '唔', '冇'])
        || ["并未", "从未", "尚未", "未有", "无任何", "无权", "并无"]
            .iter()
            .any(|w| text.contains(w));
    let passive = text
        .match_indices('被')
        .any(|(i, _)| !text[i + '被'.len_utf8()..].starts_with(['告', '访', '捕', '害']));
    let future = (text.ends_with('将')
        && !["上将", "中将", "少将", "大将", "主将", "名将"]
            .iter()
            .any(|w| text.ends_with(w)))
        || text.strip_suffix('会').is_some_and(|t| {
            t.ends_with([
                '们', '哋', '他', '她', '佢', '人', '都', '也', '亦', '就', '将', '应', '不',
            ])
        });
    if ZH_ADVERBS.contains(&text)
        || ZH_ELLIPSIS_VERBS.contains(&text)
        || negated
        || passive
        || future
    {
        return None;
    }
    // `我们刚才说`, `我哋作判断`: the speaker of the article's own quotation, not a
    // source (a country's `我国外交部` is one).
    let first_person = text.starts_with("我们")
        || text.starts_with("我哋")
        || text.starts_with("我地")
        || (text.starts_with('我')
            && !text[3..].starts_with(['国', '省', '市', '军', '区', '县', '校', '院', '方']));
    // A clause, a time or a verb phrase is no source: `提问时说`, `向着林郑说`.
    // A clause holds a copula or a verb of saying of its own (`這次政府是針對新聞作批評`,
    // `世界上任何国家都无权对此表示质疑`), or is a connective left alone (`所以認為`),
    // or a source's own words cited (`如邱騰華所指`).
    // Whom it was said to, with no source before (`向一眾警員表示`).
    let clause = first_person
        || text.starts_with(['向', '跟'])
        || ZH_CLAUSE_STARTS.iter().any(|w| text.starts_with(w))
        || text.contains('是')
        || ZH_CUES
            .iter()
            .any(|w| w.len() > 3 && *w != "分析" && text.contains(w))
        || ZH_LEADS.contains(&text)
        || text.ends_with('所')
        || (text.ends_with('时') && text != "比利时" && chars <= 4)
        || (text.ends_with(['后', '前']) && chars <= 4)
        || text.contains("显示");
    // A long subject holds a role before a name (`阿拉伯国家联盟首席助理秘书长兼…
    // 办公室主任胡萨姆·扎基`).
    let limit = if ZH_ROLES.iter().any(|r| text.contains(r)) {
        40
    } else {
        20
    };
    // `自得的说`: a manner, not a source (a 基地 or 本地 may speak).
    let manner = text.ends_with(['的', '地']) && !PLACE_NOUNS.iter().any(|n| text.ends_with(n));
    let plausible = (1..=limit).contains(&chars)
        && !clause
        && !text.starts_with(|c: char| c.is_ascii_digit())
        && !ZH_MODALS.iter().any(|m| text.contains(m))
        && !manner
        // `…进行了解释`: a clause.
        && !text.contains('了')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " ·.-‧・、（）()《》".contains(c))
        && text.matches(['（', '(']).count() == text.matches(['）', ')']).count();
    if !plausible || (chars == 1 && !ZH_PRONOUNS.contains(&text) && !SURNAMES.contains(&text)) {
        return None;
    }
    let text = &text[..noun_phrase(text)?];
    // `text` is a slice of `f`: its offset in it.
    let start = text.as_ptr() as usize - f.as_ptr() as usize;
    Some((start, start + text.len()))
}

/// After a place or group, `有` and who there spoke (`車箱外有市民`): where the one
/// who spoke begins (not in `有关`, `拥有`, or a subject opening with it).
fn there_is(subject: &str) -> Option<usize> {
    subject
        .char_indices()
        .rev()
        .filter(|&(i, c)| i > 0 && c == '有')
        .map(|(i, _)| i)
        .find(|&i| {
            let next_ok =
                !subject[i + 3..].starts_with(['关', '限', '效', '名', '线', '色', '机', '利']);
            let prev_ok = !subject[..i].ends_with([
                '拥', '所', '没', '沒', '具', '享', '持', '占', '带', '只', '还', '也', '都', '亦',
                '未', '冇', '唔',
            ]);
            next_ok && prev_ok && !subject[i + 3..].is_empty()
        })
        .map(|i| i + '有'.len_utf8())
}

/// The start of a trailing `向X`, `对X`, `跟X` of a subject (the one spoken to, up to
/// six chars), after some source: `劉向被告` → 劉.
fn spoken_to(subject: &str) -> Option<usize> {
    let (i, c) = subject
        .char_indices()
        .rev()
        .find(|&(i, c)| i > 0 && matches!(c, '向' | '对' | '跟'))?;
    let rest = &subject[i + c.len_utf8()..];
    // `向他们进行了解释`: a clause.
    if rest.contains(['了', '作']) || rest.contains("进行") {
        return None;
    }
    let n = rest.chars().count();
    let word = subject[..i].ends_with([
        '方', '动', '面', '倾', '意', '志', '走', '转', '导', '偏', '趋', '朝', '针', '绝', '相',
        '反', '应', '一',
    ]) || (c == '对' && rest.starts_with(['外', '华', '此', '于']));
    ((1..=6).contains(&n) && !word).then_some(i)
}

/// Who is cited in `援引X的话`, `援引X的消息`, `援引X的说法`: X.
fn cited_source(cited: &str) -> &str {
    ["的话", "的说法", "的消息"]
        .iter()
        .find_map(|w| cited.strip_suffix(w))
        .unwrap_or(cited)
}

/// The start of a trailing place/time phrase (`在财报电话会上`, `于3月5日`,
/// `在接受媒体采访时`) of a subject, if it has one after some name.
fn adverbial_phrase(subject: &str) -> Option<usize> {
    // Times and places, and the media a source speaks through (`在朋友圈`, `在微博`,
    // `在官网`, `在公众号`, `在直播间`, `在发布会`).
    const ENDS: &[&str] = &[
        "上", "时", "中", "里", "后", "前", "期间", "之际", "日", "圈", "群", "博", "网", "号",
        "间", "会", "访问", "采访", "专访", "下", "外", "内",
    ];
    if !ENDS.iter().any(|e| subject.ends_with(e)) {
        return None;
    }
    let at = subject
        .char_indices()
        .filter(|&(i, c)| i > 0 && (c == '在' || c == '于'))
        .map(|(i, _)| i)
        .next();
    // `刘扬伟接受媒体访问时说`: an interview, with no 在 before it.
    at.or_else(|| subject.find("接受").filter(|&i| i > 0))
}

/// Is a (folded) subject with its cue no source: one of [`ZH_NOT_SPEAKERS`], the
/// writer's generalisation (`一般认为`, `一般地说`, `一般只有男子称`, `通常认为`), or a
/// phrase the two make that reports nothing (`经父母的朋友介绍`, "introduced by";
/// `女子皆以姓称`, "called by")?
fn no_source(subject: &str, cue: &str) -> bool {
    // 以 and a short noun just before 称 (not 以色列 at the start).
    let called_by = subject
        .rfind('以')
        .is_some_and(|k| k > 0 && subject[k + '以'.len_utf8()..].chars().count() <= 3);
    ZH_NOT_SPEAKERS.contains(&subject)
        || (cue == "介绍" && subject.contains('经'))
        // `应案件主管要求`, at the request of; `…的本质要求`, a noun.
        || (cue == "要求" && subject.contains(['应', '的']))
        || (cue == "称" && called_by)
        || subject.starts_with("一般")
        || subject.starts_with("通常")
}

/// Is a (folded) subject an unnamed source, one of [`ZH_UNNAMED`] or several of
/// them (`专家们`)?
fn is_unnamed_zh(subject: &str) -> bool {
    let one = subject.strip_suffix('们').unwrap_or(subject);
    // `女士`, `一名男子` with no surname before them (`陳女士` is named).
    let person = ["女士", "男士", "男子", "女子", "先生", "小姐"]
        .iter()
        .find_map(|w| one.strip_suffix(w))
        .is_some_and(|before| before.is_empty() || before.ends_with(['名', '位', '个', '一']));
    person || ZH_UNNAMED.iter().any(|u| one.ends_with(u))
}

/// The start of a trailing `回应…记者`, `对…记者`, `向…记者`, `告诉…记者` (the reporter
/// it was said to) of a subject, after some source.
fn addressee(subject: &str) -> Option<usize> {
    if !subject.ends_with("记者") {
        return None;
    }
    ["回应", "告诉", "对", "向"]
        .iter()
        .filter_map(|w| subject.rfind(w))
        .filter(|&i| i > 0)
        .max()
}

/// Splits `小米集团创始人雷军` into role `小米集团创始人` and name `雷军`; `专家们` is
/// several of a role, not a role and a name.
fn split_role(speaker: &str) -> (Option<String>, String) {
    let folded = fold(speaker);
    let f = folded.text.as_str();
    let best = ZH_ROLES
        .iter()
        .filter_map(|r| f.rfind(r).map(|p| p + r.len()))
        .max();
    if let Some(cut) = best {
        let name = f[cut..].trim();
        let n = name.chars().count();
        // A foreign name written with a dot or a hyphen is longer.
        let longest = if name.contains(['·', '-']) { 12 } else { 6 };
        // One char after a role word is the rest of a word (`委员会`), not a name.
        if (2..=longest).contains(&n)
            && !name.starts_with('们')
            && !NOT_NAMES.iter().any(|w| name.starts_with(w))
        {
            let role = orig(speaker, &folded, 0, cut).trim().to_string();
            let name = orig(speaker, &folded, cut, f.len()).trim().to_string();
            return (Some(role), name);
        }
    }
    (None, speaker.to_string())
}

// ---------------------------------------------------------------- English
#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::attribution::{attribute, bare_attribution};

    /// Each sentence is attributed to a source ending with `source` (a role may come
    /// before it), with a statement holding `statement`.
    fn reads_as(cases: &[(&str, &str, &str)]) {
        for &(sentence, source, statement) in cases {
            let a = attribute(sentence).unwrap_or_else(|| panic!("{sentence}"));
            assert!(a.speaker.ends_with(source), "{sentence}: {}", a.speaker);
            assert!(
                a.statement.contains(statement),
                "{sentence}: {}",
                a.statement
            );
        }
    }

    fn who(s: &str) -> Option<(String, Option<String>, String)> {
        attribute(s).map(|a| (a.speaker, a.role, a.cue))
    }

    #[test]
    fn chinese_named_sources_with_roles() {
        assert_eq!(
            who("正如汽车行业分析师钟师所言,雷军的沟通方式更像是一位“懂技术的朋友”。"),
            Some(("钟师".into(), Some("汽车行业分析师".into()), "所言".into()))
        );
        assert_eq!(
            who("正如小米集团创始人雷军所言,“晚有晚的好处,有后发优势。”"),
            Some(("雷军".into(), Some("小米集团创始人".into()), "所言".into()))
        );
        let a =
            attribute("兴业证券指出,小米汽车的毛利率改善主要来自于 Ultra交付数量提升。").unwrap();
        assert_eq!(a.speaker, "兴业证券");
        assert!(a.statement.starts_with("小米汽车的毛利率改善"));
        assert_eq!(
            who("钟师就明确表示,他看好小米汽车的中长期发展。")
                .unwrap()
                .0,
            "钟师"
        );
        assert_eq!(
            who("但钟师提醒,这种“压缩周期”留下了隐忧。").unwrap().0,
            "钟师"
        );
    }

    #[test]
    fn chinese_unnamed_sources() {
        let a = attribute("有分析人士猜测,小米入欧,可能会选用新一代产品。").unwrap();
        assert_eq!((a.speaker.as_str(), a.unnamed), ("分析人士", true));
        let a = attribute("2021年,小米宣布造车时,不止一位业内人士评价称“小米造车晚了”。").unwrap();
        assert_eq!((a.speaker.as_str(), a.cue.as_str()), ("业内人士", "评价称"));
        assert!(a.statement.contains("小米造车晚了"));
    }

    #[test]
    fn chinese_pronoun_is_marked_for_the_caller() {
        let a = attribute("但他也提醒,接下来小米汽车必须补上的课是品控和安全。").unwrap();
        assert!(a.pronoun);
    }

    #[test]
    fn traditional_and_according_to() {
        let a = attribute("分析師李明稱,銷量將繼續增長。").unwrap();
        assert_eq!(
            (a.speaker.as_str(), a.role.as_deref()),
            ("李明", Some("分析師"))
        );
        let a = attribute("據盖世汽车研究院稱,小米汽车有望盈利。").unwrap();
        assert_eq!(a.speaker, "盖世汽车研究院");
        assert!(attribute("据悉,小米汽车国际部已于2024年底成立。").is_none());
    }

    #[test]
    fn traditional_quotation_first_and_cantonese() {
        let a = attribute("「我們會繼續努力。」陳大文說。").unwrap_or_else(|| {
            // The splitter puts the source in a sentence of its own; the caller joins them.
            bare_attribution("陳大文說。").unwrap()
        });
        assert_eq!(a.speaker, "陳大文");
        let a = attribute("「銷量會回升」，陳大文說。").unwrap();
        assert_eq!(
            (a.speaker.as_str(), a.statement.as_str()),
            ("陳大文", "銷量會回升")
        );
        let a = attribute("佢話：「今年一定會好啲。」").unwrap();
        assert!(a.pronoun);
        // Taiwan's 報導 for 报道; an interview with no 在 before it.
        let a = attribute("據路透社報導，小米正在考慮在歐洲設廠。").unwrap();
        assert_eq!(a.speaker, "路透社");
        assert_eq!(
            attribute("路透社報導稱，小米將推出新車。").unwrap().speaker,
            "路透社"
        );
        let a = attribute("鴻海董事長劉揚偉接受媒體訪問時說，電動車是未來的重點。").unwrap();
        assert_eq!(
            (a.speaker.as_str(), a.role.as_deref()),
            ("劉揚偉", Some("鴻海董事長"))
        );
        let a = attribute("據消息人士稱，小米將於明年進軍歐洲。").unwrap();
        assert!(a.unnamed);
        assert_eq!(a.speaker, "消息人士");
        let a = attribute("分析師指，小米股價仍有上升空間。").unwrap();
        assert_eq!((a.speaker.as_str(), a.unnamed), ("分析師", true));
    }

    #[test]
    fn news_style_subjects() {
        let a = attribute("小米集团总裁卢伟冰在财报电话会上表示，公司今年的交付目标为35万辆。")
            .unwrap();
        assert_eq!(
            (a.speaker.as_str(), a.role.as_deref()),
            ("卢伟冰", Some("小米集团总裁"))
        );
        assert_eq!(
            attribute("雷军在微博上回应称：“谢谢大家。”")
                .unwrap()
                .speaker,
            "雷军"
        );
        assert_eq!(
            attribute("李斌曾公开表示，换电是蔚来的护城河。")
                .unwrap()
                .speaker,
            "李斌"
        );
        assert!(attribute("报道称，小米正在研发新车型。").is_none());
        // A report, statement or notice of the source's: the source speaks.
        for (sentence, speaker, cue) in [
            (
                "美国汽车协会报告称，在1974年2月的最后一周，20％的美国加油站没有燃料。",
                "美国汽车协会",
                "报告称",
            ),
            ("路透社报道称，小米正在研发新车型。", "路透社", "报道称"),
            ("小米集团发布公告称，交付量超过预期。", "小米集团", "公告称"),
        ] {
            let a = attribute(sentence).unwrap();
            assert_eq!(
                (a.speaker.as_str(), a.cue.as_str()),
                (speaker, cue),
                "{sentence}"
            );
        }
        assert!(
            attribute("外界普遍认为，小米的定价很激进。")
                .unwrap()
                .unnamed
        );
        // How or after what it was said is no part of the source; 说道 before a colon
        // and 告诉记者 are cues; several of a role are an unnamed source.
        for (sentence, speaker, cue) in [
            ("王先生笑着说：“今年的销量比去年好很多。”", "王先生", "说"),
            ("李明回答说，公司明年将扩大产能。", "李明", "说"),
            ("张华接着说，新工厂预计年底投产。", "张华", "说"),
            ("赵强继续说道：“我们对市场很有信心。”", "赵强", "说道"),
            ("陈东告诉记者，订单已经排到明年三月。", "陈东", "告诉记者"),
            (
                "专家们普遍认为，新能源汽车渗透率将继续提升。",
                "专家们",
                "认为",
            ),
        ] {
            let a = attribute(sentence).unwrap_or_else(|| panic!("{sentence}"));
            assert_eq!(
                (a.speaker.as_str(), a.cue.as_str(), a.role),
                (speaker, cue, None),
                "{sentence}"
            );
        }
        assert!(
            attribute("专家们普遍认为，渗透率将继续提升。")
                .unwrap()
                .unnamed
        );
        // Through whom, where and to whom it was said: the source alone.
        for (sentence, speaker, cue) in [
            (
                "彭博社援引知情人士的话称，小米正在考虑在欧洲建厂。",
                "知情人士",
                "称",
            ),
            (
                "何小鹏在朋友圈发文称，小鹏汽车的订单创下新高。",
                "何小鹏",
                "称",
            ),
            (
                "理想汽车官方微博发布消息称，新车将于下月上市。",
                "理想汽车官方微博",
                "称",
            ),
            (
                "蔚来方面回应澎湃新闻记者称，相关传闻不实。",
                "蔚来方面",
                "称",
            ),
            (
                "王传福曾多次公开表示，比亚迪不会参与价格战。",
                "王传福",
                "表示",
            ),
            ("李斌向记者透露，换电站已超过三千座。", "李斌", "透露"),
            (
                "马斯克在社交媒体X上发帖称，FSD将在中国推出。",
                "马斯克",
                "称",
            ),
            (
                "中国汽车工业协会数据显示，10月新能源汽车销量同比增长30%。",
                "中国汽车工业协会",
                "数据显示",
            ),
        ] {
            let a = attribute(sentence).unwrap_or_else(|| panic!("{sentence}"));
            assert_eq!(
                (a.speaker.as_str(), a.cue.as_str()),
                (speaker, cue),
                "{sentence}"
            );
        }
        // Learnt from a source: who follows 从; with none, no source.
        let a = attribute("记者从小米集团获悉，SU7 Ultra的交付已经开始。").unwrap();
        assert_eq!((a.speaker.as_str(), a.cue.as_str()), ("小米集团", "获悉"));
        assert!(attribute("记者了解到，小米的第三家工厂已在规划中。").is_none());
        // A manner (调侃) is no part of the source; a role with no name is unnamed.
        let a = attribute("有网友调侃称，“雷军是被造车耽误的营销大师”。").unwrap();
        assert_eq!((a.speaker.as_str(), a.unnamed), ("网友", true));
        let a = attribute("小米汽车相关负责人告诉记者，新工厂将于明年投产。").unwrap();
        assert_eq!(
            (a.speaker.as_str(), a.unnamed),
            ("小米汽车相关负责人", true)
        );
        let a = attribute("国家统计局发言人付凌晖表示，经济运行总体平稳。").unwrap();
        assert_eq!((a.speaker.as_str(), a.unnamed), ("付凌晖", false));
        assert!(attribute("她补充说，价格暂时不会调整。").unwrap().pronoun);
        // Before a comma, 问道 is a verb and its object (verse).
        assert!(attribute("九天丈人來問道，太極之前天不老。").is_none());
        let a = attribute(
            "Xiaomi president Lu Weibing said on an earnings call that deliveries would double.",
        )
        .unwrap();
        assert_eq!(
            (a.speaker.as_str(), a.role.as_deref()),
            ("Lu Weibing", Some("Xiaomi president"))
        );
        assert_eq!(a.statement, "deliveries would double");
        let a = attribute("\"We are not worried,\" said Tesla spokesperson Jane Doe.").unwrap();
        assert_eq!((a.speaker.as_str(), a.unnamed), ("Jane Doe", false));
        assert!(
            attribute("Analysts said the stock could rise further.")
                .unwrap()
                .unnamed
        );
    }

    #[test]
    fn a_surname_alone_is_a_source_for_the_pipeline_to_name() {
        assert_eq!(attribute("林稱，不記得當時情況。").unwrap().speaker, "林");
        assert_eq!(attribute("劉表示，會繼續上訴。").unwrap().speaker, "劉");
        // Any other single char is no source.
        assert!(attribute("這稱，不記得當時情況。").is_none());
        // What follows 指著 is whom it was said to, not who said it.
        assert_eq!(
            who("陳離場時指著局長說：「你要負責。」")
                .map(|w| w.0)
                .as_deref(),
            Some("陳")
        );
    }

    #[test]
    fn bare_attributions() {
        assert_eq!(bare_attribution("Smith said.").unwrap().speaker, "Smith");
        assert_eq!(
            bare_attribution("said Jane Doe.").unwrap().speaker,
            "Jane Doe"
        );
        assert!(bare_attribution("he told reporters.").unwrap().pronoun);
        assert!(bare_attribution("It was said.").is_none());
        assert!(bare_attribution("这一点大家都知道。").is_none());
    }

    #[test]
    fn writer_descriptions_and_phrases_are_not_quotes() {
        assert!(attribute("小米则强调开放协同,利用在手机的积累。").is_none());
        assert!(
            attribute("虽然一个更偏向技术先锋叙事,一个更强调亲民互动,但两种模式殊途同归。")
                .is_none()
        );
        assert!(attribute("对于特斯拉来说,马斯克“一人可抵一个公关团队”。").is_none());
        assert!(attribute("特斯拉的造车理念更接近“汽车里的苹果”。").is_none());
        // `表示` as "represent": the part before it is a clause with a modal verb.
        assert!(
            attribute("例如，整数可以用二进制记数法表示，图形可以通过其邻接矩阵编码。").is_none()
        );
        assert!(attribute("这些数据必须以十进制表示，否则无法比较。").is_none());
        // Words ending in a cue that name or rank (著称, 全称, 对称), the passive, a
        // legend, the writer's generalisation, a manner, a clause.
        for s in [
            "谭望嵩以作风勇猛著称，但也经常犯规。",
            "越南投资发展银行（英文全称：Bank for Investment）是国有银行。",
            "基部歪斜两侧不对称，排列紧密。",
            "火参果因被认为“涩”，不大使用。",
            "据传说，名将岳飞是大鹏鸟转世。",
            "一般地说，题目给出的每一条信息就是线索。",
            "一般认为，羊水进入母体后将发生两个阶段。",
            "他自得的说：“我虽无汗马功劳。”",
            "将八正道向他们进行了解释，他们归依了佛陀。",
            // Phrases a subject and its cue make: introduced by, called by, the
            // writer's generalisation, talk as an object.
            "二十三岁经父母的朋友介绍，进入美国运通担任传达小弟。",
            "女子皆以姓称，如晋文公夫人称作“齐姜”。",
            "一般只有男子称“某氏”。",
            "只是当时没讲到话，用餐那天我是去跟朋友谈民宿投资。",
        ] {
            assert!(attribute(s).is_none(), "{s}: {:?}", attribute(s));
        }
        // Sources read right: 称 before a short quotation still reports (as naming,
        // `有机衍生物称“亚膦酸”`, it is not told apart); a word that begins like a lead
        // keeps it (也门 is Yemen); a place noun ending in 地 is no manner adverb; whom
        // it was said to, or through, is no part of the source; 辩称 is a cue of its
        // own; 后来 opens the clause.
        for (sentence, source) in [
            ("该公司称“不知情”。", "该公司"),
            ("也门政府表示，停火仍然有效。", "也门政府"),
            ("该基地表示，演习按计划进行。", "该基地"),
            ("谢安对人说：“门第要相当。”", "谢安"),
            ("黄华麒透过发言人表示，不评论个别节目。", "黄华麒"),
            ("辩方辩称，他是出于疏忽。", "辩方"),
            ("后来谢安说：“如果皇帝娶皇后，门第要相当。”", "谢安"),
            (
                "中军将军桓冲等人上奏说：“臣听说天地之道。”",
                "中军将军桓冲等人",
            ),
            ("以色列外交部称，谈判仍在继续。", "以色列外交部"),
            ("以军称，空袭仍在继续。", "以军"),
        ] {
            assert_eq!(
                who(sentence).map(|w| w.0).as_deref(),
                Some(source),
                "{sentence}"
            );
        }
    }

    #[test]
    fn manner_continuation_and_addressee_are_no_part_of_the_source() {
        for (sentence, source) in [
            ("他續指，政府應該負責。", "他"),
            ("工會續指，事件令人心寒。", "工會"),
            ("他激動痛哭稱，市民被追打了半小時。", "他"),
            ("他之後跟人說：「我唔會再嚟。」", "他"),
            ("陳大文指著局長說：「你要負責。」", "陳大文"),
            ("他亦同意律師指出，當時應有女警在場。", "他"),
            ("陳大文在盤問下指出，當時現場很混亂。", "陳大文"),
            ("片段中他表示，這是一個困難的決定。", "他"),
            ("他這樣說：「我們都會感到很滿意。」", "他"),
            ("王先生聽到有市民高呼：「救命呀！」", "市民"),
            ("他記得友人曾說，早上8時後就不會有人來。", "友人"),
            ("李明同志参加代表团讨论时说，报告总结了十年成就。", "李明"),
            ("電台發言人回應指，節目沒有違反約章。", "電台發言人"),
        ] {
            assert_eq!(
                who(sentence).map(|w| w.0).as_deref(),
                Some(source),
                "{sentence}"
            );
        }
    }

    #[test]
    fn clauses_times_and_the_first_person_are_no_source() {
        for s in [
            "具體是什麼就好難講，不知道有什麼計仔。",
            "這個不用多解釋，大家都知道很值得關注。",
            "我們剛才說，這場仗好難打。",
            "之後有人話：你想佢去討論下？",
            "人或會諷刺說「平生不作虧心事」。",
            "提問時說，將於調查結束後才停職。",
            "獲回應指：「附近會貼上告示。」",
            "轉述事主幼子稱，其父知道病房內有閉路電視。",
            "向著局長說：「你唔好走！」",
            "我哋作判斷，唔係要睇其他人立場。",
            "事主當時沒有透露自己被打。",
            "廣播處長是否認為節目有違約章？",
            "俄方将认为这是违约行为。",
            "多次强调，要全面加强文物保护。",
            "四個月後再應案件主管要求，觀看閉路電視片段。",
            "其中有啲人講：「燒晒佢啦。」",
            "民主派反而沒聽過批評，可能大家選民唔同。",
        ] {
            assert!(attribute(s).is_none(), "{s}: {:?}", who(s));
        }
        // A country of the first person is a source.
        assert_eq!(
            who("我国外交部表示，中方坚决反对。")
                .map(|w| w.0)
                .as_deref(),
            Some("我国外交部")
        );
    }

    #[test]
    fn times_in_the_subject_and_long_or_listed_sources() {
        for (sentence, source) in [
            ("美国白宫8日称，文章内容是虚假的。", "美国白宫"),
            ("日本气象厅2日上午宣布，海啸预警全部解除。", "日本气象厅"),
            (
                "伊朗外交部发言人卡纳尼今天（8月5日）说，局势严峻。",
                "卡纳尼",
            ),
            ("沙特等国4日警告，本国公民不要前往黎巴嫩。", "沙特等国"),
            (
                "伊朗、叙利亚外交部表示，这是恐怖主义罪行。",
                "伊朗、叙利亚外交部",
            ),
            (
                "阿拉伯国家联盟首席助理秘书长兼秘书长办公室主任胡萨姆·扎基强调，阿盟坚定奉行这一原则。",
                "胡萨姆·扎基",
            ),
            (
                "联合国特别协调员亨尼斯-普拉斯哈特发表声明称，局势令人担忧。",
                "亨尼斯-普拉斯哈特",
            ),
            (
                "日本原子能规制委员会1日的声明称，未发现核设施出现异常。",
                "日本原子能规制委员会",
            ),
            (
                "美联社11日援引美国政府官员的消息报道称，使馆人员将撤离。",
                "美国政府官员",
            ),
        ] {
            assert_eq!(
                who(sentence).map(|w| w.0).as_deref(),
                Some(source),
                "{sentence}"
            );
        }
        let a = attribute("中共中央总书记、国家主席习近平指出，要坚持人民至上。").unwrap();
        assert_eq!(
            (a.speaker.as_str(), a.role.as_deref()),
            ("习近平", Some("中共中央总书记、国家主席"))
        );
    }

    #[test]
    fn strong_cues_with_no_comma_and_elided_subjects() {
        reads_as(&[
            (
                "有关专家表示2个月以下的孩子不能口服退热药。",
                "专家",
                "2个月以下的孩子不能口服退热药",
            ),
            (
                "黎真主党武装称正在对爆炸原因展开调查。",
                "黎真主党武装",
                "正在对爆炸原因展开调查",
            ),
            (
                "埃及、约旦等国表示应阻止局势进一步升级。",
                "埃及、约旦等国",
                "应阻止局势进一步升级",
            ),
            (
                "古巴外交部谴责美国的挑衅行为破坏地区和平。",
                "古巴外交部",
                "美国的挑衅行为破坏地区和平",
            ),
            (
                "巴基斯坦外交部重申，这次访问严重影响地区和平。",
                "巴基斯坦外交部",
                "这次访问严重影响地区和平",
            ),
            (
                "伊朗外交部强烈谴责这一事件，称以色列犯下了罪行。",
                "伊朗外交部",
                "以色列犯下了罪行",
            ),
            (
                "他介绍了会议的主要情况，表示会议取得了成功。",
                "他",
                "会议取得了成功",
            ),
        ]);
        // Not a statement: naming, a feeling, a time clause, a demand of the writer's.
        for s in [
            "人们称他为“铁人”。",
            "各国政府表示热烈祝贺。",
            "小米宣布造车时，业内人士并不看好。",
            "小米则强调开放协同，利用在手机的积累。",
            "香港稱得上政黨的只有一個。",
            "管道“北溪-1”发生爆炸。",
        ] {
            assert!(attribute(s).is_none(), "{s}: {:?}", who(s));
        }
    }

    #[test]
    fn according_to_reports_with_a_time_or_a_cited_source() {
        for (sentence, source) in [
            ("另据以媒今天报道，以方可能会采取先发制人的打击。", "以媒"),
            (
                "据黎巴嫩媒体今天（10月11日）报道，又一处哨点遭袭。",
                "黎巴嫩媒体",
            ),
            (
                "另据俄罗斯媒体4月1日援引俄地方官员的话报道说，两架直升机空袭了油库。",
                "俄地方官员",
            ),
        ] {
            let a = attribute(sentence).unwrap_or_else(|| panic!("{sentence}"));
            assert_eq!(a.speaker, source, "{sentence}");
            assert!(!a.statement.starts_with(['，', ',']), "{}", a.statement);
        }
    }

    #[test]
    fn cantonese_and_colon_cues() {
        for (sentence, source) in [
            ("佢話，今年一定會好啲。", "佢"),
            ("陳大文話：「唔會再加價。」", "陳大文"),
            ("辯方表明，需時閱讀有關內容。", "辯方"),
            ("被告謂：「我係唔會出示㗎啦。」", "被告"),
            ("他反問「因為亂，所以就落閘？」", "他"),
            ("郭先生形容，當晚是無政府狀態。", "郭先生"),
        ] {
            assert_eq!(
                who(sentence).map(|w| w.0).as_deref(),
                Some(source),
                "{sentence}"
            );
        }
        assert!(attribute("他知道「這件事」很重要。").is_none());
    }

    #[test]
    fn every_attribution_of_a_sentence_in_text_order() {
        let got: Vec<(String, String)> =
            attributions("財政司表示，經濟穩步復蘇，工會則認為，工資仍然落後。")
                .into_iter()
                .map(|a| (a.speaker, a.statement))
                .collect();
        assert_eq!(
            got,
            [
                ("財政司".to_string(), "經濟穩步復蘇".to_string()),
                ("工會".to_string(), "工資仍然落後".to_string())
            ]
        );
        // A second source inside the first one's words: both, the first keeping them.
        let got = attributions("陳大文稱，職員當時回覆：「已經賣晒。」");
        let speakers: Vec<&str> = got.iter().map(|a| a.speaker.as_str()).collect();
        assert_eq!(speakers, ["陳大文", "職員"]);
        assert!(got[0].statement.contains("已經賣晒"));
        // The same source twice is one statement; a cue inside a quotation is none.
        assert_eq!(
            attributions("外交部強烈譴責這次襲擊，稱這是恐怖行為。").len(),
            1
        );
        assert_eq!(
            attributions("李明說：「佢哋話會加價，我認為唔合理。」").len(),
            1
        );
        // `︰` is a colon; `坦誠`, `表態`, `堅稱`, `回覆` are cues; a publication speaks.
        for (sentence, source) in [
            ("王小明坦誠自己有所恐懼︰「我怕。」", "王小明"),
            ("工黨早前表態，明年只會助選。", "工黨"),
            ("警員堅稱「看不到地上」。", "警員"),
            ("《華爾街日報》稱，談判已經破裂。", "《華爾街日報》"),
        ] {
            assert_eq!(
                who(sentence).map(|w| w.0).as_deref(),
                Some(source),
                "{sentence}"
            );
        }
        // Clauses are no source: a copula, a verb of saying, a refusal, a negation, a
        // connective alone, a call (通話).
        for s in [
            "這次政府是針對新聞作批評，做法嚴重打擊新聞自由。",
            "各國都無權對此表示質疑，或採取任何行動。",
            "警方拒絕透露其他涉案人數。",
            "國民黨並未對此提出回應，這可能讓對手反擊。",
            "所以認為，他的裁決錯誤。",
            "對方突然退出通話，記者隨後重新連接。",
        ] {
            assert!(attribute(s).is_none(), "{s}: {:?}", who(s));
        }
        // `女士` with no surname is unnamed; `陳女士` is named.
        assert!(attribute("有女士高呼「快走」。").unwrap().unnamed);
        assert!(!attribute("陳女士表示，她很擔心。").unwrap().unnamed);
    }

    #[test]
    fn strong_cues_with_no_comma_tell_a_demand_from_an_act() {
        // A demand of someone named, a warning, an emphasis: statements.
        reads_as(&[
            (
                "外交部發言人8日要求美國就事件作出解釋。",
                "外交部發言人",
                "美國就事件作出解釋",
            ),
            (
                "国防部长11日与到访的英国防长举行会谈，要求西方停止提供武器。",
                "国防部长",
                "西方停止提供武器",
            ),
            ("气象局警告未来两天将有暴雨。", "气象局", "未来两天将有暴雨"),
            ("主席强调改革必须继续推进。", "主席", "改革必须继续推进"),
        ]);
        // An act asked for with no one named, an announced act, a demand as a noun,
        // what the writer heard.
        for s in [
            "中方要求对事件进行调查。",
            "警員隨即將她截停，要求出示身份證。",
            "主席宣布暫停會議。",
            "他因議員宣誓要求而辭職的消息傳開。",
            "據悉，警方要求報社刪除五篇文章。",
        ] {
            assert!(attribute(s).is_none(), "{s}: {:?}", who(s));
        }
        // A cue before the cue: the source is before both; a clause is none.
        assert_eq!(
            who("总统助理乌沙科夫介绍说，这次通话由美方提议。")
                .map(|w| w.0)
                .as_deref(),
            Some("乌沙科夫")
        );
        assert!(attribute("各國都無權對此表示質疑，或採取行動。").is_none());
        assert!(attribute("胞姐聞訊前來，向一眾警員表示被告有身孕。").is_none());
        // The cue's own clause holds only adverbs or whom it was said to.
        for (sentence, source) in [
            ("局長回應議員提問時，僅指存貨足夠一個月。", "局長"),
            ("報社發出公告，指即時停止運作。", "報社"),
            ("胞姐出席記者會，向傳媒表示被告有身孕。", "胞姐"),
        ] {
            assert_eq!(
                who(sentence).map(|w| w.0).as_deref(),
                Some(source),
                "{sentence}"
            );
        }
    }

    #[test]
    fn court_reports_and_compounds_after_a_role() {
        // A statement in court of the source's; with whom it was said; a short time
        // clause is no source.
        assert_eq!(
            who("警員陳大文的口供指出，被告當時手持擴音器。")
                .map(|w| w.0)
                .as_deref(),
            Some("陳大文")
        );
        assert_eq!(
            who("議員李小明今日聯同傷者譴責，警方未有保護市民。")
                .map(|w| w.0)
                .as_deref(),
            Some("李小明")
        );
        for s in [
            "回家後才指，警員曾出言威嚇。",
            "例如當中指，當時舉辦了很多集會。",
            "先由局長指，政府會跟進。",
        ] {
            assert!(attribute(s).is_none(), "{s}: {:?}", who(s));
        }
        // A role noun and what makes a compound with it are no role and name.
        assert_eq!(last_person("他是首位因區議員宣誓要求而辭職的人。"), None);
        assert_eq!(
            last_person("教育部部长怀进鹏出席会议。")
                .map(|p| p.0)
                .as_deref(),
            Some("怀进鹏")
        );
    }

    #[test]
    fn testimony_and_a_count_before_a_colon() {
        let a = attribute("警員供稱第一次見到被告時，自己身處東行線。").unwrap();
        assert_eq!(a.speaker, "警員");
        assert!(a.statement.contains("自己身處東行線"));
        let a = attribute("主席又說兩次：「我已經作出裁決。」").unwrap();
        assert_eq!(a.speaker, "主席");
        assert!(a.statement.contains("我已經作出裁決"));
    }

    /// The cue positions as found before [`ZH_CUE_FINDER`]: a search per cue.
    fn cue_positions_by_search(f: &str) -> Vec<(usize, &'static str)> {
        let mut hits: Vec<(usize, &'static str)> = Vec::new();
        for cue in ZH_CUES.iter() {
            for (p, _) in f.match_indices(cue) {
                let covered = hits.iter().any(|(q, c)| p >= *q && p < q + c.len());
                if !covered {
                    hits.push((p, cue));
                }
            }
        }
        hits.sort();
        hits
    }

    #[test]
    fn cue_positions_are_those_a_search_per_cue_finds() {
        // Every text of up to three chars from the cues' own chars and a comma (cues
        // inside, overlapping and repeating each other), and real sentences.
        let mut alphabet: Vec<char> = ZH_CUES.iter().flat_map(|c| c.chars()).collect();
        alphabet.push('，');
        alphabet.sort_unstable();
        alphabet.dedup();
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..3 {
            texts = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .chain(texts.iter().cloned())
                .collect();
        }
        texts.sort();
        texts.dedup();
        texts.extend(
            include_str!("../../../corpus/seed/000_b20ef67de0c6e6f8.txt")
                .split(['。', '\n'])
                .map(crate::analysis::fold_str),
        );
        texts.extend(["评价称称说", "表示称表示", "所说说说", "指出称指出称"].map(String::from));
        for t in &texts {
            assert_eq!(cue_positions(t), cue_positions_by_search(t), "{t}");
        }
    }

    /// Did the search on folded text that [`RAW_CUE_FINDER`] replaced find a cue?
    fn folded_finds_a_cue(sentence: &str) -> bool {
        let plain = crate::analysis::fold_str(sentence);
        plain.contains('据') || ZH_CUE_FINDER.is_match(plain.as_str())
    }

    #[test]
    fn the_written_forms_of_every_cue_are_found() {
        // Every char that folds into a cue's char, standing for it in the cue, between
        // other text; every cue in traditional characters; real sentences.
        let mut folds_into: std::collections::HashMap<char, Vec<char>> = Default::default();
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let folded: Vec<char> = crate::analysis::fold_str(&c.to_string()).chars().collect();
            if let [f] = folded[..] {
                folds_into.entry(f).or_default().push(c);
            }
        }
        let mut sentences: Vec<String> = Vec::new();
        for cue in ZH_CUES.iter().copied().chain(["据"]) {
            let chars: Vec<char> = cue.chars().collect();
            for (j, target) in chars.iter().enumerate() {
                for &c in folds_into.get(target).into_iter().flatten() {
                    let mut written = chars.clone();
                    written[j] = c;
                    sentences.push(format!("甲{}乙", written.iter().collect::<String>()));
                }
            }
        }
        sentences.extend(
            [
                "陳大文說",
                "據報導稱",
                "他強調，",
                "分析師預測",
                "評價稱",
                "所說的話",
                "指出",
            ]
            .map(String::from),
        );
        sentences.extend(
            include_str!("../../../corpus/seed/000_b20ef67de0c6e6f8.txt")
                .split(['。', '\n'])
                .map(String::from),
        );
        let mut found = 0;
        for s in &sentences {
            if folded_finds_a_cue(s) {
                found += 1;
                assert!(RAW_CUE_FINDER.is_match(s), "{s}");
            }
        }
        assert!(found > 100, "only {found} sentences hold a cue");
        // And the search still rules most text out.
        assert!(!RAW_CUE_FINDER.is_match("小米汽车的毛利率为26.4%"));
    }

    #[test]
    fn a_name_stops_where_what_its_bearer_did_begins() {
        // A name, then a verb or an adverb: the name alone.
        assert_eq!(manner_cut("黎转头厉声"), Some("黎".len()));
        assert_eq!(manner_cut("局方却轻描淡写"), Some("局方".len()));
        // Names and organisations whole, lists and roles untouched.
        assert_eq!(manner_cut("杜嘉伦"), None);
        assert_eq!(manner_cut("香港电台节目制作人员工会"), None);
        assert_eq!(manner_cut("埃及、约旦等国"), None);
        assert_eq!(manner_cut("小米汽车相关负责人"), None);
    }

    #[test]
    fn what_a_clause_opens_with() {
        assert!(matches!(opening("他其后主动提到"), Opening::Person(0, 3)));
        assert!(matches!(
            opening("主席王小华则没有"),
            Opening::Person(6, 15)
        ));
        assert!(matches!(opening("他人认为"), Opening::Other));
        assert!(matches!(opening("刘一度双眼泛泪"), Opening::Person(0, 3)));
        assert!(matches!(opening("从三名保安中间"), Opening::Nobody));
        assert!(matches!(opening("秘书处亦多次"), Opening::Other));
        assert!(matches!(opening("明白潘妈妈的心情"), Opening::Other));
        assert!(not_a_name("发言"));
        assert!(not_a_name("多次"));
        assert!(!not_a_name("杜嘉伦"));
    }

    #[test]
    fn a_sentence_about_a_person_ending_in_their_words() {
        let a = attribute("回想當年，陳大文其實並不想出選，「我唔覺得自己合適，太過粗疏。」")
            .expect("a statement");
        assert_eq!(
            (a.elided.as_deref(), a.statement.as_str()),
            (Some("陳大文"), "「我唔覺得自己合適，太過粗疏。」")
        );
        // A term in quotation marks, no comma before the quotation, a subject that is no
        // person: no statement.
        for s in [
            "陳大文買了一本書，「香港的故事與歷史」。",
            "陳大文其實並不想出選「我唔覺得自己合適，太過粗疏。」",
            "秘書處多次拒絕議案，「我的議題消失哂，完全消失。」",
        ] {
            assert!(attribute(s).is_none(), "{s}: {:?}", attribute(s));
        }
    }

    #[test]
    fn testimony_agreement_and_shouts() {
        let a = attribute("在盤問下，警員同意一般市民未必分得出男警或女警。").expect("agreement");
        assert_eq!(a.speaker, "警員");
        assert!(a.statement.starts_with("一般市民"), "{a:?}");
        assert!(attribute("董事會同意與對方合作。").is_none());
        let a = attribute("有線在3月時引述消息最快3月底宣誓。").expect("a medium's");
        assert_eq!(a.speaker, "有線");
        let a = attribute("《香港01》在7月6日引述知情人士稱，有200人有風險。").expect("cited");
        assert_eq!(a.speaker, "知情人士");
        let a = attribute("陳答：「我只能讀到嚴肅。」").expect("an answer");
        assert_eq!(a.speaker, "陳");
        assert!(attribute("答案：第三題").is_none());
        let a = attribute("多名市民向職員投訴並叫嚷「開門啦！」").expect("a shout");
        assert_eq!(a.statement, "「開門啦！」");
    }

    #[test]
    fn bold_marks_are_no_part_of_a_subject_and_a_bold_subheading_no_statement() {
        let a =
            attribute("**「我唔會再有期望。」** 他強調，要求宣誓如同破壞合約精神。").expect("his");
        assert!(a.pronoun && a.speaker == "他", "{a:?}");
        assert!(a.statement.contains("破壞合約精神"), "{a:?}");
        assert!(attribute("**外长要求西方停止提供武器**").is_none());
    }

    #[test]
    fn where_it_was_said_and_but_are_no_part_of_a_source() {
        let a = attribute("陳大文在庭外表示，兒子已有十個月大。").expect("his");
        assert_eq!(a.speaker, "陳大文");
        let a = attribute("惟辯方指，實情是警員濫權。").expect("the defence's");
        assert_eq!(a.speaker, "辯方");
    }

    #[test]
    fn a_subject_is_a_noun_phrase() {
        assert_eq!(noun_phrase("梁君彦此时"), Some("梁君彦".len()));
        assert_eq!(noun_phrase("潘继而"), Some("潘".len()));
        assert_eq!(noun_phrase("纷纷"), None);
        assert_eq!(noun_phrase("如果消息人士"), None);
        assert_eq!(noun_phrase("对潘母"), None);
        assert_eq!(noun_phrase("在旁的妻子"), Some("在旁的妻子".len()));
        assert_eq!(noun_phrase("以军"), Some("以军".len()));
        assert_eq!(noun_phrase("以雄浑的声线"), None);
        assert_eq!(noun_phrase("只简单"), None);
        assert_eq!(noun_phrase("引用高等法院的案例"), None);
        assert_eq!(noun_phrase("硬着头皮"), None);
        let a = attribute("梁君彥此時說：「請你收回。」").expect("his");
        assert_eq!(a.speaker, "梁君彥");
    }

    #[test]
    fn a_long_description_before_a_role_and_a_name() {
        let a = attribute("曾在《華盛頓郵報》擔任特派員超過二十年的香港大學新聞研究中心總監瑞凱德說，傳媒應存疑。")
            .expect("his");
        assert_eq!(a.speaker, "瑞凱德");
        let a = attribute("他笑說：「祈禱實際啲。」").expect("his");
        assert!(a.pronoun && a.speaker == "他", "{a:?}");
    }

    #[test]
    fn a_comrade_of_three_chars_is_named_whole() {
        let (name, _) = last_person("当天，习近平同志还和居民代表开了座谈会").expect("named");
        assert_eq!(name, "习近平");
        assert!(is_surname('習'));
    }
}
