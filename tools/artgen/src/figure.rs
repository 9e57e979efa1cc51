//! A character ready to animate: its still (frame 0 of "working") and where its eyes,
//! mouth, head and hands are, found from its maps, so the frame operations
//! (`frames.rs`) work the same on a person and an animal.

use crate::animals::{Animal, ANIMALS};
use crate::canvas::{Canvas, Map};
use crate::palette::index_of;
use crate::people::{Person, PEOPLE};
use crate::sprites::CELL;

/// A rectangle in cell coordinates: `(x, y, width, height)`.
pub type Rect = (u32, u32, u32, u32);

/// One character.
pub struct Figure {
    pub key: &'static str,
    pub still: Canvas,
    /// The top pixel of each eye column and how many pixels tall it is.
    pub eyes: Vec<(u32, u32, u32)>,
    /// The mouth: `(x, y, width)`.
    pub mouth: (u32, u32, u32),
    /// The last row of the head (what a nod or a bob moves).
    pub chin: u32,
    /// The two hands (or paws), left then right.
    pub hands: [Rect; 2],
    /// Palette indices: the eyelid line, what shows where a hand was, and the raised arm's
    /// roles (`q C D k S`: sleeve outline, sleeve, sleeve light, skin outline, skin).
    pub lid: u8,
    pub behind_hand: u8,
    pub arm: [(char, u8); 5],
}

/// Each person's hands, as `BODY` draws them.
const PERSON_HANDS: [Rect; 2] = [(11, 28, 4, 3), (17, 28, 4, 3)];

/// Where a map's eyes are: each column of `e` cells, from its top, with its height.
fn eye_columns(cells: &[(u32, u32)]) -> Vec<(u32, u32, u32)> {
    let mut columns: Vec<(u32, u32, u32)> = Vec::new();
    for &(x, y) in cells {
        match columns
            .iter_mut()
            .find(|(cx, cy, h)| *cx == x && cy + h == y)
        {
            Some(column) => column.2 += 1,
            None => columns.push((x, y, 1)),
        }
    }
    columns
}

/// The mouth: the `m` cells, or else the row under the nose or beak (`n`).
fn mouth_of(maps: &[&Map]) -> (u32, u32, u32) {
    let find = |role| maps.iter().flat_map(|m| m.find(role)).collect::<Vec<_>>();
    let mouth = find('m');
    let (cells, below) = if mouth.is_empty() {
        (find('n'), 1)
    } else {
        (mouth, 0)
    };
    let last = cells.last().expect("a mouth or a nose");
    let row: Vec<_> = cells.iter().filter(|c| c.1 == last.1).collect();
    let left = row.iter().map(|c| c.0).min().unwrap_or(last.0);
    let right = row.iter().map(|c| c.0).max().unwrap_or(last.0);
    (left, last.1 + below, right - left + 1)
}

fn swatch(name: &str) -> u8 {
    index_of(name).unwrap_or_else(|| panic!("no swatch called {name}"))
}

fn compose(maps: &[&Map], legend: &[(char, &str)]) -> Result<Canvas, String> {
    let mut still = Canvas::new(CELL, CELL);
    for map in maps {
        still.draw(&map.layer(CELL, CELL, legend)?, 0, 0);
    }
    Ok(still)
}

impl Figure {
    fn person(person: &Person) -> Result<Self, String> {
        let legend = person.legend();
        let maps: Vec<&Map> = person.layers().collect();
        let role = |r: char| {
            legend
                .iter()
                .find(|(c, _)| *c == r)
                .map(|(_, name)| swatch(name))
                .expect("every role has a swatch")
        };
        Ok(Self {
            key: person.key,
            still: compose(&maps, &legend).map_err(|e| format!("{}: {e}", person.key))?,
            eyes: eye_columns(&crate::people::HEAD.find('e')),
            mouth: mouth_of(&[&crate::people::HEAD]),
            chin: crate::people::HEAD.top + crate::people::HEAD.rows.len() as u32 - 1,
            hands: PERSON_HANDS,
            lid: role('k'),
            behind_hand: swatch(person.sleeve()),
            arm: ['q', 'C', 'D', 'k', 'S'].map(|r| (r, role(r))),
        })
    }

    fn animal(animal: &Animal) -> Result<Self, String> {
        let still =
            compose(&[animal.map], animal.legend).map_err(|e| format!("{}: {e}", animal.key))?;
        let role = |r: char| {
            animal
                .legend
                .iter()
                .find(|(c, _)| *c == r)
                .map(|(_, name)| swatch(name))
                .expect("the arm's roles are in the legend")
        };
        let [q, c, d, k, s] = animal.arm;
        Ok(Self {
            key: animal.key,
            still,
            eyes: eye_columns(&animal.map.find('e')),
            mouth: mouth_of(&[animal.map]),
            chin: animal.chin,
            hands: animal.paws,
            lid: role('o'),
            behind_hand: swatch(animal.fur),
            arm: [
                ('q', role(q)),
                ('C', role(c)),
                ('D', role(d)),
                ('k', role(k)),
                ('S', role(s)),
            ],
        })
    }
}

/// All twelve characters: the eight people, then the four companions.
pub fn all() -> Result<Vec<Figure>, String> {
    PEOPLE
        .iter()
        .map(Figure::person)
        .chain(ANIMALS.iter().map(Figure::animal))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprites::SEAT_LINE;
    use std::collections::HashSet;

    #[test]
    fn twelve_characters_each_in_its_cell_on_the_seat_line_with_at_most_twelve_colours() {
        let figures = all().unwrap();
        assert_eq!(figures.len(), 12);
        let keys: HashSet<_> = figures.iter().map(|f| f.key).collect();
        assert_eq!(keys.len(), 12, "keys are distinct");
        for figure in &figures {
            let (_, top, _, bottom) = figure.still.bounds().expect("something is drawn");
            assert_eq!(bottom, SEAT_LINE, "{} sits on the seat line", figure.key);
            assert!(top <= 9, "{} is tall enough to read", figure.key);
            let colours = figure.still.used().len();
            assert!(colours <= 12, "{}: {colours} colours", figure.key);
            assert_eq!(figure.eyes.len() % 2, 0, "{}: two eyes", figure.key);
            assert!(
                figure.mouth.1 > figure.eyes[0].1,
                "{}: mouth under the eyes",
                figure.key
            );
        }
    }

    #[test]
    fn no_two_silhouettes_are_the_same() {
        let figures = all().unwrap();
        let shapes: HashSet<Vec<bool>> = figures
            .iter()
            .map(|f| f.still.pixels().iter().map(|&i| i != 0).collect())
            .collect();
        assert_eq!(shapes.len(), figures.len());
    }

    #[test]
    fn eyes_are_found_as_columns() {
        assert_eq!(
            eye_columns(&[(3, 5), (9, 5), (3, 6), (9, 6)]),
            vec![(3, 5, 2), (9, 5, 2)]
        );
    }
}
