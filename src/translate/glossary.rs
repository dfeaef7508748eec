//! The curated glossary of names and terms CC-CEDICT lacks or renders badly for this
//! domain (companies, brands, people, products, finance), and the reader of a user's
//! own `glossary.tsv` (`english<TAB>中文` a line, `#` comments).

/// Built-in pairs: English (as typed by users) and Chinese (simplified).
pub const BUILT_IN: &[(&str, &str)] = &[
    // Companies and brands.
    ("Xiaomi", "小米"),
    ("Tesla", "特斯拉"),
    ("NIO", "蔚来"),
    ("XPeng", "小鹏"),
    ("Xpeng Motors", "小鹏汽车"),
    ("Li Auto", "理想"),
    ("BYD", "比亚迪"),
    ("Geely", "吉利"),
    ("Zeekr", "极氪"),
    ("Huawei", "华为"),
    ("Apple", "苹果"),
    ("Google", "谷歌"),
    ("Bosch", "博世"),
    ("CATL", "宁德时代"),
    ("Leapmotor", "零跑"),
    ("Great Wall Motors", "长城汽车"),
    ("SAIC", "上汽"),
    ("Volkswagen", "大众"),
    ("Toyota", "丰田"),
    ("BMW", "宝马"),
    ("Mercedes-Benz", "奔驰"),
    ("General Motors", "通用"),
    ("Ford", "福特"),
    ("Porsche", "保时捷"),
    ("Ferrari", "法拉利"),
    ("Gasgoo", "盖世汽车"),
    ("Industrial Securities", "兴业证券"),
    ("Shunwei Capital", "顺为资本"),
    ("Shunwei", "顺为"),
    ("SpaceX", "SpaceX"),
    // People.
    ("Lei Jun", "雷军"),
    ("Elon Musk", "马斯克"),
    ("Musk", "马斯克"),
    ("Lu Weibing", "卢伟冰"),
    ("William Li", "李斌"),
    ("Li Bin", "李斌"),
    ("Li Xiang", "李想"),
    ("He Xiaopeng", "何小鹏"),
    ("Wang Chuanfu", "王传福"),
    ("Henry Ford", "亨利·福特"),
    ("Steve Jobs", "乔布斯"),
    // Products.
    ("Model 3", "Model 3"),
    ("Model Y", "Model Y"),
    ("HyperOS", "澎湃OS"),
    ("Xring", "玄戒"),
    ("FSD", "FSD"),
    // Finance and the car business.
    ("gross margin", "毛利率"),
    ("gross profit margin", "毛利率"),
    ("profit margin", "利润率"),
    ("net profit", "净利润"),
    ("revenue", "营收"),
    ("revenues", "营收"),
    ("operating income", "营业收入"),
    ("market value", "市值"),
    ("market capitalization", "市值"),
    ("market share", "市场份额"),
    ("break even", "盈亏平衡"),
    ("breakeven", "盈亏平衡"),
    ("break-even", "盈亏平衡"),
    ("break even", "盈利平衡点"),
    ("breakeven", "盈利平衡点"),
    ("break-even", "盈利平衡点"),
    ("brand awareness", "知名度"),
    // Chinese companies going abroad (出海), and the carmakers founded since 2014.
    ("overseas expansion", "出海"),
    ("going global", "出海"),
    ("EV startups", "新势力"),
    ("EV startup", "新势力"),
    ("Mi Fans", "米粉"),
    ("deliveries", "交付"),
    ("delivery", "交付"),
    ("deliver", "交付"),
    ("orders", "订单"),
    // A launch's deposit orders, as Chinese car news counts them.
    ("orders", "大定"),
    ("pre-orders", "大定"),
    ("preorders", "大定"),
    ("sales", "销量"),
    ("sales volume", "销量"),
    ("electric vehicle", "电动车"),
    ("electric vehicles", "电动汽车"),
    ("EV", "电动车"),
    ("new energy vehicle", "新能源汽车"),
    ("NEV", "新能源汽车"),
    ("carmaker", "车企"),
    // Making cars, as a company's venture (小米造车, 造车新势力).
    ("make cars", "造车"),
    ("build cars", "造车"),
    ("carmaking", "造车"),
    ("car-making", "造车"),
    ("mass production", "量产"),
    ("mass-produce", "量产"),
    ("automaker", "车企"),
    ("car", "汽车"),
    ("cars", "汽车"),
    ("chip", "芯片"),
    ("chips", "芯片"),
    ("battery", "电池"),
    ("batteries", "电池"),
    ("autonomous driving", "自动驾驶"),
    ("self-driving", "自动驾驶"),
    ("range extender", "增程"),
    ("extended-range", "增程"),
    ("EREV", "增程"),
    ("driver assistance", "辅助驾驶"),
    ("smartphone", "智能手机"),
    ("phone", "手机"),
    ("mobile phone", "手机"),
    ("supply chain", "供应链"),
    ("fan economy", "粉丝经济"),
    ("word of mouth", "口碑"),
    ("reputation", "口碑"),
    ("quarter", "季度"),
    // Quarters and halves as finance writes them (`Q2` is 第二季度 or 二季度).
    ("first quarter", "第一季度"),
    ("second quarter", "第二季度"),
    ("third quarter", "第三季度"),
    ("fourth quarter", "第四季度"),
    ("Q1", "第一季度"),
    ("Q1", "一季度"),
    ("Q2", "第二季度"),
    ("Q2", "二季度"),
    ("Q3", "第三季度"),
    ("Q3", "三季度"),
    ("Q4", "第四季度"),
    ("Q4", "四季度"),
    ("H1", "上半年"),
    ("H2", "下半年"),
    ("first half", "上半年"),
    ("second half", "下半年"),
    ("stock price", "股价"),
    ("profitability", "盈利"),
    ("loss", "亏损"),
    ("losses", "亏损"),
    ("R&D", "研发"),
];

/// A line of a glossary file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {why}")]
pub struct GlossaryLineError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub why: String,
}

/// Reads a user glossary: `english<TAB>中文` a line; blank lines and `#` comments are
/// skipped. Returns the pairs and the lines that could not be read (the rest still
/// counts).
pub fn parse_tsv(text: &str) -> (Vec<(String, String)>, Vec<GlossaryLineError>) {
    let mut pairs = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((en, zh)) = line.split_once('\t') else {
            errors.push(GlossaryLineError {
                line: i + 1,
                why: "expected `english<TAB>中文`".into(),
            });
            continue;
        };
        let (en, zh) = (en.trim(), zh.trim());
        if en.is_empty() || zh.is_empty() || zh.contains('\t') {
            errors.push(GlossaryLineError {
                line: i + 1,
                why: "expected one English term, a tab, and one Chinese term".into(),
            });
            continue;
        }
        pairs.push((en.to_string(), zh.to_string()));
    }
    (pairs, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_lines_comments_and_errors() {
        let (pairs, errors) = parse_tsv("# mine\nShunwei\t顺为\n\nbad line\nNIO\t蔚来\n");
        assert_eq!(
            pairs,
            [
                ("Shunwei".to_string(), "顺为".to_string()),
                ("NIO".into(), "蔚来".into())
            ]
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 4);
    }
}
