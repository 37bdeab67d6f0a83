//! Deterministic synthetic exports, for benchmarks (native and in the
//! browser) and load tests: the same `(n, seed)` gives the same dataset on
//! every platform.
//!
//! The data look like an implementation matrix (paragraph references mostly
//! in the actions, statuses, progress, dates of 2021–2026, tracks, leads,
//! partners, countries, goals) but describe nothing real: ids start with
//! `SYN-`. The progress tables the progress widgets are benchmarked with
//! are in [`progress`].

pub mod progress;

use crate::core::import::{write_csv, write_json, CsvOptions};
use crate::core::model::{Activity, Dataset, PartialDate, Sdg, Status, Track};

/// A small, fast, portable generator (SplitMix64).
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        let i = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items.get(i).copied().unwrap_or_default()
    }

    fn small(&mut self, lo: u64, hi: u64) -> u8 {
        u8::try_from(lo + self.below(hi - lo + 1)).unwrap_or(u8::MAX)
    }
}

const VERBS: &[&str] = &[
    "Training on",
    "Technical assistance for",
    "Regional workshop on",
    "Guidance on",
    "Expert group meeting on",
    "Assessment of",
    "Handbook on",
    "Pilot programme on",
];
const TOPICS: &[&str] = &[
    "crime prevention strategies",
    "prison conditions",
    "legal aid",
    "victim support",
    "anti-corruption measures",
    "cybercrime investigations",
    "mutual legal assistance",
    "youth empowerment",
    "alternatives to imprisonment",
    "asset recovery",
    "trafficking in cultural property",
    "gender-responsive justice",
];
const LEADS: &[&str] = &[
    "UNODC",
    "Commission on Crime Prevention and Criminal Justice",
    "UNICRI",
    "UNAFEI",
    "HEUNI",
    "ILANUD",
    "Government of Japan",
    "UNODC Regional Office for South Asia",
    "Korean Institute of Criminology and Justice",
    "Raoul Wallenberg Institute",
];
const PARTNERS: &[&str] = &[
    "UNDP",
    "UN-Women",
    "UNICEF",
    "OHCHR",
    "INTERPOL",
    "World Bank",
    "Global Initiative",
    "Penal Reform International",
];
const COUNTRIES: &[&str] = &[
    "Japan",
    "Austria",
    "Brazil",
    "Kenya",
    "Indonesia",
    "Mexico",
    "Nigeria",
    "Korea, Republic of",
    "Côte d'Ivoire",
    "Viet Nam",
    "Türkiye",
    "Bolivia (Plurinational State of)",
];
const TRACKS: [Track; 5] = Track::ALL;

/// A synthetic dataset of `n` activities.
///
/// ```
/// use kyoto_widgets::core::synth::synthetic_export;
/// let a = synthetic_export(100, 7);
/// assert_eq!(a.activities.len(), 100);
/// assert_eq!(a, synthetic_export(100, 7));
/// ```
pub fn synthetic_export(n: usize, seed: u64) -> Dataset {
    let mut rng = SplitMix64(seed ^ 0x4B59_4F54_4F21);
    let activities = (0..n).map(|i| activity(&mut rng, i)).collect();
    Dataset {
        version: 1,
        title: Some(format!(
            "Synthetic implementation matrix ({n} activities, seed {seed})"
        )),
        updated: PartialDate::new(2026, Some(1), Some(15)),
        activities,
    }
}

fn date(rng: &mut SplitMix64, from_year: u16) -> Option<PartialDate> {
    let year = from_year + u16::from(rng.small(0, 4));
    let year = year.min(2026);
    let month = rng.small(1, 12);
    let day = rng.small(1, 28);
    match rng.below(10) {
        0 => PartialDate::new(year, None, None),
        1..=3 => PartialDate::new(year, Some(month), None),
        _ => PartialDate::new(year, Some(month), Some(day)),
    }
}

fn activity(rng: &mut SplitMix64, i: usize) -> Activity {
    let mut paragraphs = Vec::new();
    for _ in 0..rng.small(1, 3) {
        let p = if rng.chance(88) {
            rng.small(21, 95)
        } else if rng.chance(80) {
            rng.small(1, 20)
        } else {
            rng.small(96, 97)
        };
        if rng.chance(15) && p < 93 {
            paragraphs.extend(p..=p + rng.small(1, 3));
        } else {
            paragraphs.push(p);
        }
    }
    crate::core::order::sort_dedup(&mut paragraphs);

    let status = match rng.below(100) {
        0..=34 => Status::Completed,
        35..=79 => Status::Ongoing,
        _ => Status::Planned,
    };
    let progress = if rng.chance(80) {
        Some(match status {
            Status::Completed => 100,
            Status::Ongoing => rng.small(5, 95),
            Status::Planned => 0,
        })
    } else {
        None
    };
    let start = if rng.chance(85) {
        date(rng, 2021)
    } else {
        None
    };
    let end = match (status, start) {
        (Status::Completed, Some(s)) => PartialDate::new(
            (s.year + u16::from(rng.small(0, 1))).min(2026),
            s.month,
            None,
        ),
        _ => None,
    };
    let end = end.filter(|e| Some(*e) >= start);
    let pick_list = |rng: &mut SplitMix64, items: &[&str], max: u64| -> Vec<String> {
        let mut v: Vec<String> = (0..rng.below(max + 1))
            .map(|_| rng.pick(items).to_string())
            .collect();
        crate::core::order::sort_dedup(&mut v);
        v
    };
    let mut sdgs: Vec<Sdg> = (0..rng.small(0, 3))
        .map(|_| {
            let goal = match rng.below(10) {
                0..=5 => 16,
                6 => 5,
                7 => 4,
                8 => 10,
                _ => 17,
            };
            let target = rng.chance(60).then(|| rng.small(1, 9).to_string());
            Sdg {
                goal,
                target: target.map(Into::into),
            }
        })
        .collect();
    crate::core::order::sort_dedup(&mut sdgs);
    let topic = rng.pick(TOPICS);
    let verb = rng.pick(VERBS);
    Activity {
        id: format!("SYN-{:06}", i + 1),
        title: format!("{verb} {topic}"),
        paragraphs,
        status,
        description: rng
            .chance(50)
            .then(|| format!("Synthetic activity {} on {topic}.", i + 1)),
        progress,
        start,
        end,
        track: rng
            .chance(90)
            .then(|| {
                TRACKS
                    .get(usize::try_from(rng.below(5)).unwrap_or(0))
                    .copied()
            })
            .flatten(),
        lead: rng.chance(95).then(|| rng.pick(LEADS).into()),
        partners: pick_list(rng, PARTNERS, 3)
            .into_iter()
            .map(Into::into)
            .collect(),
        countries: pick_list(rng, COUNTRIES, 3)
            .into_iter()
            .map(Into::into)
            .collect(),
        sdgs,
        url: rng
            .chance(30)
            .then(|| format!("https://example.org/activities/{}", i + 1)),
        source: rng
            .chance(20)
            .then(|| format!("E/CN.15/{}/{}", 2022 + rng.below(4), 1 + rng.below(20))),
        updated: rng.chance(40).then(|| date(rng, 2022)).flatten(),
    }
}

/// The synthetic dataset as CSV (comma-delimited, LF).
pub fn synthetic_csv(n: usize, seed: u64) -> String {
    write_csv(&synthetic_export(n, seed), None, &CsvOptions::default())
}

/// The synthetic dataset in the JSON form.
pub fn synthetic_json(n: usize, seed: u64) -> String {
    write_json(&synthetic_export(n, seed), None)
}
