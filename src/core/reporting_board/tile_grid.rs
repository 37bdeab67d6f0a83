//! The tile-grid world map of the reporting widget: one square per country at
//! a fixed place of a grid (`data/world-tile-grid.csv`, Jon Schwabish's World
//! Tile Grid Map; its source and changes in `data/world-tile-grid.md`), so
//! that a world map needs no map geometry.
//!
//! [`layout_tile_map`] gives every tile its rectangle, its code label and
//! its [`ReportStatus`]; areas with figures but no place on the grid
//! (territories such as Hong Kong, regions such as Europe) are laid out as a
//! list beside the map, on the reading side's end. The render layer draws
//! exactly these rectangles and the web layer hit-tests them
//! ([`TileMapLayout::tile_at`]) and moves keyboard focus between them by
//! geography ([`TileMapLayout::next_tile`]): the map itself is never
//! mirrored for right-to-left languages (east stays east); the list and the
//! legend are.

use super::{LegendItem, LegendKey, ReportStatus};
use crate::core::layout::{Align, Rect, TextBox, TextMeasure};
use crate::core::progress::Area;
use std::sync::OnceLock;

/// The grid file, built in.
pub const WORLD_TILE_GRID_CSV: &str = include_str!("../../../data/world-tile-grid.csv");

/// One country's place on the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridPlace {
    /// The country.
    pub area: Area,
    /// Its ISO 3166-1 alpha-2 code (for the browser's `Intl.DisplayNames`).
    pub iso2: &'static str,
    /// Its English short name.
    pub name: &'static str,
    /// Its UN M49 region (2 Africa, 9 Oceania, 19 Americas, 142 Asia, 150
    /// Europe).
    pub region: u16,
    /// Column, from 0 at the west.
    pub column: u8,
    /// Row, from 0 at the north.
    pub row: u8,
    /// Whether it is a Member State of the United Nations.
    pub un_member: bool,
}

/// Every place of the grid, sorted by ISO code (read once from the built-in
/// file; a line that cannot be read is left out, which `tests/reporting_board.rs`
/// would notice).
pub fn world_tile_grid() -> &'static [GridPlace] {
    static GRID: OnceLock<Vec<GridPlace>> = OnceLock::new();
    GRID.get_or_init(|| {
        WORLD_TILE_GRID_CSV
            .lines()
            .skip(1)
            .filter_map(parse_place)
            .collect()
    })
}

fn parse_place(line: &'static str) -> Option<GridPlace> {
    let mut cells = line.split(',');
    let area = Area::parse(cells.next()?).ok()?;
    let iso2 = cells.next()?;
    let name = cells.next()?;
    let region = cells.next()?.parse().ok()?;
    let column = cells.next()?.parse().ok()?;
    let row = cells.next()?.parse().ok()?;
    let un_member = cells.next()? == "yes";
    Some(GridPlace {
        area,
        iso2,
        name,
        region,
        column,
        row,
        un_member,
    })
}

/// The grid place of an area, if it has one.
pub fn place_of(area: Area) -> Option<&'static GridPlace> {
    let grid = world_tile_grid();
    grid.binary_search_by(|p| p.area.cmp(&area))
        .ok()
        .and_then(|i| grid.get(i))
}

/// The English name of an area: a country's short name from the grid, a
/// region's name, or its code.
pub fn english_name(area: Area) -> String {
    match (place_of(area), area.region_name()) {
        (Some(p), _) => p.name.to_string(),
        (None, Some(name)) => name.to_string(),
        (None, None) => area.to_string(),
    }
}

/// One laid-out tile.
#[derive(Debug, Clone, PartialEq)]
pub struct TileBox {
    /// The area.
    pub area: Area,
    /// Where it stands in the cycle shown.
    pub status: ReportStatus,
    /// Its square (or, for a listed area, its row of the list).
    pub rect: Rect,
    /// The code written on it (a listed area: code and name).
    pub label: TextBox,
    /// Whether it is on the grid (else in the list beside it).
    pub on_grid: bool,
}

/// Options of the map layout.
#[derive(Debug, Clone, PartialEq)]
pub struct TileMapOptions {
    /// Drawing width, CSS px.
    pub width: f64,
    /// Font size of the legend and list, CSS px.
    pub font_px: f64,
    /// Right-to-left: the list and the legend on the left, read from the
    /// right (the map is not mirrored).
    pub rtl: bool,
}

impl Default for TileMapOptions {
    fn default() -> Self {
        TileMapOptions {
            width: 800.0,
            font_px: 13.0,
            rtl: false,
        }
    }
}

/// The whole map.
#[derive(Debug, Clone, PartialEq)]
pub struct TileMapLayout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// The grid's tiles (sorted by ISO code), then the listed areas in the
    /// order given: also the order of the table mirror.
    pub tiles: Vec<TileBox>,
    /// The heading of the list of areas off the grid, when there are any.
    pub list_heading: Option<TextBox>,
    /// The legend under the map.
    pub legend: Vec<LegendItem>,
    /// Right-to-left layout.
    pub rtl: bool,
}

/// A key that moves focus between tiles (arrow keys by their physical
/// direction, Home and End).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TileKey {
    /// West.
    Left,
    /// East.
    Right,
    /// North.
    Up,
    /// South.
    Down,
    /// The first tile.
    First,
    /// The last tile.
    Last,
}

const PAD: f64 = 8.0;
const GAP: f64 = 2.0;

/// Lays out the map: every place of the grid gets a tile with the status
/// `status_of` gives it, `listed` (areas with figures but no grid place) go
/// in a list beside the map, and the legend names `legend` (status, label).
pub fn layout_tile_map(
    status_of: &dyn Fn(Area) -> ReportStatus,
    listed: &[(Area, ReportStatus, String)],
    legend: &[(ReportStatus, String)],
    list_heading: &str,
    opts: &TileMapOptions,
    measure: &dyn TextMeasure,
) -> TileMapLayout {
    let width = opts.width.max(240.0);
    let font = opts.font_px.max(8.0);
    let grid = world_tile_grid();
    let columns = grid.iter().map(|p| p.column).max().map_or(1, |c| c + 1);
    let first_row = grid.iter().map(|p| p.row).min().unwrap_or(0);
    let rows = grid.iter().map(|p| p.row).max().map_or(1, |r| r + 1) - first_row;
    // The list takes the width of its widest line, at most a quarter.
    let list_w = if listed.is_empty() {
        0.0
    } else {
        listed
            .iter()
            .map(|(_, _, l)| measure.width(l, font) + font * 1.6)
            .chain(Some(measure.width(list_heading, font)))
            .fold(0.0_f64, f64::max)
            .min(width * 0.25)
            + PAD
    };
    let map_w = width - 2.0 * PAD - list_w;
    let cell = (map_w / f64::from(columns)).clamp(8.0, 44.0);
    let map_x = if opts.rtl {
        width - PAD - cell * f64::from(columns)
    } else {
        PAD
    };
    let code_font = (cell * 0.34).max(6.0);
    let mut tiles: Vec<TileBox> = grid
        .iter()
        .map(|p| {
            let rect = Rect {
                x: map_x + f64::from(p.column) * cell + GAP / 2.0,
                y: PAD + f64::from(p.row - first_row) * cell + GAP / 2.0,
                w: cell - GAP,
                h: cell - GAP,
            };
            TileBox {
                area: p.area,
                status: status_of(p.area),
                label: TextBox {
                    text: p.area.to_string(),
                    x: rect.x + rect.w / 2.0,
                    y: rect.y + rect.h / 2.0,
                    align: Align::Center,
                    font_px: code_font,
                },
                rect,
                on_grid: true,
            }
        })
        .collect();
    let map_bottom = PAD + f64::from(rows) * cell;
    // The list beside the map, on the side where lines end.
    let line_h = font * 1.6;
    let (list_x, list_align) = if opts.rtl {
        (PAD + list_w - PAD, Align::Right)
    } else {
        (width - PAD - list_w + PAD, Align::Left)
    };
    let heading = (!listed.is_empty()).then(|| TextBox {
        text: list_heading.to_string(),
        x: list_x,
        y: PAD + line_h / 2.0,
        align: list_align,
        font_px: font,
    });
    let swatch = font * 1.1;
    for (i, (area, status, label)) in listed.iter().enumerate() {
        let y = PAD + line_h * (i as f64 + 1.0);
        let row = Rect {
            x: if opts.rtl { PAD } else { list_x },
            y,
            w: list_w - PAD,
            h: line_h - GAP,
        };
        let (swatch_x, text_x, align) = if opts.rtl {
            (
                row.right() - swatch,
                row.right() - swatch - font * 0.5,
                Align::Right,
            )
        } else {
            (row.x, row.x + swatch + font * 0.5, Align::Left)
        };
        tiles.push(TileBox {
            area: *area,
            status: *status,
            rect: Rect {
                x: swatch_x,
                y: y + (line_h - GAP - swatch) / 2.0,
                w: swatch,
                h: swatch,
            },
            label: TextBox {
                text: label.clone(),
                x: text_x,
                y: y + (line_h - GAP) / 2.0,
                align,
                font_px: font,
            },
            on_grid: false,
        });
    }
    let list_bottom = PAD + line_h * (listed.len() as f64 + 1.0);
    let (legend, legend_bottom) = layout_legend(
        &legend
            .iter()
            .map(|(s, l)| (LegendKey::Status(*s), l.clone()))
            .collect::<Vec<_>>(),
        map_bottom.max(list_bottom) + PAD,
        width,
        font,
        opts.rtl,
        measure,
    );
    TileMapLayout {
        width,
        height: legend_bottom + PAD,
        tiles,
        list_heading: heading,
        legend,
        rtl: opts.rtl,
    }
}

/// Lays out legend items in lines from `top`, from the reading side; gives
/// the items and the bottom of the last line.
pub fn layout_legend(
    items: &[(LegendKey, String)],
    top: f64,
    width: f64,
    font_px: f64,
    rtl: bool,
    measure: &dyn TextMeasure,
) -> (Vec<LegendItem>, f64) {
    let swatch = font_px * 1.2;
    let line_h = font_px * 2.0;
    let mut x = PAD;
    let mut y = top;
    let mut out = Vec::with_capacity(items.len());
    for (key, label) in items {
        let w = swatch + font_px * 0.5 + measure.width(label, font_px) + font_px * 1.5;
        if x > PAD && x + w > width - PAD {
            x = PAD;
            y += line_h;
        }
        let mut swatch_rect = Rect {
            x,
            y: y + (line_h - swatch) / 2.0,
            w: swatch,
            h: swatch,
        };
        let mut text = TextBox {
            text: label.clone(),
            x: x + swatch + font_px * 0.5,
            y: y + line_h / 2.0,
            align: Align::Left,
            font_px,
        };
        if rtl {
            swatch_rect = swatch_rect.mirrored(width);
            text.x = width - text.x;
            text.align = Align::Right;
        }
        out.push(LegendItem {
            key: *key,
            swatch: swatch_rect,
            label: text,
        });
        x += w;
    }
    let bottom = if items.is_empty() { top } else { y + line_h };
    (out, bottom)
}

impl TileMapLayout {
    /// The tile (or listed area) under the point, if any.
    pub fn tile_at(&self, x: f64, y: f64) -> Option<usize> {
        self.tiles.iter().position(|t| {
            t.rect.contains(x, y)
                || (!t.on_grid
                    && t.label.y - t.label.font_px <= y
                    && y <= t.label.y + t.label.font_px
                    && {
                        let (lo, hi) = if self.rtl {
                            (0.0, t.rect.right())
                        } else {
                            (t.rect.x, self.width)
                        };
                        lo <= x && x <= hi
                    })
        })
    }

    /// The index of an area's tile.
    pub fn tile_of(&self, area: Area) -> Option<usize> {
        self.tiles.iter().position(|t| t.area == area)
    }

    /// Where focus goes from `current` on `key`: the nearest tile in that
    /// direction (distance along it, plus twice the distance across it; ties
    /// to the first in order), or
    /// `current` when there is none. Without focus, any key goes to the
    /// first tile.
    pub fn next_tile(&self, current: Option<usize>, key: TileKey) -> Option<usize> {
        let last = self.tiles.len().checked_sub(1)?;
        let Some(from) = current.and_then(|i| self.tiles.get(i)) else {
            return Some(if key == TileKey::Last { last } else { 0 });
        };
        let centre = |r: &Rect| (r.x + r.w / 2.0, r.y + r.h / 2.0);
        let (fx, fy) = centre(&from.rect);
        let mut best: Option<(f64, usize)> = None;
        for (i, t) in self.tiles.iter().enumerate() {
            let (tx, ty) = centre(&t.rect);
            let (along, across) = match key {
                TileKey::Left => (fx - tx, (ty - fy).abs()),
                TileKey::Right => (tx - fx, (ty - fy).abs()),
                TileKey::Up => (fy - ty, (tx - fx).abs()),
                TileKey::Down => (ty - fy, (tx - fx).abs()),
                TileKey::First => return Some(0),
                TileKey::Last => return Some(last),
            };
            if along <= 0.5 {
                continue;
            }
            let score = along + 2.0 * across;
            // Ties (within rounding) go to the first tile in order.
            if best.is_none_or(|(s, _)| score < s - 1e-6) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| i).or(current)
    }
}
