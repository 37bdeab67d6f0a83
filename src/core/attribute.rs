//! The attributes a page sets on a widget, checked: which values each
//! widget reads, and, for a value it cannot read, a [`Notice`] naming the
//! attribute, the value and the catalogue key of what it accepts and what
//! the widget shows instead. The widget still shows that default (it stays
//! useful to readers); the notice tells the page's editor why.
//!
//! Each widget has its list of [`Rule`]s ([`CHART`], [`BROWSER`],
//! [`INDICATORS`], [`REPORTING`]), so that a module carries the checks of
//! the widgets it has only. An absent or empty attribute is never a notice:
//! it asks for the default (a presenter page sets `pillar=""` for the
//! overview). Attributes whose value is a URL or a name (`src`, `progress`,
//! `channel`) are not checked here: a `src` that cannot be loaded says so
//! when it fails.

use crate::core::i18n::Lang;
use crate::core::model::Pillar;

/// One attribute a widget reads, and which of its values it can.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The attribute's name (`pillar`; its `data-` twin is read the same).
    pub name: &'static str,
    /// Whether the widget reads `value` (trimmed, never empty).
    pub reads: fn(&str) -> bool,
    /// The catalogue key of what the attribute accepts and what the widget
    /// shows instead ("not a pillar; I, II, III or IV. Showing the overview.").
    pub key: &'static str,
}

/// An attribute value a widget cannot read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The attribute.
    pub name: &'static str,
    /// The value as the page gave it.
    pub value: String,
    /// The catalogue key of what it accepts and what is shown instead.
    pub key: &'static str,
    /// The values the data has, for a notice about a value it has not (the
    /// reporting widget's cycles: "2024, 2026"); empty for the others.
    pub known: String,
}

/// `pillar` of the chart: a pillar to drill into, else the overview.
pub const PILLAR_OVERVIEW: Rule = Rule {
    name: "pillar",
    reads: reads_pillar,
    key: "attribute.pillar.overview",
};
/// `pillar` of the browser, the indicators and the reporting widget: a pillar to filter
/// to, else all pillars.
pub const PILLAR_ALL: Rule = Rule {
    name: "pillar",
    reads: reads_pillar,
    key: "attribute.pillar.all",
};
/// `view` of the chart (its measure).
pub const CHART_VIEW: Rule = Rule {
    name: "view",
    reads: reads_chart_view,
    key: "attribute.view.chart",
};
/// `theme`, of every widget (its stylesheet's and its drawing's colours).
pub const THEME: Rule = Rule {
    name: "theme",
    reads: reads_theme,
    key: "attribute.theme",
};
/// `poll`, of every widget: seconds between requests of `src`.
pub const POLL: Rule = Rule {
    name: "poll",
    reads: reads_poll,
    key: "attribute.poll",
};
/// `lang`, of every widget: one of the six languages. Another falls back
/// to the page's language, else English (README, "Languages").
pub const LANG: Rule = Rule {
    name: "lang",
    reads: reads_lang,
    key: "attribute.lang",
};
/// `view` of the reporting widget.
pub const REPORTING_VIEW: Rule = Rule {
    name: "view",
    reads: reads_reporting_view,
    key: "attribute.view.reporting",
};
/// `as-of` of the reporting widget: the day reports are judged on.
pub const AS_OF: Rule = Rule {
    name: "as-of",
    reads: reads_date,
    key: "attribute.as_of",
};
/// `area` of the indicators.
pub const AREA: Rule = Rule {
    name: "area",
    reads: reads_area,
    key: "attribute.area",
};
/// `breakdown` of the indicators.
pub const BREAKDOWN: Rule = Rule {
    name: "breakdown",
    reads: reads_breakdown,
    key: "attribute.breakdown",
};

/// `<kyoto-pillar-chart>`'s attributes.
/// (`height`, any CSS length, is checked by the browser: [`HEIGHT_UNREAD`].)
pub const CHART: &[Rule] = &[CHART_VIEW, PILLAR_OVERVIEW, THEME, POLL, LANG];
/// `<kyoto-paragraph-browser>`'s attributes.
pub const BROWSER: &[Rule] = &[PILLAR_ALL, THEME, POLL, LANG];
/// `<kyoto-indicators>`'s attributes (`indicator` and `area` are checked
/// against the data, by the widget: [`INDICATOR_NOT_IN_DATA`],
/// [`AREA_NOT_IN_DATA`], [`AREA_NOT_IN_PILLAR`]).
pub const INDICATORS: &[Rule] = &[PILLAR_ALL, AREA, BREAKDOWN, THEME, POLL, LANG];
/// `<kyoto-reporting>`'s attributes (`cycle` is checked against the data,
/// by the widget: [`CYCLE_NOT_IN_DATA`]).
pub const REPORTING: &[Rule] = &[REPORTING_VIEW, PILLAR_ALL, AS_OF, THEME, POLL, LANG];

/// The catalogue key of a `poll` the widget reads but cannot follow: it has
/// no `src` to poll.
pub const POLL_WITHOUT_SRC: &str = "attribute.poll.no_src";

/// The catalogue key of a `src` that is there but empty (a content system
/// that left the field blank): the widget shows the sample, as without one.
pub const SRC_EMPTY: &str = "attribute.src.empty";

/// The catalogue key of a chart's `view` that shows progress data
/// (`reporting`, `indicators`) on a chart without a `progress` attribute:
/// it has none to show, and shows coverage.
pub const VIEW_WITHOUT_PROGRESS: &str = "attribute.view.no_progress";

/// The catalogue key of a `height` the browser did not take as a CSS
/// length (the chart sets it and reads it back: the browser knows every
/// unit, function and keyword).
pub const HEIGHT_UNREAD: &str = "attribute.height";
/// The catalogue key of an `indicator` that names none of the data's.
pub const INDICATOR_NOT_IN_DATA: &str = "attribute.indicator";
/// The catalogue key of a `cycle` that is none of the data's ([`Notice::known`]).
pub const CYCLE_NOT_IN_DATA: &str = "attribute.cycle";
/// The catalogue key of an `area` the data has no values for.
pub const AREA_NOT_IN_DATA: &str = "attribute.area.data";
/// The catalogue key of an `area` the data has no values for in the
/// `pillar` of the attribute ([`Notice::known`]: the pillar's numeral), as
/// a pillar's page would set it.
pub const AREA_NOT_IN_PILLAR: &str = "attribute.area.pillar";

/// A notice a widget finds itself: a value the data has not
/// (`indicator="I-9"`, `cycle="2019"`, `area="FRA"`), a height the browser
/// did not take.
pub fn found(name: &'static str, value: String, key: &'static str, known: String) -> Notice {
    Notice {
        name,
        value,
        key,
        known,
    }
}

/// Every notice of a widget's attributes by its `rules`, in their order;
/// `attribute` gives an attribute's value (or its `data-` twin's).
///
/// ```
/// use kyoto_widgets::core::attribute::{check, CHART};
/// let attrs = |name: &str| (name == "pillar").then(|| "V".to_string());
/// let notices = check(CHART, attrs);
/// assert_eq!(notices.len(), 1);
/// assert_eq!((notices[0].name, notices[0].value.as_str()), ("pillar", "V"));
/// assert_eq!(notices[0].key, "attribute.pillar.overview");
/// ```
pub fn check(rules: &[Rule], attribute: impl Fn(&str) -> Option<String>) -> Vec<Notice> {
    let mut out = Vec::new();
    // Every widget reads `src`; one left empty shows the sample, which the
    // page did not mean to show.
    if let Some(src) = attribute("src").filter(|s| s.trim().is_empty()) {
        out.push(Notice {
            name: "src",
            value: src,
            key: SRC_EMPTY,
            known: String::new(),
        });
    }
    for rule in rules {
        let Some(value) = attribute(rule.name) else {
            continue;
        };
        let t = value.trim();
        if t.is_empty() {
            continue;
        }
        let absent = |name: &str| attribute(name).is_none_or(|s| s.trim().is_empty());
        let key = if !(rule.reads)(t) {
            rule.key
        } else if rule.name == POLL.name && polls(t) && absent("src") {
            POLL_WITHOUT_SRC
        } else if rule.key == CHART_VIEW.key && needs_progress(t) && absent("progress") {
            VIEW_WITHOUT_PROGRESS
        } else {
            continue;
        };
        out.push(Notice {
            name: rule.name,
            value,
            key,
            known: String::new(),
        });
    }
    out
}

fn reads_pillar(v: &str) -> bool {
    Pillar::parse(v).is_some()
}

fn reads_chart_view(v: &str) -> bool {
    crate::core::chart::Measure::read(v).is_some()
}

/// Whether a chart view it reads shows progress data only.
fn needs_progress(v: &str) -> bool {
    crate::core::chart::Measure::read(v).is_some_and(crate::core::chart::Measure::is_progress)
}

fn reads_reporting_view(v: &str) -> bool {
    ["overview", "map", "table", "questions"].contains(&v)
}

/// The stylesheet matches the theme's name exactly (`:host([theme="dark"])`).
fn reads_theme(v: &str) -> bool {
    ["light", "dark", "high-contrast", "projector"].contains(&v)
}

fn reads_lang(v: &str) -> bool {
    Lang::parse(v).is_some()
}

/// A number of seconds (a trailing `s` allowed), 0 for none.
fn reads_poll(v: &str) -> bool {
    crate::core::live::poll_seconds(v).is_some()
}

/// Whether a `poll` the widget reads asks for polling (not 0).
fn polls(v: &str) -> bool {
    crate::core::live::parse_poll(Some(v)).is_some()
}

fn reads_date(v: &str) -> bool {
    crate::core::import::parse_date(v).is_ok()
}

fn reads_area(v: &str) -> bool {
    crate::core::progress::Area::parse(v).is_ok()
}

fn reads_breakdown(v: &str) -> bool {
    crate::core::indicators::parse_breakdown(v).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn notices(rules: &[Rule], attrs: &[(&str, &str)]) -> Vec<(String, String, String)> {
        let map: HashMap<&str, &str> = attrs.iter().copied().collect();
        check(rules, |n| map.get(n).map(|v| v.to_string()))
            .into_iter()
            .map(|n| (n.name.to_string(), n.value, n.key.to_string()))
            .collect()
    }

    fn one(name: &str, value: &str, key: &str) -> Vec<(String, String, String)> {
        vec![(name.into(), value.into(), key.into())]
    }

    #[test]
    fn an_empty_src_is_a_notice_for_every_widget() {
        for rules in [CHART, BROWSER, INDICATORS, REPORTING] {
            assert_eq!(notices(rules, &[("src", " ")]), one("src", " ", SRC_EMPTY));
            assert_eq!(notices(rules, &[("src", "data.csv")]), vec![]);
            assert_eq!(notices(rules, &[]), vec![]);
        }
    }

    #[test]
    fn a_pillar_that_is_not_one_is_a_notice() {
        assert_eq!(
            notices(CHART, &[("pillar", "V")]),
            one("pillar", "V", "attribute.pillar.overview")
        );
        assert_eq!(
            notices(BROWSER, &[("pillar", "five")]),
            one("pillar", "five", "attribute.pillar.all")
        );
        assert_eq!(
            notices(REPORTING, &[("pillar", "0")]),
            one("pillar", "0", "attribute.pillar.all")
        );
    }

    #[test]
    fn views_the_widget_does_not_have_are_notices() {
        assert_eq!(
            notices(CHART, &[("view", "bogus")]),
            one("view", "bogus", "attribute.view.chart")
        );
        assert_eq!(
            notices(REPORTING, &[("view", "grid")]),
            one("view", "grid", "attribute.view.reporting")
        );
        // The chart's views are not the reporting widget's.
        assert_eq!(
            notices(REPORTING, &[("view", "status")]),
            one("view", "status", "attribute.view.reporting")
        );
    }

    #[test]
    fn theme_lang_poll_as_of_area_breakdown() {
        assert_eq!(
            notices(BROWSER, &[("theme", "blue")]),
            one("theme", "blue", "attribute.theme")
        );
        assert_eq!(
            notices(CHART, &[("lang", "de")]),
            one("lang", "de", "attribute.lang")
        );
        assert_eq!(
            notices(CHART, &[("poll", "soon"), ("src", "a.csv")]),
            one("poll", "soon", "attribute.poll")
        );
        assert_eq!(
            notices(INDICATORS, &[("poll", "-5"), ("src", "a.csv")]),
            one("poll", "-5", "attribute.poll")
        );
        assert_eq!(
            notices(REPORTING, &[("as-of", "yesterday")]),
            one("as-of", "yesterday", "attribute.as_of")
        );
        assert_eq!(
            notices(INDICATORS, &[("pillar", "V")]),
            one("pillar", "V", "attribute.pillar.all")
        );
        assert_eq!(notices(INDICATORS, &[("pillar", "2")]), Vec::new());
        assert_eq!(
            notices(INDICATORS, &[("area", "RO")]),
            one("area", "RO", "attribute.area")
        );
        assert_eq!(
            notices(INDICATORS, &[("breakdown", "female")]),
            one("breakdown", "female", "attribute.breakdown")
        );
    }

    #[test]
    fn a_poll_without_a_src_is_a_notice() {
        assert_eq!(
            notices(CHART, &[("poll", "30")]),
            one("poll", "30", POLL_WITHOUT_SRC)
        );
        // An empty src is said too, first.
        assert_eq!(
            notices(CHART, &[("poll", "30"), ("src", " ")]),
            [
                one("src", " ", SRC_EMPTY),
                one("poll", "30", POLL_WITHOUT_SRC)
            ]
            .concat()
        );
        // 0 asks for no polling: nothing to say.
        assert!(notices(CHART, &[("poll", "0")]).is_empty());
    }

    #[test]
    fn a_progress_view_without_progress_data_is_a_notice() {
        assert_eq!(
            notices(CHART, &[("view", "reporting")]),
            one("view", "reporting", VIEW_WITHOUT_PROGRESS)
        );
        assert_eq!(
            notices(CHART, &[("view", " Indicators "), ("progress", " ")]),
            one("view", " Indicators ", VIEW_WITHOUT_PROGRESS)
        );
        // With progress data, or in a view of the activities: nothing to say.
        assert!(notices(CHART, &[("view", "reporting"), ("progress", "p.json")]).is_empty());
        assert!(notices(CHART, &[("view", "timeline")]).is_empty());
        // The reporting widget's own views are its data's.
        assert!(notices(REPORTING, &[("view", "overview")]).is_empty());
    }

    #[test]
    fn several_notices_come_in_the_rules_order() {
        let got = notices(CHART, &[("lang", "xx"), ("pillar", "V"), ("view", "pie")]);
        let names: Vec<&str> = got.iter().map(|n| n.0.as_str()).collect();
        assert_eq!(names, ["view", "pillar", "lang"]);
    }

    #[test]
    fn valid_values_absent_and_empty_attributes_are_no_notice() {
        type Attributes<'a> = &'a [(&'a str, &'a str)];
        let valid: &[(&[Rule], Attributes)] = &[
            (
                CHART,
                &[
                    ("view", "Status"),
                    ("pillar", "II"),
                    ("theme", "projector"),
                    ("poll", "30s"),
                    ("src", "/data.csv"),
                    ("lang", "fr-CA"),
                ],
            ),
            (CHART, &[("view", "timeline"), ("pillar", "pillar 4")]),
            (
                CHART,
                &[
                    ("view", "reporting"),
                    ("theme", "light"),
                    ("progress", "/digest.json"),
                ],
            ),
            (
                CHART,
                &[
                    ("view", "indicators"),
                    ("lang", "ar-EG"),
                    ("progress", "p.xlsx"),
                ],
            ),
            (CHART, &[("poll", "0.5"), ("src", "x")]),
            (CHART, &[("lang", "zh-Hant")]),
            (CHART, &[("pillar", ""), ("view", " "), ("lang", "")]),
            (
                BROWSER,
                &[("pillar", "iv"), ("theme", "dark"), ("lang", "ar")],
            ),
            (
                REPORTING,
                &[
                    ("view", "map"),
                    ("pillar", "3"),
                    ("as-of", "2026-03-31"),
                    ("theme", "high-contrast"),
                ],
            ),
            (REPORTING, &[("view", "questions"), ("as-of", "31/03/2026")]),
            (
                INDICATORS,
                &[
                    ("area", "ROU"),
                    ("breakdown", "sex=female"),
                    ("theme", "light"),
                    ("lang", "es"),
                ],
            ),
            (INDICATORS, &[("area", "001"), ("breakdown", "total")]),
            (BROWSER, &[]),
        ];
        for (rules, attrs) in valid {
            assert_eq!(notices(rules, attrs), vec![], "{attrs:?}");
        }
    }
}
