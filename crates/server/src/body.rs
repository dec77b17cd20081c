//! The JSON body of a request, read as JSON Schema reads it: `20.0` is the integer 20 (the
//! OpenAPI document's `integer` admits it, and clients in JavaScript write numbers so), then
//! shaped into the handler's type. Failures answer the API's one error body.

use crate::error::{error_body, rejection};
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::{Number, Value};

/// A JSON request body of type `T`.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let axum::Json(mut value) = axum::Json::<Value>::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        integral(&mut value);
        // Every body is an object: serde would also fill a struct from an array, by position.
        let object = value.is_object();
        serde_json::from_value::<T>(value)
            .ok()
            .filter(|_| object)
            .map(Body)
            .ok_or_else(|| {
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                let (code, message) = rejection(status, "");
                (status, error_body(code, message)).into_response()
            })
    }
}

/// Turns every number with no fractional part that fits 64 bits into an integer.
fn integral(value: &mut Value) {
    match value {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            // Both bounds exact in f64: -2^63 fits, 2^63 does not.
            if f.fract() == 0.0
                && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f)
            {
                *n = Number::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral),
        Value::Object(fields) => fields.values_mut().for_each(integral),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn whole_floats_become_integers_and_others_stay() {
        let mut v = json!({"a": 20.0, "b": [-3.0, 1.5], "c": 1e300, "d": "20.0", "e": 7});
        integral(&mut v);
        assert_eq!(
            v,
            json!({"a": 20, "b": [-3, 1.5], "c": 1e300, "d": "20.0", "e": 7})
        );
        assert!(serde_json::from_value::<u32>(json!(20)).is_ok());
    }
}
