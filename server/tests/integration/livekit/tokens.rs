//! The tokens in the table channel's welcome, verified by LiveKit's JavaScript server SDK
//! (`tools/livekit-verify.mjs`): identity, name, seat, room and grants per table mode.

use super::{livekit_app, seated, KEY, SECRET};
use crate::fixtures::slot_ahead;
use crate::socket::join;
use app::api::audio_types::Transport;
use app::server::audio::livekit::SEAT_TOKEN_TTL_MS;
use livekit_api::access_token::{AccessToken, VideoGrants};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const LIVEKIT_URL: &str = "wss://livekit.focus.test";

/// What LiveKit's JS SDK says of each token: `{"ok":true,"claims":…}` or
/// `{"ok":false,"error":…}`. Fails (never skips) when Node or the SDK is missing.
async fn verify_with_livekit_sdk(tokens: Vec<String>) -> Vec<Value> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    tokio::task::spawn_blocking(move || {
        let install = "install it with `npm ci` at the repository root (tools/install.sh does)";
        let mut child = Command::new("node")
            .arg(root.join("tools/livekit-verify.mjs"))
            .env("LIVEKIT_API_KEY", KEY)
            .env("LIVEKIT_API_SECRET", SECRET)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|err| panic!("cannot run node ({err}): this test needs Node.js 20 and livekit-server-sdk; {install}"));
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), tokens.join("\n").as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "tools/livekit-verify.mjs failed; is livekit-server-sdk installed? {install}\n{stderr}"
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).expect("one JSON line per token"))
            .collect()
    })
    .await
    .unwrap()
}

fn livekit_token(transport: Transport) -> String {
    match transport {
        Transport::Livekit { url, token } => {
            assert_eq!(url, LIVEKIT_URL);
            token
        }
        other => panic!("expected LiveKit, got {other:?}"),
    }
}

#[tokio::test]
async fn welcome_tokens_pass_livekits_verifier_with_grants_per_table_mode() {
    let app = livekit_app(LIVEKIT_URL).await;
    let slot = slot_ahead(&app);
    let (audio_table, mei, mei_cookie) = seated(&app, slot, "mei", "audio").await;
    let (quiet_table, bo, bo_cookie) = seated(&app, slot, "bo", "quiet").await;
    assert_ne!(audio_table, quiet_table);
    let (_audio_socket, audio) = join(&app, &mei_cookie, audio_table, None).await;
    let (_quiet_socket, quiet) = join(&app, &bo_cookie, quiet_table, None).await;
    assert!(audio.audio.may_speak);
    assert!(!quiet.audio.may_speak);
    // A token from the right key with another secret: the verifier must refuse it.
    let forged = AccessToken::with_api_key(KEY, "not-the-secret-0123456789abcdefghij")
        .with_identity(&format!("p{mei}"))
        .with_grants(VideoGrants {
            room_join: true,
            room: format!("focus-table-{audio_table}"),
            ..VideoGrants::default()
        })
        .to_jwt()
        .unwrap();
    let verified = verify_with_livekit_sdk(vec![
        livekit_token(audio.audio.transport),
        livekit_token(quiet.audio.transport),
        forged,
    ])
    .await;
    assert_eq!(verified.len(), 3);
    assert_eq!(verified[2]["ok"], false, "{}", verified[2]);

    for (result, table, participant, seat, name, speaks) in [
        (&verified[0], audio_table, mei, audio.seat, "mei", true),
        (&verified[1], quiet_table, bo, quiet.seat, "bo", false),
    ] {
        assert_eq!(result["ok"], true, "{result}");
        let claims = &result["claims"];
        assert_eq!(claims["iss"], KEY);
        assert_eq!(claims["sub"], format!("p{participant}"));
        assert_eq!(claims["name"], name);
        // The seat, as the participant attribute browsers read (and nothing else).
        assert!((1..=4).contains(&seat), "{seat}");
        assert_eq!(
            claims["attributes"],
            serde_json::json!({ "seat": seat.to_string() }),
            "{claims}"
        );
        let video = &claims["video"];
        assert_eq!(video["roomJoin"], true);
        assert_eq!(video["room"], format!("focus-table-{table}"));
        assert_eq!(video["canPublish"], speaks, "{video}");
        assert_eq!(video["canSubscribe"], true);
        assert_eq!(video["canPublishData"], false);
        let sources = video["canPublishSources"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if speaks {
            assert_eq!(sources, vec![Value::from("microphone")], "{video}");
        } else {
            assert!(sources.is_empty(), "{video}");
        }
        for admin in [
            "roomAdmin",
            "roomCreate",
            "roomList",
            "roomRecord",
            "hidden",
        ] {
            assert!(
                video.get(admin).is_none_or(|v| v == false),
                "{admin}: {video}"
            );
        }
        // Short-lived: ten minutes (every welcome brings a fresh one).
        let valid = claims["exp"].as_i64().unwrap() - claims["nbf"].as_i64().unwrap();
        let ten_minutes = SEAT_TOKEN_TTL_MS / 1000;
        assert!(
            (ten_minutes..=ten_minutes + 1).contains(&valid),
            "valid {valid} s"
        );
    }
}
