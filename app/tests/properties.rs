//! Property tests (proptest) for the pure logic every user depends on: the questionnaire file
//! parser never panics and always says where a problem is; scores stay on their scale whatever
//! is answered, in whatever order; matching never panics, respects its limit and only gives
//! reasons that are true.

use app::assessment::model::{Answer, Level, Priority, Questionnaire, Response, Variant};
use app::assessment::questionnaire_file::parse;
use app::assessment::questionnaires::SOURCES;
use app::assessment::scoring::score;
use app::matching::{rank, Candidate, Company, Need, Reason};
use app::providers::model::{ProfileContent, ProfileKind};
use proptest::prelude::*;
use std::collections::HashMap;

const TRANSITIONS: [&str; 8] = [
    "strategy",
    "digital_factory",
    "smart_working",
    "production_technology",
    "operations",
    "data",
    "connectivity",
    "energy",
];
const SIZES: [&str; 5] = ["lt20", "20-49", "50-99", "100-199", "200plus"];

fn shipped() -> Vec<Questionnaire> {
    SOURCES
        .iter()
        .map(|(file, source)| parse(file, source).expect("shipped questionnaire parses"))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text: a questionnaire or problems that each name a line of the file.
    #[test]
    fn parser_never_panics_on_any_text(text in "(?s).{0,2000}") {
        if let Err(e) = parse("any.toml", &text) {
            prop_assert!(!e.problems.is_empty());
            for p in &e.problems {
                prop_assert!(!p.message(app::i18n::Lang::En).trim().is_empty());
                prop_assert!(p.line <= text.lines().count() + 1);
            }
        }
    }

    /// A shipped file with lines dropped, repeated or swapped: still no panic, and an error
    /// points into the file.
    #[test]
    fn parser_never_panics_on_damaged_files(
        which in 0usize..3,
        edits in prop::collection::vec((0usize..2000, 0u8..3), 1..8),
    ) {
        let (file, source) = SOURCES[which];
        let mut lines: Vec<&str> = source.lines().collect();
        for (at, kind) in edits {
            if lines.is_empty() {
                break;
            }
            let i = at % lines.len();
            match kind {
                0 => {
                    lines.remove(i);
                }
                1 => {
                    let line = lines[i];
                    lines.insert(i, line);
                }
                _ => {
                    let j = (i + 7) % lines.len();
                    lines.swap(i, j);
                }
            }
        }
        let damaged = lines.join("\n");
        if let Err(e) = parse(file, &damaged) {
            prop_assert!(!e.problems.is_empty());
            for p in &e.problems {
                prop_assert!(!p.message(app::i18n::Lang::En).trim().is_empty());
                prop_assert!(p.line <= lines.len() + 1, "{}", e);
            }
        }
    }

    /// Scores of any answers to any shipped questionnaire: on 0-100, ambition never below
    /// current, the gap their difference, counts consistent, and the order of answers
    /// irrelevant.
    #[test]
    fn scores_stay_on_scale_whatever_is_answered(
        which in 0usize..3,
        picks in prop::collection::vec((any::<prop::sample::Index>(), 0u8..7, 0u8..5), 0..80),
        priority_picks in prop::collection::vec((any::<prop::sample::Index>(), 0usize..3), 0..6),
    ) {
        let questionnaires = shipped();
        let q = &questionnaires[which];
        let items: Vec<&str> = q
            .transitions
            .iter()
            .flat_map(|t| t.items.iter().map(|i| i.key.as_str()))
            .collect();
        let mut answers: Vec<Answer> = Vec::new();
        for (index, current, step) in picks {
            let key = items[index.index(items.len())];
            if answers.iter().any(|a| a.item_key == key) {
                continue;
            }
            let response = match (Level::new(current), Level::new(current.saturating_add(step))) {
                (Some(c), Some(a)) => Response::levels(c, a).expect("ambition at least current"),
                // Levels outside 1-5 cannot be made; such an item counts as "not applicable".
                _ => Response::NotApplicable,
            };
            answers.push(Answer {
                item_key: key.to_string(),
                response,
                comment: String::new(),
            });
        }
        let mut priorities = HashMap::new();
        for (index, p) in priority_picks {
            let t = &q.transitions[index.index(q.transitions.len())];
            priorities.insert(t.key.clone(), Priority::ALL[p]);
        }

        let scores = score(q, &answers, &priorities);
        prop_assert_eq!(scores.transitions.len(), q.transitions.len());
        for t in &scores.transitions {
            prop_assert!(t.answered + t.not_applicable <= t.items);
            match (t.current, t.ambition, t.gap) {
                (Some(c), Some(a), Some(g)) => {
                    prop_assert!(c <= 100 && a <= 100);
                    prop_assert!(c <= a, "ambition {} below current {}", a, c);
                    prop_assert!((i16::from(a) - i16::from(c) - i16::from(g)).abs() <= 1);
                    prop_assert!(t.answered > 0);
                }
                (None, None, None) => prop_assert_eq!(t.answered, 0),
                other => prop_assert!(false, "partial score {:?}", other),
            }
        }
        if let (Some(c), Some(a)) = (scores.overall_current, scores.overall_ambition) {
            prop_assert!(c <= a && a <= 100);
        }
        let mut reversed = answers.clone();
        reversed.reverse();
        prop_assert_eq!(score(q, &reversed, &priorities), scores);
    }

    /// Matching any company against any profiles: no panic, at most `limit`, best first,
    /// scores on 0-100, the same answer twice, and every reason true of both sides.
    #[test]
    fn matches_are_bounded_ordered_and_reasons_are_true(
        needs in prop::collection::vec((0usize..8, 0u8..=100, prop::option::of(0usize..3)), 0..8),
        profiles in prop::collection::vec(
            (
                prop::collection::vec(0usize..8, 0..5),
                prop::collection::vec(0usize..3, 0..3),
                prop::collection::vec(0usize..5, 0..3),
                "[a-zA-Z ]{0,12}",
                any::<bool>(),
            ),
            0..20,
        ),
        limit in 0usize..12,
    ) {
        let mut company = Company {
            variant: Variant::Manufacturing,
            size_class: "20-49".into(),
            province: "drenthe".into(),
            needs: Vec::new(),
        };
        for (k, gap, p) in needs {
            if company.needs.iter().any(|n| n.transition_key == TRANSITIONS[k]) {
                continue;
            }
            company.needs.push(Need {
                transition_key: TRANSITIONS[k].into(),
                gap,
                priority: p.map(|i| Priority::ALL[i]),
            });
        }
        let contents: Vec<ProfileContent> = profiles
            .iter()
            .map(|(ts, vs, ss, name, _)| ProfileContent {
                name: name.clone(),
                transitions: ts.iter().map(|t| TRANSITIONS[*t].to_string()).collect(),
                variants: vs.iter().map(|v| Variant::ALL[*v]).collect(),
                sizes: ss.iter().map(|s| SIZES[*s].to_string()).collect(),
                regions: vec!["drenthe".into()],
                ..Default::default()
            })
            .collect();
        let candidates: Vec<Candidate> = contents
            .iter()
            .zip(&profiles)
            .enumerate()
            .map(|(i, (content, p))| Candidate {
                id: i as i64,
                kind: if p.4 { ProfileKind::Provider } else { ProfileKind::Consultant },
                content,
            })
            .collect();

        let matches = rank(&company, &candidates, limit);
        prop_assert!(matches.len() <= limit);
        prop_assert!(matches.windows(2).all(|w| w[0].score >= w[1].score));
        prop_assert_eq!(&rank(&company, &candidates, limit), &matches);
        for m in &matches {
            prop_assert!(m.score <= 100);
            let content = &contents[m.profile_id as usize];
            let mut covers = false;
            for reason in &m.reasons {
                match reason {
                    Reason::CoversPriorities(keys) => {
                        covers = !keys.is_empty();
                        for k in keys {
                            prop_assert!(content.transitions.contains(k));
                            prop_assert!(company
                                .needs
                                .iter()
                                .any(|n| &n.transition_key == k && n.weight() > 0.0));
                        }
                    }
                    Reason::ServesVariant(v) => {
                        prop_assert!(content.variants.contains(v) && *v == company.variant)
                    }
                    Reason::ServesSize(s) => {
                        prop_assert!(content.sizes.contains(s) && *s == company.size_class)
                    }
                    Reason::InRegion(r) => {
                        prop_assert!(content.regions.contains(r) && *r == company.province)
                    }
                }
            }
            prop_assert!(covers, "a match covers at least one need");
        }
    }
}
