# Labels of the closed vocabularies: `<vocabulary>-<code>`.

## OrgKind

org-kind-enterprise = Doanh nghiệp
org-kind-research-institute = Viện nghiên cứu
org-kind-university = Trường đại học
org-kind-individual = Cá nhân / nhà sáng chế
org-kind-other = Tổ chức khác

## Role

role-member = Thành viên
role-staff = Cán bộ Trung tâm
role-admin = Quản trị

## Sector

sector-agriculture = Nông – lâm nghiệp
sector-aquaculture = Thủy sản
sector-food-processing = Chế biến thực phẩm
sector-biotechnology = Công nghệ sinh học
sector-health = Y tế – dược phẩm
sector-environment = Môi trường – nước
sector-energy = Năng lượng
sector-materials = Vật liệu – hóa chất
sector-mechanics = Cơ khí – tự động hóa
sector-electronics = Điện tử – viễn thông
sector-it = Công nghệ thông tin
sector-construction = Xây dựng
sector-handicrafts = Thủ công mỹ nghệ – làng nghề
sector-tourism = Du lịch – dịch vụ
sector-other = Lĩnh vực khác

## IpStatus

ip-status-none = Chưa bảo hộ
ip-status-know-how = Bí quyết kỹ thuật
ip-status-pending = Đơn đang chờ cấp
ip-status-patent = Bằng độc quyền sáng chế
ip-status-utility-solution = Bằng độc quyền giải pháp hữu ích
ip-status-plant-variety = Bằng bảo hộ giống cây trồng

## TransferMode

transfer-mode-licence = Chuyển giao quyền sử dụng (li-xăng)
transfer-mode-assignment = Chuyển nhượng quyền sở hữu
transfer-mode-joint-venture = Góp vốn bằng công nghệ / liên doanh
transfer-mode-technical-service = Dịch vụ kỹ thuật
transfer-mode-training = Đào tạo
transfer-mode-consulting = Tư vấn
transfer-mode-equipment = Mua bán thiết bị kèm công nghệ

## ListingKind

listing-kind-offer = Công nghệ chào bán
listing-kind-need = Nhu cầu công nghệ

## ListingStatus

listing-status-draft = Bản nháp
listing-status-submitted = Chờ kiểm duyệt
listing-status-published = Đã duyệt đăng
listing-status-returned = Trả lại để bổ sung
listing-status-archived = Lưu trữ
listing-status-rejected = Bị từ chối

## ContactVisibility

contact-visibility-public = Công khai
contact-visibility-members = Thành viên đã xác minh
contact-visibility-on-interest = Sau khi hai bên cùng quan tâm

## Province

province-ha-noi = Hà Nội
province-hue = Huế
province-hai-phong = Hải Phòng
province-da-nang = Đà Nẵng
province-ho-chi-minh = TP. Hồ Chí Minh
province-can-tho = Cần Thơ
province-lai-chau = Lai Châu
province-dien-bien = Điện Biên
province-son-la = Sơn La
province-lang-son = Lạng Sơn
province-quang-ninh = Quảng Ninh
province-thanh-hoa = Thanh Hóa
province-nghe-an = Nghệ An
province-ha-tinh = Hà Tĩnh
province-cao-bang = Cao Bằng
province-tuyen-quang = Tuyên Quang
province-lao-cai = Lào Cai
province-thai-nguyen = Thái Nguyên
province-phu-tho = Phú Thọ
province-bac-ninh = Bắc Ninh
province-hung-yen = Hưng Yên
province-ninh-binh = Ninh Bình
province-quang-tri = Quảng Trị
province-quang-ngai = Quảng Ngãi
province-gia-lai = Gia Lai
province-khanh-hoa = Khánh Hòa
province-lam-dong = Lâm Đồng
province-dak-lak = Đắk Lắk
province-dong-nai = Đồng Nai
province-tay-ninh = Tây Ninh
province-vinh-long = Vĩnh Long
province-dong-thap = Đồng Tháp
province-ca-mau = Cà Mau
province-an-giang = An Giang
session-status-planned = Dự kiến
session-status-registration-open = Đang nhận đăng ký
session-status-requests = Đang gửi yêu cầu gặp
session-status-scheduling = Đang xếp lịch
session-status-published = Đã công bố lịch
session-status-held = Đã diễn ra
session-status-closed = Đã kết thúc
session-status-cancelled = Đã hủy
session-block-morning = Buổi sáng
session-block-afternoon = Buổi chiều
participant-status-pending = Chờ duyệt
participant-status-approved = Đã được chấp nhận
participant-status-waitlisted = Danh sách chờ
participant-status-withdrawn = Đã rút
participant-status-rejected = Không được chấp nhận
request-status-pending = Chờ trả lời
request-status-accepted = Đã đồng ý
request-status-declined = Đã từ chối
request-status-expired = Hết hạn
request-status-withdrawn = Đã rút
request-status-removed = Đã bỏ
pair-origin-request = Yêu cầu gặp
pair-origin-staff = Trung tâm ghép cặp
pair-origin-interest = Cùng quan tâm
