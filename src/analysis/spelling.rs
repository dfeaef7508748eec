//! British spellings folded into American ones before English words are stemmed, as
//! traditional characters are folded into simplified ones: `theatre` and `theater`,
//! `colour` and `color`, `organise` and `organize` are one term, so a query in either
//! spelling finds a text in the other (and CC-CEDICT's American glosses meet a British
//! text). Word families, not patterns: `-our` alone would turn `four` into `for`.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A family of spellings: the British and American forms of bases, and the endings
/// that both take the same way.
type Family = (
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

/// The families of spellings folded.
const FAMILIES: &[Family] = &[
    // -re / -er.
    (
        &[
            ("theatre", "theater"),
            ("centre", "center"),
            ("metre", "meter"),
            ("kilometre", "kilometer"),
            ("centimetre", "centimeter"),
            ("millimetre", "millimeter"),
            ("litre", "liter"),
            ("fibre", "fiber"),
            ("calibre", "caliber"),
            ("sabre", "saber"),
            ("spectre", "specter"),
            ("sombre", "somber"),
            ("lustre", "luster"),
            ("meagre", "meager"),
            ("manoeuvre", "maneuver"),
        ],
        &["", "s", "d"],
    ),
    // -our / -or.
    (
        &[
            ("colour", "color"),
            ("honour", "honor"),
            ("labour", "labor"),
            ("favour", "favor"),
            ("flavour", "flavor"),
            ("harbour", "harbor"),
            ("neighbour", "neighbor"),
            ("rumour", "rumor"),
            ("vapour", "vapor"),
            ("behaviour", "behavior"),
            ("armour", "armor"),
            ("humour", "humor"),
            ("odour", "odor"),
            ("vigour", "vigor"),
            ("endeavour", "endeavor"),
            ("parlour", "parlor"),
            ("savour", "savor"),
            ("valour", "valor"),
            ("saviour", "savior"),
            ("tumour", "tumor"),
            ("glamour", "glamor"),
            ("clamour", "clamor"),
            ("rigour", "rigor"),
            ("splendour", "splendor"),
        ],
        &[
            "", "s", "ed", "ing", "ite", "ites", "able", "ably", "ful", "less", "er", "ers",
            "hood", "hoods", "ist", "ists", "al", "y",
        ],
    ),
    // -ise / -ize (and -isation / -ization).
    (
        &[
            ("organis", "organiz"),
            ("recognis", "recogniz"),
            ("realis", "realiz"),
            ("apologis", "apologiz"),
            ("criticis", "criticiz"),
            ("emphasis", "emphasiz"),
            ("minimis", "minimiz"),
            ("maximis", "maximiz"),
            ("specialis", "specializ"),
            ("summaris", "summariz"),
            ("prioritis", "prioritiz"),
            ("utilis", "utiliz"),
            ("civilis", "civiliz"),
            ("colonis", "coloniz"),
            ("modernis", "moderniz"),
            ("industrialis", "industrializ"),
            ("privatis", "privatiz"),
            ("standardis", "standardiz"),
            ("authoris", "authoriz"),
            ("characteris", "characteriz"),
            ("categoris", "categoriz"),
            ("mobilis", "mobiliz"),
            ("neutralis", "neutraliz"),
            ("normalis", "normaliz"),
            ("optimis", "optimiz"),
            ("capitalis", "capitaliz"),
            ("centralis", "centraliz"),
            ("decentralis", "decentraliz"),
            ("finalis", "finaliz"),
            ("legalis", "legaliz"),
            ("localis", "localiz"),
            ("stabilis", "stabiliz"),
            ("symbolis", "symboliz"),
            ("visualis", "visualiz"),
            ("globalis", "globaliz"),
            ("nationalis", "nationaliz"),
            ("liberalis", "liberaliz"),
            ("urbanis", "urbaniz"),
            ("harmonis", "harmoniz"),
            ("synchronis", "synchroniz"),
            ("subsidis", "subsidiz"),
            ("publicis", "publiciz"),
            ("popularis", "populariz"),
            ("revolutionis", "revolutioniz"),
            ("commercialis", "commercializ"),
            ("digitalis", "digitaliz"),
            ("monopolis", "monopoliz"),
            ("energis", "energiz"),
            ("immunis", "immuniz"),
            ("hospitalis", "hospitaliz"),
            ("criminalis", "criminaliz"),
            ("democratis", "democratiz"),
            ("polaris", "polariz"),
            ("fertilis", "fertiliz"),
            ("sterilis", "steriliz"),
            ("ionis", "ioniz"),
            ("oxidis", "oxidiz"),
            ("crystallis", "crystalliz"),
            ("magnetis", "magnetiz"),
            ("vaporis", "vaporiz"),
            ("pasteuris", "pasteuriz"),
            ("theoris", "theoriz"),
            ("hypothesis", "hypothesiz"),
            ("familiaris", "familiariz"),
            ("memoris", "memoriz"),
            ("patronis", "patroniz"),
            ("sympathis", "sympathiz"),
            ("scrutinis", "scrutiniz"),
            ("jeopardis", "jeopardiz"),
            ("agonis", "agoniz"),
            ("baptis", "baptiz"),
            ("evangelis", "evangeliz"),
            ("tantalis", "tantaliz"),
            ("terroris", "terroriz"),
            ("trivialis", "trivializ"),
        ],
        &[
            "e", "es", "ed", "ing", "er", "ers", "ation", "ations", "ational", "able",
        ],
    ),
    // -yse / -yze.
    (
        &[
            ("analys", "analyz"),
            ("paralys", "paralyz"),
            ("catalys", "catalyz"),
            ("hydrolys", "hydrolyz"),
            ("electrolys", "electrolyz"),
        ],
        &["e", "es", "ed", "ing", "er", "ers"],
    ),
    // -ence / -ense, -ogue / -og.
    (
        &[
            ("defence", "defense"),
            ("offence", "offense"),
            ("licence", "license"),
            ("pretence", "pretense"),
            ("catalogue", "catalog"),
            ("analogue", "analog"),
            ("programme", "program"),
        ],
        &["", "s"],
    ),
    // A doubled l before -ed, -ing, -er.
    (
        &[
            ("travell", "travel"),
            ("cancell", "cancel"),
            ("labell", "label"),
            ("modell", "model"),
            ("fuell", "fuel"),
            ("signall", "signal"),
            ("levell", "level"),
            ("counsell", "counsel"),
            ("marvell", "marvel"),
            ("quarrell", "quarrel"),
            ("channell", "channel"),
            ("tunnell", "tunnel"),
            ("diall", "dial"),
        ],
        &["ed", "ing", "er", "ers", "or", "ors"],
    ),
    // Words of their own.
    (
        &[
            ("grey", "gray"),
            ("aluminium", "aluminum"),
            ("plough", "plow"),
            ("sceptic", "skeptic"),
            ("sceptical", "skeptical"),
            ("scepticism", "skepticism"),
            ("aeroplane", "airplane"),
            ("mould", "mold"),
            ("moustache", "mustache"),
            ("encyclopaedia", "encyclopedia"),
            ("paediatric", "pediatric"),
            ("orthopaedic", "orthopedic"),
            ("anaemia", "anemia"),
            ("anaesthesia", "anesthesia"),
            ("haemoglobin", "hemoglobin"),
            ("oesophagus", "esophagus"),
            ("oestrogen", "estrogen"),
            ("foetus", "fetus"),
            ("jewellery", "jewelry"),
            ("storey", "story"),
            ("kerb", "curb"),
            ("draught", "draft"),
            ("gaol", "jail"),
            ("pyjamas", "pajamas"),
            ("enrolment", "enrollment"),
            ("fulfil", "fulfill"),
            ("instalment", "installment"),
            ("skilful", "skillful"),
            ("wilful", "willful"),
            ("ageing", "aging"),
            ("judgement", "judgment"),
            ("acknowledgement", "acknowledgment"),
        ],
        &["", "s"],
    ),
];

/// Every British form → its American form, made on first use.
static AMERICAN: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (bases, endings) in FAMILIES {
        for (british, american) in *bases {
            for ending in *endings {
                map.insert(format!("{british}{ending}"), format!("{american}{ending}"));
            }
        }
    }
    map
});

/// `word` (lower-case) in American spelling: itself unless it is a British form.
pub fn american(word: &str) -> &str {
    AMERICAN.get(word).map_or(word, String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_forms_become_american() {
        for (british, american_form) in [
            ("theatre", "theater"),
            ("theatres", "theaters"),
            ("colour", "color"),
            ("coloured", "colored"),
            ("favourite", "favorite"),
            ("neighbourhood", "neighborhood"),
            ("organise", "organize"),
            ("organisation", "organization"),
            ("organisations", "organizations"),
            ("realised", "realized"),
            ("analyse", "analyze"),
            ("analysed", "analyzed"),
            ("defence", "defense"),
            ("travelled", "traveled"),
            ("modelling", "modeling"),
            ("grey", "gray"),
            ("programmes", "programs"),
        ] {
            assert_eq!(american(british), american_form, "{british}");
        }
    }

    #[test]
    fn other_words_are_left_alone() {
        for word in [
            "four",
            "hour",
            "your",
            "pour",
            "tour",
            "our",
            "theater",
            "acre",
            "genre",
            "mediocre",
            "massacre",
            "promise",
            "exercise",
            "advertise",
            "surprise",
            "wise",
            "rise",
            "analysis",
            "emphasis",
            "hypothesis",
            "paralysis",
            "label",
            "model",
            "travel",
            "metres-long",
            "",
        ] {
            assert_eq!(american(word), word, "{word}");
        }
    }

    #[test]
    fn no_form_is_both_british_and_american() {
        // A British form must never be another entry's American one, or folding
        // would depend on the order it ran in.
        for american_form in AMERICAN.values() {
            assert!(
                !AMERICAN.contains_key(american_form),
                "{american_form} is both"
            );
        }
    }
}
