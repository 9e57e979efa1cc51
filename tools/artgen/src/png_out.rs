//! Writes a canvas as an indexed PNG with only the colours it uses (4 bits a pixel when
//! they fit in 16), transparency as one palette entry, best compression, no metadata and
//! no timestamps: the same canvas always gives the same bytes.

use crate::canvas::Canvas;
use crate::palette;

/// The PNG bytes of `canvas`.
pub fn encode(canvas: &Canvas) -> Vec<u8> {
    // Entry 0 stays transparent; the used colours follow in master-palette order.
    let used: Vec<u8> = canvas.used().into_iter().collect();
    let local = |index: u8| -> u8 {
        if index == 0 {
            0
        } else {
            used.binary_search(&index).map_or(0, |i| i as u8 + 1)
        }
    };
    let entries = used.len() + 1;
    let depth = if entries <= 16 {
        png::BitDepth::Four
    } else {
        png::BitDepth::Eight
    };
    let mut plte = vec![0xFA, 0xF7, 0xF2]; // under the transparent entry: the background
    for &index in &used {
        let c = palette::colour(index).expect("canvases hold palette indices");
        plte.extend([c.0, c.1, c.2]);
    }
    let mut data = Vec::new();
    for row in canvas.pixels().chunks(canvas.width as usize) {
        let locals: Vec<u8> = row.iter().map(|&i| local(i)).collect();
        match depth {
            png::BitDepth::Four => {
                for pair in locals.chunks(2) {
                    data.push(pair[0] << 4 | pair.get(1).copied().unwrap_or(0));
                }
            }
            _ => data.extend(locals),
        }
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, canvas.width, canvas.height);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(depth);
        encoder.set_palette(plte);
        encoder.set_trns(vec![0]);
        encoder.set_compression(png::Compression::Best);
        encoder.set_filter(png::FilterType::NoFilter);
        let mut writer = encoder.write_header().expect("a PNG header");
        writer.write_image_data(&data).expect("the image data");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `bytes` to RGBA, as a browser would see them.
    fn rgba(bytes: &[u8]) -> (png::ColorType, png::BitDepth, Vec<[u8; 4]>) {
        let mut decoder = png::Decoder::new(bytes);
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let (colour, depth) = {
            let info = reader.info();
            (info.color_type, info.bit_depth)
        };
        let mut buf = vec![0; reader.output_buffer_size()];
        let frame = reader.next_frame(&mut buf).unwrap();
        let pixels = buf[..frame.buffer_size()]
            .chunks(4)
            .map(|p| [p[0], p[1], p[2], p[3]])
            .collect();
        (colour, depth, pixels)
    }

    #[test]
    fn round_trips_through_a_decoder_as_indexed_colour_with_transparency() {
        let canvas = Canvas::parse(
            &["pa.", ".ip"],
            &[('p', "primary-2"), ('a', "accent-2"), ('i', "ink-0")],
        )
        .unwrap();
        let bytes = encode(&canvas);
        let (colour, depth, pixels) = rgba(&bytes);
        assert_eq!(
            (colour, depth),
            (png::ColorType::Indexed, png::BitDepth::Four)
        );
        let clear = [0xFA, 0xF7, 0xF2, 0];
        assert_eq!(
            pixels,
            vec![
                [0x8B, 0x73, 0x55, 255],
                [0xD4, 0xA5, 0x74, 255],
                clear,
                clear,
                [0x3D, 0x3D, 0x3D, 255],
                [0x8B, 0x73, 0x55, 255],
            ]
        );
        assert_eq!(
            encode(&canvas),
            bytes,
            "the same canvas gives the same bytes"
        );
    }

    #[test]
    fn more_than_fifteen_colours_take_eight_bits() {
        let names: Vec<&str> = palette::PALETTE.iter().take(20).map(|s| s.name).collect();
        let keys: Vec<char> = ('a'..='t').collect();
        let legend: Vec<(char, &str)> = keys.iter().copied().zip(names).collect();
        let row: String = keys.iter().collect();
        let canvas = Canvas::parse(&[row.as_str()], &legend).unwrap();
        let (colour, depth, pixels) = rgba(&encode(&canvas));
        assert_eq!(
            (colour, depth),
            (png::ColorType::Indexed, png::BitDepth::Eight)
        );
        let first = palette::PALETTE[0].rgb;
        assert_eq!(pixels[0], [first.0, first.1, first.2, 255]);
        assert_eq!(pixels.len(), 20);
    }
}
