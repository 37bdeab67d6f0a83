//! Colour contrast of every theme: text at least 4.5:1 and bars at least 3:1
//! against the background (WCAG 2.1 1.4.3 and 1.4.11).
use kyoto_widgets::render::Palette;
use plotters::style::RGBColor;

fn luminance(c: RGBColor) -> f64 {
    let ch = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
}

fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn every_theme_meets_the_contrast_minimums() {
    for (name, p) in [
        ("light", Palette::LIGHT),
        ("dark", Palette::DARK),
        ("high-contrast", Palette::HIGH_CONTRAST),
    ] {
        for (what, c) in [("text", p.text), ("axis text", p.muted_text)] {
            let r = contrast(c, p.background);
            assert!(r >= 4.5, "{name}: {what} {r:.2}:1");
        }
        let mut bars = vec![("covered", p.covered), ("focus outline", p.focus)];
        bars.extend(
            p.status
                .iter()
                .enumerate()
                .map(|(i, c)| (["completed", "ongoing", "planned"][i], *c)),
        );
        bars.extend(p.series.iter().map(|c| ("timeline line", *c)));
        for (what, c) in bars {
            let r = contrast(c, p.background);
            assert!(r >= 3.0, "{name}: {what} {r:.2}:1");
        }
    }
}

#[test]
fn contrast_formula_matches_known_values() {
    assert!((contrast(RGBColor(0, 0, 0), RGBColor(255, 255, 255)) - 21.0).abs() < 1e-9);
    assert!((contrast(RGBColor(118, 118, 118), RGBColor(255, 255, 255)) - 4.54).abs() < 0.01);
}

#[test]
fn indicator_badges_meet_the_contrast_minimums() {
    use kyoto_widgets::render::indicators::IndicatorColours;
    for (name, c) in [
        ("light", IndicatorColours::LIGHT),
        ("dark", IndicatorColours::DARK),
        ("high-contrast", IndicatorColours::HIGH_CONTRAST),
    ] {
        for (i, fill) in c.status.iter().enumerate() {
            let words = contrast(c.badge_text, *fill);
            assert!(words >= 4.5, "{name}: badge {i} words {words:.2}:1");
            let edge = contrast(*fill, c.base.background);
            assert!(
                edge >= 3.0,
                "{name}: badge {i} against the page {edge:.2}:1"
            );
        }
    }
}
