//! Shared fixtures for tests about tables: an app in test mode, a slot safely ahead, and
//! typed calls to the real endpoints that answer with the API's own types.

use crate::harness::{spawn_app_with, TestApp};
use app::api::table_types::MatchOutcome;
use app::domain::schedule::slot_floor;
use app::domain::time::{Timestamp, DAY_MS};
use app::error::AppError;
use serde::de::DeserializeOwned;

/// An answer: the endpoint's own type, or its status with the error it sent.
pub type Answer<T> = Result<T, (u16, AppError)>;

/// A slot start two days ahead (tables made now stay valid), aligned to :00/:30.
pub fn slot_ahead(app: &TestApp) -> Timestamp {
    slot_floor(app.state.clock.now().plus_millis(2 * DAY_MS))
}

/// An app whose clock the tests move (`FOCUS_TEST_MODE`).
pub async fn test_app() -> TestApp {
    spawn_app_with(&[("FOCUS_TEST_MODE", "1")]).await
}

impl TestApp {
    /// Calls server function `endpoint` like [`TestApp::call`] and decodes the answer.
    pub async fn answer<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> Answer<T> {
        let resp = self.call(endpoint, cookie, form).await;
        let status = resp.status().as_u16();
        let body = resp.text().await.expect("the answer has a body");
        if status == 200 {
            Ok(serde_json::from_str(&body)
                .unwrap_or_else(|err| panic!("{endpoint} answered {body}: {err}")))
        } else {
            let error = serde_json::from_str(&body)
                .unwrap_or_else(|err| panic!("{endpoint} failed with {status} {body}: {err}"));
            Err((status, error))
        }
    }

    /// Quick match for the student with `cookie`; `extra` form fields replace the defaults
    /// (audio, English).
    pub async fn quick_match(&self, cookie: &str, extra: &[(&str, &str)]) -> Answer<MatchOutcome> {
        let mut form: Vec<(&str, &str)> = vec![("mode", "audio"), ("language", "en")];
        for (k, v) in extra {
            form.retain(|(key, _)| key != k);
            form.push((k, v));
        }
        self.answer("quick_match", Some(cookie), &form).await
    }

    /// Quick match that must succeed.
    pub async fn matched(&self, cookie: &str, extra: &[(&str, &str)]) -> MatchOutcome {
        match self.quick_match(cookie, extra).await {
            Ok(outcome) => outcome,
            Err((status, error)) => panic!("quick match refused with {status}: {error:?}"),
        }
    }
}
