//! Reading and writing questionnaire files: the shipped files, the documented example, and
//! every rule a file must keep, each reported with its place.

use super::{parse, to_toml, Problem};
use crate::assessment::model::{Level, Variant};
use crate::assessment::questionnaires::SOURCES;
use crate::i18n::{Key, Lang};

/// The JSON hash of each shipped version 3 as the old text format read it (and as databases
/// already hold it: start-up refuses a version whose texts differ). Equal hashes mean that
/// converting to TOML changed not a single text, key, level or step.
const HASHES_BEFORE_TOML: [(&str, &str); 3] = [
    (
        "manufacturing",
        "d609357f58a639ef087870848a58ccc8ac11bb29c0e155b6ae0e9daecd13864c",
    ),
    (
        "suppliers",
        "c58970d9e547d7e53eb825febb9ea53efa8eee8ef3d2e0821c1281df07bb6fb2",
    ),
    (
        "process",
        "3e228254b5e1ae1b6409c4889b976d05772fbc43d36e04f274fe215fb0e31dac",
    ),
];

#[test]
fn the_shipped_files_hold_exactly_the_texts_of_the_old_format() {
    for ((file, source), (variant, hash)) in SOURCES.iter().zip(HASHES_BEFORE_TOML) {
        let q = parse(file, source).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(q.variant.code(), variant);
        assert_eq!(q.version, 3);
        let json = serde_json::to_string(&q).expect("serialises");
        assert_eq!(crate::accounts::token::hash_secret(&json), hash, "{file}");
    }
}

#[test]
fn a_written_file_is_the_shipped_file_and_reads_back_the_same() {
    for (file, source) in SOURCES {
        let q = parse(file, source).unwrap_or_else(|e| panic!("{e}"));
        let written = to_toml(&q);
        // A downloaded shipped version is byte for byte the file in the repository.
        assert!(written == source, "{file}: writing changes the layout");
        assert_eq!(parse(file, &written).expect("reads back"), q);
        // The Smart Factory variants ask 50-80 questions, the EU DMA its eleven.
        let expected = if q.variant == Variant::Dma {
            11..=11
        } else {
            50..=80
        };
        assert!(expected.contains(&q.item_count()), "{file}");
    }
}

#[test]
fn texts_with_quotes_line_breaks_and_backslashes_survive_writing() {
    let (file, source) = SOURCES[2];
    let mut q = parse(file, source).expect("parses");
    q.title.nl = "Proces \"industrie\"\nmet C:\\pad en 'quotes' en \"\"\" drie".into();
    q.transitions[0].intro.en = "Tab\there, é and ✓.".into();
    let back = parse(file, &to_toml(&q)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, q);
}

/// The example in `docs/questionnaire-format.md`, read from the page itself.
fn documented_example() -> String {
    let page = include_str!("../../../../docs/questionnaire-format.md");
    let start = page.find("```toml\n").expect("the page has a toml block") + "```toml\n".len();
    let end = start + page[start..].find("```").expect("the block ends");
    page[start..end].to_string()
}

#[test]
fn the_documented_example_loads() {
    let q = parse("docs", &documented_example()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((q.variant, q.version), (Variant::Process, 4));
    assert_eq!(q.item_count(), 3);
    let intro = &q.transitions[0].intro.en;
    assert!(
        intro.starts_with("Data is") && intro.contains('\n'),
        "{intro:?}"
    );
    let quality = &q.transitions[0].items[1];
    assert_eq!(quality.after, ["data.collection"]);
    let level = |n| Level::new(n).expect("level");
    let advice = |to, size| {
        quality
            .step_template(level(to), size)
            .map(|t| t.advice.as_ref().map(|a| a.en.clone()))
    };
    assert_eq!(
        advice(3, "lt20"),
        Some(Some("Have one person check the day's data.".into()))
    );
    assert!(advice(3, "200plus").is_some_and(|a| a.is_some_and(|a| a.starts_with("Pick"))));
    assert_eq!(advice(5, "lt20"), Some(None), "skipped for the smallest");
    assert_eq!(
        advice(5, "50-99"),
        None,
        "no template: the level text alone"
    );
    let condition = q.transitions[0].items[2]
        .visible_if
        .as_ref()
        .expect("written");
    assert_eq!(condition.source, "size in ['50-99', '100-199', '200plus']");
}

fn problems(source: &str) -> Vec<Problem> {
    parse("t.toml", source).expect_err("refused").problems
}

fn places_and_keys(source: &str) -> Vec<(usize, Key)> {
    problems(source).iter().map(|p| (p.line, p.key)).collect()
}

/// A file with one transition of `items` items, each on 13 lines after a 9-line head.
fn file(items: usize) -> String {
    let mut s = String::from(
        "variant = \"process\"\nversion = 2\ntitle.nl = \"Proces\"\ntitle.en = \"Process\"\n\n\
         [[transitions]]\nkey = \"data\"\nname.nl = \"Data\"\nname.en = \"Data\"\n\
         intro.nl = \"Uitleg\"\nintro.en = \"Intro\"\n",
    );
    for i in 0..items {
        s.push_str(&format!(
            "\n[[transitions.items]]\nkey = \"data.q{i}\"\nquestion.nl = \"Vraag\"\nquestion.en = \"Question\"\n"
        ));
        for n in 1..=5 {
            s.push_str(&format!(
                "level{n}.nl = \"Niveau {n}\"\nlevel{n}.en = \"Level {n}\"\n"
            ));
        }
    }
    s
}

#[test]
fn a_well_formed_file_loads() {
    let q = parse("t.toml", &file(3)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(q.transitions[0].items[2].levels[4].en, "Level 5");
}

#[test]
fn every_problem_of_a_file_is_listed_with_its_line() {
    // Item n's key is on line 14 + 15n in `file(3)`, 14 + 14n once a line per item is gone.
    let source = file(3)
        .replace("level4.en = \"Level 4\"\n", "")
        .replace("key = \"data.q2\"", "key = \"data.q0\"")
        .replace("question.en = \"Question\"\n", "question.en = \"  \"\n");
    let found = places_and_keys(&source);
    assert!(
        found.contains(&(23, Key::QfMissingText)),
        "beside level4.nl: {found:?}"
    );
    assert!(found.contains(&(42, Key::QfDuplicateKey)), "{found:?}");
    assert_eq!(
        found
            .iter()
            .filter(|(_, k)| *k == Key::QfMissingText)
            .count(),
        3,
        "level4.en of each item: {found:?}"
    );
    assert_eq!(
        found.iter().filter(|(_, k)| *k == Key::QfTextEmpty).count(),
        3,
        "{found:?}"
    );
    let sorted = found.windows(2).all(|w| w[0].0 <= w[1].0);
    assert!(sorted, "in file order: {found:?}");
    let duplicate = problems(&source)
        .into_iter()
        .find(|p| p.key == Key::QfDuplicateKey)
        .expect("duplicate");
    assert_eq!(
        duplicate.message(Lang::En),
        "Line 42, column 7: the key `data.q0` is used twice (first on line 14)"
    );
}

#[test]
fn what_toml_cannot_read_stops_at_its_line_and_column() {
    let unknown = file(3).replace("question.nl = \"Vraag\"", "questoin.nl = \"Vraag\"");
    let p = &problems(&unknown)[0];
    assert_eq!((p.line, p.column, p.key), (15, 1, Key::QfSyntax), "{p:?}");
    assert!(
        p.message(Lang::En).contains("questoin"),
        "{}",
        p.message(Lang::En)
    );
    let wrong_type = file(3).replace("version = 2", "version = \"twee\"");
    assert_eq!(places_and_keys(&wrong_type), [(2, Key::QfSyntax)]);
    let open_quote = file(3).replace("name.en = \"Data\"", "name.en = \"Data");
    assert_eq!(places_and_keys(&open_quote)[0].0, 9);
    let other_language = file(3).replace("name.en", "name.de");
    assert!(problems(&other_language)[0]
        .message(Lang::En)
        .contains("`de`"));
}

#[test]
fn values_are_checked_where_they_stand() {
    let bad = file(3)
        .replace("variant = \"process\"", "variant = \"bakery\"")
        .replace("version = 2", "version = 0")
        .replace("key = \"data\"", "key = \"Data Model\"");
    assert_eq!(
        places_and_keys(&bad),
        [
            (1, Key::QfUnknownVariant),
            (2, Key::QfVersion),
            (7, Key::QfBadKey)
        ]
    );
    assert_eq!(places_and_keys(&file(2)), [(7, Key::QfItemCount)]);
    assert_eq!(places_and_keys(&file(7)), [(7, Key::QfItemCount)]);
    let empty = "variant = \"process\"\nversion = 1\ntitle.nl = \"P\"\ntitle.en = \"P\"\n";
    assert_eq!(places_and_keys(empty), [(1, Key::QfNoTransitions)]);
    let control = file(3).replace("\"Niveau 3\"", "\"Niveau\\u0007 3\"");
    assert!(places_and_keys(&control).contains(&(21, Key::QfTextInvalid)));
    let long = file(3).replace("\"Niveau 3\"", &format!("\"{}\"", "x".repeat(3001)));
    assert!(places_and_keys(&long).contains(&(21, Key::QfTextTooLong)));
}

#[test]
fn after_names_other_items_and_never_a_circle() {
    let with = |q1: &str, q2: &str| {
        file(3)
            .replace(
                "key = \"data.q2\"\n",
                &format!("key = \"data.q2\"\nafter = [{q2}]\n"),
            )
            .replace(
                "key = \"data.q1\"\n",
                &format!("key = \"data.q1\"\nafter = [{q1}]\n"),
            )
    };
    let q = parse("t", &with("\"data.q0\"", "\"data.q0\", \"data.q1\"")).expect("valid");
    assert_eq!(q.transitions[0].items[2].after, ["data.q0", "data.q1"]);
    assert_eq!(
        places_and_keys(&with("\"data.q2\"", "\"data.q1\"")),
        [(29, Key::QfAfterCycle)]
    );
    assert_eq!(
        places_and_keys(&with("\"data.q9\"", "\"data.q1\"")),
        [(29, Key::QfAfterUnknown)]
    );
    assert_eq!(
        places_and_keys(&with("\"data.q1\"", "\"data.q0\"")),
        [(29, Key::QfAfterUnknown)],
        "an item cannot come after itself"
    );
    assert_eq!(
        places_and_keys(&with("\"data\"", "\"data.q1\"")),
        [(29, Key::QfAfterUnknown)],
        "a transition is no item"
    );
}

#[test]
fn step_templates_are_checked_per_level_and_size_class() {
    let with = |steps: &str| format!("{}\n{steps}", file(3));
    let step = |body: &str| format!("[[transitions.items.steps]]\n{body}\n");
    let text = "nl = \"a\"\nen = \"b\"";
    let ok = with(&format!(
        "{}{}",
        step(&format!("to = 3\n{text}")),
        step("to = 5\nsize = \"lt20\"\nskip = true")
    ));
    let q = parse("t", &ok).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(q.transitions[0].items[2].steps.len(), 2);
    // The file ends on line 56; a step's header is on 58 and its `to` on 59.
    for (body, line, key) in [
        (format!("to = 1\n{text}"), 59, Key::QfStepLevel),
        (format!("to = 6\n{text}"), 59, Key::QfStepLevel),
        (
            format!("to = 3\nsize = \"huge\"\n{text}"),
            60,
            Key::QfStepSize,
        ),
        ("to = 3\nnl = \"a\"".to_string(), 59, Key::QfMissingText),
        (
            format!("to = 3\nskip = true\n{text}"),
            59,
            Key::QfStepSkipAndText,
        ),
    ] {
        let found = places_and_keys(&with(&step(&body)));
        assert_eq!(found, [(line, key)], "{body}");
    }
    let twice = with(&format!(
        "{}{}",
        step(&format!("to = 3\n{text}")),
        step("to = 3\nskip = true")
    ));
    assert_eq!(places_and_keys(&twice), [(63, Key::QfStepTwice)]);
}

#[test]
fn oversized_files_are_refused_before_they_are_read() {
    let big = format!("{}# {}\n", file(3), "x".repeat(super::MAX_FILE_BYTES));
    assert_eq!(places_and_keys(&big), [(1, Key::QfTooLarge)]);
}

/// `file(3)` with a second transition `plan` (items plan.q0-2) after it.
fn two_transitions() -> String {
    let second = file(3)
        .split_once("[[transitions]]")
        .map(|(_, rest)| format!("[[transitions]]{rest}"))
        .expect("a transition")
        .replace("\"data", "\"plan");
    format!("{}\n{second}", file(3))
}

#[test]
fn conditions_are_read_written_and_checked_against_the_whole_file() {
    // The second transition starts on line 58: its condition is on line 60, its first item's
    // on line 68.
    let with = |transition: &str, item: &str| {
        two_transitions()
            .replacen(
                "key = \"plan\"\n",
                &format!("key = \"plan\"\nvisible_if = \"{transition}\"\n"),
                1,
            )
            .replacen(
                "key = \"plan.q0\"\n",
                &format!("key = \"plan.q0\"\nvisible_if = \"{item}\"\n"),
                1,
            )
    };
    let ok = with(
        "data.q0 >= 3 or data.q1 == na",
        "size in ['lt20'] and not variant == 'suppliers'",
    );
    let q = parse("t", &ok).unwrap_or_else(|e| panic!("{e}"));
    assert!(q.transitions[1].visible_if.is_some());
    assert!(q.transitions[1].items[0].visible_if.is_some());
    assert_eq!(parse("t", &to_toml(&q)).expect("reads back"), q);

    for (transition, item, line, key) in [
        ("data.q0 >=", "size == 'lt20'", 60, Key::QfConditionSyntax),
        (
            "data.q9 >= 3",
            "size == 'lt20'",
            60,
            Key::QfConditionUnknown,
        ),
        (
            "plan.q1 >= 3",
            "size == 'lt20'",
            60,
            Key::QfConditionNotEarlier,
        ),
        (
            "data.q0 >= 3",
            "plan.q1 == 2",
            68,
            Key::QfConditionNotEarlier,
        ),
        ("data.q0 >= 6", "size == 'lt20'", 60, Key::QfConditionValue),
        (
            "data.q0 == 'high'",
            "size == 'lt20'",
            60,
            Key::QfConditionValue,
        ),
        (
            "size == 'huge'",
            "size == 'lt20'",
            60,
            Key::QfConditionValue,
        ),
        (
            "size >= 'lt20'",
            "size == 'lt20'",
            60,
            Key::QfConditionOrder,
        ),
        (
            "variant == 'bakery'",
            "size == 'lt20'",
            60,
            Key::QfConditionValue,
        ),
    ] {
        assert_eq!(
            places_and_keys(&with(transition, item)),
            [(line, key)],
            "{transition} / {item}"
        );
    }
    // A syntax problem points at the character where reading stopped.
    let e = &problems(&with("data.q0 >> 3", "size == 'lt20'"))[0];
    assert_eq!((e.line, e.column), (60, 24), "{}", e.message(Lang::En));
    let reserved = file(3).replace("key = \"data.q1\"", "key = \"size\"");
    assert_eq!(places_and_keys(&reserved), [(29, Key::QfReservedKey)]);
}

#[test]
fn deeply_nested_or_hostile_files_are_refused_without_harm() {
    // TOML's reader limits nesting; a file built to exhaust the stack is one syntax problem.
    for hostile in [
        format!("title = {}1{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("title = {}", "{ a = ".repeat(50_000)),
        "variant = \"process\"\n".repeat(20_000),
        "\u{0}\u{1}\u{2}".to_string(),
    ] {
        let found = problems(&hostile);
        assert!(!found.is_empty());
        assert!(found.len() <= 2, "{found:?}");
    }
    // A condition as deep as a 512 KB file allows is one problem, not a crash.
    let deep = format!(
        "{}size == 'lt20'{}",
        "(".repeat(200_000),
        ")".repeat(200_000)
    );
    let source = file(3).replacen(
        "key = \"data.q1\"\n",
        &format!("key = \"data.q1\"\nvisible_if = \"{deep}\"\n"),
        1,
    );
    assert_eq!(places_and_keys(&source), [(30, Key::QfConditionSyntax)]);
}

#[test]
fn a_file_wrong_throughout_lists_the_first_problems_and_counts_the_rest() {
    // Every level's English text missing: five problems per item, 60 items.
    let mut source = String::new();
    for t in 0..20 {
        let one = file(3)
            .split_once("[[transitions]]")
            .map(|(_, rest)| format!("[[transitions]]{rest}"))
            .expect("a transition")
            .replace("\"data", &format!("\"t{t}"));
        source.push_str(&one);
    }
    let source = format!(
        "variant = \"process\"\nversion = 2\ntitle.nl = \"P\"\ntitle.en = \"P\"\n{}",
        source
            .lines()
            .filter(|l| !(l.starts_with("level") && l.contains(".en")))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let found = problems(&source);
    assert_eq!(found.len(), super::MAX_PROBLEMS + 1);
    let last = found.last().expect("a last line");
    assert_eq!(last.key, Key::QfMoreProblems);
    assert_eq!(
        last.message(Lang::En).split(": ").nth(1),
        Some("and 200 more after these; correct these first and upload the file again")
    );
}
