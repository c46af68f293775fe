//! Interface text in Vietnamese (default) and English, and the per-request context templates use.
//!
//! Templates call `ctx.t("key")`. An unknown key renders as the key itself, so it is visible on
//! the page, and a test scans every template for keys missing here.

use crate::domain::Locale;

/// (key, Vietnamese, English)
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("site.name", "Sàn giao dịch công nghệ", "Technology Exchange"),
    ("site.tagline", "Điểm kết nối cung – cầu công nghệ", "Where technology supply meets demand"),
    (
        "site.centre",
        "Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ",
        "Centre for Application of Science & Technology Progress",
    ),
    ("site.address", "Thành phố Huế, Việt Nam", "Hue City, Viet Nam"),
    ("site.skip", "Bỏ qua, đến nội dung chính", "Skip to main content"),
    ("nav.home", "Trang chủ", "Home"),
    ("nav.offers", "Công nghệ chào bán", "Technology offers"),
    ("nav.needs", "Nhu cầu công nghệ", "Technology needs"),
    ("nav.showcase", "Sản phẩm KH&CN tiêu biểu", "Showcase"),
    ("nav.api", "API dữ liệu mở", "Open data API"),
    ("nav.menu", "Danh mục chính", "Main menu"),
    (
        "home.hero",
        "Kết nối viện, trường và doanh nghiệp để đưa công nghệ vào sản xuất",
        "Connecting institutes, universities and enterprises to put technology to work",
    ),
    ("home.search_label", "Tìm công nghệ", "Search technologies"),
    (
        "home.search_placeholder",
        "Ví dụ: nuôi tôm, máy sấy, truy xuất nguồn gốc",
        "e.g. shrimp farming, dryer, traceability",
    ),
    ("home.search_button", "Tìm kiếm", "Search"),
    ("home.showcase", "Trưng bày sản phẩm KH&CN tiêu biểu", "Showcase of typical S&T products"),
    ("home.newest_offers", "Công nghệ mới chào bán", "Newest technology offers"),
    ("home.newest_needs", "Nhu cầu công nghệ mới", "Newest technology needs"),
    ("home.all_offers", "Xem tất cả công nghệ", "All technology offers"),
    ("home.all_needs", "Xem tất cả nhu cầu", "All technology needs"),
    ("home.next_session", "Phiên kết nối cung – cầu công nghệ tiếp theo", "Next technology matchmaking session"),
    (
        "home.next_session_text",
        "Phiên kết nối được tổ chức hai tháng một lần. Lịch phiên tới sẽ được công bố tại đây; các tổ chức đã đăng công nghệ hoặc nhu cầu sẽ nhận thư mời kèm lịch gặp.",
        "Matchmaking sessions take place every two months. The next date will be announced here; organisations with listings receive an invitation with their meeting agenda.",
    ),
    ("home.stats_offers", "công nghệ chào bán", "technology offers"),
    ("home.stats_needs", "nhu cầu công nghệ", "technology needs"),
    ("home.stats_orgs", "tổ chức tham gia", "organisations"),
    ("list.filter", "Lọc", "Filter"),
    ("list.keyword", "Từ khóa", "Keywords"),
    ("list.sector", "Lĩnh vực", "Sector"),
    ("list.province", "Tỉnh/thành phố", "Province"),
    ("list.all", "Tất cả", "All"),
    ("list.apply", "Áp dụng", "Apply"),
    ("list.clear", "Xóa bộ lọc", "Clear filters"),
    ("list.results", "kết quả", "results"),
    (
        "list.empty",
        "Không có kết quả phù hợp. Hãy thử bỏ bớt bộ lọc hoặc dùng từ khóa khác.",
        "Nothing matches. Try fewer filters or other words.",
    ),
    ("list.prev", "Trang trước", "Previous page"),
    ("list.next", "Trang sau", "Next page"),
    ("list.page", "Trang", "Page"),
    ("list.of", "trên", "of"),
    ("list.pagination", "Phân trang", "Pagination"),
    ("listing.trl", "TRL", "TRL"),
    ("listing.min_trl", "TRL tối thiểu", "Minimum TRL"),
    ("listing.price", "Giá chào bán", "Asking price"),
    ("listing.budget", "Kinh phí dự kiến", "Budget"),
    ("listing.deadline", "Hạn mong muốn", "Wanted by"),
    ("listing.sector", "Lĩnh vực", "Sector"),
    ("listing.province", "Địa phương", "Province"),
    ("listing.owner", "Đơn vị", "Organisation"),
    ("listing.summary", "Tóm tắt", "Summary"),
    ("listing.description", "Mô tả công nghệ", "Description"),
    ("listing.advantages", "Ưu điểm so với giải pháp hiện có", "Advantages over existing solutions"),
    ("listing.applications", "Khả năng ứng dụng", "Applications"),
    ("listing.keywords", "Từ khóa", "Keywords"),
    ("listing.ip", "Tình trạng sở hữu trí tuệ", "IP status"),
    ("listing.ip_number", "Số văn bằng / số đơn", "Patent or application number"),
    ("listing.modes", "Hình thức chuyển giao", "Transfer modes"),
    ("listing.accepted_modes", "Hình thức chuyển giao chấp nhận", "Acceptable transfer modes"),
    ("listing.published", "Ngày đăng", "Published"),
    ("listing.expires", "Hết hạn", "Expires"),
    ("listing.problem", "Vấn đề cần giải quyết", "Problem"),
    ("listing.tried", "Giải pháp đã thử", "Already tried"),
    ("listing.outcome", "Kết quả mong muốn", "Desired outcome"),
    ("listing.featured", "Tiêu biểu", "Featured"),
    ("listing.not_set", "Chưa cung cấp", "Not given"),
    ("listing.contact", "Thông tin liên hệ", "Contact"),
    (
        "listing.contact_hidden",
        "Thông tin liên hệ của đơn vị được cung cấp cho thành viên đã xác minh hoặc qua Trung tâm.",
        "The owner's contact details are shared with verified members or through the Centre.",
    ),
    ("listing.back_offers", "Quay lại danh sách công nghệ", "Back to technology offers"),
    ("listing.back_needs", "Quay lại danh sách nhu cầu", "Back to technology needs"),
    ("org.kind", "Loại hình", "Kind"),
    ("org.address", "Địa chỉ", "Address"),
    ("org.website", "Trang web", "Website"),
    ("org.verified", "Đã xác minh", "Verified"),
    ("org.unverified", "Chưa xác minh", "Not yet verified"),
    ("org.offers", "Công nghệ chào bán của đơn vị", "Technology offers of this organisation"),
    ("org.needs", "Nhu cầu công nghệ của đơn vị", "Technology needs of this organisation"),
    ("org.none", "Chưa có", "None yet"),
    ("error.title_404", "Không tìm thấy trang", "Page not found"),
    (
        "error.text_404",
        "Trang bạn tìm không tồn tại, đã bị gỡ hoặc đã hết hạn đăng.",
        "The page you are looking for does not exist, was removed or has expired.",
    ),
    ("error.title_400", "Yêu cầu không hợp lệ", "Invalid request"),
    ("error.bad_param", "Giá trị không hợp lệ ở tham số", "Invalid value for"),
    (
        "error.bad_param_hint",
        "Hãy chọn lại bộ lọc hoặc quay về trang danh sách.",
        "Choose the filter again or go back to the list.",
    ),
    ("error.title_500", "Hệ thống đang gặp sự cố", "Something went wrong"),
    (
        "error.text_500",
        "Xin lỗi, đã có lỗi xảy ra. Sự cố đã được ghi lại; vui lòng thử lại sau ít phút.",
        "Sorry, something went wrong on our side. It has been logged; please try again in a few minutes.",
    ),
    ("error.title_other", "Không thể xử lý yêu cầu", "The request could not be handled"),
    ("error.home", "Về trang chủ", "Go to the home page"),
    ("lang.switch", "English", "Tiếng Việt"),
    ("footer.data", "Dữ liệu mở: OpenAPI", "Open data: OpenAPI"),
];

/// Looks a key up; unknown keys come back unchanged.
pub fn t(locale: Locale, key: &str) -> &str {
    MESSAGES
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, vi, en)| if locale == Locale::En { *en } else { *vi })
        .unwrap_or(key)
}

/// What every page template needs besides its own data.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub locale: Locale,
    /// The request path, for the language switch.
    pub path: String,
    /// The query string without `lang`, for the language switch.
    pub query: String,
}

impl Ctx {
    /// The context of a request.
    pub fn from_request(req: &actix_web::HttpRequest) -> Self {
        let query = url::form_urlencoded::parse(req.query_string().as_bytes())
            .filter(|(k, _)| k != "lang")
            .fold(url::form_urlencoded::Serializer::new(String::new()), |mut s, (k, v)| {
                s.append_pair(&k, &v);
                s
            })
            .finish();
        Self { locale: super::request_locale(req), path: req.path().to_string(), query }
    }

    /// Interface text in the reader's language.
    pub fn t<'a>(&self, key: &'a str) -> &'a str {
        t(self.locale, key)
    }

    /// The `lang` attribute of the page.
    pub fn lang(&self) -> &'static str {
        self.locale.code()
    }

    /// This page in the other language.
    pub fn switch_url(&self) -> String {
        let other = if self.locale == Locale::En { "vi" } else { "en" };
        let sep = if self.query.is_empty() { "" } else { "&" };
        format!("{}?{}{sep}lang={other}", self.path, self.query)
    }

    /// The language code of the other language.
    pub fn other_lang(&self) -> &'static str {
        if self.locale == Locale::En { "vi" } else { "en" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_translated() {
        let mut keys: Vec<_> = MESSAGES.iter().map(|(k, _, _)| *k).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len(), "duplicate message keys");
        for (k, vi, en) in MESSAGES {
            assert!(!vi.is_empty() && !en.is_empty(), "{k} lacks a translation");
        }
    }

    #[test]
    fn every_key_used_by_a_template_exists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut stack = vec![dir];
        let mut checked = 0;
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let p = entry.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                for part in text.split("t(\"").skip(1) {
                    let key = &part[..part.find('"').unwrap()];
                    assert!(MESSAGES.iter().any(|(k, _, _)| *k == key), "{} uses unknown key {key}", p.display());
                    checked += 1;
                }
            }
        }
        assert!(checked > 50, "only {checked} keys found in templates");
    }
}
