//! The 34 provincial-level units of Vietnam since 1 July 2025, and the former provinces merged
//! into them, so that imported or old data naming e.g. Quảng Nam lands in its successor (Đà Nẵng)
//! instead of being refused.

use super::{Locale, ParseError};

/// Declares the provinces: variant, code, former units merged in. The names in both languages are
/// in the catalogue, `province-<code>`.
macro_rules! provinces {
    ($($variant:ident = $code:literal, [$($former:literal),*];)+) => {
        /// A current provincial-level unit (tỉnh / thành phố trực thuộc trung ương).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Province { $($variant),+ }

        impl Province {
            /// Every unit, cities first, then provinces north to south.
            pub const ALL: &'static [Province] = &[$(Province::$variant),+];

            /// The stable code stored in the database and used in URLs.
            pub fn code(self) -> &'static str {
                match self { $(Province::$variant => $code),+ }
            }

            /// The catalogue key of the name.
            pub fn label_key(self) -> String {
                crate::catalogue::key_of("province", self.code())
            }

            /// The name as a reader of `locale` writes it.
            pub fn label(self, locale: Locale) -> String {
                crate::catalogue::text(locale, &self.label_key())
            }

            /// Names of the former provinces merged into this one in 2025.
            pub fn former(self) -> &'static [&'static str] {
                match self { $(Province::$variant => &[$($former),*]),+ }
            }
        }
    };
}

provinces! {
    HaNoi = "ha-noi", [];
    Hue = "hue", ["Thừa Thiên Huế", "Thừa Thiên - Huế"];
    HaiPhong = "hai-phong", ["Hải Dương"];
    DaNang = "da-nang", ["Quảng Nam"];
    HoChiMinh = "ho-chi-minh", ["Bình Dương", "Bà Rịa - Vũng Tàu", "Bà Rịa Vũng Tàu", "Hồ Chí Minh", "TP.HCM", "HCM", "Sài Gòn"];
    CanTho = "can-tho", ["Sóc Trăng", "Hậu Giang"];
    LaiChau = "lai-chau", [];
    DienBien = "dien-bien", [];
    SonLa = "son-la", [];
    LangSon = "lang-son", [];
    QuangNinh = "quang-ninh", [];
    ThanhHoa = "thanh-hoa", [];
    NgheAn = "nghe-an", [];
    HaTinh = "ha-tinh", [];
    CaoBang = "cao-bang", [];
    TuyenQuang = "tuyen-quang", ["Hà Giang"];
    LaoCai = "lao-cai", ["Yên Bái"];
    ThaiNguyen = "thai-nguyen", ["Bắc Kạn"];
    PhuTho = "phu-tho", ["Vĩnh Phúc", "Hòa Bình"];
    BacNinh = "bac-ninh", ["Bắc Giang"];
    HungYen = "hung-yen", ["Thái Bình"];
    NinhBinh = "ninh-binh", ["Hà Nam", "Nam Định"];
    QuangTri = "quang-tri", ["Quảng Bình"];
    QuangNgai = "quang-ngai", ["Kon Tum"];
    GiaLai = "gia-lai", ["Bình Định"];
    KhanhHoa = "khanh-hoa", ["Ninh Thuận"];
    LamDong = "lam-dong", ["Đắk Nông", "Bình Thuận"];
    DakLak = "dak-lak", ["Phú Yên"];
    DongNai = "dong-nai", ["Bình Phước"];
    TayNinh = "tay-ninh", ["Long An"];
    VinhLong = "vinh-long", ["Bến Tre", "Trà Vinh"];
    DongThap = "dong-thap", ["Tiền Giang"];
    CaMau = "ca-mau", ["Bạc Liêu"];
    AnGiang = "an-giang", ["Kiên Giang"];
}

/// Folds a name and drops the administrative prefixes people add ("tỉnh", "thành phố", "TP.").
fn key(name: &str) -> String {
    let folded = ketnoi_text::fold(name).replace(['-', '–', '.', ','], " ");
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    loop {
        match words.as_slice() {
            ["tinh" | "tp" | "province" | "city", ..] => {
                words.remove(0);
            }
            ["thanh", "pho", ..] => {
                words.drain(..2);
            }
            [.., "province" | "city"] => {
                words.pop();
            }
            _ => break,
        }
    }
    words.concat()
}

impl std::str::FromStr for Province {
    type Err = ParseError;

    /// Accepts a code, a current name in either language, with or without diacritics and prefixes,
    /// or the name of a former province (mapped to its successor).
    fn from_str(s: &str) -> Result<Self, ParseError> {
        /// Every name each unit answers to, folded once.
        static NAMES: std::sync::LazyLock<Vec<(Province, Vec<String>)>> = std::sync::LazyLock::new(|| {
            Province::ALL
                .iter()
                .map(|p| {
                    let names = [p.code().to_string(), p.label(Locale::Vi), p.label(Locale::En)];
                    let all = names.iter().map(|n| key(n)).chain(p.former().iter().map(|f| key(f))).collect();
                    (*p, all)
                })
                .collect()
        });
        let k = key(s);
        let found = NAMES.iter().find(|(_, names)| names.contains(&k)).map(|(p, _)| *p);
        found.ok_or_else(|| ParseError::new("province", s, "a Vietnamese province or city, e.g. Huế or Đà Nẵng"))
    }
}

impl std::fmt::Display for Province {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Province {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Province {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_four_units_with_distinct_codes() {
        assert_eq!(Province::ALL.len(), 34);
        let mut codes: Vec<_> = Province::ALL.iter().map(|p| p.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 34);
        for p in Province::ALL {
            assert_eq!(p.code().parse::<Province>(), Ok(*p));
            assert_eq!(p.label(Locale::Vi).parse::<Province>(), Ok(*p));
        }
    }

    #[test]
    fn names_as_people_write_them() {
        assert_eq!("Thành phố Huế".parse::<Province>(), Ok(Province::Hue));
        assert_eq!("tinh thua thien hue".parse::<Province>(), Ok(Province::Hue));
        assert_eq!("TP. HCM".parse::<Province>(), Ok(Province::HoChiMinh));
        assert_eq!("Hồ Chí Minh".parse::<Province>(), Ok(Province::HoChiMinh));
        assert_eq!("Da Nang City".parse::<Province>(), Ok(Province::DaNang));
    }

    #[test]
    fn former_provinces_map_to_successors() {
        assert_eq!("Quảng Nam".parse::<Province>(), Ok(Province::DaNang));
        assert_eq!("Tỉnh Bình Dương".parse::<Province>(), Ok(Province::HoChiMinh));
        assert_eq!("Bà Rịa – Vũng Tàu".parse::<Province>(), Ok(Province::HoChiMinh));
        assert_eq!("Kon Tum".parse::<Province>(), Ok(Province::QuangNgai));
        assert!("Atlantis".parse::<Province>().is_err());
    }
}
