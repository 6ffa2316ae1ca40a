//! Prefilling an EU DMA from a Smart Factory Assessment, so a company that did one does not
//! answer the same thing twice. Each link below takes one Smart Factory level question and
//! says, per level, what it tells about one DMA answer; only what a level really says is
//! filled in (a level that says nothing about the DMA question fills in nothing), and the
//! company checks and completes the rest. The table is in `docs/scoring.md`, "Prefilled from
//! the Smart Factory Assessment". Pure code; the server stores the result at start.

use super::question_kind::AnswerValue;
use std::collections::HashMap;

/// What one Smart Factory answer says about one DMA answer.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    /// A grid row: the scale point for each level 1-5 (`None`: the level does not say).
    Row {
        item: &'static str,
        row: &'static str,
        points: [Option<&'static str>; 5],
    },
    /// A multiple-choice option, ticked from this level up (below it nothing is said: the
    /// company may do it another way).
    Tick {
        item: &'static str,
        option: &'static str,
        from_level: u8,
    },
}

/// A Smart Factory item (the same key in every variant that asks it) and what it fills in.
#[derive(Clone, Copy, Debug)]
pub struct Link {
    pub from: &'static str,
    pub to: Target,
}

const fn row(
    from: &'static str,
    item: &'static str,
    row: &'static str,
    points: [Option<&'static str>; 5],
) -> Link {
    Link {
        from,
        to: Target::Row { item, row, points },
    }
}

const fn tick(from: &'static str, item: &'static str, option: &'static str, level: u8) -> Link {
    Link {
        from,
        to: Target::Tick {
            item,
            option,
            from_level: level,
        },
    }
}

const ADVANCED: &str = "dma_readiness.advanced";
const AI: &str = "dma_automation.technologies";
const NOT_USED: Option<&str> = Some("not_used");
const CONSIDERING: Option<&str> = Some("considering");
const TESTING: Option<&str> = Some("testing");
const IMPLEMENTING: Option<&str> = Some("implementing");
const OPERATIONAL: Option<&str> = Some("operational");

/// The mapping, item by item (reasons in `docs/scoring.md`).
pub const LINKS: &[Link] = &[
    // Strategy: a prioritised roadmap names the needs; a budget pays; a payback per project
    // judges value.
    tick("strategy.roadmap", "dma_strategy.readiness", "needs", 3),
    tick("strategy.investment", "dma_strategy.readiness", "money", 3),
    tick("strategy.investment", "dma_strategy.readiness", "value", 4),
    // Basic technologies: the ERP as central source; customers ordering online.
    tick("data.sources", "dma_readiness.basic", "systems", 3),
    tick(
        "smart_products.ordering",
        "dma_readiness.basic",
        "ecommerce",
        3,
    ),
    // Advanced technologies on the use scale.
    row(
        "digital_factory.simulation",
        ADVANCED,
        "simulation",
        [NOT_USED, CONSIDERING, TESTING, OPERATIONAL, OPERATIONAL],
    ),
    row(
        "digital_factory.cam",
        ADVANCED,
        "cad_cam",
        [
            NOT_USED,
            IMPLEMENTING,
            OPERATIONAL,
            OPERATIONAL,
            OPERATIONAL,
        ],
    ),
    row(
        "operations.machine_data",
        ADVANCED,
        "iot",
        [NOT_USED, None, IMPLEMENTING, OPERATIONAL, OPERATIONAL],
    ),
    // People: skills mapped and trained; employees informed, then involved.
    tick("smart_working.skills", "dma_human.skills", "audit", 4),
    tick("smart_working.skills", "dma_human.skills", "plan", 4),
    tick(
        "smart_working.change",
        "dma_human.engagement",
        "awareness",
        2,
    ),
    tick(
        "smart_working.change",
        "dma_human.engagement",
        "communication",
        3,
    ),
    // Data management and security.
    tick("data.sources", "dma_data.management", "stored", 2),
    tick(
        "connectivity.integration",
        "dma_data.management",
        "integrated",
        3,
    ),
    tick("data.analysis", "dma_data.management", "analysed", 3),
    tick("data.analysis", "dma_data.management", "self_service", 4),
    tick("data.governance", "dma_data.management", "policy", 4),
    tick(
        "connectivity.security_policy",
        "dma_data.security",
        "policy",
        3,
    ),
    tick(
        "connectivity.security_policy",
        "dma_data.security",
        "backup",
        3,
    ),
    tick(
        "connectivity.security_policy",
        "dma_data.security",
        "monitoring",
        5,
    ),
    tick("connectivity.recovery", "dma_data.security", "backup", 2),
    tick(
        "connectivity.recovery",
        "dma_data.security",
        "continuity",
        4,
    ),
    // Automation and AI: robots; predictive maintenance is AI for decisions.
    row(
        "production_technology.robots",
        AI,
        "robotics",
        [NOT_USED, CONSIDERING, OPERATIONAL, OPERATIONAL, OPERATIONAL],
    ),
    row(
        "maintenance.strategy",
        AI,
        "decisions",
        [None, None, None, None, OPERATIONAL],
    ),
    // Green: energy measured; waste steered; footprint calculated and reported.
    tick("energy.metering", "dma_green.uses", "energy", 3),
    tick("energy.circularity", "dma_green.uses", "production", 3),
    tick("energy.circularity", "dma_green.uses", "materials", 4),
    tick("energy.footprint", "dma_green.uses", "emissions", 3),
    tick("energy.footprint", "dma_green.uses", "reporting", 5),
];

/// The DMA answers a Smart Factory Assessment's current levels (item key → 1-5) say, in the
/// order the links first name their questions: ticked options as a multiple-choice answer
/// (only when at least one is ticked), grid rows as a partial grid (the company completes
/// it). Nothing for a question no answered level speaks about.
pub fn prefill(levels: &HashMap<&str, u8>) -> Vec<(&'static str, AnswerValue)> {
    let mut out: Vec<(&'static str, AnswerValue)> = Vec::new();
    let mut push = |item: &'static str, add: &dyn Fn(&mut AnswerValue), empty: AnswerValue| {
        let at = match out.iter().position(|(k, _)| *k == item) {
            Some(at) => at,
            None => {
                out.push((item, empty));
                out.len() - 1
            }
        };
        add(&mut out[at].1);
    };
    for link in LINKS {
        let Some(level) = levels
            .get(link.from)
            .copied()
            .filter(|l| (1..=5).contains(l))
        else {
            continue;
        };
        match link.to {
            Target::Tick {
                item,
                option,
                from_level,
            } if level >= from_level => push(
                item,
                &|v| {
                    if let AnswerValue::Choices(keys) = v {
                        if !keys.iter().any(|k| k == option) {
                            keys.push(option.to_string());
                        }
                    }
                },
                AnswerValue::Choices(Vec::new()),
            ),
            Target::Row { item, row, points } => {
                let Some(point) = points[usize::from(level - 1)] else {
                    continue;
                };
                push(
                    item,
                    &|v| {
                        if let AnswerValue::Grid(rows) = v {
                            if !rows.iter().any(|(r, _)| r == row) {
                                rows.push((row.to_string(), point.to_string()));
                            }
                        }
                    },
                    AnswerValue::Grid(Vec::new()),
                )
            }
            Target::Tick { .. } => {}
        }
    }
    out
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::assessment::model::Variant;
    use crate::assessment::question_kind::accept::accept;
    use crate::assessment::questionnaire_file::parse;
    use crate::assessment::questionnaires::SOURCES;

    #[test]
    fn every_link_names_a_level_question_and_a_dma_answer_that_exist() {
        let all: Vec<_> = SOURCES
            .iter()
            .map(|(f, s)| parse(f, s).unwrap_or_else(|e| panic!("{e}")))
            .collect();
        let dma = all.iter().find(|q| q.variant == Variant::Dma).expect("dma");
        for link in LINKS {
            // The Smart Factory item is a level question wherever a variant asks it, and at
            // least one variant does (not every variant asks every theme).
            let found: Vec<_> = all
                .iter()
                .filter(|q| !q.variant.is_dma())
                .filter_map(|q| q.item(link.from).map(|(_, i)| i))
                .collect();
            assert!(!found.is_empty(), "{}", link.from);
            assert!(found.iter().all(|i| i.kind.is_level()), "{}", link.from);
            // Every value it can give is one the DMA question accepts.
            let (item, values) = match link.to {
                Target::Tick { item, option, .. } => {
                    (item, vec![AnswerValue::Choices(vec![option.into()])])
                }
                Target::Row { item, row, points } => (
                    item,
                    points
                        .iter()
                        .flatten()
                        .map(|p| AnswerValue::Grid(vec![(row.into(), p.to_string())]))
                        .collect(),
                ),
            };
            let kind = &dma.item(item).unwrap_or_else(|| panic!("{item}")).1.kind;
            for v in values {
                assert!(accept(kind, v.clone()).is_ok(), "{item}: {v:?}");
            }
        }
    }

    #[test]
    fn levels_fill_in_only_what_they_say() {
        let levels: HashMap<&str, u8> = [
            ("strategy.investment", 4),
            ("strategy.roadmap", 2),
            ("digital_factory.simulation", 3),
            ("operations.machine_data", 2),
            ("connectivity.security_policy", 3),
            ("connectivity.recovery", 2),
            ("maintenance.strategy", 4),
            ("energy.metering", 1),
        ]
        .into();
        let got = prefill(&levels);
        assert_eq!(
            got,
            vec![
                (
                    "dma_strategy.readiness",
                    AnswerValue::Choices(vec!["money".into(), "value".into()])
                ),
                (
                    "dma_readiness.advanced",
                    AnswerValue::Grid(vec![("simulation".into(), "testing".into())])
                ),
                (
                    "dma_data.security",
                    AnswerValue::Choices(vec!["policy".into(), "backup".into()])
                ),
            ]
        );
        // Nothing answered, nothing filled in; a level out of range is ignored.
        assert!(prefill(&HashMap::new()).is_empty());
        assert!(prefill(&[("strategy.investment", 9)].into()).is_empty());
    }
}
