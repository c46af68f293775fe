# Emails: one group per kind (templates/email/<kind>/), plus what the layout of every email says.

email-greeting = Xin chào { $name },
email-preferences = Tùy chọn nhận thư

## verify-email

email-verify-subject = Xác nhận địa chỉ email của bạn
email-verify-lead = Cảm ơn bạn đã đăng ký trên Sàn giao dịch công nghệ. Vui lòng xác nhận địa chỉ email này là của bạn:
email-verify-action = Xác nhận email
email-verify-after = Liên kết có hiệu lực trong 48 giờ. Nếu bạn không đăng ký, hãy bỏ qua thư này.

## account-exists

email-exists-subject = Có người đăng ký bằng email của bạn
email-exists-lead = Ai đó (có thể là bạn) vừa đăng ký một tổ chức mới trên Sàn giao dịch công nghệ bằng địa chỉ này, vốn đã có tài khoản. Không có gì thay đổi.
email-exists-action = Đăng nhập hoặc đặt lại mật khẩu
email-exists-after = Nếu đó không phải là bạn, bạn không cần làm gì.

## reset-password

email-reset-subject = Đặt lại mật khẩu
email-reset-lead = Chúng tôi nhận được yêu cầu đặt lại mật khẩu tài khoản của bạn trên Sàn giao dịch công nghệ.
email-reset-action = Chọn mật khẩu mới
email-reset-after = Liên kết chỉ dùng được một lần, trong một giờ. Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn vẫn giữ nguyên.

## change-email

email-change-subject = Xác nhận địa chỉ email mới
email-change-lead = Bạn đã yêu cầu dùng địa chỉ này cho tài khoản trên Sàn giao dịch công nghệ.
email-change-action = Xác nhận địa chỉ mới
email-change-after = Liên kết dùng được một lần, trong 24 giờ; yêu cầu mới hơn sẽ thay thế nó.

## email-changed

email-changed-subject = Địa chỉ email của tài khoản bạn đã được đổi
email-changed-lead = Địa chỉ email của tài khoản bạn trên Sàn giao dịch công nghệ nay là { $email }. Các trình duyệt khác đang đăng nhập đã được đăng xuất.
email-changed-after = Nếu bạn không thực hiện thay đổi này, hãy trả lời thư này hoặc liên hệ ngay với Trung tâm.

## invite

email-invite-subject = { $inviter } mời bạn tham gia { $organisation } trên Sàn giao dịch công nghệ
email-invite-lead = { $inviter } ({ $inviter_email }) mời bạn cùng đại diện cho { $organisation } trên Sàn giao dịch công nghệ: đăng công nghệ chào bán, nhu cầu công nghệ và tham gia các phiên kết nối cung – cầu.
email-invite-action = Nhận lời mời
email-invite-after = Lời mời dùng được một lần, trong 7 ngày.

## listing-expiring

email-expiring-subject = Tin của bạn hết hạn ngày { $date }: gia hạn bằng một cú nhấp
email-expiring-lead = “{ $title }” sẽ rời khỏi các trang và kết quả tìm kiếm của Sàn vào { $date }.
email-expiring-action = Gia hạn thêm một kỳ
email-expiring-after = Nếu công nghệ không còn, bạn không cần làm gì: tin sẽ tự hết hạn.

## listing-returned ($outcome is "returned" or "rejected")

email-returned-subject =
    { $outcome ->
        [rejected] Không được chấp nhận: { $title }
       *[returned] Cần bổ sung: { $title }
    }
email-returned-lead =
    { $outcome ->
        [rejected] Trung tâm không chấp nhận tin này: “{ $title }”.
       *[returned] Trung tâm trả lại tin này để bổ sung: “{ $title }”.
    }
email-returned-reason = Lý do: { $reason }
email-returned-action = Mở tin
email-returned-after =
    { $outcome ->
        [rejected] Nếu có câu hỏi, hãy trả lời thư này hoặc liên hệ Trung tâm.
       *[returned] Hãy sửa theo góp ý và gửi lại.
    }

## test

email-test-subject = Thư thử nghiệm của Sàn giao dịch công nghệ — thư mời gặp
email-test-lead = Đây là thư thử nghiệm do cán bộ vận hành Sàn giao dịch công nghệ gửi để kiểm tra việc gửi thư. Thư kèm một thư mời mẫu cho buổi gặp song phương trong phiên kết nối cung – cầu công nghệ:
email-test-meeting-label = Buổi gặp
email-test-meeting-title = Buổi gặp mẫu: bên cầu × bên cung
email-test-when-label = Thời gian
email-test-local-time = { $when } (giờ Việt Nam)
email-test-where-label = Địa điểm
email-test-location = Bàn 1, hội trường kết nối của Trung tâm
email-test-after = Lịch của bạn sẽ đề nghị chấp nhận hoặc từ chối lời mời. Bạn không cần làm gì thêm.

## interest
email-interest-received-subject = { $from } quan tâm đến “{ $title }”
email-interest-received-lead = { $from } quan tâm đến tin “{ $title }” của đơn vị bạn và muốn kết nối.
email-interest-message = Lời nhắn:
email-interest-reasons = Gợi ý phù hợp của Sàn, các từ trùng khớp: { $words }
email-interest-received-action = Trả lời: đồng ý hoặc từ chối
email-interest-received-after = Tất cả đề nghị kết nối của đơn vị bạn: { $page }. Đồng ý thì hai bên thấy thông tin liên hệ của nhau.
email-interest-open-page = Mở trang đề nghị kết nối
email-interest-answered-subject =
    { $outcome ->
        [accepted] Đã đồng ý kết nối: { $title }
       *[declined] Đề nghị kết nối bị từ chối: { $title }
    }
email-interest-answered-lead =
    { $outcome ->
        [accepted] { $by } đã đồng ý kết nối về tin “{ $title }”.
       *[declined] { $by } đã từ chối đề nghị kết nối về tin “{ $title }”.
    }
email-interest-answered-after =
    { $outcome ->
        [accepted] Thông tin liên hệ của hai bên nay hiện trên trang đề nghị kết nối.
       *[declined] Bạn có thể tìm các công nghệ khác phù hợp trên Sàn.
    }
email-interest-reminder-subject = Nhắc: { $from } đang chờ trả lời về “{ $title }”
email-interest-reminder-lead = { $from } bày tỏ quan tâm đến tin “{ $title }” ngày { $date } và chưa nhận được trả lời.
email-interest-reminder-after = Đề nghị chưa trả lời sẽ hết hiệu lực sau 30 ngày.
email-interest-expired-subject = Đề nghị kết nối hết hiệu lực: { $title }
email-interest-expired-lead = { $to } chưa trả lời đề nghị kết nối của bạn về tin “{ $title }” trong 30 ngày, nên đề nghị đã hết hiệu lực.
email-interest-expired-after = Bạn có thể gửi lại đề nghị, hoặc liên hệ Trung tâm để được hỗ trợ kết nối.
email-interest-message-subject = Tin nhắn mới từ { $from } về “{ $title }”
email-interest-message-lead = { $from } viết cho đơn vị bạn về “{ $title }”:
email-interest-message-action = Mở cuộc trao đổi
email-interest-message-after = Trong một giờ, các tin nhắn tiếp theo của cuộc trao đổi này không gửi thêm thư; hãy xem trên trang.

## digest
email-digest-subject =
    { $count ->
        [one] Một tin mới phù hợp với đơn vị bạn trong tuần
       *[other] { $count } tin mới phù hợp với đơn vị bạn trong tuần
    }
email-digest-lead = Các công nghệ và nhu cầu mới đăng trong tuần qua, phù hợp với tin của đơn vị bạn:
email-digest-matches = Phù hợp với: { $title }
email-digest-unsubscribe = Không muốn nhận thư tóm tắt hằng tuần nữa? Hủy bằng một cú nhấp: { $url }
email-session-open = Mở trang phiên kết nối của đơn vị
email-session-notice-subject =
    { $what ->
        [approved] Đăng ký đã được chấp nhận: { $session }
        [pending] Đã nhận đăng ký, chờ Trung tâm duyệt: { $session }
        [waitlisted] Phiên đã đủ chỗ, đơn vị trong danh sách chờ: { $session }
        [moved_up] Đã có chỗ cho đơn vị: { $session }
        [rejected] Đăng ký không được chấp nhận: { $session }
        [withdrawn] Đơn vị đã rút đăng ký: { $session }
       *[cancelled] Phiên kết nối bị hủy: { $session }
    }
email-session-notice-lead =
    { $what ->
        [approved] Đơn vị của bạn đã được chấp nhận tham gia “{ $session }” ngày { $date }.
        [pending] Trung tâm đã nhận đăng ký của đơn vị bạn cho “{ $session }” ngày { $date } và sẽ duyệt trong thời gian sớm nhất.
        [waitlisted] “{ $session }” ngày { $date } đã đủ chỗ; đơn vị của bạn ở trong danh sách chờ và sẽ được báo ngay khi có chỗ.
        [moved_up] Đã có chỗ trống: đơn vị của bạn được chuyển từ danh sách chờ vào “{ $session }” ngày { $date }.
        [rejected] Rất tiếc, đăng ký của đơn vị bạn cho “{ $session }” ngày { $date } không được chấp nhận. Vui lòng liên hệ Trung tâm nếu cần thêm thông tin.
        [withdrawn] Đơn vị của bạn đã rút khỏi “{ $session }” ngày { $date }; các yêu cầu gặp của đơn vị đã được hủy.
       *[cancelled] “{ $session }” ngày { $date } đã bị hủy. Trung tâm sẽ thông báo phiên tiếp theo.
    }
email-session-notice-next =
    { $what ->
        [approved] Hãy xem danh mục các đơn vị tham gia và gửi yêu cầu gặp trước { $deadline }.
        [moved_up] Hãy xem danh mục các đơn vị tham gia và gửi yêu cầu gặp trước { $deadline }.
        [pending] Khi được duyệt, đơn vị có thể gửi yêu cầu gặp đến { $deadline }.
       *[other] Mọi thông tin của đơn vị về phiên này có trên trang phiên kết nối.
    }
email-meeting-request-subject =
    { $what ->
        [received] { $from } muốn gặp đơn vị bạn tại phiên kết nối
        [accepted] { $from } đã đồng ý gặp đơn vị bạn
       *[declined] { $from } đã từ chối yêu cầu gặp
    }
email-meeting-request-lead =
    { $what ->
        [received] { $from } đề nghị gặp đơn vị bạn tại “{ $session }”.
        [accepted] { $from } đã đồng ý gặp đơn vị bạn tại “{ $session }”.
       *[declined] { $from } đã từ chối yêu cầu gặp của đơn vị bạn tại “{ $session }”.
    }
email-meeting-request-date = Phiên diễn ra ngày { $date }.
email-meeting-request-reason = Lý do gặp:
email-meeting-request-after =
    { $what ->
        [received] Đăng nhập để đồng ý hoặc từ chối; yêu cầu chưa trả lời sẽ hết hạn khi hết hạn gửi yêu cầu.
        [accepted] Cuộc gặp sẽ được xếp vào lịch của phiên; lịch gặp được gửi khi Trung tâm công bố.
       *[declined] Danh mục còn nhiều đơn vị khác có thể phù hợp với đơn vị bạn.
    }
email-agenda-subject =
    { $what ->
        [published] Lịch gặp của đơn vị bạn: { $session }
        [updated] Lịch gặp đã thay đổi: { $session }
        [reminder] Nhắc lịch gặp: { $session }
       *[cancelled] Phiên kết nối bị hủy: { $session }
    }
email-agenda-lead =
    { $what ->
        [published] Lịch gặp của đơn vị bạn tại “{ $session }” ngày { $date } đã được công bố.
        [updated] Lịch gặp của đơn vị bạn tại “{ $session }” ngày { $date } đã thay đổi; các cuộc gặp thay đổi được đánh dấu.
        [reminder] Nhắc lịch: “{ $session }” diễn ra ngày { $date }.
       *[cancelled] “{ $session }” ngày { $date } đã bị hủy cùng mọi cuộc gặp của phiên.
    }
email-agenda-venue = Địa điểm: { $venue }
email-agenda-online = Trực tuyến: { $url }
email-agenda-empty = Đơn vị bạn chưa có cuộc gặp nào trong lịch.
email-agenda-cancelled = đã hủy
email-agenda-changed = đã thay đổi
email-agenda-after =
    { $what ->
        [cancelled] Lịch trong ứng dụng lịch của bạn được cập nhật theo tệp đính kèm.
       *[other] Tệp đính kèm agenda.ics đưa các cuộc gặp vào lịch của bạn. Vui lòng xác nhận lịch gặp (hoặc báo không tham dự một cuộc gặp) trên trang lịch gặp, không cần đăng nhập.
    }
email-agenda-open = Mở lịch gặp để xác nhận
email-alert-subject = { $organisation } từ chối một cuộc gặp: { $session }
email-alert-lead = { $organisation } đã báo không tham dự cuộc gặp với { $other } lúc { $time }. Lượt gặp đó đã được giải phóng; có thể xếp lại lịch với thay đổi tối thiểu.
email-alert-open = Mở lịch của phiên
email-feedback-subject =
    { $what ->
        [feedback] Các cuộc gặp hôm nay thế nào? { $session }
       *[other] Sau { $what } ngày: kết quả các cuộc gặp tại { $session }
    }
email-feedback-lead =
    { $what ->
        [feedback] Cảm ơn đơn vị đã tham gia “{ $session }” ngày { $date }. Xin cho biết đánh giá và kết quả của từng cuộc gặp:
       *[other] Đã { $what } ngày kể từ “{ $session }” ngày { $date }. Các cuộc gặp sau đã tiến triển thế nào?
    }
email-feedback-after =
    { $what ->
        [feedback] Đánh giá chỉ cán bộ Trung tâm xem. Có thể sửa câu trả lời bất cứ lúc nào bằng cùng đường dẫn.
       *[other] Trung tâm sẽ hỏi lại sau 30, 90 và 180 ngày cho đến khi có hợp đồng; có thể từ chối nhận câu hỏi trên trang.
    }
email-feedback-open = Trả lời (không cần đăng nhập)
