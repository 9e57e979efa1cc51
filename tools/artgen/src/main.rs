//! Focus Squad's art generator: the art lives here as readable source (the master palette
//! in `palette.rs`, pixel maps as rows of characters in `figure.rs`) and leaves as indexed
//! PNGs. So far it draws the palette and the seated figure every human character starts
//! from; the characters' sheets and the rooms are drawn next, into `public/art/`.
//!
//!   tools/artgen/run preview DIR   the palette as a swatch strip and the seated figure,
//!                                  for looking at while drawing
//!
//! Sheet geometry is the app's own (`app/src/domain/sprites.rs`, included below), so the
//! tool and the pages that animate the sheets cannot disagree.

mod canvas;
mod figure;
mod palette;
mod png_out;
#[path = "../../../app/src/domain/sprites.rs"]
#[allow(
    dead_code,
    reason = "the characters' sheets use the rest; the app uses all of it"
)]
mod sprites;

use canvas::Canvas;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["preview", dir] => match preview(Path::new(dir)) {
            Ok(written) => {
                println!("{written}");
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("artgen: {err}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: artgen preview DIR");
            ExitCode::from(2)
        }
    }
}

/// Writes the palette as a strip of 8 × 8 swatches (one per entry, in index order) and
/// the seated figure in its first look behind a desk's lip.
fn preview(dir: &Path) -> Result<String, String> {
    const SIDE: u32 = 8;
    let count = palette::PALETTE.len() as u32;
    let mut strip = Canvas::new(SIDE * count, SIDE);
    for i in 0..count {
        for y in 0..SIDE {
            for x in 0..SIDE {
                strip.set(i * SIDE + x, y, i as u8 + 1);
            }
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut seated = figure::FIRST.seated();
    seated.draw(&figure::desk_lip(), 0, 27);
    let mut written = Vec::new();
    for (name, canvas) in [("palette.png", strip), ("figure.png", seated)] {
        let path = dir.join(name);
        std::fs::write(&path, png_out::encode(&canvas))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path.display().to_string());
    }
    Ok(written.join("\n"))
}
