//! The authorisation matrix: who may do what, every cell asked of the real server. The
//! same rows stand in `docs/security.md` (between its `matrix` markers); this test also
//! checks the two agree, so neither can change alone.

use crate::fixtures::slot_ahead;
use crate::harness::{spawn_app_with, TestApp, TEST_CLOCK_TOKEN};
use crate::socket::open_with;
use crate::table_channel::table_with;
use app::api::live_types::PROTOCOL_VERSION;
use app::domain::account::Role;
use std::collections::BTreeSet;

/// Who asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Visitor,
    NewMember,
    Member,
    Seated,
    Admin,
}

impl Who {
    fn label(self) -> &'static str {
        match self {
            Self::Visitor => "visitor",
            Self::NewMember => "new member (not onboarded)",
            Self::Member => "member",
            Self::Seated => "seated student",
            Self::Admin => "admin",
        }
    }
}

/// How a cell is asked.
enum Ask {
    /// A server function with form fields (`{table}` is replaced by the table's id).
    Call(&'static str, &'static [(&'static str, &'static str)]),
    /// A server function taking JSON (`"{table}"` is replaced by the table's id).
    Json(&'static str, &'static str),
    /// Opening the table's channel.
    Channel,
    /// The test clock, without its token.
    Clock,
    /// `/metrics`, without the token it is configured with.
    Metrics,
}

struct Cell {
    who: Who,
    what: &'static str,
    action: &'static str,
    ask: Ask,
    expect: u16,
}

const METRICS_TOKEN: &str = "metrics-token-for-the-matrix-0123456789";

fn cells() -> Vec<Cell> {
    use Ask::{Call, Channel, Clock, Json, Metrics};
    use Who::{Admin, Member, NewMember, Seated, Visitor};
    let cell = |who, what, action, ask, expect| Cell {
        who,
        what,
        action,
        ask,
        expect,
    };
    vec![
        cell(
            Visitor,
            "own account",
            "read",
            Call("viewer_summary", &[]),
            401,
        ),
        cell(
            Member,
            "own account",
            "read",
            Call("viewer_summary", &[]),
            200,
        ),
        cell(
            Visitor,
            "own password",
            "change",
            Call(
                "change_password",
                &[("new_password", "a brand new passphrase")],
            ),
            401,
        ),
        cell(
            Visitor,
            "own account",
            "delete",
            Call("delete_account", &[("confirmation", "x")]),
            401,
        ),
        cell(
            Visitor,
            "own sign-ins",
            "end everywhere",
            Call("sign_out_everywhere", &[]),
            401,
        ),
        cell(
            Visitor,
            "own email status",
            "read",
            Call("email_status", &[]),
            401,
        ),
        cell(
            Member,
            "own email status",
            "read",
            Call("email_status", &[]),
            200,
        ),
        cell(
            NewMember,
            "own profile",
            "read",
            Call("my_profile", &[]),
            403,
        ),
        cell(Member, "own profile", "read", Call("my_profile", &[]), 200),
        cell(
            Visitor,
            "a public profile",
            "read",
            Call("public_profile", &[("username", "seated")]),
            200,
        ),
        cell(
            Visitor,
            "quick match",
            "take a seat",
            Call("quick_match", &[("mode", "audio"), ("language", "en")]),
            401,
        ),
        cell(
            NewMember,
            "quick match",
            "take a seat",
            Call("quick_match", &[("mode", "audio"), ("language", "en")]),
            403,
        ),
        cell(
            Visitor,
            "a table",
            "read",
            Call("table", &[("table_id", "{table}")]),
            401,
        ),
        cell(
            Member,
            "someone else's table",
            "read",
            Call("table", &[("table_id", "{table}")]),
            404,
        ),
        cell(
            Seated,
            "own table",
            "read",
            Call("table", &[("table_id", "{table}")]),
            200,
        ),
        cell(
            Member,
            "someone else's table",
            "read its table page",
            Call("table_page", &[("table_id", "{table}")]),
            404,
        ),
        cell(
            Seated,
            "own table",
            "read its table page",
            Call("table_page", &[("table_id", "{table}")]),
            200,
        ),
        cell(
            Member,
            "someone else's seat",
            "cancel",
            Call("cancel_seat", &[("table_id", "{table}")]),
            404,
        ),
        cell(
            Member,
            "someone else's seat",
            "leave",
            Call("leave_table", &[("table_id", "{table}")]),
            404,
        ),
        cell(Visitor, "a table channel", "open", Channel, 401),
        cell(Member, "someone else's table channel", "open", Channel, 403),
        cell(Seated, "own table channel", "open", Channel, 101),
        cell(
            Visitor,
            "own diary",
            "read",
            Json(
                "diary",
                r#"{"filter": {"text": "", "from": null, "to": null, "tags": []}, "before": null}"#,
            ),
            401,
        ),
        cell(
            Member,
            "someone else's table",
            "write a diary note",
            Json(
                "note",
                r#"{"table_id": "{table}", "body": "mine now", "tags": []}"#,
            ),
            404,
        ),
        cell(Visitor, "own credits", "read", Call("credits", &[]), 401),
        cell(
            Visitor,
            "own reliability ledger",
            "read",
            Call("ledger", &[]),
            401,
        ),
        cell(
            Visitor,
            "members' tiers",
            "set",
            Call("set_tier", &[("username", "seated"), ("tier", "pro")]),
            401,
        ),
        cell(
            Member,
            "members' tiers",
            "set",
            Call("set_tier", &[("username", "seated"), ("tier", "pro")]),
            403,
        ),
        cell(
            Admin,
            "members' tiers",
            "set",
            Call("set_tier", &[("username", "seated"), ("tier", "pro")]),
            200,
        ),
        cell(
            Admin,
            "the test clock",
            "move (without its token)",
            Clock,
            404,
        ),
        cell(
            Admin,
            "metrics (token configured)",
            "read without the token",
            Metrics,
            404,
        ),
    ]
}

/// The matrix rows in `docs/security.md`: `(who, what, action, expected)`.
fn documented() -> BTreeSet<(String, String, String, String)> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/security.md"))
        .expect("docs/security.md");
    let start = doc.find("<!-- matrix -->").expect("a matrix start marker");
    let end = doc.find("<!-- /matrix -->").expect("a matrix end marker");
    doc[start..end]
        .lines()
        .filter(|l| l.starts_with('|') && !l.contains("---") && !l.contains("| who |"))
        .map(|line| {
            let cols: Vec<String> = line
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect();
            assert_eq!(cols.len(), 4, "a matrix row has four columns: {line}");
            (
                cols[0].clone(),
                cols[1].clone(),
                cols[2].clone(),
                cols[3].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn every_cell_of_the_authorisation_matrix_holds() {
    let app = spawn_app_with(&[
        ("FOCUS_TEST_MODE", "1"),
        ("FOCUS_METRICS_TOKEN", METRICS_TOKEN),
    ])
    .await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["seated"]).await;
    let seated = members[0].1.clone();
    let (_, member) = app.member("member").await;
    let (_, admin) = app.member("boss").await;
    app::server::admin::set_role(
        &app.state.db,
        "boss",
        Role::Admin,
        "test",
        app.state.clock.now(),
    )
    .await
    .unwrap();
    let new_member = app.sign_up("new@uni.edu").await;
    let cookie = |who: Who| match who {
        Who::Visitor => None,
        Who::NewMember => Some(new_member.clone()),
        Who::Member => Some(member.clone()),
        Who::Seated => Some(seated.clone()),
        Who::Admin => Some(admin.clone()),
    };
    let mut wrong = Vec::new();
    let mut rows = BTreeSet::new();
    for cell in cells() {
        let got = ask(&app, &cell.ask, cookie(cell.who).as_deref(), table).await;
        if got != cell.expect {
            wrong.push(format!(
                "{} × {} × {}: expected {}, got {got}",
                cell.who.label(),
                cell.what,
                cell.action,
                cell.expect
            ));
        }
        rows.insert((
            cell.who.label().to_owned(),
            cell.what.to_owned(),
            cell.action.to_owned(),
            cell.expect.to_string(),
        ));
    }
    assert!(
        wrong.is_empty(),
        "cells that do not hold:\n{}",
        wrong.join("\n")
    );
    let doc = documented();
    let missing: Vec<_> = rows.difference(&doc).collect();
    let extra: Vec<_> = doc.difference(&rows).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "docs/security.md and this test disagree.\nnot in the doc: {missing:#?}\nnot tested: {extra:#?}"
    );
}

async fn ask(app: &TestApp, ask: &Ask, cookie: Option<&str>, table: i64) -> u16 {
    let table = table.to_string();
    match ask {
        Ask::Call(endpoint, form) => {
            let form: Vec<(&str, &str)> = form
                .iter()
                .map(|(k, v)| (*k, if *v == "{table}" { table.as_str() } else { *v }))
                .collect();
            app.call(endpoint, cookie, &form).await.status().as_u16()
        }
        Ask::Json(endpoint, body) => {
            let body: serde_json::Value =
                serde_json::from_str(&body.replace("\"{table}\"", &table)).unwrap();
            let mut request = app
                .client
                .post(format!("{}/api/{endpoint}", app.base))
                .json(&body);
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            request.send().await.unwrap().status().as_u16()
        }
        Ask::Channel => {
            let query = format!("v={PROTOCOL_VERSION}");
            match open_with(app, cookie, table.parse().unwrap(), &query, &[]).await {
                Ok(socket) => {
                    drop(socket);
                    101
                }
                Err(status) => status,
            }
        }
        Ask::Clock => {
            let mut request = app.client.post(format!("{}/api/test/clock", app.base));
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            let moved = request
                .json(&serde_json::json!({ "advance_ms": 1 }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16();
            // With the token it does move: the refusal is the token's doing.
            let with_token = app
                .client
                .get(format!("{}/api/test/clock", app.base))
                .bearer_auth(TEST_CLOCK_TOKEN)
                .send()
                .await
                .unwrap()
                .status();
            assert_eq!(with_token, 200);
            moved
        }
        Ask::Metrics => {
            let mut request = app.client.get(format!("{}/metrics", app.base));
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            request.send().await.unwrap().status().as_u16()
        }
    }
}
