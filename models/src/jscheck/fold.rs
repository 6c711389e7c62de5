//! Folding the string expressions a checker can see through: literals, `+` concatenation, template
//! literals without holes, `String.fromCharCode(<numbers>)` and `[<strings>].join(<string>)`.
//!
//! Escapes need nothing here: the parser has already decoded `"\u0063onstructor"` and
//! `\u0065val` to their values. Anything computed at run time (a variable, a function call of
//! the game's own) does not fold, and the checker lets it pass: it is a gate, not the wall (see
//! the module docs of [`super`]).

use oxc::ast::ast::{Argument, ArrayExpressionElement, CallExpression, Expression};
use oxc::syntax::operator::BinaryOperator;

/// Longest string folded; beyond it the value cannot be a name we look for anyway.
const MAX_FOLD: usize = 256;

/// The string `e` always evaluates to, if it is built only from constants.
pub fn fold(e: &Expression<'_>) -> Option<String> {
    fold_depth(e, 0)
}

/// Whether `e` is built (concatenated, decoded from char codes, joined) rather than written out:
/// a plain `"constructor"` is reported by the caller under its own message.
pub fn is_built(e: &Expression<'_>) -> bool {
    match e.without_parentheses() {
        Expression::StringLiteral(_) => false,
        Expression::TemplateLiteral(t) => t.quasis.len() > 1,
        _ => true,
    }
}

fn fold_depth(e: &Expression<'_>, depth: u32) -> Option<String> {
    // A deep `"a" + "b" + ...` chain is a game's business; stop before the stack is.
    if depth > 64 {
        return None;
    }
    let out = match e.without_parentheses() {
        Expression::StringLiteral(s) => s.value.as_str().to_owned(),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => t
            .quasis
            .iter()
            .map(|q| q.value.cooked.as_ref().map(|c| c.as_str().to_owned()))
            .collect::<Option<String>>()?,
        Expression::NumericLiteral(n) => number_text(n.value)?,
        Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition => {
            let left = fold_depth(&b.left, depth + 1)?;
            let right = fold_depth(&b.right, depth + 1)?;
            // `1 + 2` is 3, not "12": only fold when one side is really a string.
            if !is_stringy(&b.left) && !is_stringy(&b.right) {
                return None;
            }
            left + &right
        }
        Expression::CallExpression(c) => fold_call(c, depth)?,
        _ => return None,
    };
    (out.len() <= MAX_FOLD).then_some(out)
}

/// Whether an operand of `+` is a string (so `+` concatenates).
fn is_stringy(e: &Expression<'_>) -> bool {
    match e.without_parentheses() {
        Expression::StringLiteral(_)
        | Expression::TemplateLiteral(_)
        | Expression::CallExpression(_) => true,
        Expression::BinaryExpression(b) => is_stringy(&b.left) || is_stringy(&b.right),
        _ => false,
    }
}

fn number_text(v: f64) -> Option<String> {
    (v.fract() == 0.0 && v.abs() < 1e15).then(|| format!("{}", v as i64))
}

fn static_call<'a, 'b>(c: &'b CallExpression<'a>) -> Option<(&'b Expression<'a>, &'b str)> {
    match c.callee.without_parentheses() {
        Expression::StaticMemberExpression(m) => Some((&m.object, m.property.name.as_str())),
        Expression::ComputedMemberExpression(m) => {
            let Expression::StringLiteral(s) = m.expression.without_parentheses() else {
                return None;
            };
            Some((&m.object, s.value.as_str()))
        }
        _ => None,
    }
}

fn arg_expr<'b, 'a>(a: &'b Argument<'a>) -> Option<&'b Expression<'a>> {
    a.as_expression()
}

fn fold_call(c: &CallExpression<'_>, depth: u32) -> Option<String> {
    let (object, method) = static_call(c)?;
    match (object.without_parentheses(), method) {
        // String.fromCharCode(99, 111, ...)
        (Expression::Identifier(id), "fromCharCode" | "fromCodePoint") if id.name == "String" => {
            let mut out = String::new();
            for a in &c.arguments {
                let Expression::NumericLiteral(n) = arg_expr(a)?.without_parentheses() else {
                    return None;
                };
                out.push(char::from_u32(n.value as u32)?);
            }
            Some(out)
        }
        // ["con", "structor"].join("")
        (Expression::ArrayExpression(arr), "join") => {
            let sep = match c.arguments.first() {
                Some(a) => fold_depth(arg_expr(a)?, depth + 1)?,
                None => ",".to_owned(),
            };
            let parts = arr
                .elements
                .iter()
                .map(|el| match el {
                    ArrayExpressionElement::SpreadElement(_)
                    | ArrayExpressionElement::Elision(_) => None,
                    other => fold_depth(other.as_expression()?, depth + 1),
                })
                .collect::<Option<Vec<String>>>()?;
            Some(parts.join(&sep))
        }
        // "rotcurtsnoc".split("").reverse().join("") is left to the sandbox.
        _ => None,
    }
}
