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
    ("error.title_405", "Địa chỉ này không nhận cách gửi này", "This address does not take this method"),
    (
        "error.text_405",
        "Địa chỉ này chỉ nhận: {allow}. Nếu bạn mở nó từ một liên kết, hãy quay lại trang trước và dùng nút trên trang.",
        "This address takes only: {allow}. If you opened it from a link, go back and use the button on the page.",
    ),
    ("error.home", "Về trang chủ", "Go to the home page"),
    ("nav.login", "Đăng nhập", "Sign in"),
    ("nav.register", "Đăng ký", "Register"),
    ("nav.logout", "Đăng xuất", "Sign out"),
    ("nav.organisation", "Tổ chức của tôi", "My organisation"),
    ("nav.staff", "Duyệt tổ chức", "Verify organisations"),
    ("nav.admin", "Quản trị cán bộ", "Manage staff"),
    ("form.choose", "— Chọn —", "— Choose —"),
    ("form.save", "Lưu", "Save"),
    ("form.saved", "Đã lưu các thay đổi.", "Your changes are saved."),
    ("table.actions", "Thao tác", "Actions"),
    ("table.empty", "Chưa có mục nào.", "Nothing here yet."),
    ("err.required", "Vui lòng điền mục này.", "Please fill this in."),
    ("err.too_short", "Cần ít nhất {n} ký tự.", "At least {n} characters."),
    ("err.too_long", "Tối đa {n} ký tự.", "At most {n} characters."),
    ("err.email", "Địa chỉ email chưa đúng, ví dụ: ten@vi-du.vn.", "Not an email address; e.g. name@example.vn."),
    ("err.password_short", "Mật khẩu cần ít nhất {n} ký tự.", "The password needs at least {n} characters."),
    (
        "err.password_common",
        "Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác, ví dụ một câu ngắn.",
        "This password is too common and easy to guess. Choose another, e.g. a short sentence.",
    ),
    ("err.password_wrong", "Mật khẩu hiện tại không đúng.", "The current password is not right."),
    ("err.choice", "Vui lòng chọn một giá trị trong danh sách.", "Please choose a value from the list."),
    ("err.website", "Địa chỉ web chưa đúng, ví dụ: https://vien.vn.", "Not a web address; e.g. https://institute.vn."),
    (
        "err.phone",
        "Số điện thoại chỉ gồm 8–15 chữ số (có thể có dấu cách, +, -, ., ngoặc).",
        "A phone number has 8–15 digits (spaces, +, -, . and brackets allowed).",
    ),
    (
        "err.tax_code",
        "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu - và 3 chữ số.",
        "A tax code has 10 digits, or 10 digits, a dash and 3 digits.",
    ),
    (
        "err.tax_code_taken",
        "Tổ chức có mã số thuế này đã đăng ký. Hãy đề nghị một thành viên của tổ chức mời bạn.",
        "An organisation with this tax code is already registered. Ask one of its members to invite you.",
    ),
    ("err.terms", "Vui lòng đồng ý với điều khoản sử dụng.", "Please accept the terms of use."),
    ("err.confirm", "Vui lòng đánh dấu ô xác nhận.", "Please tick the box to confirm."),
    (
        "err.last_member",
        "Bạn là thành viên cuối cùng của tổ chức. Hãy mời người khác trước, hoặc xóa tài khoản.",
        "You are the organisation's last member. Invite someone first, or delete your account.",
    ),
    ("err.last_admin", "Không thể bỏ quyền của quản trị viên cuối cùng.", "The last administrator cannot be removed."),
    (
        "err.already_member",
        "Tài khoản này đang thuộc một tổ chức khác. Hãy rời tổ chức đó trước.",
        "This account belongs to another organisation. Leave it first.",
    ),
    (
        "err.no_organisation",
        "Chỉ thành viên của một tổ chức mới tạo được khóa API.",
        "Only members of an organisation can create API tokens.",
    ),
    ("err.no_such_account", "Không có tài khoản với địa chỉ này.", "There is no account with this address."),
    ("link.expired", "Liên kết đã hết hạn. Hãy yêu cầu liên kết mới.", "The link has expired. Ask for a new one."),
    ("link.invalid", "Liên kết không hợp lệ hoặc đã được dùng.", "The link is not valid or has been used."),
    ("account.title", "Tài khoản của tôi", "My account"),
    ("account.email", "Email", "Email"),
    ("account.display_name", "Họ và tên", "Full name"),
    ("account.password", "Mật khẩu", "Password"),
    (
        "account.password_hint",
        "Ít nhất 10 ký tự; một câu ngắn dễ nhớ là mật khẩu tốt.",
        "At least 10 characters; a short sentence makes a good password.",
    ),
    ("account.role", "Vai trò", "Role"),
    ("account.locale", "Ngôn ngữ", "Language"),
    ("account.profile", "Thông tin cá nhân", "Profile"),
    ("account.change_password", "Đổi mật khẩu", "Change password"),
    ("account.current_password", "Mật khẩu hiện tại", "Current password"),
    ("account.new_password", "Mật khẩu mới", "New password"),
    ("account.change_email", "Đổi email", "Change email"),
    ("account.new_email", "Email mới", "New email"),
    (
        "account.new_email_hint",
        "Chúng tôi gửi liên kết xác nhận đến địa chỉ mới; địa chỉ chỉ đổi khi bạn bấm liên kết.",
        "We send a confirmation link to the new address; it changes only when you follow the link.",
    ),
    ("account.export", "Tải về dữ liệu của tôi (JSON)", "Download my data (JSON)"),
    ("account.delete", "Xóa tài khoản", "Delete account"),
    (
        "account.delete_hint",
        "Không thể hoàn tác. Nếu bạn là thành viên cuối cùng, các tin của tổ chức sẽ được lưu trữ; nhật ký hoạt động được giữ lại.",
        "This cannot be undone. If you are the last member, the organisation's listings are archived; the activity log is kept.",
    ),
    ("account.deleted_title", "Đã xóa tài khoản", "Account deleted"),
    ("account.deleted", "Tài khoản của bạn đã được xóa.", "Your account has been deleted."),
    ("account.done_profile", "Đã lưu thông tin cá nhân.", "Your profile is saved."),
    (
        "account.done_password",
        "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc và mọi mã API của bạn đã bị thu hồi; hãy tạo mã mới nếu cần.",
        "Password changed. Your other sessions have ended and your API tokens have been revoked; create new ones if you need them.",
    ),
    (
        "account.done_email",
        "Nếu địa chỉ mới dùng được, chúng tôi đã gửi liên kết xác nhận đến đó.",
        "If the new address can be used, a confirmation link is on its way to it.",
    ),
    ("account.done_left", "Bạn đã rời tổ chức.", "You have left the organisation."),
    ("account.done_joined", "Chào mừng! Bạn đã tham gia tổ chức.", "Welcome! You have joined the organisation."),
    ("register.title", "Đăng ký tổ chức", "Register an organisation"),
    (
        "register.lead",
        "Viện, trường, doanh nghiệp hoặc nhà sáng chế đăng ký một lần; Trung tâm xác minh tổ chức trước khi tin được đăng công khai.",
        "Institutes, universities, enterprises and inventors register once; the Centre verifies the organisation before its listings go public.",
    ),
    ("register.submit", "Đăng ký", "Register"),
    ("register.terms", "Tôi đồng ý với điều khoản sử dụng của Sàn.", "I accept the exchange's terms of use."),
    ("register.have_account", "Đã có tài khoản? Đăng nhập", "Already registered? Sign in"),
    ("register.sent_title", "Kiểm tra hộp thư của bạn", "Check your inbox"),
    (
        "register.sent",
        "Chúng tôi đã gửi thư đến địa chỉ bạn nhập. Hãy bấm liên kết trong thư để hoàn tất đăng ký.",
        "We have sent an email to the address you entered. Follow its link to complete the registration.",
    ),
    ("verify.done_title", "Đã xác nhận email", "Email confirmed"),
    ("verify.confirm_title", "Xác nhận địa chỉ email", "Confirm your email address"),
    (
        "verify.confirm_lead",
        "Bấm nút bên dưới để xác nhận địa chỉ email của tài khoản:",
        "Press the button below to confirm your account's email address:",
    ),
    ("verify.confirm", "Xác nhận email", "Confirm my email"),
    ("verify.done", "Cảm ơn bạn. Bạn có thể đăng nhập.", "Thank you. You can sign in now."),
    ("verify.failed_title", "Không xác nhận được email", "The email could not be confirmed"),
    ("verify.resend_title", "Gửi lại liên kết xác nhận", "Send the confirmation link again"),
    ("verify.resend", "Gửi lại", "Send again"),
    ("verify.resent_title", "Kiểm tra hộp thư của bạn", "Check your inbox"),
    (
        "verify.resent",
        "Nếu địa chỉ này có tài khoản chưa xác nhận, chúng tôi đã gửi liên kết mới.",
        "If this address has an unconfirmed account, a new link is on its way.",
    ),
    ("login.title", "Đăng nhập", "Sign in"),
    ("login.submit", "Đăng nhập", "Sign in"),
    ("login.forgot", "Quên mật khẩu?", "Forgot your password?"),
    ("login.register", "Chưa có tài khoản? Đăng ký tổ chức", "No account? Register an organisation"),
    ("login.invalid", "Email hoặc mật khẩu không đúng.", "Wrong email or password."),
    (
        "login.unverified",
        "Bạn cần xác nhận email trước khi đăng nhập. Hãy xem thư chúng tôi đã gửi, hoặc gửi lại liên kết.",
        "Confirm your email before signing in. Look for our email, or send the link again.",
    ),
    ("reset.title", "Đặt lại mật khẩu", "Reset your password"),
    (
        "reset.lead",
        "Nhập email của tài khoản; chúng tôi sẽ gửi liên kết để chọn mật khẩu mới.",
        "Enter your account's email; we will send a link to choose a new password.",
    ),
    ("reset.submit", "Gửi liên kết", "Send the link"),
    ("reset.sent_title", "Kiểm tra hộp thư của bạn", "Check your inbox"),
    (
        "reset.sent",
        "Nếu địa chỉ này có tài khoản, chúng tôi đã gửi liên kết đặt lại mật khẩu. Liên kết có hiệu lực trong một giờ.",
        "If this address has an account, a link to reset the password is on its way. It works for one hour.",
    ),
    ("reset.confirm_title", "Chọn mật khẩu mới", "Choose a new password"),
    ("reset.confirm_submit", "Lưu mật khẩu mới", "Save the new password"),
    ("reset.failed_title", "Không đặt lại được mật khẩu", "The password could not be reset"),
    ("reset.again", "Yêu cầu liên kết mới", "Ask for a new link"),
    ("reset.done_title", "Đã đặt lại mật khẩu", "Password reset"),
    (
        "reset.done",
        "Mật khẩu mới đã được lưu; mọi phiên đăng nhập cũ đã kết thúc và mọi mã API của bạn đã bị thu hồi.",
        "Your new password is saved; every earlier session has ended and your API tokens have been revoked.",
    ),
    ("email.done_title", "Đã đổi email", "Email changed"),
    ("email.done", "Địa chỉ email của tài khoản bây giờ là", "Your account's email address is now"),
    ("email.failed_title", "Không đổi được email", "The email could not be changed"),
    ("email.confirm_title", "Xác nhận địa chỉ email mới", "Confirm your new email address"),
    (
        "email.confirm_lead",
        "Bấm nút bên dưới để dùng địa chỉ này cho tài khoản của bạn:",
        "Press the button below to use this address for your account:",
    ),
    ("email.confirm", "Xác nhận địa chỉ mới", "Confirm the new address"),
    ("org.name", "Tên tổ chức", "Organisation name"),
    ("org.tax_code", "Mã số thuế / số đăng ký", "Tax code / registration number"),
    (
        "org.tax_code_hint",
        "10 chữ số (chi nhánh: 10 chữ số-3 chữ số). Có thể để trống với nhà sáng chế cá nhân.",
        "10 digits (branches: 10 digits-3 digits). May be empty for individual inventors.",
    ),
    ("org.province", "Tỉnh/thành phố", "Province"),
    ("org.description", "Giới thiệu", "About"),
    ("org.contact_name", "Người liên hệ", "Contact person"),
    ("org.contact_email", "Email liên hệ", "Contact email"),
    ("org.contact_phone", "Điện thoại liên hệ", "Contact phone"),
    (
        "org.share_contact",
        "Đồng ý chia sẻ thông tin liên hệ với các đối tác được kết nối",
        "I agree to share the contact details with matched partners",
    ),
    ("org.settings_title", "Thông tin tổ chức", "Organisation settings"),
    ("org.public_page", "Trang công khai của tổ chức", "The organisation's public page"),
    (
        "org.unverified_note",
        "Chưa xác minh: có thể soạn tin nhưng chưa đăng công khai được",
        "Not verified yet: listings can be drafted but not published",
    ),
    ("members.title", "Thành viên", "Members"),
    ("members.list", "Thành viên của tổ chức", "Members of the organisation"),
    ("members.invite", "Mời đồng nghiệp", "Invite a colleague"),
    ("members.invited", "Đã gửi lời mời đến", "Invitation sent to"),
    ("members.leave", "Rời tổ chức", "Leave the organisation"),
    ("members.leave_confirm", "Tôi muốn rời tổ chức này", "I want to leave this organisation"),
    ("invite.title", "Lời mời tham gia tổ chức", "Invitation to join an organisation"),
    ("invite.lead", "Bạn được mời tham gia", "You are invited to join"),
    ("invite.accept", "Nhận lời mời", "Accept the invitation"),
    ("invite.joined_title", "Bạn đã tham gia tổ chức", "You have joined the organisation"),
    (
        "invite.joined_existing",
        "Tài khoản của bạn đã được thêm vào tổ chức. Hãy đăng nhập bằng mật khẩu của bạn để tiếp tục.",
        "Your account has been added to the organisation. Sign in with your password to continue.",
    ),
    ("tokens.title", "Khóa API", "API tokens"),
    (
        "tokens.lead",
        "Khóa API cho phép phần mềm của tổ chức dùng API thay bạn (tiêu đề Authorization: Bearer). Khóa chỉ hiển thị một lần khi tạo.",
        "An API token lets your organisation's software use the API on your behalf (header Authorization: Bearer). A token is shown once, when created.",
    ),
    ("tokens.list", "Khóa của bạn", "Your tokens"),
    ("tokens.create", "Tạo khóa mới", "Create a token"),
    ("tokens.name", "Tên gợi nhớ", "Name"),
    ("tokens.name_hint", "Ví dụ: đồng bộ với cổng thông tin của viện", "e.g. sync with the institute's portal"),
    ("tokens.prefix", "Bắt đầu bằng", "Starts with"),
    ("tokens.created", "Ngày tạo", "Created"),
    ("tokens.last_used", "Dùng lần cuối", "Last used"),
    ("tokens.state", "Trạng thái", "State"),
    ("tokens.active", "Đang dùng", "Active"),
    ("tokens.revoked", "Đã thu hồi", "Revoked"),
    ("tokens.revoke", "Thu hồi", "Revoke"),
    (
        "tokens.shown_once",
        "Khóa mới của bạn. Hãy sao chép ngay: khóa sẽ không hiển thị lại.",
        "Your new token. Copy it now: it will not be shown again.",
    ),
    ("staff.orgs_title", "Xác minh tổ chức", "Verify organisations"),
    (
        "staff.orgs_lead",
        "Tổ chức chưa xác minh được xếp trước, lâu nhất trước. Tổ chức được xác minh mới đăng tin công khai được.",
        "Unverified organisations come first, longest waiting first. Only verified organisations can publish listings.",
    ),
    ("staff.orgs_list", "Các tổ chức", "Organisations"),
    ("staff.registered", "Ngày đăng ký", "Registered"),
    ("staff.verify", "Xác minh", "Verify"),
    ("staff.unverify", "Bỏ xác minh", "Withdraw verification"),
    ("admin.staff_title", "Cán bộ và quản trị viên", "Staff and administrators"),
    ("admin.staff_list", "Cán bộ hiện có", "Current staff"),
    ("admin.grant", "Cấp quyền cán bộ", "Grant a staff role"),
    ("admin.grant_hint", "Người được cấp quyền cần có tài khoản trước.", "The person needs an account first."),
    ("admin.remove", "Bỏ quyền", "Remove the role"),
    ("contact.title", "Thông tin liên hệ", "Contact"),
    (
        "contact.sign_in",
        "Đăng nhập bằng tài khoản của một tổ chức đã xác minh để xem thông tin liên hệ.",
        "Sign in with an account of a verified organisation to see the contact details.",
    ),
    (
        "contact.on_interest",
        "Thông tin liên hệ được chia sẻ khi hai bên cùng bày tỏ quan tâm.",
        "The contact details are shared once both sides have expressed interest.",
    ),
    (
        "contact.not_shared",
        "Tổ chức chưa đồng ý chia sẻ thông tin liên hệ; hãy liên hệ qua Trung tâm.",
        "The organisation has not agreed to share its contact details; contact it through the Centre.",
    ),
    ("error.title_401", "Cần đăng nhập", "Sign in first"),
    ("error.title_403", "Không có quyền", "Not allowed"),
    (
        "error.text_403",
        "Bạn không có quyền thực hiện thao tác này. Nếu bạn vừa mở biểu mẫu từ lâu, hãy tải lại trang rồi thử lại.",
        "You may not do this. If the form was open for a long time, reload the page and try again.",
    ),
    ("error.title_429", "Quá nhiều lần thử", "Too many attempts"),
    (
        "error.text_429",
        "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {n} phút.",
        "Too many attempts. Please try again in {n} minutes.",
    ),
    ("field.title", "Tên công nghệ / nhu cầu", "Title"),
    ("field.summary", "Tóm tắt", "Summary"),
    (
        "field.summary_hint",
        "80–400 ký tự: công nghệ là gì, giải quyết việc gì.",
        "80–400 characters: what the technology is and what it solves.",
    ),
    ("field.description", "Mô tả chi tiết", "Description"),
    ("field.advantages", "Ưu điểm so với giải pháp hiện có", "Advantages over existing solutions"),
    ("field.applications", "Khả năng ứng dụng", "Applications"),
    ("field.problem", "Vấn đề cần giải quyết", "The problem to solve"),
    ("field.tried", "Giải pháp đã thử", "What was tried"),
    ("field.desired_outcome", "Kết quả mong muốn", "Desired outcome"),
    ("field.sector", "Lĩnh vực", "Sector"),
    ("field.keywords", "Từ khóa", "Keywords"),
    ("field.keywords_hint", "Cách nhau bởi dấu phẩy; nên 1–5 từ khóa.", "Separated by commas; 1–5 is best."),
    ("field.trl", "Mức độ sẵn sàng (TRL)", "Readiness level (TRL)"),
    ("field.min_trl", "TRL tối thiểu", "Minimum TRL"),
    (
        "field.trl_hint",
        "1: nguyên lý cơ bản … 9: đã ứng dụng thực tế.",
        "1: basic principles … 9: proven in operation.",
    ),
    ("field.ip_status", "Tình trạng sở hữu trí tuệ", "IP status"),
    ("field.ip_number", "Số văn bằng / số đơn", "Patent or application number"),
    ("field.transfer_modes", "Hình thức chuyển giao", "Transfer modes"),
    ("field.price_min", "Giá từ (đồng)", "Price from (đồng)"),
    ("field.price_max", "Giá đến (đồng)", "Price up to (đồng)"),
    ("field.budget_min", "Kinh phí từ (đồng)", "Budget from (đồng)"),
    ("field.budget_max", "Kinh phí đến (đồng)", "Budget up to (đồng)"),
    (
        "field.money_hint",
        "Ví dụ: 150.000.000 hoặc 1,5 tỷ. Để trống nếu thỏa thuận.",
        "e.g. 150.000.000 or 1,5 tỷ. Leave empty if negotiable.",
    ),
    ("field.deadline", "Hạn mong muốn", "Wanted by"),
    ("field.province", "Tỉnh/thành phố", "Province"),
    ("field.contact_visibility", "Ai xem được thông tin liên hệ", "Who sees the contact details"),
    (
        "field.contact_visibility_hint",
        "Thông tin liên hệ chỉ hiện khi tổ chức đã đồng ý chia sẻ.",
        "Contact details show only if the organisation agreed to share them.",
    ),
    ("field.version", "Phiên bản", "Version"),
    ("field.reason", "Lý do", "Reason"),
    ("form.save_draft", "Lưu bản nháp", "Save draft"),
    ("listing.expired", "Đã hết hạn", "Expired"),
    (
        "listing.incomplete",
        "Cần điền đủ các mục bắt buộc trước khi gửi duyệt.",
        "Fill in the required fields before submitting.",
    ),
    (
        "listing.no_organisation",
        "Chỉ thành viên của một tổ chức mới đăng tin được.",
        "Only members of an organisation can post listings.",
    ),
    (
        "listing.not_editable",
        "Tin đã lưu trữ hoặc bị từ chối không sửa được nữa.",
        "Archived or rejected listings cannot be edited.",
    ),
    ("listing.not_published", "Chỉ gia hạn được tin đang đăng.", "Only published listings can be renewed."),
    (
        "listing.not_submittable",
        "Chỉ gửi duyệt được bản nháp hoặc tin được trả lại.",
        "Only drafts and returned listings can be submitted.",
    ),
    ("listing.not_submitted", "Tin này không ở trạng thái chờ duyệt.", "This listing is not awaiting review."),
    (
        "listing.org_unverified",
        "Tổ chức của bạn chưa được Trung tâm xác minh: bạn có thể soạn tin, nhưng chỉ gửi duyệt được sau khi được xác minh.",
        "Your organisation is not verified by the Centre yet: you can draft listings, and submit them once it is verified.",
    ),
    ("listing.refused", "Không thực hiện được", "Not possible"),
    ("listing.revision_decided", "Thay đổi này đã được xử lý.", "This change has already been decided."),
    ("listing.conflict_title", "Tin đã được người khác sửa", "Someone else changed this listing"),
    (
        "listing.conflict",
        "Trong lúc bạn sửa, tin đã được lưu một phiên bản mới. Các mục khác với nội dung bạn nhập được liệt kê bên dưới; nội dung bạn nhập vẫn còn trong biểu mẫu. Lưu lại nếu muốn ghi đè.",
        "While you were editing, a newer version was saved. The fields that differ from what you typed are listed below; what you typed is still in the form. Save again to overwrite.",
    ),
    ("my.title", "Tin của tổ chức", "My listings"),
    (
        "my.lead",
        "Tất cả công nghệ chào bán và nhu cầu của tổ chức, theo trạng thái.",
        "Every offer and need of your organisation, by status.",
    ),
    ("my.list", "Các tin", "Listings"),
    ("my.kind", "Loại", "Kind"),
    ("my.status", "Trạng thái", "Status"),
    ("my.quality", "Chất lượng", "Quality"),
    ("my.updated", "Cập nhật", "Updated"),
    ("my.new_offer", "Đăng công nghệ chào bán", "New technology offer"),
    ("my.new_need", "Đăng nhu cầu công nghệ", "New technology need"),
    (
        "my.draft_lead",
        "Tin được lưu dưới dạng bản nháp; bạn xem gợi ý chất lượng rồi gửi Trung tâm duyệt.",
        "The listing is saved as a draft; see the quality hints, then submit it for review.",
    ),
    ("my.listing_title", "Tin của bạn", "Your listing"),
    ("my.review_note", "Góp ý của Trung tâm:", "The Centre's note:"),
    (
        "my.pending_revision",
        "Thay đổi của bạn đang chờ duyệt; phiên bản đã đăng vẫn hiển thị cho đến khi thay đổi được duyệt.",
        "Your change awaits review; the published version stays visible until it is approved.",
    ),
    ("my.history", "Lịch sử xử lý", "Review history"),
    ("my.when", "Thời gian", "When"),
    ("my.what", "Nội dung", "What"),
    ("my.edit", "Sửa tin", "Edit"),
    ("my.propose_change", "Gửi thay đổi để duyệt", "Propose the change"),
    ("my.submit", "Gửi Trung tâm duyệt", "Submit for review"),
    ("my.renew", "Gia hạn thêm một kỳ", "Renew for another period"),
    ("my.archive", "Lưu trữ (gỡ tin)", "Archive (take down)"),
    ("my.done_saved", "Đã lưu.", "Saved."),
    (
        "my.done_revision",
        "Đã gửi thay đổi; phiên bản đang đăng giữ nguyên đến khi được duyệt.",
        "Change sent; the published version stays until it is approved.",
    ),
    (
        "my.done_submitted",
        "Đã gửi duyệt. Trung tâm sẽ phản hồi qua email.",
        "Submitted. The Centre will answer by email.",
    ),
    ("my.done_archived", "Đã lưu trữ tin.", "The listing is archived."),
    ("my.done_renewed", "Đã gia hạn tin.", "The listing is renewed."),
    ("history.created", "Tạo bản nháp", "Draft created"),
    ("history.edited", "Sửa nội dung", "Edited"),
    ("history.submitted", "Gửi duyệt", "Submitted"),
    ("history.approved", "Được duyệt đăng", "Approved"),
    ("history.returned", "Trả lại để bổ sung", "Returned for changes"),
    ("history.rejected", "Không được chấp nhận", "Rejected"),
    ("history.archived", "Lưu trữ", "Archived"),
    ("history.renewed", "Gia hạn", "Renewed"),
    ("history.revision_submitted", "Gửi thay đổi", "Change proposed"),
    ("history.revision_approved", "Thay đổi được duyệt", "Change approved"),
    ("history.revision_returned", "Thay đổi bị trả lại", "Change returned"),
    ("history.revision_rejected", "Thay đổi không được chấp nhận", "Change rejected"),
    ("quality.score", "Điểm chất lượng:", "Quality score:"),
    (
        "quality.summary_short",
        "Tóm tắt quá ngắn (nên từ 80 ký tự): đối tác khó biết công nghệ làm gì.",
        "The summary is too short (80 characters or more): partners cannot tell what it does.",
    ),
    (
        "quality.summary_long",
        "Tóm tắt quá dài (nên dưới 400 ký tự): chuyển chi tiết xuống phần mô tả.",
        "The summary is too long (under 400 characters): move details to the description.",
    ),
    ("quality.no_advantages", "Chưa nêu ưu điểm so với giải pháp hiện có.", "No advantages over existing solutions."),
    ("quality.no_trl", "Chưa chọn mức độ sẵn sàng công nghệ (TRL).", "No technology readiness level (TRL)."),
    ("quality.many_keywords", "Hơn 5 từ khóa làm loãng kết quả ghép nối.", "More than 5 keywords dilute matching."),
    ("quality.no_keywords", "Chưa có từ khóa.", "No keywords."),
    ("quality.no_applications", "Chưa nêu khả năng ứng dụng.", "No applications."),
    (
        "quality.vague",
        "Mô tả còn chung chung: hãy nêu số liệu cụ thể (năng suất, công suất, chi phí, quy mô đã thử).",
        "The description is vague: give figures (yield, capacity, cost, scale tested).",
    ),
    ("quality.no_terms", "Chưa có giá hay hình thức chuyển giao.", "No price and no transfer terms."),
    (
        "quality.problem_short",
        "Mô tả vấn đề quá ngắn (nên từ 80 ký tự).",
        "The problem statement is too short (80 characters or more).",
    ),
    ("quality.no_outcome", "Chưa nêu kết quả mong muốn.", "No desired outcome."),
    ("quality.no_budget_deadline", "Chưa có kinh phí dự kiến hay thời hạn.", "No budget and no deadline."),
    ("review.title", "Duyệt tin", "Review listings"),
    (
        "review.lead",
        "Tin chờ duyệt và thay đổi của tin đang đăng, chờ lâu nhất trước; điểm chất lượng do hệ thống tính khi gửi.",
        "Listings and changes awaiting review, longest waiting first; the quality score is computed at submission.",
    ),
    ("review.queue", "Hàng chờ duyệt", "Review queue"),
    ("review.waiting", "Chờ từ", "Waiting since"),
    ("review.days", "ngày", "days"),
    ("review.change", "Thay đổi", "Change"),
    ("review.listing_title", "Duyệt tin", "Review a listing"),
    ("review.revision_title", "Duyệt thay đổi", "Review a change"),
    (
        "review.revision_lead",
        "Các mục thay đổi so với phiên bản đang đăng:",
        "The fields that differ from the published version:",
    ),
    (
        "review.revision_stale",
        "Tin đã thay đổi sau khi đề xuất này được gửi; hãy trả lại để chủ tin gửi lại.",
        "The listing changed after this proposal was made; return it so the owner can propose again.",
    ),
    ("review.published_version", "Xem phiên bản đang đăng", "See the published version"),
    ("review.decide", "Quyết định", "Decide"),
    ("review.decision", "Quyết định", "Decision"),
    ("review.approve", "Duyệt đăng", "Approve"),
    ("review.return", "Trả lại để bổ sung", "Return for changes"),
    ("review.reject", "Từ chối", "Reject"),
    ("review.reason", "Lý do (gửi cho chủ tin)", "Reason (sent to the owner)"),
    (
        "review.reason_hint",
        "Bắt buộc khi trả lại hoặc từ chối (ít nhất 10 ký tự).",
        "Required to return or reject (10 characters or more).",
    ),
    ("review.export_csv", "Xuất tất cả tin (CSV)", "Export every listing (CSV)"),
    ("review.export_json", "Xuất tất cả tin (JSON)", "Export every listing (JSON)"),
    ("renew.done_title", "Đã gia hạn tin", "Listing renewed"),
    ("renew.until", "đăng đến", "published until"),
    ("renew.failed_title", "Không gia hạn được", "The listing could not be renewed"),
    ("renew.confirm_title", "Gia hạn tin đăng", "Renew a listing"),
    ("renew.confirm_lead", "Bấm nút bên dưới để gia hạn tin", "Press the button below to renew the listing"),
    ("renew.confirm", "Gia hạn", "Renew"),
    ("nav.my_listings", "Tin của tổ chức", "My listings"),
    ("nav.review", "Duyệt tin", "Review"),
    ("err.trl", "Chọn một mức từ 1 đến 9.", "Choose a level from 1 to 9."),
    (
        "err.keywords",
        "Tối đa {n} từ khóa, mỗi từ khóa tối đa 60 ký tự.",
        "At most {n} keywords of at most 60 characters each.",
    ),
    ("err.money", "Số tiền chưa đúng, ví dụ: 150.000.000 hoặc 1,5 tỷ.", "Not an amount; e.g. 150.000.000 or 1,5 tỷ."),
    ("err.range", "Mức trên phải lớn hơn hoặc bằng mức dưới.", "The upper bound must be at least the lower one."),
    ("err.date", "Ngày chưa đúng, ví dụ: 31/03/2027.", "Not a date; e.g. 2027-03-31."),
    ("files.title", "Hình ảnh và tài liệu", "Images and brochures"),
    ("files.file", "Tệp", "File"),
    (
        "files.hint",
        "Ảnh JPEG, PNG, WebP (tối đa 5 MB) hoặc tài liệu PDF (tối đa 10 MB); tối đa 10 tệp.",
        "JPEG, PNG or WebP images (up to 5 MB) or PDF brochures (up to 10 MB); at most 10 files.",
    ),
    ("files.upload", "Tải lên", "Upload"),
    ("files.remove", "Gỡ", "Remove"),
    ("my.done_file", "Đã tải tệp lên.", "File uploaded."),
    ("my.done_file_removed", "Đã gỡ tệp.", "File removed."),
    (
        "err.file_type",
        "Chỉ nhận ảnh JPEG, PNG, WebP hoặc tài liệu PDF (kiểm tra theo nội dung tệp, không theo đuôi tên).",
        "Only JPEG, PNG or WebP images and PDF documents (checked from the content, not the name).",
    ),
    ("err.file_size", "Tệp quá lớn: tối đa {n} MB.", "The file is too large: at most {n} MB."),
    (
        "err.file_broken",
        "Không đọc được ảnh này; tệp có thể bị hỏng.",
        "This image cannot be read; the file may be damaged.",
    ),
    ("err.file_count", "Mỗi tin tối đa {n} tệp; hãy gỡ bớt trước.", "At most {n} files per listing; remove one first."),
    ("err.file_missing", "Hãy chọn một tệp.", "Choose a file."),
    (
        "review.org_unverified",
        "Tổ chức đăng tin này chưa được xác minh: chỉ tổ chức đã xác minh mới được đăng tin. Hãy xác minh tổ chức trước, hoặc trả lại tin.",
        "The organisation of this listing is not verified: only verified organisations publish. Verify the organisation first, or return the listing.",
    ),
    (
        "err.name_taken",
        "Một tổ chức đã xác minh khác đã mang tên này.",
        "Another verified organisation already has this name.",
    ),
    (
        "org.change_held",
        "Đã lưu. Tên, loại hình hoặc mã số thuế mới sẽ có hiệu lực khi Trung tâm duyệt; trang công khai vẫn hiện thông tin đã xác minh.",
        "Saved. The new name, kind or tax code takes effect when the centre approves it; the public page keeps the verified details until then.",
    ),
    ("org.change_pending", "Thay đổi đang chờ Trung tâm duyệt:", "Change waiting for the centre's approval:"),
    (
        "staff.changes_waiting",
        "Đề nghị đổi tên, loại hình hoặc mã số thuế đang chờ duyệt (ở đầu danh sách):",
        "Changes of name, kind or tax code waiting for approval (at the top of the list):",
    ),
    ("staff.change_approve", "Duyệt thay đổi", "Approve the change"),
    ("staff.change_reject", "Từ chối thay đổi", "Reject the change"),
    (
        "err.image_pixels",
        "Ảnh quá lớn: tối đa {n} megapixel và 12.000 điểm ảnh mỗi chiều; hãy thu nhỏ ảnh rồi tải lại.",
        "The image is too large: at most {n} megapixels and 12,000 pixels a side; resize it and upload again.",
    ),
    (
        "err.control",
        "Trường này chứa ký tự điều khiển (ví dụ xuống dòng hoặc tab) không được phép ở đây.",
        "This field contains a control character (such as a line break or a tab) that is not allowed here.",
    ),
    ("showcase.title", "Tuyển chọn sản phẩm trưng bày", "Curate the showcase"),
    (
        "showcase.lead",
        "Chọn các sản phẩm KH&CN tiêu biểu của 10–15 tổ chức; ảnh đầu tiên của mỗi tin được dùng làm ảnh trưng bày.",
        "Choose the typical S&T products of 10–15 organisations; each listing's first image is its showcase photo.",
    ),
    ("showcase.products", "sản phẩm", "products"),
    ("showcase.orgs", "tổ chức", "organisations"),
    ("showcase.list", "Công nghệ đang đăng", "Published offers"),
    ("showcase.add", "Đưa vào trưng bày", "Feature"),
    ("showcase.remove", "Bỏ khỏi trưng bày", "Remove from the showcase"),
    ("nav.curate", "Trưng bày", "Showcase"),
    ("search.title", "Tìm kiếm công nghệ và nhu cầu", "Search offers and needs"),
    (
        "search.hint",
        "Gõ có dấu hoặc không dấu; \"cụm từ\" trong ngoặc kép; -từ để loại trừ.",
        "With or without diacritics; \"phrases\" in quotes; -word to exclude.",
    ),
    ("search.sort", "Sắp xếp", "Sort"),
    ("search.sort_relevance", "Phù hợp nhất", "Most relevant"),
    ("search.sort_newest", "Mới nhất", "Newest"),
    ("search.sort_deadline", "Hạn gần nhất", "Nearest deadline"),
    ("search.facets", "Lọc kết quả", "Refine"),
    ("search.active_filters", "Bộ lọc đang dùng", "Active filters"),
    ("search.remove_filter", "Bỏ bộ lọc", "Remove filter"),
    ("search.facet_kind", "Loại tin", "Kind"),
    ("search.facet_sector", "Lĩnh vực", "Sector"),
    ("search.facet_province", "Địa phương", "Province"),
    ("search.facet_ip_status", "Sở hữu trí tuệ", "IP status"),
    ("search.facet_transfer_mode", "Hình thức chuyển giao", "Transfer mode"),
    ("search.facet_org_kind", "Loại tổ chức", "Organisation kind"),
    ("nav.search", "Tìm kiếm", "Search"),
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
    /// The session's CSRF token, put in every form (empty without a session).
    pub csrf: String,
    /// The signed-in person, for the navigation.
    pub user: Option<NavUser>,
}

/// The signed-in person as the navigation shows them.
#[derive(Debug, Clone)]
pub struct NavUser {
    pub name: String,
    pub staff: bool,
    pub admin: bool,
    /// Their organisation's id, for the organisation links.
    pub org_id: Option<String>,
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
        let session = super::auth::session(req);
        let user = super::auth::current(req).map(|c| NavUser {
            name: c.user.display_name.clone(),
            staff: c.actor.is_staff(),
            admin: c.user.role == crate::domain::Role::Admin,
            org_id: c.user.organisation_id.map(|o| o.to_string()),
        });
        Self {
            locale: super::request_locale(req),
            path: req.path().to_string(),
            query,
            csrf: session.map(|s| s.csrf).unwrap_or_default(),
            user,
        }
    }

    /// A field error in the reader's language.
    pub fn field_error(&self, e: &crate::validate::FieldError) -> String {
        let text = self.t(e.key);
        match e.n {
            Some(n) => text.replace("{n}", &n.to_string()),
            None => text.to_string(),
        }
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

    /// Keys handed to `ctx.t`, `Form`, `Panel` and friends from Rust code: every quoted
    /// `area.key` string of the web layer with a known area must exist.
    #[test]
    fn every_key_used_by_rust_code_exists() {
        const AREAS: &[&str] = &[
            "err", "register", "account", "login", "reset", "verify", "org", "members", "invite", "staff", "admin",
            "tokens", "form", "link", "email", "table", "nav", "contact", "error", "list", "listing", "home", "field",
            "my", "quality", "review", "renew", "history", "files", "showcase", "search",
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut stack = vec![root.join("src/web"), root.join("src/services"), root.join("src/domain")];
        let mut checked = 0;
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let p = entry.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                for part in text.split('"').skip(1).step_by(2) {
                    let Some((area, rest)) = part.split_once('.') else { continue };
                    let well_formed = !rest.is_empty()
                        && rest.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit());
                    if AREAS.contains(&area) && well_formed {
                        assert!(MESSAGES.iter().any(|(k, _, _)| *k == part), "{} uses unknown key {part}", p.display());
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100, "only {checked} keys found in code");
        for d in ["profile", "password", "email", "left", "joined"] {
            assert!(MESSAGES.iter().any(|(k, _, _)| *k == format!("account.done_{d}")));
        }
    }
}
