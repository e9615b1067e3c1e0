//! What the engagement charts share: `<title>` tooltips on data marks found by a marker drawn
//! just before them, the "no data yet" chart, colours, and label text.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Palette;
use crate::{Lang, ReportError, Theme};

/// Font family of every label (the PDF and the app map it to a face that covers Japanese).
pub(crate) const FONT: &str = "sans-serif";

pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Maps any plotters error to a drawing error.
pub(crate) fn drawing<E: std::fmt::Display>(e: E) -> ReportError {
    ReportError::Drawing(e.to_string())
}

fn marker(group: usize) -> String {
    format!("kizuna-marks-{group}")
}

/// Draws an invisible-to-users marker: the next data marks of `group` follow it in the SVG.
pub(crate) fn begin_marks(
    area: &Area<'_>,
    group: usize,
    palette: &Palette,
) -> Result<(), ReportError> {
    let style = TextStyle::from((FONT, 1).into_font()).color(&palette.text);
    area.draw(&Text::new(marker(group), (0, 0), style))
        .map_err(drawing)
}

/// Removes the marker of `group` and gives the `<tag>` elements after it, in drawing order,
/// one `<title>` each. Returns how many got one.
pub(crate) fn attach_titles(svg: &mut String, group: usize, tag: &str, titles: &[String]) -> usize {
    let needle = format!(">\n{}\n</text>\n", marker(group));
    let Some(found) = svg.find(&needle) else {
        return 0;
    };
    let Some(start) = svg[..found].rfind("<text") else {
        return 0;
    };
    let end = found + needle.len();
    let rest = svg.split_off(end);
    svg.truncate(start);
    let open = format!("<{tag} ");
    let mut out = String::with_capacity(rest.len() + titles.len() * 64);
    let mut tail = rest.as_str();
    let mut given = 0;
    for title in titles {
        let Some(at) = tail.find(&open) else { break };
        let Some(len) = tail[at..].find("/>") else {
            break;
        };
        out.push_str(&tail[..at + len]);
        out.push_str("><title>");
        out.push_str(&escape(title));
        out.push_str("</title></");
        out.push_str(tag);
        out.push('>');
        tail = &tail[at + len + 2..];
        given += 1;
    }
    out.push_str(tail);
    svg.push_str(&out);
    given
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Draws a chart's caption at its top left.
pub(crate) fn caption(area: &Area<'_>, text: &str, palette: &Palette) -> Result<(), ReportError> {
    let style = TextStyle::from((FONT, 17).into_font().style(FontStyle::Bold))
        .color(&palette.text)
        .pos(Pos::new(HPos::Left, VPos::Top));
    area.draw(&Text::new(text.to_owned(), (12, 10), style))
        .map_err(drawing)
}

/// A chart with only its caption and a "no data yet" message, for empty series.
pub(crate) fn empty_chart(
    title: &str,
    lang: Lang,
    theme: Theme,
    size: (u32, u32),
) -> Result<String, ReportError> {
    let palette = Palette::of(theme);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        caption(&root, title, &palette)?;
        let message = match lang {
            Lang::En => "No data yet",
            Lang::Ja => "まだデータがありません",
        };
        let style = TextStyle::from((FONT, 16).into_font())
            .color(&palette.text)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let (w, h) = size;
        root.draw(&Text::new(
            message.to_owned(),
            (w as i32 / 2, h as i32 / 2 + 10),
            style,
        ))
        .map_err(drawing)?;
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

/// Draws `text` anchored at `pos`.
pub(crate) fn label(
    area: &Area<'_>,
    text: &str,
    pos: (i32, i32),
    anchor: (HPos, VPos),
    size: u32,
    color: &RGBColor,
) -> Result<(), ReportError> {
    let style = TextStyle::from((FONT, size).into_font())
        .color(color)
        .pos(Pos::new(anchor.0, anchor.1));
    area.draw(&Text::new(text.to_owned(), pos, style))
        .map_err(drawing)
}

/// Approximate drawn width of `text` at a font size of `px` (CJK characters are full width).
pub(crate) fn text_width(text: &str, px: u32) -> u32 {
    let ems: f64 = text
        .chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.58 })
        .sum();
    (ems * f64::from(px) / 1.24).ceil() as u32
}

/// `n` with thousands separators.
pub(crate) fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A round axis maximum a little above `max` (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a
/// power of ten), at least 5.
pub(crate) fn nice_ceiling(max: u32) -> u32 {
    let target = (f64::from(max) * 1.05).max(5.0);
    let magnitude = 10f64.powf(target.log10().floor());
    let step = [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .into_iter()
        .find(|s| s * magnitude >= target)
        .unwrap_or(10.0);
    (step * magnitude) as u32
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Short month name in English.
pub(crate) fn en_month(month: u32) -> &'static str {
    EN_MONTHS[(month as usize + 11) % 12]
}

/// An axis label for a month: with the year when `with_year`.
pub(crate) fn month_label(year: i32, month: u32, with_year: bool, lang: Lang) -> String {
    let short_year = year.rem_euclid(100);
    match (lang, with_year) {
        (Lang::En, true) => format!("{} '{short_year:02}", en_month(month)),
        (Lang::En, false) => en_month(month).to_owned(),
        (Lang::Ja, true) => format!("{short_year:02}年{month}月"),
        (Lang::Ja, false) => format!("{month}月"),
    }
}

/// A month in a tooltip: "Nov 2026" or "2026年11月".
pub(crate) fn month_name(year: i32, month: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} {year}", en_month(month)),
        Lang::Ja => format!("{year}年{month}月"),
    }
}

/// A colour between `from` (t = 0) and `to` (t = 1).
pub(crate) fn mix(from: RGBColor, to: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let channel = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(
        channel(from.0, to.0),
        channel(from.1, to.1),
        channel(from.2, to.2),
    )
}

/// Dark or light text, whichever reads on `fill`.
pub(crate) fn text_on(fill: RGBColor) -> RGBColor {
    let luminance =
        0.299 * f64::from(fill.0) + 0.587 * f64::from(fill.1) + 0.114 * f64::from(fill.2);
    if luminance > 150.0 {
        RGBColor(0x1F, 0x29, 0x37)
    } else {
        RGBColor(0xF9, 0xFA, 0xFB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_go_to_the_tags_after_the_marker_only() {
        let mut svg = concat!(
            "<svg><rect x=\"0\"/>",
            "<text x=\"0\" y=\"0\">\nkizuna-marks-0\n</text>\n",
            "<rect x=\"1\"/><circle r=\"2\"/><rect x=\"2\"/><rect x=\"3\"/></svg>"
        )
        .to_owned();
        let given = attach_titles(&mut svg, 0, "rect", &["a < b".to_owned(), "c".to_owned()]);
        assert_eq!(given, 2);
        assert_eq!(
            svg,
            "<svg><rect x=\"0\"/><rect x=\"1\"><title>a &lt; b</title></rect><circle r=\"2\"/><rect x=\"2\"><title>c</title></rect><rect x=\"3\"/></svg>"
        );
    }

    #[test]
    fn axis_maximum_is_round_and_just_above_the_data() {
        assert_eq!(nice_ceiling(0), 5);
        assert_eq!(nice_ceiling(2_000), 2_500);
        assert_eq!(nice_ceiling(456), 500);
        assert_eq!(nice_ceiling(3_005), 4_000);
    }

    #[test]
    fn japanese_text_is_measured_full_width() {
        assert!(text_width("アイデア投稿", 13) > text_width("Shared", 13) * 3 / 2);
    }
}
