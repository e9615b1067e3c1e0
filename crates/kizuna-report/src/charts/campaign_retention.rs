//! Campaign retention curves: one line per campaign, x = days since joining through it
//! (0, 30, 90, 180, 365), y = share of the cohort still active, a dot (with tooltip) per point.
//! Every cohort starts at 100%; points too young to judge are left out, never drawn as zero.

use kizuna_core::campaigns::{CampaignComparisonRow, Comparison};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::Palette;
use super::marks::{
    FONT, attach_titles, begin_marks, caption, drawing, empty_chart, label, text_width, thousands,
};
use crate::{Lang, ReportError, Theme};

const WIDTH: u32 = 720;
const PLOT_HEIGHT: i32 = 300;
const LEGEND_ROW: i32 = 20;
const LAST_DAY: f64 = 365.0;

fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Retention by campaign",
        Lang::Ja => "キャンペーン別の継続率",
    }
}

/// Distinct line colours, cycled when there are more campaigns than colours.
fn line_colors(theme: Theme) -> [RGBColor; 8] {
    match theme {
        Theme::Light => [
            RGBColor(0x43, 0x56, 0xD6),
            RGBColor(0xD9, 0x77, 0x06),
            RGBColor(0x05, 0x96, 0x69),
            RGBColor(0xDC, 0x26, 0x26),
            RGBColor(0x7C, 0x3A, 0xED),
            RGBColor(0x08, 0x91, 0xB2),
            RGBColor(0xDB, 0x27, 0x77),
            RGBColor(0x65, 0x73, 0x8B),
        ],
        Theme::Dark => [
            RGBColor(0x8B, 0x9C, 0xF7),
            RGBColor(0xFB, 0xBF, 0x24),
            RGBColor(0x34, 0xD3, 0x99),
            RGBColor(0xF8, 0x71, 0x71),
            RGBColor(0xC4, 0xB5, 0xFD),
            RGBColor(0x22, 0xD3, 0xEE),
            RGBColor(0xF4, 0x72, 0xB6),
            RGBColor(0xCB, 0xD5, 0xE1),
        ],
    }
}

/// The points worth drawing: (days, share, tooltip), starting at 100% on day 0; empty when no
/// window of the campaign can be judged yet.
fn points(row: &CampaignComparisonRow, lang: Lang) -> Vec<(f64, f64, String)> {
    let name = &row.name;
    let mut out = vec![(
        0.0,
        1.0,
        match lang {
            Lang::En => format!("{name} · joined: {} members", thousands(row.members)),
            Lang::Ja => format!("{name}・参加時: {}人", thousands(row.members)),
        },
    )];
    for p in &row.retention {
        let Some(share) = p.share.filter(|_| !p.too_young) else {
            continue;
        };
        let (days, active, mature) = (p.days, thousands(p.active), thousands(p.mature));
        let percent = share * 100.0;
        out.push((
            f64::from(days),
            share,
            match lang {
                Lang::En => format!(
                    "{name} · {days} days: {active} of {mature} still active ({percent:.1}%)"
                ),
                Lang::Ja => format!(
                    "{name}・{days}日後: {mature}人中{active}人がアクティブ（{percent:.1}%）"
                ),
            },
        ));
    }
    if out.len() == 1 { Vec::new() } else { out }
}

/// The legend entry of a campaign, saying why when it has no line.
fn legend_name(row: &CampaignComparisonRow, drawn: bool, lang: Lang) -> String {
    match (drawn, row.members, lang) {
        (true, _, _) => row.name.clone(),
        (false, 0, Lang::En) => format!("{} (no members yet)", row.name),
        (false, 0, Lang::Ja) => format!("{}（まだメンバーなし）", row.name),
        (false, _, Lang::En) => format!("{} (too young to judge)", row.name),
        (false, _, Lang::Ja) => format!("{}（判断には早すぎます）", row.name),
    }
}

/// Lays the legend out in rows under the caption: each entry's top-left corner, and the rows.
fn legend_layout(names: &[String]) -> (Vec<(i32, i32)>, i32) {
    let (mut x, mut row) = (70, 0);
    let mut at = Vec::with_capacity(names.len());
    for name in names {
        let width = 18 + text_width(name, 13) as i32 + 18;
        if x + width > WIDTH as i32 - 12 && x > 70 {
            x = 70;
            row += 1;
        }
        at.push((x, 44 + LEGEND_ROW * row));
        x += width;
    }
    (at, if names.is_empty() { 0 } else { row + 1 })
}

/// Draws one retention line per compared campaign with a tooltip on every point, a legend and
/// the day marks 0, 30, 90, 180 and 365.
pub fn campaign_retention(
    comparison: &Comparison,
    lang: Lang,
    theme: Theme,
) -> Result<String, ReportError> {
    let rows = &comparison.campaigns;
    let curves: Vec<Vec<(f64, f64, String)>> = rows.iter().map(|r| points(r, lang)).collect();
    if curves.iter().all(Vec::is_empty) {
        return empty_chart(title(lang), lang, theme, (WIDTH, 260));
    }
    let palette = Palette::of(theme);
    let colors = line_colors(theme);
    let names: Vec<String> = rows
        .iter()
        .zip(&curves)
        .map(|(r, c)| legend_name(r, !c.is_empty(), lang))
        .collect();
    let (legend_at, legend_rows) = legend_layout(&names);
    let top = 40 + LEGEND_ROW * legend_rows;
    let height = (top + PLOT_HEIGHT + 24) as u32;
    let note = match lang {
        Lang::En => format!(
            "Points with fewer than {} members who reached them are left out",
            comparison.min_mature
        ),
        Lang::Ja => format!(
            "到達したメンバーが{}人未満の時点は表示していません",
            comparison.min_mature
        ),
    };

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        caption(&root, title(lang), &palette)?;
        for (k, ((x, y), name)) in legend_at.iter().zip(&names).enumerate() {
            let color = colors[k % colors.len()];
            root.draw(&Rectangle::new(
                [(*x, y - 5), (x + 12, y + 7)],
                color.filled(),
            ))
            .map_err(drawing)?;
            label(
                &root,
                name,
                (x + 17, y + 1),
                (HPos::Left, VPos::Center),
                13,
                &palette.text,
            )?;
        }
        label(
            &root,
            &note,
            (WIDTH as i32 - 12, height as i32 - 6),
            (HPos::Right, VPos::Bottom),
            11,
            &palette.text,
        )?;
        let font = (FONT, 14).into_font().color(&palette.text);
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_top(top)
            .margin_bottom(20)
            .x_label_area_size(28)
            .y_label_area_size(56)
            .build_cartesian_2d(-8f64..LAST_DAY + 8.0, 0f64..1.05)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(palette.grid)
            .axis_style(palette.grid)
            .x_labels(0)
            .y_labels(6)
            .y_label_style(font)
            .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
            .draw()
            .map_err(drawing)?;
        let axis = match lang {
            Lang::En => "days since joining",
            Lang::Ja => "参加からの日数",
        };
        for days in [0.0, 30.0, 90.0, 180.0, 365.0] {
            let (x, y) = chart.backend_coord(&(days, 0.0));
            let text = format!("{days:.0}");
            label(
                &root,
                &text,
                (x, y + 6),
                (HPos::Center, VPos::Top),
                13,
                &palette.text,
            )?;
        }
        let (x_end, y_end) = chart.backend_coord(&(LAST_DAY, 0.0));
        label(
            &root,
            axis,
            (x_end, y_end + 24),
            (HPos::Right, VPos::Top),
            12,
            &palette.text,
        )?;
        for (k, curve) in curves.iter().enumerate() {
            let color = colors[k % colors.len()];
            chart
                .draw_series(LineSeries::new(
                    curve.iter().map(|(x, y, _)| (*x, *y)),
                    color.stroke_width(2),
                ))
                .map_err(drawing)?;
        }
        begin_marks(&root, 0, &palette)?;
        for (k, curve) in curves.iter().enumerate() {
            let color = colors[k % colors.len()];
            chart
                .draw_series(
                    curve
                        .iter()
                        .map(|(x, y, _)| Circle::new((*x, *y), 4, color.filled())),
                )
                .map_err(drawing)?;
        }
        root.present().map_err(drawing)?;
    }
    let titles: Vec<String> = curves.into_iter().flatten().map(|(_, _, t)| t).collect();
    attach_titles(&mut svg, 0, "circle", &titles);
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kizuna_core::campaigns::{CostBasis, RetentionPoint};

    fn row(name: &str, members: u32, points: &[(u32, u32, u32)]) -> CampaignComparisonRow {
        CampaignComparisonRow {
            campaign_id: name.to_lowercase(),
            name: name.to_owned(),
            kind: "influencer".to_owned(),
            status: "running".to_owned(),
            starts_at: 0,
            ends_at: None,
            currency: Some("JPY".to_owned()),
            cost_minor: None,
            cost_basis: CostBasis::None,
            fees_minor: 0,
            members,
            cost_per_member_minor: None,
            active_at_90: 0,
            cost_per_active_90_minor: None,
            retention: points
                .iter()
                .map(|(days, mature, active)| RetentionPoint {
                    days: *days,
                    mature: *mature,
                    active: *active,
                    share: (*mature > 0).then(|| f64::from(*active) / f64::from(*mature)),
                    too_young: *mature < 10,
                })
                .collect(),
            levels_now: vec![],
            second_generation: 0,
            third_generation: 0,
            caveats: vec![],
        }
    }

    fn comparison(rows: Vec<CampaignComparisonRow>) -> Comparison {
        Comparison {
            as_of: 0,
            min_mature: 10,
            campaigns: rows,
            totals: vec![],
        }
    }

    fn sample() -> Comparison {
        comparison(vec![
            row(
                "Spring influencers",
                40,
                &[(30, 40, 30), (90, 40, 20), (180, 25, 10), (365, 4, 1)],
            ),
            row(
                "Newsletter",
                12,
                &[(30, 12, 6), (90, 12, 0), (180, 3, 0), (365, 0, 0)],
            ),
            row(
                "Brand new",
                6,
                &[(30, 6, 6), (90, 0, 0), (180, 0, 0), (365, 0, 0)],
            ),
            row("Not started", 0, &[(30, 0, 0)]),
        ])
    }

    #[test]
    fn judgeable_points_get_dots_and_too_young_ones_are_left_out() {
        let svg = campaign_retention(&sample(), Lang::En, Theme::Light).expect("chart");
        // Spring: day 0 + three windows; Newsletter: day 0 + two (the 0% at 90 days is drawn).
        assert_eq!(svg.matches("<circle").count(), 7, "{svg}");
        assert_eq!(svg.matches("<title>").count(), 7);
        assert!(svg.contains(
            "<title>Spring influencers · 90 days: 20 of 40 still active (50.0%)</title>"
        ));
        assert!(svg.contains("<title>Newsletter · 90 days: 0 of 12 still active (0.0%)</title>"));
        assert!(!svg.contains("365 days:"), "a 4-member point is not drawn");
        assert!(svg.contains("Brand new (too young to judge)"));
        assert!(svg.contains("Not started (no members yet)"));
        assert!(svg.contains("Retention by campaign"));
        assert!(!svg.contains("kizuna-marks"));
    }

    #[test]
    fn japanese_labels_and_dark_colours() {
        let svg = campaign_retention(&sample(), Lang::Ja, Theme::Dark).expect("chart");
        assert!(svg.contains("キャンペーン別の継続率"));
        assert!(svg.contains("参加からの日数"));
        assert!(svg.contains(
            "<title>Spring influencers・30日後: 40人中30人がアクティブ（75.0%）</title>"
        ));
        assert!(svg.contains("Brand new（判断には早すぎます）"));
        assert!(svg.contains("#8B9CF7"), "dark theme line colour");
    }

    #[test]
    fn nothing_judgeable_draws_a_no_data_chart() {
        let young = comparison(vec![row("Brand new", 6, &[(30, 6, 6)])]);
        let svg = campaign_retention(&young, Lang::En, Theme::Light).expect("chart");
        assert!(svg.contains("No data yet"));
        let svg = campaign_retention(&comparison(vec![]), Lang::Ja, Theme::Dark).expect("chart");
        assert!(svg.contains("まだデータがありません"));
    }
}
