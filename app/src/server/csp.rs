//! The Content-Security-Policy of every page: scripts only from this site or carrying the
//! render's nonce (Leptos puts it on its hydration and resource scripts; no
//! `unsafe-inline` script runs), WebAssembly allowed to compile, connections to this
//! site (and the LiveKit server when configured), forms sent to this site (whose answer
//! may redirect to the Google sign-in provider when configured: browsers hold a form's
//! redirects to `form-action` too), and no framing by anyone.

/// The policy for a page rendered with `nonce`, connecting to `media_server` (the
/// LiveKit URL, `wss://…`) besides this site, with forms that may end at
/// `sign_in_provider` (the OpenID issuer).
pub fn page_policy(
    nonce: &str,
    media_server: Option<&str>,
    sign_in_provider: Option<&str>,
) -> String {
    let mut connect = String::from("'self'");
    if let Some(url) = media_server {
        // LiveKit's client talks to the server over WebSocket and over HTTP.
        let http = url
            .replacen("wss://", "https://", 1)
            .replacen("ws://", "http://", 1);
        connect.push_str(&format!(" {url} {http}"));
    }
    let mut forms = String::from("'self'");
    if let Some(origin) = sign_in_provider.and_then(origin_of) {
        forms.push(' ');
        forms.push_str(origin);
    }
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
         connect-src {connect}; media-src 'self' blob:; object-src 'none'; \
         base-uri 'none'; form-action {forms}; frame-ancestors 'none'"
    )
}

/// `scheme://host[:port]` of `url`.
fn origin_of(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    let end = scheme.len() + 3 + rest.find('/').unwrap_or(rest.len());
    Some(&url[..end])
}

/// For responses that are not pages (or a page rendered without a nonce): nothing may
/// frame them.
pub const FALLBACK_POLICY: &str = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_need_the_nonce_and_nothing_frames_a_page() {
        let policy = page_policy("n0nce", None, None);
        assert!(policy.contains("script-src 'self' 'nonce-n0nce' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("'unsafe-inline' 'nonce"), "{policy}");
        let script_src = policy
            .split(';')
            .find(|d| d.trim_start().starts_with("script-src"))
            .unwrap();
        assert!(!script_src.contains("unsafe-inline"), "{script_src}");
        assert!(policy.ends_with("frame-ancestors 'none'"));
        assert!(policy.contains("connect-src 'self';"));
        assert!(policy.contains("form-action 'self';"));
    }

    #[test]
    fn forms_may_end_at_the_sign_in_provider() {
        let policy = page_policy("n", None, Some("https://accounts.google.com"));
        assert!(policy.contains("form-action 'self' https://accounts.google.com;"));
        let keycloak = page_policy("n", None, Some("https://login.example:8443/realms/school"));
        assert!(
            keycloak.contains("form-action 'self' https://login.example:8443;"),
            "{keycloak}"
        );
    }

    #[test]
    fn the_media_server_may_be_reached_over_both_of_its_schemes() {
        let policy = page_policy("n", Some("wss://lk.example"), None);
        assert!(policy.contains("connect-src 'self' wss://lk.example https://lk.example;"));
        let local = page_policy("n", Some("ws://127.0.0.1:7880"), None);
        assert!(local.contains("ws://127.0.0.1:7880 http://127.0.0.1:7880;"));
    }
}
