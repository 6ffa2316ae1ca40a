//! Writing a questionnaire as the file staff download and edit: the layout of
//! `docs/questionnaire-format.md` (one `[[transitions.items]]` table per question, texts as
//! `question.nl = …` / `question.en = …` lines), which is also the layout of the shipped files,
//! so a downloaded version reads like the files in the repository.
//!
//! Built with toml_edit rather than `toml::to_string`: serde's writer would put every text in
//! a table of its own (`[transitions.items.question]`), which is valid but hard to edit.

use crate::assessment::model::{Item, Questionnaire, StepTemplate, Text, Variant};
use crate::assessment::question_kind::{Choice, Kind};
use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item as TomlItem, Table};

/// The questionnaire as TOML, read back by [`super::parse`] into the same questionnaire.
pub fn to_toml(q: &Questionnaire) -> String {
    let mut doc = DocumentMut::new();
    doc["variant"] = value(q.variant.code());
    doc["version"] = value(i64::from(q.version));
    doc.insert("title", text(&q.title));
    let mut transitions = ArrayOfTables::new();
    for t in &q.transitions {
        let mut table = spaced_table();
        table["key"] = value(&t.key);
        table.insert("name", text(&t.name));
        table.insert("intro", text(&t.intro));
        if let Some(condition) = &t.visible_if {
            table["visible_if"] = value(condition.source.as_str());
        }
        let mut items = ArrayOfTables::new();
        for item in &t.items {
            items.push(item_table(item));
        }
        table.insert("items", TomlItem::ArrayOfTables(items));
        transitions.push(table);
    }
    doc.insert("transitions", TomlItem::ArrayOfTables(transitions));
    let what = match q.variant {
        Variant::Dma => "EU Digital Maturity Assessment",
        _ => "Smart Factory Assessment",
    };
    format!(
        "# {what}: {} / {}, version {}.\n\
         # Format: docs/questionnaire-format.md. Raise `version` when you change what a question\n\
         # or level means: answers given under an older version keep its texts and scores.\n\n{}",
        one_line(&q.title.nl),
        one_line(&q.title.en),
        q.version,
        doc
    )
}

fn item_table(item: &Item) -> Table {
    let mut table = spaced_table();
    table["key"] = value(&item.key);
    if !item.kind.is_level() {
        table["type"] = value(item.kind.code());
    }
    table.insert("question", text(&item.question));
    kind_fields(&mut table, &item.kind);
    for (n, level) in item.levels.iter().enumerate() {
        table.insert(&format!("level{}", n + 1), text(level));
    }
    if let Some(condition) = &item.visible_if {
        table["visible_if"] = value(condition.source.as_str());
    }
    if !item.after.is_empty() {
        let mut after = Array::new();
        for key in &item.after {
            after.push(key.as_str());
        }
        table["after"] = value(after);
    }
    if !item.steps.is_empty() {
        let mut steps = ArrayOfTables::new();
        for step in &item.steps {
            steps.push(step_table(step));
        }
        table.insert("steps", TomlItem::ArrayOfTables(steps));
    }
    table
}

/// The fields of a type other than level: `min`/`max`/`unit`, `max_chars`, and the options,
/// rows and scale as tables of their own after the question.
fn kind_fields(table: &mut Table, kind: &Kind) {
    let choices = |options: &[Choice]| {
        let mut list = ArrayOfTables::new();
        for o in options {
            let mut t = Table::new();
            t["key"] = value(&o.key);
            t.insert("label", text(&o.label));
            if let Some(score) = o.score {
                t["score"] = value(i64::from(score));
            }
            if o.exclusive {
                t["exclusive"] = value(true);
            }
            list.push(t);
        }
        TomlItem::ArrayOfTables(list)
    };
    match kind {
        Kind::Level | Kind::YesPartlyNo => {}
        Kind::Single { options } | Kind::Multiple { options } => {
            table.insert("options", choices(options));
        }
        Kind::Grid { rows, scale } => {
            let mut list = ArrayOfTables::new();
            for r in rows {
                let mut t = Table::new();
                t["key"] = value(&r.key);
                t.insert("label", text(&r.label));
                list.push(t);
            }
            table.insert("rows", TomlItem::ArrayOfTables(list));
            table.insert("scale", choices(scale));
        }
        Kind::Number { unit, min, max } => {
            table["min"] = value(*min);
            table["max"] = value(*max);
            if let Some(unit) = unit {
                table.insert("unit", text(unit));
            }
        }
        Kind::ShortText { max_chars } => table["max_chars"] = value(i64::from(*max_chars)),
    }
}

fn step_table(step: &StepTemplate) -> Table {
    let mut table = spaced_table();
    table["to"] = value(i64::from(step.to.value()));
    if let Some(size) = &step.size {
        table["size"] = value(size.as_str());
    }
    match &step.advice {
        Some(advice) => {
            table["nl"] = value(advice.nl.as_str());
            table["en"] = value(advice.en.as_str());
        }
        None => table["skip"] = value(true),
    }
    table
}

/// `name.nl = "…"` and `name.en = "…"` on lines of their own inside the parent table.
fn text(text: &Text) -> TomlItem {
    let mut table = Table::new();
    table.set_dotted(true);
    table["nl"] = value(text.nl.as_str());
    table["en"] = value(text.en.as_str());
    TomlItem::Table(table)
}

/// A table header with an empty line before it, so questions stand apart.
fn spaced_table() -> Table {
    let mut table = Table::new();
    table.decor_mut().set_prefix("\n");
    table
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
