//! Reading an export in pieces: the bytes come from an [`ImportSource`] a
//! block at a time and are decoded to UTF-8 on the way, so that the whole
//! export is never held in memory next to the activities read from it.
//!
//! The decoding is that of [`super::text`] (byte-order marks, UTF-16,
//! Windows-1252 for bytes that are not UTF-8), block by block. Whether bytes
//! without a mark are UTF-8 is known only at the end; they are read as UTF-8
//! and, at the first byte that is not, the import starts again from the
//! first byte as Windows-1252. The readers also look at the start of the
//! text more than once (where the body starts, the CSV header); each look
//! reads the source again from its first byte.

use super::text::{bom_invalid_warning, odd_utf16_warning, surrogates_warning};
use super::{Problem, TextEncoding};
use std::io::{self, Read};

/// Bytes read from the source at a time.
const BLOCK: usize = 64 * 1024;

/// Where an import reads its bytes from: a reader that can start again at its
/// first byte.
pub trait ImportSource: Read {
    /// Goes back to the first byte.
    fn rewind(&mut self) -> io::Result<()>;

    /// The length in bytes, when known without reading (an input over the
    /// size limit is then refused before anything is read).
    fn byte_len(&self) -> Option<usize> {
        None
    }

    /// About how many bytes there are, for reserving room for the rows once
    /// (the exact length if known).
    fn size_hint(&self) -> Option<usize> {
        self.byte_len()
    }
}

impl<T: AsRef<[u8]>> ImportSource for io::Cursor<T> {
    fn rewind(&mut self) -> io::Result<()> {
        self.set_position(0);
        Ok(())
    }

    fn byte_len(&self) -> Option<usize> {
        Some(self.get_ref().as_ref().len())
    }
}

/// How the bytes are turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// UTF-8 without a mark; a byte that is not UTF-8 stops the reading.
    Utf8,
    /// UTF-8 after a mark; bytes that are not UTF-8 become U+FFFD.
    Utf8Bom,
    /// UTF-16, after a mark of `skip` bytes (0 or 2).
    Utf16 { big_endian: bool, skip: usize },
    /// Every byte a character.
    Windows1252,
}

impl Mode {
    pub(crate) fn encoding(self) -> TextEncoding {
        match self {
            Mode::Utf8 => TextEncoding::Utf8,
            Mode::Utf8Bom => TextEncoding::Utf8Bom,
            Mode::Utf16 {
                big_endian: false, ..
            } => TextEncoding::Utf16Le,
            Mode::Utf16 {
                big_endian: true, ..
            } => TextEncoding::Utf16Be,
            Mode::Windows1252 => TextEncoding::Windows1252,
        }
    }

    /// Bytes of the mark before the text.
    fn skip(self) -> usize {
        match self {
            Mode::Utf8Bom => 3,
            Mode::Utf16 { skip, .. } => skip,
            Mode::Utf8 | Mode::Windows1252 => 0,
        }
    }
}

/// The mode for an input that starts with `head` (its first four bytes, or
/// all of it when shorter), as [`super::text::decode`] chooses it.
pub(crate) fn sniff(head: &[u8]) -> Mode {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return Mode::Utf8Bom;
    }
    if head.starts_with(b"\xFF\xFE") {
        return Mode::Utf16 {
            big_endian: false,
            skip: 2,
        };
    }
    if head.starts_with(b"\xFE\xFF") {
        return Mode::Utf16 {
            big_endian: true,
            skip: 2,
        };
    }
    if let [a, b, c, d, ..] = head {
        if *a != 0 && *b == 0 && *c != 0 && *d == 0 {
            return Mode::Utf16 {
                big_endian: false,
                skip: 0,
            };
        }
        if *a == 0 && *b != 0 && *c == 0 && *d != 0 {
            return Mode::Utf16 {
                big_endian: true,
                skip: 0,
            };
        }
    }
    Mode::Utf8
}

/// What a reading found that changes the whole import.
#[derive(Debug, Clone, Default)]
pub(crate) struct Findings {
    /// The first byte that is not UTF-8 (mode [`Mode::Utf8`]): the byte,
    /// its offset and its line. The import starts again as Windows-1252.
    pub not_utf8: Option<(u8, usize, usize)>,
    /// The input is longer than the limit: its length so far.
    pub too_large: bool,
    /// The warnings of the last reading that reached the end.
    pub warnings: Vec<Problem>,
    /// Whether the last reading opened reached the end.
    pub complete: bool,
}

/// A source being read as text: opened once per look at the text.
pub(crate) struct Text<'s> {
    src: &'s mut dyn ImportSource,
    pub mode: Mode,
    max_bytes: usize,
    pub findings: Findings,
}

impl<'s> Text<'s> {
    pub(crate) fn new(src: &'s mut dyn ImportSource, mode: Mode, max_bytes: usize) -> Text<'s> {
        Text {
            src,
            mode,
            max_bytes,
            findings: Findings::default(),
        }
    }

    /// About how many bytes the source holds.
    pub(crate) fn size_hint(&self) -> Option<usize> {
        self.src.size_hint()
    }

    /// Whether a reading found that the import must stop or start again.
    pub(crate) fn interrupted(&self) -> bool {
        self.findings.not_utf8.is_some() || self.findings.too_large
    }

    /// The text from its first byte, `skip` bytes (of UTF-8) left out.
    pub(crate) fn open(&mut self, skip: usize) -> io::Result<Decoder<'_>> {
        self.src.rewind()?;
        self.findings.complete = false;
        let mut d = Decoder {
            src: &mut *self.src,
            findings: &mut self.findings,
            mode: self.mode,
            max_bytes: self.max_bytes,
            raw: Vec::new(),
            out: Vec::new(),
            pos: 0,
            offset: 0,
            newlines: 0,
            eof: false,
            started: false,
            high: None,
            bad: 0,
            lossy: None,
        };
        let mut mark = self.mode.skip();
        while mark > 0 {
            let mut b = [0u8; 3];
            let n = d.src_read(b.get_mut(..mark).unwrap_or_default())?;
            if n == 0 {
                break;
            }
            mark -= n;
        }
        d.skip(skip)?;
        Ok(d)
    }
}

/// The text of a source as UTF-8 bytes.
pub(crate) struct Decoder<'t> {
    src: &'t mut dyn ImportSource,
    findings: &'t mut Findings,
    mode: Mode,
    max_bytes: usize,
    /// Bytes read and not decoded yet (a sequence cut by the block's end).
    raw: Vec<u8>,
    /// Decoded text not handed out yet: `out[pos..]`.
    out: Vec<u8>,
    pos: usize,
    /// Bytes read from the source.
    offset: usize,
    /// Line breaks before the first byte that is not UTF-8 (UTF-8 modes).
    newlines: usize,
    eof: bool,
    /// Whether the first character was decoded (UTF-16 drops a mark there).
    started: bool,
    /// A high surrogate waiting for its pair (UTF-16).
    high: Option<u16>,
    /// Unpaired surrogates (UTF-16).
    bad: usize,
    /// The first byte that is not UTF-8 after a UTF-8 mark, its offset and line.
    lossy: Option<(u8, usize, usize)>,
}

/// Reads from `src`, again when interrupted.
fn read_source(src: &mut dyn ImportSource, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match src.read(buf) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

fn stop(what: &str) -> io::Error {
    io::Error::other(what.to_string())
}

impl Decoder<'_> {
    fn src_read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = read_source(self.src, buf)?;
        self.account(n)
    }

    fn account(&mut self, n: usize) -> io::Result<usize> {
        self.offset += n;
        if self.offset > self.max_bytes {
            self.findings.too_large = true;
            return Err(stop("the input is too large"));
        }
        Ok(n)
    }

    /// Leaves out the next `n` bytes of text.
    fn skip(&mut self, mut n: usize) -> io::Result<()> {
        while n > 0 {
            if self.pos == self.out.len() && !self.fill()? {
                return Ok(());
            }
            let k = n.min(self.out.len() - self.pos);
            self.pos += k;
            n -= k;
        }
        Ok(())
    }

    /// Reads to the end (so that the findings cover every byte).
    pub(crate) fn drain(&mut self) -> io::Result<()> {
        loop {
            self.pos = self.out.len();
            if !self.fill()? {
                return Ok(());
            }
        }
    }

    /// Decodes more text into `out` (keeping what was not handed out) until
    /// it holds at least four bytes or the text ends; false when nothing is
    /// left. (The CSV reader drops a byte-order mark at its start only when
    /// its first read holds all three bytes of it: so every read does.)
    fn fill(&mut self) -> io::Result<bool> {
        if self.pos > 0 {
            self.out.drain(..self.pos);
            self.pos = 0;
        }
        if self.findings.not_utf8.is_some() || self.findings.too_large {
            return Err(stop("the reading stopped"));
        }
        while self.out.len() < 4 && !self.eof {
            let have = self.raw.len();
            // Small blocks first: most inputs are small, and a look at the
            // start of the text reads only its first bytes.
            let block = self.offset.clamp(4096, BLOCK);
            self.raw.resize(have + block, 0);
            let read = read_source(self.src, self.raw.get_mut(have..).unwrap_or_default())
                .and_then(|n| self.account(n));
            let n = match read {
                Ok(n) => n,
                Err(e) => {
                    self.raw.truncate(have);
                    return Err(e);
                }
            };
            self.raw.truncate(have + n);
            if n == 0 {
                self.eof = true;
            }
            self.decode()?;
            if self.eof {
                self.finish();
            }
        }
        Ok(!self.out.is_empty())
    }

    fn decode(&mut self) -> io::Result<()> {
        match self.mode {
            Mode::Utf8 | Mode::Utf8Bom => self.decode_utf8(),
            Mode::Utf16 { big_endian, .. } => {
                self.decode_utf16(big_endian);
                Ok(())
            }
            Mode::Windows1252 => {
                let mut s = String::with_capacity(self.raw.len() + self.raw.len() / 2);
                s.extend(self.raw.iter().map(|&b| super::text::windows_1252(b)));
                self.raw.clear();
                self.out.extend_from_slice(s.as_bytes());
                Ok(())
            }
        }
    }

    fn decode_utf8(&mut self) -> io::Result<()> {
        let raw = std::mem::take(&mut self.raw);
        let result = self.decode_utf8_from(&raw);
        let left = match result {
            Ok(left) => left,
            Err(e) => {
                self.raw = raw;
                return Err(e);
            }
        };
        self.raw = raw;
        self.raw.drain(..left);
        Ok(())
    }

    /// Decodes `raw` (the bytes read, `self.raw` taken out); returns how
    /// many were decoded (the rest is a sequence cut by the block's end).
    fn decode_utf8_from(&mut self, raw: &[u8]) -> io::Result<usize> {
        // Offset in the source of raw[0].
        let base = self.offset - raw.len();
        let mut from = 0;
        loop {
            let rest = raw.get(from..).unwrap_or_default();
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.count_lines(s.as_bytes());
                    self.out.extend_from_slice(s.as_bytes());
                    return Ok(raw.len());
                }
                Err(e) => {
                    let valid = rest.get(..e.valid_up_to()).unwrap_or_default();
                    self.count_lines(valid);
                    self.out.extend_from_slice(valid);
                    let i = from + e.valid_up_to();
                    let bad_len = match e.error_len() {
                        Some(k) => k,
                        // Cut by the block's end: wait for the next one.
                        None if !self.eof => return Ok(i),
                        None => rest.len() - e.valid_up_to(),
                    };
                    let byte = raw.get(i).copied().unwrap_or(0);
                    let offset = base + i;
                    if self.mode == Mode::Utf8 {
                        self.findings.not_utf8 = Some((byte, offset, self.newlines + 1));
                        return Err(stop("the input is not UTF-8"));
                    }
                    if self.lossy.is_none() {
                        self.lossy = Some((byte, offset, self.newlines + 1));
                    }
                    self.out.extend_from_slice("\u{FFFD}".as_bytes());
                    from = i + bad_len;
                }
            }
        }
    }

    fn count_lines(&mut self, bytes: &[u8]) {
        if self.lossy.is_none() {
            self.newlines += count_lf(bytes);
        }
    }

    fn decode_utf16(&mut self, big_endian: bool) {
        let pairs = self.raw.len() / 2;
        let mut s = String::with_capacity(self.raw.len());
        for pair in self.raw.chunks_exact(2) {
            let unit = match pair {
                [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
                [a, b] => u16::from_le_bytes([*a, *b]),
                _ => 0xFFFD,
            };
            if let Some(high) = self.high.take() {
                if (0xDC00..0xE000).contains(&unit) {
                    let c =
                        0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    s.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    continue;
                }
                self.bad += 1;
                s.push('\u{FFFD}');
            }
            if (0xD800..0xDC00).contains(&unit) {
                self.high = Some(unit);
            } else if (0xDC00..0xE000).contains(&unit) {
                self.bad += 1;
                s.push('\u{FFFD}');
            } else {
                s.push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'));
            }
        }
        self.raw.drain(..pairs * 2);
        if self.eof && self.high.take().is_some() {
            self.bad += 1;
            s.push('\u{FFFD}');
        }
        let mut text = s.as_str();
        if !self.started && !text.is_empty() {
            self.started = true;
            // A mark inside (some tools write one per chunk) is not text.
            text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        }
        self.out.extend_from_slice(text.as_bytes());
    }

    /// At the end: the warnings of this reading.
    fn finish(&mut self) {
        let mut warnings = Vec::new();
        match self.mode {
            Mode::Utf8Bom => {
                if let Some((byte, offset, line)) = self.lossy {
                    warnings.push(bom_invalid_warning(byte, offset, line));
                }
            }
            Mode::Utf16 { .. } => {
                if self.bad > 0 {
                    warnings.push(surrogates_warning(self.bad));
                }
                if self.raw.len() % 2 == 1 {
                    warnings.push(odd_utf16_warning());
                }
                self.raw.clear();
            }
            Mode::Utf8 | Mode::Windows1252 => {}
        }
        self.findings.warnings = warnings;
        self.findings.complete = true;
    }
}

fn count_lf(bytes: &[u8]) -> usize {
    super::csv_input::count_byte(bytes, b'\n')
}

impl Read for Decoder<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out.len() - self.pos < 4 && !self.eof && !self.fill()? {
            return Ok(0);
        }
        let have = self.out.get(self.pos..).unwrap_or_default();
        let n = have.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), have.get(..n)) {
            to.copy_from_slice(from);
        }
        self.pos += n;
        Ok(n)
    }
}

/// A reader that keeps what it handed out from some offset on, so that the
/// CSV reader can look at the bytes around a record (line breaks) after
/// reading it. The caller forgets bytes it no longer needs.
pub(crate) struct Window<R> {
    inner: R,
    kept: Vec<u8>,
    /// Offset of `kept[0]` in the text.
    base: usize,
}

impl<R: Read> Window<R> {
    pub(crate) fn new(inner: R) -> Window<R> {
        Window {
            inner,
            kept: Vec::new(),
            base: 0,
        }
    }

    pub(crate) fn inner_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// The bytes from `from` to `to` (offsets in the text), as far as read.
    pub(crate) fn range(&self, from: usize, to: usize) -> &[u8] {
        let end = to.saturating_sub(self.base).min(self.kept.len());
        from.checked_sub(self.base)
            .and_then(|a| self.kept.get(a..end))
            .unwrap_or_default()
    }

    /// The byte at `at`, if read and kept.
    pub(crate) fn byte(&self, at: usize) -> Option<u8> {
        at.checked_sub(self.base)
            .and_then(|i| self.kept.get(i))
            .copied()
    }

    /// Everything read from `from` on.
    pub(crate) fn from(&self, from: usize) -> &[u8] {
        self.range(from, usize::MAX)
    }

    /// Forgets the bytes before `at`.
    pub(crate) fn forget_before(&mut self, at: usize) {
        let n = at.saturating_sub(self.base).min(self.kept.len());
        if n >= BLOCK {
            self.kept.drain(..n);
            self.base += n;
        }
    }
}

impl<R: Read> Read for Window<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.kept
            .extend_from_slice(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pieces {
        bytes: Vec<u8>,
        at: usize,
        step: usize,
    }

    impl Read for Pieces {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let rest = self.bytes.get(self.at..).unwrap_or_default();
            let n = rest.len().min(buf.len()).min(self.step);
            buf[..n].copy_from_slice(&rest[..n]);
            self.at += n;
            Ok(n)
        }
    }

    impl ImportSource for Pieces {
        fn rewind(&mut self) -> io::Result<()> {
            self.at = 0;
            Ok(())
        }
    }

    #[test]
    fn blocks_of_any_size_decode_alike() {
        let input = b"\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBF\0\0\0ns\xC3\xA9\xFFz".to_vec();
        for step in 1..8 {
            let mut src = Pieces {
                bytes: input.clone(),
                at: 0,
                step,
            };
            let mut text = Text::new(&mut src, Mode::Utf8Bom, usize::MAX);
            for skip in [0, 3, 7] {
                let mut out = Vec::new();
                text.open(skip).unwrap().read_to_end(&mut out).unwrap();
                let want = "\u{FEFF}\u{FEFF}\0\0\0ns\u{e9}\u{FFFD}z".as_bytes();
                assert_eq!(out, want.get(skip..).unwrap(), "step {step}, skip {skip}");
            }
            // The CSV reader sees a mark at the start whatever the blocks.
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(text.open(3).unwrap());
            let mut rec = csv::StringRecord::new();
            assert!(r.read_record(&mut rec).unwrap(), "step {step}");
            assert_eq!(rec.get(0), Some("\0\0\0ns\u{e9}\u{FFFD}z"), "step {step}");
        }
    }
}
