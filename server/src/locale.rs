//! Middleware that settles the request's language before anything renders: the result of
//! `app::locale::negotiate` replaces `Accept-Language`, which is what the page's i18n
//! context reads on the server.

use app::locale::{locale_tag, negotiate, LOCALE_COOKIE};
use app::server::auth::request::cookie;
use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

pub async fn negotiate_language(mut request: Request, next: Next) -> Response {
    let headers = request.headers();
    let cookie = cookie(headers, LOCALE_COOKIE);
    let accept = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let locale = negotiate(cookie, accept);
    request.headers_mut().insert(
        ACCEPT_LANGUAGE,
        HeaderValue::from_static(locale_tag(locale)),
    );
    next.run(request).await
}
