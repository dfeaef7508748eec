//! Figures: the quantities a sentence states, with their units as written —
//! `10万辆`, `2.43亿美元`, `26.4%`, `3%-5%`, `11个百分点`, `100万-150万辆`, `2025年Q2`,
//! `2025年第二季度`, `72小时`, `$26.4 million`, `20 percent`.

/// One quantity in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// The quantity as written (`10万辆`, `3%-5%`).
    pub text: String,
    /// The number(s) as written, without unit (`10万`, `3%-5%` → `3`, `5`).
    pub numbers: Vec<String>,
    /// The unit as written (`辆`, `%`, `亿美元`, `个百分点`), empty if none.
    pub unit: String,
    /// Byte range in the sentence.
    pub start: usize,
    /// Byte range end in the sentence.
    pub end: usize,
}

/// Units after a number, longest first (folded forms are not needed: units are
/// matched on the text as written, with traditional variants listed).
const UNITS: &[&str] = &[
    "个百分点",
    "個百分點",
    "百分点",
    "百分點",
    "亿美元",
    "億美元",
    "万美元",
    "萬美元",
    "亿欧元",
    "亿港元",
    "亿元",
    "億元",
    "万元",
    "萬元",
    "美元",
    "欧元",
    "港元",
    "日元",
    "英镑",
    "元",
    "万辆",
    "萬輛",
    "辆",
    "輛",
    "万台",
    "台",
    "万人次",
    "人次",
    "万人",
    "人",
    "名",
    "位",
    "匹",
    "头",
    "只",
    "架",
    "艘",
    "岁",
    "次",
    "件",
    "座",
    "万股",
    "股",
    "万家",
    "家",
    "款",
    "个",
    "個",
    "倍",
    "成",
    "小时",
    "小時",
    "分钟",
    "秒钟",
    "秒",
    "天",
    "周",
    "个月",
    "年",
    "月",
    "日",
    "季度",
    "平方公里",
    "平方米",
    "公里",
    "千米",
    "米",
    "千瓦时",
    "千瓦",
    "马力",
    "英里",
    "万吨",
    "吨",
    "公斤",
    "千克",
    "克",
    "亩",
    "kwh",
    "kWh",
    "GWh",
    "gwh",
    "km",
    "%",
    "％",
    "‰",
    " percentage points",
    " percentage point",
    " percent",
    " per cent",
    " yuan",
    " kilometres",
    " kilometers",
    " km",
    " miles",
    " vehicles",
    " cars",
    " units",
    " million",
    " billion",
    " trillion",
    " thousand",
    "bn",
    "m",
];

/// Number words that scale a number (`10万`, `2.43亿`).
const SCALES: &[char] = &['万', '亿', '萬', '億', '千', '百', '十'];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Chinese ordinal periods: `第二季度`, `第一季度`, `上半年`, `下半年`.
const PERIODS: &[&str] = &[
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "上半年",
    "下半年",
];

/// Finds the quantities in a sentence.
///
/// ```
/// let q = wenku::claims::quantities("72小时大定突破10万辆");
/// let t: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
/// assert_eq!(t, ["72小时", "10万辆"]);
/// ```
pub fn quantities(sentence: &str) -> Vec<Quantity> {
    // Every quantity starts at a digit (or a sign before one): most sentences of a
    // Chinese text have none, and need no list of their chars.
    if !sentence.chars().any(is_digit) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    let byte = |k: usize| chars.get(k).map_or(sentence.len(), |c| c.0);
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let starts_number = is_digit(c)
            || (matches!(c, '-' | '+' | '$' | '¥' | '￥' | '€' | '£')
                && chars.get(i + 1).is_some_and(|n| is_digit(n.1))
                && (i == 0 || !chars[i - 1].1.is_alphanumeric()));
        // Inside a word (`SU7`, `YU7`, `O1`, `4680` as a model name is still a number).
        let in_word = i > 0 && chars[i - 1].1.is_ascii_alphabetic();
        if !starts_number || in_word {
            i += 1;
            continue;
        }
        let start = i;
        let mut numbers = Vec::new();
        let mut j = number_end(&chars, i);
        numbers.push(
            sentence[byte(i)..byte(j)]
                .trim_start_matches(['$', '¥', '￥', '€', '£'])
                .to_string(),
        );
        let mut unit_at = j;
        // A range: `3%-5%`, `100万-150万辆`, `1-8月`.
        let mut k = j;
        let first_unit = unit_len(sentence, byte(k));
        if first_unit > 0 && sentence[byte(k)..].starts_with(['%', '％', '万', '亿', '萬', '億'])
        {
            k += 1;
        }
        if chars
            .get(k)
            .is_some_and(|c| matches!(c.1, '-' | '–' | '~' | '～' | '至' | '到'))
            && chars.get(k + 1).is_some_and(|c| is_digit(c.1))
        {
            let e = number_end(&chars, k + 1);
            numbers.push(sentence[byte(k + 1)..byte(e)].to_string());
            j = e;
            unit_at = e;
        }
        let mut ulen = unit_len(sentence, byte(unit_at));
        // Translated text spaces a Chinese unit off its number (`28 万辆`, `15 %`).
        let spaced = after_spaces(&chars, unit_at);
        if ulen == 0 && spaced > unit_at {
            let u = unit_len(sentence, byte(spaced));
            if u > 0 && !sentence[byte(spaced)..byte(spaced) + u].is_ascii()
                || sentence[byte(spaced)..].starts_with('%')
            {
                (unit_at, ulen) = (spaced, u);
            }
        }
        let end_byte = byte(unit_at) + ulen;
        let mut end = chars.partition_point(|c| c.0 < end_byte);
        let mut unit = sentence[byte(unit_at)..end_byte].trim().to_string();
        // `2025年Q2`, `2025年第二季度`.
        if unit == "年" {
            let rest = &sentence[end_byte..];
            let q = rest
                .strip_prefix(['Q', 'q'])
                .and_then(|r| r.chars().next())
                .filter(|c| ('1'..='4').contains(c));
            let period = PERIODS.iter().find(|p| rest.starts_with(*p));
            let extra = match (q, period) {
                (Some(_), _) => 2,
                (None, Some(p)) => p.chars().count(),
                _ => 0,
            };
            end += extra;
            if extra > 0 {
                unit = sentence[byte(unit_at)..byte(end)].to_string();
            }
        }
        // A bare number without unit is a figure only if it is not tiny noise: keep
        // numbers with a decimal point or 3+ digits; skip lone small integers.
        let text = &sentence[byte(start)..byte(end)];
        let digits = numbers[0].chars().filter(|c| c.is_ascii_digit()).count();
        let scaled = numbers[0].contains(SCALES);
        if unit.is_empty() && digits < 3 && !numbers[0].contains('.') && !scaled {
            i = end.max(i + 1);
            continue;
        }
        // A bare number that names rather than counts: a version (`Xiaomi Pilot 4.0`,
        // `5.4.5`).
        if unit.is_empty() && !scaled && is_version(&chars, start, &numbers[0]) {
            i = end.max(i + 1);
            continue;
        }
        out.push(Quantity {
            text: text.trim().to_string(),
            numbers,
            unit,
            start: byte(start),
            end: byte(end),
        });
        i = end.max(i + 1);
    }
    out
}

/// Is the bare number at chars `start..` a version: written with two points (`5.4.5`),
/// or a decimal after a capitalised word and a space (`Pilot 4.0`, `DOS 2.0`)?
fn is_version(chars: &[(usize, char)], start: usize, number: &str) -> bool {
    let version = number.matches('.').count() >= 2;
    let after_name = number.contains('.') && start >= 2 && chars[start - 1].1 == ' ' && {
        let word: Vec<char> = chars[..start - 1]
            .iter()
            .rev()
            .map(|c| c.1)
            .take_while(char::is_ascii_alphabetic)
            .collect();
        word.last().is_some_and(char::is_ascii_uppercase) && word.len() >= 2
    };
    version || after_name
}

/// The char index after the spaces (ASCII or ideographic) from `i`.
fn after_spaces(chars: &[(usize, char)], mut i: usize) -> usize {
    while chars
        .get(i)
        .is_some_and(|c| c.1 == ' ' || c.1 == '\u{3000}')
    {
        i += 1;
    }
    i
}

/// End (char index) of the number starting at `i`: digits, separators, a decimal
/// point and scale words (`33,257`, `2.43亿`, `10万`, spaced `8 亿`).
fn number_end(chars: &[(usize, char)], mut i: usize) -> usize {
    if matches!(chars[i].1, '-' | '+' | '$' | '¥' | '￥' | '€' | '£') {
        i += 1;
    }
    while i < chars.len() {
        let c = chars[i].1;
        let next_digit = chars.get(i + 1).is_some_and(|n| is_digit(n.1));
        if is_digit(c) || ((c == '.' || c == ',') && next_digit) {
            i += 1;
        } else if SCALES.contains(&c) && i > 0 && is_digit(chars[i - 1].1) {
            // `10万` — but `2025年` keeps 年 as the unit, and 十/百 only as scales.
            i += 1;
        } else if i > 0
            && is_digit(chars[i - 1].1)
            && chars
                .get(after_spaces(chars, i))
                .is_some_and(|n| matches!(n.1, '万' | '亿' | '萬' | '億'))
        {
            // `8 亿`, as translated text writes it.
            i = after_spaces(chars, i) + 1;
        } else {
            break;
        }
    }
    i
}

/// Words that begin with a one-character unit and are no unit (`9秒69成绩`: 成绩 is a
/// result, not tenths; `3人次` aside, `5次要` is no count).
const NOT_UNITS: &[&str] = &[
    "成绩", "成功", "成为", "成立", "成本", "成交", "成员", "成果", "成长", "次要", "名字", "名称",
    "名单", "名义", "位于", "位置", "只是", "只有", "只要", "头部", "架构", "岁月",
];

/// Length in bytes of the unit starting at byte `at`, or 0.
fn unit_len(s: &str, at: usize) -> usize {
    let rest = &s[at..];
    if NOT_UNITS.iter().any(|w| rest.starts_with(w)) {
        return 0;
    }
    UNITS
        .iter()
        .find(|u| {
            rest.starts_with(*u)
                && (!u.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
                    || !rest[u.len()..].starts_with(|c: char| c.is_ascii_alphabetic()))
        })
        .map_or(0, |u| u.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        quantities(s).into_iter().map(|q| q.text).collect()
    }

    #[test]
    fn chinese_quantities_with_units() {
        assert_eq!(
            texts("2024年3月,首款车型SU7上市72小时大定突破10万辆,全年交付超13万辆"),
            ["2024年", "3月", "72小时", "10万辆", "13万辆"]
        );
        assert_eq!(
            texts("毛利率已达到26.4%,同比提升了11个百分点"),
            ["26.4%", "11个百分点"]
        );
        assert_eq!(texts("亏损2.43亿美元"), ["2.43亿美元"]);
        // A scaled number is a figure without a unit too.
        assert_eq!(texts("连接超8亿手机,瞄准20万级市场"), ["8亿", "20万"]);
        // Times, areas, weights and counts of people.
        assert_eq!(
            texts("续航835公里，百公里加速5.88秒，占地1.41平方公里，重8公斤，招生202人"),
            ["835公里", "5.88秒", "1.41平方公里", "8公斤", "202人"]
        );
        // A word that begins like a unit is none (`成绩`, a result).
        assert_eq!(texts("以9秒69成绩夺冠"), ["9秒"]);
    }

    #[test]
    fn ranges_and_periods() {
        assert_eq!(
            texts("年销量或在100万-150万辆区间,占据3%-5%左右"),
            ["100万-150万辆", "3%-5%"]
        );
        let q = quantities("3%-5%");
        assert_eq!(q[0].numbers, ["3", "5"]);
        assert_eq!(texts("特斯拉2025年Q2季度汽车业务毛利率"), ["2025年Q2"]);
        assert_eq!(texts("2025年第二季度,小米"), ["2025年第二季度"]);
        assert_eq!(texts("小米汽车2025年1-8月销量"), ["2025年", "1-8月"]);
    }

    #[test]
    fn a_unit_a_space_after_its_number_is_its_unit() {
        assert_eq!(
            texts("今年共交付 28 万辆，同比增长 15 %，收入为 213 亿元，连接超 8 亿手机"),
            ["28 万辆", "15 %", "213 亿元", "8 亿"]
        );
        let q = quantities("交付 28 万辆");
        assert_eq!(
            (q[0].numbers[0].as_str(), q[0].unit.as_str()),
            ("28 万", "辆")
        );
        // An English unit keeps its own space; no unit is taken from across a word.
        assert_eq!(texts("sold 5 m of them"), Vec::<String>::new());
        assert_eq!(texts("在 2000 年 赢得"), ["2000 年"]);
    }

    #[test]
    fn model_names_are_not_figures() {
        assert!(texts("小米SU7和YU7,玄戒O1").is_empty());
        // Versions name a thing.
        assert!(texts("Xiaomi Pilot 4.0系统、MS-DOS 2.0、WES-5.4.5").is_empty());
        // Counts stay, bare or not.
        assert_eq!(
            texts("营收达1000,增长至26.4,共4680辆,In 2024 it rose 12.5"),
            ["1000", "26.4", "4680辆", "2024", "12.5"]
        );
        // Counted in the measure words of people and things.
        assert_eq!(
            texts("148名信徒,2000匹马,3位专家,5艘船,12架飞机"),
            ["148名", "2000匹", "3位", "5艘", "12架"]
        );
    }

    #[test]
    fn english_quantities() {
        assert_eq!(
            texts("revenue of $26.4 million, up 20 percent"),
            ["$26.4 million", "20 percent"]
        );
        assert_eq!(texts("sold 33,257 cars in 2025"), ["33,257 cars", "2025"]);
        assert_eq!(
            texts("up 11 percentage points, priced at 215,900 yuan, a range of 800 km"),
            ["11 percentage points", "215,900 yuan", "800 km"]
        );
        // A unit word must end there (`800 kmh` is no `800 km`).
        assert_eq!(texts("800 kmh"), ["800"]);
    }
}
