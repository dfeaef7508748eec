//! Integration tests: the real `wenku` binary on a temporary copy of the shipped corpus.

mod common;

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

use common::{Fixture, SEED};

fn text(hit: &Value) -> &str {
    hit["text"].as_str().unwrap()
}

/// Asserts that the first of `hits` (of `query`) holds `expect`, listing them if not.
fn assert_first_holds(hits: &[Value], expect: &str, query: &str) {
    assert!(
        hits.first().is_some_and(|h| text(h).contains(expect)),
        "{query}: the first hit should hold {expect:?}; hits: {:?}",
        hits.iter().map(text).collect::<Vec<_>>()
    );
}

#[test]
fn search_builds_the_index_on_first_use() {
    let f = Fixture::new();
    let hits = f.search(&["小米", "毛利率"]);
    assert!(!hits.is_empty());
    assert!(f.index_dir().join("CURRENT").exists());
}

#[test]
fn compound_chinese_query_ranks_the_margin_paragraph_first() {
    let f = Fixture::new();
    let hits = f.search(&["小米汽车毛利率"]);
    assert!(text(&hits[0]).contains("26.4%"), "{}", text(&hits[0]));
}

#[test]
fn substring_jieba_does_not_cut_finds_its_paragraph() {
    let f = Fixture::new();
    for (q, expect) in [
        ("玄戒", "玄戒O1"),
        ("所言", "所言"),
        ("晚有晚的好处", "晚有晚的好处"),
        ("磷", "磷酸铁锂"),
    ] {
        let hits = f.search(&[q]);
        assert!(!hits.is_empty(), "{q} found nothing");
        assert!(text(&hits[0]).contains(expect), "{q}: {}", text(&hits[0]));
    }
}

#[test]
fn traditional_query_finds_simplified_text() {
    let f = Fixture::new();
    let key = |hits: Vec<Value>| -> Vec<(String, u64)> {
        hits.iter()
            .map(|h| {
                (
                    h["article"].as_str().unwrap().to_string(),
                    h["paragraph"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let simplified = key(f.search(&["小米汽车"]));
    assert!(!simplified.is_empty());
    assert_eq!(key(f.search(&["小米汽車"])), simplified);
}

#[test]
fn full_width_code_finds_half_width_text() {
    let f = Fixture::new();
    let hits = f.search(&["ＳＵ７", "大定"]);
    assert!(text(&hits[0]).contains("SU7"));
}

#[test]
fn su7_orders_query_finds_the_72_hour_paragraph() {
    let f = Fixture::new();
    let hits = f.search(&["SU7", "大定"]);
    assert!(text(&hits[0]).contains("72小时大定"), "{}", text(&hits[0]));
}

#[test]
fn english_query_finds_an_english_article() {
    let f = Fixture::new();
    let hits = f.search(&["oil", "crisis", "embargo"]);
    assert!(!hits.is_empty());
    assert_eq!(hits[0]["lang"], "en");
    assert!(hits[0]["article"].as_str().unwrap().contains("xquad-en"));
    let hits = f.search_with(&["--lang", "zh"], &["oil", "embargo"]);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["lang"] == "zh"));
    let hits = f.search_with(&["--lang", "en"], &["石油", "禁运"]);
    assert!(hits.iter().all(|h| h["lang"] == "en"));
}

#[test]
fn seed_sections_are_recognised_and_credits_are_not_passages() {
    let f = Fixture::new();
    for heading in [
        "都是“大品牌 大IP”",
        "都具备差异化竞争优势",
        "下一个特斯拉?",
        "能否成为“百年福特”?",
    ] {
        let out = f
            .cmd(&["search", "--json", "--section", heading, "小米"])
            .success();
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        let first: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
        assert_eq!(first["section"], heading);
    }
    let out = f.cmd(&["search", "--json", "--limit", "100", "图片来源"]);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        !stdout.contains("\"text\":\"图片来源"),
        "a credit line became a passage"
    );
    for caption in ["小米汽车2025年1-8月销量", "特斯拉2025年1-8月中国销量"] {
        let hits = f.search(&[&format!("\"{caption}\"")]);
        assert!(
            hits.iter().all(|h| text(h) != caption),
            "caption {caption} became a passage"
        );
    }
}

/// `article ¶paragraph` of each hit, sorted.
fn places(hits: &[Value]) -> Vec<String> {
    let mut places: Vec<String> = hits
        .iter()
        .map(|h| format!("{} ¶{}", h["article"].as_str().unwrap(), h["paragraph"]))
        .collect();
    places.sort();
    places
}

#[test]
fn section_filter_tells_apart_same_headings_within_and_across_articles() {
    let f = Fixture::new();
    // a.md: a passage under no heading, an empty section, then 札记 twice with 其他
    // between (sections 空节 1, 札记 2, 其他 3, 札记 4). b.md has 其他 as its section
    // 1 and 札记续 as its section 2: numbers mean different headings in each article.
    fs::write(
        f.corpus().join("a.md"),
        "# 甲文\n\n琥珀鲸序言。\n\n## 空节\n\n## 札记\n\n琥珀鲸其一。\n\n\
         ## 其他\n\n琥珀鲸其二。\n\n## 札记\n\n琥珀鲸其三。\n",
    )
    .unwrap();
    fs::write(
        f.corpus().join("b.md"),
        "# 乙文\n\n## 其他\n\n琥珀鲸乙一。\n\n## 札记续\n\n琥珀鲸乙二。\n",
    )
    .unwrap();
    let found = |options: &[&str]| places(&f.search_with(options, &["琥珀鲸"]));
    assert_eq!(
        found(&[]),
        [
            "a.md ¶1", "a.md ¶2", "a.md ¶3", "a.md ¶4", "b.md ¶1", "b.md ¶2"
        ]
    );
    assert_eq!(
        found(&["--section", "札记"]),
        ["a.md ¶2", "a.md ¶4", "b.md ¶2"]
    );
    assert_eq!(found(&["--section", "其他"]), ["a.md ¶3", "b.md ¶1"]);
    assert_eq!(found(&["--section", "札记续"]), ["b.md ¶2"]);
    assert_eq!(
        found(&["--section", "札记", "--article", "a.md"]),
        ["a.md ¶2", "a.md ¶4"]
    );
    assert_eq!(
        found(&["--section", "其他", "--article", "b.md"]),
        ["b.md ¶1"]
    );
    assert_eq!(
        found(&["--section", "其他", "--article", "a.md"]),
        ["a.md ¶3"]
    );
    // A heading over nothing is a heading: no passages, not a bad argument.
    assert_eq!(found(&["--section", "空节"]), Vec::<String>::new());
    // In scope of --article, b.md has no 空节.
    f.cmd(&["search", "--section", "空节", "--article", "b.md", "琥珀鲸"])
        .code(2);
}

#[test]
fn json_hits_carry_the_contract_and_valid_highlights() {
    let f = Fixture::new();
    let hits = f.search(&["小米", "毛利率", "Tesla"]);
    assert!(!hits.is_empty());
    for (i, h) in hits.iter().enumerate() {
        for k in [
            "rank",
            "score",
            "article",
            "title",
            "section",
            "paragraph",
            "lang",
            "text",
            "snippet",
            "highlights",
        ] {
            assert!(h.get(k).is_some(), "{k} missing");
        }
        assert_eq!(h["rank"].as_u64(), Some(i as u64 + 1));
        let t = text(h);
        for r in h["highlights"].as_array().unwrap() {
            let (s, e) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            assert!(s < e && e <= t.len());
            assert!(t.is_char_boundary(s) && t.is_char_boundary(e));
        }
    }
    let seed = hits.iter().find(|h| h["article"] == SEED).unwrap();
    assert!(seed["title"].as_str().unwrap().contains("小米"));
}

#[test]
fn human_output_shows_rank_location_and_snippet() {
    let f = Fixture::new();
    let out = f
        .cmd(&["search", "--no-translate", "小米汽车毛利率"])
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let first = stdout.lines().next().unwrap();
    assert!(first.starts_with(" 1. "), "{first}");
    assert!(first.contains(" › 都具备差异化竞争优势 ¶"), "{first}");
    assert!(first.contains(SEED));
    assert!(!stdout.contains('\x1b'), "colour when piped");
    let second = stdout.lines().nth(1).unwrap();
    assert!(second.contains("毛利率"));
}

#[test]
fn added_file_is_found_and_removed_file_is_gone() {
    let f = Fixture::new();
    f.index();
    let new = f.corpus().join("new-article.md");
    fs::write(
        &new,
        "---\ntitle: 蓝鲸测试\n---\n# 蓝鲸测试\n\n一种名叫蓝鲸鹦鹉螺的特别生物。\n",
    )
    .unwrap();
    let summary = f.index();
    assert!(
        summary.contains("1 added, 0 updated, 0 removed"),
        "{summary}"
    );
    assert!(summary.contains("9 unchanged"), "{summary}");
    let hits = f.search(&["鹦鹉螺"]);
    assert_eq!(hits[0]["article"], "new-article.md");

    fs::remove_file(&new).unwrap();
    let summary = f.index();
    assert!(
        summary.contains("0 added, 0 updated, 1 removed"),
        "{summary}"
    );
    assert!(f.search(&["鹦鹉螺"]).is_empty());
}

#[test]
fn changed_file_is_reindexed_and_untouched_files_are_not_read() {
    let f = Fixture::new();
    f.index();
    let summary = f.index();
    assert!(
        summary.contains("0 added, 0 updated, 0 removed, 9 unchanged"),
        "{summary}"
    );
    let path = f.corpus().join("parallel/xquad-en-003.md");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\nA zebracorn paragraph added later.\n");
    fs::write(&path, text).unwrap();
    let summary = f.index();
    assert!(
        summary.contains("0 added, 1 updated, 0 removed, 8 unchanged"),
        "{summary}"
    );
    assert_eq!(f.search(&["zebracorn"]).len(), 1);
}

#[test]
fn search_updates_a_stale_index_by_itself() {
    let f = Fixture::new();
    f.index();
    fs::write(
        f.corpus().join("late.txt"),
        "后来加入的文章提到了独角鲸。\n",
    )
    .unwrap();
    let hits = f.search(&["独角鲸"]);
    assert_eq!(hits[0]["article"], "late.txt");
}

#[test]
fn gbk_encoded_article_is_found_by_a_chinese_query() {
    let f = Fixture::new();
    let (bytes, _, _) = encoding_rs::GBK.encode("小米汽车的工厂在北京亦庄，采用一体压铸技术。\n");
    fs::write(f.corpus().join("gbk.txt"), &bytes).unwrap();
    let (bytes, _, _) = encoding_rs::BIG5.encode("臺灣的讀者也關心電動車與鴻海合作。\n");
    fs::write(f.corpus().join("big5.txt"), &bytes).unwrap();
    let hits = f.search(&["北京亦庄"]);
    assert_eq!(hits[0]["article"], "gbk.txt");
    let hits = f.search(&["鸿海"]);
    assert_eq!(hits[0]["article"], "big5.txt");
}

#[test]
fn binary_file_is_skipped_with_a_warning_naming_it() {
    let f = Fixture::new();
    fs::write(
        f.corpus().join("image.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0],
    )
    .unwrap();
    fs::write(f.corpus().join("empty.md"), "").unwrap();
    let summary = f.index();
    assert!(summary.contains("image.txt"), "{summary}");
    assert!(summary.contains("empty.md"), "{summary}");
    assert!(summary.contains("9 added"), "{summary}");
    assert!(!f.search(&["小米"]).is_empty());
    // Not read again (nor warned about) until they change: the commit stamped them.
    let again = f.index();
    assert!(again.contains("11 unchanged, 0 skipped"), "{again}");
    assert!(!again.contains("image.txt"), "{again}");
    let out = f.cmd(&["status"]).success();
    let status = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(status.contains("up to date"), "{status}");
    assert!(status.contains("skipped  image.txt"), "{status}");
    fs::write(f.corpus().join("empty.md"), "  \n").unwrap();
    let changed = f.index();
    assert!(changed.contains("empty.md"), "{changed}");
}

#[test]
fn no_hits_exit_1_with_a_message() {
    let f = Fixture::new();
    let out = f.cmd(&["search", "zzzyyyxxx"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("no passages match"), "{stderr}");
    let out = f.cmd(&["search", "--", "，。！"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("nothing to search for"), "{stderr}");
    // Only exclusions: what to add, not "no passages match".
    let out = f.cmd(&["search", "--", "-小米", "-特斯拉"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("only says what to leave out"), "{stderr}");
}

#[test]
fn passages_covering_every_query_word_outrank_one_word_matched_often() {
    // The XQuAD article on Nikola Tesla says "Tesla" again and again, but not "sales";
    // the seed's paragraph on Tesla's yearly sales (特斯拉年销量) shows both words.
    let f = Fixture::new();
    for (query, want) in [
        ("Tesla sales", ["特斯拉", "销量"]),
        ("Xiaomi losses", ["小米", "亏损"]),
    ] {
        let hits = f.search_with(&["--limit", "1"], &[query]);
        assert_eq!(hits.len(), 1, "{query}");
        assert_eq!(hits[0]["article"], SEED, "{query}: {hits:?}");
        let text = hits[0]["text"].as_str().unwrap();
        assert!(want.iter().all(|w| text.contains(w)), "{query}: {text}");
    }
}

#[test]
fn a_passage_holding_the_query_as_typed_comes_before_stem_matches() {
    // English words are matched by their stems, so `the election` also finds `the
    // elected`; the passage that says `the election`, as grep would find it, is first.
    let f = Fixture::new();
    fs::remove_dir_all(f.corpus()).unwrap();
    fs::create_dir_all(f.corpus()).unwrap();
    fs::write(
        f.corpus().join("a.md"),
        "---\ntitle: Councils\nlang: en\n---\n# Councils\n\nThe elected council met; the \
         elected members and the elected chair spoke for elected bodies.\n",
    )
    .unwrap();
    fs::write(
        f.corpus().join("b.md"),
        "---\ntitle: Votes\nlang: en\n---\n# Votes\n\nAfter the election of a new council in \
         the spring, the members of the old one went back to their towns, their farms and \
         their trades, and the new members began their work.\n",
    )
    .unwrap();
    for limit in ["1", "10"] {
        let hits = f.search_with(&["--limit", limit], &["the", "election"]);
        assert!(!hits.is_empty(), "--limit {limit}");
        assert_eq!(hits[0]["article"], "b.md", "--limit {limit}: {hits:?}");
        // Best first, and the scores say so.
        let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    }
}

#[test]
fn a_query_of_only_common_words_is_searched_as_typed() {
    // Common words are left out of ranking when a query has others; alone, they are
    // what to search for (grep finds `the`, so must wenku).
    let f = Fixture::new();
    let hits = f.search_with(&["--limit", "3"], &["the"]);
    assert_eq!(hits.len(), 3, "{hits:?}");
    for h in &hits {
        let text = h["text"].as_str().unwrap().to_lowercase();
        assert!(
            text.split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "the"),
            "{text}"
        );
    }
}

#[test]
fn an_empty_corpus_says_so_instead_of_no_match() {
    let f = Fixture::new();
    fs::remove_dir_all(f.corpus()).unwrap();
    fs::create_dir_all(f.corpus().join("notes")).unwrap();
    fs::write(f.corpus().join("notes/empty.md"), "  \n").unwrap();
    for args in [
        &["search", "小米"][..],
        &["quotes"][..],
        &["figures", "毛利率"][..],
    ] {
        let out = f.cmd(args).code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            stderr.contains("the index holds no passages"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("corpus"), "names the folder: {stderr}");
        assert!(!stderr.contains("match"), "{args:?}: {stderr}");
    }
    // With an article in it, a query that finds nothing is a query problem again.
    fs::write(
        f.corpus().join("notes/a.md"),
        "# 标题\n\n小米汽车的毛利率。\n",
    )
    .unwrap();
    let out = f.cmd(&["search", "zzzyyyxxx"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("no passages match"), "{stderr}");
}

#[test]
fn bad_filters_and_limits_name_the_argument() {
    let f = Fixture::new();
    for (args, needle) in [
        (&["search", "--limit", "0", "小米"][..], "--limit"),
        (&["search", "--lang", "fr", "小米"][..], "--lang"),
        (
            &["search", "--article", "nosuch.txt", "小米"][..],
            "--article nosuch.txt",
        ),
        (
            &["search", "--section", "不存在的小节", "小米"][..],
            "--section",
        ),
    ] {
        let out = f.cmd(args).code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}

#[test]
fn missing_corpus_is_an_error_that_says_what_to_do() {
    let f = Fixture::new();
    let mut c = Command::cargo_bin("wenku").unwrap();
    let out = c
        .args(["search", "--corpus"])
        .arg(f.dir.path().join("nope"))
        .arg("--index")
        .arg(f.index_dir())
        .arg("小米")
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("nope") && stderr.contains("--corpus"),
        "{stderr}"
    );
}

#[test]
fn query_syntax_never_fails() {
    let f = Fixture::new();
    for q in [
        "\"小米 毛利率",
        "title:小米 AND (SU7 OR *) ~2 ^3",
        "-",
        "，。！？",
        "\"\"",
    ] {
        let out = f.cmd(&["search", "--", q]);
        let code = out.get_output().status.code();
        assert!(matches!(code, Some(0) | Some(1)), "{q}: {code:?}");
    }
    // The one paragraph with the phrase also names 特斯拉: excluding it leaves nothing.
    let hits = f.search(&["\"晚有晚的好处\""]);
    assert_eq!(hits.len(), 1);
    assert!(f.search(&["\"晚有晚的好处\"", "-特斯拉"]).is_empty());
    assert_eq!(f.search(&["\"晚有晚的好处\"", "-福特"]).len(), 1);
    let hits = f.search(&["小米", "-特斯拉"]);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| !text(h).contains("特斯拉")));
}

#[test]
fn damaged_index_names_the_rebuild_command_and_rebuild_recovers() {
    let f = Fixture::new();
    f.index();
    let current = fs::read_to_string(f.index_dir().join("CURRENT")).unwrap();
    fs::write(
        f.index_dir().join(current.trim()).join("meta.json"),
        "garbage{",
    )
    .unwrap();
    let out = f.cmd(&["search", "小米"]).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("wenku index --rebuild"), "{stderr}");
    f.cmd(&["index", "--rebuild", "--quiet"]).success();
    assert!(!f.search(&["小米"]).is_empty());
}

#[test]
fn index_of_an_older_schema_is_rebuilt_with_a_message() {
    let f = Fixture::new();
    f.index();
    let current = fs::read_to_string(f.index_dir().join("CURRENT")).unwrap();
    let meta = f.index_dir().join(current.trim()).join("meta.json");
    let text = fs::read_to_string(&meta).unwrap();
    // Whatever this build's version, pretend the index was written by version 0.
    let key = "\\\"schema_version\\\":";
    let at = text
        .find(key)
        .expect("schema version in the commit payload")
        + key.len();
    let digits = text[at..].chars().take_while(char::is_ascii_digit).count();
    let old = format!("{}0{}", &text[..at], &text[at + digits..]);
    assert_ne!(old, text, "schema version not found in the commit payload");
    fs::write(&meta, old).unwrap();
    // `status` tells what the old index holds and that it will be rebuilt; it does
    // not call every article skipped.
    let out = f.cmd(&["status"]).success();
    let status = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(status.contains("(9 articles, 100 passages"), "{status}");
    assert!(status.contains("written by schema 0"), "{status}");
    assert!(status.contains("it will be rebuilt"), "{status}");
    assert!(!status.contains("skipped"), "{status}");
    let summary = f.index();
    assert!(summary.contains("incompatible version"), "{summary}");
    assert!(!f.search(&["小米"]).is_empty());
}

#[test]
fn unchanged_size_and_time_means_the_file_is_not_read_again() {
    let f = Fixture::new();
    f.index();
    // Same size, different bytes, modification time put back: only a re-read could
    // notice, so finding the old text proves the file was not read again.
    let path = f.corpus().join("parallel/xquad-en-003.md");
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("renowned", "renxwned", 1)).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let summary = f.index();
    assert!(
        summary.contains("0 updated, 0 removed, 9 unchanged"),
        "{summary}"
    );
    assert!(f.search(&["renxwned"]).is_empty());
    // `--rebuild` reads everything again.
    f.cmd(&["index", "--rebuild", "--quiet"]).success();
    assert_eq!(f.search(&["renxwned"]).len(), 1);
}

#[test]
fn killed_index_run_leaves_the_last_commit_usable() {
    let f = Fixture::new();
    f.index();
    let current = fs::read_to_string(f.index_dir().join("CURRENT")).unwrap();
    // Enough new text that indexing it takes a while.
    let mut child = f.start_long_index_run();
    assert!(
        child.try_wait().unwrap().is_none(),
        "indexing finished before it could be killed: make the bulk bigger"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        fs::read_to_string(f.index_dir().join("CURRENT")).unwrap(),
        current
    );
    // The interrupted work is redone; the old passages are all still there.
    let summary = f.index();
    assert!(summary.contains("1000 added"), "{summary}");
    assert!(summary.contains("9 unchanged"), "{summary}");
    let hits = f.search_with(&["--article", SEED], &["小米汽车毛利率"]);
    assert!(text(&hits[0]).contains("26.4%"));
}

fn json_lines(out: &assert_cmd::assert::Assert) -> Vec<Value> {
    String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn quotes_lists_every_attributed_statement_with_its_speaker() {
    let f = Fixture::new();
    let out = f
        .cmd(&["quotes", "--json", "--limit", "1000", "--article", SEED])
        .success();
    let quotes = json_lines(&out);
    for (speaker, key) in [
        ("雷军", "晚有晚的好处"),
        ("兴业证券", "毛利率改善"),
        ("钟师", "懂技术的朋友"),
        ("分析人士", "新一代产品"),
        ("钟师", "李斌、李想"),
        ("盖世汽车研究院", "盈利平衡点"),
    ] {
        assert!(
            quotes
                .iter()
                .any(|q| q["speaker"].as_str().unwrap().contains(speaker)
                    && q["text"].as_str().unwrap().contains(key)),
            "{speaker}: {key}"
        );
    }
    // The writer's phrase in quotation marks is nobody's statement.
    assert!(
        quotes
            .iter()
            .all(|q| !q["text"].as_str().unwrap().contains("一人可抵"))
    );
    for key in [
        "speaker",
        "role",
        "cue",
        "text",
        "sentence",
        "kind",
        "article",
        "title",
        "section",
        "paragraph",
    ] {
        assert!(quotes[0].get(key).is_some(), "{key}");
    }
    // Quoted words are direct, reported speech indirect.
    let kind_of = |key: &str| {
        quotes
            .iter()
            .find(|q| q["text"].as_str().unwrap().contains(key))
            .map(|q| q["kind"].as_str().unwrap().to_string())
    };
    assert_eq!(kind_of("晚有晚的好处").as_deref(), Some("direct"));
    assert_eq!(kind_of("毛利率改善").as_deref(), Some("indirect"));
    // Article order without a query.
    let paragraphs: Vec<u64> = quotes
        .iter()
        .map(|q| q["paragraph"].as_u64().unwrap())
        .collect();
    assert!(
        paragraphs.windows(2).all(|w| w[0] <= w[1]),
        "{paragraphs:?}"
    );
}

#[test]
fn quotes_by_query_and_speaker_with_citations() {
    let f = Fixture::new();
    let out = f.cmd(&["quotes", "--json", "毛利率"]).success();
    let quotes = json_lines(&out);
    assert_eq!(quotes[0]["speaker"], "兴业证券");
    let out = f.cmd(&["quotes", "--speaker", "钟师", "--cite"]).success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.lines().count() >= 5, "{text}");
    assert!(text.lines().all(|l| l.starts_with("钟师")), "{text}");
    // A paraphrase is marked as one, with no quotation marks of its own: only the
    // words the source said (“懂技术的朋友”) keep theirs.
    assert!(
        text.contains("钟师（汽车行业分析师）所言（大意）：雷军的沟通方式更像是一位“懂技术的朋友”"),
        "{text}"
    );
    let out = f.cmd(&["quotes", "--speaker", "雷军", "--cite"]).success();
    let lei = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        lei.contains("雷军（小米集团创始人）：“晚有晚的好处"),
        "{lei}"
    );
    assert!(text.contains("——《小米汽车能否成为下一个特斯拉？》，都是“大品牌 大IP”，第10段"));
    let out = f.cmd(&["quotes", "--speaker", "无名氏"]).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("--speaker 无名氏") && stderr.contains("wenku speakers"));
    // A romanised name finds the source the article names in Chinese.
    let out = f
        .cmd(&["quotes", "--json", "--speaker", "Lei Jun"])
        .success();
    let quotes = json_lines(&out);
    assert!(!quotes.is_empty());
    assert!(quotes.iter().all(|q| q["speaker"] == "雷军"), "{quotes:?}");
    let hits = f.search_with(&["--speaker", "Zhong Shi"], &["小米"]);
    assert_all_by(&hits, "钟师");
    f.cmd(&["quotes", "--speaker", "Nobody Here"]).code(2);
    let out = f.cmd(&["quotes", "--speaker", " "]).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("--speaker: the name is empty"), "{stderr}");
}

/// Asserts that there are hits and that each holds a statement by `speaker`.
fn assert_all_by(hits: &[Value], speaker: &str) {
    assert!(!hits.is_empty());
    for h in hits {
        let speakers = h["speakers"].as_array().unwrap();
        assert!(speakers.iter().any(|s| s == speaker), "{h}");
    }
}

#[test]
fn search_filters_by_speaker() {
    let f = Fixture::new();
    let hits = f.search_with(&["--speaker", "兴业证券"], &["小米"]);
    assert_eq!(hits.len(), 1);
    assert!(text(&hits[0]).contains("兴业证券指出"));
    assert_eq!(hits[0]["speakers"], serde_json::json!(["兴业证券"]));
    // Part of a name, in traditional characters, finds the source too.
    let hits = f.search_with(&["--speaker", "鍾師"], &["小米"]);
    assert_all_by(&hits, "钟师");
}

#[test]
fn figures_lists_the_seed_quantities() {
    let f = Fixture::new();
    let out = f
        .cmd(&["figures", "--json", "--limit", "1000", "--article", SEED])
        .success();
    let figures = json_lines(&out);
    let all: Vec<String> = figures
        .iter()
        .flat_map(|f| f["quantities"].as_array().unwrap().clone())
        .map(|q| q.as_str().unwrap().to_string())
        .collect();
    for want in [
        "72小时",
        "10万辆",
        "26.4%",
        "11个百分点",
        "2.43亿美元",
        "3%-5%",
        "100万-150万辆",
    ] {
        assert!(all.iter().any(|q| q == want), "{want} not in {all:?}");
    }
    let out = f.cmd(&["figures", "--json", "毛利率"]).success();
    let first = &json_lines(&out)[0];
    assert!(first["sentence"].as_str().unwrap().contains("毛利率"));
    // Ranked by how much of the query a passage shows, as a search is: the English
    // Nikola Tesla's dates show only `Tesla`.
    let out = f
        .cmd(&["figures", "--json", "Tesla", "deliveries"])
        .success();
    let first = &json_lines(&out)[0];
    let sentence = first["sentence"].as_str().unwrap();
    assert!(sentence.contains("特斯拉全球交付72万辆"), "{sentence}");
}

#[test]
fn speakers_counts_statements_most_first() {
    let f = Fixture::new();
    let out = f.cmd(&["speakers", "--json"]).success();
    let speakers = json_lines(&out);
    assert_eq!(speakers[0]["speaker"], "钟师");
    assert!(speakers[0]["statements"].as_u64().unwrap() >= 8);
    let counts: Vec<u64> = speakers
        .iter()
        .map(|s| s["statements"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn english_queries_find_the_chinese_seed_article() {
    let f = Fixture::new();
    for (query, expect) in [
        (&["Xiaomi", "gross", "margin"][..], "26.4%"),
        (&["小米", "gross", "margin"][..], "26.4%"),
        (&["Tesla", "毛利率"][..], "17%"),
    ] {
        let hits = f.search_with(&["--article", SEED], query);
        assert!(
            hits.iter().take(3).any(|h| text(h).contains(expect)),
            "{query:?}: {:?}",
            hits.iter().take(3).map(text).collect::<Vec<_>>()
        );
    }
    let hits = f.search(&["Lei", "Jun"]);
    assert!(text(&hits[0]).contains("雷军"), "{}", text(&hits[0]));
    assert_eq!(hits[0]["translated"][0]["from"], "Lei Jun");
    assert_eq!(hits[0]["translated"][0]["to"][0], "雷军");
    // A phrase rendered whole counts for each of its words: the passage naming the
    // broker comes before one that has `industries` and `security` apart.
    assert_first_holds(
        &f.search(&["Industrial", "Securities"]),
        "兴业证券",
        "Industrial Securities",
    );
    // A launch's orders are its 大定.
    // A phone is a 手机 (CC-CEDICT's phone is 电话, which the seed never says).
    let hits = f.search_with(&["--article", SEED], &["phone"]);
    assert_first_holds(&hits, "手机", "phone");
    let hits = f.search_with(&["--article", SEED], &["word", "of", "mouth"]);
    assert_first_holds(&hits, "口碑", "word of mouth");
    let hits = f.search_with(&["--article", SEED], &["orders"]);
    assert_first_holds(&hits, "72小时大定突破10万辆", "orders");
    // Amounts as Chinese counts them: 800 million is 8亿.
    let hits = f.search(&["Xiaomi", "phone", "users", "800", "million"]);
    assert_first_holds(&hits, "8亿手机用户", "Xiaomi phone users 800 million");
    // With the unit Chinese counts the noun in: 150,000 vehicles are 15万辆.
    let hits = f.search(&["150,000", "vehicles"]);
    assert_first_holds(&hits, "年产能15万辆", "150,000 vehicles");
    // A place CC-CEDICT names two ways (München or Munich), by either; R&D is 研发.
    let hits = f.search(&["Munich", "R&D"]);
    assert_first_holds(&hits, "慕尼黑设立研发中心", "Munich R&D");
    // Europe reaches 欧美 (`Europe and America`), the seed's word for the market.
    let hits = f.search_with(&["--article", SEED], &["Europe"]);
    assert!(
        hits.iter().any(|h| text(h).contains("欧美市场品牌知名度")),
        "{:?}",
        hits.iter().map(text).collect::<Vec<_>>()
    );
    // Asking what a source said puts the passage quoting it first (钟师所言 about
    // 雷军 came first for 雷军说).
    let hits = f.search(&["雷军说"]);
    assert_first_holds(&hits, "雷军所言", "雷军说");
    let hits = f.search(&["What", "did", "Lei", "Jun", "say"]);
    assert_first_holds(&hits, "雷军所言", "What did Lei Jun say");
    // Breaking even is the seed's 盈利平衡点.
    let hits = f.search(&["When", "will", "Xiaomi", "break", "even"]);
    assert_first_holds(&hits, "盈利平衡点", "When will Xiaomi break even");
    // Making cars is 造车, the word the seed's first paragraph uses.
    let hits = f.search(&[
        "When", "did", "Xiaomi", "announce", "it", "would", "build", "cars",
    ]);
    assert_first_holds(
        &hits,
        "小米宣布造车时",
        "When did Xiaomi announce it would build cars",
    );
    // The car business's terms: a range extender is 增程.
    let hits = f.search(&["Li", "Auto", "range", "extender"]);
    assert_first_holds(&hits, "增程车型", "Li Auto range extender");
    // Quarters as finance writes them: Q2 is the text's 第二季度.
    let hits = f.search(&["Xiaomi", "Q2", "gross", "margin"]);
    assert!(
        hits[0]["translated"].to_string().contains("第二季度"),
        "{}",
        hits[0]["translated"]
    );
    assert_first_holds(&hits, "2025年第二季度", "Xiaomi Q2 gross margin");
    // The human output says how the query was translated.
    let out = f.cmd(&["search", "Xiaomi", "gross", "margin"]).success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.starts_with("Xiaomi → 小米 · gross margin → 毛利率"),
        "{stdout}"
    );
    // --no-translate: the English words alone do not reach the Chinese text.
    let hits = f.search_with(&["--no-translate", "--article", SEED], &["gross", "margin"]);
    assert!(hits.is_empty());
    // A word only a single character renders (late → 晚).
    let hits = f.search_with(&["--article", SEED], &["Xiaomi", "late"]);
    assert!(
        hits.iter()
            .take(3)
            .any(|h| text(h).contains("小米造车晚了")),
        "{:?}",
        hits.iter().take(3).map(text).collect::<Vec<_>>()
    );
    assert_eq!(hits[0]["translated"][1]["to"][0], "晚");
    // Interrogatives are not translated (多少 → "how many" would rank on English words
    // the answer need not hold); the words around them are, as typed.
    let hits = f.search(&["Tesla", "的市值是多少"]);
    let translated = hits[0]["translated"].to_string();
    assert!(translated.contains("\"from\":\"Tesla\""), "{translated}");
    assert!(!translated.contains("多少"), "{translated}");
    let hits = f.search(&["How", "many", "deliveries"]);
    let translated = hits[0]["translated"].to_string();
    assert!(translated.contains("交付"), "{translated}");
    assert!(
        !translated.to_lowercase().contains("how many"),
        "{translated}"
    );
}

#[test]
fn user_glossary_is_read_by_index() {
    let f = Fixture::new();
    f.index();
    // Before the glossary, nothing renders the phrase into Chinese.
    assert!(f.search_with(&["--article", SEED], &["zorblax"]).is_empty());
    fs::write(
        f.corpus().join("glossary.tsv"),
        "# names\nZorblax\t钟师\nbroken line\n",
    )
    .unwrap();
    let summary = f.index();
    assert!(summary.contains("glossary.tsv: line 3"), "{summary}");
    let hits = f.search(&["zorblax"]);
    assert!(text(&hits[0]).contains("钟师"), "{}", text(&hits[0]));
}

#[test]
fn an_edited_glossary_is_taken_in_by_the_next_search() {
    let f = Fixture::new();
    f.index();
    fs::write(f.corpus().join("glossary.tsv"), "Zorblax\t钟师\n").unwrap();
    let hits = f.search(&["zorblax"]);
    assert!(!hits.is_empty());
    assert!(text(&hits[0]).contains("钟师"), "{}", text(&hits[0]));
}

#[test]
fn chinese_query_finds_the_english_article() {
    let f = Fixture::new();
    let hits = f.search_with(&["--lang", "en"], &["石油危机", "禁运"]);
    assert!(
        hits[0]["article"]
            .as_str()
            .unwrap()
            .contains("xquad-en-013"),
        "{:?}",
        hits[0]
    );
    let from: Vec<&str> = hits[0]["translated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["from"].as_str().unwrap())
        .collect();
    assert!(from.contains(&"禁运"), "{from:?}");
}

#[test]
fn a_missing_translation_table_is_made_again_by_search() {
    let f = Fixture::new();
    f.index();
    let tables = generation_files(&f, |n| n.starts_with("translate-"));
    assert_eq!(tables.len(), 1, "{tables:?}");
    for t in &tables {
        fs::remove_file(t).unwrap();
    }
    let hits = f.search(&["Lei", "Jun"]);
    assert!(text(&hits[0]).contains("雷军"));
    assert!(tables.iter().all(|t| t.exists()));
}

#[test]
fn a_new_index_s_table_is_the_one_made_again_from_the_committed_index() {
    // A new index's table is made from its segment's word file while the segment is
    // still being written (see `translation::made_ahead`, tested beside it); the one
    // made again from the committed index, glossary and all, is the same.
    let f = Fixture::new();
    fs::write(f.corpus().join("glossary.tsv"), "Zorblax\t钟师\n").unwrap();
    f.index();
    let tables = generation_files(&f, |n| n.starts_with("translate-"));
    assert_eq!(tables.len(), 1, "{tables:?}");
    let ahead = fs::read(&tables[0]).unwrap();
    fs::remove_file(&tables[0]).unwrap();
    let hits = f.search(&["zorblax"]);
    assert!(text(&hits[0]).contains("钟师"), "{}", text(&hits[0]));
    assert!(fs::read(&tables[0]).unwrap() == ahead);
}

#[test]
fn status_shows_what_is_not_indexed_yet_and_changes_nothing() {
    let f = Fixture::new();
    let status = |f: &Fixture| -> Value {
        let out = f.cmd(&["status", "--json"]).success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    };
    let s = status(&f);
    assert_eq!(s["indexed"], false);
    assert_eq!(s["new"].as_array().unwrap().len(), 9);
    assert!(
        !f.index_dir().join("CURRENT").exists(),
        "status must not build"
    );
    f.index();
    let s = status(&f);
    assert_eq!(
        (s["articles"].as_u64(), s["up_to_date"].as_bool()),
        (Some(9), Some(true))
    );
    assert!(s["size_bytes"].as_u64().unwrap() > 0);
    fs::write(f.corpus().join("late.txt"), "后来加入的文章。\n").unwrap();
    fs::remove_file(f.corpus().join("parallel/xquad-en-003.md")).unwrap();
    let s = status(&f);
    assert_eq!(s["new"], serde_json::json!(["late.txt"]));
    assert_eq!(
        s["removed"],
        serde_json::json!(["parallel/xquad-en-003.md"])
    );
    assert_eq!(s["up_to_date"], false);
    let out = f.cmd(&["status"]).success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.contains("1 new, 0 changed, 1 removed; run `wenku index`"),
        "{text}"
    );
    // Still not indexed: status only looks.
    assert_eq!(status(&f)["up_to_date"], false);
}

#[test]
fn add_copies_articles_in_and_indexes_them() {
    let f = Fixture::new();
    f.index();
    let incoming = f.dir.path().join("incoming");
    fs::create_dir_all(incoming.join("batch")).unwrap();
    fs::write(
        incoming.join("whale.md"),
        "# 鲸\n\n蓝鲸鹦鹉螺是一种生物。\n",
    )
    .unwrap();
    fs::write(incoming.join("batch/narwhal.txt"), "独角鲸生活在北极。\n").unwrap();
    fs::write(incoming.join("photo.jpg"), "not an article").unwrap();
    let path = |p: &str| incoming.join(p).to_string_lossy().into_owned();
    let out = f
        .cmd(&[
            "add",
            "--quiet",
            &path("whale.md"),
            &path("batch"),
            &path("photo.jpg"),
        ])
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("added: whale.md"), "{stderr}");
    assert!(stderr.contains("added: batch/narwhal.txt"), "{stderr}");
    assert!(stderr.contains("photo.jpg: not an article"), "{stderr}");
    assert!(stderr.contains("2 added"), "{stderr}");
    assert_eq!(f.search(&["鹦鹉螺"])[0]["article"], "whale.md");
    assert_eq!(f.search(&["独角鲸"])[0]["article"], "batch/narwhal.txt");
    // A different file of the same name is refused without --force.
    fs::write(incoming.join("whale.md"), "# 鲸\n\n抹香鲸潜得很深。\n").unwrap();
    let out = f.cmd(&["add", "--quiet", &path("whale.md")]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("--force"), "{stderr}");
    assert!(f.search(&["抹香鲸"]).is_empty());
    f.cmd(&["add", "--quiet", "--force", &path("whale.md")])
        .success();
    assert_eq!(f.search(&["抹香鲸"])[0]["article"], "whale.md");
}

#[test]
fn while_an_index_run_works_a_second_one_is_refused_and_search_answers() {
    let f = Fixture::new();
    f.index();
    let mut child = f.start_long_index_run();
    assert!(
        child.try_wait().unwrap().is_none(),
        "indexing finished too soon: make the bulk bigger"
    );
    // A second writer is refused at once with a message, not queued or corrupting.
    let out = f.cmd(&["index", "--quiet"]).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("another"), "{stderr}");
    // A search answers from the last commit and says so.
    let out = f
        .cmd(&[
            "search",
            "--json",
            "--article",
            SEED,
            "--",
            "小米汽车毛利率",
        ])
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("last commit"), "{stderr}");
    let first: Value = serde_json::from_str(
        String::from_utf8_lossy(&out.get_output().stdout)
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert!(text(&first).contains("26.4%"));
    assert!(child.wait().unwrap().success());
    let summary = f.index();
    assert!(summary.contains("1009 unchanged"), "{summary}");
}

#[test]
fn deleted_or_truncated_segment_files_name_the_rebuild_and_rebuild_recovers() {
    for damage in ["delete", "truncate"] {
        let f = Fixture::new();
        f.index();
        let current = fs::read_to_string(f.index_dir().join("CURRENT")).unwrap();
        let generation = f.index_dir().join(current.trim());
        let ext = if damage == "delete" { "idx" } else { "store" };
        let victim = fs::read_dir(&generation)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap();
        if damage == "delete" {
            fs::remove_file(&victim).unwrap();
        } else {
            fs::File::options()
                .write(true)
                .open(&victim)
                .unwrap()
                .set_len(100)
                .unwrap();
        }
        let out = f.cmd(&["search", "小米"]).code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            stderr.contains("wenku index --rebuild"),
            "{damage}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{damage}: {stderr}");
        f.cmd(&["index", "--rebuild", "--quiet"]).success();
        assert!(!f.search(&["小米"]).is_empty(), "{damage}");
    }
}

#[test]
fn index_watch_picks_up_changes_in_one_commit_per_burst() {
    let f = Fixture::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wenku"))
        .args(["index", "--watch", "--quiet", "--corpus"])
        .arg(f.corpus())
        .arg("--index")
        .arg(f.index_dir())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // `status` only looks, so an up-to-date index afterwards is the watcher's work.
    let up_to_date = |f: &Fixture| -> bool {
        let out = f.cmd(&["status", "--json"]).success();
        let s: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        s["up_to_date"] == true
    };
    // Generous: a loaded CI machine can take seconds for a commit.
    let wait = |f: &Fixture| {
        for _ in 0..600 {
            if up_to_date(f) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        false
    };
    assert!(wait(&f), "the first build did not finish");
    for i in 0..5 {
        fs::write(
            f.corpus().join(format!("burst-{i}.txt")),
            format!("独角鲸第{i}篇。\n"),
        )
        .unwrap();
    }
    assert!(wait(&f), "the burst was not indexed");
    fs::remove_file(f.corpus().join("burst-0.txt")).unwrap();
    assert!(wait(&f), "the removal was not indexed");
    // The summary line is printed just after the commit that `status` saw.
    // (A watchdog ends the watcher if the line never comes, so the test fails, not hangs.)
    let pid = child.id().to_string();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(60));
        let _ = std::process::Command::new("kill")
            .args(["-9", &pid])
            .status();
    });
    let mut reader = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut stderr = String::new();
    while !stderr.contains("1 removed") {
        let mut line = String::new();
        if std::io::BufRead::read_line(&mut reader, &mut line).unwrap() == 0 {
            break;
        }
        stderr.push_str(&line);
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(stderr.contains("watching"), "{stderr}");
    // Each burst went in as one update.
    assert!(stderr.contains("5 added"), "{stderr}");
    assert!(stderr.contains("1 removed"), "{stderr}");
    assert_eq!(f.search(&["独角鲸"]).len(), 4);
}

#[test]
fn a_ten_thousand_character_query_is_answered() {
    let f = Fixture::new();
    let long = "小米汽车毛利率 Xiaomi gross margin ".repeat(400);
    assert!(long.chars().count() >= 10_000);
    let out = f.cmd(&["search", "--", &long]).success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    // Translated once, however often the phrase repeats.
    let line = stdout.lines().next().unwrap_or_default();
    assert_eq!(line.matches("gross margin → 毛利率").count(), 1, "{line}");
    assert!(stdout.contains(" 1. "), "{stdout}");
}

#[test]
fn odd_files_are_read_or_skipped_by_name_and_the_rest_is_indexed() {
    use std::os::unix::ffi::OsStrExt;
    let f = Fixture::new();
    let odd = f.corpus().join("odd");
    fs::create_dir_all(&odd).unwrap();
    // Read: UTF-16 with BOM, CRLF and CR line ends, UTF-8 with BOM.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "十六位编码的文章提到海豚。\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    fs::write(odd.join("utf16.txt"), utf16).unwrap();
    fs::write(odd.join("crlf.txt"), "第一段讲海象。\r\n\r\n第二段。\r\n").unwrap();
    fs::write(odd.join("cr.txt"), "老式换行讲海豹。\r\r第二段。\r").unwrap();
    fs::write(
        odd.join("bom.md"),
        "\u{feff}# 标题\n\n带字节序标记的文章讲海鸥。\n",
    )
    .unwrap();
    // Malformed front matter: unterminated, odd keys. Read as text, not lost.
    fs::write(
        odd.join("fm.md"),
        "---\ntitle: 没有结束\n: :\n\n正文讲海獭。\n",
    )
    .unwrap();
    // Skipped with a warning naming them: whitespace only, NUL bytes.
    fs::write(odd.join("blank.txt"), " \n\t\n").unwrap();
    fs::write(odd.join("nul.txt"), b"abc\0def\0").unwrap();
    // Not files: a folder named like an article, a symlink loop, a non-UTF-8 name.
    fs::create_dir_all(odd.join("folder.txt")).unwrap();
    std::os::unix::fs::symlink(&odd, odd.join("loop")).unwrap();
    let bad_name = std::ffi::OsStr::from_bytes(b"bad-\xff.txt");
    fs::write(odd.join(bad_name), "名字不是UTF-8的文章。\n").unwrap();

    let out = f.cmd(&["index", "--quiet"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for name in ["blank.txt", "nul.txt", "bad-"] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains("warning") && l.contains(name)),
            "{name}: {stderr}"
        );
    }
    assert!(
        stderr.contains("9 added") || stderr.contains("14 added"),
        "{stderr}"
    );
    for (word, file) in [
        ("海豚", "odd/utf16.txt"),
        ("海象", "odd/crlf.txt"),
        ("海豹", "odd/cr.txt"),
        ("海鸥", "odd/bom.md"),
        ("海獭", "odd/fm.md"),
    ] {
        let hits = f.search(&[word]);
        assert_eq!(hits[0]["article"], file, "{word}");
        assert!(!text(&hits[0]).contains('\r'), "{word}");
    }
    // The shipped articles are all still there.
    assert!(text(&f.search(&["小米汽车毛利率"])[0]).contains("26.4%"));
}

#[test]
fn export_writes_every_passage_with_its_tokens_as_bulk_lines() {
    let f = Fixture::new();
    let out = f.cmd(&["export", "--ndjson"]).success();
    let lines = json_lines(&out);
    let status: Value =
        serde_json::from_slice(&f.cmd(&["status", "--json"]).success().get_output().stdout)
            .unwrap();
    assert_eq!(lines.len() as u64, 2 * status["passages"].as_u64().unwrap());
    let mut ids = std::collections::HashSet::new();
    for pair in lines.chunks(2) {
        let (action, doc) = (&pair[0], &pair[1]);
        assert_eq!(action["index"]["_index"], "wenku");
        assert_eq!(action["index"]["_id"], doc["id"]);
        assert!(
            ids.insert(doc["id"].as_str().unwrap().to_string()),
            "duplicate id"
        );
        for key in [
            "article",
            "title",
            "paragraph",
            "lang",
            "text",
            "words",
            "grams",
        ] {
            assert!(!doc[key].is_null(), "{key} missing: {doc}");
        }
    }
    // The 26.4% paragraph's tokens are wenku's: jieba words, numbers whole, grams.
    let margin = lines
        .iter()
        .find(|d| d["text"].as_str().is_some_and(|t| t.contains("26.4%")))
        .unwrap();
    let words: Vec<&str> = margin["words"].as_str().unwrap().split(' ').collect();
    assert!(
        words.contains(&"毛利率") && words.contains(&"26.4%"),
        "{words:?}"
    );
    assert!(
        margin["grams"]
            .as_str()
            .unwrap()
            .split(' ')
            .any(|g| g == "毛利")
    );
    // Quotes carry their speakers.
    assert!(lines.iter().any(|d| {
        d["speakers"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s == "钟师"))
    }));

    // --docs-only: documents alone, to a file written whole.
    let file = f.dir.path().join("out.ndjson");
    f.cmd(&[
        "export",
        "--ndjson",
        "--docs-only",
        "-o",
        file.to_str().unwrap(),
    ])
    .success()
    .stderr(predicates::str::contains("exported"));
    let docs = fs::read_to_string(&file).unwrap();
    assert_eq!(docs.lines().count() * 2, lines.len());
    assert!(
        docs.lines()
            .all(|l| serde_json::from_str::<Value>(l).unwrap()["id"].is_string())
    );
    // A folder that does not exist is an error naming the file, with nothing left behind.
    let bad = f.dir.path().join("missing").join("out.ndjson");
    f.cmd(&["export", "--ndjson", "-o", bad.to_str().unwrap()])
        .code(2)
        .stderr(predicates::str::contains("missing"));
}

#[test]
fn british_and_american_spellings_find_each_other() {
    let f = Fixture::new();
    fs::write(
        f.corpus().join("playhouse.md"),
        "---\ntitle: The playhouse\nlang: en\n---\n\nThe old theatre was painted in bright colours.\n\nThe company organized a tour of the city center.\n",
    )
    .unwrap();
    f.index();
    for (query, expect) in [
        (&["theater", "colors"][..], "old theatre"),
        (&["theatre"][..], "old theatre"),
        (&["organised", "centre"][..], "city center"),
    ] {
        let hits = f.search_with(&["--no-translate"], query);
        assert_first_holds(&hits, expect, &query.join(" "));
    }
}

#[test]
fn an_english_name_finds_its_chinese_transliteration() {
    let f = Fixture::new();
    fs::write(
        f.corpus().join("oxygen.md"),
        "---\ntitle: 氧\nlang: zh\n---\n\n1891年，杜瓦制得了足量的液氧用于研究。\n\n氧是地壳中含量最多的元素。\n",
    )
    .unwrap();
    f.index();
    let hits = f.search(&["Dewar"]);
    assert_first_holds(&hits, "杜瓦", "Dewar");
    assert!(hits[0]["translated"].to_string().contains("杜瓦"));
    // A lower-case word is no name.
    f.cmd(&["search", "--json", "--", "dewar"]).code(1);
}

#[test]
fn a_chinese_name_finds_the_english_name_written_with_a_capital() {
    // 威尔 reads as `Vail`, 莱恩 as `Lane`; but this text mostly writes `lane` as a
    // word, not a name, and it is not offered.
    let f = Fixture::new();
    fs::write(
        f.corpus().join("partners.md"),
        "---\ntitle: Partners\nlang: en\n---\n\nHe partnered with Robert Lane and Benjamin Vail.\n\nThe cart went down one lane, then another lane to the village.\n",
    )
    .unwrap();
    f.index();
    let english = |query: &str| -> Vec<String> {
        f.search_with(&["--lang", "en"], &[query])
            .iter()
            .map(|h| text(h).to_string())
            .collect()
    };
    let vail = english("威尔");
    assert!(vail.iter().any(|t| t.contains("Benjamin Vail")), "{vail:?}");
    let lane = english("莱恩");
    assert!(!lane.iter().any(|t| t.contains("village")), "{lane:?}");
}

#[test]
fn a_chinese_word_finds_its_english_gloss_words_apart() {
    // 格莱美奖 is `Grammy Award`; the text has the words, not the phrase.
    let f = Fixture::new();
    fs::write(
        f.corpus().join("halftime.md"),
        "---\ntitle: Halftime\nlang: en\n---\n\nSix-time Grammy winner and Academy Award nominee Lady Gaga sang the anthem.\n\nThe award ceremony was held after the game.\n",
    )
    .unwrap();
    f.index();
    let hits = f.search(&["格莱美奖"]);
    assert_first_holds(&hits, "Grammy winner", "格莱美奖");
}

#[test]
fn a_quoted_phrase_that_matches_nothing_says_what_quotes_do() {
    // The seed is Chinese: `"gross margin"` as written is in no passage.
    let f = Fixture::new();
    f.index();
    f.cmd(&["search", "--", "\"gross margin\""])
        .code(1)
        .stderr(predicates::str::contains("drop the quotes"));
    // Without quotes it is translated and found; a plain query that matches nothing
    // gets no such hint.
    assert!(!f.search(&["gross margin"]).is_empty());
    f.cmd(&["search", "--", "zzyzx"]).code(1).stderr(
        predicates::prelude::PredicateBooleanExt::not(predicates::str::contains("drop the quotes")),
    );
}

#[test]
fn an_added_article_is_found_by_a_translated_query() {
    let f = Fixture::new();
    f.index();
    fs::write(f.corpus().join("whale.txt"), "鲸鱼是海洋中最大的动物。\n").unwrap();
    f.index();
    let hits = f.search(&["whale"]);
    assert_eq!(hits[0]["article"], "whale.txt", "{hits:?}");
    assert!(hits[0]["translated"].to_string().contains("鲸鱼"));
    // The grown table answers as one made from scratch does.
    f.cmd(&["index", "--rebuild", "--quiet"]).success();
    let rebuilt = f.search(&["whale"]);
    assert_eq!(rebuilt[0]["article"], "whale.txt");
    assert_eq!(rebuilt[0]["translated"], hits[0]["translated"]);
}

#[test]
fn edits_and_removals_keep_translations_to_what_the_index_holds() {
    let f = Fixture::new();
    fs::write(f.corpus().join("sea.txt"), "鲸鱼是海洋中最大的动物。\n").unwrap();
    // English passages that the English queries below always find, whatever the
    // translations: a search shows its translations with its hits.
    fs::write(
        f.corpus().join("songs.txt"),
        "The whale song and the dolphin song were recorded at sea.\n",
    )
    .unwrap();
    f.index();
    assert!(
        f.search(&["whale"])[0]["translated"]
            .to_string()
            .contains("鲸鱼")
    );
    // An edit: the table grows by the new words; the one taken away is not offered.
    fs::write(f.corpus().join("sea.txt"), "海豚是聪明的动物。\n").unwrap();
    let summary = f.index();
    assert!(summary.contains("1 updated"), "{summary}");
    let hits = f.search(&["dolphin"]);
    assert!(hits.iter().any(|h| h["article"] == "sea.txt"), "{hits:?}");
    assert!(hits[0]["translated"].to_string().contains("海豚"));
    // Whether an English query's hits show `word` among its translations.
    let offers = |query: &str, word: &str| {
        let hits = f.search(&[query]);
        assert!(!hits.is_empty());
        hits.iter()
            .any(|h| h["translated"].to_string().contains(word))
    };
    assert!(!offers("whale", "鲸鱼"));
    // A removal likewise.
    fs::remove_file(f.corpus().join("sea.txt")).unwrap();
    f.index();
    assert!(!offers("dolphin", "海豚"));
}

/// Files of the live generation whose names `keep` accepts.
fn generation_files(f: &Fixture, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let current = fs::read_to_string(f.index_dir().join("CURRENT")).unwrap();
    fs::read_dir(f.index_dir().join(current.trim()))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| keep(&p.file_name().unwrap().to_string_lossy()))
        .collect()
}

#[test]
fn a_new_index_is_one_segment_and_an_added_article_a_new_one() {
    let f = Fixture::new();
    f.index();
    // Both indexing threads wrote a segment; the build merged them.
    assert_eq!(generation_files(&f, |n| n.ends_with(".idx")).len(), 1);
    fs::write(f.corpus().join("new.md"), "# 新文章\n\n企鹅在南极过冬。\n").unwrap();
    f.index();
    assert_eq!(generation_files(&f, |n| n.ends_with(".idx")).len(), 2);
    assert_eq!(f.search(&["企鹅"])[0]["article"], "new.md");
}

#[test]
fn characters_at_a_run_end_or_alone_and_verbatim_runs_survive_updates_and_merges() {
    let f = Fixture::new();
    f.index();
    fs::write(
        f.corpus().join("glyphs.md"),
        "# 字表\n\n凤凰鸑鷟，鼋。\n\n另一段没有那些字。\n",
    )
    .unwrap();
    // Enough updates for tantivy's merge policy to merge the segments they add.
    for i in 0..10 {
        fs::write(
            f.corpus().join(format!("update-{i}.md")),
            format!("第{i}次更新的段落。\n"),
        )
        .unwrap();
        f.index();
    }
    fs::remove_file(f.corpus().join("update-3.md")).unwrap();
    f.index();
    // 鷟 only ends a run, 鼋 stands alone, 凰鸑鷟 is a run verbatim.
    for q in ["鷟", "鼋", "凰鸑鷟", "\"凤凰鸑鷟\"", "鸑鷟"] {
        let hits = f.search(&[q]);
        assert!(!hits.is_empty(), "{q} not found");
        assert_eq!(hits[0]["article"], "glyphs.md", "{q}");
        assert_eq!(hits[0]["paragraph"], 1, "{q}");
    }
    assert!(f.search(&["\"鷟凤\""]).is_empty());
    assert!(
        f.search(&["第3次更新"])
            .iter()
            .all(|h| h["article"] != "update-3.md")
    );
    assert_eq!(f.search(&["第7次更新"])[0]["article"], "update-7.md");
}

#[test]
fn damaged_word_and_gram_files_are_an_error_naming_the_rebuild_not_a_panic() {
    for (extension, damage) in [
        ("wgram", "cut"),
        ("wword", "cut"),
        ("wtitle", "cut"),
        ("wgram", "scramble"),
        ("wword", "scramble"),
        ("wsection", "scramble"),
    ] {
        let f = Fixture::new();
        f.index();
        let current = fs::read_to_string(f.index_dir().join("CURRENT")).unwrap();
        let generation = f.index_dir().join(current.trim());
        for entry in fs::read_dir(&generation).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == extension) {
                let mut bytes = fs::read(&path).unwrap();
                if damage == "cut" {
                    bytes.truncate(bytes.len() / 2);
                } else {
                    // Past the header: the dictionary and postings become nonsense.
                    let len = bytes.len();
                    for (i, b) in bytes[64.min(len)..].iter_mut().enumerate() {
                        *b = (i as u8).wrapping_mul(151) | 0x80;
                    }
                }
                fs::write(&path, bytes).unwrap();
            }
        }
        for query in ["小米", "毛利率 Xiaomi", "\"晚有晚的好处\"", "车", "Lei Jun"] {
            let out = f.cmd(&["search", "--json", "--", query]);
            let output = out.get_output();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                !stderr.contains("panicked"),
                "{extension} {damage} {query}: {stderr}"
            );
            let code = output.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "{extension} {damage} {query}: exit {code:?}: {stderr}"
            );
            if code == Some(2) {
                assert!(stderr.contains("wenku index --rebuild"), "{stderr}");
            }
        }
        f.cmd(&["index", "--rebuild", "--quiet"]).success();
        assert!(!f.search(&["小米"]).is_empty());
    }
}

#[test]
fn passages_of_equal_score_come_in_reading_order_whatever_was_indexed_first() {
    let f = Fixture::new();
    let text = "鹦鹉螺号的甲板上，尼摩船长望着远方。\n";
    // z.txt is indexed first and a.txt in a later segment: the index holds z's
    // passage before a's, and both score the same.
    fs::write(f.corpus().join("z-tie.txt"), text).unwrap();
    f.index();
    fs::write(f.corpus().join("a-tie.txt"), text).unwrap();
    f.index();
    let hits = f.search(&["鹦鹉螺号"]);
    let articles: Vec<&str> = hits
        .iter()
        .map(|h| h["article"].as_str().unwrap())
        .collect();
    assert_eq!(articles[..2], ["a-tie.txt", "z-tie.txt"]);
    assert_eq!(hits[0]["score"], hits[1]["score"]);
}

#[test]
fn a_limit_between_passages_of_equal_score_keeps_the_first_in_reading_order() {
    let text = "鹦鹉螺号的甲板上，尼摩船长望着远方。\n";
    // Indexed one at a time, the two passages sit in two segments whose order in the
    // index follows their random ids: tantivy alone keeps either at a cut between
    // them (without the reading order at the cut, six fixtures all keep a's passage
    // once in 64).
    for _ in 0..6 {
        let f = Fixture::new();
        for name in ["z-tie.txt", "a-tie.txt"] {
            fs::write(f.corpus().join(name), text).unwrap();
            f.index();
        }
        let first = f.search_with(&["--limit", "1"], &["鹦鹉螺号"]);
        assert_eq!(first.len(), 1);
        assert_eq!(first[0]["article"], "a-tie.txt");
    }
}

#[test]
fn a_number_and_its_measure_word_match_as_one_term_spaced_or_not() {
    let f = Fixture::new();
    fs::write(
        f.corpus().join("bowl.md"),
        "# 超级碗\n\n野马队获得第 3 届超级碗，49 名球员参加超级碗。\n\n他们击败第 49 届超级碗卫冕冠军新英格兰爱国者队。\n",
    )
    .unwrap();
    // 49 and 届 are in both paragraphs; only the second holds 49届, however the query
    // spaces it.
    for q in ["谁赢得了第 49 届超级碗？", "谁赢得了第49届超级碗？"] {
        assert_first_holds(&f.search(&[q]), "第 49 届超级碗", q);
    }
}

#[test]
fn a_possessive_is_searched_and_translated_as_its_word() {
    let f = Fixture::new();
    // `Xiaomi's suppliers`: the seed's paragraph on Xiaomi's suppliers (小米 … 供应商),
    // straight or typographic apostrophe.
    for q in ["Xiaomi's suppliers", "Xiaomi’s suppliers"] {
        let hits = f.search(&[q]);
        assert_first_holds(&hits, "供应商", q);
        assert!(
            hits[0]["translated"].to_string().contains("小米"),
            "{q}: {}",
            hits[0]["translated"]
        );
    }
    // Text with either apostrophe holds the phrase typed with the other.
    fs::write(
        f.corpus().join("musk.md"),
        "# Notes\n\nThe company’s founder spoke.\n",
    )
    .unwrap();
    let hits = f.search(&["\"company's founder\""]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["article"], "musk.md", "{hits:?}");
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // `wenku export --ndjson | head -1`: the pipe closes after one line; the rest of
    // the export cannot be written, and wenku stops without an error message.
    use std::io::{BufRead, BufReader};
    let f = Fixture::new();
    f.index();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wenku"))
        .args(["export", "--ndjson", "--corpus"])
        .arg(f.corpus())
        .arg("--index")
        .arg(f.index_dir())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"index\""), "{first}");
    // (The reader is dropped here: the pipe is closed.)
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(!stderr.contains("wenku:"), "{stderr}");
}

#[test]
fn amounts_cross_languages_as_each_counts_them() {
    // 180万 is 1.8 million.
    let f = Fixture::new();
    fs::write(
        f.corpus().join("sales.md"),
        "---\ntitle: Sales\nlang: en\n---\n\nTesla sold 1.8 million cars last year.\n\n\
         Tesla sold more cars than ever.\n",
    )
    .unwrap();
    let hits = f.search_with(&["--lang", "en"], &["特斯拉", "180万辆"]);
    assert_first_holds(&hits, "1.8 million", "特斯拉 180万辆");
    // (English to Chinese: `english_queries_find_the_chinese_seed_article`.)
}
