//! The paragraph browser's logic: what a reader searches and filters
//! ([`BrowserQuery`]), how that state travels in the URL hash ([`parse_hash`],
//! [`hash_string`]), and the search itself ([`SearchIndex`]).
//!
//! Search is case- and diacritics-insensitive: text is folded with [`fold`]
//! (lower case, Latin-1 and Latin Extended-A letters to their base letters,
//! `ß` → `ss`, `æ` → `ae`, combining accents dropped), and the folded text
//! keeps a map back to the original so that match ranges can be highlighted in
//! the text as printed. A query is split into terms; every term must match at
//! the start of a word somewhere in a paragraph: its text, its theme heading, or
//! the title of an activity linked to it. Results are ranked: an exact word in
//! the paragraph text counts most, then a word prefix, then the theme heading,
//! then an activity title; ties go to the lower paragraph number.
//!
//! The index is built once per dataset ([`SearchIndex::new`]), so a keystroke
//! only scans already folded text.
//!
//! ```
//! use kyoto_widgets::core::declaration::Declaration;
//! use kyoto_widgets::core::model::Dataset;
//! use kyoto_widgets::core::query::{BrowserQuery, SearchIndex};
//!
//! let index = SearchIndex::new(Declaration::get(), &Dataset::default());
//! let query = BrowserQuery { text: "CYBERCRIMÉ".into(), ..Default::default() };
//! let hits = index.search(&query);
//! assert_eq!(hits[0].number, 93);
//! ```
//!
//! Also here, because they are pure and tested natively: [`safe_url`] (which
//! links a widget may open) and [`citation`].

use crate::core::declaration::Declaration;
use crate::core::model::{Dataset, Part, Pillar, Sdg, Status, Track};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Longest search text kept from a URL or an input, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// Most search terms used from one query (the rest are ignored).
pub const MAX_TERMS: usize = 12;

// ---------------------------------------------------------------------------
// Folding
// ---------------------------------------------------------------------------

/// Base letters of U+00C0..=U+017F (Latin-1 Supplement letters and Latin
/// Extended-A), lower case; "" where the character is not a letter (× ÷) and
/// is kept as it is.
#[rustfmt::skip]
const LATIN: [&str; 192] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // U+00C0
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss", // U+00D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // U+00E0
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y", // U+00F0
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", // U+0100
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g", // U+0110
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", // U+0120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", // U+0130
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o", // U+0140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", // U+0150
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", // U+0160
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s", // U+0170
];

/// Whether `c` is a combining diacritical mark (U+0300..=U+036F), which folding
/// drops so that decomposed `e` + `◌́` folds like `é`.
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Appends the folded form of `c` to `out`.
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_combining(c) {
        return;
    }
    let base = u32::from(c)
        .checked_sub(0xC0)
        .and_then(|i| LATIN.get(usize::try_from(i).ok()?))
        .filter(|s| !s.is_empty());
    if let Some(base) = base {
        out.push_str(base);
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => out.push('\''),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Folds text for matching, without a map back (for text that is searched but
/// never highlighted from the folded form).
pub fn fold_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Text folded for matching, with the way back to the original.
///
/// ```
/// use kyoto_widgets::core::query::fold;
/// let f = fold("Straße in Türkiye");
/// assert_eq!(f.as_str(), "strasse in turkiye");
/// let start = f.as_str().find("turk").unwrap();
/// assert_eq!(f.original_range(start, start + 4), Some((11, 16))); // "Türk"
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Folded {
    text: String,
    /// For each byte of `text`: the byte range in the original text of the
    /// character it came from (combining marks that followed it included).
    origin: Vec<(u32, u32)>,
}

/// Folds `text` (case, Latin diacritics, `ß`, ligatures, combining marks) and
/// keeps, for every folded byte, where it came from.
pub fn fold(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut origin: Vec<(u32, u32)> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let start = u32::try_from(i).unwrap_or(u32::MAX);
        let end = u32::try_from(i + c.len_utf8()).unwrap_or(u32::MAX);
        let before = out.len();
        push_folded(c, &mut out);
        if out.len() == before {
            // Dropped (a combining mark): it belongs to the previous character.
            if let Some(last) = origin.last().copied() {
                for o in origin.iter_mut().rev().take_while(|o| o.0 == last.0) {
                    o.1 = end;
                }
            }
        } else {
            origin.resize(out.len(), (start, end));
        }
    }
    Folded { text: out, origin }
}

impl Folded {
    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte range in the original text of the folded bytes
    /// `start..end`: from the start of the character the first came from to
    /// the end of the character the last came from. `None` for an empty or
    /// out-of-range span.
    pub fn original_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start >= end {
            return None;
        }
        let first = self.origin.get(start)?;
        let last = self.origin.get(end.checked_sub(1)?)?;
        Some((
            usize::try_from(first.0).ok()?,
            usize::try_from(last.1).ok()?,
        ))
    }
}

/// The search terms of a query text: folded, split at every character that is
/// not a letter or a digit, without repeats, at most [`MAX_TERMS`].
pub fn terms(text: &str) -> Vec<String> {
    let folded = fold_str(text);
    let mut out: Vec<String> = Vec::new();
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || out.iter().any(|t| t == word) {
            continue;
        }
        if out.len() == MAX_TERMS {
            break;
        }
        out.push(word.to_string());
    }
    out
}

/// Where a term matched in folded text: byte offset and whether it is a whole
/// word (rather than the start of a longer word).
fn word_matches<'a>(hay: &'a str, term: &'a str) -> impl Iterator<Item = (usize, bool)> + 'a {
    hay.match_indices(term).filter_map(move |(i, m)| {
        let before = hay.get(..i).and_then(|s| s.chars().next_back());
        if before.is_some_and(char::is_alphanumeric) {
            return None;
        }
        let after = hay.get(i + m.len()..).and_then(|s| s.chars().next());
        Some((i, !after.is_some_and(char::is_alphanumeric)))
    })
}

/// Ranges in the original of every match of `terms` in `folded`, sorted and
/// merged where they overlap or touch.
fn ranges_in(folded: &Folded, terms: &[String]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for term in terms {
        for (i, _) in word_matches(folded.as_str(), term) {
            if let Some(r) = folded.original_range(i, i + term.len()) {
                out.push(r);
            }
        }
    }
    merge(out)
}

fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    crate::core::order::sort_by(&mut ranges, |a, b| a.cmp(b));
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Byte ranges of `text` (on character boundaries) where the terms of
/// `query_text` match at the start of a word, merged; for highlighting text
/// that the index does not keep a map for (activity titles).
///
/// ```
/// use kyoto_widgets::core::query::highlight;
/// let title = "Cybercrime training in Türkiye";
/// let r = highlight(title, "cyber turk");
/// let parts: Vec<&str> = r.iter().map(|&(s, e)| &title[s..e]).collect();
/// assert_eq!(parts, ["Cyber", "Türk"]);
/// ```
pub fn highlight(text: &str, query_text: &str) -> Vec<(usize, usize)> {
    let terms = terms(query_text);
    if terms.is_empty() {
        return Vec::new();
    }
    ranges_in(&fold(text), &terms)
}

// ---------------------------------------------------------------------------
// The query and the URL hash
// ---------------------------------------------------------------------------

/// What the reader searches for and filters by.
///
/// Filters on the paragraph (`part`, `pillar`, `theme`) keep paragraphs of that
/// place in the Declaration. Filters on activities (`status`, `track`, `sdg`,
/// `lead`) keep paragraphs with at least one activity that passes all of them.
/// `uncovered_only` keeps paragraphs with no activity — no activity that passes
/// the activity filters when any is set ("no completed activity").
/// `with_progress_only` keeps paragraphs that have indicators or questions
/// citing them in the progress data: the index has no progress data, so the
/// paragraph browser applies it to the hits ([`ParagraphHit`]) when it has
/// some, and ignores it when it has none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BrowserQuery {
    /// Search text (empty: no search).
    pub text: String,
    /// Declaratory, actions or follow-up.
    pub part: Option<Part>,
    /// A pillar of the actions.
    pub pillar: Option<Pillar>,
    /// A theme: its 0-based index within `pillar` (ignored without a pillar).
    pub theme: Option<usize>,
    /// Activities with this status.
    pub status: Option<Status>,
    /// Activities of this follow-up track.
    pub track: Option<Track>,
    /// Activities contributing to this goal (any of its targets) or target.
    pub sdg: Option<Sdg>,
    /// Activities led by this lead (case- and diacritics-insensitive).
    pub lead: Option<String>,
    /// Only paragraphs without any (matching) activity.
    pub uncovered_only: bool,
    /// Only paragraphs with indicators or questions in the progress data.
    pub with_progress_only: bool,
}

impl BrowserQuery {
    /// Whether nothing is searched or filtered.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.part.is_none()
            && self.pillar.is_none()
            && self.status.is_none()
            && self.track.is_none()
            && self.sdg.is_none()
            && self.lead.is_none()
            && !self.uncovered_only
            && !self.with_progress_only
    }

    /// Whether any filter on activities is set.
    pub fn has_activity_filter(&self) -> bool {
        self.status.is_some() || self.track.is_some() || self.sdg.is_some() || self.lead.is_some()
    }

    /// The search terms of `text` (see [`terms`]).
    pub fn terms(&self) -> Vec<String> {
        terms(&self.text)
    }
}

/// The browser's state as the URL hash carries it: the query and a paragraph
/// to open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HashState {
    /// Search and filters.
    pub query: BrowserQuery,
    /// A paragraph to open and scroll to (`#para-27`, or `para=27` with a query).
    pub open: Option<u8>,
}

/// Reads the browser's state from a URL hash (with or without the `#`).
///
/// Forms: `#para-27`; `#q=cybercrime&pillar=IV&theme=4&status=ongoing&track=national&sdg=16.3&lead=UNODC&uncovered=1&progress=1&part=actions&para=93`
/// (any subset, any order; values percent-encoded, `+` read as a space;
/// `theme` counts from 1 within the pillar). An empty hash is the empty state.
/// A hash that names none of these keys belongs to someone else (an in-page
/// anchor): `None`, and the browser leaves its state alone. Values that do not
/// parse are ignored.
///
/// ```
/// use kyoto_widgets::core::query::parse_hash;
/// use kyoto_widgets::core::model::{Pillar, Status};
/// let s = parse_hash("#q=cybercrime&pillar=IV&status=ongoing").unwrap();
/// assert_eq!(s.query.text, "cybercrime");
/// assert_eq!(s.query.pillar, Some(Pillar::IV));
/// assert_eq!(s.query.status, Some(Status::Ongoing));
/// assert_eq!(parse_hash("#para-27").unwrap().open, Some(27));
/// assert_eq!(parse_hash("#chart-title"), None);
/// ```
pub fn parse_hash(hash: &str) -> Option<HashState> {
    let h = hash.strip_prefix('#').unwrap_or(hash);
    let mut state = HashState::default();
    if h.is_empty() {
        return Some(state);
    }
    if let Some(n) = h.strip_prefix("para-") {
        state.open = Some(parse_paragraph_number(n)?);
        return Some(state);
    }
    let mut known = false;
    let mut theme = None;
    for pair in h.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        let value = value.trim();
        let q = &mut state.query;
        match key {
            "q" => q.text = value.chars().take(MAX_QUERY_CHARS).collect(),
            "part" => q.part = parse_part(value),
            "pillar" => q.pillar = Pillar::parse(value),
            "theme" => {
                theme = value
                    .parse::<usize>()
                    .ok()
                    .and_then(|t| t.checked_sub(1))
                    .filter(|t| *t < 100)
            }
            "status" => q.status = Status::parse(value),
            "track" => q.track = Track::parse(value),
            "sdg" => q.sdg = Sdg::parse(value),
            "lead" => {
                q.lead = Some(value.chars().take(MAX_QUERY_CHARS).collect::<String>())
                    .filter(|l| !l.is_empty())
            }
            "uncovered" => q.uncovered_only = matches!(value, "1" | "true" | "yes"),
            "progress" => q.with_progress_only = matches!(value, "1" | "true" | "yes"),
            "para" => state.open = parse_paragraph_number(value),
            _ => continue,
        }
        known = true;
    }
    state.query.theme = theme.filter(|_| state.query.pillar.is_some());
    known.then_some(state)
}

/// Writes the state as a URL hash, without the `#`: `""` for the empty state,
/// `para-27` for an opened paragraph alone, else `key=value` pairs in a fixed
/// order, percent-encoded. [`parse_hash`] reads it back to the same state.
///
/// ```
/// use kyoto_widgets::core::query::{hash_string, BrowserQuery, HashState};
/// use kyoto_widgets::core::model::Pillar;
/// let state = HashState {
///     query: BrowserQuery { text: "cyber crime".into(), pillar: Some(Pillar::IV), ..Default::default() },
///     open: None,
/// };
/// assert_eq!(hash_string(&state), "q=cyber%20crime&pillar=IV");
/// ```
pub fn hash_string(state: &HashState) -> String {
    let q = &state.query;
    if q.is_empty() {
        return match state.open {
            Some(n) => format!("para-{n}"),
            None => String::new(),
        };
    }
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let text = q.text.trim();
    if !text.is_empty() {
        pairs.push(("q", percent_encode(text)));
    }
    if let Some(p) = q.part {
        pairs.push(("part", p.as_str().to_string()));
    }
    if let Some(p) = q.pillar {
        pairs.push(("pillar", p.numeral().to_string()));
        if let Some(t) = q.theme {
            pairs.push(("theme", (t + 1).to_string()));
        }
    }
    if let Some(s) = q.status {
        pairs.push(("status", s.as_str().to_string()));
    }
    if let Some(t) = q.track {
        pairs.push(("track", t.as_str().to_string()));
    }
    if let Some(s) = &q.sdg {
        pairs.push(("sdg", s.to_string()));
    }
    if let Some(l) = &q.lead {
        pairs.push(("lead", percent_encode(l)));
    }
    if q.uncovered_only {
        pairs.push(("uncovered", "1".to_string()));
    }
    if q.with_progress_only {
        pairs.push(("progress", "1".to_string()));
    }
    if let Some(n) = state.open {
        pairs.push(("para", n.to_string()));
    }
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

fn parse_paragraph_number(text: &str) -> Option<u8> {
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u8>().ok().filter(|n| (1..=97).contains(n))
}

/// Reads a part as [`Part::as_str`] writes it (case-insensitive).
pub fn parse_part(text: &str) -> Option<Part> {
    let t = text.trim().to_ascii_lowercase();
    Part::ALL
        .into_iter()
        .find(|p| p.as_str() == t || (t == "followup" && *p == Part::FollowUp))
}

/// Percent-encodes everything but the unreserved characters `A-Z a-z 0-9 - . _ ~`.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (as a space); a malformed escape is kept as
/// written and invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(v) = hex {
                    out.push(v);
                    i += 3;
                    continue;
                }
                out.push(b);
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------------------
// Links and citations
// ---------------------------------------------------------------------------

/// The link, trimmed, when it is an absolute `http:` or `https:` URL with a
/// host; `None` for anything else (`javascript:`, `data:`, `vbscript:`,
/// relative or protocol-relative links, and links with control characters or
/// white space inside, which browsers would strip to form another URL).
///
/// ```
/// use kyoto_widgets::core::query::safe_url;
/// assert_eq!(safe_url(" https://www.unodc.org/ "), Some("https://www.unodc.org/"));
/// assert_eq!(safe_url("javascript:alert(1)"), None);
/// assert_eq!(safe_url("java\tscript:alert(1)"), None);
/// ```
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim_matches(|c: char| c == ' ' || c.is_ascii_whitespace());
    if url.len() > 2048
        || url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'))
    {
        return None;
    }
    let lower = url
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let rest = if lower.starts_with("https://") {
        url.get(8..)?
    } else if lower.starts_with("http://") {
        url.get(7..)?
    } else {
        return None;
    };
    let host_end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = rest.get(..host_end)?;
    let host = authority.rsplit('@').next().unwrap_or(authority);
    if host.is_empty() || host.starts_with(':') {
        return None;
    }
    Some(url)
}

/// How to cite a paragraph: `Kyoto Declaration, para. 47 (A/CONF.234/16,
/// chap. I, resolution 1)`: the Declaration is the first resolution in
/// chapter I of the Congress's report, whose own paragraphs a bare symbol
/// would point to.
pub fn citation(declaration: &Declaration, number: u8) -> String {
    format!(
        "{}, para. {} ({}, chap. I, resolution 1)",
        declaration.short_title, number, declaration.symbol
    )
}

// ---------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------

/// One paragraph found by a search, with what to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphHit {
    /// 1–97.
    pub number: u8,
    /// Relevance (higher first; 0 when there is no search text).
    pub score: u32,
    /// Byte ranges in the paragraph's text (on character boundaries), sorted,
    /// not overlapping.
    pub matches: Vec<(usize, usize)>,
    /// Byte ranges in the paragraph's theme heading.
    pub theme_matches: Vec<(usize, usize)>,
    /// Indices (in the dataset's `activities`) of the paragraph's activities
    /// whose titles matched, ascending; only activities that pass the filters.
    pub activity_matches: Vec<usize>,
}

/// How many activities follow up a paragraph, and their statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ParagraphCounts {
    /// Activities linked to the paragraph.
    pub activities: usize,
    /// Of which completed, ongoing, planned (in [`Status::ALL`] order).
    pub by_status: [usize; 3],
}

/// A value a filter can take, with how many activities have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet<T> {
    /// The value.
    pub value: T,
    /// Activities with it.
    pub activities: usize,
}

struct IndexedParagraph {
    number: u8,
    part: Part,
    pillar: Option<Pillar>,
    /// 0-based index of the theme within its pillar.
    theme: Option<usize>,
    /// Index into `SearchIndex::themes`.
    theme_slot: Option<usize>,
    text: Folded,
    number_text: String,
}

struct ActivityKeys {
    status: Status,
    track: Option<Track>,
    lead: Option<usize>,
    sdgs: Vec<Sdg>,
    paragraphs: Vec<u8>,
}

/// The Declaration and a dataset, folded and cross-referenced once for fast
/// searching. Holds no borrow: activities are referred to by their index in
/// the dataset it was built from.
pub struct SearchIndex {
    paragraphs: Vec<IndexedParagraph>,
    themes: Vec<Folded>,
    activities: Vec<ActivityKeys>,
    /// Folded activity titles, each followed by `\n`.
    titles: String,
    /// Start of each title in `titles`.
    title_starts: Vec<usize>,
    /// Activity indices per paragraph (paragraph `n` at `n - 1`).
    by_paragraph: Vec<Vec<usize>>,
    counts: Vec<ParagraphCounts>,
    /// Distinct leads as first written, sorted by their folded form.
    leads: Vec<(String, String)>,
    lead_counts: Vec<usize>,
}

/// Score tiers: one term's best match decides its tier; the terms' scores add up.
const NUMBER: u32 = 200;
const EXACT: u32 = 100;
const PREFIX: u32 = 60;
const THEME: u32 = 30;
const ACTIVITY: u32 = 10;
/// Extra points for repeated matches within a tier (capped below the gap
/// between tiers).
const REPEAT_CAP: u32 = 5;

impl SearchIndex {
    /// Folds the Declaration's paragraphs and theme headings and the
    /// activities' titles, and links activities to paragraphs. Activities
    /// naming a paragraph outside 1–97 are linked to nothing.
    pub fn new(declaration: &Declaration, dataset: &Dataset) -> SearchIndex {
        let mut themes = Vec::new();
        let mut theme_of: HashMap<u8, (usize, usize)> = HashMap::new();
        for section in &declaration.pillars {
            for (ti, theme) in section.themes.iter().enumerate() {
                let slot = themes.len();
                themes.push(fold(&theme.heading));
                for &n in &theme.paragraphs {
                    theme_of.insert(n, (ti, slot));
                }
            }
        }
        let paragraphs = declaration
            .paragraphs
            .iter()
            .map(|p| {
                let theme = theme_of.get(&p.number).copied();
                IndexedParagraph {
                    number: p.number,
                    part: p.part,
                    pillar: p.pillar,
                    theme: theme.map(|t| t.0),
                    theme_slot: theme.map(|t| t.1),
                    text: fold(&p.text),
                    number_text: p.number.to_string(),
                }
            })
            .collect::<Vec<_>>();

        let mut lead_ids: HashMap<String, usize> = HashMap::new();
        let mut leads: Vec<(String, String)> = Vec::new();
        let mut lead_counts: Vec<usize> = Vec::new();
        let mut activities = Vec::with_capacity(dataset.activities.len());
        let mut titles = String::new();
        let mut title_starts = Vec::with_capacity(dataset.activities.len());
        let slots = paragraphs.len();
        let mut by_paragraph: Vec<Vec<usize>> = vec![Vec::new(); slots];
        let mut counts = vec![ParagraphCounts::default(); slots];
        for (ai, a) in dataset.activities.iter().enumerate() {
            let lead = a
                .lead
                .as_deref()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| {
                    let key = fold_str(l);
                    let id = *lead_ids.entry(key.clone()).or_insert_with(|| {
                        leads.push((l.to_string(), key));
                        lead_counts.push(0);
                        leads.len() - 1
                    });
                    if let Some(c) = lead_counts.get_mut(id) {
                        *c += 1;
                    }
                    id
                });
            title_starts.push(titles.len());
            titles.push_str(&fold_str(&a.title).replace('\n', " "));
            titles.push('\n');
            let mut linked: Vec<u8> = a
                .paragraphs
                .iter()
                .copied()
                .filter(|&n| n >= 1 && usize::from(n) <= slots)
                .collect();
            crate::core::order::sort_dedup(&mut linked);
            for &n in &linked {
                let slot = usize::from(n) - 1;
                if let (Some(list), Some(c)) = (by_paragraph.get_mut(slot), counts.get_mut(slot)) {
                    list.push(ai);
                    c.activities += 1;
                    if let Some(s) = c.by_status.get_mut(a.status.index()) {
                        *s += 1;
                    }
                }
            }
            activities.push(ActivityKeys {
                status: a.status,
                track: a.track,
                lead,
                sdgs: a.sdgs.clone(),
                paragraphs: linked,
            });
        }
        // Sort leads by folded name; remap the ids.
        let order = crate::core::order::order_by(leads.len(), &mut |a, b| {
            let ka = leads.get(a).map(|l| l.1.as_str());
            let kb = leads.get(b).map(|l| l.1.as_str());
            ka.cmp(&kb)
        });
        let mut new_id = vec![0; leads.len()];
        for (new, &old) in order.iter().enumerate() {
            if let Some(slot) = new_id.get_mut(old) {
                *slot = new;
            }
        }
        for a in &mut activities {
            a.lead = a.lead.and_then(|l| new_id.get(l).copied());
        }
        let sorted_leads = order
            .iter()
            .filter_map(|&i| leads.get(i).cloned())
            .collect();
        let sorted_counts = order
            .iter()
            .filter_map(|&i| lead_counts.get(i).copied())
            .collect();
        SearchIndex {
            paragraphs,
            themes,
            activities,
            titles,
            title_starts,
            by_paragraph,
            counts,
            leads: sorted_leads,
            lead_counts: sorted_counts,
        }
    }

    /// Number of activities indexed.
    pub fn activity_count(&self) -> usize {
        self.activities.len()
    }

    /// Activity and status counts of paragraph `number` (zero outside 1–97).
    pub fn counts(&self, number: u8) -> ParagraphCounts {
        usize::from(number)
            .checked_sub(1)
            .and_then(|i| self.counts.get(i))
            .copied()
            .unwrap_or_default()
    }

    /// Indices of the activities linked to paragraph `number`, in dataset order.
    pub fn activities_linked(&self, number: u8) -> &[usize] {
        usize::from(number)
            .checked_sub(1)
            .and_then(|i| self.by_paragraph.get(i))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The activities of paragraph `number` that pass the query's activity
    /// filters: those whose titles match the search text first, then the
    /// others, each group in dataset order.
    pub fn activities_of(&self, number: u8, query: &BrowserQuery) -> Vec<usize> {
        let filter = ActivityFilter::new(self, query);
        let terms = query.terms();
        let (mut matched, rest): (Vec<usize>, Vec<usize>) = self
            .activities_linked(number)
            .iter()
            .copied()
            .filter(|&i| filter.passes(self, i))
            .partition(|&i| {
                !terms.is_empty() && {
                    let title = self.title(i);
                    terms
                        .iter()
                        .any(|t| word_matches(title, t).next().is_some())
                }
            });
        matched.extend(rest);
        matched
    }

    /// Indices of the activities whose titles have a word starting with
    /// `term`, ascending, each once: one scan of all titles, where matches
    /// after the first in a title are skipped without looking the title up.
    fn titles_matching<'a>(&'a self, term: &'a str) -> impl Iterator<Item = usize> + 'a {
        let mut next_title = 0;
        word_matches(&self.titles, term).filter_map(move |(pos, _)| {
            if pos < next_title {
                return None;
            }
            let ai = self
                .title_starts
                .partition_point(|&s| s <= pos)
                .saturating_sub(1);
            next_title = self
                .title_starts
                .get(ai + 1)
                .copied()
                .unwrap_or(self.titles.len());
            Some(ai)
        })
    }

    fn title(&self, activity: usize) -> &str {
        let start = self.title_starts.get(activity).copied().unwrap_or(0);
        let end = self
            .title_starts
            .get(activity + 1)
            .copied()
            .unwrap_or(self.titles.len())
            .saturating_sub(1);
        self.titles.get(start..end).unwrap_or("")
    }

    /// The leads of the dataset (as first written), sorted, with how many
    /// activities each leads.
    pub fn leads(&self) -> Vec<Facet<String>> {
        self.leads
            .iter()
            .zip(&self.lead_counts)
            .map(|((name, _), &n)| Facet {
                value: name.clone(),
                activities: n,
            })
            .collect()
    }

    /// The Sustainable Development Goals the activities contribute to (goals
    /// only, targets counted under their goal), ascending.
    pub fn sdg_goals(&self) -> Vec<Facet<u8>> {
        let mut counts = [0usize; 18];
        for a in &self.activities {
            let mut seen = [false; 18];
            for s in &a.sdgs {
                if let Some(flag) = seen.get_mut(usize::from(s.goal)) {
                    *flag = true;
                }
            }
            for (c, s) in counts.iter_mut().zip(seen) {
                *c += usize::from(s);
            }
        }
        (1u8..=17)
            .filter_map(|g| {
                let n = counts.get(usize::from(g)).copied().unwrap_or(0);
                (n > 0).then_some(Facet {
                    value: g,
                    activities: n,
                })
            })
            .collect()
    }

    /// The statuses present, in [`Status::ALL`] order, with their counts.
    pub fn statuses(&self) -> Vec<Facet<Status>> {
        Status::ALL
            .into_iter()
            .map(|s| Facet {
                value: s,
                activities: self.activities.iter().filter(|a| a.status == s).count(),
            })
            .filter(|f| f.activities > 0)
            .collect()
    }

    /// The tracks present, in [`Track::ALL`] order, with their counts.
    pub fn tracks(&self) -> Vec<Facet<Track>> {
        Track::ALL
            .into_iter()
            .map(|t| Facet {
                value: t,
                activities: self
                    .activities
                    .iter()
                    .filter(|a| a.track == Some(t))
                    .count(),
            })
            .filter(|f| f.activities > 0)
            .collect()
    }

    /// The paragraphs that pass the query's filters and match its text,
    /// ranked (see the module documentation); in document order when there is
    /// no search text.
    pub fn search(&self, query: &BrowserQuery) -> Vec<ParagraphHit> {
        let filter = ActivityFilter::new(self, query);
        let terms = query.terms();
        let theme = query.theme.filter(|_| query.pillar.is_some());

        // Activity-title matches, per paragraph slot and term.
        let mut act_hits: Vec<Vec<u32>> = Vec::new();
        let mut act_lists: Vec<Vec<usize>> = Vec::new();
        if !terms.is_empty() && !self.activities.is_empty() {
            act_hits = vec![Vec::new(); self.paragraphs.len()];
            act_lists = vec![Vec::new(); self.paragraphs.len()];
            // The last term each activity was counted for: one count per term.
            let mut last_term: Vec<usize> = vec![usize::MAX; self.activities.len()];
            for (ti, term) in terms.iter().enumerate() {
                for ai in self.titles_matching(term) {
                    match last_term.get_mut(ai) {
                        Some(last) if *last != ti => *last = ti,
                        _ => continue,
                    }
                    if !filter.passes(self, ai) {
                        continue;
                    }
                    let Some(keys) = self.activities.get(ai) else {
                        continue;
                    };
                    for &n in &keys.paragraphs {
                        let slot = usize::from(n).saturating_sub(1);
                        if let (Some(h), Some(l)) =
                            (act_hits.get_mut(slot), act_lists.get_mut(slot))
                        {
                            if h.len() < terms.len() {
                                h.resize(terms.len(), 0);
                            }
                            if let Some(c) = h.get_mut(ti) {
                                *c += 1;
                            }
                            l.push(ai);
                        }
                    }
                }
            }
        }

        let mut hits = Vec::new();
        for (slot, p) in self.paragraphs.iter().enumerate() {
            if query.part.is_some_and(|part| p.part != part)
                || query.pillar.is_some_and(|pillar| p.pillar != Some(pillar))
                || theme.is_some_and(|t| p.theme != Some(t))
            {
                continue;
            }
            if filter.active || query.uncovered_only {
                let linked = self
                    .by_paragraph
                    .get(slot)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let any = if filter.active {
                    linked.iter().any(|&i| filter.passes(self, i))
                } else {
                    !linked.is_empty()
                };
                if any == query.uncovered_only {
                    continue;
                }
            }
            if terms.is_empty() {
                hits.push(ParagraphHit {
                    number: p.number,
                    score: 0,
                    matches: Vec::new(),
                    theme_matches: Vec::new(),
                    activity_matches: Vec::new(),
                });
                continue;
            }
            let theme_text = p.theme_slot.and_then(|t| self.themes.get(t));
            let mut score = 0u32;
            let mut all = true;
            for (ti, term) in terms.iter().enumerate() {
                let (mut exact, mut prefix) = (0u32, 0u32);
                for (_, whole) in word_matches(p.text.as_str(), term) {
                    if whole {
                        exact += 1;
                    } else {
                        prefix += 1;
                    }
                }
                let in_theme =
                    theme_text.is_some_and(|t| word_matches(t.as_str(), term).next().is_some());
                let in_acts = act_hits
                    .get(slot)
                    .and_then(|h| h.get(ti))
                    .copied()
                    .unwrap_or(0);
                let term_score = if *term == p.number_text {
                    NUMBER
                } else if exact > 0 {
                    EXACT + exact.min(REPEAT_CAP)
                } else if prefix > 0 {
                    PREFIX + prefix.min(REPEAT_CAP)
                } else if in_theme {
                    THEME
                } else if in_acts > 0 {
                    ACTIVITY + in_acts.min(REPEAT_CAP)
                } else {
                    all = false;
                    break;
                };
                score += term_score;
            }
            if !all {
                continue;
            }
            let mut activity_matches = act_lists
                .get_mut(slot)
                .map(std::mem::take)
                .unwrap_or_default();
            crate::core::order::sort_dedup(&mut activity_matches);
            hits.push(ParagraphHit {
                number: p.number,
                score,
                matches: ranges_in(&p.text, &terms),
                theme_matches: theme_text.map(|t| ranges_in(t, &terms)).unwrap_or_default(),
                activity_matches,
            });
        }
        if !terms.is_empty() {
            crate::core::order::sort_by(&mut hits, |a, b| {
                b.score.cmp(&a.score).then(a.number.cmp(&b.number))
            });
        }
        hits
    }
}

/// The query's activity filters, resolved against the index once per search.
struct ActivityFilter<'q> {
    active: bool,
    status: Option<Status>,
    track: Option<Track>,
    sdg: Option<&'q Sdg>,
    /// `Some(None)`: a lead was asked for that no activity has.
    lead: Option<Option<usize>>,
}

impl<'q> ActivityFilter<'q> {
    fn new(index: &SearchIndex, query: &'q BrowserQuery) -> ActivityFilter<'q> {
        let lead = query.lead.as_deref().map(|l| {
            let key = fold_str(l.trim());
            index.leads.iter().position(|(_, k)| *k == key)
        });
        ActivityFilter {
            active: query.has_activity_filter(),
            status: query.status,
            track: query.track,
            sdg: query.sdg.as_ref(),
            lead,
        }
    }

    fn passes(&self, index: &SearchIndex, activity: usize) -> bool {
        if !self.active {
            return true;
        }
        let Some(a) = index.activities.get(activity) else {
            return false;
        };
        let sdg_ok = |want: &Sdg| {
            a.sdgs
                .iter()
                .any(|s| s.goal == want.goal && (want.target.is_none() || s.target == want.target))
        };
        self.status.is_none_or(|s| a.status == s)
            && self.track.is_none_or(|t| a.track == Some(t))
            && self.lead.is_none_or(|l| l.is_some() && a.lead == l)
            && self.sdg.is_none_or(sdg_ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_table_covers_the_common_letters() {
        assert_eq!(fold_str("ÉÜßÇØÆŒŁéüçøæœłİıŦ"), "eusscoaeoeleucoaeoeliit");
        assert_eq!(fold_str("×÷"), "×÷");
    }

    #[test]
    fn combining_marks_attach_to_their_letter() {
        let text = "cafe\u{301} ok";
        let f = fold(text);
        assert_eq!(f.as_str(), "cafe ok");
        assert_eq!(f.original_range(0, 4), Some((0, 6)));
    }

    #[test]
    fn percent_round_trip() {
        for s in ["a b", "x&y=z", "Türkiye", "100%", "+"] {
            assert_eq!(percent_decode(&percent_encode(s)), s);
        }
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }
}
