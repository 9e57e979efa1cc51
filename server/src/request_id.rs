//! Request ids: every request gets an `x-request-id` (kept when the client or a proxy sent
//! one), echoed in the response and attached to every log line of the request.

use axum::http::{HeaderName, Request};
use tower_http::request_id::{MakeRequestId, RequestId};

/// The header that carries the id.
pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Makes random 16-hex-digit ids.
#[derive(Clone, Copy, Default)]
pub struct RandomId;

impl MakeRequestId for RandomId {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        app::server::secrets::random_hex(8)
            .parse()
            .ok()
            .map(RequestId::new)
    }
}

/// The tracing span of a request, carrying its id.
pub fn span_for<B>(request: &Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get(&HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %request.uri().path()
    )
}
