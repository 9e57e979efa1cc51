//! What the generator writes, and the check that what is committed is what the source
//! draws: every picture under `public/art/` by a name that carries a hash of its bytes,
//! and the list of names the app reads.

use crate::canvas::Canvas;
use crate::figure::{self, Figure};
use crate::frames;
use crate::palette::index_of;
use crate::png_out;
use crate::props;
use crate::rooms;
use crate::scene::{Room, ROOM};
use crate::sprites::SHEET;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where the pictures go, under the repository (served from `/art/`).
const ART_DIR: &str = "public/art";
/// The list of names, for the app.
const MANIFEST: &str = "app/src/domain/art_files.rs";

/// Every file the source draws: repository path → bytes.
fn render() -> Result<BTreeMap<PathBuf, Vec<u8>>, String> {
    let mut files = BTreeMap::new();
    let mut sheets = Vec::new();
    for figure in figure::all()? {
        let bytes = png_out::encode(&frames::sheet(&figure));
        let name = format!("characters/{}.{}.png", figure.key, fingerprint(&bytes));
        sheets.push((figure.key, format!("/art/{name}")));
        files.insert(Path::new(ART_DIR).join(name), bytes);
    }
    let mut rooms = Vec::new();
    for (i, room) in Room::ALL.into_iter().enumerate() {
        let background = rooms::background(room);
        let bytes = png_out::encode(&background);
        let name = format!("rooms/{}.{}.png", room.as_str(), fingerprint(&bytes));
        files.insert(Path::new(ART_DIR).join(&name), bytes);
        let mut strips = Vec::new();
        for (j, prop) in room.props().iter().enumerate() {
            let strip = props::strip(prop, &background, 100 + 10 * i as u64 + j as u64);
            let bytes = png_out::encode(&strip);
            let strip_name = format!(
                "rooms/{}-{}.{}.png",
                room.as_str(),
                prop.kind.key(),
                fingerprint(&bytes)
            );
            files.insert(Path::new(ART_DIR).join(&strip_name), bytes);
            strips.push(format!("/art/{strip_name}"));
        }
        rooms.push((room.as_str(), format!("/art/{name}"), strips));
    }
    files.insert(
        PathBuf::from(MANIFEST),
        manifest(&sheets, &rooms).into_bytes(),
    );
    Ok(files)
}

/// 16 hex digits of a 64-bit FNV-1a hash: enough to tell versions of a file apart.
fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

fn manifest(sheets: &[(&str, String)], rooms: &[(&str, String, Vec<String>)]) -> String {
    let mut out = String::from(
        "//! The art's file names, written by `tools/artgen/run write` from the art's source\n\
         //! (`tools/artgen`); CI's `tools/artgen/run check` fails when they drift. Not edited\n\
         //! by hand.\n\n",
    );
    let _ = writeln!(
        out,
        "/// Each character's sprite sheet ({} × {} art pixels): its key and address.",
        SHEET.0, SHEET.1
    );
    let _ = writeln!(
        out,
        "pub const CHARACTER_SHEETS: [(&str, &str); {}] = [",
        sheets.len()
    );
    for (key, path) in sheets {
        let _ = writeln!(out, "    ({key:?}, {path:?}),");
    }
    out.push_str("];\n\n");
    let _ = writeln!(
        out,
        "/// Each room: its key, its background ({} × {}) and its animations' strips, in the\n\
         /// order of `Room::props`.",
        ROOM.0, ROOM.1
    );
    let _ = writeln!(
        out,
        "pub const ROOM_FILES: [(&str, &str, [&str; 4]); {}] = [",
        rooms.len()
    );
    for (key, background, strips) in rooms {
        let _ = writeln!(
            out,
            "    (\n        {key:?},\n        {background:?},\n        ["
        );
        for strip in strips {
            let _ = writeln!(out, "            {strip:?},");
        }
        out.push_str("        ],\n    ),\n");
    }
    out.push_str("];\n");
    out
}

/// Files under `public/art/` now: repository path → bytes.
fn committed(root: &Path) -> Result<BTreeMap<PathBuf, Vec<u8>>, String> {
    let mut found = BTreeMap::new();
    let mut dirs = vec![root.join(ART_DIR)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let relative = path
                    .strip_prefix(root)
                    .expect("under the root")
                    .to_path_buf();
                found.insert(relative, bytes);
            }
        }
    }
    if let Ok(bytes) = std::fs::read(root.join(MANIFEST)) {
        found.insert(PathBuf::from(MANIFEST), bytes);
    }
    Ok(found)
}

/// Writes every file and removes pictures the source no longer draws.
pub fn write(root: &Path) -> Result<String, String> {
    let wanted = render()?;
    for stale in committed(root)?.keys().filter(|p| !wanted.contains_key(*p)) {
        std::fs::remove_file(root.join(stale)).map_err(|e| format!("{}: {e}", stale.display()))?;
    }
    let mut report = String::new();
    for (path, bytes) in &wanted {
        let full = root.join(path);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&full, bytes).map_err(|e| format!("{}: {e}", full.display()))?;
        let _ = writeln!(report, "{:>7} B  {}", bytes.len(), path.display());
    }
    Ok(report.trim_end().to_string())
}

/// Whether the committed files are exactly what the source draws.
pub fn check(root: &Path) -> Result<String, String> {
    let wanted = render()?;
    let have = committed(root)?;
    let mut problems = Vec::new();
    for (path, bytes) in &wanted {
        match have.get(path) {
            None => problems.push(format!("missing: {}", path.display())),
            Some(b) if b != bytes => {
                problems.push(format!("differs from its source: {}", path.display()))
            }
            Some(_) => {}
        }
    }
    for path in have.keys().filter(|p| !wanted.contains_key(*p)) {
        problems.push(format!("not drawn by the source: {}", path.display()));
    }
    if problems.is_empty() {
        let pictures: usize = wanted
            .iter()
            .filter(|(p, _)| p.starts_with(ART_DIR))
            .map(|(_, b)| b.len())
            .sum();
        Ok(format!(
            "art matches its source: {} files, {pictures} bytes of pictures",
            wanted.len()
        ))
    } else {
        Err(format!(
            "{}\nrun tools/artgen/run write and commit the result",
            problems.join("\n")
        ))
    }
}

/// Every character in every state, six to a row, on the page's background and then on the
/// darkest floor, three times the size.
pub fn contact(file: &Path) -> Result<String, String> {
    let figures: Vec<Figure> = figure::all()?;
    const PER_ROW: u32 = 6;
    const GAP: u32 = 8;
    let rows = (figures.len() as u32).div_ceil(PER_ROW);
    let (w, h) = (SHEET.0 + GAP, SHEET.1 + GAP);
    let mut out = Canvas::new(PER_ROW * w + GAP, 2 * rows * h + GAP);
    for (band, background) in ["surface-3", "primary-0"].iter().enumerate() {
        let fill = index_of(background).expect("a swatch");
        for (i, figure) in figures.iter().enumerate() {
            let (col, row) = (i as u32 % PER_ROW, i as u32 / PER_ROW + band as u32 * rows);
            let sheet = frames::sheet(figure).on(fill);
            out.draw(&sheet, (GAP + col * w) as i32, (GAP + row * h) as i32);
        }
    }
    let out = out.on(index_of("surface-1").expect("a swatch")).scaled(3);
    std::fs::write(file, png_out::encode(&out)).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(file.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_a_hash_of_the_bytes_the_server_treats_as_a_fingerprint() {
        assert_eq!(fingerprint(b"a"), fingerprint(b"a"));
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
        assert_eq!(fingerprint(b"").len(), 16);
    }

    #[test]
    fn the_manifest_lists_every_character_once() {
        let files = render().unwrap();
        let manifest = String::from_utf8(files[Path::new(MANIFEST)].clone()).unwrap();
        for figure in figure::all().unwrap() {
            assert_eq!(
                manifest.matches(&format!("(\"{}\",", figure.key)).count(),
                1
            );
        }
        assert_eq!(
            files.len(),
            13 + 3 * 5,
            "12 sheets, 3 rooms of 1 + 4, the manifest"
        );
    }
}

/// A room with four characters at its desks and every animation on its first frame, three
/// times the size (for looking at while drawing; the app composes the same layers).
pub fn scene(room: &str, file: &Path) -> Result<String, String> {
    let room = Room::parse(room).ok_or_else(|| format!("no room called {room}"))?;
    let figures = figure::all()?;
    let mut out = rooms::background(room);
    for (i, prop) in room.props().iter().enumerate() {
        let strip = props::strip(prop, &out, i as u64);
        let mut first = Canvas::new(prop.width, prop.height);
        first.draw(&strip, 0, 0);
        out.draw(&first, prop.x as i32, prop.y as i32);
    }
    let offset = Room::ALL.iter().position(|r| *r == room).unwrap_or(0) * 4;
    for desk in 0..crate::scene::DESKS {
        let figure = &figures[(offset + desk as usize) % figures.len()];
        let (x, y) = crate::scene::character_at(desk);
        out.draw(&figure.still, x as i32, y as i32);
    }
    std::fs::write(file, png_out::encode(&out.scaled(3)))
        .map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(file.display().to_string())
}

/// What a browser downloads for the art: each room (background and animation strips) with
/// the four heaviest character sheets, the heaviest case of a table.
pub fn sizes() -> Result<String, String> {
    let files = render()?;
    let size = |prefix: &str| -> usize {
        files
            .iter()
            .filter(|(p, _)| p.to_string_lossy().contains(prefix))
            .map(|(_, b)| b.len())
            .sum()
    };
    let mut sheets: Vec<usize> = files
        .iter()
        .filter(|(p, _)| p.to_string_lossy().contains("/characters/"))
        .map(|(_, b)| b.len())
        .collect();
    sheets.sort_unstable_by(|a, b| b.cmp(a));
    let four: usize = sheets.iter().take(4).sum();
    let mut out = format!(
        "character sheets: {} files, {} to {} bytes each, {} in all\n",
        sheets.len(),
        sheets.last().copied().unwrap_or(0),
        sheets.first().copied().unwrap_or(0),
        sheets.iter().sum::<usize>()
    );
    for room in Room::ALL {
        let name = room.as_str();
        let background = size(&format!("/rooms/{name}."));
        let strips = size(&format!("/rooms/{name}-"));
        let _ = writeln!(
            out,
            "{name}: background {background} B, animations {strips} B, with four characters {} B",
            background + strips + four
        );
    }
    let all: usize = files
        .iter()
        .filter(|(p, _)| p.starts_with(ART_DIR))
        .map(|(_, b)| b.len())
        .sum();
    let _ = write!(out, "all art: {all} B");
    Ok(out)
}
