//! JSON-RPC over stdio with `Content-Length` framing, as `lsp-server` frames it, but
//! forgiving: a body that is not JSON, or not a message, is answered with a JSON-RPC error
//! (`-32700` parse error, `-32600` invalid request) and the server reads on, where
//! `lsp-server`'s own stdio reader would stop. Messages reach the server through an
//! unbounded channel, so the client is never blocked and the server can drain every queued
//! change before it checks.

use std::io::{self, BufRead, Write};
use std::thread::JoinHandle;

use lsp_server::{Connection, Message};

/// The largest body read: a bigger `Content-Length` is a broken client, not a document.
const MAX_BODY: usize = 256 * 1024 * 1024;

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

/// The server's end of a connection over stdin and stdout.
pub(crate) fn stdio() -> (Connection, Threads) {
    let (server, client) = Connection::memory();
    let Connection { sender, receiver } = client;
    let reader = std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        loop {
            match read_frame(&mut input) {
                Ok(Some(body)) => match parse(&body) {
                    Ok(message) => {
                        if sender.send(message).is_err() {
                            return;
                        }
                    }
                    Err(answer) => {
                        let _ = write_frame(&mut io::stdout().lock(), &answer);
                    }
                },
                Ok(None) => return,
                Err(e) => {
                    eprintln!("ties lsp: cannot read a message: {e}");
                    if e.kind() != io::ErrorKind::InvalidData {
                        return;
                    }
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

/// The body of the next message; `None` at the end of the input. Headers end with CRLF or
/// LF; headers other than `Content-Length` are skipped.
pub(crate) fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length: Option<usize> = None;
    loop {
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
            if length.is_none_or(|n| n > MAX_BODY) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("bad header `{line}`"),
                ));
            }
        }
    }
    let mut body = vec![0; length.unwrap_or(0)];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

fn write_frame(out: &mut impl Write, body: &str) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_with_crlf_or_lf_and_other_headers() {
        let input = b"Content-Type: x\r\nContent-Length: 2\r\n\r\n{}content-length: 3\n\n[1]";
        let mut input = &input[..];
        assert_eq!(read_frame(&mut input).unwrap(), Some(b"{}".to_vec()));
        assert_eq!(read_frame(&mut input).unwrap(), Some(b"[1]".to_vec()));
        assert_eq!(read_frame(&mut input).unwrap(), None);
        let mut bad = &b"Content-Length: lots\r\n\r\n"[..];
        assert!(read_frame(&mut bad).is_err());
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
