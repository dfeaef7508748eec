//! Transliterated names, matched by their consonants: `Lavoisier` finds 拉瓦锡 and
//! `Dewar` 杜瓦 where no dictionary lists the name.
//!
//! Chinese writes a foreign name with a few hundred characters chosen for their sound
//! (拉 la, 瓦 wa, 锡 xi, 特 te, 斯 si, 尔 er …). Both spellings are reduced to a
//! *skeleton*: the classes of their consonants in order, like sounds together (b/p,
//! d/t, g/k, l/r, f/v/w …), vowels dropped but for a leading one, a consonant repeated
//! once: `Dewar` → `tf`, 杜瓦 (du wa) → `tf`; `Lane` → `ln`, 莱恩 (lai en) → `ln`;
//! `Matlin` → `mtln`, 马特林 (ma te lin) → `mtln`. English drops an `r` before a
//! consonant or at the end, as the transliterations do (`Marconi` → `mkn`, 马可尼).
//!
//! Only as a last resort: an English word of a query that nothing else renders, written
//! with a capital (a name), finds the index's Chinese words that begin with two to four
//! of these characters reading as it (the name, or the name and what jieba glued to
//! it). The other way, a Chinese name nothing renders finds the index's English words
//! with its skeleton that the text writes with a capital (`Dewar`, `Vail`): an English
//! index's terms are lower-case stems, mostly common words, and two consonants match
//! dozens of them (`dive`, `dove`, `fellow`). A skeleton of fewer than two consonants
//! (`Gaga`, `UK`) matches too much and is not looked up.

use super::MAX_ALTERNATIVES;
use super::pinyin::{ReadingMatcher, Vocabulary};

/// The characters Chinese spells foreign names with, each with its reading as a name
/// takes it (勒 le, 什 shi): the common ones of the Xinhua transliteration tables.
const NAME_CHARS: &str = "丁ding 万wan 丘qiu 丰feng 丹dan 丽li 乌wu 乔qiao 亚ya 亨heng 什shi 伊yi \
伍wu 休xiu 伦lun 伯bo 佐zuo 佛fo 佩pei 保bao 克ke 兰lan 兹zi 内nei 冈gang 冯feng 凡fan 凯kai \
利li 加jia 努nu 劳lao 勒le 华hua 卓zhuo 南nan 博bo 卡ka 卢lu 厄e 古gu 史shi 叶ye 吉ji 哈ha \
哥ge 唐tang 图tu 坎kan 坦tan 埃ai 基ji 塔ta 塞sai 墨mo 夏xia 多duo 夫fu 奇qi 奈nai 奎kui 奥ao \
妮ni 姆mu 威wei 娃wa 娜na 宁ning 安an 宾bin 密mi 富fu 尔er 尚shang 尤you 尼ni 巴ba 布bu 希xi \
帕pa 库ku 康kang 廷ting 弗fu 彭peng 德de 恩en 戈ge 戴dai 扎zha 托tuo 扬yang 拉la 拜bai 提ti \
斯si 施shi 昂ang 普pu 曼man 朗lang 本ben 朱zhu 杜du 杨yang 杰jie 松song 林lin 柯ke 根gen 格ge \
桑sang 梅mei 森sen 欣xin 欧ou 武wu 比bi 汉han 汤tang 沃wo 沙sha 治zhi 法fa 波bo 泰tai 泽ze \
洛luo 海hai 温wen 滕teng 潘pan 爱ai 特te 玛ma 班ban 琪qi 琳lin 琴qin 琼qiong 瑟se 瓦wa 甘gan \
登deng 白bai 皮pi 盖gai 福fu 科ke 穆mu 米mi 索suo 约yue 纳na 纽niu 绍shao 维wei 罗luo 考kao \
耶ye 肯ken 胡hu 舍she 舒shu 艾ai 芙fu 芬fen 苏su 范fan 莉li 莎sha 莫mo 莱lai 菲fei 萨sa 蒂di \
蒙meng 蕾lei 西xi 詹zhan 诺nuo 谢xie 豪hao 贝bei 贡gong 费fei 贾jia 赖lai 赛sai 赫he 路lu \
辛xin 达da 迈mai 连lian 迪di 道dao 邓deng 邦bang 里li 金jin 锡xi 门men 阿a 陶tao 雅ya 雷lei \
霍huo 韦wei 马ma 高gao 鲁lu 鲍bao 麦mai 默mo 黛dai 齐qi 可ke 顿dun 敦dun 查cha 茨ci 丝si \
娅ya 露lu 瑞rui 汀ting 切qie 美mei";

/// Most English words with a Chinese name's skeleton whose passages are read to tell
/// whether they are names ([`Vocabulary::written_capitalised`]).
const NAME_CANDIDATES: usize = 24;

/// Fewest consonants of a skeleton that is looked up.
const MIN_CONSONANTS: usize = 2;

/// Fewest letters of an English word given a skeleton (`Pro`, `Sky` are words more
/// often than names).
const MIN_LETTERS: usize = 4;

/// Longest word (in letters) given a skeleton: longer ones are not names.
const MAX_LETTERS: usize = 24;

/// Letters English writes one consonant with, and its class (`gh`: none, as in
/// `Pittsburgh`); `sch` before `ch`, as the first that fits is taken.
const DIGRAPHS: [(&[u8], Option<char>); 10] = [
    (b"sch", Some('s')),
    (b"ph", Some('f')),
    (b"ck", Some('k')),
    (b"qu", Some('k')),
    (b"th", Some('t')),
    (b"sh", Some('s')),
    (b"ch", Some('j')),
    (b"wh", Some('f')),
    (b"ng", Some('n')),
    (b"gh", None),
];

/// The consonant class of a pinyin initial (`y` and none: a leading vowel, `v`).
fn initial_class(initial: &str) -> char {
    match initial {
        "b" | "p" => 'p',
        "d" | "t" => 't',
        "g" | "k" => 'k',
        "h" => 'h',
        "j" | "q" | "zh" | "ch" => 'j',
        "x" | "sh" | "s" | "z" | "c" => 's',
        "l" | "r" => 'l',
        "m" => 'm',
        "n" => 'n',
        "f" | "w" => 'f',
        _ => 'v',
    }
}

/// The skeleton of one syllable of toneless pinyin: its initial's class, then `n` if it
/// ends nasally (`kan` → `kn`); `er` is `l`, `wu` a vowel.
fn syllable_skeleton(syllable: &str) -> String {
    if syllable == "er" {
        return "l".into();
    }
    let initial = ["zh", "ch", "sh"]
        .into_iter()
        .find(|i| syllable.starts_with(i))
        .unwrap_or_else(|| {
            let first = syllable.get(..1).unwrap_or_default();
            if "aeiou".contains(first) { "" } else { first }
        });
    let mut s = String::new();
    s.push(if syllable == "wu" {
        'v'
    } else {
        initial_class(initial)
    });
    if syllable.ends_with('n') || syllable.ends_with("ng") {
        push_class(&mut s, 'n');
    }
    s
}

/// The skeleton of a name character; `None` for a character names are not written with.
fn char_skeleton(c: char) -> Option<String> {
    NAME_CHARS.split_whitespace().find_map(|entry| {
        let mut chars = entry.chars();
        (chars.next() == Some(c)).then(|| syllable_skeleton(chars.as_str()))
    })
}

/// Appends `class` to a skeleton unless it repeats the last one.
fn push_class(skeleton: &mut String, class: char) {
    if !skeleton.ends_with(class) {
        skeleton.push(class);
    }
}

/// The consonants of a skeleton (all but a leading vowel).
fn consonants(skeleton: &str) -> usize {
    skeleton.trim_start_matches('v').len()
}

/// The skeleton of an English word (letters only, any case; a stemmed term is fine);
/// `None` for anything else, or a word of fewer than two consonants.
pub fn english_skeleton(word: &str) -> Option<String> {
    if word.len() < MIN_LETTERS
        || word.len() > MAX_LETTERS
        || !word.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let mut w: Vec<u8> = word.bytes().map(|b| b.to_ascii_lowercase()).collect();
    w.dedup();
    let vowel = |b: Option<&u8>| b.is_some_and(|b| b"aeiouy".contains(b));
    let mut s = String::new();
    if vowel(w.first()) {
        s.push('v');
    }
    let mut i = 0;
    while i < w.len() {
        let (c, next) = (w[i], w.get(i + 1).copied());
        let (class, len) = if let Some(&(letters, class)) = DIGRAPHS
            .iter()
            .find(|(letters, _)| w[i..].starts_with(letters))
        {
            (class, letters.len())
        } else {
            let soft = next.is_some_and(|n| b"eiy".contains(&n));
            let after_vowel = i > 0 && vowel(w.get(i - 1));
            let class = match c {
                b'b' | b'p' => Some('p'),
                b'd' | b't' => Some('t'),
                b'k' | b'q' => Some('k'),
                b'c' if soft => Some('s'),
                b'c' => Some('k'),
                b'g' if soft => Some('j'),
                b'g' => Some('k'),
                b'j' => Some('j'),
                b's' | b'z' => Some('s'),
                b'x' => {
                    push_class(&mut s, 'k');
                    Some('s')
                }
                // Silent after a vowel (`Shah`; `Newton`, 牛顿, before a consonant),
                // as `r` before a consonant or at the end (`Marconi`, `Dewar`).
                b'h' if after_vowel => None,
                b'w' if after_vowel && !vowel(next.as_ref()) => None,
                b'h' => Some('h'),
                b'r' if !vowel(next.as_ref()) => None,
                b'r' | b'l' => Some('l'),
                b'm' => Some('m'),
                b'n' => Some('n'),
                b'f' | b'v' | b'w' => Some('f'),
                _ => None,
            };
            (class, 1)
        };
        if let Some(class) = class {
            push_class(&mut s, class);
        }
        i += len;
    }
    (consonants(&s) >= MIN_CONSONANTS).then_some(s)
}

/// The skeleton of a Chinese word written only with name characters; `None` for any
/// other word, or one of fewer than two consonants.
pub fn chinese_skeleton(word: &str) -> Option<String> {
    let mut s = String::new();
    for (i, c) in word.chars().enumerate() {
        let k = char_skeleton(c)?;
        for class in k.chars().filter(|&k| i == 0 || k != 'v') {
            push_class(&mut s, class);
        }
    }
    (word.chars().count() >= 2 && consonants(&s) >= MIN_CONSONANTS).then_some(s)
}

/// The matcher of the Chinese words that begin with two to four name characters whose
/// skeleton is the English word's: `None` when the word has no skeleton worth looking
/// up.
pub fn matcher(english: &str) -> Option<ReadingMatcher> {
    let key = english_skeleton(english)?;
    let key = key.as_bytes();
    let n = key.len();
    let chars = NAME_CHARS
        .split_whitespace()
        .filter_map(|entry| {
            let mut chars = entry.chars();
            let c = chars.next()?;
            let whole = syllable_skeleton(chars.as_str());
            // After the first character a vowel reads as nothing (亚 in 波罗尼亚).
            let inner = whole.trim_start_matches('v');
            let mut steps = Vec::new();
            if key.starts_with(whole.as_bytes()) {
                steps.push((0, whole.len()));
            }
            for from in 1..=n {
                let rest = &key[from..];
                if rest.starts_with(inner.as_bytes()) {
                    steps.push((from, from + inner.len()));
                }
                // Its first consonant the one just read (曼宁: m-n, n-n → mn).
                if let Some((&first, tail)) = inner.as_bytes().split_first()
                    && key[from - 1] == first
                    && rest.starts_with(tail)
                {
                    steps.push((from, from + tail.len()));
                }
            }
            (!steps.is_empty()).then_some((c, steps))
        })
        .collect();
    ReadingMatcher::of_prefix_steps(n, chars)
}

/// The Chinese names in the index a capitalised English word may be (see the module):
/// words that are the name or begin with it, at most [`MAX_ALTERNATIVES`], first in
/// byte order. CC-CEDICT's words are not left out: a name it lists under another
/// spelling (玛丽, `Mary`, for `Marlee`) is found so.
pub fn chinese_words(english: &str, vocabulary: &dyn Vocabulary) -> Vec<String> {
    let Some(m) = matcher(english) else {
        return Vec::new();
    };
    // A word that goes on after the name (杜瓦制, jieba's cut of 杜瓦制得) gives the name.
    let mut names: Vec<String> = Vec::new();
    for word in vocabulary.words_read_as(&m, &|_| true, MAX_ALTERNATIVES) {
        let name = word
            .char_indices()
            .map(|(i, _)| &word[..i])
            .chain([word.as_str()])
            .find(|prefix| prefix.chars().count() >= 2 && m.accepts(prefix));
        if let Some(name) = name
            && !names.iter().any(|n| n == name)
        {
            names.push(name.to_string());
        }
    }
    names
}

/// The letters an English word of a skeleton starting with `class` may start with.
fn initials(class: char) -> &'static [u8] {
    match class {
        'p' => b"bp",
        't' => b"dt",
        'k' => b"cgkq",
        'h' => b"h",
        'j' => b"cgj",
        's' => b"csxz",
        'l' => b"lr",
        'm' => b"m",
        'n' => b"n",
        'f' => b"fpvw",
        _ => b"aeiouy",
    }
}

/// The English names in the index a Chinese name (name characters only) may be: words
/// of four letters or more with its skeleton that the text writes with a capital, the
/// written word having the skeleton too (`feder` has 福特's, `Federal` not), of the
/// first [`NAME_CANDIDATES`] with it; at most [`MAX_ALTERNATIVES`], first in byte
/// order, each as indexed and as written.
pub fn english_names(name: &str, vocabulary: &dyn Vocabulary) -> Vec<(String, String)> {
    let Some(key) = chinese_skeleton(name) else {
        return Vec::new();
    };
    let first = key.chars().next().unwrap_or('v');
    let mut sounding = std::collections::BTreeSet::new();
    vocabulary.for_each_latin_word(initials(first), &mut |w| {
        if w.len() >= MIN_LETTERS && english_skeleton(w).is_some_and(|k| k == key) {
            sounding.insert(w.to_string());
        }
    });
    // A plural is its singular's name (`the Grammys`); a final `e` may be silent
    // (`Lefevre`, 勒费弗). An acronym (`TFEU`) is no name.
    let fits = |written: &str| {
        let acronym = written.bytes().all(|b| b.is_ascii_uppercase());
        let bare = |suffix| written.strip_suffix(suffix).unwrap_or(written);
        !acronym
            && [written, bare('s'), bare('e')]
                .into_iter()
                .any(|w| english_skeleton(w).is_some_and(|k| k == key))
    };
    // Each is looked up in a few passages' text: a bounded number of them.
    sounding
        .into_iter()
        .take(NAME_CANDIDATES)
        .filter_map(|w| {
            let written = vocabulary.written_capitalised(&w, &fits)?;
            Some((w, written))
        })
        .take(MAX_ALTERNATIVES)
        .collect()
}

/// Is `c` a character names are written with?
pub fn is_name_char(c: char) -> bool {
    NAME_CHARS
        .split_whitespace()
        .any(|entry| entry.starts_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_their_transliterations_share_a_skeleton() {
        for (en, zh) in [
            ("Dewar", "杜瓦"),
            ("Lane", "莱恩"),
            ("Vail", "威尔"),
            ("Luke", "卢克"),
            ("Matlin", "马特林"),
            ("Tesla", "特斯拉"),
            ("Nixon", "尼克松"),
            ("Marconi", "马可尼"),
            ("Grammy", "格莱美"),
            ("Polonia", "波罗尼亚"),
            ("Manning", "曼宁"),
            ("Denver", "丹佛"),
            ("Carolina", "卡罗莱纳"),
            ("Elway", "埃尔维"),
            ("Newton", "纽顿"),
            ("Melbourne", "墨尔本"),
            ("Thomas", "托马斯"),
            ("Scheele", "舍勒"),
        ] {
            let e = english_skeleton(en);
            assert!(e.is_some(), "{en}");
            assert_eq!(e, chinese_skeleton(zh), "{en} {zh}");
            let m = matcher(en).unwrap_or_else(|| panic!("{en}: no matcher"));
            assert!(m.accepts(zh), "{en} does not find {zh}");
        }
    }

    /// Index terms and how the text writes them (every occurrence so).
    struct Written(&'static [(&'static str, &'static str)]);

    impl Vocabulary for Written {
        fn words_read_as(
            &self,
            _: &ReadingMatcher,
            _: &dyn Fn(&str) -> bool,
            _: usize,
        ) -> Vec<String> {
            Vec::new()
        }

        fn for_each_latin_word(&self, initials: &[u8], each: &mut dyn FnMut(&str)) {
            for (term, _) in self.0 {
                if term.bytes().next().is_some_and(|b| initials.contains(&b)) {
                    each(term);
                }
            }
        }

        fn written_capitalised(&self, term: &str, fits: &dyn Fn(&str) -> bool) -> Option<String> {
            let (_, written) = self.0.iter().find(|(t, _)| *t == term)?;
            (written.starts_with(char::is_uppercase) && fits(written)).then(|| written.to_string())
        }
    }

    #[test]
    fn a_chinese_name_is_an_english_word_whose_written_form_sounds_like_it() {
        let v = Written(&[
            ("dewar", "Dewar"),
            ("feder", "Federal"), // the stem sounds like 福特; the word does not
            ("ford", "Ford"),
            ("grammi", "Grammys"), // a plural names its singular
            ("lefevr", "Lefevre"), // a final e is silent
            ("tfeu", "TFEU"),      // an acronym is no name
            ("fade", "fade"),      // not written with a capital
        ]);
        let names =
            |zh| -> Vec<String> { english_names(zh, &v).into_iter().map(|(_, w)| w).collect() };
        assert_eq!(names("杜瓦"), ["Dewar"]);
        assert_eq!(names("福特"), ["Ford"]);
        assert_eq!(names("格莱美"), ["Grammys"]);
        assert_eq!(names("勒费弗"), ["Lefevre"]);
        // Each as indexed too: the term is what is searched.
        assert_eq!(
            english_names("杜瓦", &v),
            [("dewar".to_string(), "Dewar".to_string())]
        );
    }

    #[test]
    fn other_words_have_no_skeleton_or_another() {
        // Too few consonants to tell; not letters; characters names are not written in.
        assert_eq!(english_skeleton("Gaga"), None);
        assert_eq!(english_skeleton("UK"), None);
        assert_eq!(english_skeleton("SU7"), None);
        assert_eq!(chinese_skeleton("小米"), None);
        assert_eq!(chinese_skeleton("卡"), None);
        assert_ne!(english_skeleton("Lane"), english_skeleton("Allen"));
        let m = matcher("Lane").expect("a matcher");
        assert!(!m.accepts("艾伦") && !m.accepts("小米") && !m.accepts("莱"));
        // A word that goes on after the name is found by it.
        assert!(m.accepts("莱恩制"));
    }
}
