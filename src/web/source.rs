//! JS data as an [`ImportSource`]: the import reads a JS buffer or string a
//! block at a time instead of copying it whole into the instance's memory
//! (WebAssembly memory keeps its high-water mark: a 20 MB export copied in
//! whole, next to the activities read from it, stays paid for).

use crate::core::import::{import_reader, ImportLimits, ImportReport, ImportSource};
use js_sys::{JsString, Uint8Array};
use std::io::{self, Read};
use wasm_bindgen::{JsCast, JsValue};

/// Bytes copied out of a JS buffer at a time.
const BYTES: u32 = 64 * 1024;
/// UTF-16 units of a JS string encoded at a time (at most 3 bytes each).
const UNITS: u32 = 16 * 1024;

/// A `Uint8Array` (or an `ArrayBuffer` seen through one), read in blocks.
pub struct JsBytes {
    array: Uint8Array,
    at: u32,
}

impl JsBytes {
    pub fn new(array: Uint8Array) -> JsBytes {
        JsBytes { array, at: 0 }
    }
}

impl Read for JsBytes {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let len = self.array.length();
        let want = u32::try_from(buf.len()).unwrap_or(u32::MAX).min(BYTES);
        let end = self.at.saturating_add(want).min(len);
        let n = (end - self.at) as usize;
        if n == 0 {
            return Ok(0);
        }
        if let Some(to) = buf.get_mut(..n) {
            self.array.subarray(self.at, end).copy_to(to);
        }
        self.at = end;
        Ok(n)
    }
}

impl ImportSource for JsBytes {
    fn rewind(&mut self) -> io::Result<()> {
        self.at = 0;
        Ok(())
    }

    fn byte_len(&self) -> Option<usize> {
        Some(self.array.length() as usize)
    }
}

/// A JS string, read as UTF-8 in blocks (as `String::from` would encode it
/// whole: a lone surrogate becomes U+FFFD). Its length in bytes is not known
/// without encoding it, so the size limit is checked as it is read.
pub struct JsText {
    text: JsString,
    /// Next UTF-16 unit to encode.
    at: u32,
    block: Vec<u8>,
    pos: usize,
}

impl JsText {
    pub fn new(text: JsString) -> JsText {
        JsText {
            text,
            at: 0,
            block: Vec::new(),
            pos: 0,
        }
    }
}

impl Read for JsText {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.block.len() {
            let len = self.text.length();
            if self.at >= len {
                return Ok(0);
            }
            let mut end = self.at.saturating_add(UNITS).min(len);
            // Never between the two halves of a surrogate pair.
            if end < len && (0xD800..0xDC00).contains(&(self.text.char_code_at(end - 1) as u32)) {
                end -= 1;
            }
            let piece = String::from(self.text.slice(self.at, end));
            self.at = end;
            self.block = piece.into_bytes();
            self.pos = 0;
        }
        let have = self.block.get(self.pos..).unwrap_or_default();
        let n = have.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), have.get(..n)) {
            to.copy_from_slice(from);
        }
        self.pos += n;
        Ok(n)
    }
}

impl ImportSource for JsText {
    fn rewind(&mut self) -> io::Result<()> {
        self.at = 0;
        self.block.clear();
        self.pos = 0;
        Ok(())
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.text.length() as usize)
    }
}

/// A JS buffer (`ArrayBuffer` or `Uint8Array`) seen as bytes.
fn bytes_of(buffer: &JsValue) -> Uint8Array {
    match buffer.dyn_ref::<Uint8Array>() {
        Some(a) => a.clone(),
        None => Uint8Array::new(buffer),
    }
}

/// Reads `source` with the default limits.
fn import(source: &mut dyn ImportSource) -> Result<ImportReport, String> {
    import_reader(source, &ImportLimits::default())
        .map(|o| o.report)
        .map_err(|e| e.to_string())
}

/// Imports a JS buffer (`ArrayBuffer` or `Uint8Array`) with the default
/// limits, reading it in blocks.
pub fn import_buffer(buffer: &JsValue) -> Result<ImportReport, String> {
    import(&mut JsBytes::new(bytes_of(buffer)))
}

/// Imports a JS string with the default limits, encoding it in blocks.
pub fn import_text(text: &JsString) -> Result<ImportReport, String> {
    import(&mut JsText::new(text.clone()))
}

/// A hash of a JS buffer's bytes, to tell whether a source changed,
/// computed in blocks (the hasher reads its input as a stream, so the hash
/// is that of the bytes whole).
pub fn content_hash(buffer: &JsValue) -> u64 {
    use std::hash::Hasher;
    let array = bytes_of(buffer);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut src = JsBytes::new(array.clone());
    let mut block = vec![0u8; BYTES as usize];
    while let Ok(n) = src.read(&mut block) {
        if n == 0 {
            break;
        }
        h.write(block.get(..n).unwrap_or_default());
    }
    h.write_usize(array.length() as usize);
    h.finish()
}
