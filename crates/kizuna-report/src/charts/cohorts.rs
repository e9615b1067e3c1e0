//! Cohort retention heat map: a row per join month, a column per month since joining, each
//! cell coloured by the share of the cohort active that month.

use kizuna_core::insights::CohortRetention;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::Palette;
use super::marks::{
    attach_titles, begin_marks, caption, drawing, empty_chart, label, mix, month_label, month_name,
    text_on, text_width, thousands,
};
use crate::{Lang, ReportError, Theme};

const WIDTH: u32 = 720;
const TOP: i32 = 66;
const ROW: i32 = 26;
const CELL_TEXT: u32 = 12;

fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Cohort retention",
        Lang::Ja => "コホート別の継続率",
    }
}

/// The cell colour for a retention share: pale at 0%, the theme's accent at 50%, deep at 100%.
fn shade(share: f64, theme: Theme, palette: &Palette) -> RGBColor {
    let (empty, full) = match theme {
        Theme::Light => (RGBColor(0xEE, 0xF2, 0xFF), RGBColor(0x1E, 0x27, 0x6E)),
        Theme::Dark => (RGBColor(0x22, 0x27, 0x31), RGBColor(0xE0, 0xE7, 0xFF)),
    };
    if share <= 0.5 {
        mix(empty, palette.bar, share * 2.0)
    } else {
        mix(palette.bar, full, (share - 0.5) * 2.0)
    }
}

/// Draws the retention heat map with the percentage in each cell that has room for it and a
/// tooltip per cell.
pub fn cohort_retention(
    series: &CohortRetention,
    lang: Lang,
    theme: Theme,
) -> Result<String, ReportError> {
    let cohorts = &series.cohorts;
    let rows = cohorts.len() as i32;
    let height = (TOP + rows * ROW + 44).max(200) as u32;
    if cohorts.iter().all(|c| c.size == 0) {
        return empty_chart(title(lang), lang, theme, (WIDTH, 240));
    }
    let palette = Palette::of(theme);
    let row_labels: Vec<String> = cohorts
        .iter()
        .map(|c| {
            format!(
                "{} ({})",
                month_label(c.month.year, c.month.month, true, lang),
                thousands(c.size)
            )
        })
        .collect();
    let left = 16
        + row_labels
            .iter()
            .map(|l| text_width(l, 13))
            .max()
            .unwrap_or(0) as i32;
    let columns = cohorts
        .iter()
        .map(|c| c.retention.len())
        .max()
        .unwrap_or(1)
        .max(1) as i32;
    let cell = ((WIDTH as i32 - left - 16) / columns).max(8);
    let room_for_text = cell >= text_width("100%", CELL_TEXT) as i32 + 6;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        caption(&root, title(lang), &palette)?;
        let (rows_axis, columns_axis) = match lang {
            Lang::En => ("Join month (members)", "Months since joining"),
            Lang::Ja => ("入会月（人数）", "入会からの月数"),
        };
        label(
            &root,
            rows_axis,
            (12, TOP - 10),
            (HPos::Left, VPos::Bottom),
            12,
            &palette.text,
        )?;
        label(
            &root,
            columns_axis,
            (left + cell * columns / 2, TOP + rows * ROW + 24),
            (HPos::Center, VPos::Top),
            12,
            &palette.text,
        )?;
        for k in 0..columns {
            label(
                &root,
                &k.to_string(),
                (left + k * cell + cell / 2, TOP + rows * ROW + 6),
                (HPos::Center, VPos::Top),
                12,
                &palette.text,
            )?;
        }
        for (r, text) in row_labels.iter().enumerate() {
            let y = TOP + r as i32 * ROW + ROW / 2;
            label(
                &root,
                text,
                (left - 8, y),
                (HPos::Right, VPos::Center),
                13,
                &palette.text,
            )?;
        }
        begin_marks(&root, 0, &palette)?;
        let mut texts = Vec::new();
        for (r, cohort) in cohorts.iter().enumerate() {
            for (k, share) in cohort.retention.iter().enumerate() {
                let (x, y) = (left + k as i32 * cell, TOP + r as i32 * ROW);
                let fill = shade(*share, theme, &palette);
                root.draw(&Rectangle::new(
                    [(x + 1, y + 1), (x + cell - 1, y + ROW - 1)],
                    fill.filled(),
                ))
                .map_err(drawing)?;
                if room_for_text && cohort.size > 0 {
                    texts.push((
                        format!("{:.0}%", share * 100.0),
                        (x + cell / 2, y + ROW / 2),
                        text_on(fill),
                    ));
                }
            }
        }
        // Cell text after every cell, so it never splits the cells' tooltips.
        for (text, pos, color) in &texts {
            label(
                &root,
                text,
                *pos,
                (HPos::Center, VPos::Center),
                CELL_TEXT,
                color,
            )?;
        }
        root.present().map_err(drawing)?;
    }
    let mut titles = Vec::new();
    for cohort in cohorts {
        let month = month_name(cohort.month.year, cohort.month.month, lang);
        for (k, share) in cohort.retention.iter().enumerate() {
            let active = cohort.active.get(k).copied().unwrap_or(0);
            titles.push(match lang {
                Lang::En => format!(
                    "Joined {month} ({} members) · month {k}: {} active ({:.1}%)",
                    thousands(cohort.size),
                    thousands(active),
                    share * 100.0
                ),
                Lang::Ja => format!(
                    "{month}入会（{}人）・{k}か月目: {}人がアクティブ（{:.1}%）",
                    thousands(cohort.size),
                    thousands(active),
                    share * 100.0
                ),
            });
        }
    }
    attach_titles(&mut svg, 0, "rect", &titles);
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kizuna_core::insights::{Cohort, Month};

    fn series(sizes: &[u32]) -> CohortRetention {
        let n = sizes.len();
        CohortRetention {
            cohorts: sizes
                .iter()
                .enumerate()
                .map(|(c, size)| {
                    let active: Vec<u32> = (0..n - c).map(|k| size / (k as u32 + 1)).collect();
                    Cohort {
                        month: Month {
                            year: 2026,
                            month: c as u32 + 1,
                        },
                        size: *size,
                        retention: active
                            .iter()
                            .map(|a| f64::from(*a) / f64::from((*size).max(1)))
                            .collect(),
                        active,
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn every_cell_gets_a_tooltip_and_its_percentage() {
        let svg =
            cohort_retention(&series(&[200, 150, 100]), Lang::En, Theme::Light).expect("chart");
        assert_eq!(svg.matches("<title>").count(), 6);
        assert!(
            svg.contains(
                "<title>Joined Jan 2026 (200 members) · month 1: 100 active (50.0%)</title>"
            ),
            "{svg}"
        );
        assert!(svg.contains(">\n50%\n</text>"));
        assert!(svg.contains("Months since joining"));
    }

    #[test]
    fn japanese_labels_are_drawn_as_text() {
        let svg = cohort_retention(&series(&[200, 150]), Lang::Ja, Theme::Dark).expect("chart");
        assert!(svg.contains("入会からの月数"));
        assert!(svg.contains("26年2月 (150)"));
        assert!(
            svg.contains(
                "<title>2026年1月入会（200人）・1か月目: 100人がアクティブ（50.0%）</title>"
            ),
            "{svg}"
        );
    }

    #[test]
    fn no_cohorts_draw_a_no_data_chart() {
        let svg = cohort_retention(&series(&[0, 0]), Lang::En, Theme::Dark).expect("chart");
        assert!(svg.contains("No data yet"));
        let svg = cohort_retention(&CohortRetention { cohorts: vec![] }, Lang::En, Theme::Dark)
            .expect("chart");
        assert!(svg.contains("No data yet"));
    }
}
