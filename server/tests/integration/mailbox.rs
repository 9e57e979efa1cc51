//! A real SMTP server for the tests (`tools/mailbox.py`, aiosmtpd): started per test on a
//! free port, it keeps every letter as JSON; tests read them and follow their links.

use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// One letter as the mailbox kept it.
#[derive(Clone, Debug, Deserialize)]
pub struct Letter {
    /// Envelope recipients.
    pub to: Vec<String>,
    /// The subject, decoded.
    pub subject: String,
    /// The plain-text body, decoded.
    pub body: String,
}

impl Letter {
    /// The site path (with query) of the first link in the body that contains `path`.
    pub fn link(&self, path: &str) -> String {
        let start = self
            .body
            .find(path)
            .unwrap_or_else(|| panic!("no {path} link in: {}", self.body));
        let end = self.body[start..]
            .find(char::is_whitespace)
            .map_or(self.body.len(), |n| start + n);
        self.body[start..end].to_owned()
    }
}

/// A running mailbox; stopped when dropped.
pub struct Mailbox {
    child: Child,
    dir: PathBuf,
    port: u16,
}

impl Mailbox {
    /// Starts one (needs aiosmtpd: `tools/install.sh --browser` installs it).
    pub fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = std::env::temp_dir().join(format!(
            "focus-mailbox-{}",
            app::server::secrets::random_hex(6)
        ));
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tools/mailbox.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg("--port")
            .arg(port.to_string())
            .arg("--dir")
            .arg(&dir)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs tools/mailbox.py");
        // It says "ready" within a second (or exits, and the line is empty).
        let mut ready = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut ready)
            .unwrap();
        assert_eq!(
            ready.trim(),
            "ready",
            "tools/mailbox.py did not start (is aiosmtpd installed? run tools/install.sh --browser)"
        );
        Self { child, dir, port }
    }

    /// The settings that send a server's letters here.
    pub fn settings(&self) -> [(&'static str, String); 2] {
        [
            ("FOCUS_SMTP_URL", format!("smtp://127.0.0.1:{}", self.port)),
            (
                "FOCUS_SMTP_FROM",
                "Focus Squad <hello@focus.test>".to_owned(),
            ),
        ]
    }

    /// Every letter so far, in the order received.
    pub fn letters(&self) -> Vec<Letter> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// The `n`th letter to `to` (1-based), waiting up to 10 s for it.
    pub async fn letter_to(&self, to: &str, n: usize) -> Letter {
        for _ in 0..500 {
            let mine: Vec<Letter> = self
                .letters()
                .into_iter()
                .filter(|l| l.to.iter().any(|t| t.eq_ignore_ascii_case(to)))
                .collect();
            if let Some(letter) = mine.into_iter().nth(n - 1) {
                return letter;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("letter {n} to {to} never arrived; got {:?}", self.letters());
    }
}

impl Drop for Mailbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
