//! Pictures made for the demo, so that the showcase, the home strip and the news show images
//! without using anyone's photographs: generated abstract art (a sky gradient, rolling hills and
//! a sun, in colours picked from the item's sector), drawn pixel by pixel and stored as JPEG.

/// A deterministic generator (SplitMix64), so the same item always gets the same picture.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Palettes: sky top, sky bottom, hills (far to near), sun.
const PALETTES: [[[u8; 3]; 6]; 5] = [
    [[24, 90, 157], [156, 206, 235], [88, 148, 92], [60, 120, 70], [34, 92, 52], [255, 214, 102]],
    [[11, 79, 138], [180, 214, 240], [70, 130, 180], [40, 100, 160], [20, 70, 120], [255, 240, 200]],
    [[120, 60, 140], [250, 190, 150], [196, 120, 90], [150, 80, 70], [100, 50, 60], [255, 230, 140]],
    [[20, 110, 120], [170, 230, 220], [90, 170, 140], [50, 140, 110], [25, 100, 80], [255, 250, 220]],
    [[179, 38, 30], [255, 200, 160], [210, 140, 60], [170, 100, 40], [120, 70, 30], [255, 245, 200]],
];

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (f32::from(a[i]) + (f32::from(b[i]) - f32::from(a[i])) * t).round() as u8)
}

/// A JPEG picture of `width`×`height` for `seed` (any text: the item's id), in palette
/// `palette` (any number; it wraps).
pub fn picture(seed: &str, palette: usize, width: u32, height: u32) -> anyhow::Result<Vec<u8>> {
    let mut rng =
        Rng(seed.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)));
    let p = PALETTES[palette % PALETTES.len()];
    let (w, h) = (width as f32, height as f32);
    let sun = (w * (0.15 + 0.7 * rng.unit()), h * (0.15 + 0.2 * rng.unit()), h * (0.08 + 0.06 * rng.unit()));
    // Three hills: base height, amplitude, frequency, phase.
    let hills: Vec<(f32, f32, f32, f32)> = (0..3)
        .map(|i| {
            let base = h * (0.45 + 0.15 * i as f32 + 0.05 * rng.unit());
            (base, h * (0.04 + 0.06 * rng.unit()), 1.0 + 3.0 * rng.unit(), std::f32::consts::TAU * rng.unit())
        })
        .collect();
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let mut c = mix(p[0], p[1], fy / h);
        let d = ((fx - sun.0).powi(2) + (fy - sun.1).powi(2)).sqrt();
        if d < sun.2 {
            c = p[5];
        } else if d < sun.2 * 1.6 {
            c = mix(p[5], c, (d - sun.2) / (sun.2 * 0.6));
        }
        for (i, (base, amp, freq, phase)) in hills.iter().enumerate() {
            let top = base - amp * (freq * fx / w * std::f32::consts::TAU + phase).sin();
            if fy >= top {
                // Darker towards the bottom of each hill, with rows like a field's.
                let shade = ((fy - top) / h * 1.5).min(0.35);
                let row = if ((fy - top) / 9.0) as i32 % 2 == 0 { 0.0 } else { 0.06 };
                c = mix(p[2 + i], [0, 0, 0], shade + row);
            }
        }
        image::Rgb(c)
    });
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn pictures_are_images_of_the_size_asked_and_differ_by_seed() {
        let a = super::picture("may-say", 0, 320, 200).unwrap();
        let b = super::picture("che-pham", 0, 320, 200).unwrap();
        assert_ne!(a, b);
        let img = image::load_from_memory(&a).unwrap();
        assert_eq!((img.width(), img.height()), (320, 200));
        assert_eq!(super::picture("may-say", 0, 320, 200).unwrap(), a, "the same seed draws the same picture");
    }
}
