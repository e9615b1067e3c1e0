//! Active members per week or month: a line with a dot (and tooltip) per period.

use chrono::{DateTime, Datelike, Utc};
use kizuna_core::insights::{ActiveMembers, ActivePeriod, Granularity};
use plotters::prelude::*;

use super::Palette;
use super::marks::{
    FONT, attach_titles, begin_marks, caption, drawing, empty_chart, en_month, mix, month_label,
    month_name, nice_ceiling, text_width, thousands,
};
use crate::{Lang, ReportError, Theme};

const WIDTH: u32 = 720;
const HEIGHT: u32 = 320;

fn title(granularity: Granularity, lang: Lang) -> &'static str {
    match (granularity, lang) {
        (Granularity::Week, Lang::En) => "Active members per week",
        (Granularity::Month, Lang::En) => "Active members per month",
        (Granularity::Week, Lang::Ja) => "週ごとのアクティブメンバー",
        (Granularity::Month, Lang::Ja) => "月ごとのアクティブメンバー",
    }
}

fn date(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn axis_label(granularity: Granularity, start: i64, first: bool, lang: Lang) -> String {
    let d = date(start);
    match (granularity, lang) {
        (Granularity::Month, _) => month_label(d.year(), d.month(), first || d.month() == 1, lang),
        (Granularity::Week, Lang::En) => format!("{} {}", en_month(d.month()), d.day()),
        (Granularity::Week, Lang::Ja) => format!("{}/{}", d.month(), d.day()),
    }
}

fn tooltip(granularity: Granularity, start: i64, members: u32, lang: Lang) -> String {
    let d = date(start);
    let n = thousands(members);
    match (granularity, lang) {
        (Granularity::Week, Lang::En) => format!(
            "Week of {} {}, {}: {n} active members",
            en_month(d.month()),
            d.day(),
            d.year()
        ),
        (Granularity::Week, Lang::Ja) => format!(
            "{}年{}月{}日の週: アクティブメンバー {n}人",
            d.year(),
            d.month(),
            d.day()
        ),
        (Granularity::Month, Lang::En) => {
            format!(
                "{}: {n} active members",
                month_name(d.year(), d.month(), lang)
            )
        }
        (Granularity::Month, Lang::Ja) => {
            format!(
                "{}: アクティブメンバー {n}人",
                month_name(d.year(), d.month(), lang)
            )
        }
    }
}

/// Draws active members per period as an SVG line chart with a tooltip on each period's dot.
pub fn active_members(
    series: &ActiveMembers,
    lang: Lang,
    theme: Theme,
) -> Result<String, ReportError> {
    let granularity = series.granularity;
    let points = &series.periods;
    if points.iter().all(|p| p.members == 0) {
        return empty_chart(title(granularity, lang), lang, theme, (WIDTH, HEIGHT));
    }
    let palette = Palette::of(theme);
    let n = points.len();
    let labels: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| axis_label(granularity, p.start, i == 0, lang))
        .collect();
    // Label every `step`-th period so labels never overlap.
    let widest = labels.iter().map(|l| text_width(l, 14)).max().unwrap_or(0) + 14;
    let per_period = (WIDTH - 90) as usize / n.max(1);
    let step = (widest as usize).div_ceil(per_period.max(1)).max(1);
    let y_top = nice_ceiling(points.iter().map(|p| p.members).max().unwrap_or(0));

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        caption(&root, title(granularity, lang), &palette)?;
        let font = (FONT, 14).into_font().color(&palette.text);
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_top(40)
            .x_label_area_size(28)
            .y_label_area_size(56)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0u32..y_top)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(palette.grid)
            .axis_style(palette.grid)
            .x_labels(n.min(60))
            .x_label_style(font.clone())
            .y_label_style(font)
            .y_labels(6)
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() > 1e-6 || i < 0.0 {
                    return String::new();
                }
                let i = i as usize;
                // Count label steps back from the latest period, which is always labelled.
                if (n - 1 - i.min(n - 1)).is_multiple_of(step) {
                    labels.get(i).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|v| thousands(*v))
            .draw()
            .map_err(drawing)?;
        // The current period is still running: its segment and dot are drawn faded.
        let faded = mix(palette.bar, palette.grid, 0.55);
        let xy = |(i, p): (usize, &ActivePeriod)| (i as f64, p.members);
        chart
            .draw_series(LineSeries::new(
                points.iter().enumerate().take(n - 1).map(xy),
                palette.bar.stroke_width(2),
            ))
            .map_err(drawing)?;
        chart
            .draw_series(LineSeries::new(
                points.iter().enumerate().skip(n.saturating_sub(2)).map(xy),
                faded.stroke_width(2),
            ))
            .map_err(drawing)?;
        begin_marks(&root, 0, &palette)?;
        chart
            .draw_series(points.iter().enumerate().map(|(i, p)| {
                let color = if i + 1 == n { faded } else { palette.bar };
                Circle::new((i as f64, p.members), 4, color.filled())
            }))
            .map_err(drawing)?;
        root.present().map_err(drawing)?;
    }
    let titles: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let text = tooltip(granularity, p.start, p.members, lang);
            match (i + 1 == n, lang) {
                (false, _) => text,
                (true, Lang::En) => format!("{text} so far"),
                (true, Lang::Ja) => format!("{text}（途中）"),
            }
        })
        .collect();
    attach_titles(&mut svg, 0, "circle", &titles);
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WEEK: i64 = 7 * 86_400_000;

    fn weeks(n: usize) -> ActiveMembers {
        // Monday 5 January 2026, 00:00 UTC.
        let first = 1_767_571_200_000;
        ActiveMembers {
            granularity: Granularity::Week,
            periods: (0..n)
                .map(|i| ActivePeriod {
                    start: first + i as i64 * WEEK,
                    end: first + (i as i64 + 1) * WEEK,
                    members: 1_000 + i as u32 * 37,
                })
                .collect(),
        }
    }

    #[test]
    fn every_week_gets_a_dot_with_a_tooltip() {
        let svg = active_members(&weeks(26), Lang::En, Theme::Light).expect("chart");
        assert_eq!(svg.matches("<title>").count(), 26);
        assert!(svg.contains("<title>Week of Jan 5, 2026: 1,000 active members</title>"));
        assert!(svg.contains("Active members per week"));
        assert!(svg.contains("active members so far</title>"));
        assert!(!svg.contains("kizuna-marks"));
    }

    #[test]
    fn japanese_labels_are_drawn_as_text() {
        let svg = active_members(&weeks(4), Lang::Ja, Theme::Dark).expect("chart");
        assert!(svg.contains("週ごとのアクティブメンバー"));
        assert!(svg.contains("<title>2026年1月5日の週: アクティブメンバー 1,000人</title>"));
        assert!(svg.contains(">\n1/5\n</text>"), "{svg}");
    }

    #[test]
    fn no_periods_draw_a_no_data_chart() {
        let empty = ActiveMembers {
            granularity: Granularity::Month,
            periods: vec![],
        };
        let svg = active_members(&empty, Lang::En, Theme::Light).expect("chart");
        assert!(svg.contains("No data yet"));
        assert_eq!(svg.matches("<title>").count(), 0);
    }
}
