## site

site-name = Sàn giao dịch công nghệ
site-tagline = Điểm kết nối cung – cầu công nghệ
site-centre = Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ
site-address = Thành phố Huế, Việt Nam
site-skip = Bỏ qua, đến nội dung chính

## nav

nav-home = Trang chủ
nav-offers = Công nghệ chào bán
nav-needs = Nhu cầu công nghệ
nav-showcase = Sản phẩm KH&CN tiêu biểu
nav-api = API dữ liệu mở
nav-menu = Danh mục chính

## home

home-hero = Kết nối viện, trường và doanh nghiệp để đưa công nghệ vào sản xuất
home-search-label = Tìm công nghệ
home-search-placeholder = Ví dụ: nuôi tôm, máy sấy, truy xuất nguồn gốc
home-search-button = Tìm kiếm
home-showcase = Trưng bày sản phẩm KH&CN tiêu biểu
home-newest-offers = Công nghệ mới chào bán
home-newest-needs = Nhu cầu công nghệ mới
home-all-offers = Xem tất cả công nghệ
home-all-needs = Xem tất cả nhu cầu
home-next-session = Phiên kết nối cung – cầu công nghệ tiếp theo
home-next-session-text = Phiên kết nối được tổ chức hai tháng một lần. Lịch phiên tới sẽ được công bố tại đây; các tổ chức đã đăng công nghệ hoặc nhu cầu sẽ nhận thư mời kèm lịch gặp.
home-stats-offers = công nghệ chào bán
home-stats-needs = nhu cầu công nghệ
home-stats-orgs = tổ chức tham gia

## list

list-keyword = Từ khóa
list-sector = Lĩnh vực
list-province = Tỉnh/thành phố
list-all = Tất cả
list-apply = Áp dụng
list-clear = Xóa bộ lọc
list-results = { $count } kết quả
list-empty = Không có kết quả phù hợp. Hãy thử bỏ bớt bộ lọc hoặc dùng từ khóa khác.
list-prev = Trang trước
list-next = Trang sau
list-pagination = Phân trang

## listing

listing-trl = TRL
listing-min-trl = TRL tối thiểu
listing-price = Giá chào bán
listing-budget = Kinh phí dự kiến
listing-deadline = Hạn mong muốn
listing-province = Địa phương
listing-owner = Đơn vị
listing-description = Mô tả công nghệ
listing-advantages = Ưu điểm so với giải pháp hiện có
listing-applications = Khả năng ứng dụng
listing-keywords = Từ khóa
listing-ip = Tình trạng sở hữu trí tuệ
listing-modes = Hình thức chuyển giao
listing-accepted-modes = Hình thức chuyển giao chấp nhận
listing-published = Ngày đăng
listing-problem = Vấn đề cần giải quyết
listing-tried = Giải pháp đã thử
listing-outcome = Kết quả mong muốn
listing-original-title = Tên tiếng Việt:
listing-featured = Tiêu biểu
listing-not-set = Chưa cung cấp
listing-contact = Thông tin liên hệ
listing-back-offers = Quay lại danh sách công nghệ
listing-back-needs = Quay lại danh sách nhu cầu

## org

org-kind = Loại hình
org-address = Địa chỉ
org-website = Trang web
org-verified = Đã xác minh
org-unverified = Chưa xác minh
org-offers = Công nghệ chào bán của đơn vị
org-needs = Nhu cầu công nghệ của đơn vị
org-none = Chưa có

## error

error-title-404 = Không tìm thấy trang
error-text-404 = Trang bạn tìm không tồn tại, đã bị gỡ hoặc đã hết hạn đăng.
error-title-400 = Yêu cầu không hợp lệ
error-bad-param = Giá trị không hợp lệ ở tham số «{ $param }». Hãy chọn lại bộ lọc hoặc quay về trang danh sách.
error-title-500 = Hệ thống đang gặp sự cố
error-text-500 = Xin lỗi, đã có lỗi xảy ra. Sự cố đã được ghi lại; vui lòng thử lại sau ít phút.
error-title-other = Không thể xử lý yêu cầu
error-title-405 = Địa chỉ này không nhận cách gửi này
error-text-405 = Địa chỉ này chỉ nhận: { $allow }. Nếu bạn mở nó từ một liên kết, hãy quay lại trang trước và dùng nút trên trang.
error-home = Về trang chủ

## nav

nav-login = Đăng nhập
nav-register = Đăng ký
nav-logout = Đăng xuất
nav-organisation = Tổ chức của tôi
nav-staff = Duyệt tổ chức
nav-admin = Quản trị cán bộ

## form

form-choose = — Chọn —
form-save = Lưu
form-saved = Đã lưu các thay đổi.

## table

table-actions = Thao tác
table-empty = Chưa có mục nào.

## err

err-required = Vui lòng điền mục này.
err-too-short = Cần ít nhất { $n } ký tự.
err-too-long = Tối đa { $n } ký tự.
err-email = Địa chỉ email chưa đúng, ví dụ: ten@vi-du.vn.
err-password-short = Mật khẩu cần ít nhất { $n } ký tự.
err-password-common = Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác, ví dụ một câu ngắn.
err-password-wrong = Mật khẩu hiện tại không đúng.
err-choice = Vui lòng chọn một giá trị trong danh sách.
err-website = Địa chỉ web chưa đúng, ví dụ: https://vien.vn.
err-phone = Số điện thoại chỉ gồm 8–15 chữ số (có thể có dấu cách, +, -, ., ngoặc).
err-tax-code = Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu - và 3 chữ số.
err-tax-code-taken = Tổ chức có mã số thuế này đã đăng ký. Hãy đề nghị một thành viên của tổ chức mời bạn.
err-terms = Vui lòng đồng ý với điều khoản sử dụng.
err-confirm = Vui lòng đánh dấu ô xác nhận.
err-last-member = Bạn là thành viên cuối cùng của tổ chức. Hãy mời người khác trước, hoặc xóa tài khoản.
err-last-admin = Không thể bỏ quyền của quản trị viên cuối cùng.
err-disable-self = Không thể tự khóa tài khoản của chính mình.
err-already-member = Tài khoản này đang thuộc một tổ chức khác. Hãy rời tổ chức đó trước.
err-no-organisation = Chỉ thành viên của một tổ chức mới tạo được khóa API.
err-no-such-account = Không có tài khoản với địa chỉ này.

## link

link-expired = Liên kết đã hết hạn. Hãy yêu cầu liên kết mới.
link-invalid = Liên kết không hợp lệ hoặc đã được dùng.

## account

account-title = Tài khoản của tôi
account-email = Email
account-display-name = Họ và tên
account-password = Mật khẩu
account-password-hint = Ít nhất 10 ký tự; một câu ngắn dễ nhớ là mật khẩu tốt.
account-role = Vai trò
account-locale = Ngôn ngữ
account-profile = Thông tin cá nhân
account-change-password = Đổi mật khẩu
account-current-password = Mật khẩu hiện tại
account-new-password = Mật khẩu mới
account-change-email = Đổi email
account-new-email = Email mới
account-new-email-hint = Chúng tôi gửi liên kết xác nhận đến địa chỉ mới; địa chỉ chỉ đổi khi bạn bấm liên kết.
account-export = Tải về dữ liệu của tôi (JSON)
account-delete = Xóa tài khoản
account-delete-hint = Không thể hoàn tác. Nếu bạn là thành viên cuối cùng, các tin của tổ chức sẽ được lưu trữ; nhật ký hoạt động được giữ lại.
account-deleted-title = Đã xóa tài khoản
account-deleted = Tài khoản của bạn đã được xóa.
account-done-profile = Đã lưu thông tin cá nhân.
account-done-password = Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc và mọi mã API của bạn đã bị thu hồi; hãy tạo mã mới nếu cần.
account-done-email = Nếu địa chỉ mới dùng được, chúng tôi đã gửi liên kết xác nhận đến đó.
account-done-left = Bạn đã rời tổ chức.
account-done-joined = Chào mừng! Bạn đã tham gia tổ chức.

## register

register-title = Đăng ký tổ chức
register-lead = Viện, trường, doanh nghiệp hoặc nhà sáng chế đăng ký một lần; Trung tâm xác minh tổ chức trước khi tin được đăng công khai.
register-submit = Đăng ký
register-terms = Tôi đồng ý với điều khoản sử dụng của Sàn.
register-have-account = Đã có tài khoản? Đăng nhập
register-sent-title = Kiểm tra hộp thư của bạn
register-sent = Chúng tôi đã gửi thư đến địa chỉ bạn nhập. Hãy bấm liên kết trong thư để hoàn tất đăng ký.

## verify

verify-done-title = Đã xác nhận email
verify-confirm-title = Xác nhận địa chỉ email
verify-confirm-lead = Bấm nút bên dưới để xác nhận địa chỉ email của tài khoản: { $email }
verify-confirm = Xác nhận email
verify-done = Cảm ơn bạn. Bạn có thể đăng nhập.
verify-failed-title = Không xác nhận được email
verify-resend-title = Gửi lại liên kết xác nhận
verify-resend = Gửi lại
verify-resent-title = Kiểm tra hộp thư của bạn
verify-resent = Nếu địa chỉ này có tài khoản chưa xác nhận, chúng tôi đã gửi liên kết mới.

## login

login-title = Đăng nhập
login-submit = Đăng nhập
login-forgot = Quên mật khẩu?
login-register = Chưa có tài khoản? Đăng ký tổ chức
login-invalid = Email hoặc mật khẩu không đúng.
login-unverified = Bạn cần xác nhận email trước khi đăng nhập. Hãy xem thư chúng tôi đã gửi, hoặc gửi lại liên kết.
login-disabled = Tài khoản này đã bị quản trị viên khóa. Vui lòng liên hệ Trung tâm nếu cần mở lại.

## reset

reset-title = Đặt lại mật khẩu
reset-lead = Nhập email của tài khoản; chúng tôi sẽ gửi liên kết để chọn mật khẩu mới.
reset-submit = Gửi liên kết
reset-sent-title = Kiểm tra hộp thư của bạn
reset-sent = Nếu địa chỉ này có tài khoản, chúng tôi đã gửi liên kết đặt lại mật khẩu. Liên kết có hiệu lực trong một giờ.
reset-confirm-title = Chọn mật khẩu mới
reset-confirm-submit = Lưu mật khẩu mới
reset-failed-title = Không đặt lại được mật khẩu
reset-again = Yêu cầu liên kết mới
reset-done-title = Đã đặt lại mật khẩu
reset-done = Mật khẩu mới đã được lưu; mọi phiên đăng nhập cũ đã kết thúc và mọi mã API của bạn đã bị thu hồi.

## email

email-done-title = Đã đổi email
email-done = Địa chỉ email của tài khoản bây giờ là { $email }
email-failed-title = Không đổi được email
email-confirm-title = Xác nhận địa chỉ email mới
email-confirm-lead = Bấm nút bên dưới để dùng địa chỉ này cho tài khoản của bạn: { $email }
email-confirm = Xác nhận địa chỉ mới

## org

org-name = Tên tổ chức
org-tax-code = Mã số thuế / số đăng ký
org-tax-code-hint = 10 chữ số (chi nhánh: 10 chữ số-3 chữ số). Có thể để trống với nhà sáng chế cá nhân.
org-province = Tỉnh/thành phố
org-description = Giới thiệu
org-contact-name = Người liên hệ
org-contact-email = Email liên hệ
org-contact-phone = Điện thoại liên hệ
org-share-contact = Đồng ý chia sẻ thông tin liên hệ với các đối tác được kết nối
org-settings-title = Thông tin tổ chức
org-public-page = Trang công khai của tổ chức
org-unverified-note = Chưa xác minh: có thể soạn tin nhưng chưa đăng công khai được

## members

members-title = Thành viên
members-list = Thành viên của tổ chức
members-invite = Mời đồng nghiệp
members-invited = Đã gửi lời mời đến { $email }
members-leave = Rời tổ chức
members-leave-confirm = Tôi muốn rời tổ chức này

## invite

invite-title = Lời mời tham gia tổ chức
invite-lead = Bạn được mời tham gia { $organisation } ({ $email })
invite-accept = Nhận lời mời
invite-joined-title = Bạn đã tham gia tổ chức
invite-joined-existing = Tài khoản của bạn đã được thêm vào tổ chức. Hãy đăng nhập bằng mật khẩu của bạn để tiếp tục.

## tokens

tokens-title = Khóa API
tokens-lead = Khóa API cho phép phần mềm của tổ chức dùng API thay bạn (tiêu đề Authorization: Bearer). Khóa chỉ hiển thị một lần khi tạo.
tokens-list = Khóa của bạn
tokens-create = Tạo khóa mới
tokens-name = Tên gợi nhớ
tokens-name-hint = Ví dụ: đồng bộ với cổng thông tin của viện
tokens-prefix = Bắt đầu bằng
tokens-created = Ngày tạo
tokens-last-used = Dùng lần cuối
tokens-state = Trạng thái
tokens-active = Đang dùng
tokens-revoked = Đã thu hồi { $date }
tokens-revoke = Thu hồi
tokens-shown-once = Khóa mới của bạn. Hãy sao chép ngay: khóa sẽ không hiển thị lại.

## staff

staff-orgs-title = Xác minh tổ chức
staff-orgs-lead = Tổ chức chưa xác minh được xếp trước, lâu nhất trước. Tổ chức được xác minh mới đăng tin công khai được.
staff-orgs-list = Các tổ chức
staff-registered = Ngày đăng ký
staff-verify = Xác minh
staff-unverify = Bỏ xác minh

## admin

admin-staff-title = Cán bộ và quản trị viên
admin-staff-list = Cán bộ hiện có
admin-grant = Cấp quyền cán bộ
admin-grant-hint = Người được cấp quyền cần có tài khoản trước.
admin-remove = Bỏ quyền

## contact

contact-sign-in = Đăng nhập bằng tài khoản của một tổ chức đã xác minh để xem thông tin liên hệ.
contact-on-interest = Thông tin liên hệ được chia sẻ khi hai bên cùng bày tỏ quan tâm.
contact-not-shared = Tổ chức chưa đồng ý chia sẻ thông tin liên hệ; hãy liên hệ qua Trung tâm.

## error

error-title-401 = Cần đăng nhập
error-title-403 = Không có quyền
error-text-403 = Bạn không có quyền thực hiện thao tác này. Nếu bạn vừa mở biểu mẫu từ lâu, hãy tải lại trang rồi thử lại.
error-title-429 = Quá nhiều lần thử
error-text-429 = Bạn đã thử quá nhiều lần. Vui lòng thử lại sau { $n } phút.

## field

field-title = Tên công nghệ / nhu cầu
field-summary = Tóm tắt
field-summary-hint = 80–400 ký tự: công nghệ là gì, giải quyết việc gì.
field-title-en = Tên tiếng Anh (không bắt buộc)
field-title-en-hint = Hiện trên trang tiếng Anh và giúp người tìm bằng tiếng Anh thấy tin của bạn.
field-summary-en = Tóm tắt tiếng Anh (không bắt buộc)
field-summary-en-hint = Tối đa 500 ký tự; cần có tên tiếng Anh đi kèm.
err-title-en-required = Đã có tóm tắt tiếng Anh thì cần cả tên tiếng Anh.
field-description = Mô tả chi tiết
field-advantages = Ưu điểm so với giải pháp hiện có
field-applications = Khả năng ứng dụng
field-problem = Vấn đề cần giải quyết
field-tried = Giải pháp đã thử
field-desired-outcome = Kết quả mong muốn
field-sector = Lĩnh vực
field-keywords = Từ khóa
field-keywords-hint = Cách nhau bởi dấu phẩy; nên 1–5 từ khóa.
field-trl = Mức độ sẵn sàng (TRL)
field-min-trl = TRL tối thiểu
field-trl-hint = 1: nguyên lý cơ bản … 9: đã ứng dụng thực tế.
field-ip-status = Tình trạng sở hữu trí tuệ
field-ip-number = Số văn bằng / số đơn
field-transfer-modes = Hình thức chuyển giao
field-price-min = Giá từ (đồng)
field-price-max = Giá đến (đồng)
field-budget-min = Kinh phí từ (đồng)
field-budget-max = Kinh phí đến (đồng)
field-money-hint = Ví dụ: 150.000.000 hoặc 1,5 tỷ. Để trống nếu thỏa thuận.
field-deadline = Hạn mong muốn
field-province = Tỉnh/thành phố
field-contact-visibility = Ai xem được thông tin liên hệ
field-contact-visibility-hint = Thông tin liên hệ chỉ hiện khi tổ chức đã đồng ý chia sẻ.
field-version = Phiên bản
field-reason = Lý do

## form

form-save-draft = Lưu bản nháp

## listing

listing-expired = Đã hết hạn
listing-incomplete = Cần điền đủ các mục bắt buộc trước khi gửi duyệt.
listing-no-organisation = Chỉ thành viên của một tổ chức mới đăng tin được.
listing-not-editable = Tin đã lưu trữ hoặc bị từ chối không sửa được nữa.
listing-not-published = Chỉ gia hạn được tin đang đăng.
listing-not-submittable = Chỉ gửi duyệt được bản nháp hoặc tin được trả lại.
listing-not-submitted = Tin này không ở trạng thái chờ duyệt.
listing-org-unverified = Tổ chức của bạn chưa được Trung tâm xác minh: bạn có thể soạn tin, nhưng chỉ gửi duyệt được sau khi được xác minh.
listing-refused = Không thực hiện được
listing-revision-decided = Thay đổi này đã được xử lý.
listing-conflict-title = Tin đã được người khác sửa
listing-conflict = Trong lúc bạn sửa, tin đã được lưu một phiên bản mới. Các mục khác với nội dung bạn nhập được liệt kê bên dưới; nội dung bạn nhập vẫn còn trong biểu mẫu. Lưu lại nếu muốn ghi đè.

## my

my-title = Tin của tổ chức
my-lead = Tất cả công nghệ chào bán và nhu cầu của tổ chức, theo trạng thái.
my-list = Các tin
my-kind = Loại
my-status = Trạng thái
my-quality = Chất lượng
my-updated = Cập nhật
my-new-offer = Đăng công nghệ chào bán
my-new-need = Đăng nhu cầu công nghệ
my-draft-lead = Tin được lưu dưới dạng bản nháp; bạn xem gợi ý chất lượng rồi gửi Trung tâm duyệt.
my-listing-title = Tin của bạn
my-review-note = Góp ý của Trung tâm: { $note }
my-pending-revision = Thay đổi của bạn đang chờ duyệt; phiên bản đã đăng vẫn hiển thị cho đến khi thay đổi được duyệt.
my-history = Lịch sử xử lý
my-when = Thời gian
my-what = Nội dung
my-edit = Sửa tin
my-propose-change = Gửi thay đổi để duyệt
my-submit = Gửi Trung tâm duyệt
my-renew = Gia hạn thêm một kỳ
my-archive = Lưu trữ (gỡ tin)
my-done-saved = Đã lưu.
my-done-revision = Đã gửi thay đổi; phiên bản đang đăng giữ nguyên đến khi được duyệt.
my-done-submitted = Đã gửi duyệt. Trung tâm sẽ phản hồi qua email.
my-done-archived = Đã lưu trữ tin.
my-done-renewed = Đã gia hạn tin.

## history

history-created = Tạo bản nháp
history-edited = Sửa nội dung
history-submitted = Gửi duyệt
history-approved = Được duyệt đăng
history-returned = Trả lại để bổ sung
history-rejected = Không được chấp nhận
history-archived = Lưu trữ
history-renewed = Gia hạn
history-revision-submitted = Gửi thay đổi
history-revision-approved = Thay đổi được duyệt
history-revision-returned = Thay đổi bị trả lại
history-revision-rejected = Thay đổi không được chấp nhận

## quality

quality-score = Điểm chất lượng: { $score }/100
quality-summary-short = Tóm tắt quá ngắn (nên từ 80 ký tự): đối tác khó biết công nghệ làm gì.
quality-summary-long = Tóm tắt quá dài (nên dưới 400 ký tự): chuyển chi tiết xuống phần mô tả.
quality-no-advantages = Chưa nêu ưu điểm so với giải pháp hiện có.
quality-no-trl = Chưa chọn mức độ sẵn sàng công nghệ (TRL).
quality-many-keywords = Hơn 5 từ khóa làm loãng kết quả ghép nối.
quality-no-keywords = Chưa có từ khóa.
quality-no-applications = Chưa nêu khả năng ứng dụng.
quality-vague = Mô tả còn chung chung: hãy nêu số liệu cụ thể (năng suất, công suất, chi phí, quy mô đã thử).
quality-no-terms = Chưa có giá hay hình thức chuyển giao.
quality-problem-short = Mô tả vấn đề quá ngắn (nên từ 80 ký tự).
quality-no-outcome = Chưa nêu kết quả mong muốn.
quality-no-budget-deadline = Chưa có kinh phí dự kiến hay thời hạn.

## review

review-title = Duyệt tin
review-lead = Tin chờ duyệt và thay đổi của tin đang đăng, chờ lâu nhất trước; điểm chất lượng do hệ thống tính khi gửi.
review-queue = Hàng chờ duyệt
review-waiting = Chờ từ
review-change = Thay đổi
review-listing-title = Duyệt tin
review-revision-title = Duyệt thay đổi
review-revision-lead = Các mục thay đổi so với phiên bản đang đăng:
review-revision-stale = Tin đã thay đổi sau khi đề xuất này được gửi; hãy trả lại để chủ tin gửi lại.
review-published-version = Xem phiên bản đang đăng
review-decide = Quyết định
review-decision = Quyết định
review-approve = Duyệt đăng
review-return = Trả lại để bổ sung
review-reject = Từ chối
review-reason = Lý do (gửi cho chủ tin)
review-reason-hint = Bắt buộc khi trả lại hoặc từ chối (ít nhất 10 ký tự).
review-export-csv = Xuất tất cả tin (CSV)
review-export-json = Xuất tất cả tin (JSON)

## renew

renew-done-title = Đã gia hạn tin
renew-until = { $title } — đăng đến { $date }
renew-failed-title = Không gia hạn được
renew-confirm-title = Gia hạn tin đăng
renew-confirm-lead = Bấm nút bên dưới để gia hạn tin «{ $title }».
renew-confirm = Gia hạn

## nav

nav-my-listings = Tin của tổ chức
nav-review = Duyệt tin

## err

err-trl = Chọn một mức từ 1 đến 9.
err-keywords = Tối đa { $n } từ khóa, mỗi từ khóa tối đa 60 ký tự.
err-money = Số tiền chưa đúng, ví dụ: 150.000.000 hoặc 1,5 tỷ.
err-range = Mức trên phải lớn hơn hoặc bằng mức dưới.
err-date = Ngày chưa đúng, ví dụ: 31/03/2027.

## files

files-title = Hình ảnh và tài liệu
files-file = Tệp
files-hint = Ảnh JPEG, PNG, WebP (tối đa 5 MB) hoặc tài liệu PDF (tối đa 10 MB); tối đa 10 tệp.
files-upload = Tải lên
files-remove = Gỡ

## my

my-done-file = Đã tải tệp lên.
my-done-file-removed = Đã gỡ tệp.

## err

err-file-type = Chỉ nhận ảnh JPEG, PNG, WebP hoặc tài liệu PDF (kiểm tra theo nội dung tệp, không theo đuôi tên).
err-file-size = Tệp quá lớn: tối đa { $n } MB.
err-file-broken = Không đọc được ảnh này; tệp có thể bị hỏng.
err-file-count = Mỗi tin tối đa { $n } tệp; hãy gỡ bớt trước.
err-file-missing = Hãy chọn một tệp.

## review

review-org-unverified = Tổ chức đăng tin này chưa được xác minh: chỉ tổ chức đã xác minh mới được đăng tin. Hãy xác minh tổ chức trước, hoặc trả lại tin.

## err

err-name-taken = Một tổ chức đã xác minh khác đã mang tên này.

## org

org-change-held = Đã lưu. Tên, loại hình hoặc mã số thuế mới sẽ có hiệu lực khi Trung tâm duyệt; trang công khai vẫn hiện thông tin đã xác minh.
org-change-pending = Thay đổi đang chờ Trung tâm duyệt: { $name } (mã số thuế: { $tax })

## staff

staff-changes-waiting = Thay đổi tên, loại hoặc mã số thuế đang chờ duyệt (ở đầu danh sách): { $count }
staff-change-approve = Duyệt thay đổi
staff-change-reject = Từ chối thay đổi

## err

err-image-pixels = Ảnh quá lớn: tối đa { $n } megapixel và 12.000 điểm ảnh mỗi chiều; hãy thu nhỏ ảnh rồi tải lại.
err-control = Trường này chứa ký tự điều khiển (ví dụ xuống dòng hoặc tab) không được phép ở đây.

## showcase

showcase-title = Tuyển chọn sản phẩm trưng bày
showcase-lead = Chọn các sản phẩm KH&CN tiêu biểu của 10–15 tổ chức; ảnh đầu tiên của mỗi tin được dùng làm ảnh trưng bày.
showcase-list = Công nghệ đang đăng
showcase-add = Đưa vào trưng bày
showcase-remove = Bỏ khỏi trưng bày

## nav

nav-curate = Trưng bày

## search

search-title = Tìm kiếm công nghệ và nhu cầu
search-hint = Gõ có dấu hoặc không dấu; "cụm từ" trong ngoặc kép; -từ để loại trừ.
search-sort = Sắp xếp
search-sort-relevance = Phù hợp nhất
search-sort-newest = Mới nhất
search-sort-deadline = Hạn gần nhất
search-facets = Lọc kết quả
search-active-filters = Bộ lọc đang dùng
search-remove-filter = Bỏ bộ lọc: { $filter }
search-facet-kind = Loại tin
search-facet-sector = Lĩnh vực
search-facet-province = Địa phương
search-facet-ip-status = Sở hữu trí tuệ
search-facet-transfer-mode = Hình thức chuyển giao
search-facet-org-kind = Loại tổ chức

## nav

nav-search = Tìm kiếm

## lang

lang-switch = English

## footer

footer-data = Dữ liệu mở: OpenAPI

## money

money-negotiable = Thỏa thuận
money-between = { $low } – { $high }
money-from = từ { $amount }
money-up-to = đến { $amount }
form-field-error = { $field }: { $error }
listing-expires-on = Hết hạn: { $date }
history-with-reason = { $action }: { $reason }
org-settings-lead = { $name } — { $status }
account-email-is = Email: { $email }
account-role-is = Vai trò: { $role }
review-waited = { $date } ({ $days } ngày)
showcase-count = { $products } sản phẩm · { $organisations } tổ chức
org-tax-code-is = Mã số thuế: { $tax }
list-page-of = Trang { $page } trên { $pages }
listing-expires = Hết hạn
feed-offers-title = Công nghệ chào bán mới — Sàn giao dịch công nghệ
feed-needs-title = Nhu cầu công nghệ mới — Sàn giao dịch công nghệ
feed-listings-title = Sàn giao dịch công nghệ — tin mới
language-vi = Tiếng Việt
language-en = English
listing-trl-level = TRL { $n }
listing-min-trl-level = TRL tối thiểu { $n }
search-active-filter = { $facet }: { $value }
listing-budget-is = Kinh phí dự kiến: { $amount }
listing-deadline-is = Hạn mong muốn: { $date }
listing-price-is = Giá chào bán: { $amount }
listing-ip-number-is = Số văn bằng / số đơn: { $number }

## Suggestions (the recommender) and their reasons
reason-same-sector = Cùng lĩnh vực: { $sector }
reason-related-sector = Lĩnh vực liên quan: { $offer } – { $need }
reason-trl-met = TRL { $offer } ≥ yêu cầu { $required }
reason-trl-too-early = TRL { $offer }: còn sớm so với yêu cầu { $required }
reason-within-budget = Trong ngân sách
reason-above-budget = Giá cao hơn ngân sách
reason-shared-modes = Hình thức chuyển giao chung: { $modes }
reason-no-shared-mode = Không có hình thức chuyển giao chung
reason-same-province = Cùng địa phương: { $province }
reason-terms-label = Từ khớp:
suggest-heading = Gợi ý phù hợp
suggest-offers-intro = Các công nghệ chào bán phù hợp nhất với nhu cầu này, kèm lý do.
suggest-needs-intro = Các nhu cầu công nghệ mà công nghệ này đáp ứng tốt nhất, kèm lý do.
suggest-empty = Chưa có gợi ý nào cho tin này. Gợi ý được cập nhật khi có tin mới.
suggest-judge-question = Gợi ý này có hữu ích?
suggest-useful = Hữu ích
suggest-not-useful = Không phù hợp
listing-done-judged = Cảm ơn! Đánh giá của bạn giúp gợi ý chính xác hơn.
suggest-bad-judgement = Hãy chọn "Hữu ích" hoặc "Không phù hợp".
suggest-staff-title = Gợi ý phù hợp: đánh giá của thành viên
suggest-staff-lead = Tỷ lệ gợi ý được thành viên đánh giá là hữu ích, theo lĩnh vực của tin mà gợi ý dành cho.
suggest-staff-total = { $judged } đánh giá, { $precision } hữu ích
suggest-staff-judged = Số đánh giá
suggest-staff-useful = Hữu ích
suggest-staff-precision = Độ chính xác
suggest-staff-empty = Chưa có đánh giá nào. Thành viên đánh giá gợi ý ngay trên trang tin của đơn vị mình.
suggest-staff-download = Tải các đánh giá (TSV, dùng cho ketnoi eval match)
nav-suggestions = Gợi ý
my-suggestions = Gợi ý
my-suggestions-count = { $count } gợi ý

## Expressions of interest
nav-my-interests = Đề nghị kết nối
interests-title = Đề nghị kết nối
interests-lead = Các đơn vị quan tâm đến tin của bạn, và các tin bạn đã bày tỏ quan tâm. Khi một đề nghị được đồng ý, hai bên thấy thông tin liên hệ của nhau.
interests-received = Đề nghị gửi đến đơn vị bạn
interests-sent = Đề nghị đơn vị bạn đã gửi
interests-none-received = Chưa có đơn vị nào bày tỏ quan tâm đến tin của bạn.
interests-none-sent = Đơn vị bạn chưa gửi đề nghị nào. Bấm “Quan tâm” trên trang một công nghệ hoặc nhu cầu để bắt đầu.
interest-heading = Quan tâm
interest-intro = Gửi lời nhắn ngắn tới đơn vị đăng tin. Họ nhận thư và trả lời đồng ý hoặc từ chối; khi đồng ý, hai bên thấy thông tin liên hệ của nhau.
interest-send = Quan tâm
interest-message = Lời nhắn
interest-message-hint = Không bắt buộc; tối đa 1.000 ký tự: bạn là ai, cần gì, muốn trao đổi điều gì.
field-message = Lời nhắn
field-answer = Lời nhắn trả lời
interest-sign-in = Đăng nhập bằng tài khoản của một đơn vị đã xác minh để bày tỏ quan tâm.
interest-unverified = Đơn vị của bạn chưa được Trung tâm xác minh, nên chưa gửi được đề nghị kết nối.
interest-see-organisation = Xem đơn vị
interest-open-since = Đơn vị bạn đã bày tỏ quan tâm lúc { $date }; đề nghị đang chờ trả lời.
interest-no-organisation = Chỉ thành viên của một đơn vị mới gửi được đề nghị kết nối.
interest-own = Đây là tin của chính đơn vị bạn.
interest-duplicate = Đơn vị bạn đã có một đề nghị đang chờ trả lời cho tin này.
interest-limit = Đơn vị bạn đã gửi 20 đề nghị trong 24 giờ qua, mức tối đa mỗi ngày. Hãy gửi tiếp vào ngày mai.
interest-not-open = Đề nghị này đã được trả lời, rút lại hoặc hết hiệu lực.
interest-refused = Chưa gửi được
interest-back = Quay lại tin
interest-bad-decision = Hãy chọn đồng ý hoặc từ chối.
interest-answer-send = Gửi trả lời
interest-decision = Trả lời
interest-decision-accept = Đồng ý kết nối
interest-decision-decline = Từ chối
interest-answer = Lời nhắn trả lời
interest-answer-was = Trả lời:
interest-withdraw = Rút lại đề nghị
interest-status-open = Đang chờ trả lời
interest-status-accepted = Đã đồng ý
interest-status-declined = Đã từ chối
interest-status-withdrawn = Đã rút lại
interest-status-expired = Hết hiệu lực
interest-done-accepted = Đã đồng ý. Thông tin liên hệ của hai bên nay hiện trên trang đề nghị kết nối, và đơn vị kia đã được báo.
interest-done-declined = Đã từ chối. Đơn vị kia đã được báo.
interest-done-withdrawn = Đã rút lại đề nghị.
listing-done-interest-sent = Đã gửi đề nghị kết nối. Đơn vị đăng tin nhận được thư và sẽ trả lời; bạn cũng được báo qua thư.
interest-answer-title = Trả lời đề nghị kết nối
interest-answer-lead = { $from } quan tâm đến tin “{ $title }”.
interest-their-message = Lời nhắn: { $message }
interest-answered-title = Đã gửi trả lời
interest-link-failed = Liên kết không dùng được
interest-link-closed = Đề nghị có thể đã được trả lời, rút lại hoặc hết hiệu lực; xem trang đề nghị kết nối.
nav-staff-interests = Kết nối
interest-staff-title = Đề nghị kết nối trên Sàn
interest-staff-lead = Các đề nghị kết nối giữa các đơn vị: đã gửi, đang chờ, được đồng ý, bị từ chối, rút lại, hết hiệu lực, và thời gian trả lời (trung vị, tính từ lúc gửi).
interest-staff-by-month = Theo tháng gửi
interest-staff-by-sector = Theo lĩnh vực của tin
interest-staff-month = Tháng
interest-staff-all = Tất cả
interest-staff-sent = Đã gửi
interest-staff-median = Thời gian trả lời
interest-staff-hours = { $hours } giờ
interest-thread-title = Trao đổi về đề nghị kết nối
interest-thread-open = Mở cuộc trao đổi
interest-thread-messages = Tin nhắn
interest-thread-empty = Chưa có tin nhắn. Hãy viết lời chào và hẹn buổi trao đổi đầu tiên.
interest-thread-not-open = Cuộc trao đổi mở khi đề nghị được đồng ý.
interest-thread-body = Tin nhắn
interest-thread-hint = Tối đa 2.000 ký tự. Bên kia nhận thư báo, nhiều nhất một thư mỗi giờ.
interest-thread-send = Gửi tin nhắn
interest-thread-report = Báo cáo với Trung tâm
interest-thread-reported = Đã báo cáo
interest-thread-closed = Chỉ nhắn tin được khi đề nghị đã được đồng ý.
field-body = Tin nhắn
interest-done-posted = Đã gửi tin nhắn.
interest-done-reported = Đã báo cáo tin nhắn với Trung tâm; cán bộ sẽ xem xét.
interest-staff-reported = Tin nhắn bị báo cáo
interest-staff-reported-at = Báo cáo lúc
interest-staff-author = Đơn vị viết
notifications-title = Thư thông báo
notifications-lead = Chọn những thư không bắt buộc bạn muốn nhận. Thư về tài khoản, tin đăng và đề nghị kết nối luôn được gửi.
notifications-digest = Thư tóm tắt hằng tuần
notifications-digest-hint = Mỗi tuần một thư: các công nghệ và nhu cầu mới đăng phù hợp với tin của đơn vị bạn. Có thể hủy bằng một cú nhấp trong thư.
notifications-save = Lưu lựa chọn
account-done-notifications = Đã lưu lựa chọn thư thông báo.
unsubscribe-title = Hủy nhận thư tóm tắt
unsubscribe-lead = Ngừng gửi thư tóm tắt hằng tuần tới { $email }?
unsubscribe-confirm = Hủy nhận
unsubscribe-done = Bạn sẽ không nhận thư tóm tắt hằng tuần nữa. Có thể bật lại trong mục thư thông báo của tài khoản.

nav-sessions = Phiên kết nối
nav-staff-sessions = Phiên kết nối
home-all-sessions = Tất cả các phiên kết nối
sessions-title = Phiên kết nối cung – cầu công nghệ
sessions-lead = Hai tháng một lần, Trung tâm tổ chức phiên kết nối: các đơn vị có nhu cầu công nghệ và các đơn vị có công nghệ gặp nhau trực tiếp tại từng bàn, theo lịch gặp được xếp sẵn. Đăng ký đơn vị, mang theo công nghệ hoặc nhu cầu đã đăng, rồi gửi yêu cầu gặp các đơn vị phù hợp.
sessions-upcoming = Sắp diễn ra
sessions-past = Đã diễn ra
sessions-none-upcoming = Chưa có phiên nào được lên lịch. Trung tâm sẽ công bố phiên tiếp theo tại đây.
sessions-none-past = Chưa có phiên nào diễn ra.
sessions-participants-count = { $count } đơn vị tham gia
sessions-register-until = Nhận đăng ký đến { $deadline }.
session-register = Đăng ký tham gia
session-register-sign-in = Đăng nhập để đăng ký
session-register-needs-organisation = Tài khoản của bạn cần thuộc một đơn vị để đăng ký; hãy tham gia đơn vị của mình hoặc đăng ký đơn vị mới.
session-not-yet-open = Phiên đã được dự kiến; Trung tâm sẽ mở đăng ký trước ngày diễn ra.
session-registration-over = Đã hết hạn đăng ký phiên này.
session-you-registered = Đơn vị của bạn đã đăng ký: { $status }.
session-open-meetings = Xem trang cuộc gặp của đơn vị
session-programme = Chương trình
session-slots = { $count } lượt gặp
session-slot-length = Thời lượng mỗi lượt gặp
session-minutes = { $count } phút
session-breaks = Giải lao
session-tables = Bàn gặp
session-tables-count = { $count } bàn tại hội trường
session-online-tables-count = { $count } bàn trực tuyến
session-capacity = Số đơn vị tối đa
session-capacity-count = { $count } đơn vị
session-registration-deadline = Hạn đăng ký
session-request-deadline = Hạn gửi yêu cầu gặp
session-venue = Địa điểm
session-address = Địa chỉ
session-map = Xem bản đồ
session-online = Trực tuyến
session-slot-list = Các lượt gặp { $block }
session-participants = Các đơn vị tham gia
session-no-participants = Chưa có đơn vị nào được chấp nhận.
session-participants-later =
    { $count ->
        [0] Danh sách đơn vị tham gia được công bố khi hết hạn đăng ký.
       *[other] Đã có { $count } đơn vị được chấp nhận; danh sách được công bố khi hết hạn đăng ký.
    }
session-back = Quay lại
session-refused = Chưa thực hiện được
session-bad-decision = Lựa chọn không hợp lệ.
session-bad-status = Trạng thái không hợp lệ.
session-no-organisation = Tài khoản của bạn chưa thuộc đơn vị nào.
session-unverified = Đơn vị của bạn cần được Trung tâm xác minh trước khi đăng ký phiên kết nối.
session-registration-closed = Phiên này hiện không nhận đăng ký.
session-rejected = Đăng ký của đơn vị bạn cho phiên này đã không được chấp nhận; vui lòng liên hệ Trung tâm.
session-not-registered = Đơn vị của bạn không có đăng ký nào đang hiệu lực cho phiên này.
session-frozen = Phiên đã diễn ra hoặc đã hủy nên không thể thay đổi.
session-illegal-transition = Không thể chuyển phiên sang trạng thái này từ trạng thái hiện tại.
session-decided = Đăng ký này đã được xử lý.
session-not-participant = Chỉ các đơn vị đã được chấp nhận tham gia mới gửi được yêu cầu gặp.
session-requests-closed = Đã hết hạn gửi và trả lời yêu cầu gặp của phiên này.
session-request-duplicate = Giữa hai đơn vị đã có một yêu cầu gặp hoặc một cuộc gặp được ghép.
session-request-limit = Đơn vị của bạn đã có đủ số yêu cầu đang chờ trả lời cho phép; hãy chờ các đơn vị trả lời hoặc rút bớt yêu cầu.
session-request-not-pending = Yêu cầu này không còn chờ trả lời.
session-pair-not-approved = Chỉ ghép được các đơn vị đã được chấp nhận tham gia.
session-pair-self = Hãy chọn hai đơn vị khác nhau.
session-pair-exists = Hai đơn vị này đã được ghép cặp.
session-pair-gone = Cặp này không còn hiệu lực.
session-yes = Có
session-no = Không
session-register-title = Đăng ký tham gia phiên kết nối
session-register-lead = Đăng ký đơn vị tham gia “{ $title }” ngày { $date }: chọn công nghệ hoặc nhu cầu mang đến, người đại diện và buổi có thể tham gia.
session-register-no-listings = Đơn vị của bạn chưa có công nghệ hay nhu cầu nào đang được đăng; hãy đăng ít nhất một tin trước khi đăng ký.
session-register-send = Gửi đăng ký
session-field-listings = Công nghệ và nhu cầu mang đến
session-hint-listings = Các tin đang được đăng của đơn vị; các đơn vị khác sẽ thấy chúng trong danh mục của phiên.
session-field-blocks = Buổi có thể tham gia
session-field-max-meetings = Số cuộc gặp tối đa
session-hint-max-meetings = Không vượt quá số lượt gặp của phiên.
session-field-rep = Người đại diện { $n }
session-field-rep-name = Họ và tên
session-field-rep-email = Email
session-field-rep-locale = Ngôn ngữ nhận thư
session-withdraw = Rút khỏi phiên
meetings-title = Các cuộc gặp của đơn vị
meetings-registration = Đăng ký của đơn vị
meetings-change = Sửa đăng ký
meetings-pairs = Các cuộc gặp đã thống nhất
meetings-no-pairs = Chưa có cuộc gặp nào được thống nhất.
meetings-incoming = Yêu cầu gặp cần trả lời
meetings-no-incoming = Không có yêu cầu nào đang chờ đơn vị bạn trả lời.
meetings-outgoing = Yêu cầu gặp đã gửi
meetings-no-outgoing = Đơn vị bạn chưa gửi yêu cầu nào đang chờ trả lời.
meetings-catalogue = Danh mục các đơn vị tham gia
meetings-catalogue-lead = Các đơn vị được sàn gợi ý phù hợp với tin của bạn đứng đầu danh sách. Gửi yêu cầu gặp trước { $deadline }.
meetings-requests-closed = Hiện không gửi được yêu cầu gặp.
meetings-catalogue-empty = Chưa có đơn vị nào khác được chấp nhận tham gia.
meetings-suggested = Gợi ý cho bạn
meetings-ask = Gửi yêu cầu gặp
meetings-closed = Các yêu cầu đã kết thúc
session-catalogue-paired = Hai đơn vị đã được ghép để gặp nhau.
session-catalogue-asked = Đơn vị bạn đã gửi yêu cầu gặp; đang chờ trả lời.
session-catalogue-asked-you = Đơn vị này đã đề nghị gặp bạn; hãy trả lời ở phần yêu cầu cần trả lời.
session-field-reason = Lý do muốn gặp
session-hint-reason = Từ 3 đến 500 ký tự: đơn vị kia sẽ đọc lý do này khi quyết định.
session-field-block = Buổi mong muốn
session-block-any = Buổi nào cũng được
session-request-send = Gửi yêu cầu gặp
session-request-accept = Đồng ý gặp
session-request-decline = Từ chối
session-request-withdraw = Rút yêu cầu
session-waiting-pending = Đăng ký của đơn vị đang chờ Trung tâm duyệt; sau khi được chấp nhận, đơn vị có thể xem danh mục và gửi yêu cầu gặp.
session-waiting-waitlisted = Phiên đã đủ chỗ; đơn vị của bạn ở trong danh sách chờ và sẽ được báo qua email khi có chỗ.
session-waiting-withdrawn = Đơn vị của bạn đã rút khỏi phiên này.
session-waiting-rejected = Đăng ký của đơn vị bạn không được chấp nhận.
session-done-approved = Đã đăng ký; đơn vị của bạn được chấp nhận tham gia. Thư xác nhận đã được gửi tới người đại diện.
session-done-pending = Đã gửi đăng ký; Trung tâm sẽ duyệt và báo qua email.
session-done-waitlisted = Phiên đã đủ chỗ; đơn vị của bạn được đưa vào danh sách chờ.
session-done-withdrawn = Đơn vị của bạn đã rút khỏi phiên.
session-done-requested = Đã gửi yêu cầu gặp; đơn vị kia sẽ được báo qua email.
session-done-paired = Đơn vị kia cũng đã đề nghị gặp bạn: cuộc gặp đã được thống nhất.
session-done-accepted = Đã đồng ý gặp; cuộc gặp sẽ được xếp vào lịch.
session-done-declined = Đã từ chối yêu cầu gặp.
session-done-request-withdrawn = Đã rút yêu cầu gặp.
session-done-created = Đã tạo phiên.
session-done-series-created = Đã tạo chuỗi phiên và các phiên sắp tới.
session-done-saved = Đã lưu.
session-done-status = Đã chuyển trạng thái phiên.
session-done-rejected = Đã từ chối đăng ký; người đại diện đã được báo.
session-done-brokered = Đã ghép cặp.
session-done-pair-changed = Đã cập nhật cặp.
session-staff-title = Quản lý phiên kết nối
session-staff-lead = Các phiên kết nối và chuỗi phiên định kỳ. Mỗi chuỗi luôn có sẵn hai phiên sắp tới; dời hoặc hủy một phiên (dịp Tết, ngày lễ) không ảnh hưởng đến quy tắc lặp.
session-staff-sessions = Các phiên
session-staff-series = Chuỗi phiên định kỳ
session-staff-new = Tạo phiên
session-staff-new-series = Tạo chuỗi phiên
session-col-date = Ngày
session-col-title = Tên phiên
session-col-status = Trạng thái
session-col-approved = Được chấp nhận
session-col-waiting = Đang chờ
session-series-title = Chuỗi phiên định kỳ
session-series-lead = Quy tắc lặp theo chuẩn iCalendar (RRULE), tính theo giờ Việt Nam; mặc định: thứ Ba tuần thứ hai, hai tháng một lần. Các phiên sinh ra nhận các thiết lập bên dưới; hạn đăng ký và hạn gửi yêu cầu tính bằng số ngày trước ngày diễn ra.
session-series-next = Các ngày tiếp theo theo quy tắc: { $dates }
session-series-save = Lưu chuỗi phiên
session-field-rule = Quy tắc lặp (RRULE)
session-hint-rule = Ví dụ: FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU (thứ Ba tuần thứ hai, hai tháng một lần); FREQ=MONTHLY;BYMONTHDAY=-1 (ngày cuối tháng).
session-field-first-date = Ngày bắt đầu
session-field-active = Tự động tạo các phiên sắp tới
session-field-title-vi = Tên phiên (tiếng Việt)
session-field-title-en = Tên phiên (tiếng Anh)
session-field-sectors = Lĩnh vực chủ đề
session-field-session-date = Ngày diễn ra
session-field-morning = Buổi sáng
session-field-afternoon = Buổi chiều
session-hint-block = Giờ bắt đầu và kết thúc, ví dụ 08:00-11:30; để trống nếu không có buổi này.
session-field-slot-minutes = Thời lượng mỗi lượt gặp (phút)
session-field-breaks = Giải lao
session-hint-breaks = Ví dụ: 09:30-09:45, 15:00-15:15
session-field-venue = Địa chỉ hội trường
session-hint-venue = Để trống nếu phiên chỉ tổ chức trực tuyến.
session-field-map-url = Đường dẫn bản đồ
session-field-online-url = Đường dẫn phòng họp trực tuyến
session-field-tables = Bàn tại hội trường
session-field-online-tables = Bàn trực tuyến
session-hint-tables = Mỗi dòng một tên bàn.
session-field-registration-deadline = Hạn đăng ký
session-field-request-deadline = Hạn gửi yêu cầu gặp
session-field-registration-days = Hạn đăng ký (số ngày trước phiên)
session-field-request-days = Hạn gửi yêu cầu gặp (số ngày trước phiên)
session-field-capacity = Số đơn vị tối đa
session-field-max-requests = Số yêu cầu chờ trả lời tối đa của mỗi đơn vị
session-hint-max-requests = Giới hạn số yêu cầu một đơn vị gửi đi mà chưa được trả lời.
session-field-auto-approve = Tự động chấp nhận các đơn vị đã được xác minh
session-save = Lưu phiên
session-staff-session = Phiên kết nối
session-staff-status = Trạng thái hiện tại: { $status }.
session-staff-advance = Chuyển sang: { $status }
session-staff-cancel = Hủy phiên
session-staff-registrations = Các đơn vị đăng ký
session-col-organisation = Đơn vị
session-col-representatives = Người đại diện
session-unverified-badge = chưa xác minh
session-staff-approve = Chấp nhận
session-staff-reject = Từ chối
session-staff-pairs =
    { $count ->
        [0] Chưa có cặp nào được thống nhất
       *[other] { $count } cặp đã thống nhất (trọng số = 1 + điểm phù hợp + 1 nếu hai bên cùng đồng ý + 10 nếu bắt buộc gặp)
    }
session-col-a = Đơn vị thứ nhất
session-col-b = Đơn vị thứ hai
session-col-origin = Nguồn
session-col-match = Điểm phù hợp
session-col-mutual = Hai bên đồng ý
session-col-must = Bắt buộc gặp
session-col-weight = Trọng số
session-staff-must-meet = Đánh dấu bắt buộc gặp
session-staff-may-meet = Bỏ bắt buộc gặp
session-staff-remove-pair = Bỏ cặp
session-staff-broker = Ghép cặp
session-staff-broker-title = Trung tâm ghép cặp
session-staff-requests = Yêu cầu gặp đang chờ trả lời: { $pending }; đã từ chối hoặc hết hạn: { $declined }.
session-staff-settings = Thiết lập phiên
session-public-page = Trang công khai của phiên
err-session-span = Giờ chưa đúng, ví dụ: 08:00-11:30 (giờ kết thúc sau giờ bắt đầu).
err-session-no-block = Phiên cần ít nhất một buổi (sáng hoặc chiều).
err-session-no-place = Cần địa chỉ hội trường hoặc đường dẫn trực tuyến.
err-session-too-many-tables = Tối đa { $n } bàn.
err-session-no-table = Cần ít nhất một bàn gặp.
err-session-table-twice = Mỗi bàn cần một tên riêng.
err-session-no-slot = Với thời lượng này, các buổi không có lượt gặp nào.
err-session-too-many-slots = Tối đa { $n } lượt gặp mỗi phiên; hãy tăng thời lượng hoặc rút ngắn các buổi.
err-session-number = Cần một số nguyên trong khoảng cho phép (tối đa { $n }).
err-session-deadline-after = Hạn đăng ký không được sau ngày diễn ra.
err-session-request-deadline = Hạn gửi yêu cầu gặp phải từ hạn đăng ký đến ngày diễn ra.
err-session-rule = Quy tắc lặp chưa đúng chuẩn RRULE, ví dụ: FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU.
err-session-rule-frequent = Phiên kết nối lặp lại tối đa mỗi tuần một lần (FREQ=WEEKLY, MONTHLY hoặc YEARLY).
err-session-no-listing = Hãy chọn ít nhất một công nghệ hoặc nhu cầu mang đến.
err-session-no-representative = Cần ít nhất một người đại diện (họ tên và email).
err-session-rep-twice = Mỗi người đại diện cần một email riêng.
err-session-no-block-chosen = Hãy chọn ít nhất một buổi.
session-brings = { $offers } công nghệ · { $needs } nhu cầu
agenda-event-title = Gặp { $other }
agenda-schedule-title = Lịch gặp của phiên
agenda-not-run = Chưa xếp lịch.
agenda-run = Xếp lịch (giữ tối đa các cuộc gặp đã có)
agenda-report = Đã xếp { $meetings } cặp; tổng trọng số { $weight } (✓: tối ưu).
agenda-report-idle = Lượt chờ giữa các cuộc gặp: { $idle }; giữ nguyên từ lần trước: { $kept }.
agenda-pending =
    { $count ->
        [0] Không có thay đổi chờ gửi
       *[other] { $count } đơn vị có thay đổi chờ gửi — xem trước khi gửi
    }
agenda-publish-title = Công bố lịch gặp
agenda-tables-title = Phiếu từng bàn (in)
agenda-tables-hint = Mỗi bàn in trên một trang; đánh dấu cuộc gặp đã diễn ra vào ô cuối.
agenda-grid = Lịch theo lượt và bàn
agenda-slot = Lượt gặp
agenda-table = Bàn
agenda-locked = đã khóa
agenda-unplaced-title = Các cặp chưa xếp được
agenda-unplaced-none = Mọi cặp đã thống nhất đều có lịch gặp.
agenda-unplaced-no-common-time = hai bên không có buổi chung
agenda-unplaced-cap = một bên đã đủ số cuộc gặp tối đa
agenda-unplaced-full = không còn lượt hoặc bàn trống chung
agenda-loads = Số cuộc gặp và lượt chờ của từng đơn vị
agenda-meetings = Các cuộc gặp
agenda-idle = Lượt chờ
agenda-unconfirmed = Đơn vị chưa xác nhận lịch
agenda-all-confirmed = Mọi đơn vị đã xác nhận lịch.
agenda-remind = Nhắc các đơn vị chưa xác nhận
agenda-move = Chuyển
agenda-lock = Khóa
agenda-unlock = Mở khóa
agenda-cancel = Hủy cuộc gặp
agenda-status-scheduled = Đã xếp
agenda-status-cancelled = Đã hủy
agenda-status-declined = Bị từ chối
agenda-bad-number = Cần một số.
agenda-updates-title = Gửi thay đổi lịch gặp
agenda-updates-lead =
    { $count ->
        [0] Không có thay đổi nào chờ gửi.
       *[other] Email sẽ được gửi tới người đại diện của { $count } đơn vị dưới đây, kèm lịch đã cập nhật.
    }
agenda-updates-recipients = Người nhận
agenda-updates-changed = Cuộc gặp thay đổi
agenda-publish = Công bố và gửi lịch gặp
agenda-send = Gửi thay đổi
agenda-held = Đã gặp
agenda-title = Lịch gặp
agenda-download = Tải lịch (.ics)
agenda-confirmed = Đơn vị đã xác nhận lịch gặp. Cảm ơn!
agenda-confirm-all = Xác nhận toàn bộ lịch gặp
agenda-decline-all = Không tham dự được
agenda-confirm-one = Xác nhận
agenda-decline-one = Không gặp được
agenda-answer-confirmed = Đã xác nhận
agenda-answer-declined = Đã báo không gặp
agenda-empty = Đơn vị chưa có cuộc gặp nào trong lịch.
agenda-qr = Mã QR khi đến phiên
agenda-qr-hint = Đưa mã này cho cán bộ Trung tâm tại bàn đón tiếp khi đến.
agenda-link-failed = Không mở được lịch gặp
agenda-closed = Lịch gặp của phiên này không còn nhận xác nhận.
agenda-done-scheduled = Đã xếp lịch.
agenda-done-changed = Đã cập nhật cuộc gặp.
agenda-done-sent = Đã gửi thay đổi tới các đơn vị liên quan.
agenda-done-reminded = Đã gửi nhắc tới các đơn vị chưa xác nhận.
agenda-done-confirmed = Cảm ơn, đã ghi nhận xác nhận của bạn.
agenda-done-declined = Đã ghi nhận; Trung tâm đã được báo và lượt gặp được giải phóng.
session-no-updates = Không có thay đổi nào chờ gửi.
session-not-published = Lịch gặp của phiên chưa được công bố.
session-not-scheduling = Chỉ xếp lịch khi phiên đang ở bước xếp lịch hoặc đã công bố lịch.
session-schedule-first = Hãy xếp lịch trước khi công bố.
session-schedule-impossible = Không xếp được lịch với thiết lập hiện tại của phiên (lượt, bàn, buổi).
meeting-not-scheduled = Cuộc gặp này không còn trong lịch.
meeting-move-outside = Lượt hoặc bàn không có trong phiên.
meeting-table-taken = Bàn này đã có cuộc gặp ở lượt đó.
meeting-busy = Một trong hai đơn vị đã có cuộc gặp khác ở lượt đó.
meeting-unavailable = Một trong hai đơn vị không tham dự buổi đó.
meetings-schedule = Lịch gặp của đơn vị
meetings-open-agenda = Mở lịch gặp: xác nhận, tải lịch, mã QR
agenda-change = Chuyển, khóa hoặc hủy
session-slots-in-use = Một số cuộc gặp đã xếp nằm ở lượt hoặc bàn mà thiết lập mới bỏ đi; hãy chuyển hoặc hủy chúng trước.
day-title = Ngày diễn ra phiên
day-door-title = Đón tiếp
day-search = Tìm theo tên đơn vị hoặc người đại diện
day-nobody = Không có đơn vị nào khớp.
day-arrived = Đã đến
day-arrived-at = Đã đến lúc { $when }
day-arrived-count = đã đến { $arrived }/{ $total } đơn vị
day-walk-in = Ghi nhận đơn vị đến không đăng ký
day-walk-in-title = Đơn vị đến không đăng ký trước
day-check-in-title = Xác nhận đến phiên
day-attendance = Tình trạng
day-attendance-held = Đã gặp
day-attendance-no-show = Vắng mặt
day-attendance-moved = Đổi giờ/bàn
day-mark-held = Đã gặp
day-mark-no-show = Vắng mặt
day-mark-moved = Đổi giờ/bàn
day-refill = Xếp cặp đang chờ vào chỗ trống
day-refill-title = Bàn trống do vắng mặt
day-done-arrived = Đã ghi nhận đơn vị đến.
day-done-walk-in = Đã ghi nhận đơn vị đến không đăng ký.
day-done-marked = Đã ghi nhận tình trạng cuộc gặp.
day-done-refilled = Đã xếp lại phần còn lại của buổi với thay đổi tối thiểu.
session-not-on-the-day = Việc này chỉ làm được khi phiên đã công bố lịch và chưa kết thúc.
session-day-over = Các lượt gặp của ngày đã hết.
session-walk-in-registered = Đơn vị này đã có trong danh sách tham gia.
feedback-title = Đánh giá các cuộc gặp
feedback-follow-up-title = Kết quả sau các cuộc gặp
feedback-lead = Với từng cuộc gặp: mức hữu ích (chỉ cán bộ Trung tâm xem) và kết quả. Có thể sửa câu trả lời bằng cùng đường dẫn.
feedback-follow-up-lead = Với từng cuộc gặp chưa đi đến hợp đồng: đến nay đã có kết quả gì?
feedback-link-failed = Không mở được trang đánh giá
feedback-rating = Mức hữu ích
feedback-rating-hint = Chỉ cán bộ Trung tâm xem.
feedback-rating-1 = 1 — Không hữu ích
feedback-rating-2 = 2 — Ít hữu ích
feedback-rating-3 = 3 — Hữu ích
feedback-rating-4 = 4 — Rất hữu ích
feedback-stage = Kết quả
feedback-value = Giá trị hợp đồng (đồng)
feedback-value-hint = Chỉ khi đã ký hợp đồng chuyển giao; không bắt buộc. Chỉ Trung tâm thấy giá trị của từng hợp đồng.
feedback-note = Ghi chú
feedback-send = Lưu câu trả lời
feedback-stop = Không nhận câu hỏi tiếp theo
feedback-answered = Đã trả lời lúc { $when }
feedback-done-saved = Đã lưu, cảm ơn!
feedback-done-stopped = Trung tâm sẽ không hỏi thêm về các cuộc gặp này.
outcome-stage-none = Không có bước tiếp theo
outcome-stage-other = Khác
outcome-stage-follow-up = Đã hẹn gặp tiếp
outcome-stage-nda = Đã ký thỏa thuận bảo mật (NDA)
outcome-stage-pilot = Thử nghiệm / áp dụng thử
outcome-stage-contract = Đã ký hợp đồng chuyển giao công nghệ
err-value-without-contract = Chỉ ghi giá trị khi kết quả là hợp đồng đã ký.
report-title = Báo cáo phiên kết nối
report-range-title = Báo cáo các phiên kết nối theo thời gian
report-range-lead = Các phiên đã diễn ra từ { $from } đến { $to }.
report-figures = Số liệu
report-figure = Chỉ tiêu
report-value = Giá trị
report-total = Cộng
report-sessions = Số phiên đã tổ chức
report-approved = Đơn vị tham gia
report-pending = Đơn vị chờ duyệt hoặc chờ chỗ
report-withdrawn = Đơn vị rút hoặc không được chấp nhận
report-walk-ins = Đơn vị đến không đăng ký
report-arrived = Đơn vị có mặt
report-requests-sent = Yêu cầu gặp đã gửi
report-requests-accepted = Yêu cầu gặp được đồng ý
report-brokered = Cặp do Trung tâm ghép
report-from-interest = Cặp từ quan tâm hai chiều
report-scheduled = Cuộc gặp đã xếp lịch
report-held = Cuộc gặp đã diễn ra (gặp một – một)
report-no-shows = Cuộc gặp vắng mặt
report-rating = Đánh giá mức { $n }
report-rating-mean = Đánh giá trung bình (1–4)
report-funnel-held = Kết quả: cuộc gặp đã diễn ra
report-funnel-follow-up = Kết quả: có hẹn gặp tiếp trở lên
report-funnel-nda = Kết quả: thỏa thuận (NDA) trở lên
report-funnel-pilot = Kết quả: thử nghiệm trở lên
report-funnel-contract = Kết quả: hợp đồng chuyển giao
report-contract-value = Giá trị hợp đồng (đồng)
report-response-hours = Thời gian trả lời yêu cầu gặp (giờ, trung vị)
report-carried-over = Nhu cầu chuyển sang phiên sau
report-meetings = Từng cuộc gặp
report-outcome = Kết quả
report-ratings = Đánh giá
report-disagree = Hai bên báo khác nhau: { $low } và { $high }
report-carried-title = Nhu cầu chuyển sang phiên sau
report-needs = Nhu cầu
report-needs-count = { $count } nhu cầu
report-reason = Lý do
report-csv = Tải CSV
report-xlsx = Tải Excel (XLSX)
report-bad-format = Định dạng phải là csv hoặc xlsx.
carry-reason-no-candidate = không có công nghệ phù hợp tại phiên
carry-reason-declined = yêu cầu gặp bị từ chối hoặc hết hạn
carry-reason-no-slot = không còn lượt gặp trống
carry-reason-no-show = cuộc gặp không diễn ra do vắng mặt
carry-reason-no-follow-up = đã gặp nhưng chưa có bước tiếp theo
session-results = Kết quả của phiên
session-results-meetings = cuộc gặp một – một
session-results-agreements = thỏa thuận hợp tác
session-results-contracts = hợp đồng chuyển giao công nghệ
session-results-value = tổng giá trị hợp đồng
session-done-marked = Đã ghi nhận tình trạng cuộc gặp.
err-contract-value = Số tiền bằng đồng, ví dụ: 350.000.000.
interest-answer-sent = Đơn vị bạn đã gửi đề nghị này; chỉ đơn vị nhận mới trả lời được (bạn có thể rút đề nghị khi nó còn chờ).
interest-withdraw-received = Đơn vị bạn nhận đề nghị này; hãy đồng ý hoặc từ chối thay vì rút.
