//! A refusal of bad input that the UI can word in the manager's language: a stable key, the
//! English template next to the code that raises it, and the values the sentence names.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::CoreError;

/// Bad input, by key: `Display` fills the English template, the UI looks the key up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// Stable dotted key grouped by area, e.g. `events.capacityTaken`.
    pub key: &'static str,
    /// The English sentence with `{name}` placeholders (the one source of English).
    pub template: &'static str,
    /// The values for the placeholders, in the order the site names them.
    pub args: Vec<(&'static str, InvalidArg)>,
}

/// One value named by a refusal: text as the user typed or the store holds it, or the reason
/// of a nested refusal (e.g. why the planned amount of a budget line was refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidArg {
    /// Plain text, shown as it is in every language (names, numbers, dates).
    Text(String),
    /// A refusal inside this one, worded in the UI's language too.
    Reason(Box<Invalid>),
}

impl Invalid {
    /// A refusal; prefer the `invalid!` macro, which builds this and the error around it.
    pub fn new(
        key: &'static str,
        template: &'static str,
        args: Vec<(&'static str, InvalidArg)>,
    ) -> Self {
        Self {
            key,
            template,
            args,
        }
    }

    /// The text of the named value, when the refusal has it as plain text.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find_map(|(n, v)| match v {
            InvalidArg::Text(text) if *n == name => Some(text.as_str()),
            _ => None,
        })
    }

    /// What the UI receives: the key and the values by name.
    pub fn detail(&self) -> ErrorDetail {
        ErrorDetail {
            key: self.key.to_owned(),
            args: self
                .args
                .iter()
                .map(|(name, value)| {
                    let value = match value {
                        InvalidArg::Text(text) => DetailArg::Text(text.clone()),
                        InvalidArg::Reason(inner) => DetailArg::Reason(Box::new(inner.detail())),
                    };
                    ((*name).to_owned(), value)
                })
                .collect(),
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fill(self.template, f, |name, f| {
            match self.args.iter().find(|(n, _)| *n == name) {
                Some((_, InvalidArg::Text(text))) => f.write_str(text),
                Some((_, InvalidArg::Reason(inner))) => write!(f, "{inner}"),
                None => write!(f, "{{{name}}}"),
            }
        })
    }
}

/// Writes `template` with each `{name}` replaced by `value`; `{{` and `}}` are literal braces,
/// as in `format!`, so a template reads exactly like the sentence it replaced.
pub(crate) fn fill(
    template: &str,
    f: &mut fmt::Formatter<'_>,
    mut value: impl FnMut(&str, &mut fmt::Formatter<'_>) -> fmt::Result,
) -> fmt::Result {
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        f.write_str(&rest[..at])?;
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            f.write_str(&tail[..1])?;
            rest = &tail[2..];
        } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            value(&tail[1..end], f)?;
            rest = &tail[end + 1..];
        } else {
            f.write_str(&tail[..1])?;
            rest = &tail[1..];
        }
    }
    f.write_str(rest)
}

/// A keyed message as the UI receives it, next to the error's code and English message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    /// The key of the sentence in the UI's catalogues, e.g. `events.capacityTaken`.
    pub key: String,
    /// The values for the sentence's `{name}` placeholders.
    pub args: BTreeMap<String, DetailArg>,
}

/// A value in a keyed message: text as it is, or a nested keyed reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum DetailArg {
    /// Shown as it is in every language.
    Text(String),
    /// Worded in the UI's language like the message around it.
    Reason(Box<ErrorDetail>),
}

/// The key of the "not found" sentence for a kind of record: `ticket type` → `notFound.ticketType`.
pub fn not_found_key(what: &str) -> String {
    let mut key = String::from("notFound.");
    let mut upper = false;
    for c in what.chars() {
        if c.is_alphanumeric() {
            key.extend(if upper {
                c.to_uppercase().collect::<Vec<_>>()
            } else {
                vec![c]
            });
            upper = false;
        } else {
            upper = true;
        }
    }
    key
}

/// "row" or "rows" for a count of file rows, keyed so the UI words it in its language.
pub fn rows_noun(count: usize) -> Invalid {
    if count == 1 {
        crate::invalid_reason!("csv.row", "row")
    } else {
        crate::invalid_reason!("csv.rows", "rows")
    }
}

impl CoreError {
    /// The keyed form of this error for the UI, when it has one.
    pub fn detail(&self) -> Option<ErrorDetail> {
        match self {
            CoreError::InvalidInput(invalid) => Some(invalid.detail()),
            CoreError::NotFound { what, id } => Some(ErrorDetail {
                key: not_found_key(what),
                args: BTreeMap::from([("id".to_owned(), DetailArg::Text(id.clone()))]),
            }),
            _ => None,
        }
    }

    /// The refusal inside, when this is bad input.
    pub fn invalid(&self) -> Option<&Invalid> {
        match self {
            CoreError::InvalidInput(invalid) => Some(invalid),
            _ => None,
        }
    }
}

impl From<Invalid> for CoreError {
    fn from(invalid: Invalid) -> Self {
        CoreError::InvalidInput(invalid)
    }
}

/// Wraps a value named by `invalid!` so the macro can tell refusals (nested, keyed) from text.
#[doc(hidden)]
pub struct ArgOf<'a, T: ?Sized>(pub &'a T);

/// Refusals and errors named by a refusal stay keyed (chosen before `TextArg` by autoref).
#[doc(hidden)]
pub trait ReasonArg {
    /// The value as a nested reason.
    fn to_invalid_arg(&self) -> InvalidArg;
}

impl ReasonArg for ArgOf<'_, Invalid> {
    fn to_invalid_arg(&self) -> InvalidArg {
        InvalidArg::Reason(Box::new(self.0.clone()))
    }
}

impl ReasonArg for ArgOf<'_, CoreError> {
    fn to_invalid_arg(&self) -> InvalidArg {
        match self.0 {
            CoreError::InvalidInput(invalid) => InvalidArg::Reason(Box::new(invalid.clone())),
            other => InvalidArg::Text(other.to_string()),
        }
    }
}

/// Anything else is shown as its `Display` text.
#[doc(hidden)]
pub trait TextArg {
    /// The value as text.
    fn to_invalid_arg(&self) -> InvalidArg;
}

impl<T: fmt::Display + ?Sized> TextArg for &ArgOf<'_, T> {
    fn to_invalid_arg(&self) -> InvalidArg {
        InvalidArg::Text(self.0.to_string())
    }
}

/// Bad input by key: `invalid!("events.capacityTaken", "{taken} members already hold seats, so
/// capacity cannot go down to {capacity}", taken = n, capacity)` is a `CoreError::InvalidInput`
/// whose message is the template filled in. An argument named alone is a variable of that name.
/// Every key and template is listed for the UI by the `error_keys` test.
#[macro_export]
macro_rules! invalid {
    ($key:literal, $template:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::CoreError::InvalidInput($crate::invalid_reason!(
            $key, $template $(, $name $(= $value)?)*
        ))
    };
}

/// The `Invalid` itself (not wrapped in a `CoreError`), for errors that carry a refusal.
#[macro_export]
macro_rules! invalid_reason {
    ($key:literal, $template:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::error::{ReasonArg as _, TextArg as _};
        $crate::error::Invalid::new(
            $key,
            $template,
            ::std::vec![$((
                ::std::stringify!($name),
                $crate::__invalid_arg!($name $(= $value)?),
            )),*],
        )
    }};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __invalid_arg {
    ($name:ident = $value:expr) => {
        (&$crate::error::ArgOf(&$value)).to_invalid_arg()
    };
    ($name:ident) => {
        (&$crate::error::ArgOf(&$name)).to_invalid_arg()
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_is_the_template_filled_in() {
        let (taken, capacity) = (12, 10);
        let error = crate::invalid!(
            "events.capacityTaken",
            "{taken} members already hold seats, so capacity cannot go down to {capacity}",
            taken,
            capacity = capacity
        );
        assert_eq!(
            error.to_string(),
            "12 members already hold seats, so capacity cannot go down to 10"
        );
        let detail = error.detail().expect("keyed");
        assert_eq!(detail.key, "events.capacityTaken");
        assert_eq!(detail.args["taken"], DetailArg::Text("12".to_owned()));
    }

    #[test]
    fn a_nested_refusal_stays_keyed() {
        let amount = crate::invalid!("money.empty", "enter an amount");
        let error = crate::invalid!("budget.planned", "planned: {reason}", reason = amount);
        assert_eq!(error.to_string(), "planned: enter an amount");
        let detail = error.detail().expect("keyed");
        let DetailArg::Reason(inner) = &detail.args["reason"] else {
            panic!("{detail:?} should nest the reason");
        };
        assert_eq!(inner.key, "money.empty");
    }

    #[test]
    fn braces_are_written_as_format_writes_them() {
        let error = crate::invalid!("test.braces", "{{literal}} and {x}", x = "y");
        assert_eq!(error.to_string(), "{literal} and y");
    }

    #[test]
    fn not_found_keys_are_camel_case() {
        assert_eq!(not_found_key("ticket type"), "notFound.ticketType");
        assert_eq!(not_found_key("member"), "notFound.member");
    }
}
