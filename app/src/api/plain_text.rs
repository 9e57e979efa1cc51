//! The first page's reads answer in plain text, not JSON: the landing page asks the server
//! two things (when the next table starts, whether the visitor is signed in), and decoding
//! them with serde_json would put its generic decoders and the whole error vocabulary's
//! (≈ 39 KiB gzip, measured) into the main wasm module every visitor downloads. A type that goes
//! this way is written with `Display` and read back with `FromStr`, and its failures are
//! the framework's `ServerFnError` (a text encoding too), carrying `AppError`'s message.

use crate::error::AppError;
use leptos::prelude::ServerFnError;
use leptos::server_fn::{ContentType, Decodes, Encodes, Format, FormatType};
use std::fmt::Display;
use std::str::FromStr;

/// Plain UTF-8 text: `Display` out, `FromStr` in.
pub struct PlainText;

impl ContentType for PlainText {
    const CONTENT_TYPE: &'static str = "text/plain; charset=utf-8";
}

impl FormatType for PlainText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Display> Encodes<T> for PlainText {
    type Error = std::convert::Infallible;

    fn encode(output: &T) -> Result<leptos::server_fn::Bytes, Self::Error> {
        Ok(leptos::server_fn::Bytes::from(output.to_string()))
    }
}

impl<T: FromStr> Decodes<T> for PlainText {
    type Error = &'static str;

    fn decode(bytes: leptos::server_fn::Bytes) -> Result<T, Self::Error> {
        std::str::from_utf8(&bytes)
            .ok()
            .and_then(|text| text.parse().ok())
            .ok_or("not the expected plain-text answer")
    }
}

/// The server-function codec: arguments and answer in a `POST` body, as plain text.
pub type Text = leptos::server_fn::codec::Post<PlainText>;

/// An `AppError` as the framework error these reads return (its message only: `AppError`
/// never carries internals).
pub fn framework_error(error: AppError) -> ServerFnError {
    ServerFnError::ServerError(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_garbage_is_refused() {
        let bytes = <PlainText as Encodes<i64>>::encode(&-42).unwrap();
        assert_eq!(<PlainText as Decodes<i64>>::decode(bytes), Ok(-42));
        let bytes = leptos::server_fn::Bytes::from_static(b"yes");
        assert!(<PlainText as Decodes<bool>>::decode(bytes).is_err());
        let bytes = leptos::server_fn::Bytes::from_static(&[0xff, 0xfe]);
        assert!(<PlainText as Decodes<i64>>::decode(bytes).is_err());
    }
}
