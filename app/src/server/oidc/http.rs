//! The async HTTP client calls to the provider, with their errors as one line each.

use serde::de::DeserializeOwned;

/// Sends `request` and decodes a JSON answer; any failure as text for the log.
pub async fn fetch_json<T: DeserializeOwned>(
    request: reqwest::RequestBuilder,
) -> Result<T, String> {
    let response = request
        .send()
        .await
        .map_err(|e| format!("request failed: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        let body = response.text().await.unwrap_or_default();
        let body: String = body.chars().take(300).collect();
        return Err(format!("provider answered {status}: {body}"));
    }
    response
        .json::<T>()
        .await
        .map_err(|e| format!("unreadable answer: {e}"))
}
