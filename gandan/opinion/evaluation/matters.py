"""The concrete matters planted in the corpus: what each is about, where, and how its volume moves over time.

Templates: `[a|b]` one alternative, `{v}` the writer's village ("thôn Hoành Sơn"), `{v2}` another village of the
matter, `{c}` the commune ("xã Yên Lãng"), `{d}` when ("hôm qua", "sáng nay"…). Several matters share a commune and
a topic on purpose (two roads of Yên Lãng, two farms and a dead-pig dump in Hải Lựu, land certificates slow in two
communes, two compensation disputes in Sông Lô): they are different matters and must stay apart.

Profiles: `burst` (quiet, then `size` signals within `days` days from day `onset`, then a tail), `slow_rise` (weekly
counts from week `start`), `steady` (a persistent theme at `rate` signals a week over the whole period: must not
alert), `sporadic` (a concrete matter mentioned `size` times, days apart, over the whole period: no rise, no
alert).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Matter:
    key: str
    commune: str  # code
    villages: tuple[str, ...]  # names without "Thôn"; the first is where it starts
    profile: str  # burst | slow_rise | steady
    topic: str
    templates: tuple[str, ...]
    onset: float = 0.0  # burst: day (from the corpus start) the rise starts
    size: int = 0  # burst: signals in the rise
    days: float = 2.0  # burst: length of the rise in days
    pre: int = 0  # burst: scattered early mentions before the onset
    tail: int = 0  # burst: mentions in the fortnight after
    crowd: bool = False  # burst: some signals are crowd petitions (people ≥ 5)
    weekly: tuple[int, ...] = field(default=())  # slow_rise: counts per week from week `start`
    start: int = 0
    rate: tuple[int, int] = (0, 0)  # steady: signals per week, min..max


def _sporadic(
    key: str, commune: str, villages: tuple[str, ...], topic: str, size: int, *templates: str
) -> Matter:
    return Matter(key, commune, villages, "sporadic", topic, templates, size=size)


YL, TS, SL, HL = "08773", "08824", "08848", "08782"

# fmt: off
MATTERS: list[Matter] = [
    # ---------------------------------------------------------------- xã Yên Lãng
    Matter(
        "yl_culvert", YL, ("Hoành Sơn", "Tam Đa"), "burst", "traffic",
        (
            "Cống qua đường liên thôn giữa {v} và {v2} bị [sập|sụt|vỡ] sau trận mưa {d}, [xe máy không đi qua được|ô tô phải quay đầu|học sinh phải lội nước đi học].",
            "Đoạn đường từ {v} sang {v2} [bị sụt một hố to|sụt lún] ngay chỗ cái cống cũ, [rất nguy hiểm|tối qua có người ngã xe], đề nghị xã rào lại gấp.",
            "Mưa to làm [trôi|sập] cống, nước tràn qua mặt đường, [bà con|người dân] hai thôn bị chia cắt.",
            "Ống cống dưới đường [bê tông|liên thôn] bị vỡ, mặt đường sụt sâu gần một mét, chưa có biển báo.",
            "Chỗ [cầu cống|cống] đầu {v} [sập rồi|bị sập], xe chở [lúa|nông sản] không ra được, xin xã [khắc phục|sửa] ngay.",
            "Kiểm tra thấy cống tròn đường {v} - {v2} hư hỏng nặng, mặt đường sụt lở dài khoảng 6m, đề nghị cắm biển cảnh báo và sửa chữa khẩn cấp.",
        ),
        onset=11.4, size=12, days=2, pre=0, tail=4,
    ),
    Matter(
        "yl_quarry_road", YL, ("Trường Xuân", "Lãng Sơn"), "steady", "traffic",
        (
            "Xe [tải|ben|quá tải] chở đá [từ mỏ|của mỏ đá] chạy suốt ngày qua {v}, đường [nát hết|toàn ổ gà|xuống cấp nghiêm trọng].",
            "Đường qua {v} [nhiều ổ gà|hỏng nặng], trời mưa thì lầy lội, nắng thì bụi, [xe đá|xe quá tải] vẫn chạy.",
            "Đề nghị [kiểm soát|cấm] xe quá tải trên tuyến đường {v}, [mặt đường|đường bê tông] đã [vỡ|nứt] nhiều chỗ.",
            "[Bao giờ|Khi nào] thì [sửa|làm lại] đường {v}? [ổ gà|ổ voi] to như cái nong, xe đá vẫn chạy ầm ầm.",
        ),
        rate=(2, 4),
    ),
    Matter(
        "yl_transformer", YL, ("Phú Cường", "Minh Tân"), "burst", "utilities",
        (
            "[Mất điện|Cắt điện] {d} ở {v}, [trạm biến áp|máy biến áp] bị [cháy|nổ], nóng quá [không ai ngủ được|trẻ con khóc cả đêm].",
            "Trạm biến áp {v} [nổ|cháy] từ [tối qua|hôm kia], điện lực [chưa thấy ai đến|hẹn mãi chưa sửa].",
            "[Cả thôn|Cả xóm] {v} mất điện [2 ngày nay|mấy hôm nay], tủ lạnh hỏng hết đồ, [ai chịu trách nhiệm|xã có biết không]?",
            "Mất điện kéo dài, [bơm nước|máy bơm giếng] không chạy, [không có nước sinh hoạt|không có nước tắm cho trẻ].",
            "Đề nghị xã [đôn đốc|làm việc với] điện lực thay máy biến áp ở {v} [gấp|ngay], dân chịu hết nổi rồi.",
        ),
        onset=22.7, size=14, days=1.5, pre=1, tail=3,
    ),
    Matter(
        "yl_allowance", YL, ("Thống Nhất", "Đoàn Kết", "Yên Sơn"), "slow_rise", "social_policy",
        (
            "Trợ cấp [người cao tuổi|bảo trợ xã hội] của [bố tôi|mẹ tôi|ông nhà tôi] ở {v} [3 tháng nay chưa nhận được|chưa được chi từ tháng 7].",
            "Từ khi sáp nhập xã, tiền trợ cấp [người khuyết tật|xã hội hàng tháng] bị chậm, [hỏi thì bảo chờ|không ai trả lời].",
            "Xin hỏi bao giờ chi trả trợ cấp [theo Nghị định 20|bảo trợ xã hội] cho các cụ {v}? [Đã mấy tháng rồi|Lâu quá rồi].",
            "[Các cụ|Người già] {v} [phản ánh|kêu] chưa [nhận|được lĩnh] tiền trợ cấp hàng tháng, [danh sách chuyển về xã mới bị sót|nghe nói bị sót tên].",
        ),
        weekly=(1, 1, 2, 3, 5, 8), start=2,
    ),
    Matter(
        "yl_cattle", YL, ("Lãng Sơn", "Thành Công"), "steady", "security",
        (
            "[Trâu bò|Bò] thả rông trên đường {v}, [tối không có đèn|buổi tối] [dễ đâm vào|rất nguy hiểm cho xe máy].",
            "[Nhà nào|Hộ nào] để bò [ăn lúa|phá hoa màu] của dân {v} mà không ai xử lý.",
            "Đề nghị thôn {v} nhắc các hộ [không thả rông gia súc|nhốt trâu bò], [phân bò|phân trâu] đầy đường.",
        ),
        rate=(2, 3),
    ),
    Matter(
        "yl_school_fees", YL, ("Đoàn Kết", "Thành Công", "Hoành Sơn"), "burst", "education",
        (
            "Trường tiểu học [Lãng Công|của xã] thu [nhiều khoản|các khoản] đầu năm: [tiền quỹ lớp|tiền máy chiếu|tiền điều hòa], [phụ huynh bức xúc|không rõ ràng].",
            "Đầu năm học con tôi [phải đóng|bị thu] gần 3 triệu, [có khoản tài trợ bắt buộc|nhiều khoản không có trong quy định].",
            "Phụ huynh lớp [1A|2B|4C|3A] phản ánh ban đại diện [thu tiền mua ti vi|thu tiền sửa lớp], [đề nghị xã kiểm tra|có đúng quy định không]?",
            "Sao trường [thu tiền|lạm thu] [nhiều vậy|quá nhiều], nhà nghèo [lấy đâu ra|không kham nổi], [đề nghị công khai|yêu cầu công khai] các khoản thu.",
            "Họp phụ huynh đầu năm [áp|ép] mức đóng góp cho tất cả, [không cho ý kiến|ai không đóng thì bị nhắc tên].",
        ),
        onset=6.3, size=11, days=3, pre=0, tail=4, crowd=True,
    ),
    Matter(
        "yl_compensation", YL, ("Yên Sơn", "Thành Công", "Đoàn Kết"), "burst", "land",
        (
            "Giá [bồi thường|đền bù] đất [lúa|nông nghiệp] cho dự án cụm công nghiệp [quá thấp|không thỏa đáng], [bà con {v} không đồng ý|dân {v} không nhận tiền].",
            "Các hộ {v} [có đất|bị thu hồi đất] trong dự án cụm công nghiệp [kiến nghị|yêu cầu] [xem lại|áp lại] đơn giá [đền bù|bồi thường].",
            "Dân {v} và {v2} [tập trung|kéo lên] [trụ sở xã|nhà văn hóa] vì [tiền đền bù|bồi thường giải phóng mặt bằng] [chênh lệch|không công bằng].",
            "[Đo đạc|Kiểm đếm] diện tích [thu hồi|giải phóng mặt bằng] sai, nhà tôi [bị thiếu|mất] gần 200 m2 [không được tính|mà không được đền].",
            "Chúng tôi [không đồng ý|phản đối] phương án [hỗ trợ chuyển đổi nghề|bồi thường] của dự án, [chưa có đất tái định cư|chưa được họp dân].",
        ),
        onset=33.2, size=13, days=3, pre=2, tail=5, crowd=True,
    ),
    Matter(
        "yl_dead_fish", YL, ("Minh Tân", "Tam Đa"), "burst", "environment",
        (
            "Cá chết [trắng|nổi trắng|hàng loạt] trên [suối|con suối|mương] chảy qua {v}, [nước đen|nước có mùi hôi].",
            "[Sáng nay|Hôm qua] [ao|đầm] cá nhà tôi ở {v} [chết sạch|chết hết], nghi [nước thải|có ai xả thải] từ [thượng nguồn|phía trên].",
            "Nước suối {v} [đổi màu|đen kịt] và [bốc mùi|hôi thối], cá chết [nổi|dạt] đầy bờ, đề nghị [lấy mẫu nước|kiểm tra nguồn thải].",
            "Người nuôi cá {v} [thiệt hại nặng|mất trắng], [ai xả thải|nguồn thải ở đâu] [cần làm rõ|phải xử lý].",
        ),
        onset=29.6, size=9, days=1.5, pre=0, tail=3,
    ),
    Matter(
        "yl_phone_scam", YL, ("Hoành Sơn", "Phú Cường", "Minh Tân", "Trường Xuân"), "steady", "security",
        (
            "Có [người|đối tượng] gọi điện [giả danh công an|xưng là cán bộ] [đòi|yêu cầu] [cập nhật định danh|cài ứng dụng], [bà con cảnh giác|suýt bị lừa].",
            "[Mẹ tôi|Bà tôi] [bị lừa|suýt mất] tiền vì [cuộc gọi|tin nhắn] giả [ngân hàng|bảo hiểm xã hội].",
            "[Đề nghị|Nhờ] loa xã nhắc bà con [về lừa đảo qua mạng|cảnh giác tin nhắn lạ].",
        ),
        rate=(2, 3),
    ),
    Matter(
        "yl_canal", YL, ("Thống Nhất", "Yên Sơn"), "slow_rise", "agriculture",
        (
            "Kênh [tưới|mương nội đồng] {v} bị [bồi lấp|rác và bèo lấp kín], nước [không về|không chảy] tới ruộng.",
            "[Mương|Kênh] thủy lợi {v} [vỡ bờ|sạt bờ] [mấy chỗ|nhiều đoạn], [ruộng cuối kênh|vụ mùa] [khô|thiếu nước].",
            "Đề nghị [nạo vét|tu sửa] kênh mương {v} [trước vụ đông|sớm], [ruộng|chân ruộng] cao [bỏ hoang|không cấy được].",
        ),
        weekly=(1, 1, 2, 2, 4, 6), start=2,
    ),
    # ---------------------------------------------------------------- xã Tam Sơn
    Matter(
        "ts_concrete_dust", TS, ("Đồng Bùa", "Cao Quang"), "burst", "environment",
        (
            "Trạm trộn bê tông [gần|cạnh|đầu] {v} [gây bụi|xả bụi] [mù mịt|trắng xóa], [nhà cửa|quần áo phơi] [bẩn hết|phủ một lớp xi măng].",
            "Bụi xi măng từ [nhà máy bê tông|trạm bê tông tươi] bay vào [nhà dân|trường mầm non] {v}, [trẻ con ho|người già khó thở].",
            "Xe bồn [chở bê tông|trộn bê tông] chạy [cả đêm|liên tục] qua {v}, [đổ vữa|rơi vãi] ra đường, [ồn|bụi] không chịu nổi.",
            "[Đề nghị|Yêu cầu] kiểm tra [giấy phép môi trường|hồ sơ môi trường] của [trạm trộn|nhà máy] bê tông ở {v}, [bụi quá|dân sống không nổi].",
            "[Rau màu|Lúa|Cây trồng] của [bà con|dân] {v} [phủ bụi trắng|chết vì bụi] do trạm trộn bê tông.",
        ),
        onset=17.5, size=12, days=2.5, pre=2, tail=5, crowd=True,
    ),
    Matter(
        "ts_landcert", TS, ("Tân Tiến", "Bình Hòa", "Quang Hà", "Đồng Măng"), "steady", "administrative",
        (
            "Nộp hồ sơ [cấp sổ đỏ|cấp giấy chứng nhận quyền sử dụng đất] ở [bộ phận một cửa|trung tâm hành chính công] xã Tam Sơn [3 tháng|hơn 2 tháng] chưa có kết quả.",
            "Làm [sổ đỏ|bìa đỏ] ở xã [lâu quá|chậm quá], [hẹn lên hẹn xuống|đi lại nhiều lần] [vẫn chưa xong|mà chưa được].",
            "Hồ sơ [tách thửa|sang tên] của tôi [quá hạn|trễ hẹn] mà [không ai giải thích|không có văn bản xin lỗi].",
            "[Hỏi|Gọi] bộ phận một cửa về [hồ sơ đất|giấy chứng nhận] thì [bảo chờ|đùn đẩy sang văn phòng đăng ký đất đai].",
        ),
        rate=(3, 5),
    ),
    Matter(
        "ts_water_cut", TS, ("Gò Chè", "Tân Tiến", "Bình Hòa"), "burst", "utilities",
        (
            "[Nước máy|Nước sạch] ở {v} [mất|bị cắt] [từ hôm qua|2 ngày nay] [không báo trước|mà không có thông báo].",
            "Nước [máy|sinh hoạt] [đục ngầu|có màu vàng|có mùi lạ], [không dám dùng|không nấu ăn được], {v} [cả xóm|nhiều hộ] như vậy.",
            "Nhà máy nước [cắt nước|ngừng cấp nước] mà [không thông báo|không ai nói], [bà con|dân] {v} [phải đi xin nước|mua nước bình].",
            "Đề nghị công ty [cấp nước|nước sạch] [khắc phục|cấp nước lại] cho {v} và {v2} [gấp|ngay], [trẻ nhỏ|người già] khổ quá.",
        ),
        onset=40.4, size=13, days=2, pre=0, tail=3,
    ),
    Matter(
        "ts_market", TS, ("Quang Hà", "Đồng Măng"), "slow_rise", "infrastructure",
        (
            "Tiểu thương [chợ Tam Sơn|chợ trung tâm] [không đồng ý|phản đối] [di dời|chuyển] sang chợ mới, [ki ốt|sạp] [đắt|xa], [không ai mua|vắng khách].",
            "[Phí|Tiền] thuê [ki ốt|sạp] ở chợ mới [quá cao|tăng gấp đôi], [bà con buôn bán nhỏ|người bán rau] không [chịu nổi|theo được].",
            "Chợ mới xây [xong|rồi] mà [dột|ngập nước khi mưa|không có chỗ để xe], [bắt|ép] dân [chuyển|vào] là không hợp lý.",
            "Đề nghị xã [đối thoại|họp] với [tiểu thương|người bán] về việc [di dời chợ|chuyển chợ] trước khi [cưỡng chế|giải tỏa].",
        ),
        weekly=(1, 1, 2, 3, 5, 7), start=2,
    ),
    Matter(
        "ts_karaoke", TS, ("Quang Hà", "Tân Tiến"), "steady", "security",
        (
            "[Quán karaoke|Karaoke] [gần|ở] {v} [hát|mở loa] đến [12 giờ đêm|nửa đêm|1-2h sáng], [không ai ngủ được|trẻ con không học được].",
            "[Nhà hàng xóm|Quán] [mở loa kẹo kéo|hát karaoke] [ầm ĩ|ồn ào] [suốt|cả ngày], đề nghị công an xã [nhắc nhở|xử lý].",
            "Tiếng ồn [về đêm|ban đêm] ở {v} [quá mức|kéo dài], [gọi|báo] rồi mà [vẫn thế|không ai xử lý].",
        ),
        rate=(2, 4),
    ),
    Matter(
        "ts_bridge", TS, ("Đồng Măng",), "burst", "traffic",
        (
            "Cầu treo {v} [bị gãy|đứt] [mấy tấm ván|một bên dây], [học sinh|các cháu] vẫn phải [đi qua|qua cầu] đi học, [quá nguy hiểm|sợ lắm].",
            "[Ván cầu|Mặt cầu] treo {v} [mục|thủng|võng] [nhiều chỗ|nặng], [xe máy|người đi bộ] [lọt chân|suýt ngã].",
            "Đề nghị [cấm|tạm dừng] xe máy qua cầu treo {v} và [sửa|gia cố] [ngay|gấp] trước khi [có tai nạn|xảy ra chuyện].",
            "Cây cầu treo qua [suối|sông] ở {v} [rung lắc mạnh|nghiêng], [dây cáp|trụ cầu] [bị trôi|bị sạt chân] sau lũ.",
        ),
        onset=47.6, size=9, days=2, pre=0, tail=3,
    ),
    Matter(
        "ts_graves", TS, ("Cao Quang", "Gò Chè"), "burst", "land",
        (
            "[Di dời|Di chuyển] mộ [cho dự án|để làm dự án] ở {v}, [tiền hỗ trợ|mức hỗ trợ] [mỗi ngôi mộ|1 mộ] [quá thấp|không đủ], [dòng họ|các gia đình] không đồng ý.",
            "Các dòng họ {v} [phản đối|không đồng ý] [quy tập|di dời] [nghĩa trang|khu mộ] [khi chưa|mà chưa] có [nơi an táng mới|nghĩa trang mới].",
            "[Thông báo|Lịch] [di dời mộ|bốc mộ] [quá gấp|dồn dập], [sắp tới tháng 10|chưa xem ngày], [dân|bà con] {v} bức xúc.",
            "Đề nghị [làm rõ|công khai] [đơn giá hỗ trợ di dời mộ|vị trí khu mộ mới] cho {v}.",
        ),
        onset=28.5, size=10, days=3, pre=1, tail=3, crowd=True,
    ),
    Matter(
        "ts_building", TS, ("Tân Tiến", "Bình Hòa"), "slow_rise", "land",
        (
            "[Xây dựng trái phép|Xây nhà] trên đất [nông nghiệp|ruộng] dọc [đường tỉnh|đường chính] ở {v}, [xã không xử lý|không ai xử lý].",
            "[Có hộ|Nhiều hộ] ở {v} [đổ đất lấn ruộng|san lấp ruộng] để [xây|dựng] [quán|nhà xưởng] mà [không có giấy phép|chưa được phép].",
            "[Công trình|Nhà] xây [sai phép|không phép] ở {v} [ngày càng nhiều|mọc lên], đề nghị [kiểm tra|xử lý nghiêm].",
        ),
        weekly=(1, 1, 1, 2, 3, 5, 7), start=1,
    ),
    # ---------------------------------------------------------------- xã Sông Lô
    Matter(
        "sl_sand", SL, ("Bến Đò", "Bãi Sậy"), "burst", "environment",
        (
            "[Tàu hút cát|Thuyền hút cát] [hút trộm|khai thác trái phép] [ban đêm|cả đêm] trên sông Lô [đoạn|khu vực] {v}, [bờ sông sạt lở|đất bãi sụt xuống sông].",
            "Bờ sông {v} [sạt|lở] [vào sát nhà|mất cả ruộng ngô], [do|vì] [cát bị hút|hút cát] [ngày đêm|liên tục].",
            "[Máy|Tàu] hút cát [chạy|nổ máy] [ầm ầm|inh ỏi] đêm, [dân|bà con] {v} ra [chặn|ngăn] thì bị [đe dọa|dọa nạt].",
            "Đề nghị [công an|chính quyền] [bắt|xử lý] tàu hút cát trái phép ở {v}, [sạt lở|mất đất] [nghiêm trọng|ngày càng nặng].",
            "[Bãi ngô|Ruộng bãi] của [gia đình tôi|nhà tôi] ở {v} [sụt|trôi] xuống sông [mấy sào|gần hết] vì hút cát.",
        ),
        onset=26.8, size=14, days=2.5, pre=2, tail=5, crowd=True,
    ),
    Matter(
        "sl_landcert", SL, ("Đồng Cả", "Lũng Hạ", "Tân Phong"), "slow_rise", "administrative",
        (
            "Hồ sơ [cấp đổi sổ đỏ|cấp giấy chứng nhận quyền sử dụng đất] nộp ở [xã Sông Lô|một cửa] [quá hạn|trễ hẹn] [mấy tuần|cả tháng] rồi.",
            "[Sổ đỏ|Giấy chứng nhận] [làm|đăng ký] từ [tháng 6|trước khi sáp nhập] đến giờ [chưa có|vẫn chưa xong], [hồ sơ|giấy tờ] [bị thất lạc|không biết ở đâu].",
            "[Cán bộ|Bộ phận] một cửa [bảo|hẹn] [chờ chuyển|chuyển lên] văn phòng đăng ký đất đai, [hỏi mãi|đi lại 4 lần] [không được|chẳng xong].",
            "Xã [mới|sau sáp nhập] [làm|giải quyết] [thủ tục đất|sổ đỏ] chậm quá, [bà con|nhiều hộ] {v} [chờ|đợi] [lâu|mòn mỏi].",
        ),
        weekly=(1, 2, 2, 3, 5, 8), start=2,
    ),
    Matter(
        "sl_pump", SL, ("Đồng Cả", "Lũng Hạ"), "burst", "agriculture",
        (
            "Trạm bơm [Đồng Cả|của thôn] [hỏng|cháy mô tơ|không chạy] [đúng lúc|giữa] [vụ mùa|lúa làm đòng], [ruộng|cánh đồng] {v} [nứt nẻ|khô cạn].",
            "[Không có nước|Thiếu nước] tưới, [lúa|mạ] {v} [héo|chết] [hàng chục sào|cả cánh đồng], [hợp tác xã|HTX] [không sửa|chưa sửa] máy bơm.",
            "Đề nghị [sửa|thay] máy bơm [trạm bơm|tiêu úng] [ngay|khẩn cấp] để [cứu lúa|kịp tưới] cho {v} và {v2}.",
            "Bà con {v} [phải|đành] [tát nước|bơm dầu] [tự túc|bằng máy nhỏ] vì [trạm bơm|máy bơm của xã] [hỏng cả tuần|hỏng mà chưa sửa].",
        ),
        onset=8.6, size=11, days=2, pre=1, tail=4,
    ),
    Matter(
        "sl_garbage", SL, ("Tân Phong", "Đồng Giang", "Bến Đò"), "steady", "environment",
        (
            "Rác [không được thu gom|để lâu không ai chở] ở {v}, [bốc mùi|ruồi nhặng], [đổ|vứt] cả ra [bờ mương|ven đường].",
            "[Xe thu gom rác|Xe rác] [một tuần mới đến một lần|lúc đến lúc không], [nhà nhà|các hộ] phải [đốt rác|đổ rác bừa bãi].",
            "[Bãi rác|Điểm tập kết rác] [đầu|cuối] {v} [quá tải|đầy tràn], [khói đốt rác|mùi hôi] [cay mắt|khó chịu].",
        ),
        rate=(3, 4),
    ),
    Matter(
        "sl_compensation", SL, ("Thượng Lạp", "Tân Phong", "Đồng Giang"), "burst", "land",
        (
            "Dự án [mở rộng|nâng cấp] đường tỉnh 307 đoạn qua {v}: [giá đền bù|đơn giá bồi thường] [đất ở|đất vườn] [thấp|không sát giá thị trường], dân [chưa bàn giao mặt bằng|chưa ký].",
            "[Tường rào|Nhà] [bị cắt|bị phá] để làm đường ĐT307 mà [chưa có tiền đền bù|chưa được chi trả], {v} [nhiều hộ|nhiều nhà] [bức xúc|kêu].",
            "[Bà con|Các hộ] {v} và {v2} [kiến nghị|yêu cầu] [công khai|xem lại] [phương án bồi thường|biên bản kiểm đếm] của dự án đường tỉnh.",
            "Nhà thầu [thi công|làm đường] 307 [đào|san ủi] [vào đất|lấn vào vườn] nhà tôi khi [chưa thỏa thuận|chưa đền bù].",
        ),
        onset=44.9, size=12, days=3, pre=1, tail=4, crowd=True,
    ),
    Matter(
        "sl_drugs", SL, ("Bãi Sậy",), "slow_rise", "security",
        (
            "[Thanh niên|Đám thanh niên] [tụ tập|tụ tập hút chích] ở [ngôi nhà bỏ hoang|chòi canh] [chân đê|ven đê] {v}, [có kim tiêm|vứt bơm kim tiêm].",
            "[Nghi có|Có] [ma túy|người nghiện] ở khu [chân đê|bãi ngô] {v}, [đêm|tối] [tụ tập|ồn ào], [phụ nữ|học sinh] [sợ|không dám đi qua].",
            "Đề nghị công an xã [truy quét|kiểm tra] [tệ nạn|ma túy] ở {v}, [mất trộm|trộm vặt] [gà vịt|đồ] [nhiều|liên tục].",
        ),
        weekly=(1, 1, 2, 2, 3, 5, 6), start=1,
    ),
    Matter(
        "sl_insurance", SL, ("Lũng Hạ", "Đồng Cả", "Thượng Lạp"), "steady", "health",
        (
            "[Thẻ BHYT|Thẻ bảo hiểm y tế] của [cháu|con tôi|các cháu dưới 6 tuổi] [chưa được cấp|chậm], [đi khám phải trả tiền|không được hưởng].",
            "Trạm y tế xã [thiếu thuốc|hết thuốc] [huyết áp|tiểu đường], [người già|các cụ] phải [mua ngoài|đi xa lấy thuốc].",
            "[Khám bảo hiểm|Cấp thuốc bảo hiểm] ở trạm y tế [chờ lâu|phải chờ cả buổi], [thuốc ít|không đủ thuốc].",
        ),
        rate=(2, 4),
    ),
    # ---------------------------------------------------------------- xã Hải Lựu
    Matter(
        "hl_pig_farm", HL, ("Khe Lau", "Suối Cát"), "burst", "environment",
        (
            "[Trang trại lợn|Trại lợn] [của ông Tiến|gần] {v} [xả thải|xả phân] [ra suối|xuống khe], [mùi hôi thối|thối] [không chịu nổi|nồng nặc].",
            "[Mùi hôi|Mùi] [từ trại lợn|phân lợn] [bay|xộc] vào nhà, [ăn cơm|ngủ] [không nổi|phải đóng cửa], {v} [nhiều hộ|cả xóm] [bức xúc|phản đối].",
            "[Nước khe|Nước suối] [chảy qua|dưới] {v} [đen|đục] [ngòm|và bốc mùi] [do|từ] trại chăn nuôi lợn, [trâu bò|gia súc] [không uống được|không dám cho uống].",
            "Đề nghị [kiểm tra|xử lý] [hệ thống xử lý chất thải|hầm biogaz] của trang trại lợn ở {v}, [ruồi muỗi|ruồi] [nhiều|kinh khủng].",
            "Trại lợn [mở rộng|nuôi thêm] [mấy nghìn con|nhiều], [không có|không làm] [bể xử lý|hố xử lý], [đổ thẳng|xả thẳng] ra khe {v}.",
        ),
        onset=14.5, size=13, days=2.5, pre=2, tail=5, crowd=True,
    ),
    Matter(
        "hl_dead_pigs", HL, ("Đồng Thành",), "burst", "agriculture",
        (
            "[Lợn chết|Xác lợn] [vứt|bị vứt] [xuống mương|ra bờ suối] {v}, [bốc mùi|thối], [nghi dịch tả lợn châu Phi|sợ dịch lây].",
            "[Dịch tả lợn|Dịch lợn] [xuất hiện|bùng phát] ở {v}, [nhiều hộ|mấy nhà] có lợn [chết|ốm bỏ ăn], [chưa thấy thú y|thú y xã chưa xuống].",
            "Đề nghị [phun khử trùng|tiêu độc] và [tiêu hủy|chôn] [lợn chết|lợn bệnh] [đúng quy định|ngay] ở {v}, [đừng để|không để] [lây|lan] sang thôn khác.",
            "[Có người|Ai đó] [vứt|ném] [bao tải|bao] lợn chết [ở cầu|dưới cống] {v}, [ruồi bâu|thối] [kinh khủng|không chịu được].",
        ),
        onset=20.8, size=10, days=2, pre=0, tail=3,
    ),
    Matter(
        "hl_chicken_farm", HL, ("Gò Gạo",), "slow_rise", "environment",
        (
            "[Trại gà|Trang trại gà] [ở|gần] {v} [nhiều ruồi|ruồi bay sang] [đen kịt|kinh khủng], [bám|đậu] [đầy mâm cơm|khắp nhà].",
            "[Phân gà|Chất độn chuồng] [của trại gà|từ trại gà] [để lộ thiên|chất đống] [bốc mùi|hôi], [mưa xuống chảy|nước mưa cuốn] ra ruộng {v}.",
            "Đề nghị [kiểm tra|xử lý] trại gà {v}, [ruồi|mùi] [ngày càng|mỗi ngày một] [nhiều|nặng].",
        ),
        weekly=(1, 1, 2, 3, 4, 6), start=2,
    ),
    Matter(
        "hl_power", HL, ("Núi Sỏi", "Đồng Mồ", "Khe Lau"), "steady", "utilities",
        (
            "[Điện|Lưới điện] {v} [chập chờn|yếu], [mất điện|cắt điện] [vài lần một tuần|thường xuyên], [bóng đèn|quạt] [không chạy nổi|quay yếu].",
            "[Điện yếu|Điện áp thấp] [buổi tối|giờ cao điểm] ở {v}, [tủ lạnh|máy bơm] [không khởi động được|hỏng].",
            "Bao giờ [điện lực|ngành điện] [nâng cấp|cải tạo] lưới điện {v}? [Mất điện|Điện yếu] [hoài|quanh năm].",
        ),
        rate=(3, 5),
    ),
    Matter(
        "hl_kiln", HL, ("Núi Sỏi", "Đồng Mồ"), "burst", "environment",
        (
            "Lò [gạch|nung gạch] [thủ công|thủ công ở] {v} [đốt|nung] [suốt đêm|cả đêm], [khói đen|khói] [mù mịt|bay vào nhà], [người già ho|trẻ con ho].",
            "Khói [lò gạch|lò nung] [làm cháy lá|làm vàng] [lúa|cây ăn quả] của [bà con|dân] {v}.",
            "Lò gạch [đã có lệnh dẹp bỏ|đã bị cấm] [mà vẫn đốt|vẫn hoạt động], [đề nghị|yêu cầu] xã [xử lý dứt điểm|cưỡng chế].",
            "[Mùi|Khói] [than|lưu huỳnh] [từ lò gạch|khét] [ở|tại] {v} [cay mắt|khó thở] [mấy hôm nay|từ hôm qua].",
        ),
        onset=50.3, size=10, days=2, pre=0, tail=2,
    ),
    Matter(
        "hl_landslide", HL, ("Suối Cát",), "slow_rise", "traffic",
        (
            "[Taluy|Sườn đồi] [dọc|bên] đường [vào|lên] {v} [nứt|có vết nứt] [dài|lớn], [mưa to|mùa mưa] [sợ|lo] [sạt xuống|sạt lở] [nhà dân|đường].",
            "[Đất đá|Đá] [lăn|sạt] xuống đường {v}, [xe máy|học sinh] [đi lại|qua lại] [nguy hiểm|rất sợ].",
            "Vết nứt [trên đồi|sau nhà] ở {v} [rộng thêm|ngày càng to], đề nghị [di dời|sơ tán] [các hộ|mấy hộ] [dưới chân đồi|ở chân dốc].",
        ),
        weekly=(1, 1, 2, 3, 5, 7), start=2,
    ),
    Matter(
        "hl_irrigation", HL, ("Đồng Thành", "Hải Tiến"), "steady", "agriculture",
        (
            "Ruộng [cuối kênh|cuối nguồn] {v} [không có nước|thiếu nước] [vì|do] [các thửa trên|đầu kênh] [giữ nước|chặn nước].",
            "[Tiền|Phí] dịch vụ thủy lợi [thu|đóng] [đủ|rồi] mà [nước không về|không có nước tưới] ở {v}.",
            "[Lịch bơm nước|Lịch tưới] ở {v} [không công bằng|không rõ], [tranh nhau nước|cãi nhau vì nước] [suốt|luôn].",
        ),
        rate=(2, 3),
    ),
    Matter(
        "hl_poor_list", HL, ("Hải Tiến",), "burst", "social_policy",
        (
            "[Bình xét|Họp xét] hộ nghèo ở {v} [không công bằng|thiếu minh bạch], [nhà khá giả|nhà có ô tô] [lại được|vẫn] vào danh sách.",
            "Gia đình tôi [khó khăn|neo đơn] mà [bị loại|không có tên] khỏi danh sách hộ [nghèo|cận nghèo] năm nay ở {v}.",
            "[Đề nghị|Yêu cầu] [công khai|niêm yết] danh sách [hộ nghèo|bình xét hộ nghèo] {v} và [xét lại|họp lại] [có sự giám sát của MTTQ|công khai].",
            "[Trưởng thôn|Cán bộ thôn] {v} [đưa người nhà|ưu tiên họ hàng] vào [danh sách hộ nghèo|diện hỗ trợ], [dân|bà con] không phục.",
        ),
        onset=36.4, size=10, days=2.5, pre=0, tail=4, crowd=True,
    ),
    Matter(
        "hl_signal", HL, ("Khe Lau", "Suối Cát"), "steady", "utilities",
        (
            "[Sóng điện thoại|Sóng] ở {v} [yếu|chập chờn], [gọi không được|mất sóng], [học sinh|các cháu] [học online|tra cứu] [khó|không được].",
            "[Internet|Mạng] {v} [chậm|rất yếu], [đề nghị|xin] nhà mạng [lắp|đặt] thêm [trạm phát sóng|cột sóng].",
        ),
        rate=(1, 3),
    ),
    # ---------------------------------------------------------------- mentioned now and then: no alert
    _sporadic(
        "yl_bus_stop", YL, ("Tam Đa",), "traffic", 4,
        "Điểm [đón xe buýt|dừng xe buýt] ở {v} [không có mái che|bị dỡ mái], [học sinh|các cháu] [đứng nắng mưa|ướt hết].",
        "[Xin|Đề nghị] làm lại [mái che|nhà chờ] [xe buýt|xe đưa đón] đầu {v}.",
        "[Nhà chờ xe buýt|Trạm xe buýt] {v} [hỏng lâu rồi|bị gió làm đổ].",
    ),
    _sporadic(
        "yl_pagoda", YL, ("Yên Sơn",), "religion", 3,
        "[Chùa|Đình] {v} [xuống cấp|dột nát], [bà con|nhà chùa] [xin phép|muốn] [tu bổ|trùng tu] [mà chưa được trả lời|thủ tục thế nào].",
        "[Hồ sơ|Đơn] xin [tu bổ|sửa] [đình|chùa] {v} [nộp lâu|gửi từ tháng 8] chưa thấy [xã|phòng văn hóa] [phản hồi|trả lời].",
    ),
    _sporadic(
        "ts_clinic_night", TS, ("Gò Chè",), "health", 4,
        "[Trạm y tế|Y tế] xã [không trực đêm|đêm không có ai], [trẻ sốt|người ốm] [phải đi|chở] [lên huyện|xa].",
        "[Tối qua|Đêm qua] [cháu tôi|bố tôi] [ốm|sốt cao] [gọi trạm y tế|đến trạm] [không ai nghe|đóng cửa].",
        "Đề nghị trạm y tế xã [bố trí|có] [trực đêm|người trực ban đêm].",
    ),
    _sporadic(
        "ts_playground", TS, ("Bình Hòa",), "infrastructure", 3,
        "[Khu vui chơi|Sân chơi] trẻ em {v} [hỏng|gãy] [cầu trượt|xích đu], [sắt|đinh] [nhô ra|lòi ra] nguy hiểm.",
        "[Xin|Đề nghị] [sửa|thay] [đồ chơi|thiết bị] [sân chơi|khu vui chơi] {v} [cho các cháu|trước khi có tai nạn].",
    ),
    _sporadic(
        "sl_ferry", SL, ("Bến Đò",), "traffic", 5,
        "[Đò|Thuyền] [ngang sông|chở khách] ở {v} [không có áo phao|chở quá tải], [học sinh|các cháu] [đi học|qua sông] [rất sợ|nguy hiểm].",
        "[Chủ đò|Bến đò] {v} [chở cả xe máy|chở quá số người] [mà|nhưng] [không ai kiểm tra|không có phao cứu sinh].",
        "Đề nghị [kiểm tra an toàn|trang bị áo phao] [bến đò|đò ngang] {v}.",
    ),
    _sporadic(
        "sl_culture_house", SL, ("Đồng Giang",), "infrastructure", 3,
        "[Nhà văn hóa|Hội trường] {v} [xây xong|làm xong] [mấy năm|lâu rồi] [chưa có điện|chưa kéo điện], [họp phải mượn máy nổ|họp tối tối om].",
        "[Xin|Đề nghị] [kéo điện|lắp điện] cho nhà văn hóa {v}.",
    ),
    _sporadic(
        "hl_school_road", HL, ("Suối Cát", "Khe Lau"), "education", 4,
        "[Các cháu|Học sinh] {v} [đi học|đến trường] [xa|hơn 5 km] [đường đất|qua suối], [mưa|lũ] [phải nghỉ học|không đi được].",
        "[Xin|Đề nghị] [xe đưa đón|hỗ trợ] học sinh [vùng xa|ở {v}] [đến trường|đi học] [mùa mưa|khi mưa lũ].",
        "[Mưa|Nước suối lên] [các cháu|con tôi] ở {v} [lại phải nghỉ học|không qua được suối].",
    ),
    _sporadic(
        "hl_forest_fire", HL, ("Núi Sỏi",), "environment", 3,
        "[Đốt nương|Đốt thực bì] [gần rừng|sát rừng] ở {v} [không ai trông|bỏ mặc], [nắng|hanh khô] [dễ cháy rừng|sợ cháy].",
        "[Có người|Ai đó] [đốt rác|đốt cỏ] [ở chân đồi|sát rừng keo] {v}, [khói|lửa] [lan|bén] [vào rừng|sang nương].",
    ),
]
# fmt: on
