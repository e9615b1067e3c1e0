//! Chart drawing and the small SVG touches plotters does not do itself (tooltips).

mod active;
mod budget;
mod campaign_retention;
mod checkins;
mod cohorts;
mod first_contribution;
mod levels;
mod marks;
mod mix;
mod monthly;
mod perk_effect;

pub use active::active_members;
pub use budget::budget_planned_vs_actual;
pub(crate) use budget::category_name;
pub use campaign_retention::campaign_retention;
pub use checkins::checkin_curve;
pub use cohorts::cohort_retention;
pub use first_contribution::time_to_first_contribution;
pub use levels::engagement_by_level;
pub use mix::activity_mix;
pub use monthly::activities_per_month;
pub use perk_effect::perk_effect;

use crate::Theme;

/// The colours of one theme.
pub(crate) struct Palette {
    pub text: plotters::style::RGBColor,
    pub grid: plotters::style::RGBColor,
    pub bar: plotters::style::RGBColor,
}

impl Palette {
    pub(crate) fn of(theme: Theme) -> Self {
        use plotters::style::RGBColor;
        match theme {
            Theme::Light => Palette {
                text: RGBColor(0x37, 0x41, 0x51),
                grid: RGBColor(0xE5, 0xE7, 0xEB),
                bar: RGBColor(0x43, 0x56, 0xD6),
            },
            Theme::Dark => Palette {
                text: RGBColor(0xD1, 0xD5, 0xDB),
                grid: RGBColor(0x37, 0x41, 0x51),
                bar: RGBColor(0x8B, 0x9C, 0xF7),
            },
        }
    }
}

/// Gives the `n`-th `<rect>` filled with `fill` a `<title>` tooltip, in drawing order.
pub(crate) fn add_tooltips(svg: &str, fill: &str, titles: &[String]) -> String {
    let marker = format!("fill=\"{fill}\"");
    let mut out = String::with_capacity(svg.len() + titles.len() * 48);
    let mut rest = svg;
    let mut titles = titles.iter();
    while let Some(start) = rest.find("<rect") {
        let Some(len) = rest[start..].find("/>") else {
            break;
        };
        let tag = &rest[start..start + len];
        out.push_str(&rest[..start]);
        match (tag.contains(&marker), titles.clone().next()) {
            (true, Some(title)) => {
                titles.next();
                out.push_str(tag);
                out.push_str("><title>");
                out.push_str(&escape(title));
                out.push_str("</title></rect>");
            }
            _ => {
                out.push_str(tag);
                out.push_str("/>");
            }
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tooltips_go_to_matching_rects_in_order() {
        let svg = r##"<svg><rect x="0" fill="#FFFFFF"/><rect x="1" fill="#112233"/><rect x="2" fill="#112233"/></svg>"##;
        let out = add_tooltips(svg, "#112233", &["a < b".to_owned(), "c".to_owned()]);
        assert_eq!(
            out,
            r##"<svg><rect x="0" fill="#FFFFFF"/><rect x="1" fill="#112233"><title>a &lt; b</title></rect><rect x="2" fill="#112233"><title>c</title></rect></svg>"##
        );
    }
}
