//! The charts' geometry, drawn as SVG by the template: the funnel's bars, a bar chart per
//! measure of activity with the weekly goal as a line, the year's heatmap and the goals'
//! meters. Only numbers and ties' own words are placed here; the template escapes them all
//! the same.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, TimeDelta};

use crate::model::settings::Weekly;
use crate::report::activity::Activity;
use crate::report::funnel::Funnel;

/// A rectangle with its label and tooltip.
pub(crate) struct Bar {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
    pub label: String,
    pub title: String,
}

/// Where a label goes.
pub(crate) struct Label {
    pub x: u32,
    pub y: u32,
    pub text: String,
}

pub(crate) struct FunnelChart {
    pub width: u32,
    pub height: u32,
    /// Per stage: how many reached it (the bar), and how many stopped there (its dark part).
    pub reached: Vec<Bar>,
    pub here: Vec<Bar>,
    pub labels: Vec<Label>,
}

const FUNNEL_WIDTH: u32 = 360;
const FUNNEL_LABEL: u32 = 78;
const FUNNEL_BARS: u32 = 210;
const FUNNEL_ROW: u32 = 30;

/// Scales `n` of `max` onto `span` pixels; a non-zero count keeps at least one pixel.
fn scale(n: u32, max: u32, span: u32) -> u32 {
    if max == 0 || n == 0 {
        return 0;
    }
    let w = u64::from(n) * u64::from(span) / u64::from(max);
    u32::try_from(w).unwrap_or(span).max(1)
}

pub(crate) fn funnel(f: &Funnel) -> FunnelChart {
    let max = f.stages.iter().map(|s| s.reached).max().unwrap_or(0);
    let mut chart = FunnelChart {
        width: FUNNEL_WIDTH,
        height: FUNNEL_ROW * u32::try_from(f.stages.len()).unwrap_or(0),
        reached: Vec::new(),
        here: Vec::new(),
        labels: Vec::new(),
    };
    for (row, s) in (0u32..).zip(&f.stages) {
        let y = row * FUNNEL_ROW + 4;
        let w = scale(s.reached, max, FUNNEL_BARS);
        let stage = s.stage.as_str();
        chart.reached.push(Bar {
            x: FUNNEL_LABEL,
            y,
            w,
            h: FUNNEL_ROW - 10,
            label: format!("{}", s.reached),
            title: format!("{stage}: {} reached this stage or later", s.reached),
        });
        chart.here.push(Bar {
            x: FUNNEL_LABEL,
            y,
            w: scale(s.contacts, max, FUNNEL_BARS),
            h: FUNNEL_ROW - 10,
            label: format!("{}", s.contacts),
            title: format!("{stage}: {} at this stage", s.contacts),
        });
        chart.labels.push(Label {
            x: FUNNEL_LABEL + w + 6,
            y: y + 15,
            text: s.reached.to_string(),
        });
    }
    chart
}

/// A measure of activity: its name, its colour class, its weekly goal and its count.
type Measure = (
    &'static str,
    &'static str,
    Option<u32>,
    fn(&crate::report::Counts) -> u32,
);

/// One measure of activity per week, with its weekly goal as a line.
pub(crate) struct ActivityChart {
    pub name: &'static str,
    pub class: &'static str,
    pub total: u32,
    pub goal: Option<u32>,
    /// The goal line's height; the chart's height when there is none.
    pub goal_y: u32,
    pub width: u32,
    pub height: u32,
    pub base: u32,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Label>,
}

const ACTIVITY_WIDTH: u32 = 360;
const ACTIVITY_LEFT: u32 = 8;
const ACTIVITY_TOP: u32 = 16;
const ACTIVITY_PLOT: u32 = 84;

pub(crate) fn activity(a: &Activity, weekly: &Weekly) -> Vec<ActivityChart> {
    let measures: [Measure; 4] = [
        ("outreach", "c1", Some(weekly.outreach), |c| c.outreach),
        ("follow-ups", "c2", None, |c| c.follow_ups),
        ("chats", "c3", Some(weekly.chats), |c| c.chats),
        ("events", "c4", Some(weekly.events), |c| c.events),
    ];
    let n = u32::try_from(a.rows.len()).unwrap_or(1).max(1);
    let slot = (ACTIVITY_WIDTH - 2 * ACTIVITY_LEFT) / n;
    let base = ACTIVITY_TOP + ACTIVITY_PLOT;
    measures
        .into_iter()
        .map(|(name, class, goal, get)| {
            // A goal of 0 is switched off: no line.
            let goal = goal.filter(|&g| g > 0);
            let max = a
                .rows
                .iter()
                .map(|b| get(&b.counts))
                .chain(goal)
                .max()
                .unwrap_or(0)
                .max(1);
            let bars = (0u32..)
                .zip(&a.rows)
                .map(|(i, b)| {
                    let count = get(&b.counts);
                    let h = scale(count, max, ACTIVITY_PLOT);
                    Bar {
                        x: ACTIVITY_LEFT + i * slot + slot / 6,
                        y: base - h,
                        w: slot - slot / 3,
                        h,
                        label: if count > 0 {
                            count.to_string()
                        } else {
                            String::new()
                        },
                        title: format!("{} (from {}): {count} {name}", b.label, b.start),
                    }
                })
                .collect();
            let ticks = (0u32..)
                .zip(&a.rows)
                .filter(|(i, _)| n <= 14 || i % 2 == 0)
                .map(|(i, b)| Label {
                    x: ACTIVITY_LEFT + i * slot + slot / 2,
                    y: base + 14,
                    // `2026-W47` → `W47`, `2026-11` → `11`.
                    text: b.label.rsplit('-').next().unwrap_or("").to_owned(),
                })
                .collect();
            ActivityChart {
                name,
                class,
                total: a.rows.iter().map(|b| get(&b.counts)).sum(),
                goal,
                goal_y: goal.map_or(base, |g| base - scale(g, max, ACTIVITY_PLOT)),
                width: ACTIVITY_WIDTH,
                height: base + 20,
                base,
                bars,
                ticks,
            }
        })
        .collect()
}

/// A contributions calendar: a column per week, a row per weekday.
pub(crate) struct Heatmap {
    pub cell: u32,
    pub width: u32,
    pub height: u32,
    pub cells: Vec<Cell>,
    pub months: Vec<Label>,
    pub total: u32,
    pub active_days: u32,
}

pub(crate) struct Cell {
    pub x: u32,
    pub y: u32,
    /// 0 (none) to 4 (busiest), a CSS class.
    pub level: u8,
    pub title: String,
}

const CELL: u32 = 11;
const STEP: u32 = 13;
const HEAT_LEFT: u32 = 28;
const HEAT_TOP: u32 = 16;

/// From `start` (a Monday) to `today`, with the interactions of each day.
pub(crate) fn heatmap(
    start: NaiveDate,
    today: NaiveDate,
    per_day: &HashMap<NaiveDate, u32>,
) -> Heatmap {
    let mut cells = Vec::new();
    let mut months = Vec::new();
    let mut day = start;
    let mut last_month = 0;
    let (mut total, mut active_days) = (0, 0);
    while day <= today {
        let week = u32::try_from((day - start).num_days() / 7).unwrap_or(0);
        let row = day.weekday().num_days_from_monday();
        let x = HEAT_LEFT + week * STEP;
        if row == 0 && day.month() != last_month {
            last_month = day.month();
            // The first week of a month, unless too close to the right edge to fit its name.
            if week < 51 {
                months.push(Label {
                    x,
                    y: HEAT_TOP - 5,
                    text: day.format("%b").to_string(),
                });
            }
        }
        let count = per_day.get(&day).copied().unwrap_or(0);
        total += count;
        active_days += u32::from(count > 0);
        let level = match count {
            0 => 0,
            1 => 1,
            2 => 2,
            3 | 4 => 3,
            _ => 4,
        };
        let noun = if count == 1 {
            "interaction"
        } else {
            "interactions"
        };
        cells.push(Cell {
            x,
            y: HEAT_TOP + row * STEP,
            level,
            title: format!("{}: {count} {noun}", day.format("%a %Y-%m-%d")),
        });
        day += TimeDelta::days(1);
    }
    Heatmap {
        cell: CELL,
        width: HEAT_LEFT + 53 * STEP,
        height: HEAT_TOP + 7 * STEP,
        cells,
        months,
        total,
        active_days,
    }
}

/// A progress bar toward a goal, in hundredths of its width.
pub(crate) struct Meter {
    pub filled: u32,
}

pub(crate) fn meter(count: u32, target: u32) -> Meter {
    Meter {
        filled: if target == 0 {
            100
        } else {
            scale(count.min(target), target, 100)
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_keeps_a_non_zero_count_visible() {
        assert_eq!(scale(0, 10, 200), 0);
        assert_eq!(scale(1, 1000, 200), 1);
        assert_eq!(scale(10, 10, 200), 200);
        assert_eq!(scale(5, 0, 200), 0);
    }

    #[test]
    fn meters_fill_up_to_the_target() {
        assert_eq!(meter(1, 3).filled, 33);
        assert_eq!(meter(5, 3).filled, 100);
        assert_eq!(meter(0, 0).filled, 100);
    }

    #[test]
    fn the_heatmap_has_a_cell_per_day_up_to_today() {
        let d = |s| crate::model::time::parse_date(s).unwrap();
        let mut per_day = HashMap::new();
        per_day.insert(d("2026-11-04"), 3);
        let map = heatmap(d("2025-11-17"), d("2026-11-21"), &per_day);
        assert_eq!(map.cells.len(), 370);
        assert_eq!((map.total, map.active_days), (3, 1));
        assert!(
            map.cells
                .iter()
                .any(|c| c.level == 3 && c.title.contains("2026-11-04"))
        );
    }
}
