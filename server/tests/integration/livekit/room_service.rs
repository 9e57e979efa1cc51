//! A fake LiveKit room service: Twirp over HTTP on 127.0.0.1:0, protobuf bodies decoded
//! and encoded with LiveKit's own types, each request's Bearer token verified with
//! LiveKit's verifier and its grants recorded for the test to assert. Tests script who
//! is in a room and how the next delete answers.

use super::{KEY, SECRET};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use livekit_api::access_token::{TokenVerifier, VideoGrants};
use livekit_protocol::{
    participant_info, CreateRoomRequest, DeleteRoomRequest, DeleteRoomResponse,
    ListParticipantsRequest, ListParticipantsResponse, ParticipantInfo, RemoveParticipantResponse,
    Room, RoomParticipantIdentity,
};
use prost::Message;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// One request the fake received.
#[derive(Clone, Debug)]
pub struct Call {
    /// `CreateRoom`, `DeleteRoom`, `ListParticipants`, …
    pub method: String,
    /// The room it named.
    pub room: String,
    /// The verified token's grants (`None`: the token did not verify).
    pub grants: Option<VideoGrants>,
    /// The create request, for `CreateRoom`.
    pub create: Option<CreateRoomRequest>,
    /// The participant identity, for `RemoveParticipant`.
    pub identity: Option<String>,
}

#[derive(Debug, Default)]
struct Script {
    calls: Vec<Call>,
    present: HashMap<String, Vec<String>>,
    delete_answers: VecDeque<(StatusCode, &'static str)>,
}

/// The running fake.
#[derive(Clone, Debug)]
pub struct FakeRoomService {
    /// Its address as the app is configured with it (`ws://127.0.0.1:PORT`).
    pub url: String,
    script: Arc<Mutex<Script>>,
}

impl FakeRoomService {
    /// Starts the fake on a free port.
    pub async fn start() -> Self {
        let script = Arc::new(Mutex::new(Script::default()));
        let app = Router::new()
            .route("/twirp/livekit.RoomService/{method}", post(twirp))
            .with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("ws://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, script }
    }

    /// The calls of `method` so far.
    pub fn calls(&self, method: &str) -> Vec<Call> {
        let script = self.script.lock().unwrap();
        script
            .calls
            .iter()
            .filter(|c| c.method == method)
            .cloned()
            .collect()
    }

    /// Every call so far.
    pub fn all_calls(&self) -> Vec<Call> {
        self.script.lock().unwrap().calls.clone()
    }

    /// Who `ListParticipants` reports in `room` from now on.
    pub fn set_present(&self, room: &str, identities: &[String]) {
        let mut script = self.script.lock().unwrap();
        script.present.insert(room.to_owned(), identities.to_vec());
    }

    /// Makes the next `DeleteRoom` fail with this Twirp error (answers queue up).
    pub fn answer_next_delete(&self, status: StatusCode, code: &'static str) {
        let mut script = self.script.lock().unwrap();
        script.delete_answers.push_back((status, code));
    }
}

fn twirp_error(status: StatusCode, code: &str) -> Response {
    let body = serde_json::json!({ "code": code, "msg": "scripted by the test" });
    (status, axum::Json(body)).into_response()
}

fn protobuf(message: &impl Message) -> Response {
    (
        [(header::CONTENT_TYPE, "application/protobuf")],
        message.encode_to_vec(),
    )
        .into_response()
}

async fn twirp(
    State(script): State<Arc<Mutex<Script>>>,
    Path(method): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let grants = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|token| TokenVerifier::with_api_key(KEY, SECRET).verify(token).ok())
        .map(|claims| claims.video);
    let mut identity = None;
    let (room, create) = match method.as_str() {
        "RemoveParticipant" => match RoomParticipantIdentity::decode(body) {
            Ok(request) => {
                identity = Some(request.identity);
                (request.room, None)
            }
            Err(_) => return twirp_error(StatusCode::BAD_REQUEST, "malformed"),
        },
        "CreateRoom" => match CreateRoomRequest::decode(body) {
            Ok(request) => (request.name.clone(), Some(request)),
            Err(_) => return twirp_error(StatusCode::BAD_REQUEST, "malformed"),
        },
        "DeleteRoom" => match DeleteRoomRequest::decode(body) {
            Ok(request) => (request.room, None),
            Err(_) => return twirp_error(StatusCode::BAD_REQUEST, "malformed"),
        },
        "ListParticipants" => match ListParticipantsRequest::decode(body) {
            Ok(request) => (request.room, None),
            Err(_) => return twirp_error(StatusCode::BAD_REQUEST, "malformed"),
        },
        _ => return twirp_error(StatusCode::NOT_FOUND, "bad_route"),
    };
    let mut script = script.lock().unwrap();
    script.calls.push(Call {
        method: method.clone(),
        room: room.clone(),
        grants: grants.clone(),
        create: create.clone(),
        identity: identity.clone(),
    });
    if grants.is_none() {
        return twirp_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
    match method.as_str() {
        "CreateRoom" => {
            let request = create.unwrap_or_default();
            protobuf(&Room {
                sid: format!("RM_{room}"),
                name: room,
                empty_timeout: request.empty_timeout,
                departure_timeout: request.departure_timeout,
                max_participants: request.max_participants,
                ..Room::default()
            })
        }
        "RemoveParticipant" => {
            let identity = identity.unwrap_or_default();
            let present = script.present.entry(room).or_default();
            if !present.contains(&identity) {
                return twirp_error(StatusCode::NOT_FOUND, "not_found");
            }
            present.retain(|p| *p != identity);
            protobuf(&RemoveParticipantResponse {})
        }
        "DeleteRoom" => match script.delete_answers.pop_front() {
            Some((status, code)) => twirp_error(status, code),
            None => protobuf(&DeleteRoomResponse {}),
        },
        _ => {
            let participants = script
                .present
                .get(&room)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|identity| ParticipantInfo {
                    sid: format!("PA_{identity}"),
                    identity,
                    state: participant_info::State::Active as i32,
                    ..ParticipantInfo::default()
                })
                .collect();
            protobuf(&ListParticipantsResponse { participants })
        }
    }
}
