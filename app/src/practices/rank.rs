//! Which cases a company sees first (pure): those on its most pressing transitions, of its own
//! size class before others (a 15-person supplier learns most from a company like itself),
//! newest first otherwise.

use super::view::PracticeCard;

/// `transitions` in the company's order of priority; `cards` newest first.
pub fn for_company(
    cards: &[PracticeCard],
    transitions: &[String],
    size_class: &str,
    limit: usize,
) -> Vec<PracticeCard> {
    let mut ranked: Vec<(usize, bool, &PracticeCard)> = cards
        .iter()
        .filter_map(|c| {
            let best = transitions
                .iter()
                .position(|t| c.transitions.iter().any(|k| k == t))?;
            Some((best, c.size_class != size_class, c))
        })
        .collect();
    // Stable: equal keys keep the newest-first order they came in.
    ranked.sort_by_key(|(best, other_size, _)| (*other_size, *best));
    ranked
        .into_iter()
        .take(limit)
        .map(|(.., c)| c.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::{Text, Variant};

    fn card(slug: &str, size: &str, transitions: &[&str]) -> PracticeCard {
        let text = Text {
            nl: slug.into(),
            en: slug.into(),
        };
        PracticeCard {
            slug: slug.into(),
            title: text.clone(),
            company_name: String::new(),
            variant: Variant::Suppliers,
            size_class: size.into(),
            province: "drenthe".into(),
            transitions: transitions.iter().map(|t| t.to_string()).collect(),
            result: text,
            photo: None,
        }
    }

    fn slugs(cards: &[PracticeCard]) -> Vec<&str> {
        cards.iter().map(|c| c.slug.as_str()).collect()
    }

    #[test]
    fn own_size_first_then_priority_then_newest() {
        let cards = vec![
            card("big-data", "200+", &["data"]),
            card("small-energy", "20-49", &["energy"]),
            card("small-data", "20-49", &["data", "people"]),
            card("small-other", "20-49", &["green"]),
            card("big-energy", "100-199", &["energy"]),
        ];
        let priorities = ["data".to_string(), "energy".to_string()];
        let out = for_company(&cards, &priorities, "20-49", 10);
        assert_eq!(
            slugs(&out),
            ["small-data", "small-energy", "big-data", "big-energy"],
            "a case on none of the company's transitions is left out"
        );
    }

    #[test]
    fn the_limit_holds_and_no_priorities_means_no_cases() {
        let cards = vec![card("a", "lt20", &["data"]), card("b", "lt20", &["data"])];
        assert_eq!(
            slugs(&for_company(&cards, &["data".into()], "lt20", 1)),
            ["a"]
        );
        assert!(for_company(&cards, &[], "lt20", 5).is_empty());
    }
}
