//! Activity mix: horizontal bars by activity type, then by platform, most frequent first.

use kizuna_core::insights::ActivityMix;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::Palette;
use super::marks::{
    Area, attach_titles, begin_marks, caption, drawing, empty_chart, label, text_width, thousands,
};
use crate::{Lang, ReportError, Theme};

const WIDTH: u32 = 720;
const ROW: i32 = 24;
const PANEL_GAP: i32 = 44;

fn title(days: i64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Activity mix, last {days} days"),
        Lang::Ja => format!("アクティビティの内訳（過去{days}日）"),
    }
}

/// A platform's display name ("No platform" for activities logged without one).
fn platform_name(platform: Option<&str>, lang: Lang) -> String {
    match platform {
        None => match lang {
            Lang::En => "No platform".to_owned(),
            Lang::Ja => "プラットフォームなし".to_owned(),
        },
        Some("x") => "X".to_owned(),
        Some("github") => "GitHub".to_owned(),
        Some("youtube") => "YouTube".to_owned(),
        Some("linkedin") => "LinkedIn".to_owned(),
        Some("line") => "LINE".to_owned(),
        Some("tiktok") => "TikTok".to_owned(),
        Some(other) => {
            let mut chars = other.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        }
    }
}

/// One panel's rows: label, count.
struct Panel {
    heading: &'static str,
    rows: Vec<(String, u32)>,
}

/// Draws the activity mix as two horizontal bar panels (by type with the types' labels in
/// `lang`, then by platform), with the count beside each bar and a tooltip on each.
pub fn activity_mix(mix: &ActivityMix, lang: Lang, theme: Theme) -> Result<String, ReportError> {
    let days = (mix.to - mix.from + 1) / 86_400_000;
    let caption_text = title(days, lang);
    if mix.by_type.is_empty() && mix.by_platform.is_empty() {
        return empty_chart(&caption_text, lang, theme, (WIDTH, 240));
    }
    let palette = Palette::of(theme);
    let panels = [
        Panel {
            heading: match lang {
                Lang::En => "By type",
                Lang::Ja => "種類別",
            },
            rows: mix
                .by_type
                .iter()
                .map(|t| {
                    let name = match lang {
                        Lang::En => t.label_en.clone(),
                        Lang::Ja => t.label_ja.clone(),
                    };
                    (name, t.count)
                })
                .collect(),
        },
        Panel {
            heading: match lang {
                Lang::En => "By platform",
                Lang::Ja => "プラットフォーム別",
            },
            rows: mix
                .by_platform
                .iter()
                .map(|p| (platform_name(p.platform.as_deref(), lang), p.count))
                .collect(),
        },
    ];
    let total: u32 = mix.by_type.iter().map(|t| t.count).sum();
    let left = 20
        + panels
            .iter()
            .flat_map(|p| p.rows.iter())
            .map(|(name, _)| text_width(name, 13) as i32)
            .max()
            .unwrap_or(0);
    let rows: i32 = panels.iter().map(|p| p.rows.len() as i32).sum();
    let height = (44 + 2 * (PANEL_GAP - 8) + rows * ROW + 8) as u32;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        caption(&root, &caption_text, &palette)?;
        let mut top = 44;
        for (group, panel) in panels.iter().enumerate() {
            top = draw_panel(&root, panel, group, top, left, &palette)? + 12;
        }
        root.present().map_err(drawing)?;
    }
    for (group, panel) in panels.iter().enumerate() {
        let titles: Vec<String> = panel
            .rows
            .iter()
            .map(|(name, count)| {
                let share = f64::from(*count) * 100.0 / f64::from(total.max(1));
                match lang {
                    Lang::En => format!("{name}: {} activities ({share:.1}%)", thousands(*count)),
                    Lang::Ja => format!("{name}: {}件（{share:.1}%）", thousands(*count)),
                }
            })
            .collect();
        attach_titles(&mut svg, group, "rect", &titles);
    }
    Ok(svg)
}

/// Draws one panel from `top` down; returns where it ends.
fn draw_panel(
    root: &Area<'_>,
    panel: &Panel,
    group: usize,
    top: i32,
    left: i32,
    palette: &Palette,
) -> Result<i32, ReportError> {
    label(
        root,
        panel.heading,
        (12, top + 8),
        (HPos::Left, VPos::Center),
        14,
        &palette.text,
    )?;
    let top = top + PANEL_GAP - 20;
    let right = WIDTH as i32 - 70;
    // The counts are written beside the bars, so the longest bar simply fills the width.
    let x_top = panel.rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let scale =
        |n: u32| left + ((f64::from(n) / f64::from(x_top)) * f64::from(right - left)) as i32;
    let bottom = top + panel.rows.len() as i32 * ROW;
    begin_marks(root, group, palette)?;
    for (i, (_, count)) in panel.rows.iter().enumerate() {
        let y = top + i as i32 * ROW;
        root.draw(&Rectangle::new(
            [(left, y + 4), (scale(*count).max(left + 1), y + ROW - 4)],
            palette.bar.filled(),
        ))
        .map_err(drawing)?;
    }
    for (i, (name, count)) in panel.rows.iter().enumerate() {
        let y = top + i as i32 * ROW + ROW / 2;
        label(
            root,
            name,
            (left - 8, y),
            (HPos::Right, VPos::Center),
            13,
            &palette.text,
        )?;
        let end = scale(*count).max(left + 1);
        label(
            root,
            &thousands(*count),
            (end + 6, y),
            (HPos::Left, VPos::Center),
            12,
            &palette.text,
        )?;
    }
    Ok(bottom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kizuna_core::insights::{PlatformCount, TypeCount};

    fn sample() -> ActivityMix {
        let kind = |key: &str, en: &str, ja: &str, count| TypeCount {
            key: key.to_owned(),
            label_en: en.to_owned(),
            label_ja: ja.to_owned(),
            count,
        };
        ActivityMix {
            from: 0,
            to: 30 * 86_400_000,
            by_type: vec![
                kind("comment", "Commented", "コメント", 3_000),
                kind("reaction", "Reacted", "リアクション", 2_000),
                kind("event_attended", "Attended an event", "イベント参加", 500),
            ],
            by_platform: vec![
                PlatformCount {
                    platform: Some("discord".to_owned()),
                    count: 4_000,
                },
                PlatformCount {
                    platform: None,
                    count: 1_500,
                },
            ],
        }
    }

    #[test]
    fn every_type_and_platform_gets_a_bar_with_a_tooltip() {
        let svg = activity_mix(&sample(), Lang::En, Theme::Light).expect("chart");
        assert_eq!(svg.matches("<title>").count(), 5);
        assert!(
            svg.contains("<title>Attended an event: 500 activities (9.1%)</title>"),
            "{svg}"
        );
        assert!(svg.contains("<title>Discord: 4,000 activities (72.7%)</title>"));
        assert!(svg.contains("Activity mix, last 30 days"));
    }

    #[test]
    fn japanese_labels_are_drawn_as_text() {
        let svg = activity_mix(&sample(), Lang::Ja, Theme::Dark).expect("chart");
        assert!(svg.contains(">\nイベント参加\n</text>"));
        assert!(svg.contains(">\nプラットフォームなし\n</text>"));
        assert!(svg.contains("<title>コメント: 3,000件（54.5%）</title>"));
    }

    #[test]
    fn no_activity_draws_a_no_data_chart() {
        let empty = ActivityMix {
            from: 0,
            to: 7 * 86_400_000,
            by_type: vec![],
            by_platform: vec![],
        };
        let svg = activity_mix(&empty, Lang::En, Theme::Light).expect("chart");
        assert!(svg.contains("No data yet"));
        assert!(svg.contains("last 7 days"));
    }
}
