//! Server-rendered pages, languages and the 404 page.

use crate::harness::spawn_app;

#[tokio::test]
async fn landing_page_renders_in_english_by_default() {
    let app = spawn_app().await;
    let resp = app.get("/").await;
    assert_eq!(resp.status(), 200);
    let html = resp.text().await.unwrap();
    assert!(html.contains(r#"lang="en""#), "{html}");
    assert!(html.contains("Find my table"));
    assert!(html.contains("How a session works"));
    assert!(html.contains("Next tables start in"));
    assert!(html.contains("<title>Focus Squad — study together, on time</title>"));
}

#[tokio::test]
async fn accept_language_picks_traditional_chinese() {
    let app = spawn_app().await;
    let html = app
        .page_with("/", &[("accept-language", "zh-TW,zh;q=0.9,en;q=0.8")])
        .await;
    assert!(html.contains(r#"lang="zh-TW""#));
    assert!(html.contains("幫我找位子"));
    assert!(!html.contains("Find my table"));
}

#[tokio::test]
async fn other_traditional_chinese_tags_and_quality_values_are_honoured() {
    let app = spawn_app().await;
    for (header, expected) in [
        ("zh-Hant-HK", "幫我找位子"),
        ("fr-FR, zh-TW;q=0.9, en;q=0.8", "幫我找位子"),
        ("zh-CN, en;q=0.5", "Find my table"),
        ("de", "Find my table"),
    ] {
        let html = app.page_with("/", &[("accept-language", header)]).await;
        assert!(html.contains(expected), "{header}: expected {expected}");
    }
}

#[tokio::test]
async fn the_language_cookie_wins_over_accept_language() {
    let app = spawn_app().await;
    let html = app
        .page_with(
            "/",
            &[
                ("accept-language", "en-US,en;q=0.9"),
                ("cookie", "i18n_pref_locale=zh-TW"),
            ],
        )
        .await;
    assert!(html.contains("幫我找位子"));
}

#[tokio::test]
async fn language_route_sets_the_cookie_and_returns_to_a_local_page() {
    let app = spawn_app().await;
    let resp = app.get("/lang/zh-TW?next=/some/page").await;
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()["location"], "/some/page");
    let cookie = resp.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("i18n_pref_locale=zh-TW;"), "{cookie}");
    assert!(cookie.contains("Path=/") && cookie.contains("SameSite=Lax"));

    let resp = app.get("/lang/en?next=//evil.example").await;
    assert_eq!(resp.headers()["location"], "/");

    // Without `next`, back to the page the link was on (same site only).
    let host = app.base.trim_start_matches("http://");
    let from = |referer: String| {
        app.client
            .get(format!("{}/lang/zh-TW", app.base))
            .header("referer", referer)
            .send()
    };
    let resp = from(format!("http://{host}/no/such/page")).await.unwrap();
    assert_eq!(resp.headers()["location"], "/no/such/page");
    let resp = from("https://evil.example/phish".to_owned()).await.unwrap();
    assert_eq!(resp.headers()["location"], "/");
    assert_eq!(app.get("/lang/fr").await.status(), 404);
}

#[tokio::test]
async fn unknown_pages_answer_404_with_a_friendly_page() {
    let app = spawn_app().await;
    let resp = app.get("/definitely/not/here").await;
    assert_eq!(resp.status(), 404);
    let html = resp.text().await.unwrap();
    assert!(html.contains("This page wandered off"), "{html}");
}

/// Starting a server works out its pages by rendering the app with data loading switched
/// off for the whole process; a page another server is rendering meanwhile must still get
/// its data (servers in one process share one list of pages, worked out once). Before,
/// about one page in this loop waited forever for its data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_while_other_servers_start() {
    let app = spawn_app().await;
    let state = app.state.clone();
    let starting = tokio::task::spawn_blocking(move || {
        for _ in 0..300 {
            drop(server::router(state.clone()));
        }
    });
    for _ in 0..60 {
        let resp = app.get("/").await;
        assert_eq!(resp.status(), 200);
        assert!(resp.text().await.unwrap().contains("Next tables start in"));
    }
    starting.await.unwrap();
}
