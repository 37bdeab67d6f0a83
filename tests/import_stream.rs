//! The import from a reader (`import_reader`, used by the widgets so that the
//! export is never held whole) gives what the import of the whole slice
//! (`import_with`) gives: the same activities, problems, encoding and errors,
//! however the reader cuts the bytes. And it keeps less: the peak of the
//! heap during the import stays below the size of the export.

use kyoto_widgets::core::import::{import_reader, import_with, ImportLimits, Pieces};
use kyoto_widgets::core::synth::{synthetic_csv, synthetic_json};
use std::alloc::{GlobalAlloc, Layout, System};
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts the bytes allocated: now and the most since the last reset.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: delegates to the system allocator and only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            let now = NOW.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            NOW.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Held by every test here: the counts are of the whole process, so the
/// test that measures runs alone.
static ALONE: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ALONE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Where two outcomes differ, shortly (the whole of them is long).
fn check<T: std::fmt::Debug + PartialEq>(read: &T, whole: &T, what: &str) {
    if read == whole {
        return;
    }
    let (a, b) = (format!("{read:?}"), format!("{whole:?}"));
    let at = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let near = |s: &str| -> String {
        s.chars()
            .skip(a[..at].chars().count().saturating_sub(150))
            .take(400)
            .collect()
    };
    panic!(
        "{what}: from a reader\n  {}\nfrom the slice\n  {}",
        near(&a),
        near(&b)
    );
}

fn same(bytes: &[u8], limits: &ImportLimits, what: &str, steps: &[usize]) {
    let whole = import_with(bytes, limits);
    for &step in steps {
        let mut src = Pieces::new(bytes, step);
        let read = import_reader(&mut src, limits);
        check(
            &read,
            &whole,
            &format!("{what}, read {step} bytes at a time"),
        );
    }
    let mut cursor = io::Cursor::new(bytes);
    check(
        &import_reader(&mut cursor, limits),
        &whole,
        &format!("{what}, cursor"),
    );
}

fn files(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if let Ok(b) = std::fs::read(&p) {
            out.push((p.display().to_string(), b));
        }
    }
}

#[test]
fn fixtures_and_fuzz_inputs_read_alike() {
    let _alone = alone();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    files(&root.join("tests/fixtures"), &mut inputs);
    files(&root.join("fuzz/regressions"), &mut inputs);
    let fixtures = inputs.len();
    files(&root.join("fuzz/corpus/csv_import"), &mut inputs);
    files(&root.join("fuzz/corpus/json_import"), &mut inputs);
    assert!(inputs.len() > 100, "{} inputs", inputs.len());
    let limits = ImportLimits::default();
    for (i, (name, bytes)) in inputs.iter().enumerate() {
        // Byte by byte for the fixtures; the corpora (thousands) in blocks
        // of a few bytes, so that marks and sequences are cut.
        let steps: &[usize] = if i < fixtures { &[1, 5, 4096] } else { &[3] };
        same(bytes, &limits, name, steps);
    }
}

#[test]
fn encodings_read_alike_across_blocks() {
    let _alone = alone();
    // Long enough to cross the reader's 64 KB blocks, with the special
    // bytes after the first block.
    let mut body = synthetic_csv(600, 3);
    body.push_str("X-1,Café « € »,21,ongoing\n");
    let utf8 = body.as_bytes().to_vec();
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), &utf8].concat();
    let mut not_utf8 = utf8.clone();
    not_utf8.extend_from_slice(b"X-2,Caf\xE9 \x80,22,planned\n");
    let mut bom_bad = with_bom.clone();
    bom_bad.extend_from_slice(b"X-3,bad \xFF\xC3 here,23,planned\n");
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(body.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(body.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let bare_le: Vec<u8> = body.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut odd = le.clone();
    odd.extend_from_slice(&[0x41, 0xD8, 0x00, 0xDC, 0x3D, 0xD8, 0x41, 0x00, 0x7A]);
    let mut mark_inside = vec![0xFF, 0xFE, 0xFF, 0xFE];
    mark_inside.extend_from_slice(&bare_le);
    let json = synthetic_json(300, 4);
    let mut json_1252 = json.clone().into_bytes();
    json_1252.extend_from_slice(b" \xA0");
    let limits = ImportLimits::default();
    for (what, bytes) in [
        ("utf-8", &utf8),
        ("utf-8 with mark", &with_bom),
        ("windows-1252", &not_utf8),
        ("mark and bad bytes", &bom_bad),
        ("utf-16le", &le),
        ("utf-16be", &be),
        ("utf-16le without mark", &bare_le),
        ("utf-16 odd, surrogates", &odd),
        ("utf-16 mark twice", &mark_inside),
        ("json", &json.clone().into_bytes()),
        ("json, 1252 at the end", &json_1252),
    ] {
        let whole = import_with(bytes, &limits);
        for step in [5, 4099, usize::MAX] {
            let mut src = Pieces::new(bytes, step);
            check(
                &import_reader(&mut src, &limits),
                &whole,
                &format!("{what}, step {step}"),
            );
        }
    }
    assert!(import_with(&not_utf8, &limits).unwrap().report.problems[0]
        .rule
        .contains("Windows-1252"));
}

#[test]
fn limits_are_the_same() {
    let _alone = alone();
    let csv = synthetic_csv(50, 1);
    for limits in [
        ImportLimits {
            max_bytes: 100,
            max_rows: 500,
        },
        ImportLimits {
            max_bytes: 50_000_000,
            max_rows: 10,
        },
    ] {
        same(csv.as_bytes(), &limits, "limits", &[7, 4096]);
        same(
            synthetic_json(50, 1).as_bytes(),
            &limits,
            "limits, json",
            &[7, 4096],
        );
        // Too large and a syntax error early: the size wins, as for a slice.
        let early = format!("{{\"x\": ]{}", " ".repeat(200));
        same(early.as_bytes(), &limits, "early error", &[1, 4096]);
    }
}

#[test]
fn the_export_is_not_held_whole() {
    let _alone = alone();
    let limits = ImportLimits::default();
    for (what, text) in [
        ("csv", synthetic_csv(4000, 9)),
        ("json", synthetic_json(4000, 9)),
    ] {
        let mut src = Pieces::new(text.as_bytes(), usize::MAX);
        let base = NOW.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let whole = import_with(text.as_bytes(), &limits).unwrap();
        let slice_peak = PEAK.load(Ordering::Relaxed) - base;
        drop(whole);
        let base = NOW.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let outcome = import_reader(&mut src, &limits).unwrap();
        let peak = PEAK.load(Ordering::Relaxed) - base;
        let kept = NOW.load(Ordering::Relaxed) - base;
        assert_eq!(outcome.report.loaded(), 4000);
        // Beyond what the slice's import needs (the caller holds the text
        // there), the reader needs its blocks (64 KB each), not the export.
        assert!(
            peak < slice_peak + 400_000,
            "{what}: peak {peak} bytes, from the slice {slice_peak}, export {} bytes",
            text.len()
        );
        assert!(
            peak < kept + text.len(),
            "{what}: peak {peak} bytes, kept {kept}, export {} bytes",
            text.len()
        );
        drop(outcome);
    }
}

#[test]
fn json_documents_and_errors_read_alike() {
    let _alone = alone();
    let one = r#"{"id":"A1","title":"T","paragraphs":[93,"94-95"],"status":"ongoing","lead":"UNODC","sdgs":["16.3"],"x":{"y":[1,2]}}"#;
    let many = |n: usize, sep: &str| {
        (0..n)
            .map(|i| one.replace("A1", &format!("A{i}")))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let block = many(400, ",\n  "); // longer than a 64 KB block
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let long_title = format!(
        r#"{{"activities":[{}]}}"#,
        one.replace("\"T\"", &format!("\"{}\"", "é".repeat(100_000)))
    );
    let mut docs: Vec<String> = vec![
        format!(r#"{{"version":1,"title":"Plan","activities":[{block}]}}"#),
        format!("[{block}]"),
        format!("  \n\t{{ \"activities\" : [ {block} ] , \"updated\" : \"2026-05-01\" }}  \n"),
        format!(r#"{{"activities":[{one}],"activities":[{block}]}}"#),
        format!(r#"{{"activ\u0069ties":[{one}]}}"#),
        r#"{"activities":{"a":1}}"#.into(),
        r#"{"activities":null,"title":3}"#.into(),
        r#"{"title":"x"}"#.into(),
        r#"{}"#.into(),
        r#"[]"#.into(),
        r#"[1,"x",null,[],{}]"#.into(),
        r#""just text""#.into(),
        "42".into(),
        "  true  \n".into(),
        "1e400".into(),
        r#""\ud800""#.into(),
        "12x".into(),
        "12,3".into(),
        r#""a" b"#.into(),
        "\"a\nb\"".into(),
        "nul".into(),
        "-".into(),
        r#""unterminated"#.into(),
        r#""id","title""#.into(),
        long_title,
        // Syntax errors, early and late, in every place of the structure.
        format!(r#"{{"activities":[{block},]}}"#),
        format!(r#"{{"activities":[{block}],}}"#),
        format!(r#"{{"activities":[{block}] "x":1}}"#),
        format!(r#"{{"activities":[{block}]}} x"#),
        format!(r#"[{block}] ]"#),
        format!(r#"[{block}, 12x]"#),
        format!(r#"[{block}, 1e400]"#),
        format!(r#"[{block}, {{"id": 1e400}}]"#),
        format!(r#"[{block}, {{"id" 1}}]"#),
        format!(
            r#"[{block}, {{"id": "a
b"}}]"#
        ),
        format!(r#"[{block}, {{"id": "\q"}}]"#),
        format!(r#"{{"activities":[{block}"#),
        format!(r#"{{"activities":[{block}, "#),
        format!(r#"{{"activities":[{block}], 1: 2}}"#),
        format!(r#"{{"activities" [{block}]}}"#),
        format!(r#"{{"title": tru, "activities":[{block}]}}"#),
        format!(r#"{{"title": [1,2}}, "activities":[{block}]}}"#),
        format!(r#"[{block}, {}]"#, deep(125)),
        format!(r#"[{block}, {}]"#, deep(126)),
        format!(r#"[{block}, {}]"#, deep(127)),
        format!(r#"{{"activities":[{block}, {}]}}"#, deep(125)),
        format!(r#"{{"activities":[{block}, {}]}}"#, deep(126)),
        format!(r#"{{"activities":[{block}, {{"x":{}}}]}}"#, deep(124)),
        format!(r#"{{"activities":[{block}, {{"x":{}}}]}}"#, deep(125)),
        format!(r#"{{"x":{}, "activities":[{one}]}}"#, deep(126)),
        format!(r#"{{"x":{}, "activities":[{one}]}}"#, deep(127)),
        format!("{{\n\"activities\":[\n{block}\n,\n{{\"id\":\n\n\"x\" \"y\"}}]}}"),
    ];
    docs.push(format!("\u{FEFF}{}", docs[0]));
    let limits = ImportLimits::default();
    let few = ImportLimits {
        max_bytes: 50_000_000,
        max_rows: 7,
    };
    for (i, doc) in docs.iter().enumerate() {
        for limits in [&limits, &few] {
            same(
                doc.as_bytes(),
                limits,
                &format!("document {i} ({} bytes)", doc.len()),
                &[1, 7, 4096, usize::MAX],
            );
        }
    }
}

#[test]
fn csv_starts_read_alike() {
    let _alone = alone();
    let rows = "id;title;paragraphs;status\nA1;Training;93-95;ongoing\n";
    let limits = ImportLimits::default();
    for start in [
        "sep=;\n",
        "sep=;\r\n",
        "sep=;\r\r\r\n",
        "SEP=;\n",
        "sep=;",
        "sep=,\n",
        "sep=;x\n",
        "sep=\n",
        "\u{FEFF}sep=;\n",
        "\u{FEFF}\u{FEFF}sep=;\n",
        "\u{FEFF}",
        "\n\n",
        "Title row;;;\n",
        "",
    ] {
        let text = format!("{start}{rows}");
        same(
            text.as_bytes(),
            &limits,
            &format!("{start:?}"),
            &[1, 2, 4096],
        );
    }
}
