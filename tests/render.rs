//! The drawing code path natively: SVG golden files (reviewed like code) and
//! the number of bars drawn.
use kyoto_widgets::core::aggregate::{summarize, SummaryOptions};
use kyoto_widgets::core::chart::{ChartLocale, ChartState, Level, Measure};
use kyoto_widgets::core::declaration::Declaration;
use kyoto_widgets::core::layout::EstimatedText;
use kyoto_widgets::core::model::Pillar;
use kyoto_widgets::core::sample::sample;
use kyoto_widgets::render::{bars_svg, DrawState, Palette};
use std::path::Path;

fn svg(level: Level, measure: Measure) -> String {
    let summary = summarize(&sample().dataset, &SummaryOptions::default());
    let state = ChartState {
        level,
        measure,
        ..Default::default()
    };
    // Native drawing speaks English with plain numbers.
    let english = ChartLocale::english();
    let bars = state.bars(&summary, Declaration::get(), english, None);
    let layout = state.layout(&bars, 800.0, 14.0, false, english, &EstimatedText);
    bars_svg(&layout, &Palette::LIGHT, &DrawState::default()).unwrap()
}

/// Compares with `tests/golden/NAME.svg`; with UPDATE_GOLDEN=1 writes it.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.svg"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run with UPDATE_GOLDEN=1 and review it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name}.svg differs from its golden file (UPDATE_GOLDEN=1 to accept after review)"
    );
}

/// How plotters' SVG backend writes a text element's content.
fn text_line(text: &str) -> String {
    format!(">\n{text}\n</text>")
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn overview_coverage_draws_one_bar_per_pillar_and_part() {
    let s = svg(Level::Overview, Measure::Coverage);
    for p in ["Pillar I", "Pillar II", "Pillar III", "Pillar IV"] {
        assert_eq!(count(&s, &text_line(p)), 1, "{p}");
    }
    // The sample cites the declaratory part and the follow-up part too.
    assert_eq!(count(&s, &text_line("Declaratory part")), 1);
    assert_eq!(count(&s, &text_line("Follow-up")), 1);
    // Six bars, each with a covered segment in the coverage colour.
    assert_eq!(count(&s, r##"fill="#0068A4""##), 6);
    golden("overview-coverage", &s);
}

#[test]
fn pillar_themes_by_status() {
    let s = svg(Level::Pillar(Pillar::II), Measure::Status);
    let decl = Declaration::get();
    for theme in &decl.pillar(Pillar::II).unwrap().themes {
        let first_word = theme.heading.split(' ').next().unwrap();
        assert!(s.contains(first_word), "{}", theme.heading);
    }
    golden("pillar-II-status", &s);
}

#[test]
fn theme_paragraphs() {
    let s = svg(Level::Theme(Pillar::IV, 2), Measure::Coverage);
    let decl = Declaration::get();
    let theme = &decl.pillar(Pillar::IV).unwrap().themes[2];
    for n in &theme.paragraphs {
        assert_eq!(count(&s, &text_line(&format!("Paragraph {n}"))), 1);
    }
    golden("theme-IV-3-paragraphs", &s);
}

#[test]
fn the_cli_renders_svg_and_png_with_the_same_code() {
    let dir = std::env::temp_dir().join(format!("kyoto-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("pillars.svg");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_kyoto"))
        .args(["render", "--chart", "pillars", "--out"])
        .arg(&svg)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::read_to_string(&svg).unwrap(),
        svg_for_cli_width(),
        "the CLI draws what the library draws"
    );
    let png = dir.join("timeline.png");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kyoto"))
        .args(["render", "--chart", "timeline", "--out"])
        .arg(&png)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    // 2x: the IHDR width is twice the CSS width of 800.
    assert_eq!(
        u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]),
        1600
    );
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_kyoto"))
        .args(["render", "--chart", "themes", "--out", "x.svg"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim(),
        "kyoto: --chart themes needs --pillar"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn arabic_is_mirrored_and_its_labels_isolated() {
    use kyoto_widgets::core::chart::PlainNumbers;
    use kyoto_widgets::core::i18n::{Catalog, Lang};
    let summary = summarize(&sample().dataset, &SummaryOptions::default());
    let arabic = ChartLocale {
        text: Catalog::get(Lang::Ar),
        numbers: &PlainNumbers,
    };
    let state = ChartState {
        measure: Measure::Status,
        ..Default::default()
    };
    let bars = state.bars(&summary, Declaration::get(), arabic, None);
    let layout = state.layout(&bars, 800.0, 14.0, true, arabic, &EstimatedText);
    // Bars grow from the right edge of the plot, labels sit right of it.
    for b in &layout.bars {
        assert!((b.bar.right() - layout.plot.right()).abs() < 1e-6);
        assert!(b.label_lines[0].x > layout.plot.right());
    }
    let s = bars_svg(&layout, &Palette::LIGHT, &DrawState::default()).unwrap();
    // A label that mixes Arabic and a Latin numeral is a first-strong isolate,
    // so that it reads right to left on the left-to-right surface.
    assert_eq!(count(&s, &text_line("\u{2068}الركيزة II\u{2069}")), 1);
    // English text is drawn as it is.
    assert!(!svg(Level::Overview, Measure::Coverage).contains('\u{2068}'));
}

fn svg_for_cli_width() -> String {
    svg(Level::Overview, Measure::Coverage)
}

#[test]
fn path_numbers_are_written_as_svg_path_data_reads_them() {
    use kyoto_widgets::render::push_path_number;
    let cases: &[(f64, &str)] = &[
        (0.0, "0"),
        (-0.0, "0"),
        (0.5, "0.5"),
        (-0.5, "-0.5"),
        (7.0, "7"),
        (-1.5, "-1.5"),
        (10.5, "10.5"),
        (1234567.0, "1234567"),
        (2.25, "2.25"),
        (-3.75, "-3.75"),
    ];
    for &(v, want) in cases {
        let mut d = String::from("M");
        push_path_number(&mut d, v);
        assert_eq!(d, format!("M{want}"), "{v}");
        // What is written reads back as the same number.
        assert_eq!(want.parse::<f64>().unwrap(), v, "{v}");
    }
    // Every half pixel of a wide canvas, both signs, reads back exactly.
    let mut d = String::new();
    for halves in -8000..=8000 {
        d.clear();
        let v = f64::from(halves) / 2.0;
        push_path_number(&mut d, v);
        assert_eq!(d.parse::<f64>().unwrap(), v);
    }
}

/// A download of the chart reads on its own: a title and the key to the
/// segments' colours and patterns above the plot, which is drawn below it
/// as on the page.
#[test]
fn a_download_has_its_title_and_key_above_the_plot() {
    use kyoto_widgets::core::layout::{layout_key_heading, Align, SegmentKind};
    use kyoto_widgets::render::bars_with_heading_svg;
    let summary = summarize(&sample().dataset, &SummaryOptions::default());
    let state = ChartState {
        measure: Measure::Status,
        ..Default::default()
    };
    let english = ChartLocale::english();
    let bars = state.bars(&summary, Declaration::get(), english, None);
    let layout = state.layout(&bars, 800.0, 14.0, false, english, &EstimatedText);
    let key = [
        (SegmentKind::Status(0), "Completed".to_string()),
        (SegmentKind::Status(1), "Ongoing".to_string()),
        (SegmentKind::Status(2), "Planned".to_string()),
    ];
    let title = "All pillars · By status";
    let heading = layout_key_heading(800.0, title, &key, 14.0, false, &EstimatedText);
    assert_eq!(heading.title.len(), 1);
    assert_eq!(heading.swatches.len(), 3);
    // One line of key, left to right, each swatch before its words.
    assert!(heading
        .labels
        .iter()
        .all(|l| l.y == heading.labels[0].y && l.align == Align::Left));
    for ((rect, _), label) in heading.swatches.iter().zip(&heading.labels) {
        assert!(rect.right() < label.x && rect.y > heading.title[0].y);
    }
    assert!(heading
        .swatches
        .windows(2)
        .all(|w| w[0].0.right() < w[1].0.x));
    assert!(heading.height > heading.labels[0].y + 7.0);
    let svg =
        bars_with_heading_svg(&heading, &layout, &Palette::LIGHT, &DrawState::default()).unwrap();
    for t in [
        title,
        "Completed",
        "Ongoing",
        "Planned",
        "Pillar I",
        "Pillar IV",
    ] {
        assert_eq!(count(&svg, &text_line(t)), 1, "{t}");
    }
    let height = (heading.height.round() + layout.height).ceil();
    assert!(
        svg.contains(&format!("height=\"{height}\"")),
        "the plot below the heading"
    );
    // The plot is the page's, moved down: the same bars as without a heading.
    let plain = bars_svg(&layout, &Palette::LIGHT, &DrawState::default()).unwrap();
    // The heading's background, and each swatch: its fill, separator, outline.
    assert_eq!(count(&svg, "<rect"), count(&plain, "<rect") + 1 + 3 * 3);

    // Right to left, and a key too long for a narrow chart: mirrored, wrapped.
    let narrow = layout_key_heading(200.0, title, &key, 14.0, true, &EstimatedText);
    assert!(narrow.labels.iter().all(|l| l.align == Align::Right));
    assert!(narrow.labels[2].y > narrow.labels[0].y, "the key wraps");
    for ((rect, _), label) in narrow.swatches.iter().zip(&narrow.labels) {
        assert!(
            rect.x > label.x - 1.0 && rect.right() <= 200.0,
            "the swatch on the right of its words"
        );
    }
}
