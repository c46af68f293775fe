## The staff console

console-title = Bàn làm việc
console-lead = Việc cần làm hôm nay, { $date }.
console-areas = Các mục quản lý
console-to-review = tin và thay đổi chờ duyệt
console-to-verify = tổ chức chờ xác minh
console-sessions = Phiên kết nối đang chạy
console-emails = email lỗi hoặc chờ quá lâu
console-follow-ups = Theo dõi sau phiên chưa có trả lời
console-failed = Email gửi lỗi
console-late = Email chờ gửi quá 1 giờ
console-next-step = Bước tiếp theo
console-next-planned = Mở đăng ký khi đã chốt thời gian, địa điểm
console-next-registration-open = Duyệt đăng ký; đóng đăng ký khi đến hạn
console-next-requests = Ghép cặp bắt buộc gặp; chờ hạn gửi yêu cầu gặp
console-next-scheduling = Xếp lịch và công bố lịch gặp
console-next-published = Gửi nhắc lịch; tổ chức ngày gặp
console-next-held = Ghi nhận kết quả; đóng phiên khi xong
console-next-closed = Đã xong
console-next-cancelled = Đã hủy
console-round = Đợt theo dõi
console-round-days = sau { $days } ngày
console-unanswered = Cuộc gặp chưa có trả lời
session-date = Ngày
session-title = Phiên
nav-console = Bàn làm việc

## Done notices of the staff pages

staff-done-retried = Đã đưa email vào hàng đợi gửi lại.
staff-done-page-saved = Đã lưu trang, cả hai ngôn ngữ.
staff-done-news-saved = Đã lưu tin.
staff-done-photo-saved = Đã lưu ảnh.
staff-done-photo-removed = Đã gỡ ảnh.
staff-done-contract-added = Đã ghi hợp đồng dịch vụ.
staff-done-contract-removed = Đã xóa hợp đồng dịch vụ.
staff-done-targets-saved = Đã lưu chỉ tiêu năm.
staff-done-approved = Đã duyệt và công bố tin.
staff-done-returned = Đã trả tin về cho tổ chức sửa, kèm lý do.
staff-done-rejected = Đã từ chối tin.
staff-done-verified = Đã xác minh tổ chức. Tin của tổ chức giờ có thể được công bố.
staff-done-unverified = Đã bỏ xác minh tổ chức.
staff-done-change-approved = Đã duyệt thay đổi thông tin tổ chức.
staff-done-change-rejected = Đã từ chối thay đổi thông tin tổ chức.

## The outbox

outbox-title = Hộp thư đi
outbox-lead = Mọi email hệ thống gửi: đang chờ, đang gửi, lỗi (kèm lỗi cuối cùng) và đã gửi. Email lỗi được gửi lại khi bấm "Gửi lại".
outbox-all = Tất cả
outbox-list = Email
outbox-created = Tạo lúc
outbox-recipient = Người nhận
outbox-subject = Tiêu đề
outbox-status = Trạng thái
outbox-attempts = Số lần thử
outbox-error = Lỗi cuối cùng
outbox-retry = Gửi lại
outbox-retry-all = Gửi lại mọi email lỗi
outbox-status-queued = Đang chờ
outbox-status-sending = Đang gửi
outbox-status-failed = Lỗi
outbox-status-sent = Đã gửi

## The audit log

audit-title = Nhật ký hoạt động
audit-lead = Ai đã làm gì, với đối tượng nào, lúc nào. Nhật ký chỉ được ghi thêm, không sửa, không xóa.
audit-filter = Lọc
audit-action = Hành động
audit-action-hint = Phần đầu của tên hành động, ví dụ: listing. hoặc session.status
audit-any = Mọi loại
audit-entity = Loại đối tượng
audit-entity-id = Mã đối tượng
audit-from = Từ ngày
audit-to = Đến ngày
audit-list = Các mục nhật ký, mới nhất trước
audit-at = Lúc
audit-who = Người làm
audit-detail = Chi tiết
audit-system = Hệ thống
audit-older = Cũ hơn

## The centre's pages

centre-page-about = Giới thiệu Trung tâm
centre-page-terms = Điều khoản sử dụng
centre-page-privacy = Quyền riêng tư
centre-page-contact = Liên hệ
centre-updated = Cập nhật lần cuối: { $date }
footer-news = Tin hoạt động
footer-statistics = Số liệu thống kê
pages-staff-title = Trang của Trung tâm
pages-staff-lead = Giới thiệu, điều khoản, quyền riêng tư và liên hệ, viết bằng Markdown, đủ hai ngôn ngữ. Trang chưa sửa dùng nội dung có sẵn.
pages-page = Trang
pages-address = Địa chỉ
pages-updated-vi = Sửa lần cuối (tiếng Việt)
pages-updated-en = Sửa lần cuối (tiếng Anh)
pages-shipped = Nội dung có sẵn
pages-edit-title = Sửa trang
pages-body-vi = Nội dung tiếng Việt
pages-body-en = Nội dung tiếng Anh
pages-markdown-hint = Markdown: ## tiêu đề, **đậm**, - danh sách, [chữ](địa chỉ), bảng. Mã HTML và script bị loại bỏ.
pages-save = Lưu trang
pages-view = Xem trang

## News

news-title = Tin hoạt động
news-lead = Thông báo và tin về các phiên kết nối của Trung tâm.
news-feed = Theo dõi qua Atom
news-empty = Chưa có tin nào.
news-staff-title = Quản lý tin hoạt động
news-staff-lead = Viết thông báo và tin về phiên kết nối, kèm ảnh. Tin chỉ hiện công khai khi đánh dấu "Đăng công khai".
news-staff-list = Các tin
news-headline = Tiêu đề
news-date = Ngày
news-published = Đã đăng
news-draft = Bản nháp
news-new = Viết tin mới
news-edit-title = Sửa tin
news-title-vi = Tiêu đề tiếng Việt
news-body-vi = Nội dung tiếng Việt
news-title-en = Tiêu đề tiếng Anh
news-body-en = Nội dung tiếng Anh
news-english-hint = Không bắt buộc; khi để trống, trang tiếng Anh hiện bản tiếng Việt.
news-publish = Đăng công khai
news-save = Lưu tin
news-view = Xem tin
news-photo = Ảnh của tin
news-photo-file = Chọn ảnh (JPEG, PNG hoặc WebP, tối đa 5 MB)
news-photo-hint = Ảnh mới thay ảnh cũ.
news-photo-upload = Tải ảnh lên
news-photo-remove = Gỡ ảnh

## Statistics

stats-title = Số liệu thống kê
stats-lead = Kết quả của Sàn đến hôm nay: tin đang đăng, tổ chức đã xác minh, các phiên kết nối và kết quả của chúng. Không công bố số liệu riêng của từng tổ chức.
stats-offers = Công nghệ chào bán
stats-needs = Nhu cầu công nghệ
stats-organisations = Tổ chức
stats-sessions-held = Phiên kết nối đã tổ chức
stats-meetings-held = Cuộc gặp đã diễn ra
stats-contracts = Hợp đồng
stats-contract-value = Giá trị hợp đồng
stats-live-by-sector = Tin đang đăng theo lĩnh vực
stats-staff-title = Thống kê
stats-show = Xem
stats-new-offers = tin chào bán mới
stats-new-needs = tin nhu cầu mới
stats-new-organisations = tổ chức đăng ký mới
stats-by-sector = Tin mới theo lĩnh vực
stats-by-status = Tin mới theo trạng thái hiện tại
stats-by-month = Tin mới theo tháng
stats-month = Tháng
stats-orgs-by-kind = Tổ chức đăng ký mới theo loại hình
stats-orgs-by-province = Tổ chức đăng ký mới theo tỉnh, thành phố
stats-sessions = Các phiên kết nối: đăng ký, xếp lịch, đã gặp
stats-meetings = Cuộc gặp
stats-funnel = Kết quả sau gặp gỡ
stats-funnel-value = Tổng giá trị hợp đồng: { $value }
stats-response = Đề nghị kết nối và thời gian trả lời
stats-accepted = Được đồng ý
stats-median-hours = Trả lời sau (giờ, trung vị)
stats-response-median = Thời gian trả lời trung vị cả kỳ: { $hours } giờ.
stats-response-none = Chưa có đề nghị nào được trả lời trong kỳ.
stats-unmet = Nhu cầu chưa được đáp ứng theo lĩnh vực
stats-unmet-needs = Nhu cầu đang đăng
stats-unanswered = Chưa có kết nối
stats-unmet-note = Nhu cầu đang đăng chưa có đề nghị kết nối nào được đồng ý, so với số công nghệ chào bán cùng lĩnh vực: nơi cần tìm thêm nguồn cung.
stats-precision = Độ chính xác của gợi ý theo lĩnh vực
stats-precision-percent = Hữu ích (%)

## The yearly report

yearly-title = Báo cáo năm
yearly-title-of = Báo cáo kết quả năm { $year }
yearly-printed = lập ngày { $date }
yearly-results = Kết quả so với chỉ tiêu
yearly-progress = Mức hoàn thành chỉ tiêu (%)
yearly-indicator = Chỉ tiêu
yearly-target = Kế hoạch
yearly-result = Thực hiện
yearly-against = Đánh giá
yearly-met = Đạt
yearly-above = Vượt
yearly-percent = Đạt { $percent }%
yearly-sessions = Phiên kết nối cung – cầu
yearly-showcase = Tổ chức có sản phẩm trưng bày
yearly-connections = Kết nối cung – cầu công nghệ
yearly-connections-are = { $interests } đề nghị được đồng ý, { $meetings } cuộc gặp
yearly-contracts = Hợp đồng chuyển giao công nghệ
yearly-contracts-are = { $count } hợp đồng, { $value }
yearly-revenue = Doanh thu dịch vụ của Trung tâm
yearly-targets-set = Chỉ tiêu do quản trị viên đặt lúc { $date }.
yearly-targets-default = Chỉ tiêu mặc định theo kế hoạch của Trung tâm (quản trị viên có thể sửa).
yearly-sessions-held = Các phiên đã tổ chức trong năm
contract-list = Hợp đồng dịch vụ của Trung tâm
contract-total = Tổng doanh thu: { $value }
contract-date = Ngày ký
contract-client = Khách hàng
contract-service = Dịch vụ
contract-value = Giá trị
contract-value-hint = Ví dụ: 150.000.000 hoặc 1,5 tỷ
contract-add = Ghi hợp đồng
contract-add-title = Ghi hợp đồng dịch vụ mới
contract-remove = Xóa
targets-title = Chỉ tiêu năm
targets-showcase-min = Tổ chức trưng bày, tối thiểu
targets-showcase-max = Tổ chức trưng bày, tối đa
targets-revenue-min = Doanh thu dịch vụ, mức dưới
targets-revenue-max = Doanh thu dịch vụ, mức trên
targets-save = Lưu chỉ tiêu
err-number = Nhập một số nguyên không âm.
err-year = Năm chưa đúng, ví dụ: 2027.
footer-nav = Về Trung tâm
search-filters = Bộ lọc
staff-members = Số tài khoản thành viên
staff-org-page = Trang công khai của tổ chức
staff-verify-confirm-title = Xác nhận xác minh tổ chức
staff-verify-confirm-lead = Kiểm tra thông tin dưới đây với giấy tờ của tổ chức (mã số thuế, quyết định thành lập). Sau khi xác minh, tin của tổ chức được công bố khi duyệt.
staff-unverify-confirm-title = Xác nhận bỏ xác minh tổ chức
staff-unverify-confirm-lead = Tổ chức sẽ không đăng được tin công khai mới cho đến khi được xác minh lại. Tin đã công bố vẫn giữ nguyên.
review-owner = Tổ chức đăng: { $name }
review-owner-verified = Đã xác minh
review-owner-unverified = Chưa xác minh
review-verify-first = Xác minh tổ chức trước
review-was-becomes = Trước: { $was }
    Sau: { $becomes }
review-empty-value = (trống)
stats-range-lead = Số liệu từ { $from } đến { $to }. Tin và tổ chức tính theo ngày tạo; phiên kết nối theo ngày diễn ra.
stats-stage-held = Cuộc gặp đã diễn ra
stats-stage-follow-up = Hẹn gặp tiếp trở lên
stats-stage-nda = Thỏa thuận (NDA) trở lên
stats-stage-pilot = Thử nghiệm trở lên
stats-stage-contract = Hợp đồng
staff-done-role-granted = Đã cấp quyền.
staff-done-role-removed = Đã thu hồi quyền; tài khoản trở lại là thành viên.
admin-users-title = Tài khoản
admin-users-lead = Mọi tài khoản, mới nhất trước (tối đa { $count }); tìm theo email hoặc tên.
admin-users-search = Email hoặc tên
admin-users-verified = Xác nhận email
admin-users-unverified = Chưa xác nhận
admin-make-staff = Cấp quyền cán bộ
