//! The one serializer per request shape: an SDK request (`WriteCampaignRequest`,
//! `WriteSegmentRequest`) as the JSON the SDK puts on the wire, with the service model's member
//! names. The SDK types do not implement `Serialize`, and its own serializer is private to it,
//! so this mirrors it: a member is written when it is set (`None` is absent, never `null`; an
//! empty list is `[]`), integers as integers, doubles as floats (`NaN` and the infinities as
//! the strings Smithy writes).
//!
//! Drafts never write JSON themselves: the JSON view, "copy as aws pinpoint command", the
//! version diff, the segment sizes and the audience estimate all take the draft's request
//! (built once, in `campaign::request` / `segment::request`) through these functions, so they
//! show and send what a save sends.

pub mod campaign;
pub mod inapp;
pub mod journey;
pub mod segment;

#[cfg(test)]
mod sdk_wire;

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{
    AttributeDimension, AttributeType, DimensionType, MetricDimension, SetDimension,
};
use serde_json::{Map, Value};

/// One JSON object under construction, member by member; an unset member is skipped.
#[derive(Debug, Default)]
struct Object(Map<String, Value>);

impl Object {
    fn new() -> Self {
        Self::default()
    }

    /// Any member, written by `shape` when set.
    fn member<T: ?Sized>(mut self, name: &str, v: Option<&T>, shape: impl Fn(&T) -> Value) -> Self {
        if let Some(v) = v {
            self.0.insert(name.to_owned(), shape(v));
        }
        self
    }

    /// A string (or an enum's wire value).
    fn string(self, name: &str, v: Option<&str>) -> Self {
        self.member(name, v, |s| Value::from(s))
    }

    /// An `__integer`.
    fn integer(self, name: &str, v: Option<i32>) -> Self {
        self.member(name, v.as_ref(), |n| Value::from(*n))
    }

    /// A `__double`.
    fn double(self, name: &str, v: Option<f64>) -> Self {
        self.member(name, v.as_ref(), |n| double(*n))
    }

    /// A `__boolean`.
    fn boolean(self, name: &str, v: Option<bool>) -> Self {
        self.member(name, v.as_ref(), |b| Value::from(*b))
    }

    /// A list, each item written by `item`.
    fn list<T>(self, name: &str, v: Option<&Vec<T>>, item: impl Fn(&T) -> Value) -> Self {
        self.member(name, v, |items| Value::Array(items.iter().map(&item).collect()))
    }

    /// A map of string keys, each value written by `item`.
    fn map<T>(
        self,
        name: &str,
        v: Option<&HashMap<String, T>>,
        item: impl Fn(&T) -> Value,
    ) -> Self {
        self.member(name, v, |m| {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), item(v))).collect())
        })
    }

    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

/// A double as Smithy writes it: a float, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
fn double(n: f64) -> Value {
    if n.is_nan() {
        Value::from("NaN")
    } else if n.is_infinite() {
        Value::from(if n > 0.0 { "Infinity" } else { "-Infinity" })
    } else {
        Value::from(n)
    }
}

/// A string map (`tags`).
fn strings(m: &HashMap<String, String>) -> Value {
    Value::Object(m.iter().map(|(k, v)| (k.clone(), Value::from(v.as_str()))).collect())
}

/// A list of strings.
fn string_list(items: &[String]) -> Value {
    Value::Array(items.iter().map(|s| Value::from(s.as_str())).collect())
}

/// `SetDimension` (segment demographics and location, a campaign's event types).
fn set_dimension(d: &SetDimension) -> Value {
    Object::new()
        .string("DimensionType", d.dimension_type.as_ref().map(DimensionType::as_str))
        .member("Values", d.values.as_deref(), string_list)
        .done()
}

/// `AttributeDimension` (segment attributes, a campaign's event attributes).
fn attribute_dimension(d: &AttributeDimension) -> Value {
    Object::new()
        .string("AttributeType", d.attribute_type.as_ref().map(AttributeType::as_str))
        .member("Values", d.values.as_deref(), string_list)
        .done()
}

/// `MetricDimension` (segment metrics, a campaign's event metrics).
fn metric_dimension(d: &MetricDimension) -> Value {
    Object::new()
        .string("ComparisonOperator", d.comparison_operator.as_deref())
        .double("Value", d.value)
        .done()
}
