//! Charts drawn on the server as inline SVG: horizontal bars, one or two series, each bar with
//! its value written at its end. No script and no inline style, so the page's Content Security
//! Policy stays strict; colours come from the stylesheet (`.chart .s0`, `.chart .s1`). Every
//! chart has a title for screen readers, and pages put its table next to it.

use super::feeds::xml;

/// One row of a chart: its label and one value per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub values: Vec<i64>,
    /// The values as people read them (grouped digits, money), one per series.
    pub shown: Vec<String>,
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() > n { format!("{}…", s.chars().take(n - 1).collect::<String>()) } else { s.to_string() }
}

/// Height of a label line, of a bar's line, and the gap between rows, in pixels.
const LABEL_LINE: i64 = 18;
const BAR_LINE: i64 = 18;
const BAR: i64 = 13;
const GAP: i64 = 10;
/// The longest bar, in per cent of the width: the rest is room for its value.
const BAR_MAX: f64 = 82.0;

/// A horizontal bar chart; `legend` names the series (none for one series). Widths are in per
/// cent and text in pixels, so the chart fills a phone's width or a desk's with text of the same
/// size, each row's label above its bars.
pub fn bars(title: &str, legend: &[String], rows: &[Bar]) -> String {
    let series = rows.iter().map(|r| r.values.len()).max().unwrap_or(1).max(1) as i64;
    let max = rows.iter().flat_map(|r| r.values.iter().copied()).max().unwrap_or(0).max(1);
    let top = if legend.len() > 1 { 4 + 20 * legend.len() as i64 } else { 0 };
    let band = LABEL_LINE + BAR_LINE * series + GAP;
    let height = top + band * rows.len() as i64 + 4;
    let mut out = format!(
        "<svg class=\"chart\" width=\"100%\" height=\"{height}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        xml(title),
        xml(title)
    );
    for (i, name) in legend.iter().enumerate().filter(|_| legend.len() > 1) {
        let y = 4 + 20 * i as i64;
        out += &format!(
            "<rect class=\"s{i}\" x=\"0\" y=\"{y}\" width=\"12\" height=\"12\"/><text x=\"18\" y=\"{}\">{}</text>",
            y + 11,
            xml(name)
        );
    }
    for (r, row) in rows.iter().enumerate() {
        let y0 = top + band * r as i64;
        out += &format!(
            "<text class=\"label\" x=\"0\" y=\"{}\"><title>{}</title>{}</text>",
            y0 + 13,
            xml(&row.label),
            xml(&short(&row.label, 60))
        );
        for (s, v) in row.values.iter().enumerate() {
            let y = y0 + LABEL_LINE + BAR_LINE * s as i64;
            let w = (*v).max(0) as f64 * BAR_MAX / max as f64;
            // A bar of a small value stays visible.
            let w = if *v > 0 { w.max(0.5) } else { 0.0 };
            let shown = row.shown.get(s).cloned().unwrap_or_else(|| v.to_string());
            out += &format!(
                "<rect class=\"s{s}\" x=\"0\" y=\"{y}\" width=\"{w:.2}%\" height=\"{BAR}\"/><text class=\"value\" x=\"{:.2}%\" y=\"{}\">{}</text>",
                w + 1.0,
                y + BAR - 2,
                xml(&shown)
            );
        }
    }
    out += "</svg>";
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_escape_their_labels() {
        let rows = vec![
            Bar { label: "Nông <nghiệp>".into(), values: vec![10, 5], shown: vec!["10".into(), "5".into()] },
            Bar { label: "Y tế".into(), values: vec![0, 20], shown: vec![] },
        ];
        let svg = bars("Tin theo \"lĩnh vực\"", &["Chào bán".into(), "Nhu cầu".into()], &rows);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        assert!(svg.contains("Nông &lt;nghiệp&gt;") && svg.contains("&quot;lĩnh vực&quot;"));
        let widths: Vec<f64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("height") == Some("13"))
            .map(|n| n.attribute("width").unwrap().trim_end_matches('%').parse().unwrap())
            .collect();
        // The largest value (20) takes the whole width; 10 half of it; 0 nothing.
        assert_eq!(widths, [BAR_MAX / 2.0, BAR_MAX / 4.0, 0.0, BAR_MAX]);
        assert!(!svg.contains("<script") && !svg.contains("style="));
    }

    #[test]
    fn an_empty_chart_is_still_a_valid_image() {
        let svg = bars("Không có số liệu", &[], &[]);
        assert!(roxmltree::Document::parse(&svg).is_ok());
    }
}
