//! A perk's effect: activities per member in the 60 days before vs after the grant, per perk
//! and per wave, as paired vertical bars; grants too young to count are left out and said so.

use kizuna_core::perks::{EFFECT_DAYS, PerkEffect};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::Palette;
use super::marks::{Area, attach_titles, begin_marks, caption, drawing, empty_chart, label};
use crate::{Lang, ReportError, Theme};

const WIDTH: u32 = 720;
const HEIGHT: u32 = 340;
const LEFT: i32 = 64;
const RIGHT: i32 = WIDTH as i32 - 16;
const TOP: i32 = 64;
const BOTTOM: i32 = HEIGHT as i32 - 56;
const TICKS: u32 = 4;

fn title(lang: Lang) -> String {
    match lang {
        Lang::En => format!("Activities per member, {EFFECT_DAYS} days before vs after the grant"),
        Lang::Ja => format!("付与前後{EFFECT_DAYS}日間の1人あたりの活動数"),
    }
}

/// The lighter colour of the "before" bars.
fn before_colour(theme: Theme) -> RGBColor {
    match theme {
        Theme::Light => RGBColor(0xB4, 0xBE, 0xF5),
        Theme::Dark => RGBColor(0x4B, 0x55, 0x9E),
    }
}

/// The group's name: the perk for its whole row, "Wave N" for a wave.
fn group_name(row: &PerkEffect, lang: Lang) -> String {
    match (row.wave, lang) {
        (None, Lang::En) => format!("All ({})", row.members),
        (None, Lang::Ja) => format!("全体（{}人）", row.members),
        (Some(n), Lang::En) => format!("Wave {n} ({})", row.members),
        (Some(n), Lang::Ja) => format!("第{n}弾（{}人）", row.members),
    }
}

fn per_member(total: i64, members: i64) -> f64 {
    if members <= 0 {
        0.0
    } else {
        total as f64 / members as f64
    }
}

/// The note under the bars on grants too young to be counted.
fn pending_note(pending: i64, lang: Lang) -> Option<String> {
    (pending > 0).then(|| match lang {
        Lang::En if pending == 1 => {
            format!("1 grant younger than {EFFECT_DAYS} days is not counted yet")
        }
        Lang::En => format!("{pending} grants younger than {EFFECT_DAYS} days are not counted yet"),
        Lang::Ja => format!("付与から{EFFECT_DAYS}日未満の{pending}件はまだ数えていません"),
    })
}

fn one_decimal(v: f64) -> String {
    format!("{v:.1}")
}

/// Draws `rows` (one perk's whole row, then its waves, as `perk_effect` returns them).
pub fn perk_effect(rows: &[PerkEffect], lang: Lang, theme: Theme) -> Result<String, ReportError> {
    let counted: Vec<&PerkEffect> = rows.iter().filter(|r| r.members > 0).collect();
    let pending = rows
        .iter()
        .find(|r| r.wave.is_none())
        .map_or_else(|| rows.iter().map(|r| r.pending).sum(), |r| r.pending);
    if counted.is_empty() {
        let mut svg = empty_chart(&title(lang), lang, theme, (WIDTH, 240))?;
        if let Some(note) = pending_note(pending, lang) {
            svg = with_note(svg, &note, theme);
        }
        return Ok(svg);
    }
    let palette = Palette::of(theme);
    let before_fill = before_colour(theme);
    let before: Vec<f64> = counted
        .iter()
        .map(|r| per_member(r.activities_before, r.members))
        .collect();
    let after: Vec<f64> = counted
        .iter()
        .map(|r| per_member(r.activities_after, r.members))
        .collect();
    let max = before.iter().chain(&after).copied().fold(0.0, f64::max);
    let top = f64::from((max.ceil() as u32).max(1).div_ceil(TICKS) * TICKS);
    let y = |v: f64| BOTTOM - ((v.max(0.0) / top) * f64::from(BOTTOM - TOP)) as i32;
    let slot = (RIGHT - LEFT) / counted.len() as i32;
    let bar = (slot / 3).min(56);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        caption(&root, &title(lang), &palette)?;
        legend(&root, lang, &palette, before_fill)?;
        for tick in 0..=TICKS {
            let value = top / f64::from(TICKS) * f64::from(tick);
            let at = y(value);
            root.draw(&PathElement::new(
                vec![(LEFT, at), (RIGHT, at)],
                palette.grid,
            ))
            .map_err(drawing)?;
            label(
                &root,
                &one_decimal(value),
                (LEFT - 8, at),
                (HPos::Right, VPos::Center),
                12,
                &palette.text,
            )?;
        }
        for (group, (values, fill, offset)) in
            [(&before, before_fill, -bar), (&after, palette.bar, 0)]
                .into_iter()
                .enumerate()
        {
            begin_marks(&root, group, &palette)?;
            for (i, v) in values.iter().enumerate() {
                let x = LEFT + slot * i as i32 + slot / 2 + offset;
                root.draw(&Rectangle::new(
                    [(x + 2, y(*v).min(BOTTOM - 1)), (x + bar - 2, BOTTOM)],
                    fill.filled(),
                ))
                .map_err(drawing)?;
            }
        }
        for (i, row) in counted.iter().enumerate() {
            let centre = LEFT + slot * i as i32 + slot / 2;
            label(
                &root,
                &group_name(row, lang),
                (centre, BOTTOM + 16),
                (HPos::Center, VPos::Center),
                13,
                &palette.text,
            )?;
        }
        if let Some(note) = pending_note(pending, lang) {
            label(
                &root,
                &note,
                (LEFT, HEIGHT as i32 - 14),
                (HPos::Left, VPos::Center),
                12,
                &palette.text,
            )?;
        }
        root.present().map_err(drawing)?;
    }
    for (group, values, word) in [(0, &before, words(lang)[0]), (1, &after, words(lang)[1])] {
        let titles: Vec<String> = counted
            .iter()
            .zip(values.iter())
            .map(|(r, v)| format!("{} {word}: {}", group_name(r, lang), one_decimal(*v)))
            .collect();
        attach_titles(&mut svg, group, "rect", &titles);
    }
    Ok(svg)
}

/// Adds `note` as visible text at the bottom of a no-data chart.
fn with_note(svg: String, note: &str, theme: Theme) -> String {
    let c = Palette::of(theme).text;
    let text = format!(
        "<text x=\"{LEFT}\" y=\"226\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#{:02X}{:02X}{:02X}\">{note}</text></svg>",
        c.0, c.1, c.2
    );
    svg.replacen("</svg>", &text, 1)
}

fn words(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::En => ["before", "after"],
        Lang::Ja => ["付与前", "付与後"],
    }
}

/// Two swatches with their words at the top right.
fn legend(
    root: &Area<'_>,
    lang: Lang,
    palette: &Palette,
    before_fill: RGBColor,
) -> Result<(), ReportError> {
    let words = match lang {
        Lang::En => ["Before", "After"],
        Lang::Ja => ["付与前", "付与後"],
    };
    let mut x = RIGHT - 200;
    for (word, fill) in words.into_iter().zip([before_fill, palette.bar]) {
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

    fn row(wave: Option<i64>, members: i64, before: i64, after: i64, pending: i64) -> PerkEffect {
        PerkEffect {
            perk_id: "p".to_owned(),
            perk_name: "Spring Blend".to_owned(),
            wave,
            members,
            activities_before: before,
            activities_after: after,
            pending,
        }
    }

    #[test]
    fn each_wave_gets_a_before_and_an_after_bar_per_member_and_pending_is_said() {
        let rows = [
            row(None, 4, 20, 36, 3),
            row(Some(1), 2, 10, 24, 1),
            row(Some(2), 2, 10, 12, 2),
        ];
        let svg = perk_effect(&rows, Lang::En, Theme::Light).expect("svg");
        assert_eq!(svg.matches("<title>").count(), 6);
        assert!(svg.contains("<title>All (4) before: 5.0</title>"), "{svg}");
        assert!(svg.contains("<title>All (4) after: 9.0</title>"));
        assert!(svg.contains("<title>Wave 1 (2) after: 12.0</title>"));
        assert!(svg.contains("3 grants younger than 60 days are not counted yet"));
        assert!(!svg.contains("kizuna-marks"));
    }

    #[test]
    fn japanese_labels_and_dark_theme() {
        let rows = [row(None, 2, 4, 6, 0), row(Some(1), 2, 4, 6, 0)];
        let svg = perk_effect(&rows, Lang::Ja, Theme::Dark).expect("svg");
        assert!(
            svg.contains("<title>第1弾（2人） 付与後: 3.0</title>"),
            "{svg}"
        );
        assert!(svg.contains("付与前後60日間の1人あたりの活動数"));
        assert!(!svg.contains("まだ数えていません"));
        assert!(svg.contains("#8B9CF7"));
    }

    #[test]
    fn only_pending_grants_draw_a_no_data_chart_that_says_why() {
        let svg = perk_effect(&[row(None, 0, 0, 0, 2)], Lang::En, Theme::Light).expect("svg");
        assert!(svg.contains("No data yet"));
        assert!(svg.contains("2 grants younger than 60 days are not counted yet"));
    }
}
