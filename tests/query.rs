//! The paragraph browser's core: search over the real Declaration, filters,
//! the URL hash, link safety and highlight ranges.

use kyoto_widgets::core::declaration::Declaration;
use kyoto_widgets::core::model::{Activity, Dataset, Part, Pillar, Sdg, Status, Track};
use kyoto_widgets::core::query::{
    citation, fold, hash_string, highlight, parse_hash, safe_url, terms, BrowserQuery, HashState,
    ParagraphHit, SearchIndex,
};
use kyoto_widgets::core::synth::synthetic_export;

fn decl() -> &'static Declaration {
    Declaration::get()
}

fn text_of(n: u8) -> &'static str {
    match decl().paragraph(n) {
        Some(p) => &p.text,
        None => panic!("paragraph {n} is missing"),
    }
}

fn activity(id: &str, title: &str, paragraphs: &[u8], status: Status) -> Activity {
    Activity::new(id, title, paragraphs, status)
}

/// A small dataset: the Global Programme on Cybercrime follows up 93–95 (the
/// text of paragraph 94 speaks of technology, not of cybercrime), and a few
/// activities elsewhere with tracks, leads and goals.
fn dataset() -> Dataset {
    let mut cyber = activity(
        "A1",
        "Global Programme on Cybercrime: technical assistance",
        &[93, 94, 95],
        Status::Ongoing,
    );
    cyber.lead = Some("UNODC".into());
    cyber.track = Some(Track::Programmatic);
    cyber.sdgs = vec![Sdg {
        goal: 16,
        target: Some("a".into()),
    }];
    let mut gender = activity(
        "A2",
        "Handbook on gender-related killings in Türkiye",
        &[27],
        Status::Completed,
    );
    gender.lead = Some("unodc".into()); // same lead, other spelling
    gender.track = Some(Track::National);
    gender.sdgs = vec![
        Sdg {
            goal: 5,
            target: Some("2".into()),
        },
        Sdg {
            goal: 16,
            target: None,
        },
    ];
    let mut prisons = activity(
        "A3",
        "Nelson Mandela Rules training",
        &[35, 36],
        Status::Planned,
    );
    prisons.lead = Some("UNAFEI".into());
    prisons.track = Some(Track::Stakeholder);
    let wildlife = activity(
        "A4",
        "Wildlife and forest crime toolkit",
        &[87],
        Status::Completed,
    );
    let wildlife2 = activity("A5", "Timber trafficking study", &[87], Status::Ongoing);
    Dataset {
        version: 1,
        title: Some("test".into()),
        updated: None,
        activities: vec![cyber, gender, prisons, wildlife, wildlife2],
    }
}

fn index() -> SearchIndex {
    SearchIndex::new(decl(), &dataset())
}

fn numbers(hits: &[ParagraphHit]) -> Vec<u8> {
    hits.iter().map(|h| h.number).collect()
}

fn q(text: &str) -> BrowserQuery {
    BrowserQuery {
        text: text.into(),
        ..Default::default()
    }
}

#[test]
fn the_words_searched_are_where_the_test_expects_them() {
    assert!(text_of(93).contains("cybercrime"));
    assert!(text_of(95).contains("cybercrime"));
    assert!(!text_of(94).to_lowercase().contains("cyber"));
    let with: Vec<u8> = decl()
        .paragraphs
        .iter()
        .filter(|p| p.text.to_lowercase().contains("cybercrime"))
        .map(|p| p.number)
        .collect();
    assert_eq!(with, [93, 95]);
}

#[test]
fn cybercrime_ranks_93_94_95_first() {
    let hits = index().search(&q("cybercrime"));
    assert_eq!(numbers(&hits), [93, 95, 94]);
    // 93 and 95 say it in their text, 94 only through its activity's title.
    assert!(hits[0].score > hits[2].score);
    assert!(hits[2].matches.is_empty());
    assert_eq!(hits[2].activity_matches, [0]);
    // Without data only the text counts.
    let bare = SearchIndex::new(decl(), &Dataset::default());
    assert_eq!(numbers(&bare.search(&q("cybercrime"))), [93, 95]);
}

#[test]
fn case_and_diacritics_do_not_matter() {
    let idx = index();
    let base = idx.search(&q("cybercrime"));
    for variant in [
        "CYBERCRIME",
        "cybercrimé",
        "Cybercrime",
        "  cybercrime  ",
        "cybercrime\u{301}",
    ] {
        assert_eq!(idx.search(&q(variant)), base, "{variant:?}");
    }
}

#[test]
fn exact_word_beats_prefix_beats_theme_beats_activity_title() {
    // "prison": a whole word in the text of 14 and 35, the start of
    // "prisoners" in 41, the theme heading of 35–36 ("Improving prison
    // conditions"), and the title of an activity on 60.
    let mut d = dataset();
    d.activities
        .push(activity("P", "Prison census", &[60], Status::Ongoing));
    let idx = SearchIndex::new(decl(), &d);
    let hits = idx.search(&q("prison"));
    let order = numbers(&hits);
    assert_eq!(order.len(), 5, "{order:?}");
    let mut exact = order[..2].to_vec();
    exact.sort_unstable();
    assert_eq!(exact, [14, 35]);
    assert_eq!(order[2..], [41, 36, 60]);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(hits[3].matches, []);
    assert_eq!(hits[4].activity_matches, [5]);
    // Two words: both must be found, the scores add up.
    let hits = idx.search(&q("youth empowerment"));
    assert_eq!(hits.first().map(|h| h.number), Some(30));
}

#[test]
fn ties_go_to_the_lower_paragraph_number() {
    let hits = SearchIndex::new(decl(), &Dataset::default()).search(&q("cybercrime"));
    assert_eq!(hits[0].score, hits[1].score);
    assert!(hits[0].number < hits[1].number);
}

#[test]
fn every_term_must_match_somewhere() {
    let idx = index();
    assert_eq!(numbers(&idx.search(&q("cybercrime digital"))), [95]);
    assert!(idx.search(&q("cybercrime zebra")).is_empty());
    // A paragraph number counts as a term that matches that paragraph.
    assert_eq!(idx.search(&q("47")).first().map(|h| h.number), Some(47));
}

#[test]
fn no_text_lists_paragraphs_in_order() {
    let hits = index().search(&BrowserQuery::default());
    assert_eq!(numbers(&hits), (1..=97).collect::<Vec<u8>>());
    assert!(hits.iter().all(|h| h.score == 0 && h.matches.is_empty()));
    // Punctuation only is no text.
    assert_eq!(index().search(&q(" ,;- ")).len(), 97);
}

#[test]
fn highlight_ranges_point_at_the_matched_words() {
    let idx = index();
    for hit in idx.search(&q("cybercrime")) {
        let text = text_of(hit.number);
        for &(s, e) in &hit.matches {
            assert_eq!(
                text.get(s..e),
                Some("cybercrime"),
                "paragraph {}",
                hit.number
            );
        }
    }
    let hits = idx.search(&q("gender"));
    let h27 = hits.iter().find(|h| h.number == 27).expect("27 is found");
    let words: Vec<&str> = h27
        .matches
        .iter()
        .map(|&(s, e)| &text_of(27)[s..e])
        .collect();
    assert!(words.len() >= 3);
    assert!(
        words.iter().all(|w| w.eq_ignore_ascii_case("gender")),
        "{words:?}"
    );
    // Theme heading ranges.
    let heading = decl()
        .paragraph(27)
        .and_then(|p| p.theme.clone())
        .unwrap_or_default();
    let theme_words: Vec<&str> = h27
        .theme_matches
        .iter()
        .map(|&(s, e)| &heading[s..e])
        .collect();
    assert_eq!(theme_words, ["gender"]);
}

#[test]
fn highlight_ranges_survive_diacritics() {
    let title = "Handbook on gender-related killings in Türkiye and Côte d’Ivoire; Straße";
    let slices = |query: &str| -> Vec<&str> {
        highlight(title, query)
            .iter()
            .map(|&(s, e)| &title[s..e])
            .collect()
    };
    assert_eq!(slices("turkiye"), ["Türkiye"]);
    assert_eq!(slices("TÜRK"), ["Türk"]);
    assert_eq!(slices("cote ivoire"), ["Côte", "Ivoire"]);
    assert_eq!(slices("strasse"), ["Straße"]);
    assert_eq!(slices("stras"), ["Straß"]); // "ß" folds to "ss": the whole letter is marked
    assert_eq!(slices("gender related"), ["gender", "related"]);
    assert_eq!(slices("ender"), Vec::<&str>::new()); // words match from their start
                                                     // And through the index, on activity titles.
    let hits = index().search(&q("türkiye"));
    assert_eq!(numbers(&hits), [27]);
    assert_eq!(hits[0].activity_matches, [1]);
    let f = fold("Türkiye");
    assert_eq!(f.as_str(), "turkiye");
    assert_eq!(f.original_range(0, 7), Some((0, 8)));
}

#[test]
fn terms_are_folded_split_and_unique() {
    assert_eq!(terms("Cyber-Crime, CYBER crime!"), ["cyber", "crime"]);
    assert!(terms("  ").is_empty());
    assert_eq!(terms(&"a ".repeat(40)).len(), 1);
    let many: String = (0..30).map(|i| format!("w{i} ")).collect();
    assert_eq!(terms(&many).len(), 12);
}

#[test]
fn filter_by_part_pillar_and_theme() {
    let idx = index();
    let part = BrowserQuery {
        part: Some(Part::Declaratory),
        ..Default::default()
    };
    assert_eq!(numbers(&idx.search(&part)), (1..=20).collect::<Vec<u8>>());
    let part = BrowserQuery {
        part: Some(Part::FollowUp),
        ..Default::default()
    };
    assert_eq!(numbers(&idx.search(&part)), [96, 97]);
    let pillar = BrowserQuery {
        pillar: Some(Pillar::II),
        ..Default::default()
    };
    assert_eq!(
        numbers(&idx.search(&pillar)),
        (31..=47).collect::<Vec<u8>>()
    );
    // Theme 2 of pillar II (0-based 1): "Improving prison conditions", 35–36.
    let theme = BrowserQuery {
        pillar: Some(Pillar::II),
        theme: Some(1),
        ..Default::default()
    };
    assert_eq!(numbers(&idx.search(&theme)), [35, 36]);
    // A theme without a pillar is ignored.
    let loose = BrowserQuery {
        theme: Some(1),
        ..Default::default()
    };
    assert_eq!(idx.search(&loose).len(), 97);
    // Filters and search combine.
    let both = BrowserQuery {
        pillar: Some(Pillar::IV),
        ..q("gender")
    };
    assert!(idx
        .search(&both)
        .iter()
        .all(|h| (60..=95).contains(&h.number)));
    let none = BrowserQuery {
        pillar: Some(Pillar::I),
        ..q("cybercrime")
    };
    assert!(idx.search(&none).is_empty());
}

#[test]
fn filter_by_status() {
    let idx = index();
    let s = |status| BrowserQuery {
        status: Some(status),
        ..Default::default()
    };
    assert_eq!(numbers(&idx.search(&s(Status::Completed))), [27, 87]);
    assert_eq!(numbers(&idx.search(&s(Status::Ongoing))), [87, 93, 94, 95]);
    assert_eq!(numbers(&idx.search(&s(Status::Planned))), [35, 36]);
    let pillar_iv_ongoing = BrowserQuery {
        pillar: Some(Pillar::IV),
        status: Some(Status::Ongoing),
        ..Default::default()
    };
    assert_eq!(numbers(&idx.search(&pillar_iv_ongoing)), [87, 93, 94, 95]);
}

#[test]
fn filter_by_track_sdg_and_lead() {
    let idx = index();
    let track = BrowserQuery {
        track: Some(Track::Stakeholder),
        ..Default::default()
    };
    assert_eq!(numbers(&idx.search(&track)), [35, 36]);
    let sdg = |text: &str| BrowserQuery {
        sdg: Sdg::parse(text),
        ..Default::default()
    };
    assert_eq!(numbers(&idx.search(&sdg("16"))), [27, 93, 94, 95]);
    assert_eq!(numbers(&idx.search(&sdg("16.a"))), [93, 94, 95]);
    assert_eq!(numbers(&idx.search(&sdg("5"))), [27]);
    assert!(idx.search(&sdg("5.3")).is_empty());
    let lead = |l: &str| BrowserQuery {
        lead: Some(l.into()),
        ..Default::default()
    };
    assert_eq!(numbers(&idx.search(&lead("UNODC"))), [27, 93, 94, 95]);
    assert_eq!(numbers(&idx.search(&lead("ünodc"))), [27, 93, 94, 95]);
    assert!(idx.search(&lead("Nobody")).is_empty());
    // The activities listed for a paragraph follow the filters.
    let completed = BrowserQuery {
        status: Some(Status::Completed),
        ..Default::default()
    };
    assert_eq!(idx.activities_of(87, &completed), [3]);
    assert_eq!(idx.activities_of(87, &BrowserQuery::default()), [3, 4]);
    // Title matches come first.
    assert_eq!(idx.activities_of(87, &q("timber")), [4, 3]);
    // A title match only counts for activities that pass the filters.
    let filtered = BrowserQuery {
        status: Some(Status::Completed),
        ..q("timber")
    };
    let hits = idx.search(&filtered);
    assert_eq!(numbers(&hits), [87]); // "timber" is in the text of 87
    assert!(hits[0].activity_matches.is_empty());
}

#[test]
fn uncovered_only() {
    let idx = index();
    let uncovered = BrowserQuery {
        uncovered_only: true,
        ..Default::default()
    };
    let hits = numbers(&idx.search(&uncovered));
    let covered = [27, 35, 36, 87, 93, 94, 95];
    assert_eq!(hits.len(), 97 - covered.len());
    assert!(covered.iter().all(|n| !hits.contains(n)));
    // With an activity filter: paragraphs with no activity of that kind.
    let no_completed = BrowserQuery {
        uncovered_only: true,
        status: Some(Status::Completed),
        pillar: Some(Pillar::IV),
        ..Default::default()
    };
    let hits = numbers(&idx.search(&no_completed));
    assert!(hits.contains(&93) && !hits.contains(&87));
    assert_eq!(hits.len(), 36 - 1);
    // Everything is uncovered without data.
    let bare = SearchIndex::new(decl(), &Dataset::default());
    assert_eq!(bare.search(&uncovered).len(), 97);
}

#[test]
fn counts_and_facets() {
    let idx = index();
    let c = idx.counts(87);
    assert_eq!(c.activities, 2);
    assert_eq!(c.by_status, [1, 1, 0]);
    assert_eq!(idx.counts(1).activities, 0);
    assert_eq!(idx.counts(0).activities, 0);
    assert_eq!(idx.counts(200).activities, 0);
    let leads: Vec<(String, usize)> = idx
        .leads()
        .into_iter()
        .map(|f| (f.value, f.activities))
        .collect();
    assert_eq!(leads, [("UNAFEI".to_string(), 1), ("UNODC".to_string(), 2)]);
    let goals: Vec<u8> = idx.sdg_goals().into_iter().map(|f| f.value).collect();
    assert_eq!(goals, [5, 16]);
    assert_eq!(idx.statuses().len(), 3);
    let tracks: Vec<Track> = idx.tracks().into_iter().map(|f| f.value).collect();
    assert_eq!(
        tracks,
        [Track::Programmatic, Track::National, Track::Stakeholder]
    );
}

#[test]
fn activities_outside_the_declaration_are_ignored() {
    let mut d = dataset();
    d.activities.push(activity(
        "X",
        "Zyxwv out of range",
        &[0, 98, 255],
        Status::Ongoing,
    ));
    let idx = SearchIndex::new(decl(), &d);
    assert!(idx.search(&q("zyxwv")).is_empty());
    assert_eq!(idx.activity_count(), 6);
}

#[test]
fn hash_round_trip() {
    let states = [
        HashState::default(),
        HashState {
            open: Some(27),
            ..Default::default()
        },
        HashState {
            query: BrowserQuery {
                text: "cybercrime & co: 100% Türkiye".into(),
                part: Some(Part::Actions),
                pillar: Some(Pillar::IV),
                theme: Some(3),
                status: Some(Status::Ongoing),
                track: Some(Track::National),
                sdg: Sdg::parse("16.3"),
                lead: Some("UNODC Regional Office for South Asia".into()),
                uncovered_only: true,
                with_progress_only: true,
            },
            open: Some(93),
        },
        HashState {
            query: BrowserQuery {
                status: Some(Status::Planned),
                ..Default::default()
            },
            open: None,
        },
    ];
    for state in states {
        let hash = hash_string(&state);
        assert_eq!(
            parse_hash(&format!("#{hash}")),
            Some(state.clone()),
            "{hash}"
        );
        assert_eq!(parse_hash(&hash), Some(state));
    }
}

#[test]
fn hash_forms() {
    let s = parse_hash("#q=cybercrime&pillar=IV&status=ongoing").expect("ours");
    assert_eq!(
        s.query,
        BrowserQuery {
            text: "cybercrime".into(),
            pillar: Some(Pillar::IV),
            status: Some(Status::Ongoing),
            ..Default::default()
        }
    );
    assert_eq!(hash_string(&s), "q=cybercrime&pillar=IV&status=ongoing");
    assert_eq!(parse_hash("#para-27").map(|s| s.open), Some(Some(27)));
    assert_eq!(
        hash_string(&HashState {
            open: Some(27),
            ..Default::default()
        }),
        "para-27"
    );
    assert_eq!(parse_hash(""), Some(HashState::default()));
    assert_eq!(parse_hash("#"), Some(HashState::default()));
    // Someone else's anchors.
    assert_eq!(parse_hash("#chart-title"), None);
    assert_eq!(parse_hash("#para-0"), None);
    assert_eq!(parse_hash("#para-98"), None);
    assert_eq!(parse_hash("#para-x"), None);
    // '+' is a space, bad values are dropped, theme counts from 1.
    let s = parse_hash("q=cyber+crime&pillar=V&status=maybe&theme=2&uncovered=0").expect("ours");
    assert_eq!(s.query.text, "cyber crime");
    assert_eq!(s.query.pillar, None);
    assert_eq!(s.query.status, None);
    assert_eq!(s.query.theme, None); // no pillar
    assert!(!s.query.uncovered_only);
    let s = parse_hash("pillar=ii&theme=2&status=in%20progress&track=NATIONAL").expect("ours");
    assert_eq!((s.query.pillar, s.query.theme), (Some(Pillar::II), Some(1)));
    assert_eq!(s.query.status, Some(Status::Ongoing));
    assert_eq!(s.query.track, Some(Track::National));
    assert_eq!(
        hash_string(&s),
        "pillar=II&theme=2&status=ongoing&track=national"
    );
    // Hostile input: never panics, text is capped.
    let long = format!("q={}", "%41".repeat(10_000));
    assert_eq!(
        parse_hash(&long).map(|s| s.query.text.chars().count()),
        Some(200)
    );
    for junk in [
        "%",
        "q=%",
        "q=%e2%82",
        "&&&",
        "=",
        "q",
        "para=",
        "theme=99999999999999999999",
    ] {
        let _ = parse_hash(junk);
    }
}

#[test]
fn safe_url_accepts_only_absolute_http_links() {
    for ok in [
        "https://www.unodc.org/unodc/en/cybercrime/",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/a?b=c#d",
        "  https://example.org/trimmed  ",
        "https://user@example.org/",
        "https://example.org:8443/x",
        "https://例え.jp/",
    ] {
        assert!(safe_url(ok).is_some(), "{ok}");
    }
    assert_eq!(
        safe_url("  https://example.org/  "),
        Some("https://example.org/")
    );
    // Browsers strip white space around a link; inside it, it is refused.
    assert_eq!(
        safe_url("https://example.org/\r\n"),
        Some("https://example.org/")
    );
    for bad in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\u{0}javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org",
        "/relative/path",
        "relative/path",
        "//example.org/protocol-relative",
        "https:/example.org",
        "https:example.org",
        "https://",
        "https:///path",
        "https://:443/",
        "http://exa mple.org",
        "https://example.org/\u{202E}gpj.exe",
        "https://example.org/\u{200B}",
        "ht\ttps://example.org",
        "https://example.org/\r\nx",
        "",
        "   ",
    ] {
        assert_eq!(safe_url(bad), None, "{bad:?}");
    }
}

#[test]
fn citation_names_the_paragraph_and_the_document() {
    assert_eq!(
        citation(decl(), 47),
        "Kyoto Declaration, para. 47 (A/CONF.234/16, chap. I, resolution 1)"
    );
}

#[test]
fn search_scales_to_ten_thousand_activities() {
    let data = synthetic_export(10_000, 1);
    let idx = SearchIndex::new(decl(), &data);
    assert_eq!(idx.activity_count(), 10_000);
    let hits = idx.search(&q("cybercrime"));
    // 93 and 95 say it in their own text and rank first.
    assert_eq!(numbers(&hits).get(..2), Some(&[93u8, 95][..]));
    // Activity titles matched many more.
    assert!(hits.len() > 20);
    assert!(hits
        .iter()
        .skip(2)
        .all(|h| !h.activity_matches.is_empty() || !h.matches.is_empty()));
}
