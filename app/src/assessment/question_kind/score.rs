//! How an answer to a typed question scores, on 0-100: one pure function per type. `None`
//! means the answer counts for progress but not in the scores (numbers, texts, an option
//! without a score). Rules in `docs/scoring.md` (rule 8b).

use super::{AnswerValue, Choice, Kind, Row, YES_PARTLY_NO};

/// The score of `value` as an answer to a question of `kind`; `None` when it does not score
/// or does not fit the question (which [`super::accept`] refuses before it is stored).
pub fn value_score(kind: &Kind, value: &AnswerValue) -> Option<f64> {
    match (kind, value) {
        (Kind::Single { options }, AnswerValue::Choice(key)) => single(options, key),
        (Kind::Multiple { options }, AnswerValue::Choices(keys)) => multiple(options, keys),
        (Kind::Grid { rows, scale }, AnswerValue::Grid(points)) => grid(rows, scale, points),
        (Kind::YesPartlyNo, AnswerValue::Choice(key)) => yes_partly_no(key),
        _ => None,
    }
}

/// The chosen option's score.
pub fn single(options: &[Choice], key: &str) -> Option<f64> {
    options.iter().find(|o| o.key == key)?.score.map(f64::from)
}

/// The share of what could be scored that was ticked: the ticked options' scores over the
/// scores of all options that can be ticked together, times 100. An exclusive option ("none
/// of these") ticked gives its own score.
pub fn multiple(options: &[Choice], keys: &[String]) -> Option<f64> {
    let ticked = |o: &&Choice| keys.contains(&o.key);
    if let Some(alone) = options.iter().filter(ticked).find(|o| o.exclusive) {
        return alone.score.map(f64::from);
    }
    let together = || options.iter().filter(|o| !o.exclusive);
    let possible: u32 = together().filter_map(|o| o.score).map(u32::from).sum();
    if possible == 0 {
        return None;
    }
    let got: u32 = together()
        .filter(ticked)
        .filter_map(|o| o.score)
        .map(u32::from)
        .sum();
    Some(f64::from(got) * 100.0 / f64::from(possible))
}

/// The mean of the scale points' scores over the rows answered with a scored point.
pub fn grid(rows: &[Row], scale: &[Choice], points: &[(String, String)]) -> Option<f64> {
    let scores: Vec<f64> = rows
        .iter()
        .filter_map(|row| {
            let (_, point) = points.iter().find(|(r, _)| *r == row.key)?;
            single(scale, point)
        })
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// Yes 100, partly 50, no 0.
pub fn yes_partly_no(key: &str) -> Option<f64> {
    YES_PARTLY_NO
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, s)| f64::from(*s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::Text;

    fn choice(key: &str, score: Option<u8>, exclusive: bool) -> Choice {
        Choice {
            key: key.into(),
            label: Text::default(),
            score,
            exclusive,
        }
    }

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn single_choice_scores_the_option_or_nothing() {
        let options = [
            choice("a", Some(0), false),
            choice("b", Some(75), false),
            choice("dk", None, false),
        ];
        assert_eq!(single(&options, "b"), Some(75.0));
        assert_eq!(single(&options, "a"), Some(0.0));
        assert_eq!(single(&options, "dk"), None, "an option without a score");
        assert_eq!(single(&options, "zz"), None, "an unknown option");
    }

    #[test]
    fn multiple_choice_is_the_share_ticked_and_an_exclusive_option_stands_alone() {
        let options = [
            choice("a", Some(100), false),
            choice("b", Some(100), false),
            choice("c", Some(50), false),
            choice("none", Some(0), true),
        ];
        // 100 + 50 out of 250.
        assert_eq!(multiple(&options, &keys(&["a", "c"])), Some(60.0));
        assert_eq!(multiple(&options, &keys(&["a", "b", "c"])), Some(100.0));
        assert_eq!(multiple(&options, &keys(&[])), Some(0.0));
        assert_eq!(multiple(&options, &keys(&["none"])), Some(0.0));
        // Whatever else is ticked (which accepting refuses), the exclusive option decides.
        assert_eq!(multiple(&options, &keys(&["a", "none"])), Some(0.0));
        let unscored = [choice("a", None, false), choice("b", None, false)];
        assert_eq!(multiple(&unscored, &keys(&["a"])), None);
    }

    #[test]
    fn a_grid_is_the_mean_over_the_rows_answered() {
        let scale: Vec<Choice> = (0..=5)
            .map(|n| choice(&n.to_string(), Some(n * 20), false))
            .collect();
        let rows: Vec<Row> = ["x", "y", "z"]
            .iter()
            .map(|k| Row {
                key: k.to_string(),
                label: Text::default(),
            })
            .collect();
        let p = |r: &str, s: &str| (r.to_string(), s.to_string());
        // (100 + 40) / 2: the unanswered row does not count as zero.
        assert_eq!(grid(&rows, &scale, &[p("x", "5"), p("y", "2")]), Some(70.0));
        assert_eq!(
            grid(&rows, &scale, &[p("x", "0"), p("y", "0"), p("z", "1")]),
            Some(20.0 / 3.0)
        );
        assert_eq!(grid(&rows, &scale, &[]), None);
        assert_eq!(grid(&rows, &scale, &[p("unknown", "5")]), None);
    }

    #[test]
    fn yes_partly_no_and_unscored_types() {
        assert_eq!(yes_partly_no("yes"), Some(100.0));
        assert_eq!(yes_partly_no("partly"), Some(50.0));
        assert_eq!(yes_partly_no("no"), Some(0.0));
        assert_eq!(yes_partly_no("maybe"), None);
        let number = Kind::Number {
            unit: None,
            min: 0,
            max: 10,
        };
        assert_eq!(value_score(&number, &AnswerValue::Number(5)), None);
        let text = Kind::ShortText { max_chars: 20 };
        assert_eq!(value_score(&text, &AnswerValue::Text("x".into())), None);
        // A value of the wrong type never scores.
        assert_eq!(
            value_score(&Kind::YesPartlyNo, &AnswerValue::Number(1)),
            None
        );
    }
}
