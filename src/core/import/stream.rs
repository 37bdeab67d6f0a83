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
/// first byte. (Not an `io::Read`: a reader's other methods would be built
/// for every source the import is given.)
pub trait ImportSource {
    /// Reads the next bytes into `buf`, as [`Read::read`] does: how many,
    /// 0 at the end.
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize>;

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
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        Read::read(self, buf)
    }

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
    /// The first byte that is not UTF-8 (mode [`Mode::Utf8`]): the byte and
    /// its offset (its line: [`line_of`]). The import starts again as
    /// Windows-1252.
    pub not_utf8: Option<(u8, usize)>,
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
            block: Vec::new(),
            out: String::new(),
            pos: 0,
            offset: 0,
            eof: false,
            started: false,
            bad: 0,
            lossy: None,
            mark: self.mode.skip(),
        };
        d.skip(skip)?;
        Ok(d)
    }
}

/// The text of a source as UTF-8: read as bytes ([`Read`]), or a piece of
/// text at a time ([`Decoder::text`], [`Decoder::more`], [`Decoder::consume`]).
pub(crate) struct Decoder<'t> {
    src: &'t mut dyn ImportSource,
    findings: &'t mut Findings,
    mode: Mode,
    max_bytes: usize,
    /// Bytes read and not decoded yet (a sequence cut by the block's end).
    raw: Vec<u8>,
    /// Room for a block read.
    block: Vec<u8>,
    /// Decoded text not handed out yet: `out[pos..]` (whole characters:
    /// a sequence cut by a block's end waits in `raw`).
    out: String,
    pos: usize,
    /// Bytes read from the source.
    offset: usize,
    eof: bool,
    /// Whether the first character was decoded (UTF-16 drops a mark there).
    started: bool,
    /// Unpaired surrogates (UTF-16).
    bad: usize,
    /// The first byte that is not UTF-8 after a UTF-8 mark, and its offset.
    lossy: Option<(u8, usize)>,
    /// Bytes of the byte-order mark not read yet (they are not text).
    mark: usize,
}

/// Reads from `src`, again when interrupted.
pub(crate) fn read_source(src: &mut dyn ImportSource, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match src.read(buf) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// The error of a reading that stopped: the findings say why.
fn stop() -> io::Error {
    io::ErrorKind::Other.into()
}

impl Decoder<'_> {
    fn account(&mut self, n: usize) -> io::Result<usize> {
        self.offset += n;
        if self.offset > self.max_bytes {
            self.findings.too_large = true;
            return Err(stop());
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
            if !self.more()? {
                return Ok(());
            }
        }
    }

    /// The text decoded and not consumed yet (empty before the first
    /// [`Decoder::more`]).
    pub(crate) fn text(&self) -> &str {
        self.out.get(self.pos..).unwrap_or_default()
    }

    /// Consumes the first `n` bytes of [`Decoder::text`].
    pub(crate) fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.out.len());
    }

    /// Decodes more text after [`Decoder::text`] (which is kept): at least
    /// as much again (so that a value longer than a block is looked at only
    /// a few times), or to the end; false at the end of the text.
    pub(crate) fn more(&mut self) -> io::Result<bool> {
        self.forget();
        let have = self.out.len();
        let want = have + have.max(4096);
        while self.out.len() < want && !self.eof {
            self.read_block()?;
        }
        Ok(self.out.len() > have)
    }

    /// Drops the text consumed (a character cut by a read stays whole).
    fn forget(&mut self) {
        let mut at = self.pos;
        while !self.out.is_char_boundary(at) {
            at -= 1;
        }
        self.out.drain(..at);
        self.pos -= at;
    }

    /// Decodes more text until at least four bytes wait or the text ends;
    /// false when nothing is left. (The CSV reader drops a byte-order mark
    /// at its start only when its first read holds all three bytes of it:
    /// so every read does.)
    fn fill(&mut self) -> io::Result<bool> {
        self.forget();
        while self.out.len() - self.pos < 4 && !self.eof {
            self.read_block()?;
        }
        Ok(self.out.len() > self.pos)
    }

    /// Reads a block from the source and decodes it.
    fn read_block(&mut self) -> io::Result<()> {
        if self.findings.not_utf8.is_some() || self.findings.too_large {
            return Err(stop());
        }
        // Small blocks first: most inputs are small, and a look at the
        // start of the text reads only its first bytes.
        let size = self.offset.clamp(4096, BLOCK);
        // The bytes left over go first (a sequence cut by the last block's
        // end: three bytes at most).
        let kept = self.raw.len();
        if self.block.len() < kept + size {
            self.block.resize(kept + size, 0);
        }
        let mut block = std::mem::take(&mut self.block);
        if let Some(to) = block.get_mut(..kept) {
            to.copy_from_slice(&self.raw);
        }
        let read = read_source(
            self.src,
            block.get_mut(kept..kept + size).unwrap_or_default(),
        );
        let result = read.and_then(|n| self.account(n)).and_then(|n| {
            self.eof = n == 0;
            let mark = self.mark.min(n);
            self.mark -= mark;
            let bytes = block.get(mark..kept + n).unwrap_or_default();
            let used = self.decode(bytes)?;
            self.raw.clear();
            self.raw
                .extend_from_slice(bytes.get(used..).unwrap_or_default());
            Ok(())
        });
        self.block = block;
        result?;
        if self.eof {
            self.finish()?;
        }
        Ok(())
    }

    /// Decodes `raw` (the bytes read and not decoded yet); returns how many
    /// were decoded (the rest is a sequence cut by the block's end).
    fn decode(&mut self, raw: &[u8]) -> io::Result<usize> {
        match self.mode {
            Mode::Utf8 | Mode::Utf8Bom => self.decode_utf8(raw),
            Mode::Utf16 { big_endian, .. } => Ok(self.decode_utf16(raw, big_endian)),
            Mode::Windows1252 => {
                self.out
                    .extend(raw.iter().map(|&b| super::text::windows_1252(b)));
                Ok(raw.len())
            }
        }
    }

    fn decode_utf8(&mut self, raw: &[u8]) -> io::Result<usize> {
        // Offset in the source of raw[0].
        let base = self.offset - raw.len();
        // A sequence cut by the block's end waits for the next block (so
        // that the text is checked once).
        let whole = if self.eof {
            raw.len()
        } else {
            whole_chars(raw)
        };
        let mut from = 0;
        loop {
            let rest = raw.get(from..whole).unwrap_or_default();
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.out.push_str(s);
                    return Ok(whole);
                }
                Err(e) => {
                    let (valid, _) = rest.split_at(e.valid_up_to());
                    let valid = std::str::from_utf8(valid).unwrap_or_default();
                    self.out.push_str(valid);
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
                        self.findings.not_utf8 = Some((byte, offset));
                        return Err(stop());
                    }
                    if self.lossy.is_none() {
                        self.lossy = Some((byte, offset));
                    }
                    self.out.push('\u{FFFD}');
                    from = i + bad_len;
                }
            }
        }
    }

    fn decode_utf16(&mut self, raw: &[u8], big_endian: bool) -> usize {
        let unit = |pair: &[u8]| match pair {
            [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
            [a, b] => u16::from_le_bytes([*a, *b]),
            _ => 0xFFFD,
        };
        let mut n = raw.len() / 2;
        // A high surrogate at the block's end waits for its pair.
        let last = raw.get((n * 2).saturating_sub(2)..n * 2).map(unit);
        if !self.eof && last.is_some_and(|u| (0xD800..0xDC00).contains(&u)) {
            n -= 1;
        }
        let units = raw.chunks_exact(2).map(unit);
        let start = self.out.len();
        for c in char::decode_utf16(units.take(n)) {
            self.out.push(c.unwrap_or_else(|_| {
                self.bad += 1;
                '\u{FFFD}'
            }));
        }
        if !self.started && self.out.len() > start {
            self.started = true;
            // A mark inside (some tools write one per chunk) is not text.
            if self
                .out
                .get(start..)
                .is_some_and(|t| t.starts_with('\u{FEFF}'))
            {
                self.out.replace_range(start..start + 3, "");
            }
        }
        n * 2
    }

    /// At the end: the warnings of this reading.
    fn finish(&mut self) -> io::Result<()> {
        let mut warnings = Vec::new();
        match self.mode {
            Mode::Utf8Bom => {
                if let Some((byte, offset)) = self.lossy {
                    let line = line_of(self.src, offset)?;
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
        Ok(())
    }
}

/// The line of byte `offset` of `src` (read again from the first byte: only
/// for a warning, so that lines are not counted while all goes well).
pub(crate) fn line_of(src: &mut dyn ImportSource, offset: usize) -> io::Result<usize> {
    count(src, offset).map(|(_, lines)| lines + 1)
}

/// The length of `src`, counted.
pub(crate) fn byte_count(src: &mut dyn ImportSource) -> io::Result<usize> {
    count(src, usize::MAX).map(|(bytes, _)| bytes)
}

/// The bytes (up to `most`) of `src` and the line breaks among them.
fn count(src: &mut dyn ImportSource, most: usize) -> io::Result<(usize, usize)> {
    src.rewind()?;
    let mut block = vec![0u8; BLOCK];
    let (mut at, mut lines) = (0, 0);
    while at < most {
        let n = read_source(
            src,
            block.get_mut(..BLOCK.min(most - at)).unwrap_or_default(),
        )?;
        if n == 0 {
            break;
        }
        lines += count_lf(block.get(..n).unwrap_or_default());
        at += n;
    }
    Ok((at, lines))
}

/// The length of `bytes` without a UTF-8 sequence cut at its end.
fn whole_chars(bytes: &[u8]) -> usize {
    let n = bytes.len();
    for back in 1..=n.min(3) {
        let b = bytes.get(n - back).copied().unwrap_or(0);
        if b & 0xC0 != 0x80 {
            // The lead byte of the last sequence: is it complete?
            let len = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if len > back { n - back } else { n };
        }
    }
    n
}

fn count_lf(bytes: &[u8]) -> usize {
    super::csv_input::count_byte(bytes, b'\n')
}

impl Read for Decoder<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out.len() - self.pos < 4 && !self.eof && !self.fill()? {
            return Ok(0);
        }
        let have = self.out.as_bytes().get(self.pos..).unwrap_or_default();
        let n = have.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), have.get(..n)) {
            to.copy_from_slice(from);
        }
        self.pos += n;
        Ok(n)
    }
}

/// A reader that keeps what it handed out from some offset on (when it
/// keeps anything), so that the CSV reader can look at the bytes around a
/// record (line breaks) after reading it. The caller forgets bytes it no
/// longer needs.
pub(crate) struct Window<R> {
    inner: R,
    keep: bool,
    kept: Vec<u8>,
    /// Offset of `kept[0]` in the text.
    base: usize,
}

impl<R: Read> Window<R> {
    pub(crate) fn new(inner: R, keep: bool) -> Window<R> {
        Window {
            inner,
            keep,
            kept: Vec::new(),
            base: 0,
        }
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
        if self.keep {
            self.kept
                .extend_from_slice(buf.get(..n).unwrap_or_default());
        }
        Ok(n)
    }
}

/// A byte slice read in pieces of at most `step` bytes, its length unsaid:
/// how a network or a JS string hands an export over. The tests read every
/// input through it, in pieces of every size, to the outcome of the slice.
pub struct Pieces<'a> {
    bytes: &'a [u8],
    at: usize,
    step: usize,
}

impl<'a> Pieces<'a> {
    /// `bytes`, at most `step` bytes a read.
    pub fn new(bytes: &'a [u8], step: usize) -> Pieces<'a> {
        Pieces { bytes, at: 0, step }
    }
}

impl ImportSource for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let n = rest.len().min(buf.len()).min(self.step);
        if let (Some(to), Some(from)) = (buf.get_mut(..n), rest.get(..n)) {
            to.copy_from_slice(from);
        }
        self.at += n;
        Ok(n)
    }

    fn rewind(&mut self) -> io::Result<()> {
        self.at = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_any_size_decode_alike() {
        let input = b"\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBF\0\0\0ns\xC3\xA9\xFFz".to_vec();
        for step in 1..8 {
            let mut src = Pieces::new(&input, step);
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
