//! JSON-RPC over stdio with `Content-Length` framing, as `lsp-server` frames it, but
//! forgiving. A body that is not JSON, or not a message, is answered with a JSON-RPC error
//! (`-32700` parse error, `-32600` invalid request) and the server reads on, where
//! `lsp-server`'s own stdio reader would stop. A broken frame (a `Content-Length` that is not
//! a number, or that is shorter or longer than the body) never leaves the server deaf: the
//! reader resynchronises on the next `Content-Length:` header, wherever it starts, and a
//! message the broken frame swallowed or split is recovered where its bytes are whole
//! ([`Frames`]). Messages go to the server through `deliver`, so the client is never blocked
//! and the server can drain every queued change before it checks.

use std::io::{self, BufRead, Write};
use std::thread::JoinHandle;

use lsp_server::{Connection, Message};

/// The largest body read: a bigger `Content-Length` is a broken client, not a document.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// The header that starts every frame, as the reader looks for it (case aside).
const HEADER: &[u8] = b"content-length:";

/// The reading and writing threads of a stdio connection.
pub(crate) struct Threads {
    reader: JoinHandle<()>,
    writer: JoinHandle<()>,
}

impl Threads {
    /// Waits for the writer to flush what the server sent. The reader is not waited for: it
    /// may be blocked reading a stdin the client keeps open.
    pub(crate) fn join(self) {
        let _ = self.writer.join();
        drop(self.reader);
    }
}

/// The server's end of a connection over stdin and stdout: what the server sends goes out
/// through the connection's sender; each message read is handed to `deliver` (on the
/// reading thread) until it returns `false`, and `None` once stdin has ended.
pub(crate) fn stdio(
    mut deliver: impl FnMut(Option<Message>) -> bool + Send + 'static,
) -> (Connection, Threads) {
    let (server, client) = Connection::memory();
    let Connection { receiver, .. } = client;
    let reader = std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut frames = Frames::new(stdin.lock());
        loop {
            match frames.next() {
                Ok(Some(Read::Message(message))) => {
                    if !deliver(Some(message)) {
                        return;
                    }
                }
                Ok(Some(Read::Answer(answer))) => {
                    let _ = write_frame(&mut io::stdout().lock(), &answer);
                }
                Ok(Some(Read::Skipped(what))) => eprintln!("ties lsp: {what}"),
                Ok(None) => {
                    deliver(None);
                    return;
                }
                Err(e) => {
                    eprintln!("ties lsp: cannot read from the editor: {e}");
                    deliver(None);
                    return;
                }
            }
        }
    });
    let writer = std::thread::spawn(move || {
        for message in receiver {
            let Ok(body) = serde_json::to_string(&Json(&message)) else {
                continue;
            };
            if write_frame(&mut io::stdout().lock(), &body).is_err() {
                return;
            }
        }
    });
    (server, Threads { reader, writer })
}

/// A message with its `"jsonrpc": "2.0"`.
struct Json<'a>(&'a Message);

impl serde::Serialize for Json<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut value = serde_json::to_value(self.0).map_err(serde::ser::Error::custom)?;
        if let Some(object) = value.as_object_mut() {
            object.insert("jsonrpc".into(), "2.0".into());
        }
        value.serialize(s)
    }
}

/// A message, or the error response that answers a body that is not one.
pub(crate) fn parse(body: &[u8]) -> Result<Message, String> {
    if let Ok(message) = serde_json::from_slice::<Message>(body) {
        return Ok(message);
    }
    let (id, code, what) = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(value) => (
            value.get("id").cloned().unwrap_or(serde_json::Value::Null),
            -32600,
            "not a JSON-RPC request, response or notification",
        ),
        Err(_) => (serde_json::Value::Null, -32700, "not JSON"),
    };
    eprintln!("ties lsp: a message is {what}; answered with an error");
    let answer = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": format!("the message is {what}") },
    });
    Err(answer.to_string())
}

/// What the reader found next.
#[derive(Debug)]
pub(crate) enum Read {
    /// A message for the server.
    Message(Message),
    /// The error response to write for a body that is no message.
    Answer(String),
    /// Bytes that were no frame, skipped to resynchronise: what to log.
    Skipped(String),
}

/// The frames of a byte stream, read forgivingly.
///
/// Headers end with CRLF or LF; headers other than `Content-Length` are skipped. A
/// `Content-Length` header is found wherever it starts in a line, so after a frame whose
/// length was too short (the rest of its body runs into the next header) the reader is in
/// step again at the next header, and a frame whose length was not a number is skipped up
/// to the next one. A body that does not parse but holds a `Content-Length:` header (its
/// length was too long, so it swallowed the next frame's start) is cut there: the bytes
/// before it are tried as a message, and the bytes from it are read again as the next frame.
/// Bytes skipped in either way that make a whole message (the body of a frame with a broken
/// header) are delivered.
pub(crate) struct Frames<R> {
    input: R,
    /// Bytes taken from `input` that are to be read again first.
    back: Vec<u8>,
}

impl<R: BufRead> Frames<R> {
    pub(crate) fn new(input: R) -> Self {
        Self {
            input,
            back: Vec::new(),
        }
    }

    /// The next message, error answer or skip; `None` at the end of the input.
    pub(crate) fn next(&mut self) -> io::Result<Option<Read>> {
        let mut length: Option<usize> = None;
        // Bytes between frames that were no header: a frame with a broken header.
        let mut stray: Vec<u8> = Vec::new();
        loop {
            let Some(line) = self.line()? else {
                return Ok(if stray.iter().all(u8::is_ascii_whitespace) {
                    None
                } else {
                    Some(skipped(&stray))
                });
            };
            let text = line.strip_suffix(b"\n").unwrap_or(&line);
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            if text.is_empty() {
                if length.is_some() {
                    break;
                }
                continue;
            }
            let Some(at) = find_header(text) else {
                if length.is_none() && !is_header(text) {
                    stray.extend_from_slice(&line);
                }
                continue;
            };
            stray.extend_from_slice(&text[..at]);
            let value = String::from_utf8_lossy(&text[at + HEADER.len()..]);
            length = value.trim().parse().ok().filter(|&n| n <= MAX_BODY);
            if length.is_none() {
                stray.extend_from_slice(&text[at..]);
                stray.push(b'\n');
                continue;
            }
            if let Some(found) = Self::stray(&mut stray) {
                // The frame of the header just read comes next time.
                let header = [&text[at..], b"\r\n"].concat();
                self.unread(&header);
                return Ok(Some(found));
            }
        }
        let mut body = self.body(length.unwrap_or(0))?;
        if let Ok(message) = serde_json::from_slice::<Message>(&body) {
            return Ok(Some(Read::Message(message)));
        }
        if let Some(at) = find_header(&body) {
            // The length was too long: the next frame starts inside this body.
            self.unread(&body[at..]);
            body.truncate(at);
        }
        Ok(Some(match parse(&body) {
            Ok(message) => Read::Message(message),
            Err(answer) => Read::Answer(answer),
        }))
    }

    /// What stray bytes before a header were: a whole message (the body of a frame whose
    /// header was broken), or bytes to say were skipped; `None` if there were none.
    fn stray(stray: &mut Vec<u8>) -> Option<Read> {
        let bytes = std::mem::take(stray);
        let body = bytes.trim_ascii();
        if body.is_empty() {
            return None;
        }
        // The last line holds the broken frame's body, if any: its header line before it.
        let last = body
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(body, |i| &body[i + 1..]);
        if let Ok(message) = serde_json::from_slice::<Message>(last.trim_ascii()) {
            return Some(Read::Message(message));
        }
        Some(skipped(body))
    }

    fn unread(&mut self, bytes: &[u8]) {
        let mut back = bytes.to_vec();
        back.extend_from_slice(&self.back);
        self.back = back;
    }

    /// The next line, its `\n` included; `None` at the end of the input.
    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        if !self.back.is_empty() {
            match self.back.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    line.extend(self.back.drain(..=i));
                    return Ok(Some(line));
                }
                None => line.append(&mut self.back),
            }
        }
        if self.input.read_until(b'\n', &mut line)? == 0 && line.is_empty() {
            return Ok(None);
        }
        Ok(Some(line))
    }

    /// The body of a frame of `length` bytes, or less: where a whole frame header turns up
    /// in it (its length was too long, and the client sent the next message), the bytes from
    /// there are the next frame's, and the reader stops waiting for bytes that may never
    /// come (a client that waits for an answer sends nothing more).
    fn body(&mut self, length: usize) -> io::Result<Vec<u8>> {
        let mut body = Vec::with_capacity(length.min(1 << 20));
        let from_back = self.back.len().min(length);
        body.extend(self.back.drain(..from_back));
        let mut searched = 0;
        while body.len() < length {
            if let Some(at) = next_frame(&body, searched) {
                self.unread(&body[at..]);
                body.truncate(at);
                return Ok(body);
            }
            // A header split over two reads is found whole in the next search.
            searched = body.len().saturating_sub(HEADER_MAX);
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let n = buf.len().min(length - body.len());
            body.extend_from_slice(&buf[..n]);
            self.input.consume(n);
        }
        Ok(body)
    }
}

fn skipped(bytes: &[u8]) -> Read {
    Read::Skipped(format!(
        "skipped {} bytes that were no message (a broken Content-Length?), read on from the next header",
        bytes.len()
    ))
}

/// The longest frame header [`next_frame`] looks for, a few other headers aside.
const HEADER_MAX: usize = 256;

/// Where a whole frame header (`Content-Length: 123` and the blank line that ends the
/// headers) starts in `body` at or after `from`. No JSON text holds one: outside its
/// strings `content-length:` is no JSON, and inside them a line break is escaped.
fn next_frame(body: &[u8], from: usize) -> Option<usize> {
    let mut start = from;
    while let Some(i) = find_header(&body[start..]) {
        let at = start + i;
        let rest = &body[at + HEADER.len()..];
        let value = rest
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let digits = rest[value..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let after = &rest[value + digits..];
        if digits > 0 && (after.starts_with(b"\r\n\r\n") || after.starts_with(b"\n\n")) {
            return Some(at);
        }
        // Other headers between it and the blank line (`Content-Type`).
        if digits > 0
            && (after.starts_with(b"\r\n") || after.starts_with(b"\n"))
            && after.len() < HEADER_MAX
            && (find(after, b"\r\n\r\n").is_some() || find(after, b"\n\n").is_some())
        {
            return Some(at);
        }
        start = at + 1;
    }
    None
}

fn find(bytes: &[u8], what: &[u8]) -> Option<usize> {
    bytes.windows(what.len()).position(|w| w == what)
}

/// Where a `Content-Length:` header starts in `bytes`, case aside.
fn find_header(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(HEADER.len())
        .position(|w| w.eq_ignore_ascii_case(HEADER))
}

/// Whether `line` is a header (`Name: value`), which the reader skips without a word.
fn is_header(line: &[u8]) -> bool {
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return false;
    };
    colon > 0
        && line[..colon]
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-')
}

fn write_frame(out: &mut impl Write, body: &str) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8]) -> Vec<Read> {
        let mut frames = Frames::new(input);
        std::iter::from_fn(|| frames.next().unwrap()).collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn note(n: u32) -> String {
        format!(r#"{{"jsonrpc":"2.0","method":"n{n}","params":{{}}}}"#)
    }

    fn methods(reads: &[Read]) -> Vec<String> {
        reads
            .iter()
            .map(|r| match r {
                Read::Message(Message::Notification(n)) => n.method.clone(),
                Read::Message(other) => format!("{other:?}"),
                Read::Answer(_) => "answer".into(),
                Read::Skipped(_) => "skipped".into(),
            })
            .collect()
    }

    #[test]
    fn frames_with_crlf_or_lf_and_other_headers() {
        let one = note(1);
        let two = note(2);
        let input = format!(
            "Content-Type: x\r\nContent-Length: {}\r\n\r\n{one}content-length: {}\n\n{two}",
            one.len(),
            two.len()
        );
        assert_eq!(methods(&all(input.as_bytes())), ["n1", "n2"]);
    }

    /// Every way a frame can be broken: the server reads every whole message after it, and
    /// the broken frame's own message where its bytes are whole.
    #[test]
    fn a_broken_frame_resynchronises_on_the_next_header() {
        let (one, two, three) = (note(1), note(2), note(3));
        let rest = format!("{}{}", frame(&two), frame(&three));
        let not_a_number = format!("Content-Length: abc\r\n\r\n{one}{rest}");
        assert_eq!(
            methods(&all(not_a_number.as_bytes())),
            ["n1", "n2", "n3"],
            "the body of the broken header is whole"
        );
        let short = format!("Content-Length: {}\r\n\r\n{one}{rest}", one.len() - 5);
        assert_eq!(
            methods(&all(short.as_bytes())),
            ["answer", "skipped", "n2", "n3"]
        );
        let long = format!("Content-Length: {}\r\n\r\n{one}{rest}", one.len() + 20);
        assert_eq!(methods(&all(long.as_bytes())), ["n1", "n2", "n3"]);
        // Far too long: the reader does not wait for bytes that never come.
        let (reader, mut writer) = std::io::pipe().unwrap();
        let mut frames = Frames::new(std::io::BufReader::new(reader));
        let far = format!(
            "Content-Length: {}\r\n\r\n{one}{}",
            one.len() + 100_000,
            frame(&two)
        );
        writer.write_all(far.as_bytes()).unwrap();
        let read: Vec<Read> = (0..2).map(|_| frames.next().unwrap().unwrap()).collect();
        assert_eq!(methods(&read), ["n1", "n2"]);
        let huge = format!("Content-Length: 99999999999\r\n\r\n{one}{rest}");
        assert_eq!(methods(&all(huge.as_bytes())), ["n1", "n2", "n3"]);
        let garbage = format!("\u{1b}[31mhello\r\n\r\n{rest}");
        assert_eq!(methods(&all(garbage.as_bytes())), ["skipped", "n2", "n3"]);
    }

    #[test]
    fn malformed_bodies_get_error_answers() {
        let answer = parse(b"{nope").unwrap_err();
        assert!(
            answer.contains("-32700") && answer.contains("\"id\":null"),
            "{answer}"
        );
        let answer = parse(br#"{"id": 7, "params": 1}"#).unwrap_err();
        assert!(
            answer.contains("-32600") && answer.contains("\"id\":7"),
            "{answer}"
        );
        assert!(parse(br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#).is_ok());
    }
}
