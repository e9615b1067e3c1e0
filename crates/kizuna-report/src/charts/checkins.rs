//! An event's check-in curve: people checked in so far against minutes from the doors opening
//! (the event's start), as a step line with the registered total as a dashed ceiling.

use plotters::prelude::*;

use super::Palette;
use super::marks::{FONT, caption, drawing, empty_chart, nice_ceiling, thousands};
use crate::{Lang, ReportError, Theme};

const WIDTH: u32 = 720;
const HEIGHT: u32 = 300;

fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Check-ins over time",
        Lang::Ja => "チェックインの推移",
    }
}

fn axis(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Minutes from the start",
        Lang::Ja => "開始からの経過時間（分）",
    }
}

/// Draws the cumulative check-ins at `minutes` (each check-in's minutes from the event's
/// start, any order) against `registered`, the people expected.
pub fn checkin_curve(
    minutes: &[i64],
    registered: u32,
    lang: Lang,
    theme: Theme,
) -> Result<String, ReportError> {
    if minutes.is_empty() {
        return empty_chart(title(lang), lang, theme, (WIDTH, HEIGHT));
    }
    let palette = Palette::of(theme);
    let mut sorted = minutes.to_vec();
    sorted.sort_unstable();
    let first = sorted.first().copied().unwrap_or(0).min(0);
    let last = sorted.last().copied().unwrap_or(0).max(first + 10);
    let count = u32::try_from(sorted.len()).unwrap_or(u32::MAX);
    let y_top = nice_ceiling(count.max(registered));
    let mut steps = vec![(first, 0u32)];
    for (i, minute) in sorted.iter().enumerate() {
        let before = u32::try_from(i).unwrap_or(u32::MAX);
        steps.push((*minute, before));
        steps.push((*minute, before + 1));
    }
    steps.push((last, count));

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        caption(&root, title(lang), &palette)?;
        let font = (FONT, 14).into_font().color(&palette.text);
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_top(40)
            .x_label_area_size(44)
            .y_label_area_size(56)
            .build_cartesian_2d(first..last, 0u32..y_top)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(palette.grid)
            .axis_style(palette.grid)
            .x_desc(axis(lang))
            .axis_desc_style(font.clone())
            .x_label_style(font.clone())
            .y_label_style(font)
            .x_labels(8)
            .y_labels(6)
            .y_label_formatter(&|v| thousands(*v))
            .draw()
            .map_err(drawing)?;
        if registered > 0 {
            chart
                .draw_series(DashedLineSeries::new(
                    [(first, registered), (last, registered)],
                    6,
                    4,
                    palette.text.stroke_width(1),
                ))
                .map_err(drawing)?;
        }
        chart
            .draw_series(LineSeries::new(steps, palette.bar.stroke_width(2)))
            .map_err(drawing)?;
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_draws_with_its_title_and_none_draws_the_no_data_chart() {
        let svg = checkin_curve(&[-10, -2, 0, 3, 3, 25], 8, Lang::Ja, Theme::Light).expect("chart");
        assert!(svg.contains("チェックインの推移"));
        assert!(svg.contains("<polyline") || svg.contains("<path"));
        let none = checkin_curve(&[], 8, Lang::En, Theme::Light).expect("chart");
        assert!(none.contains("No data yet"));
    }
}
