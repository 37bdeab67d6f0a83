//! JS data as an [`ImportSource`]: the import reads a JS buffer or string a
//! block at a time instead of copying it whole into the instance's memory
//! (WebAssembly memory keeps its high-water mark: a 20 MB export copied in
//! whole, next to the activities read from it, stays paid for).

use crate::core::import::{hash_more, import_reader, ImportLimits, ImportReport, ImportSource};
use js_sys::{JsString, Uint8Array};
use std::io;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// Bytes copied out of a JS buffer at a time.
const BYTES: u32 = 64 * 1024;

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

impl ImportSource for JsBytes {
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

    fn rewind(&mut self) -> io::Result<()> {
        self.at = 0;
        Ok(())
    }

    fn byte_len(&self) -> Option<usize> {
        Some(self.array.length() as usize)
    }
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `TextEncoder`.
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    /// Encodes `source` as UTF-8 into `dest` (a view of the instance's
    /// memory: nothing is copied on the way) as far as whole characters fit.
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsString, dest: &mut [u8]) -> Encoded;
    /// What `encodeInto` did.
    type Encoded;
    /// UTF-16 units read.
    #[wasm_bindgen(method, getter)]
    fn read(this: &Encoded) -> u32;
    /// Bytes written.
    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> u32;
}

/// A JS string, read as UTF-8 in blocks, encoded by the browser straight
/// into the import's buffer (as `String::from` would encode it whole: a lone
/// surrogate becomes U+FFFD). Its length in bytes is not known without
/// encoding it, so the size limit is checked as it is read.
pub struct JsText {
    text: JsString,
    /// Next UTF-16 unit to encode.
    at: u32,
    encoder: TextEncoder,
}

impl JsText {
    pub fn new(text: JsString) -> JsText {
        JsText {
            text,
            at: 0,
            encoder: TextEncoder::new(),
        }
    }
}

impl ImportSource for JsText {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let len = self.text.length();
        if self.at >= len || buf.is_empty() {
            return Ok(0);
        }
        // At most a unit a byte (the browser would read the whole rest of
        // the string for each block), never between the two halves of a
        // surrogate pair (each half alone would become U+FFFD).
        let mut end = len.min(
            self.at
                .saturating_add(u32::try_from(buf.len()).unwrap_or(u32::MAX)),
        );
        if end < len && (55296.0..56320.0).contains(&self.text.char_code_at(end - 1)) {
            end -= 1;
        }
        let done = self
            .encoder
            .encode_into(&self.text.slice(self.at, end), buf);
        if done.read() == 0 {
            // Not even one character fits (the import reads blocks of
            // kilobytes: this does not happen).
            return Err(io::ErrorKind::WriteZero.into());
        }
        self.at += done.read();
        Ok(done.written() as usize)
    }

    fn rewind(&mut self) -> io::Result<()> {
        self.at = 0;
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

/// A hash of a JS buffer's bytes, to tell whether a source changed (the
/// next poll's bytes against these), read in blocks.
pub fn content_hash(buffer: &JsValue) -> u64 {
    let array = bytes_of(buffer);
    let mut h = u64::from(array.length());
    let mut src = JsBytes::new(array);
    let mut block = vec![0u8; BYTES as usize];
    // Every block but the last is whole (BYTES, a multiple of eight).
    while let Ok(n @ 1..) = src.read(&mut block) {
        h = hash_more(h, block.get(..n).unwrap_or_default());
    }
    h
}
