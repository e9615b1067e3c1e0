//! Engagement by level over time: bars per month stacked by level, lowest level at the bottom.

use kizuna_core::insights::EngagementByLevel;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::Palette;
use super::marks::{
    FONT, attach_titles, begin_marks, caption, drawing, empty_chart, label, mix, month_label,
    month_name, nice_ceiling, text_width, thousands,
};
use crate::{Lang, ReportError, Theme};

const WIDTH: u32 = 720;
const HEIGHT: u32 = 340;

fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Members by engagement level",
        Lang::Ja => "エンゲージメントレベル別メンバー",
    }
}

/// Colours from the lowest level (muted) to the highest (warm), spread over `count` levels.
pub(crate) fn level_colors(count: usize, theme: Theme) -> Vec<RGBColor> {
    let stops = match theme {
        Theme::Light => [
            RGBColor(0xCB, 0xD5, 0xE1),
            RGBColor(0x93, 0xC5, 0xFD),
            RGBColor(0x3B, 0x82, 0xF6),
            RGBColor(0x6D, 0x28, 0xD9),
            RGBColor(0xF5, 0x9E, 0x0B),
        ],
        Theme::Dark => [
            RGBColor(0x4B, 0x55, 0x63),
            RGBColor(0x1D, 0x4E, 0xD8),
            RGBColor(0x60, 0xA5, 0xFA),
            RGBColor(0xA7, 0x8B, 0xFA),
            RGBColor(0xFB, 0xBF, 0x24),
        ],
    };
    (0..count)
        .map(|i| {
            if count <= 1 {
                return stops[0];
            }
            let at = i as f64 * 4.0 / (count - 1) as f64;
            let low = (at.floor() as usize).min(3);
            mix(stops[low], stops[low + 1], at - low as f64)
        })
        .collect()
}

/// Draws members per level per month as stacked bars with a legend and a tooltip per segment.
pub fn engagement_by_level(
    series: &EngagementByLevel,
    lang: Lang,
    theme: Theme,
) -> Result<String, ReportError> {
    let months = &series.months;
    let levels = &series.levels;
    let totals: Vec<u32> = (0..months.len())
        .map(|k| {
            levels
                .iter()
                .map(|l| l.members.get(k).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    if totals.iter().all(|t| *t == 0) {
        return empty_chart(title(lang), lang, theme, (WIDTH, HEIGHT));
    }
    let palette = Palette::of(theme);
    let colors = level_colors(levels.len(), theme);
    let names: Vec<&str> = levels
        .iter()
        .map(|l| match lang {
            Lang::En => l.level.label_en.as_str(),
            Lang::Ja => l.level.label_ja.as_str(),
        })
        .collect();
    let labels: Vec<String> = months
        .iter()
        .enumerate()
        .map(|(i, m)| month_label(m.year, m.month, i == 0 || m.month == 1, lang))
        .collect();
    let widest = labels.iter().map(|l| text_width(l, 14)).max().unwrap_or(0) + 12;
    let step = (widest as usize)
        .div_ceil(((WIDTH - 90) as usize / months.len().max(1)).max(1))
        .max(1);
    let n = months.len() as u32;
    let y_top = nice_ceiling(totals.iter().copied().max().unwrap_or(0));

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        caption(&root, title(lang), &palette)?;
        let legend_rows = legend(&root, &names, &colors, &palette)?;
        let font = (FONT, 14).into_font().color(&palette.text);
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_top(40 + 20 * legend_rows)
            .x_label_area_size(28)
            .y_label_area_size(56)
            .build_cartesian_2d((0..n.saturating_sub(1)).into_segmented(), 0u32..y_top)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(palette.grid)
            .axis_style(palette.grid)
            .x_labels(months.len().max(1))
            .x_label_style(font.clone())
            .y_label_style(font)
            .y_labels(5)
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i)
                    if ((n - 1 - (*i).min(n - 1)) as usize).is_multiple_of(step) =>
                {
                    labels.get(*i as usize).cloned().unwrap_or_default()
                }
                _ => String::new(),
            })
            .y_label_formatter(&|v| thousands(*v))
            .draw()
            .map_err(drawing)?;
        begin_marks(&root, 0, &palette)?;
        // Month by month, lowest level first, so titles follow the same order below.
        for k in 0..months.len() {
            let mut base = 0;
            let bars: Vec<Rectangle<_>> = levels
                .iter()
                .zip(&colors)
                .map(|(level, color)| {
                    let count = level.members.get(k).copied().unwrap_or(0);
                    let i = k as u32;
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(i), base),
                            (SegmentValue::Exact(i + 1), base + count),
                        ],
                        color.filled(),
                    );
                    bar.set_margin(0, 0, 5, 5);
                    base += count;
                    bar
                })
                .collect();
            chart.draw_series(bars).map_err(drawing)?;
        }
        root.present().map_err(drawing)?;
    }
    let mut titles = Vec::new();
    for (k, m) in months.iter().enumerate() {
        let month = month_name(m.year, m.month, lang);
        for (level, name) in levels.iter().zip(&names) {
            let count = level.members.get(k).copied().unwrap_or(0);
            let share = f64::from(count) * 100.0 / f64::from(totals[k].max(1));
            titles.push(match lang {
                Lang::En => format!(
                    "{month} · {name}: {} members ({share:.0}%)",
                    thousands(count)
                ),
                Lang::Ja => format!("{month}・{name}: {}人（{share:.0}%）", thousands(count)),
            });
        }
    }
    attach_titles(&mut svg, 0, "rect", &titles);
    Ok(svg)
}

/// Draws the legend under the caption, wrapping onto more rows when needed; returns the rows.
fn legend(
    root: &super::marks::Area<'_>,
    names: &[&str],
    colors: &[RGBColor],
    palette: &Palette,
) -> Result<i32, ReportError> {
    let (mut x, mut row) = (70, 0);
    for (name, color) in names.iter().zip(colors) {
        let width = 18 + text_width(name, 13) as i32 + 18;
        if x + width > WIDTH as i32 - 12 && x > 70 {
            x = 70;
            row += 1;
        }
        let y = 44 + 20 * row;
        root.draw(&Rectangle::new(
            [(x, y - 5), (x + 12, y + 7)],
            color.filled(),
        ))
        .map_err(drawing)?;
        label(
            root,
            name,
            (x + 17, y + 1),
            (HPos::Left, VPos::Center),
            13,
            &palette.text,
        )?;
        x += width;
    }
    Ok(row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kizuna_core::engagement::{DEFAULT_LEVELS, Level};
    use kizuna_core::insights::{LevelSeries, Month};

    fn series(counts: &[[u32; 3]]) -> EngagementByLevel {
        EngagementByLevel {
            months: [(2025, 12), (2026, 1), (2026, 2)]
                .into_iter()
                .map(|(year, month)| Month { year, month })
                .collect(),
            levels: DEFAULT_LEVELS
                .iter()
                .zip(counts)
                .zip(1..)
                .map(|((d, members), rank)| LevelSeries {
                    level: Level {
                        id: d.key.to_owned(),
                        rank,
                        key: d.key.to_owned(),
                        label_en: d.label_en.to_owned(),
                        label_ja: d.label_ja.to_owned(),
                        min_score: d.min_score,
                    },
                    members: members.to_vec(),
                })
                .collect(),
        }
    }

    fn sample() -> EngagementByLevel {
        series(&[
            [400, 420, 450],
            [300, 310, 320],
            [120, 130, 150],
            [40, 45, 50],
            [10, 11, 12],
        ])
    }

    #[test]
    fn every_level_of_every_month_gets_a_tooltip_and_a_legend_entry() {
        let svg = engagement_by_level(&sample(), Lang::En, Theme::Light).expect("chart");
        assert_eq!(svg.matches("<title>").count(), 15);
        assert!(
            svg.contains("<title>Feb 2026 · Champion: 12 members (1%)</title>"),
            "{svg}"
        );
        assert!(svg.contains(">\nContributor\n</text>"));
    }

    #[test]
    fn japanese_labels_are_drawn_as_text() {
        let svg = engagement_by_level(&sample(), Lang::Ja, Theme::Dark).expect("chart");
        assert!(svg.contains("エンゲージメントレベル別メンバー"));
        assert!(svg.contains(">\nチャンピオン\n</text>"));
        assert!(
            svg.contains("<title>2026年1月・参加者: 310人（34%）</title>"),
            "{svg}"
        );
    }

    #[test]
    fn no_members_draw_a_no_data_chart() {
        let svg =
            engagement_by_level(&series(&[[0; 3]; 5]), Lang::Ja, Theme::Light).expect("chart");
        assert!(svg.contains("まだデータがありません"));
        assert_eq!(svg.matches("<title>").count(), 0);
    }
}
