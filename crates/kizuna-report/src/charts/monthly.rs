//! Activities per month: the Dashboard's bar chart.

use kizuna_core::activities::MonthCount;
use plotters::prelude::*;

use super::{Palette, add_tooltips};
use crate::{Lang, ReportError, Theme};

const WIDTH: u32 = 720;
const HEIGHT: u32 = 300;

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The axis label of a month: the year is shown on the first bar and on each January.
fn month_label(m: &MonthCount, first: bool, lang: Lang) -> String {
    let with_year = first || m.month == 1;
    let short_year = m.year.rem_euclid(100);
    match (lang, with_year) {
        (Lang::En, true) => format!(
            "{} '{short_year:02}",
            EN_MONTHS[(m.month as usize + 11) % 12]
        ),
        (Lang::En, false) => EN_MONTHS[(m.month as usize + 11) % 12].to_owned(),
        (Lang::Ja, true) => format!("{short_year:02}年{}月", m.month),
        (Lang::Ja, false) => format!("{}月", m.month),
    }
}

fn tooltip(m: &MonthCount, lang: Lang) -> String {
    let count = group_thousands(m.count);
    match lang {
        Lang::En => format!(
            "{} {}: {count} activities",
            EN_MONTHS[(m.month as usize + 11) % 12],
            m.year
        ),
        Lang::Ja => format!("{}年{}月: {count}件のアクティビティ", m.year, m.month),
    }
}

fn group_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Draws activities per month as an SVG bar chart with a tooltip on each bar.
pub fn activities_per_month(
    series: &[MonthCount],
    lang: Lang,
    theme: Theme,
) -> Result<String, ReportError> {
    let palette = Palette::of(theme);
    let labels: Vec<String> = series
        .iter()
        .enumerate()
        .map(|(i, m)| month_label(m, i == 0, lang))
        .collect();
    let max = series.iter().map(|m| m.count).max().unwrap_or(0);
    let y_top = nice_ceiling(max);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let font = ("sans-serif", 15).into_font().color(&palette.text);
        let n = series.len() as u32;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(52)
            .build_cartesian_2d((0..n.saturating_sub(1)).into_segmented(), 0u32..y_top)
            .map_err(|e| ReportError::Drawing(e.to_string()))?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(palette.grid)
            .axis_style(palette.grid)
            .x_labels(series.len().max(1))
            .x_label_style(font.clone())
            .y_label_style(font.clone())
            .y_labels(5)
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .y_label_formatter(&|v| group_thousands(*v))
            .draw()
            .map_err(|e| ReportError::Drawing(e.to_string()))?;
        // Drawn as rectangles in month order, so tooltips can be matched to bars by position.
        chart
            .draw_series(series.iter().enumerate().map(|(i, m)| {
                let i = i as u32;
                let mut bar = Rectangle::new(
                    [
                        (SegmentValue::Exact(i), 0),
                        (SegmentValue::Exact(i + 1), m.count),
                    ],
                    palette.bar.filled(),
                );
                bar.set_margin(0, 0, 6, 6);
                bar
            }))
            .map_err(|e| ReportError::Drawing(e.to_string()))?;
        root.present()
            .map_err(|e| ReportError::Drawing(e.to_string()))?;
    }
    let fill = format!(
        "#{:02X}{:02X}{:02X}",
        palette.bar.0, palette.bar.1, palette.bar.2
    );
    let titles: Vec<String> = series.iter().map(|m| tooltip(m, lang)).collect();
    Ok(add_tooltips(&svg, &fill, &titles))
}

/// A round axis maximum above `max` (1, 2 or 5 times a power of ten).
fn nice_ceiling(max: u32) -> u32 {
    let target = (f64::from(max) * 1.1).max(10.0);
    let magnitude = 10f64.powf(target.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|s| s * magnitude >= target)
        .unwrap_or(10.0);
    (step * magnitude) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series() -> Vec<MonthCount> {
        [(2025, 11, 1200), (2025, 12, 0), (2026, 1, 34_567)]
            .into_iter()
            .map(|(year, month, count)| MonthCount { year, month, count })
            .collect()
    }

    #[test]
    fn every_month_gets_a_bar_with_a_tooltip() {
        let svg = activities_per_month(&series(), Lang::En, Theme::Light).expect("chart");
        assert!(svg.starts_with("<svg"), "{svg}");
        assert_eq!(svg.matches("<title>").count(), 3);
        assert!(svg.contains("<title>Jan 2026: 34,567 activities</title>"));
        assert!(svg.contains("Nov &apos;25"), "{svg}");
    }

    #[test]
    fn japanese_labels_are_drawn_as_text() {
        let svg = activities_per_month(&series(), Lang::Ja, Theme::Dark).expect("chart");
        assert!(svg.contains("26年1月"));
        assert!(svg.contains("<title>2026年1月: 34,567件のアクティビティ</title>"));
    }

    #[test]
    fn axis_maximum_is_round_and_above_the_data() {
        assert_eq!(nice_ceiling(0), 10);
        assert_eq!(nice_ceiling(34_567), 50_000);
        assert_eq!(nice_ceiling(900), 1_000);
    }
}
