//! Reading just enough of a WebRTC session description (RFC 8866) to enforce quiet
//! tables: does it offer or accept to *send* audio?

/// True when `sdp` has an enabled audio section whose direction lets this side send
/// (`sendrecv`, the default, or `sendonly`). Sections with port 0 are disabled.
pub fn sends_audio(sdp: &str) -> bool {
    let mut session_direction = Direction::SendRecv;
    let mut section: Option<Section> = None;
    let mut sends = false;
    for line in sdp.lines().map(str::trim) {
        if let Some(media) = line.strip_prefix("m=") {
            if let Some(done) = section.take() {
                sends |= done.sends();
            }
            let mut fields = media.split_whitespace();
            let kind = fields.next().unwrap_or_default();
            let port = fields.next().unwrap_or_default();
            section = Some(Section {
                audio: kind == "audio",
                enabled: port.split('/').next() != Some("0"),
                direction: session_direction,
            });
        } else if let Some(direction) = line.strip_prefix("a=").and_then(Direction::parse) {
            match section.as_mut() {
                Some(section) => section.direction = direction,
                None => session_direction = direction,
            }
        }
    }
    sends || section.is_some_and(|s| s.sends())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

impl Direction {
    fn parse(attribute: &str) -> Option<Self> {
        match attribute {
            "sendrecv" => Some(Self::SendRecv),
            "sendonly" => Some(Self::SendOnly),
            "recvonly" => Some(Self::RecvOnly),
            "inactive" => Some(Self::Inactive),
            _ => None,
        }
    }
}

struct Section {
    audio: bool,
    enabled: bool,
    direction: Direction,
}

impl Section {
    fn sends(&self) -> bool {
        self.audio
            && self.enabled
            && matches!(self.direction, Direction::SendRecv | Direction::SendOnly)
    }
}

#[cfg(test)]
mod tests {
    use super::sends_audio;

    const HEAD: &str = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    fn sdp(body: &str) -> String {
        format!("{HEAD}{body}")
    }

    #[test]
    fn an_audio_section_sends_unless_it_says_otherwise() {
        assert!(sends_audio(&sdp(
            "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=sendrecv\r\n"
        )));
        assert!(sends_audio(&sdp(
            "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n"
        )));
        assert!(sends_audio(&sdp("m=audio 9 RTP/AVP 0\na=sendonly\n")));
        assert!(!sends_audio(&sdp(
            "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=recvonly\r\n"
        )));
        assert!(!sends_audio(&sdp(
            "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=inactive\r\n"
        )));
    }

    #[test]
    fn disabled_and_other_sections_do_not_send_audio() {
        assert!(!sends_audio(&sdp(
            "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n"
        )));
        assert!(!sends_audio(&sdp(
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sendrecv\r\n"
        )));
        assert!(!sends_audio(HEAD));
        assert!(!sends_audio(""));
    }

    #[test]
    fn the_session_level_direction_is_the_default() {
        assert!(!sends_audio(&sdp("a=recvonly\r\nm=audio 9 RTP/AVP 0\r\n")));
        assert!(sends_audio(&sdp(
            "a=recvonly\r\nm=audio 9 RTP/AVP 0\r\na=sendrecv\r\n"
        )));
    }

    #[test]
    fn any_sending_audio_section_counts() {
        assert!(sends_audio(&sdp(
            "m=audio 9 RTP/AVP 0\r\na=recvonly\r\nm=audio 9 RTP/AVP 0\r\na=sendrecv\r\nm=video 9 RTP/AVP 96\r\na=recvonly\r\n"
        )));
    }
}
