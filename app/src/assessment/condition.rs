//! When a question or a whole transition is shown: a small expression language written in the
//! questionnaire file (`visible_if = "size in ['50-99', '200plus'] and data.collection >= 3"`),
//! described for editors in `docs/questionnaire-format.md`.
//!
//! A condition looks at the questionnaire's variant, the company's size class and answers to
//! questions on earlier pages: equals (`==`, `!=`), one of (`in [...]`), greater or smaller
//! (`>`, `>=`, `<`, `<=`, on levels 1-5), joined with `and`, `or`, `not` and parentheses. A
//! comparison with a question that has no answer (or is hidden itself) is false, so a
//! follow-up question appears once the question it depends on is answered.
//!
//! Written by hand rather than with a parser crate: the grammar is a dozen lines and the
//! messages name the questionnaire's own words, which is what someone editing a file needs.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// What a comparison looks at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Variant,
    Size,
    /// An item's answer: its current level, or `na`.
    Item(String),
}

/// A value in a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Number(u8),
    Text(String),
    /// The answer "not applicable".
    NotApplicable,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Compare(Subject, Op, Value),
    OneOf(Subject, Vec<Value>),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

/// A parsed condition with the text it was written as (stored and written back as that text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    pub source: String,
    pub expr: Expr,
}

/// Why a condition could not be read: a message and the character where it went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: usize,
    pub message: String,
}

/// How deep `not` and parentheses may nest, and how many comparisons one condition may hold:
/// far beyond what a person writes, and small enough that reading, deciding and dropping a
/// condition (all recursive) never come near the stack's limit, whatever a file holds.
pub const MAX_DEPTH: usize = 16;
pub const MAX_COMPARISONS: usize = 40;

/// Words with a meaning of their own in a condition, which no question's key may be.
pub const RESERVED: [&str; 7] = ["variant", "size", "and", "or", "not", "in", "na"];

/// The facts a condition is decided on.
pub trait Facts {
    fn value(&self, subject: &Subject) -> Option<Value>;
}

impl Condition {
    pub fn parse(source: &str) -> Result<Condition, SyntaxError> {
        let tokens = tokenize(source)?;
        let mut parser = Parser {
            tokens: &tokens,
            at: 0,
            end: source.chars().count(),
            depth: 0,
            comparisons: 0,
        };
        let expr = parser.or()?;
        if let Some((at, token)) = tokens.get(parser.at) {
            return Err(SyntaxError {
                at: *at,
                message: format!("unexpected `{token}`"),
            });
        }
        Ok(Condition {
            source: source.trim().to_string(),
            expr,
        })
    }

    pub fn holds(&self, facts: &impl Facts) -> bool {
        self.expr.holds(facts)
    }

    /// Every comparison in the condition, for checking what it names and compares.
    pub fn comparisons(&self) -> Vec<Comparison<'_>> {
        fn walk<'a>(e: &'a Expr, out: &mut Vec<Comparison<'a>>) {
            match e {
                Expr::Compare(subject, op, value) => out.push(Comparison {
                    subject,
                    op: Some(*op),
                    values: vec![value],
                }),
                Expr::OneOf(subject, values) => out.push(Comparison {
                    subject,
                    op: None,
                    values: values.iter().collect(),
                }),
                Expr::Not(e) => walk(e, out),
                Expr::And(a, b) | Expr::Or(a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.expr, &mut out);
        out
    }
}

/// One comparison of a condition: `op` is `None` for `in [...]`.
#[derive(Debug, PartialEq, Eq)]
pub struct Comparison<'a> {
    pub subject: &'a Subject,
    pub op: Option<Op>,
    pub values: Vec<&'a Value>,
}

impl Expr {
    fn holds(&self, facts: &impl Facts) -> bool {
        match self {
            Expr::Compare(subject, op, value) => match facts.value(subject) {
                Some(actual) => compare(&actual, *op, value),
                None => false,
            },
            Expr::OneOf(subject, values) => {
                facts.value(subject).is_some_and(|a| values.contains(&a))
            }
            Expr::Not(e) => !e.holds(facts),
            Expr::And(a, b) => a.holds(facts) && b.holds(facts),
            Expr::Or(a, b) => a.holds(facts) || b.holds(facts),
        }
    }
}

fn compare(actual: &Value, op: Op, wanted: &Value) -> bool {
    match op {
        Op::Eq => actual == wanted,
        Op::Ne => actual != wanted,
        _ => match (actual, wanted) {
            (Value::Number(a), Value::Number(b)) => match op {
                Op::Gt => a > b,
                Op::Ge => a >= b,
                Op::Lt => a < b,
                _ => a <= b,
            },
            // "Not applicable" is no level: it is neither above nor below one.
            _ => false,
        },
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Word(String),
    Number(u8),
    Text(String),
    Symbol(&'static str),
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Word(w) => write!(f, "{w}"),
            Token::Number(n) => write!(f, "{n}"),
            Token::Text(t) => write!(f, "'{t}'"),
            Token::Symbol(s) => write!(f, "{s}"),
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-')
}

/// The tokens with the character position each starts at.
fn tokenize(source: &str) -> Result<Vec<(usize, Token)>, SyntaxError> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '\'' || c == '"' {
            let close = chars[i + 1..]
                .iter()
                .position(|&d| d == c)
                .ok_or(SyntaxError {
                    at: start,
                    message: format!("the text starting here has no closing {c}"),
                })?;
            out.push((
                start,
                Token::Text(chars[i + 1..i + 1 + close].iter().collect()),
            ));
            i += close + 2;
            continue;
        }
        if is_word_char(c) {
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let token = if word.chars().all(|d| d.is_ascii_digit()) {
                Token::Number(word.parse().map_err(|_| SyntaxError {
                    at: start,
                    message: format!("`{word}` is too large a number"),
                })?)
            } else {
                Token::Word(word)
            };
            out.push((start, token));
            continue;
        }
        let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
        let symbol = ["==", "!=", ">=", "<="]
            .into_iter()
            .find(|s| *s == two)
            .or_else(|| {
                ["=", ">", "<", "(", ")", "[", "]", ","]
                    .into_iter()
                    .find(|s| s.starts_with(c))
            })
            .ok_or(SyntaxError {
                at: start,
                message: format!("`{c}` has no meaning in a condition"),
            })?;
        i += symbol.chars().count();
        out.push((start, Token::Symbol(symbol)));
    }
    if out.is_empty() {
        return Err(SyntaxError {
            at: 0,
            message: "the condition is empty".into(),
        });
    }
    Ok(out)
}

struct Parser<'a> {
    tokens: &'a [(usize, Token)],
    at: usize,
    /// The source's length, where "it ended too soon" points.
    end: usize,
    /// `not`s and parentheses open around the current place.
    depth: usize,
    comparisons: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(_, t)| t)
    }

    fn here(&self) -> usize {
        self.tokens
            .get(self.at)
            .map(|(at, _)| *at)
            .unwrap_or(self.end)
    }

    fn error<T>(&self, expected: &str) -> Result<T, SyntaxError> {
        let message = match self.peek() {
            Some(t) => format!("expected {expected}, found `{t}`"),
            None => format!("expected {expected}, but the condition ends"),
        };
        Err(SyntaxError {
            at: self.here(),
            message,
        })
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Token::Word(w)) if w == word) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn eat_symbol(&mut self, symbol: &str) -> bool {
        if matches!(self.peek(), Some(Token::Symbol(s)) if *s == symbol) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.and()?;
        while self.eat_word("or") {
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.unary()?;
        while self.eat_word("and") {
            left = Expr::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        let at = self.here();
        let nests = matches!(self.peek(), Some(Token::Symbol("(")))
            || matches!(self.peek(), Some(Token::Word(w)) if w == "not");
        if nests {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(SyntaxError {
                    at,
                    message: format!("`not` and parentheses nest more than {MAX_DEPTH} deep"),
                });
            }
        }
        let expr = if self.eat_word("not") {
            Expr::Not(Box::new(self.unary()?))
        } else if self.eat_symbol("(") {
            let inner = self.or()?;
            if !self.eat_symbol(")") {
                return self.error("`)`");
            }
            inner
        } else {
            return self.comparison();
        };
        self.depth -= 1;
        Ok(expr)
    }

    fn comparison(&mut self) -> Result<Expr, SyntaxError> {
        self.comparisons += 1;
        if self.comparisons > MAX_COMPARISONS {
            return Err(SyntaxError {
                at: self.here(),
                message: format!("more than {MAX_COMPARISONS} comparisons in one condition"),
            });
        }
        let subject = match self.peek() {
            Some(Token::Word(w)) if w == "variant" => Subject::Variant,
            Some(Token::Word(w)) if w == "size" => Subject::Size,
            Some(Token::Word(w)) if !RESERVED.contains(&w.as_str()) => Subject::Item(w.clone()),
            _ => return self.error("`variant`, `size` or a question's key"),
        };
        self.at += 1;
        if self.eat_word("in") {
            if !self.eat_symbol("[") {
                return self.error("`[`");
            }
            let mut values = vec![self.value()?];
            while self.eat_symbol(",") {
                if values.len() >= MAX_COMPARISONS {
                    return Err(SyntaxError {
                        at: self.here(),
                        message: format!("more than {MAX_COMPARISONS} values in one list"),
                    });
                }
                values.push(self.value()?);
            }
            if !self.eat_symbol("]") {
                return self.error("`,` or `]`");
            }
            return Ok(Expr::OneOf(subject, values));
        }
        let op = match self.peek() {
            Some(Token::Symbol("==" | "=")) => Op::Eq,
            Some(Token::Symbol("!=")) => Op::Ne,
            Some(Token::Symbol(">")) => Op::Gt,
            Some(Token::Symbol(">=")) => Op::Ge,
            Some(Token::Symbol("<")) => Op::Lt,
            Some(Token::Symbol("<=")) => Op::Le,
            _ => return self.error("`==`, `!=`, `>`, `>=`, `<`, `<=` or `in`"),
        };
        self.at += 1;
        Ok(Expr::Compare(subject, op, self.value()?))
    }

    fn value(&mut self) -> Result<Value, SyntaxError> {
        let value = match self.peek() {
            Some(Token::Number(n)) => Value::Number(*n),
            Some(Token::Text(t)) => Value::Text(t.clone()),
            Some(Token::Word(w)) if w == "na" => Value::NotApplicable,
            _ => return self.error("a level, `na` or a text in quotes"),
        };
        self.at += 1;
        Ok(value)
    }
}

/// Stored and sent as the text it was written as.
impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.source)
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let source = String::deserialize(deserializer)?;
        Condition::parse(&source).map_err(|e| serde::de::Error::custom(e.message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Given(HashMap<&'static str, Value>, &'static str);

    impl Facts for Given {
        fn value(&self, subject: &Subject) -> Option<Value> {
            match subject {
                Subject::Variant => Some(Value::Text("process".into())),
                Subject::Size => Some(Value::Text(self.1.into())),
                Subject::Item(key) => self.0.get(key.as_str()).cloned(),
            }
        }
    }

    fn given(answers: &[(&'static str, Value)], size: &'static str) -> Given {
        Given(answers.iter().cloned().collect(), size)
    }

    fn holds(condition: &str, facts: &Given) -> bool {
        Condition::parse(condition)
            .unwrap_or_else(|e| panic!("{condition}: {e:?}"))
            .holds(facts)
    }

    #[test]
    fn comparisons_look_at_variant_size_and_levels() {
        let facts = given(&[("data.collection", Value::Number(3))], "50-99");
        assert!(holds("variant == 'process'", &facts));
        assert!(holds("variant = \"process\"", &facts));
        assert!(!holds("variant != 'process'", &facts));
        assert!(holds("size in ['50-99', '200plus']", &facts));
        assert!(!holds("size in ['lt20']", &facts));
        assert!(holds("data.collection >= 3", &facts));
        assert!(holds("data.collection > 2 and data.collection < 4", &facts));
        assert!(!holds("data.collection <= 2", &facts));
        assert!(holds("data.collection in [3, 4, 5]", &facts));
    }

    #[test]
    fn and_binds_before_or_and_not_and_parentheses_change_it() {
        let facts = given(&[("a.x", Value::Number(1))], "lt20");
        // true or (false and false)
        assert!(holds("size == 'lt20' or a.x == 5 and a.x == 4", &facts));
        // (true or false) and false
        assert!(!holds("(size == 'lt20' or a.x == 5) and a.x == 4", &facts));
        assert!(holds("not a.x >= 2", &facts));
        assert!(!holds("not not a.x >= 2", &facts));
    }

    #[test]
    fn an_unanswered_or_not_applicable_question_is_no_level() {
        let facts = given(&[("a.na", Value::NotApplicable)], "lt20");
        assert!(!holds("a.none >= 1", &facts), "unanswered");
        assert!(!holds("a.none == na", &facts));
        assert!(!holds("a.none in [1, 2, 3, 4, 5]", &facts));
        assert!(holds("a.na == na", &facts));
        assert!(!holds("a.na >= 1", &facts));
        assert!(
            !holds("a.na < 5", &facts),
            "not applicable is not below a level"
        );
        assert!(holds("a.na != 3", &facts));
    }

    #[test]
    fn mistakes_say_what_was_expected_and_where() {
        for (source, at, words) in [
            ("", 0, "empty"),
            ("size ==", 7, "ends"),
            ("size = 'lt20", 7, "no closing"),
            ("data.x >> 3", 8, "expected a level"),
            ("data.x ≥ 3", 7, "no meaning"),
            ("(size == 'lt20'", 15, "`)`"),
            ("size in 'lt20'", 8, "`[`"),
            ("size in ['lt20' 'x']", 16, "`,` or `]`"),
            ("and == 3", 0, "question's key"),
            ("data.x == 3 data.y", 12, "unexpected"),
            ("data.x == 300", 10, "too large"),
        ] {
            let e = Condition::parse(source).expect_err(source);
            assert_eq!(e.at, at, "{source}: {e:?}");
            assert!(e.message.contains(words), "{source}: {e:?}");
        }
    }

    #[test]
    fn conditions_are_bounded_in_depth_and_length() {
        let nested = |n: usize| format!("{}size == 'lt20'{}", "(".repeat(n), ")".repeat(n));
        assert!(Condition::parse(&nested(MAX_DEPTH)).is_ok());
        let e = Condition::parse(&nested(100_000)).expect_err("too deep");
        assert_eq!(e.at, MAX_DEPTH, "{e:?}");
        assert!(Condition::parse(&"not ".repeat(100_000)).is_err());
        let chain = |n: usize| vec!["size == 'lt20'"; n].join(" or ");
        assert!(Condition::parse(&chain(MAX_COMPARISONS)).is_ok());
        assert!(Condition::parse(&chain(50_000))
            .expect_err("too long")
            .message
            .contains("comparisons"));
        let list = |n: usize| format!("size in [{}]", vec!["'lt20'"; n].join(", "));
        assert!(Condition::parse(&list(MAX_COMPARISONS)).is_ok());
        assert!(Condition::parse(&list(50_000)).is_err());
    }

    #[test]
    fn a_condition_is_stored_as_its_text() {
        let c = Condition::parse("  size in ['lt20'] ").expect("valid");
        let json = serde_json::to_string(&c).expect("serialises");
        assert_eq!(json, "\"size in ['lt20']\"");
        assert_eq!(serde_json::from_str::<Condition>(&json).expect("back"), c);
        assert!(serde_json::from_str::<Condition>("\"size ==\"").is_err());
        let both = Condition::parse("a.b > 1 or not size in ['lt20']").expect("valid");
        let names: Vec<&Subject> = both.comparisons().into_iter().map(|c| c.subject).collect();
        assert_eq!(names, [&Subject::Item("a.b".into()), &Subject::Size]);
    }
}
