//! An event's budget: planned vs actual cost per category as grouped vertical bars.

use kizuna_core::budget::{BudgetCategory, BudgetChart};
use kizuna_core::money;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::Palette;
use super::marks::{Area, attach_titles, begin_marks, caption, drawing, empty_chart, label};
use crate::{Lang, ReportError, Theme};

const WIDTH: u32 = 720;
const HEIGHT: u32 = 320;
const LEFT: i32 = 96;
const RIGHT: i32 = WIDTH as i32 - 16;
const TOP: i32 = 64;
const BOTTOM: i32 = HEIGHT as i32 - 36;
const TICKS: i64 = 4;

fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Costs: planned vs actual",
        Lang::Ja => "費用：予定と実績",
    }
}

/// A cost category's name in `lang`.
pub(crate) fn category_name(category: BudgetCategory, lang: Lang) -> &'static str {
    use BudgetCategory as C;
    match (lang, category) {
        (Lang::En, C::Venue) => "Venue",
        (Lang::En, C::Catering) => "Catering",
        (Lang::En, C::Vendors) => "Vendors",
        (Lang::En, C::Merchandise) => "Merchandise",
        (Lang::En, C::Travel) => "Travel",
        (Lang::En, C::Ads) => "Ads",
        (Lang::En, C::Other) => "Other",
        (Lang::En, C::Tickets) => "Tickets",
        (Lang::En, C::Sponsorship) => "Sponsorship",
        (Lang::En, C::CoHost) => "Co-host",
        (Lang::Ja, C::Venue) => "会場",
        (Lang::Ja, C::Catering) => "飲食",
        (Lang::Ja, C::Vendors) => "業者",
        (Lang::Ja, C::Merchandise) => "グッズ",
        (Lang::Ja, C::Travel) => "交通・宿泊",
        (Lang::Ja, C::Ads) => "広告",
        (Lang::Ja, C::Other) => "その他",
        (Lang::Ja, C::Tickets) => "チケット",
        (Lang::Ja, C::Sponsorship) => "協賛",
        (Lang::Ja, C::CoHost) => "共催",
    }
}

/// The lighter colour of the planned bars.
fn planned_colour(theme: Theme) -> RGBColor {
    match theme {
        Theme::Light => RGBColor(0xB4, 0xBE, 0xF5),
        Theme::Dark => RGBColor(0x4B, 0x55, 0x9E),
    }
}

/// A round axis maximum at or above `max` (1, 2, 2.5 or 5 times a power of ten per tick).
fn axis_top(max: i64) -> i64 {
    let per_tick = (max.max(1) + TICKS - 1) / TICKS;
    let mut magnitude = 1i64;
    while magnitude.saturating_mul(10) <= per_tick {
        magnitude = magnitude.saturating_mul(10);
    }
    let step = [1, 2, 5, 10]
        .into_iter()
        .map(|s| s * magnitude)
        .find(|s| *s >= per_tick)
        .unwrap_or(10 * magnitude);
    step * TICKS
}

/// Draws `chart` (amounts in minor units of `currency`) with a tooltip on each bar.
pub fn budget_planned_vs_actual(
    chart: &BudgetChart,
    currency: &str,
    lang: Lang,
    theme: Theme,
) -> Result<String, ReportError> {
    if chart.categories.is_empty() {
        return empty_chart(title(lang), lang, theme, (WIDTH, 240));
    }
    let money_lang = match lang {
        Lang::En => money::Lang::En,
        Lang::Ja => money::Lang::Ja,
    };
    let amount = |minor: i64| money::format_amount(minor, currency, money_lang);
    let palette = Palette::of(theme);
    let planned_fill = planned_colour(theme);
    let max = chart
        .planned_minor
        .iter()
        .chain(&chart.actual_minor)
        .copied()
        .max()
        .unwrap_or(0);
    let top = axis_top(max);
    let y = |v: i64| BOTTOM - ((v.max(0) as f64 / top as f64) * f64::from(BOTTOM - TOP)) as i32;
    let slot = (RIGHT - LEFT) / chart.categories.len() as i32;
    let bar = (slot / 3).min(56);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        caption(&root, title(lang), &palette)?;
        legend(&root, lang, &palette, planned_fill)?;
        for tick in 0..=TICKS {
            let value = top / TICKS * tick;
            let at = y(value);
            root.draw(&PathElement::new(
                vec![(LEFT, at), (RIGHT, at)],
                palette.grid,
            ))
            .map_err(drawing)?;
            label(
                &root,
                &amount(value),
                (LEFT - 8, at),
                (HPos::Right, VPos::Center),
                12,
                &palette.text,
            )?;
        }
        for (group, (values, fill, offset)) in [
            (&chart.planned_minor, planned_fill, -bar),
            (&chart.actual_minor, palette.bar, 0),
        ]
        .into_iter()
        .enumerate()
        {
            begin_marks(&root, group, &palette)?;
            for (i, v) in values.iter().enumerate() {
                let centre = LEFT + slot * i as i32 + slot / 2;
                let x = centre + offset;
                root.draw(&Rectangle::new(
                    [(x + 2, y(*v).min(BOTTOM - 1)), (x + bar - 2, BOTTOM)],
                    fill.filled(),
                ))
                .map_err(drawing)?;
            }
        }
        for (i, category) in chart.categories.iter().enumerate() {
            let centre = LEFT + slot * i as i32 + slot / 2;
            label(
                &root,
                category_name(*category, lang),
                (centre, BOTTOM + 16),
                (HPos::Center, VPos::Center),
                13,
                &palette.text,
            )?;
        }
        root.present().map_err(drawing)?;
    }
    for (group, values, word) in [
        (0, &chart.planned_minor, planned_word(lang)),
        (1, &chart.actual_minor, actual_word(lang)),
    ] {
        let titles: Vec<String> = chart
            .categories
            .iter()
            .zip(values.iter())
            .map(|(c, v)| format!("{} {word}: {}", category_name(*c, lang), amount(*v)))
            .collect();
        attach_titles(&mut svg, group, "rect", &titles);
    }
    Ok(svg)
}

fn planned_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "planned",
        Lang::Ja => "予定",
    }
}

fn actual_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "actual",
        Lang::Ja => "実績",
    }
}

/// Two swatches with their words at the top right.
fn legend(
    root: &Area<'_>,
    lang: Lang,
    palette: &Palette,
    planned_fill: RGBColor,
) -> Result<(), ReportError> {
    let words = match lang {
        Lang::En => ["Planned", "Actual"],
        Lang::Ja => ["予定", "実績"],
    };
    let mut x = RIGHT - 200;
    for (word, fill) in words.into_iter().zip([planned_fill, palette.bar]) {
        root.draw(&Rectangle::new([(x, 38), (x + 14, 50)], fill.filled()))
            .map_err(drawing)?;
        label(
            root,
            word,
            (x + 20, 44),
            (HPos::Left, VPos::Center),
            13,
            &palette.text,
        )?;
        x += 100;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BudgetChart {
        BudgetChart {
            categories: vec![
                BudgetCategory::Venue,
                BudgetCategory::Catering,
                BudgetCategory::Merchandise,
            ],
            planned_minor: vec![120_000, 30_000, 8_000],
            actual_minor: vec![118_000, 0, 0],
        }
    }

    #[test]
    fn every_category_gets_a_planned_and_an_actual_bar_with_amounts_in_tooltips() {
        let svg = budget_planned_vs_actual(&sample(), "JPY", Lang::En, Theme::Light).expect("svg");
        assert_eq!(svg.matches("<title>").count(), 6);
        assert!(
            svg.contains("<title>Venue planned: ¥120,000</title>"),
            "{svg}"
        );
        assert!(svg.contains("<title>Venue actual: ¥118,000</title>"));
        assert!(svg.contains("<title>Merchandise planned: ¥8,000</title>"));
        assert!(svg.contains("Costs: planned vs actual"));
        assert!(!svg.contains("kizuna-marks"));
    }

    #[test]
    fn japanese_uses_yen_after_the_number_and_japanese_names() {
        let svg = budget_planned_vs_actual(&sample(), "JPY", Lang::Ja, Theme::Dark).expect("svg");
        assert!(svg.contains("<title>会場 予定: 120,000円</title>"), "{svg}");
        assert!(svg.contains(">\nグッズ\n</text>"));
        assert!(svg.contains("費用：予定と実績"));
    }

    #[test]
    fn cents_are_shown_for_two_decimal_currencies() {
        let chart = BudgetChart {
            categories: vec![BudgetCategory::Ads],
            planned_minor: vec![1_250],
            actual_minor: vec![1_999],
        };
        let svg = budget_planned_vs_actual(&chart, "USD", Lang::En, Theme::Light).expect("svg");
        assert!(svg.contains("<title>Ads actual: $19.99</title>"), "{svg}");
    }

    #[test]
    fn an_empty_budget_draws_a_no_data_chart() {
        let empty = BudgetChart {
            categories: vec![],
            planned_minor: vec![],
            actual_minor: vec![],
        };
        let svg = budget_planned_vs_actual(&empty, "JPY", Lang::En, Theme::Light).expect("svg");
        assert!(svg.contains("No data yet"));
    }

    #[test]
    fn the_axis_top_is_round_and_covers_the_largest_amount() {
        assert_eq!(axis_top(120_000), 200_000);
        assert_eq!(axis_top(118_000), 200_000);
        assert_eq!(axis_top(0), 4);
        assert_eq!(axis_top(7), 8);
        assert_eq!(axis_top(40_000), 40_000);
    }
}
