//! Pixel icons drawn from data. An icon is rows of characters, one per cell (`.` empty),
//! and a legend that gives each other character a palette fill class (`fill-current` takes
//! the surrounding text colour). Rows become one `<rect>` per horizontal run of a colour,
//! so the markup stays small and no colour is written out as a hex value.

mod icons;

pub use icons::*;

use leptos::prelude::*;

/// One icon: its rows (all the same width) and the fill class of each character in them.
pub struct PixelArt {
    pub rows: &'static [&'static str],
    pub legend: &'static [(char, &'static str)],
}

/// A horizontal run of cells of one fill class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub fill: &'static str,
}

impl PixelArt {
    /// Width and height in cells.
    pub fn size(&self) -> (usize, usize) {
        let width = self.rows.first().map_or(0, |row| row.chars().count());
        (width, self.rows.len())
    }

    /// The fill class of `cell`, or `None` for an empty cell or one the legend lacks.
    fn fill(&self, cell: char) -> Option<&'static str> {
        self.legend
            .iter()
            .find(|(c, _)| *c == cell)
            .map(|(_, fill)| *fill)
    }

    /// Each row's runs of one fill, left to right, top to bottom.
    pub fn runs(&self) -> Vec<Run> {
        let mut runs = Vec::new();
        for (y, row) in self.rows.iter().enumerate() {
            let mut current: Option<Run> = None;
            for (x, cell) in row.chars().chain(std::iter::once('.')).enumerate() {
                let fill = self.fill(cell);
                if current.as_ref().map(|run| run.fill) == fill {
                    if let Some(run) = current.as_mut() {
                        run.width += 1;
                    }
                    continue;
                }
                runs.extend(current.take());
                current = fill.map(|fill| Run {
                    x,
                    y,
                    width: 1,
                    fill,
                });
            }
        }
        runs
    }
}

/// An icon as inline SVG, sized by `class` (e.g. `h-4 w-4`). Decorative: the text beside
/// it says what it means.
#[component]
pub fn Pixels(art: &'static PixelArt, #[prop(into)] class: String) -> impl IntoView {
    let (width, height) = art.size();
    let rects = art
        .runs()
        .into_iter()
        .map(|run| view! { <rect x=run.x y=run.y width=run.width height="1" class=run.fill /> })
        .collect_view();
    view! {
        <svg
            viewBox=format!("0 0 {width} {height}")
            class=class
            shape-rendering="crispEdges"
            aria-hidden="true"
        >
            {rects}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_join_neighbouring_cells_of_one_fill_and_skip_empty_ones() {
        let art = PixelArt {
            rows: &["##o.#", ".oo##"],
            legend: &[('#', "fill-a"), ('o', "fill-b")],
        };
        let run = |x, y, width, fill| Run { x, y, width, fill };
        assert_eq!(
            art.runs(),
            vec![
                run(0, 0, 2, "fill-a"),
                run(2, 0, 1, "fill-b"),
                run(4, 0, 1, "fill-a"),
                run(1, 1, 2, "fill-b"),
                run(3, 1, 2, "fill-a"),
            ]
        );
        assert_eq!(art.size(), (5, 2));
    }

    #[test]
    fn navigation_icons_are_ten_by_ten_outlines_not_blobs() {
        for (name, art) in ALL.iter().filter(|(name, _)| name.starts_with("NAV_")) {
            assert_eq!(art.size(), (10, 10), "{name}");
            let filled: usize = art.runs().iter().map(|run| run.width).sum();
            // An outline reads at 20 px; a blob does not: at most 60 % of the grid is filled.
            assert!(filled <= 60, "{name} fills {filled} of 100 cells");
        }
    }

    #[test]
    fn every_icon_is_rectangular_and_its_legend_covers_its_cells() {
        for (name, art) in ALL {
            let (width, height) = art.size();
            assert!(width > 0 && height > 0, "{name} is empty");
            for (y, row) in art.rows.iter().enumerate() {
                assert_eq!(row.chars().count(), width, "{name} row {y} is ragged");
                for cell in row.chars().filter(|c| *c != '.') {
                    assert!(
                        art.fill(cell).is_some(),
                        "{name} has {cell:?} outside its legend"
                    );
                }
            }
            for (cell, fill) in art.legend {
                assert!(
                    fill.starts_with("fill-"),
                    "{name}: {cell:?} is not a fill class"
                );
                assert!(
                    art.rows.iter().any(|row| row.contains(*cell)),
                    "{name}: {cell:?} is in the legend but never drawn"
                );
            }
        }
    }
}
