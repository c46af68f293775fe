//! Charts drawn on the server as inline SVG: horizontal bars, one or two series, each bar with
//! its value written at its end. No script and no inline style, so the page's Content Security
//! Policy stays strict; colours come from the stylesheet (`.chart .s0`, `.chart .s1`). Every
//! chart has a title for screen readers, and pages put its table next to it.

/// One row of a chart: its label and one value per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub values: Vec<i64>,
    /// The values as people read them (grouped digits, money), one per series.
    pub shown: Vec<String>,
}

fn esc(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&#39;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() > n { format!("{}…", s.chars().take(n - 1).collect::<String>()) } else { s.to_string() }
}

const WIDTH: i64 = 640;
const LABEL: i64 = 220;
const ROW: i64 = 22;
const BAR: i64 = 14;
/// Room after the longest bar for its value.
const VALUE_ROOM: i64 = 130;

/// A horizontal bar chart; `legend` names the series (none for one series).
pub fn bars(title: &str, legend: &[String], rows: &[Bar]) -> String {
    let series = rows.iter().map(|r| r.values.len()).max().unwrap_or(1).max(1) as i64;
    let max = rows.iter().flat_map(|r| r.values.iter().copied()).max().unwrap_or(0).max(1);
    let band = ROW * series + 8;
    // The legend, one series a line (names are long in Vietnamese).
    let top = if legend.len() > 1 { 8 + 20 * legend.len() as i64 } else { 4 };
    let height = top + band * rows.len() as i64 + 4;
    let scale = (WIDTH - LABEL - VALUE_ROOM) as f64 / max as f64;
    let mut out = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        esc(title),
        esc(title)
    );
    if legend.len() > 1 {
        for (i, name) in legend.iter().enumerate() {
            let y = 6 + 20 * i as i64;
            out += &format!(
                "<rect class=\"s{i}\" x=\"{LABEL}\" y=\"{y}\" width=\"12\" height=\"12\"/><text x=\"{}\" y=\"{}\">{}</text>",
                LABEL + 18,
                y + 11,
                esc(name)
            );
        }
    }
    for (r, row) in rows.iter().enumerate() {
        let y0 = top + band * r as i64;
        let mid = y0 + band / 2 + 4;
        out += &format!(
            "<text class=\"label\" x=\"{}\" y=\"{mid}\" text-anchor=\"end\"><title>{}</title>{}</text>",
            LABEL - 8,
            esc(&row.label),
            esc(&short(&row.label, 27))
        );
        for (s, v) in row.values.iter().enumerate() {
            let y = y0 + 4 + ROW * s as i64;
            let w = ((*v).max(0) as f64 * scale).round() as i64;
            let w = if *v > 0 { w.max(2) } else { 0 };
            let shown = row.shown.get(s).cloned().unwrap_or_else(|| v.to_string());
            out += &format!(
                "<rect class=\"s{s}\" x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{BAR}\"/><text class=\"value\" x=\"{}\" y=\"{}\">{}</text>",
                LABEL + w + 6,
                y + BAR - 2,
                esc(&shown)
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
        let widths: Vec<i64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("height") == Some("14"))
            .map(|n| n.attribute("width").unwrap().parse().unwrap())
            .collect();
        // The largest value (20) takes the whole width; 10 half of it; 0 nothing.
        assert_eq!(widths.len(), 4);
        assert_eq!(widths[3], WIDTH - LABEL - VALUE_ROOM);
        assert_eq!(widths[0], widths[3] / 2);
        assert_eq!(widths[2], 0);
        assert!(!svg.contains("<script") && !svg.contains("style="));
    }

    #[test]
    fn an_empty_chart_is_still_a_valid_image() {
        let svg = bars("Không có số liệu", &[], &[]);
        assert!(roxmltree::Document::parse(&svg).is_ok());
    }
}
