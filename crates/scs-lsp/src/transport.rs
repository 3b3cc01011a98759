//! The server's side of the pipe: LSP base-protocol framing (`Content-Length` headers) over
//! standard input and output, in two threads, as `lsp_server::Connection::stdio` does, but
//! without ever ending on bad input. The editor's bytes are untrusted: a body that is not
//! JSON gets a `-32700` (parse error) answer, a header block without a usable
//! `Content-Length` gets one too and the reader looks for the next header, and a length above
//! [`MAX_MESSAGE`] is refused and skipped without allocating it. Only the end of input ends
//! the reading thread.

use std::io::{self, BufRead, Read, Write};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{Value, json};

/// The largest message read: a document at the size limit, JSON-escaped, fits several times.
pub const MAX_MESSAGE: u64 = 64 * 1024 * 1024;

/// A header line longer than this is not a header: what follows is read as lost framing.
const MAX_HEADER_LINE: u64 = 8 * 1024;

const HEADER: &[u8] = b"content-length:";

/// What reading the next message gave.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A body of the declared length.
    Body(Vec<u8>),
    /// The framing broke (no usable `Content-Length`, or one above the limit whose body was
    /// skipped): the reason, for a parse-error answer. Reading goes on.
    Broken(String),
    /// The end of input.
    End,
}

/// Reads framed messages from `input`.
pub struct FrameReader<R> {
    input: R,
    max: u64,
    /// The length of a header found after lost framing, where the next frame starts.
    resumed: Option<Result<u64, String>>,
    /// Bytes of a refused message still to skip.
    skip: u64,
}

const GARBAGE: &str = "bytes outside a message (no Content-Length header before them); they were skipped";

impl<R: BufRead> FrameReader<R> {
    pub fn new(input: R, max: u64) -> Self {
        Self { input, max, resumed: None, skip: 0 }
    }

    /// The next frame. Bytes that are not headers (a body sent without them, garbage) are a
    /// broken frame; the reader then goes on at the next `Content-Length` header, wherever it
    /// starts (bodies rarely end with a newline).
    pub fn next_frame(&mut self) -> io::Result<Frame> {
        if self.skip > 0 {
            let (skip, skipped) = (self.skip, io::copy(&mut (&mut self.input).take(self.skip), &mut io::sink())?);
            self.skip = 0;
            if skipped < skip {
                return Ok(Frame::End);
            }
        }
        let mut length: Option<Result<u64, String>> = self.resumed.take();
        let mut in_headers = length.is_some();
        let mut garbage = false;
        loop {
            let mut line = Vec::new();
            let read = (&mut self.input).take(MAX_HEADER_LINE).read_until(b'\n', &mut line)?;
            if read == 0 {
                return Ok(if garbage { Frame::Broken(GARBAGE.into()) } else { Frame::End });
            }
            let text = trim_line_end(&line);
            if text.is_empty() && !garbage {
                if in_headers {
                    break;
                }
                // A blank line between messages.
                continue;
            }
            if !garbage && is_header(text) {
                in_headers = true;
                if starts_with_ignore_case(text, HEADER) {
                    length = Some(parse_length(text));
                }
                // Other headers (Content-Type) are allowed and ignored.
                continue;
            }
            // Not a header: lost framing. Resume at a `Content-Length` header in it, if any.
            garbage = true;
            if let Some(at) = find_header(&line) {
                self.resumed = Some(parse_length(trim_line_end(&line[at..])));
                return Ok(Frame::Broken(GARBAGE.into()));
            }
        }
        let length = match length {
            Some(Ok(length)) => length,
            Some(Err(reason)) => return Ok(Frame::Broken(reason)),
            None => return Ok(Frame::Broken("a message without a Content-Length header".into())),
        };
        if length > self.max {
            // Refused at once; its body is skipped in chunks before the next frame, so nothing
            // of its size is ever allocated.
            self.skip = length;
            return Ok(Frame::Broken(format!(
                "a message of {length} bytes, more than the limit of {} bytes; it is skipped",
                self.max
            )));
        }
        let mut body = Vec::new();
        let read = (&mut self.input).take(length).read_to_end(&mut body)?;
        if (read as u64) < length {
            return Ok(Frame::End);
        }
        Ok(Frame::Body(body))
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn starts_with_ignore_case(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Whether a line looks like a header (`Name: value`, the name without blanks).
fn is_header(text: &[u8]) -> bool {
    text.iter()
        .position(|&b| b == b':')
        .is_some_and(|colon| colon > 0 && text[..colon].iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-'))
}

/// Where a `Content-Length:` header starts in `line`, if anywhere.
fn find_header(line: &[u8]) -> Option<usize> {
    line.windows(HEADER.len()).position(|w| w.eq_ignore_ascii_case(HEADER))
}

fn parse_length(header: &[u8]) -> Result<u64, String> {
    let value = String::from_utf8_lossy(&header[HEADER.len().min(header.len())..]).trim().to_owned();
    value
        .parse::<u64>()
        .map_err(|_| format!("Content-Length `{}` is not a length", scs_core::untrusted::printable(&value, 40)))
}

/// What the reading thread makes of a body: a message, or the error answer it gets.
pub fn decode(body: &[u8]) -> Result<Message, Value> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => return Err(error(Value::Null, ErrorCode::ParseError, &format!("the message is not JSON: {e}"))),
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    serde_json::from_value::<Message>(value)
        .map_err(|e| error(id, ErrorCode::InvalidRequest, &format!("the message is not a JSON-RPC message: {e}")))
}

/// A JSON-RPC error response; `id` may be null (when the request's id could not be read).
pub fn error(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

/// The two threads behind [`stdio`]; joined when the server ends.
pub struct IoThreads {
    reader: std::thread::JoinHandle<()>,
    writer: std::thread::JoinHandle<()>,
}

impl IoThreads {
    /// Waits for the writer to send what is queued. The reader may be blocked on input that
    /// never comes: it is not waited for (the process ends with it).
    pub fn join(self) {
        let _ = self.writer.join();
        drop(self.reader);
    }
}

/// A connection over standard input and output.
pub fn stdio() -> (Connection, IoThreads) {
    let (to_writer, for_writer) = crossbeam_channel::unbounded::<Message>();
    let (raw_out, raw_for_writer) = crossbeam_channel::unbounded::<Value>();
    let (to_server, for_server) = crossbeam_channel::bounded::<Message>(0);
    let reader = std::thread::spawn(move || read_loop(io::stdin().lock(), &to_server, &raw_out));
    let writer = std::thread::spawn(move || write_loop(io::stdout().lock(), &for_writer, &raw_for_writer));
    (Connection { sender: to_writer, receiver: for_server }, IoThreads { reader, writer })
}

/// Reads until the end of input, passing messages on and answering broken ones.
pub fn read_loop(input: impl BufRead, to_server: &Sender<Message>, raw_out: &Sender<Value>) {
    let mut frames = FrameReader::new(input, MAX_MESSAGE);
    loop {
        match frames.next_frame() {
            Ok(Frame::Body(body)) => match decode(&body) {
                Ok(message) => {
                    if to_server.send(message).is_err() {
                        return;
                    }
                }
                Err(answer) => {
                    let _ = raw_out.send(answer);
                }
            },
            Ok(Frame::Broken(reason)) => {
                let _ = raw_out.send(error(Value::Null, ErrorCode::ParseError, &reason));
            }
            Ok(Frame::End) | Err(_) => return,
        }
    }
}

/// Writes messages and raw answers until the server's sender is gone.
pub fn write_loop(mut output: impl Write, messages: &Receiver<Message>, raw: &Receiver<Value>) {
    let mut raw_open = true;
    loop {
        let written = if raw_open {
            crossbeam_channel::select! {
                recv(messages) -> m => match m {
                    Ok(m) => m.write(&mut output),
                    Err(_) => return,
                },
                recv(raw) -> r => match r {
                    Ok(r) => write_raw(&mut output, &r),
                    Err(_) => { raw_open = false; continue; }
                },
            }
        } else {
            match messages.recv() {
                Ok(m) => m.write(&mut output),
                Err(_) => return,
            }
        };
        if written.is_err() {
            return;
        }
    }
}

fn write_raw(output: &mut impl Write, value: &Value) -> io::Result<()> {
    let body = value.to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8], max: u64) -> Vec<Frame> {
        let mut reader = FrameReader::new(input, max);
        let mut out = Vec::new();
        loop {
            match reader.next_frame().expect("in memory") {
                Frame::End => return out,
                frame => out.push(frame),
            }
        }
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec())
    }

    #[test]
    fn well_framed_messages_with_any_header_case_and_content_type() {
        let input = b"Content-Length: 2\r\n\r\n{}content-length: 4\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\nnull";
        assert_eq!(frames(input, 100), [body("{}"), body("null")]);
    }

    #[test]
    fn broken_framing_is_answered_and_reading_resumes_at_the_next_header() {
        let good = b"Content-Length: 2\r\n\r\n{}";
        for bad in [
            &b"Content-Length: -5\r\n\r\n"[..],
            b"Content-Length: x\r\n\r\n",
            b"Content-Length: 99999999999999999999999\r\n\r\n",
            b"Content-Type: a\r\n\r\n",
        ] {
            let input = [bad, good].concat();
            let got = frames(&input, 100);
            assert!(matches!(&got[0], Frame::Broken(_)), "{bad:?}: {got:?}");
            assert_eq!(got[1..], [body("{}")], "{bad:?}");
        }
        // A body without headers, non-UTF-8 bytes where headers belong, a header line without
        // end: one broken frame each, then the next header is found where it starts.
        for bad in [&b"{\"jsonrpc\":\"2.0\"}"[..], b"\xff\xfe\r\n\r\n", &[b'x'; 20_000]] {
            let input = [bad, good].concat();
            let got = frames(&input, 100);
            assert!(matches!(&got[0], Frame::Broken(_)), "{got:?}");
            assert_eq!(got[1..], [body("{}")]);
        }
        assert!(matches!(frames(b"garbage at the end", 100)[..], [Frame::Broken(_)]));
        // A body shorter than the bytes sent: the rest is garbage before the next header.
        let got = frames(b"Content-Length: 9\r\n\r\n{\"jsonrpc\"Content-Length: 2\r\n\r\n{}", 100);
        assert_eq!(got, [body("{\"jsonrpc"), Frame::Broken(GARBAGE.into()), body("{}")]);
    }

    #[test]
    fn a_length_above_the_limit_is_skipped_without_allocating_it() {
        let input = [&b"Content-Length: 12\r\n\r\n0123456789ab"[..], b"Content-Length: 2\r\n\r\n{}"].concat();
        let got = frames(&input, 10);
        assert!(matches!(&got[0], Frame::Broken(reason) if reason.contains("12 bytes")), "{got:?}");
        assert_eq!(got[1..], [body("{}")]);
        // A length far beyond what will ever come: the input ends, the reader with it.
        assert!(matches!(frames(b"Content-Length: 1000000000000\r\n\r\n{}", MAX_MESSAGE)[..], [Frame::Broken(_)]));
    }

    #[test]
    fn bodies_that_are_not_json_or_not_messages_get_their_error_codes() {
        let parse = decode(b"{\"jsonrpc\": ").expect_err("not JSON");
        assert_eq!((parse["id"].clone(), parse["error"]["code"].as_i64()), (Value::Null, Some(-32700)));
        let invalid = decode(b"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":5}").expect_err("not a message");
        assert_eq!((invalid["id"].as_i64(), invalid["error"]["code"].as_i64()), (Some(7), Some(-32600)));
        assert!(decode(b"\xff\xff").is_err());
        assert!(matches!(decode(b"{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"), Ok(Message::Notification(_))));
    }
}
