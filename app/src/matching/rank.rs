//! The ranking: one pure, deterministic function ([`rank`]) that scores how well each published
//! provider or consultant fits a company; the rules are explained in `docs/matching.md`. Every
//! point of a score has a reason the company can read.

use crate::assessment::model::{Priority, Variant};
use crate::assessment::scoring::{need_order, Scores};
use crate::providers::model::{ProfileContent, ProfileKind};
use serde::{Deserialize, Serialize};

/// Weight of a transition the company gave no priority (it still has a gap worth closing).
const UNPRIORITISED_WEIGHT: f64 = 0.5;
/// Points out of 100 for each part of the fit.
const COVERAGE_POINTS: f64 = 70.0;
const VARIANT_POINTS: f64 = 15.0;
const SIZE_POINTS: f64 = 10.0;
const REGION_POINTS: f64 = 5.0;

/// One transition the company wants to improve.
#[derive(Clone, Debug, PartialEq)]
pub struct Need {
    pub transition_key: String,
    /// Ambition minus current, 0-100.
    pub gap: u8,
    pub priority: Option<Priority>,
}

impl Need {
    /// Priority × gap; a transition without a gap needs nothing.
    pub fn weight(&self) -> f64 {
        let factor = self.priority.map_or(UNPRIORITISED_WEIGHT, Priority::weight);
        factor * f64::from(self.gap)
    }
}

/// What the matching knows about the company.
#[derive(Clone, Debug, PartialEq)]
pub struct Company {
    pub variant: Variant,
    pub size_class: String,
    pub province: String,
    pub needs: Vec<Need>,
}

impl Company {
    /// The needs of a scored assessment: every transition with a gap.
    pub fn from_scores(
        variant: Variant,
        size_class: &str,
        province: &str,
        scores: &Scores,
    ) -> Self {
        Company {
            variant,
            size_class: size_class.to_string(),
            province: province.to_string(),
            needs: scores
                .transitions
                .iter()
                .filter_map(|t| {
                    Some(Need {
                        transition_key: t.transition_key.clone(),
                        gap: t.gap?,
                        priority: t.priority,
                    })
                })
                .collect(),
        }
    }
}

/// A published profile as the matching sees it.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'a> {
    pub id: i64,
    pub kind: ProfileKind,
    pub content: &'a ProfileContent,
}

/// Why a profile was matched, in the order the page shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// Transition keys the profile covers, in the results page's order of needs.
    CoversPriorities(Vec<String>),
    ServesVariant(Variant),
    ServesSize(String),
    InRegion(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Match {
    pub profile_id: i64,
    pub kind: ProfileKind,
    /// 0-100.
    pub score: u8,
    pub reasons: Vec<Reason>,
}

/// Full points when the profile lists the company's value, half when it lists nothing (it did
/// not say, so it may well serve everyone), none when it lists only other values.
fn fit<T: PartialEq>(listed: &[T], wanted: &T, points: f64) -> (f64, bool) {
    if listed.contains(wanted) {
        (points, true)
    } else if listed.is_empty() {
        (points / 2.0, false)
    } else {
        (0.0, false)
    }
}

/// Ranks candidates for a company, best first, at most `limit`. Candidates that cover none of
/// the company's needs are left out; a company without needs (no gaps) gets no matches.
/// Ties are broken by covered weight, then name (case-insensitive), then id, so the same input
/// always gives the same order.
pub fn rank(company: &Company, candidates: &[Candidate<'_>], limit: usize) -> Vec<Match> {
    let mut needs: Vec<(&Need, f64)> = company
        .needs
        .iter()
        .map(|n| (n, n.weight()))
        .filter(|(_, w)| *w > 0.0)
        .collect();
    // In the order the results page lists them (priority first, then gap; the sort is stable,
    // so ties keep questionnaire order): the reasons name covered needs in that order.
    needs.sort_by(|a, b| {
        need_order(
            (a.0.priority, f64::from(a.0.gap)),
            (b.0.priority, f64::from(b.0.gap)),
        )
    });
    let total: f64 = needs.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return Vec::new();
    }

    let mut scored: Vec<(Match, f64, String)> = candidates
        .iter()
        .filter_map(|c| {
            let covered: Vec<&(&Need, f64)> = needs
                .iter()
                .filter(|(n, _)| c.content.transitions.contains(&n.transition_key))
                .collect();
            if covered.is_empty() {
                return None;
            }
            let covered_weight: f64 = covered.iter().map(|(_, w)| w).sum();
            let mut points = COVERAGE_POINTS * covered_weight / total;
            let mut reasons = vec![Reason::CoversPriorities(
                covered
                    .iter()
                    .map(|(n, _)| n.transition_key.clone())
                    .collect(),
            )];
            let (p, named) = fit(&c.content.variants, &company.variant, VARIANT_POINTS);
            points += p;
            if named {
                reasons.push(Reason::ServesVariant(company.variant));
            }
            let (p, named) = fit(&c.content.sizes, &company.size_class, SIZE_POINTS);
            points += p;
            if named {
                reasons.push(Reason::ServesSize(company.size_class.clone()));
            }
            let (p, named) = fit(&c.content.regions, &company.province, REGION_POINTS);
            points += p;
            if named {
                reasons.push(Reason::InRegion(company.province.clone()));
            }
            Some((
                Match {
                    profile_id: c.id,
                    kind: c.kind,
                    score: points.round().clamp(0.0, 100.0) as u8,
                    reasons,
                },
                covered_weight,
                c.content.name.to_lowercase(),
            ))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.score
            .cmp(&a.0.score)
            .then(b.1.total_cmp(&a.1))
            .then_with(|| a.2.cmp(&b.2))
            .then(a.0.profile_id.cmp(&b.0.profile_id))
    });
    scored.into_iter().take(limit).map(|(m, _, _)| m).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(key: &str, gap: u8, priority: Option<Priority>) -> Need {
        Need {
            transition_key: key.to_string(),
            gap,
            priority,
        }
    }

    fn company(needs: Vec<Need>) -> Company {
        Company {
            variant: Variant::Process,
            size_class: "50-99".into(),
            province: "friesland".into(),
            needs,
        }
    }

    fn profile(name: &str, transitions: &[&str]) -> ProfileContent {
        ProfileContent {
            name: name.to_string(),
            transitions: transitions.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        }
    }

    fn ids(matches: &[Match]) -> Vec<i64> {
        matches.iter().map(|m| m.profile_id).collect()
    }

    #[test]
    fn covering_the_weightiest_need_ranks_first() {
        let c = company(vec![
            need("data", 50, Some(Priority::High)),
            need("connectivity", 25, Some(Priority::Low)),
            need("energy", 0, Some(Priority::High)),
        ]);
        let data = profile("Data BV", &["data"]);
        let conn = profile("Conn BV", &["connectivity"]);
        let energy = profile("Energie BV", &["energy"]);
        let both = profile("Alles BV", &["data", "connectivity"]);
        let cands = [
            Candidate {
                id: 1,
                kind: ProfileKind::Provider,
                content: &data,
            },
            Candidate {
                id: 2,
                kind: ProfileKind::Provider,
                content: &conn,
            },
            Candidate {
                id: 3,
                kind: ProfileKind::Provider,
                content: &energy,
            },
            Candidate {
                id: 4,
                kind: ProfileKind::Consultant,
                content: &both,
            },
        ];
        let ranked = rank(&c, &cands, 10);
        // Energy has no gap, so a profile covering only energy is no match.
        assert_eq!(ids(&ranked), vec![4, 1, 2]);
        // Weights 150 and 25: all of it covered → 70 points, plus half of each fit
        // (the profile names no variant, size or region): 7.5 + 5 + 2.5.
        assert_eq!(ranked[0].score, 85);
        assert_eq!(
            ranked[0].reasons[0],
            Reason::CoversPriorities(vec!["data".into(), "connectivity".into()])
        );
        assert_eq!(ranked[1].score, 75);
    }

    #[test]
    fn reasons_name_covered_needs_in_the_results_page_order() {
        // Strategy is high with a small gap, data medium with a large one: the results page
        // lists strategy first, and so do the reasons.
        let c = company(vec![
            need("data", 50, Some(Priority::Medium)),
            need("strategy", 25, Some(Priority::High)),
        ]);
        let both = profile("Beide", &["data", "strategy"]);
        let cands = [Candidate {
            id: 1,
            kind: ProfileKind::Consultant,
            content: &both,
        }];
        let ranked = rank(&c, &cands, 1);
        assert_eq!(
            ranked[0].reasons[0],
            Reason::CoversPriorities(vec!["strategy".into(), "data".into()])
        );
    }

    #[test]
    fn variant_size_and_region_add_points_and_reasons() {
        let c = company(vec![need("data", 40, Some(Priority::Medium))]);
        let mut local = profile("Lokaal", &["data"]);
        local.variants = vec![Variant::Process];
        local.sizes = vec!["50-99".into()];
        local.regions = vec!["friesland".into()];
        let mut elsewhere = profile("Elders", &["data"]);
        elsewhere.variants = vec![Variant::Manufacturing];
        elsewhere.sizes = vec!["200plus".into()];
        elsewhere.regions = vec!["groningen".into()];
        let cands = [
            Candidate {
                id: 1,
                kind: ProfileKind::Provider,
                content: &elsewhere,
            },
            Candidate {
                id: 2,
                kind: ProfileKind::Provider,
                content: &local,
            },
        ];
        let ranked = rank(&c, &cands, 10);
        assert_eq!(ids(&ranked), vec![2, 1]);
        assert_eq!(ranked[0].score, 100);
        assert_eq!(ranked[1].score, 70);
        assert_eq!(
            ranked[0].reasons[1..],
            [
                Reason::ServesVariant(Variant::Process),
                Reason::ServesSize("50-99".into()),
                Reason::InRegion("friesland".into()),
            ]
        );
        assert_eq!(ranked[1].reasons.len(), 1);
    }

    #[test]
    fn ties_are_broken_by_name_then_id() {
        let c = company(vec![need("data", 40, None)]);
        let b = profile("beta", &["data"]);
        let a = profile("Alfa", &["data"]);
        let a2 = profile("alfa", &["data"]);
        let cands = [
            Candidate {
                id: 9,
                kind: ProfileKind::Provider,
                content: &b,
            },
            Candidate {
                id: 7,
                kind: ProfileKind::Provider,
                content: &a2,
            },
            Candidate {
                id: 5,
                kind: ProfileKind::Provider,
                content: &a,
            },
        ];
        assert_eq!(ids(&rank(&c, &cands, 10)), vec![5, 7, 9]);
        // And the limit cuts after ordering.
        assert_eq!(ids(&rank(&c, &cands, 2)), vec![5, 7]);
    }

    #[test]
    fn empty_profiles_and_companies_without_needs_give_no_matches() {
        let empty = ProfileContent::default();
        let c = company(vec![need("data", 40, Some(Priority::High))]);
        let cands = [Candidate {
            id: 1,
            kind: ProfileKind::Provider,
            content: &empty,
        }];
        assert!(rank(&c, &cands, 10).is_empty());

        let data = profile("Data", &["data"]);
        let cands = [Candidate {
            id: 1,
            kind: ProfileKind::Provider,
            content: &data,
        }];
        assert!(rank(&company(vec![]), &cands, 10).is_empty());
        assert!(rank(
            &company(vec![need("data", 0, Some(Priority::High))]),
            &cands,
            10
        )
        .is_empty());
        assert!(rank(&c, &[], 10).is_empty());
    }

    #[test]
    fn without_priorities_the_gap_decides() {
        let c = company(vec![need("data", 10, None), need("energy", 60, None)]);
        let data = profile("Data", &["data"]);
        let energy = profile("Energie", &["energy"]);
        let cands = [
            Candidate {
                id: 1,
                kind: ProfileKind::Provider,
                content: &data,
            },
            Candidate {
                id: 2,
                kind: ProfileKind::Provider,
                content: &energy,
            },
        ];
        assert_eq!(ids(&rank(&c, &cands, 10)), vec![2, 1]);
    }

    #[test]
    fn a_priority_outweighs_a_bigger_unprioritised_gap() {
        // High × 25 = 75 against 0.5 × 100 = 50.
        let c = company(vec![
            need("data", 25, Some(Priority::High)),
            need("energy", 100, None),
        ]);
        let data = profile("Data", &["data"]);
        let energy = profile("Energie", &["energy"]);
        let cands = [
            Candidate {
                id: 1,
                kind: ProfileKind::Provider,
                content: &energy,
            },
            Candidate {
                id: 2,
                kind: ProfileKind::Provider,
                content: &data,
            },
        ];
        assert_eq!(ids(&rank(&c, &cands, 10)), vec![2, 1]);
    }
}
