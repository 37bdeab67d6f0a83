//! The Kyoto Declaration itself: 97 numbered paragraphs, their parts, pillars
//! and themes, the preamble and the document's metadata.
//!
//! The text lives in `data/kyoto-declaration.json`, produced from the source
//! documents (`data/sources/`) by `tools/gen_declaration.py` and compiled
//! into the crate, so widgets need no network. [`Declaration::get`] parses it
//! once. A build without the feature `declaration-text` (the pillar chart's
//! web module, which shows numbers, pillars and themes only) carries the
//! outline instead (`data/kyoto-declaration-outline.json`: no preamble and no
//! paragraph text, every paragraph, part, pillar and theme heading), as
//! constants `build.rs` writes from that file ([`Declaration::outline`]).

use crate::core::model::{Part, Pillar};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The embedded Declaration, as JSON.
pub const DECLARATION_JSON: &str = include_str!("../../data/kyoto-declaration.json");
/// The Declaration without its text (no preamble, no paragraph text), as JSON.
pub const OUTLINE_JSON: &str = include_str!("../../data/kyoto-declaration-outline.json");

/// The outline as constants: `build.rs` writes them from [`OUTLINE_JSON`].
mod tables {
    use crate::core::model::{Part, Pillar};
    include!(concat!(env!("OUT_DIR"), "/outline.rs"));
}

/// Number of numbered paragraphs.
pub const PARAGRAPH_COUNT: u8 = 97;

/// One numbered paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// 1–97.
    pub number: u8,
    /// Declaratory, actions or follow-up.
    pub part: Part,
    /// The pillar, for paragraphs 21–95.
    pub pillar: Option<Pillar>,
    /// The theme heading as printed, for paragraphs 21–95.
    pub theme: Option<String>,
    /// The full text as adopted, footnote markers and formatting removed
    /// (empty in the outline).
    #[serde(default)]
    pub text: String,
}

/// A theme: a heading of the Declaration and the paragraphs under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// The heading as printed.
    pub heading: String,
    /// The paragraphs under it, in order.
    pub paragraphs: Vec<u8>,
}

/// A pillar with its heading and themes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PillarSection {
    /// Which pillar.
    pub id: Pillar,
    /// The heading as printed ("Advancing crime prevention").
    pub heading: String,
    /// Its themes in document order.
    pub themes: Vec<Theme>,
}

/// A part of the Declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartSection {
    /// Which part.
    pub id: Part,
    /// A heading for the part (the Declaration prints none for the declaratory
    /// part; the words that introduce it are kept in `introduction`).
    pub heading: String,
    /// The sentence that introduces the part in the text ("Declare the following:").
    pub introduction: String,
    /// First and last paragraph.
    pub paragraphs: [u8; 2],
}

/// The whole Declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    /// Full title.
    pub title: String,
    /// Short title ("Kyoto Declaration").
    pub short_title: String,
    /// Date of adoption, ISO 8601.
    pub adopted: String,
    /// Where it was adopted.
    pub place: String,
    /// Document symbol of the Congress report that carries it.
    pub symbol: String,
    /// The endorsement.
    pub endorsed_by: String,
    /// The unnumbered opening ("We, Heads of State…", "Assembled at…", …);
    /// empty in the outline.
    #[serde(default)]
    pub preamble: Vec<String>,
    /// The three parts.
    pub parts: Vec<PartSection>,
    /// The four pillars with their themes.
    pub pillars: Vec<PillarSection>,
    /// The 97 paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
}

impl Declaration {
    /// The embedded Declaration (the outline without the feature
    /// `declaration-text`), parsed once.
    pub fn get() -> &'static Declaration {
        static CELL: OnceLock<Declaration> = OnceLock::new();
        #[cfg(feature = "declaration-text")]
        return CELL.get_or_init(|| {
            // The embedded file is produced by the generator and checked by the
            // tests in tests/declaration.rs; it is not user input.
            #[allow(clippy::expect_used)]
            serde_json::from_str(DECLARATION_JSON).expect("embedded declaration is valid")
        });
        #[cfg(not(feature = "declaration-text"))]
        return CELL.get_or_init(Declaration::outline);
    }

    /// The outline: the Declaration without its preamble and paragraph text,
    /// built from the constants `build.rs` writes from [`OUTLINE_JSON`]
    /// (tests/declaration.rs holds it equal to that file).
    pub fn outline() -> Declaration {
        let [title, short_title, adopted, place, symbol, endorsed_by] = tables::META;
        let pillars: Vec<PillarSection> = tables::PILLARS
            .iter()
            .map(|&(id, heading, themes)| PillarSection {
                id,
                heading: heading.to_string(),
                themes: themes
                    .iter()
                    .map(|&(heading, paragraphs)| Theme {
                        heading: heading.to_string(),
                        paragraphs: paragraphs.to_vec(),
                    })
                    .collect(),
            })
            .collect();
        let paragraphs = (1..)
            .zip(tables::PARAGRAPHS)
            .map(|(number, (part, at))| {
                let theme = at.and_then(|(pillar, index)| {
                    let section = pillars.iter().find(|p| p.id == pillar)?;
                    Some(section.themes.get(usize::from(index))?.heading.clone())
                });
                Paragraph {
                    number,
                    part,
                    pillar: at.map(|(pillar, _)| pillar),
                    theme,
                    text: String::new(),
                }
            })
            .collect();
        Declaration {
            title: title.to_string(),
            short_title: short_title.to_string(),
            adopted: adopted.to_string(),
            place: place.to_string(),
            symbol: symbol.to_string(),
            endorsed_by: endorsed_by.to_string(),
            preamble: Vec::new(),
            parts: tables::PARTS
                .iter()
                .map(|&(id, heading, introduction, paragraphs)| PartSection {
                    id,
                    heading: heading.to_string(),
                    introduction: introduction.to_string(),
                    paragraphs,
                })
                .collect(),
            pillars,
            paragraphs,
        }
    }

    /// Paragraph `number` (1–97).
    pub fn paragraph(&self, number: u8) -> Option<&Paragraph> {
        self.paragraphs.get(usize::from(number).checked_sub(1)?)
    }

    /// The section of a pillar.
    pub fn pillar(&self, pillar: Pillar) -> Option<&PillarSection> {
        self.pillars.iter().find(|p| p.id == pillar)
    }

    /// Paragraph numbers of a pillar.
    pub fn pillar_paragraphs(&self, pillar: Pillar) -> impl Iterator<Item = u8> + '_ {
        self.paragraphs
            .iter()
            .filter(move |p| p.pillar == Some(pillar))
            .map(|p| p.number)
    }

    /// Paragraph numbers of a part.
    pub fn part_paragraphs(&self, part: Part) -> impl Iterator<Item = u8> + '_ {
        self.paragraphs
            .iter()
            .filter(move |p| p.part == part)
            .map(|p| p.number)
    }
}
