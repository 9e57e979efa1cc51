//! A test client for the table channel: connects like a browser (the session cookie, the
//! protocol version) and reads typed server messages with a timeout.

use crate::harness::TestApp;
use app::api::live_types::{ClientMessage, ServerMessage, Welcome, PROTOCOL_VERSION};
use futures_util::{SinkExt, StreamExt};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a test waits for an expected message.
const WAIT: Duration = Duration::from_secs(5);

/// One open table channel.
pub struct Socket {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// Opens `/ws/table/{table}` with `cookie` and extra query/header settings; the HTTP
/// status when the server refuses.
pub async fn open_with(
    app: &TestApp,
    cookie: Option<&str>,
    table: i64,
    query: &str,
    headers: &[(&'static str, &str)],
) -> Result<Socket, u16> {
    let url = format!(
        "{}/ws/table/{table}?{query}",
        app.base.replacen("http://", "ws://", 1)
    );
    let mut request = url.into_client_request().unwrap();
    if let Some(cookie) = cookie {
        request
            .headers_mut()
            .insert("cookie", cookie.parse().unwrap());
    }
    for (name, value) in headers {
        request.headers_mut().insert(*name, value.parse().unwrap());
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((stream, _)) => Ok(Socket { stream }),
        Err(tungstenite::Error::Http(response)) => Err(response.status().as_u16()),
        Err(err) => panic!("could not reach the table channel: {err}"),
    }
}

/// Opens the channel as a browser would, resuming after board entry `after` if given, and
/// reads the welcome.
pub async fn join(
    app: &TestApp,
    cookie: &str,
    table: i64,
    after: Option<u64>,
) -> (Socket, Welcome) {
    let mut query = format!("v={PROTOCOL_VERSION}");
    if let Some(after) = after {
        query.push_str(&format!("&after={after}"));
    }
    let mut socket = open_with(app, Some(cookie), table, &query, &[])
        .await
        .unwrap_or_else(|status| panic!("table channel refused with {status}"));
    match socket.next().await {
        ServerMessage::Welcome(welcome) => (socket, *welcome),
        other => panic!("expected a welcome, got {other:?}"),
    }
}

impl Socket {
    /// Sends a protocol message.
    pub async fn send(&mut self, message: &ClientMessage) {
        let text = serde_json::to_string(message).unwrap();
        self.send_raw(&text).await;
    }

    /// Sends any text frame.
    pub async fn send_raw(&mut self, text: &str) {
        self.stream
            .send(Message::text(text.to_owned()))
            .await
            .expect("the socket is open");
    }

    /// The next server message (pings skipped); panics after [`WAIT`].
    pub async fn next(&mut self) -> ServerMessage {
        self.try_next()
            .await
            .expect("a message before the timeout, on an open socket")
    }

    /// The next server message, or `None` if the socket closed or [`WAIT`] passed.
    pub async fn try_next(&mut self) -> Option<ServerMessage> {
        loop {
            let frame = tokio::time::timeout(WAIT, self.stream.next())
                .await
                .ok()??;
            match frame.ok()? {
                Message::Text(text) => {
                    return Some(serde_json::from_str(&text).expect("protocol message"))
                }
                Message::Close(_) => return None,
                _ => {}
            }
        }
    }

    /// Reads until a message matches `wanted` and returns it (panics after [`WAIT`]).
    pub async fn until<T>(&mut self, mut wanted: impl FnMut(&ServerMessage) -> Option<T>) -> T {
        loop {
            let message = self.next().await;
            if let Some(found) = wanted(&message) {
                return found;
            }
        }
    }

    /// True when nothing matching `unwanted` arrives within `within`.
    pub async fn quiet_for(
        &mut self,
        within: Duration,
        mut unwanted: impl FnMut(&ServerMessage) -> bool,
    ) -> bool {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            match tokio::time::timeout(left, self.stream.next()).await {
                Err(_) => return true,
                Ok(Some(Ok(Message::Text(text)))) => {
                    let message: ServerMessage = serde_json::from_str(&text).unwrap();
                    if unwanted(&message) {
                        return false;
                    }
                }
                Ok(Some(Ok(_))) => {}
                Ok(_) => return true,
            }
        }
    }

    /// Reads until the server closes the socket; true when it did within [`WAIT`].
    pub async fn closed(&mut self) -> bool {
        loop {
            match tokio::time::timeout(WAIT, self.stream.next()).await {
                Err(_) => return false,
                Ok(None | Some(Err(_)) | Some(Ok(Message::Close(_)))) => return true,
                Ok(Some(Ok(_))) => {}
            }
        }
    }

    /// Closes from the client side and waits for the server to see it.
    pub async fn close(mut self) {
        let _ = self.stream.close(None).await;
        while let Ok(Some(Ok(_))) = tokio::time::timeout(WAIT, self.stream.next()).await {}
    }
}
