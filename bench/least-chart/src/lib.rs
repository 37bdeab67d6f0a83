//! The least pillar chart: the job of the Chart.js baseline
//! (`bench/baseline-chart.js`) with plotters, and nothing else. It reads a
//! JSON export, counts the activities of each group (declaratory part 1–20
//! when cited, pillars I–IV, follow-up 96–97 when cited) by status, each once
//! per group, and the paragraphs cited; draws stacked horizontal bars with
//! their "n of m" and a legend; and writes the same numbers in a table.
//! No validation, languages, interaction, live data or widget: what
//! `bench/least-chart.sh` measures is what this stack costs before those.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use serde_json::Value;
use wasm_bindgen::prelude::*;

const GROUPS: [(&str, u64, u64, bool); 6] = [
    ("Declaratory part", 1, 20, true),
    ("Pillar I", 21, 30, false),
    ("Pillar II", 31, 47, false),
    ("Pillar III", 48, 59, false),
    ("Pillar IV", 60, 95, false),
    ("Follow-up", 96, 97, true),
];
const STATUSES: [&str; 3] = ["Completed", "Ongoing", "Planned"];
const COLOURS: [RGBColor; 3] = [
    RGBColor(0x1a, 0x7f, 0x37),
    RGBColor(0x09, 0x69, 0xda),
    RGBColor(0xbf, 0x87, 0x00),
];

fn status(word: &str) -> Option<usize> {
    match word.trim().to_ascii_lowercase().as_str() {
        "completed" | "complete" | "done" | "finished" => Some(0),
        "ongoing" | "on going" | "in progress" | "underway" | "under way" | "active" => Some(1),
        "planned" | "proposed" | "not started" | "pipeline" | "in pipeline" | "in the pipeline" => {
            Some(2)
        }
        _ => None,
    }
}

/// Paragraph numbers of a reference: a number, an array, or text such as
/// "21, 22", "93-95", "35 to 42", "para. 87".
fn paragraphs(r: &Value, out: &mut Vec<u64>) {
    match r {
        Value::Number(n) => out.extend(n.as_u64()),
        Value::Array(a) => a.iter().for_each(|v| paragraphs(v, out)),
        Value::String(s) => {
            for item in s
                .split([',', ';', '/', '&', '\n'])
                .flat_map(|i| i.split(" and "))
            {
                let item = item.replace(" to ", "-").replace(" through ", "-");
                let item = item
                    .trim()
                    .trim_start_matches(|c: char| !c.is_ascii_digit());
                let item = item.split('(').next().unwrap_or("").trim();
                let mut ends = item
                    .splitn(2, ['-', '–', '—'])
                    .map(|n| n.trim().parse::<u64>());
                match (ends.next(), ends.next()) {
                    (Some(Ok(a)), Some(Ok(b))) => out.extend(a..=b),
                    (Some(Ok(a)), None) => out.push(a),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Draws the chart of `json` (an export) on `canvas` and its numbers in `table`.
#[wasm_bindgen]
pub fn draw(
    canvas: web_sys::HtmlCanvasElement,
    table: web_sys::Element,
    json: &str,
) -> Result<(), JsValue> {
    let data: Value = serde_json::from_str(json).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let none = Vec::new();
    let activities = data
        .get("activities")
        .and_then(Value::as_array)
        .unwrap_or(&none);
    let mut by_status = [[0u32; 3]; 6];
    let mut covered = [false; 98];
    let mut cited = Vec::new();
    for a in activities {
        let Some(s) = a.get("status").and_then(Value::as_str).and_then(status) else {
            continue;
        };
        cited.clear();
        paragraphs(a.get("paragraphs").unwrap_or(&Value::Null), &mut cited);
        let mut seen = 0u8;
        for &p in &cited {
            let Some(g) = GROUPS.iter().position(|g| (g.1..=g.2).contains(&p)) else {
                continue;
            };
            covered[p as usize] = true;
            if seen & (1 << g) == 0 {
                seen |= 1 << g;
                by_status[g][s] += 1;
            }
        }
    }
    let rows: Vec<(String, [u32; 3])> = GROUPS
        .iter()
        .zip(by_status)
        .filter(|(g, c)| !g.3 || c.iter().sum::<u32>() > 0)
        .map(|(g, c)| {
            let n = (g.1..=g.2).filter(|&p| covered[p as usize]).count();
            (format!("{} ({} of {})", g.0, n, g.2 - g.1 + 1), c)
        })
        .collect();
    let max = rows
        .iter()
        .map(|r| r.1.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1);

    let root = CanvasBackend::with_canvas_object(canvas)
        .ok_or("no 2d context")?
        .into_drawing_area();
    let err = |e: DrawingAreaErrorKind<_>| JsValue::from_str(&format!("{e:?}"));
    root.fill(&WHITE).map_err(err)?;
    let n = rows.len() as u32;
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(150)
        .build_cartesian_2d(
            0u32..max + max / 10 + 1,
            (0u32..n.saturating_sub(1)).into_segmented(),
        )
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => rows
                .get((n - 1 - i) as usize)
                .map(|r| r.0.clone())
                .unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(err)?;
    for (s, colour) in COLOURS.iter().enumerate() {
        let colour = *colour;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                let y = n - 1 - i as u32;
                let from: u32 = r.1[..s].iter().sum();
                Rectangle::new(
                    [
                        (from, SegmentValue::Exact(y)),
                        (from + r.1[s], SegmentValue::Exact(y + 1)),
                    ],
                    colour.filled(),
                )
            }))
            .map_err(err)?
            .label(STATUSES[s])
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE)
        .border_style(BLACK)
        .draw()
        .map_err(err)?;
    root.present().map_err(err)?;

    let doc = table.owner_document().ok_or("no document")?;
    let cell = |tr: &web_sys::Element, tag: &str, text: &str| -> Result<(), JsValue> {
        let c = doc.create_element(tag)?;
        c.set_text_content(Some(text));
        tr.append_child(&c).map(|_| ())
    };
    let head = doc.create_element("tr")?;
    for h in ["Group", STATUSES[0], STATUSES[1], STATUSES[2]] {
        cell(&head, "th", h)?;
    }
    table.append_child(&head)?;
    for (label, counts) in &rows {
        let tr = doc.create_element("tr")?;
        cell(&tr, "th", label)?;
        for c in counts {
            cell(&tr, "td", &c.to_string())?;
        }
        table.append_child(&tr)?;
    }
    Ok(())
}
