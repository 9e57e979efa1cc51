//! Queries put together at run time (filters, id lists) without numbering placeholders
//! by hand: binding a value writes its own `$n`. (sqlx's `QueryBuilder` writes `?` through
//! the `Any` driver, which PostgreSQL refuses, so the store keeps this small one.)

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::QueryAs;
use sqlx::{Any, FromRow};
use std::fmt::Write;

/// A value bound to a built query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// An integer (ids, instants).
    Int(i64),
    /// Text.
    Text(String),
}

impl From<i64> for Value {
    fn from(value: i64) -> Self {
        Self::Int(value)
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

/// SQL text and the values bound to it, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    /// Starts with `text` (which binds nothing).
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            values: Vec::new(),
        }
    }

    /// Appends `text`.
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Binds `value`, writing its placeholder here.
    pub fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        write!(self.text, "${}", self.values.len()).expect("writing to a String cannot fail");
        self
    }

    /// Binds each of `values`, writing their placeholders separated by commas (for `IN`).
    pub fn bind_list<V: Into<Value>>(&mut self, values: impl IntoIterator<Item = V>) -> &mut Self {
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(value);
        }
        self
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The query, its values bound, reading rows as `T`.
    pub fn query_as<T>(&self) -> QueryAs<'_, Any, T, AnyArguments<'_>>
    where
        T: for<'r> FromRow<'r, AnyRow>,
    {
        self.values
            .iter()
            .fold(sqlx::query_as(&self.text), |query, value| match value {
                Value::Int(v) => query.bind(*v),
                Value::Text(v) => query.bind(v.as_str()),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bound_value_gets_the_next_placeholder() {
        let mut sql = Sql::new("SELECT 1 WHERE a = ");
        sql.bind(7)
            .push(" AND b IN (")
            .bind_list([1, 2, 3])
            .push(") AND c = ")
            .bind("x");
        assert_eq!(
            sql.text(),
            "SELECT 1 WHERE a = $1 AND b IN ($2, $3, $4) AND c = $5"
        );
        assert_eq!(sql.values.len(), 5);
        assert_eq!(sql.values[4], Value::Text("x".into()));
    }
}
