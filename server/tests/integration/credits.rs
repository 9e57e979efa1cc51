//! Credits: the rolling weekly refresh, gifts, referral codes and awards, the admin's tier
//! setting, and idempotent retries.

use crate::fixtures::test_app;
use crate::harness::{spawn_app_with, TestApp};
use app::domain::schedule::slot_floor;
use app::domain::time::{Timestamp, DAY_MS, MINUTE_MS};
use app::server::sql::HUMAN;
use serde_json::Value;

async fn json(app: &TestApp, endpoint: &str, cookie: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let resp = app.call(endpoint, Some(cookie), form).await;
    (
        resp.status().as_u16(),
        resp.json().await.unwrap_or(Value::Null),
    )
}

async fn cycle_start(app: &TestApp, user: i64) -> Timestamp {
    let (at,): (i64,) =
        sqlx::query_as("SELECT cycle_start FROM credit_accounts WHERE user_id = $1")
            .bind(user)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    Timestamp::from_unix_millis(at)
}

#[tokio::test]
async fn the_weekly_refresh_rolls_over_up_to_twice_the_allotment() {
    let app = test_app().await;
    let (mei, cookie) = app.member("mei").await;
    let start = cycle_start(&app, mei).await;
    let credits = || {
        let (app, cookie) = (&app, cookie.clone());
        async move { json(app, "credits", &cookie, &[]).await.1 }
    };
    let overview = credits().await;
    assert_eq!(overview["balance"], 2);
    assert_eq!(overview["tier"], "free");
    assert_eq!(
        overview["next_refresh_at"],
        start.plus_millis(7 * DAY_MS).unix_millis()
    );
    // Nothing spent: a week later the balance is capped at 4, not 2 + 2 + 2.
    app.set_now(start.plus_millis(7 * DAY_MS));
    assert_eq!(credits().await["balance"], 4);
    app.set_now(start.plus_millis(14 * DAY_MS + 1));
    assert_eq!(credits().await["balance"], 4);
    // Spend one, then the next refresh tops up to the cap again.
    let slot = slot_floor(start.plus_millis(15 * DAY_MS));
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    app.matched(&cookie, &[]).await;
    assert_eq!(app.balance(mei).await, 3);
    // The scheduler's sweep refreshes without anyone asking.
    app.set_now(start.plus_millis(21 * DAY_MS));
    assert_eq!(app.tick().await.refreshed, 1);
    assert_eq!(app.balance(mei).await, 4);
    assert_eq!(app.tick().await.refreshed, 0);
    // Grants are ledger rows, one per cycle at most.
    let (grants,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM credit_ledger WHERE user_id = $1 AND kind = 'weekly_grant'",
    )
    .bind(mei)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!(grants, 3); // joining (2), week 1 (+2), week 3 (+1)
}

#[tokio::test]
async fn gifts_need_a_paid_plan_stay_within_four_a_week_and_move_credits_atomically() {
    let app = test_app().await;
    let (pro, pro_cookie) = app.member("pro").await;
    let (friend, friend_cookie) = app.member("friend").await;
    let gift = |cookie: &str, to: &str, amount: &str| {
        let (cookie, to, amount) = (cookie.to_owned(), to.to_owned(), amount.to_owned());
        let app = &app;
        async move {
            json(
                app,
                "gift_credits",
                &cookie,
                &[("to", &to), ("amount", &amount)],
            )
            .await
        }
    };
    // Free members cannot gift.
    let (status, body) = gift(&friend_cookie, "pro", "1").await;
    assert_eq!(
        (status, &body["refused"]["reason"]),
        (409, &Value::from("gift_tier"))
    );
    app::server::credits::transfers::set_tier(
        &app.state.db,
        pro,
        "pro",
        app::domain::credits::Tier::Pro,
        None,
        app.state.clock.now(),
    )
    .await
    .unwrap();
    assert_eq!(app.balance(pro).await, 8);
    let (status, body) = gift(&pro_cookie, "@Friend", "3").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (
            body["amount"].as_i64(),
            body["to"].as_str(),
            body["balance"].as_i64()
        ),
        (Some(3), Some("friend"), Some(5))
    );
    assert_eq!((app.balance(pro).await, app.balance(friend).await), (5, 5));
    let (status, body) = gift(&pro_cookie, "friend", "2").await;
    assert_eq!(status, 409);
    assert_eq!(body["refused"]["reason"]["gift_limit"]["remaining"], 1);
    for (to, amount, field) in [("nobody", "1", "to"), ("friend", "0", "amount")] {
        let (status, body) = gift(&pro_cookie, to, amount).await;
        assert_eq!(
            (status, &body["invalid"]["field"]),
            (422, &Value::from(field))
        );
    }
    let (status, body) = gift(&pro_cookie, "pro", "1").await;
    assert_eq!(
        (status, &body["refused"]["reason"]),
        (409, &Value::from("gift_self"))
    );
    // A week later the allowance is back.
    app.advance(7 * DAY_MS + 1);
    assert_eq!(gift(&pro_cookie, "friend", "4").await.0, 200);
    // The history names the other side.
    let (_, overview) = json(&app, "credits", &friend_cookie, &[]).await;
    let lines = overview["history"].as_array().unwrap();
    assert!(lines
        .iter()
        .any(|l| l["kind"] == "gift_received" && l["counterparty"] == "pro" && l["amount"] == 4));
}

#[tokio::test]
async fn referral_codes_apply_once_and_pay_both_sides_after_a_first_completed_session() {
    use app::server::tables::presence;
    let app = test_app().await;
    let (host, host_cookie) = app.member("host").await;
    let (newbie, newbie_cookie) = app.member("newbie").await;
    let (_, code_owner_view) = json(&app, "credits", &host_cookie, &[]).await;
    let code = code_owner_view["referral_code"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(code.len(), 8);
    // Stable across reads.
    assert_eq!(
        json(&app, "credits", &host_cookie, &[]).await.1["referral_code"],
        code.as_str()
    );
    let apply = |cookie: &str, code: &str| {
        let (cookie, code) = (cookie.to_owned(), code.to_owned());
        let app = &app;
        async move { json(app, "apply_referral_code", &cookie, &[("code", &code)]).await }
    };
    let (status, body) = apply(&host_cookie, &code).await;
    assert_eq!(
        (status, &body["refused"]["reason"]),
        (409, &Value::from("referral_own"))
    );
    assert_eq!(
        apply(&newbie_cookie, "nope").await.1["invalid"]["rule"],
        "malformed"
    );
    assert_eq!(
        apply(&newbie_cookie, "ABCDEFGH").await.1["invalid"]["rule"],
        "no_such_account"
    );
    // Typed in lower case with a dash: still the code.
    let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
    assert_eq!(
        apply(&newbie_cookie, &typed).await,
        (200, Value::from("host"))
    );
    let (status, body) = apply(&newbie_cookie, &code).await;
    assert_eq!(
        (status, &body["refused"]["reason"]),
        (409, &Value::from("referral_used"))
    );
    assert_eq!(
        json(&app, "credits", &newbie_cookie, &[]).await.1["can_apply_code"],
        false
    );
    // The newbie completes a session: +1 each, once.
    let slot = slot_floor(app.state.clock.now().plus_millis(2 * DAY_MS));
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    app.matched(&newbie_cookie, &[]).await;
    let (participant,): (i64,) = sqlx::query_as("SELECT id FROM participants WHERE user_id = $1")
        .bind(newbie)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    app.set_now(slot);
    app.tick().await;
    presence::connect(&app.state.db, participant, slot)
        .await
        .unwrap();
    let (host_before, newbie_before) = (app.balance(host).await, app.balance(newbie).await);
    app.set_now(slot.plus_millis(55 * MINUTE_MS));
    app.tick().await;
    app.tick().await;
    assert_eq!(app.balance(host).await, host_before + 1);
    assert_eq!(app.balance(newbie).await, newbie_before + 1);
    let (rows,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM credit_ledger WHERE kind = 'referral'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!(rows, 2);
}

#[tokio::test]
async fn only_admins_set_tiers_and_an_upgrade_tops_up_at_once() {
    let app = spawn_app_with(&[("FOCUS_TEST_MODE", "1")]).await;
    let (_, boss) = app.member("boss").await;
    app::server::admin::set_role(
        &app.state.db,
        "Boss@Example.com",
        app::domain::account::Role::Admin,
        "test",
        app.state.clock.now(),
    )
    .await
    .unwrap();
    let (mei, mei_cookie) = app.member("mei").await;
    let form = [("username", "mei"), ("tier", "pro")];
    assert_eq!(
        app.call("set_tier", Some(&mei_cookie), &form)
            .await
            .status(),
        403
    );
    let summary: Value = app
        .call("viewer_summary", Some(&boss), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(summary["is_admin"], true);
    let (status, body) = json(
        &app,
        "set_tier",
        &boss,
        &[("username", "mei"), ("tier", "gold")],
    )
    .await;
    assert_eq!(
        (status, &body["invalid"]["field"]),
        (422, &Value::from("tier"))
    );
    // Nobody by that name: the message belongs to the username field.
    let (status, body) = json(
        &app,
        "set_tier",
        &boss,
        &[("username", "nobody"), ("tier", "pro")],
    )
    .await;
    assert_eq!(
        (status, &body["invalid"]["field"]),
        (422, &Value::from("username"))
    );
    assert_eq!(app.call("set_tier", Some(&boss), &form).await.status(), 200);
    // Free (2) → pro (8): +6 now, so the new plan is felt at once.
    assert_eq!(app.balance(mei).await, 8);
    let (_, overview) = json(&app, "credits", &mei_cookie, &[]).await;
    assert_eq!(
        (
            overview["tier"].as_str(),
            overview["gift_remaining"].as_i64()
        ),
        (Some("pro"), Some(4))
    );
    // Unlimited: the balance is not shown and seats cost nothing.
    json(
        &app,
        "set_tier",
        &boss,
        &[("username", "mei"), ("tier", "infinite")],
    )
    .await;
    let (_, overview) = json(&app, "credits", &mei_cookie, &[]).await;
    assert_eq!(overview["balance"], Value::Null);
    assert_eq!(app.matched(&mei_cookie, &[]).await.credits_left, None);
    assert_eq!(app.balance(mei).await, 8);
}

#[tokio::test]
async fn an_idempotency_key_replays_the_first_answer_and_refuses_a_different_request() {
    let app = test_app().await;
    let (mei, cookie) = app.member("mei").await;
    let slot = slot_floor(app.state.clock.now().plus_millis(DAY_MS));
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    // The header form, as an API client sends it.
    let send = |body: &'static str| {
        app.client
            .post(format!("{}/api/quick_match", app.base))
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("idempotency-key", "retry-me-1")
            .body(body)
            .send()
    };
    let first: Value = send("mode=audio&language=en")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let again: Value = send("mode=audio&language=en")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(app.balance(mei).await, 1);
    assert_eq!(app.count("participants").await, 1);
    let resp = send("mode=quiet&language=en").await.unwrap();
    assert_eq!(resp.status(), 409);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["refused"]["reason"], "key_reused");
}

#[tokio::test]
async fn a_referrer_earns_at_most_three_awards_a_week_and_new_members_always_theirs() {
    use app::server::tables::presence;
    let app = test_app().await;
    let (host, host_cookie) = app.member("host").await;
    let code = json(&app, "credits", &host_cookie, &[]).await.1["referral_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let slot = slot_floor(app.state.clock.now().plus_millis(2 * DAY_MS));
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let mut newbies = Vec::new();
    for name in ["n1", "n2", "n3", "n4"] {
        let (id, cookie) = app.member(name).await;
        let (status, _) = json(&app, "apply_referral_code", &cookie, &[("code", &code)]).await;
        assert_eq!(status, 200);
        app.matched(&cookie, &[]).await;
        newbies.push(id);
    }
    let participants: Vec<(i64,)> = sqlx::query_as(&format!(
        "SELECT id FROM participants WHERE kind = {HUMAN} ORDER BY id"
    ))
    .fetch_all(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!(participants.len(), 4, "all four at one table");
    app.set_now(slot);
    app.tick().await;
    for (participant,) in &participants {
        presence::connect(&app.state.db, *participant, slot)
            .await
            .unwrap();
    }
    let host_before = app.balance(host).await;
    let mut before = Vec::new();
    for id in &newbies {
        before.push(app.balance(*id).await);
    }
    app.set_now(slot.plus_millis(55 * MINUTE_MS));
    app.tick().await;
    app.tick().await;
    assert_eq!(
        app.balance(host).await,
        host_before + 3,
        "capped at three a week"
    );
    for (id, was) in newbies.iter().zip(before) {
        assert_eq!(app.balance(*id).await, was + 1, "every new member is paid");
    }
}
