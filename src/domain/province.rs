//! The 34 provincial-level units of Vietnam since 1 July 2025, and the former provinces merged
//! into them, so that imported or old data naming e.g. Quảng Nam lands in its successor (Đà Nẵng)
//! instead of being refused.

use super::{Locale, ParseError};

/// Declares the provinces: variant, code, Vietnamese name, English name, former units merged in.
macro_rules! provinces {
    ($($variant:ident = $code:literal, $vi:literal, $en:literal, [$($former:literal),*];)+) => {
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

            /// The name as a reader of `locale` writes it.
            pub fn label(self, locale: Locale) -> &'static str {
                match (self, locale) { $((Province::$variant, Locale::Vi) => $vi, (Province::$variant, Locale::En) => $en,)+ }
            }

            /// Names of the former provinces merged into this one in 2025.
            pub fn former(self) -> &'static [&'static str] {
                match self { $(Province::$variant => &[$($former),*]),+ }
            }
        }
    };
}

provinces! {
    HaNoi = "ha-noi", "Hà Nội", "Hanoi", [];
    Hue = "hue", "Huế", "Hue", ["Thừa Thiên Huế", "Thừa Thiên - Huế"];
    HaiPhong = "hai-phong", "Hải Phòng", "Hai Phong", ["Hải Dương"];
    DaNang = "da-nang", "Đà Nẵng", "Da Nang", ["Quảng Nam"];
    HoChiMinh = "ho-chi-minh", "TP. Hồ Chí Minh", "Ho Chi Minh City", ["Bình Dương", "Bà Rịa - Vũng Tàu", "Bà Rịa Vũng Tàu", "Hồ Chí Minh", "TP.HCM", "HCM", "Sài Gòn"];
    CanTho = "can-tho", "Cần Thơ", "Can Tho", ["Sóc Trăng", "Hậu Giang"];
    LaiChau = "lai-chau", "Lai Châu", "Lai Chau", [];
    DienBien = "dien-bien", "Điện Biên", "Dien Bien", [];
    SonLa = "son-la", "Sơn La", "Son La", [];
    LangSon = "lang-son", "Lạng Sơn", "Lang Son", [];
    QuangNinh = "quang-ninh", "Quảng Ninh", "Quang Ninh", [];
    ThanhHoa = "thanh-hoa", "Thanh Hóa", "Thanh Hoa", [];
    NgheAn = "nghe-an", "Nghệ An", "Nghe An", [];
    HaTinh = "ha-tinh", "Hà Tĩnh", "Ha Tinh", [];
    CaoBang = "cao-bang", "Cao Bằng", "Cao Bang", [];
    TuyenQuang = "tuyen-quang", "Tuyên Quang", "Tuyen Quang", ["Hà Giang"];
    LaoCai = "lao-cai", "Lào Cai", "Lao Cai", ["Yên Bái"];
    ThaiNguyen = "thai-nguyen", "Thái Nguyên", "Thai Nguyen", ["Bắc Kạn"];
    PhuTho = "phu-tho", "Phú Thọ", "Phu Tho", ["Vĩnh Phúc", "Hòa Bình"];
    BacNinh = "bac-ninh", "Bắc Ninh", "Bac Ninh", ["Bắc Giang"];
    HungYen = "hung-yen", "Hưng Yên", "Hung Yen", ["Thái Bình"];
    NinhBinh = "ninh-binh", "Ninh Bình", "Ninh Binh", ["Hà Nam", "Nam Định"];
    QuangTri = "quang-tri", "Quảng Trị", "Quang Tri", ["Quảng Bình"];
    QuangNgai = "quang-ngai", "Quảng Ngãi", "Quang Ngai", ["Kon Tum"];
    GiaLai = "gia-lai", "Gia Lai", "Gia Lai", ["Bình Định"];
    KhanhHoa = "khanh-hoa", "Khánh Hòa", "Khanh Hoa", ["Ninh Thuận"];
    LamDong = "lam-dong", "Lâm Đồng", "Lam Dong", ["Đắk Nông", "Bình Thuận"];
    DakLak = "dak-lak", "Đắk Lắk", "Dak Lak", ["Phú Yên"];
    DongNai = "dong-nai", "Đồng Nai", "Dong Nai", ["Bình Phước"];
    TayNinh = "tay-ninh", "Tây Ninh", "Tay Ninh", ["Long An"];
    VinhLong = "vinh-long", "Vĩnh Long", "Vinh Long", ["Bến Tre", "Trà Vinh"];
    DongThap = "dong-thap", "Đồng Tháp", "Dong Thap", ["Tiền Giang"];
    CaMau = "ca-mau", "Cà Mau", "Ca Mau", ["Bạc Liêu"];
    AnGiang = "an-giang", "An Giang", "An Giang", ["Kiên Giang"];
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
        let k = key(s);
        let found = Province::ALL.iter().copied().find(|p| {
            key(p.code()) == k
                || key(p.label(Locale::Vi)) == k
                || key(p.label(Locale::En)) == k
                || p.former().iter().any(|f| key(f) == k)
        });
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
