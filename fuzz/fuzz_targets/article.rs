//! One corpus file's bytes through what `wenku index` does with it: decode, front
//! matter and structure (as Markdown and as plain text), claims, and the analysis of
//! title, sections, passages and speakers. Ranges handed on (quotes, figures, tokens)
//! must slice the text they point into.

#![no_main]

use libfuzzer_sys::fuzz_target;
use wenku::analysis::{analyze, fold_str};
use wenku::article::{decode, parse_article};
use wenku::claims::extract;

fn check_range(text: &str, start: usize, end: usize) {
    assert!(
        start <= end && end <= text.len(),
        "{start}..{end} of {text:?}"
    );
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(decoded) = decode(bytes) else {
        return;
    };
    for rel_path in ["notes/a.md", "a.txt"] {
        let article = parse_article(rel_path, &decoded.text);
        analyze(&article.title);
        for section in &article.sections {
            analyze(section);
        }
        let texts: Vec<&str> = article.passages.iter().map(|p| p.text.as_str()).collect();
        for text in &texts {
            assert!(!text.trim().is_empty(), "blank passage");
            let a = analyze(text);
            for t in a.words.iter().chain(&a.grams()) {
                check_range(text, t.start, t.end);
            }
        }
        let claims = extract(&texts);
        assert_eq!(claims.len(), texts.len());
        for (c, text) in claims.iter().zip(&texts) {
            for q in &c.quotes {
                check_range(text, q.start, q.end);
                fold_str(q.speaker.trim());
            }
            for f in &c.figures {
                check_range(text, f.start, f.end);
            }
        }
    }
});
