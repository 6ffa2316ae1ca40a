//! Question types in a file: the documented example, the round trip, and each rule.

use super::{parse, to_toml, Problem};
use crate::assessment::question_kind::{Choice, Kind};
use crate::i18n::Key;

/// The second TOML block of `docs/questionnaire-format.md`: the question types.
fn documented_types() -> String {
    let page = include_str!("../../../../docs/questionnaire-format.md");
    let mut blocks = page.split("```toml\n").skip(1);
    let second = blocks.nth(1).expect("the page has a second toml block");
    second[..second.find("```").expect("the block ends")].to_string()
}

fn problems(source: &str) -> Vec<(usize, Key)> {
    let found: Vec<Problem> = parse("t.toml", source).expect_err("refused").problems;
    found.iter().map(|p| (p.line, p.key)).collect()
}

#[test]
fn the_documented_types_load_and_write_back_the_same() {
    let q = parse("docs", &documented_types()).unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<&str> = q
        .transitions
        .iter()
        .flat_map(|t| &t.items)
        .map(|i| i.kind.code())
        .collect();
    assert_eq!(
        kinds,
        [
            "single",
            "multiple",
            "number",
            "grid",
            "yes_partly_no",
            "text"
        ]
    );
    let (_, security) = q.item("basics.security").expect("item");
    let Kind::Multiple { options } = &security.kind else {
        panic!("multiple")
    };
    assert_eq!(
        options.last(),
        Some(&Choice {
            key: "nothing".into(),
            label: crate::assessment::model::Text {
                nl: "Geen van deze".into(),
                en: "None of these".into()
            },
            score: Some(0),
            exclusive: true,
        })
    );
    let (_, staff) = q.item("basics.staff").expect("item");
    assert!(
        matches!(&staff.kind, Kind::Number { min: 1, max: 100_000, unit: Some(u) } if u.en == "employees")
    );
    assert!(staff.levels.is_empty());
    let (_, erp) = q.item("basics.erp").expect("item");
    let Kind::Single { options } = &erp.kind else {
        panic!("single")
    };
    assert_eq!(options[2].score, None, "an option without a score");
    // Written and read again: the same questionnaire, and the same text a second time.
    let written = to_toml(&q);
    let back = parse("written", &written).unwrap_or_else(|e| panic!("{e}\n{written}"));
    assert_eq!(back, q);
    assert_eq!(to_toml(&back), written);
}

/// The documented example with `from` replaced by `to` once.
fn changed(from: &str, to: &str) -> String {
    let source = documented_types();
    assert!(source.contains(from), "{from}");
    source.replacen(from, to, 1)
}

#[test]
fn fields_belong_to_their_type() {
    assert_eq!(
        problems(&changed("type = \"number\"", "type = \"slider\"")),
        [(63, Key::QfUnknownType)]
    );
    // A level question (no type) with options, and a choice with a level text.
    let found = problems(&changed("type = \"single\"\n", "level1.nl = \"x\"\n"));
    assert!(found.contains(&(14, Key::QfFieldNotForType)), "{found:?}");
    let found = problems(&changed(
        "type = \"yes_partly_no\"\n",
        "type = \"yes_partly_no\"\nmin = 1\nafter = [\"basics.erp\"]\n",
    ));
    assert_eq!(
        found
            .iter()
            .filter(|(_, k)| *k == Key::QfFieldNotForType)
            .count(),
        2,
        "{found:?}"
    );
}

#[test]
fn options_scores_and_ranges_are_checked() {
    assert_eq!(
        problems(&changed("score = 100\n", "score = 150\n")),
        [(29, Key::QfScore)]
    );
    assert_eq!(
        problems(&changed("key = \"standard\"", "key = \"none\"")),
        [(26, Key::QfDuplicateOption)]
    );
    assert_eq!(
        problems(&changed("key = \"unknown\"", "key = \"Weet niet\"")),
        [(32, Key::QfBadKey)]
    );
    assert_eq!(
        problems(&changed("max = 100000", "max = 0")),
        [(66, Key::QfNumberRange)]
    );
    assert_eq!(
        problems(&changed("max_chars = 120", "max_chars = 5000")),
        [(124, Key::QfMaxChars)]
    );
    // `exclusive` only on multiple choice.
    let found = problems(&changed("score = 100\n", "score = 100\nexclusive = true\n"));
    assert_eq!(found, [(30, Key::QfFieldNotForType)]);
    // A grid needs at least two points on its scale.
    let one_point = documented_types().replacen(
        "[[transitions.items.scale]]\nkey = \"testing\"\nlabel.nl = \"Aan het testen\"\nlabel.en = \"Testing\"\nscore = 50\n\n[[transitions.items.scale]]\nkey = \"in_use\"\nlabel.nl = \"In gebruik\"\nlabel.en = \"In use\"\nscore = 100\n\n",
        "",
        1,
    );
    assert_eq!(problems(&one_point), [(79, Key::QfOptionCount)]);
}

#[test]
fn conditions_name_choices_by_their_option_keys() {
    let with = |condition: &str| changed("basics.erp == 'standard'", condition);
    assert!(parse("t", &with("basics.erp in ['none', 'unknown']")).is_ok());
    assert_eq!(
        problems(&with("basics.erp == 'sap'")),
        [(117, Key::QfConditionValue)]
    );
    assert_eq!(
        problems(&with("basics.erp >= 'none'")),
        [(117, Key::QfConditionOrder)]
    );
    assert_eq!(
        problems(&with("basics.security == 'backup'")),
        [(117, Key::QfConditionType)]
    );
    assert_eq!(
        problems(&with("basics.staff == 3")),
        [(117, Key::QfConditionType)]
    );
}
