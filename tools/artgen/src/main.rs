//! Focus Squad's art generator: the art lives here as readable source (the master palette
//! in `palette.rs`, pixel maps as rows of characters in `people.rs` and `animals.rs`,
//! frames as small operations in `frames.rs`) and leaves as indexed PNGs under
//! `public/art/`, each named with a hash of its bytes so browsers may keep it for a year,
//! plus the list of those names for the app (`app/src/domain/art_files.rs`).
//!
//!   tools/artgen/run write          draws everything into the repository
//!   tools/artgen/run check          fails when a committed file differs from its source
//!                                   (or one is missing, or an old one is left over)
//!   tools/artgen/run contact FILE   every character in every state, 3× (for review)
//!   tools/artgen/run scene ROOM FILE  a room with four characters, 3× (for review)
//!   tools/artgen/run sizes          the bytes a room with four characters costs
//!
//! Sheet geometry is the app's own (`app/src/domain/sprites.rs`, included below), so the
//! tool and the pages that animate the sheets cannot disagree.

mod animals;
mod canvas;
mod figure;
mod frames;
mod furniture;
mod output;
mod paint;
mod palette;
mod people;
mod png_out;
mod props;
mod rooms;
#[path = "../../../app/src/domain/scene.rs"]
#[allow(
    dead_code,
    reason = "the app places seats and lists kinds; the tool draws"
)]
mod scene;
#[path = "../../../app/src/domain/sprites.rs"]
#[allow(
    dead_code,
    reason = "the app animates the sheets; the tool lays them out"
)]
mod sprites;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write"] => output::write(&root),
        ["check"] => output::check(&root),
        ["contact", file] => output::contact(Path::new(file)),
        ["scene", room, file] => output::scene(room, Path::new(file)),
        ["sizes"] => output::sizes(),
        _ => {
            eprintln!("usage: artgen write | check | sizes | contact FILE | scene ROOM FILE");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("artgen: {err}");
            ExitCode::FAILURE
        }
    }
}
