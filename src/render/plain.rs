//! Styled text to a stream where colour is off, without a byte-by-byte escape parser.
//!
//! Renderers write [`anstyle`] styles; where colour is off they must vanish. `anstream`'s
//! stripper runs a terminal state machine over every byte, which cost a quarter of the
//! agenda's single-threaded work on a large notebook (50 M instructions for 372 KB). What the
//! renderers write is UTF-8 whose only escape sequences are their own styles (notebook text is
//! escaped first, [`super::escape`]), so [`Plain`] copies text up to the next `ESC` at memory
//! speed and drops each complete style (`ESC [ digits/; m`) itself. Anything else a terminal
//! would act on (a raw control character in CSV or Markdown, another sequence) hands that
//! write and every later one to `anstream`'s stripper, so the bytes out are always the ones
//! it would have written.

use std::io::{self, BufWriter, Write};

use anstream::adapter::StripBytes;

/// A writer that drops styles, buffered (stdout flushes every line otherwise).
pub(crate) struct Plain<W: Write> {
    state: State<W>,
}

enum State<W: Write> {
    Fast(BufWriter<W>),
    Exact(BufWriter<W>, StripBytes),
    /// Only while switching from one to the other.
    Gone,
}

impl<W: Write> Plain<W> {
    pub(crate) fn new(out: W) -> Self {
        Self {
            state: State::Fast(BufWriter::with_capacity(64 * 1024, out)),
        }
    }

    /// Everything from `bytes` on goes through `anstream`'s stripper.
    fn exact(&mut self, bytes: &[u8]) -> io::Result<()> {
        let State::Fast(out) = std::mem::replace(&mut self.state, State::Gone) else {
            unreachable!("only the fast path switches");
        };
        self.state = State::Exact(out, StripBytes::new());
        self.write_all(bytes)
    }
}

/// The length of the style at the start of `bytes` (`ESC [ parameters m`), if complete.
fn style_len(bytes: &[u8]) -> Option<usize> {
    let rest = bytes.strip_prefix(b"\x1b[")?;
    let params = rest
        .iter()
        .take_while(|b| matches!(b, b'0'..=b'9' | b';'))
        .count();
    (rest.get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// Whether `b` is a byte `anstream` would not copy as it is: a control character other than
/// whitespace, or DEL. Bytes from 0x80 are UTF-8, which it copies whole.
fn is_control(b: u8) -> bool {
    (b < 0x20 && !b.is_ascii_whitespace()) || b == 0x7f
}

impl<W: Write> Write for Plain<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let out = match &mut self.state {
            State::Fast(out) => out,
            State::Exact(out, strip) => {
                for printable in strip.strip_next(buf) {
                    out.write_all(printable)?;
                }
                return Ok(buf.len());
            }
            State::Gone => unreachable!("restored before returning"),
        };
        let mut start = 0;
        let mut i = 0;
        while let Some(at) = buf[i..].iter().position(|&b| is_control(b)) {
            i += at;
            out.write_all(&buf[start..i])?;
            match style_len(&buf[i..]) {
                Some(n) => {
                    i += n;
                    start = i;
                }
                None => {
                    self.exact(&buf[i..])?;
                    return Ok(buf.len());
                }
            }
        }
        out.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.state {
            State::Fast(out) | State::Exact(out, _) => out.flush(),
            State::Gone => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Plain` writes for `pieces`, each one write, against what `anstream` writes.
    /// The flag: whether `Plain` stayed on its fast path.
    fn both(pieces: &[&[u8]]) -> (Vec<u8>, Vec<u8>, bool) {
        let mut plain = Plain::new(Vec::new());
        let mut strip = anstream::StripStream::new(Vec::new());
        for p in pieces {
            plain.write_all(p).unwrap();
            strip.write_all(p).unwrap();
        }
        plain.flush().unwrap();
        let (out, fast) = match plain.state {
            State::Fast(out) => (out, true),
            State::Exact(out, _) => (out, false),
            State::Gone => unreachable!(),
        };
        (out.into_inner().unwrap(), strip.into_inner(), fast)
    }

    #[test]
    fn drops_styles_as_anstream_does() {
        let red = crate::render::ERROR;
        let styled = format!(
            "{red}Overdue{red:#}\n  2026-11-21  {}x{:#}\tZoë «ok»\r\n",
            crate::render::DIM,
            crate::render::DIM
        );
        let (plain, strip, fast) = both(&[styled.as_bytes(), "\u{9b}é".as_bytes()]);
        assert_eq!(plain, strip);
        assert!(fast, "styles alone keep the fast path");
        assert_eq!(
            String::from_utf8(plain).unwrap(),
            "Overdue\n  2026-11-21  x\tZoë «ok»\r\n\u{9b}é"
        );
    }

    #[test]
    fn control_characters_and_other_sequences_are_left_to_anstream() {
        for text in [
            "a\x07b\x1b[1mc",
            "a\x1b]0;title\x07b",
            "a\x1b[2Jb\x1b[1mc",
            "x\x7fy",
            "\x1b[1",
            "split \x1b[",
            "\x1b[1;2m\x1b[0m\x00z",
        ] {
            let (plain, strip, _) = both(&[text.as_bytes(), b"1m after\x1b[1m"]);
            assert_eq!(plain, strip, "{text:?}");
        }
    }
}
