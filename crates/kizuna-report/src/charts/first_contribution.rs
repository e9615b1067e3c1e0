//! Time to first contribution: newcomers per delay bucket, the median in the caption.

use kizuna_core::insights::TimeToFirstContribution;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::Palette;
use super::marks::{
    FONT, attach_titles, begin_marks, caption, drawing, empty_chart, label, nice_ceiling, thousands,
};
use crate::{Lang, ReportError, Theme};

const WIDTH: u32 = 720;
const HEIGHT: u32 = 300;

const EN_BUCKETS: [&str; 6] = [
    "Same day",
    "≤ 7 days",
    "≤ 30 days",
    "≤ 90 days",
    "Later",
    "Not yet",
];
const JA_BUCKETS: [&str; 6] = [
    "当日",
    "7日以内",
    "30日以内",
    "90日以内",
    "91日以降",
    "まだ",
];

fn title(median: Option<f64>, lang: Lang) -> String {
    match (lang, median) {
        (Lang::En, Some(d)) => format!("Time to first contribution (median {d} days)"),
        (Lang::En, None) => "Time to first contribution".to_owned(),
        (Lang::Ja, Some(d)) => format!("初めての貢献までの日数（中央値 {d}日）"),
        (Lang::Ja, None) => "初めての貢献までの日数".to_owned(),
    }
}

/// Draws how many newcomers first contributed within each delay after joining (all join months
/// of the series together), with a tooltip per bar; "not yet" is drawn muted.
pub fn time_to_first_contribution(
    series: &TimeToFirstContribution,
    lang: Lang,
    theme: Theme,
) -> Result<String, ReportError> {
    let caption_text = title(series.median_days, lang);
    let counts = series.total.as_array();
    let joined: u32 = counts.iter().sum();
    if joined == 0 {
        return empty_chart(&caption_text, lang, theme, (WIDTH, HEIGHT));
    }
    let palette = Palette::of(theme);
    let names = match lang {
        Lang::En => EN_BUCKETS,
        Lang::Ja => JA_BUCKETS,
    };
    let y_top = nice_ceiling(counts.iter().copied().max().unwrap_or(0));
    let muted = match theme {
        Theme::Light => RGBColor(0x9C, 0xA3, 0xAF),
        Theme::Dark => RGBColor(0x4B, 0x55, 0x63),
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        caption(&root, &caption_text, &palette)?;
        let font = (FONT, 14).into_font().color(&palette.text);
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_top(40)
            .x_label_area_size(28)
            .y_label_area_size(56)
            .build_cartesian_2d((0u32..5).into_segmented(), 0u32..y_top)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(palette.grid)
            .axis_style(palette.grid)
            .x_labels(6)
            .x_label_style(font.clone())
            .y_label_style(font)
            .y_labels(5)
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => {
                    names.get(*i as usize).copied().unwrap_or("").to_owned()
                }
                _ => String::new(),
            })
            .y_label_formatter(&|v| thousands(*v))
            .draw()
            .map_err(drawing)?;
        begin_marks(&root, 0, &palette)?;
        chart
            .draw_series(counts.iter().enumerate().map(|(i, count)| {
                let i = i as u32;
                let color = if i == 5 { muted } else { palette.bar };
                let mut bar = Rectangle::new(
                    [
                        (SegmentValue::Exact(i), 0),
                        (SegmentValue::Exact(i + 1), *count),
                    ],
                    color.filled(),
                );
                bar.set_margin(0, 0, 14, 14);
                bar
            }))
            .map_err(drawing)?;
        // The count above each bar.
        for (i, count) in counts.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(SegmentValue::CenterOf(i as u32), *count));
            label(
                &root,
                &thousands(*count),
                (x, y - 4),
                (HPos::Center, VPos::Bottom),
                13,
                &palette.text,
            )?;
        }
        root.present().map_err(drawing)?;
    }
    let titles: Vec<String> = counts
        .iter()
        .zip(names)
        .map(|(count, name)| {
            let share = f64::from(*count) * 100.0 / f64::from(joined);
            match lang {
                Lang::En => format!("{name}: {} newcomers ({share:.0}%)", thousands(*count)),
                Lang::Ja => format!("{name}: {}人（{share:.0}%）", thousands(*count)),
            }
        })
        .collect();
    attach_titles(&mut svg, 0, "rect", &titles);
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kizuna_core::insights::FirstContributionBuckets;

    fn series(
        total: FirstContributionBuckets,
        median_days: Option<f64>,
    ) -> TimeToFirstContribution {
        TimeToFirstContribution {
            months: vec![],
            total,
            median_days,
        }
    }

    fn sample() -> TimeToFirstContribution {
        series(
            FirstContributionBuckets {
                same_day: 120,
                within7_days: 80,
                within30_days: 60,
                within90_days: 30,
                later: 10,
                not_yet: 100,
            },
            Some(4.5),
        )
    }

    #[test]
    fn every_bucket_gets_a_bar_with_a_tooltip() {
        let svg = time_to_first_contribution(&sample(), Lang::En, Theme::Light).expect("chart");
        assert_eq!(svg.matches("<title>").count(), 6);
        assert!(
            svg.contains("<title>≤ 7 days: 80 newcomers (20%)</title>"),
            "{svg}"
        );
        assert!(svg.contains("median 4.5 days"));
    }

    #[test]
    fn japanese_labels_are_drawn_as_text() {
        let svg = time_to_first_contribution(&sample(), Lang::Ja, Theme::Dark).expect("chart");
        assert!(svg.contains("初めての貢献までの日数（中央値 4.5日）"));
        assert!(svg.contains(">\n30日以内\n</text>"));
        assert!(svg.contains("<title>まだ: 100人（25%）</title>"));
    }

    #[test]
    fn no_newcomers_draw_a_no_data_chart() {
        let svg = time_to_first_contribution(
            &series(FirstContributionBuckets::default(), None),
            Lang::En,
            Theme::Light,
        )
        .expect("chart");
        assert!(svg.contains("No data yet"));
        assert_eq!(svg.matches("<title>").count(), 0);
    }
}
