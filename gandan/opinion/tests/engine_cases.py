"""Matters written the way citizens write them, for the engine's tests: each group is one concrete matter told by
different people in different words (with and without diacritics, abbreviated, angry or polite)."""

# (group, village, text). Villages are of one commune unless the group name says otherwise.
CONCRETE_DUST = [
    (
        "dust",
        "Phú Cường",
        "Bụi từ trạm trộn bê tông ở thôn Phú Cường bay mù mịt, nhà nào cũng phủ một lớp bụi trắng.",
    ),
    ("dust", "Phú Cường", "tram tron be tong phu cuong chay ca dem, bui bay vao nha ko chiu dc"),
    (
        "dust",
        "Minh Tân",
        "Kính gửi UBND xã, trạm bê tông gần đường Phú Cường gây bụi và tiếng ồn, đề nghị xã kiểm tra.",
    ),
    ("dust", "Phú Cường", "BỤI QUÁ!!! cái trạm trộn bê tông làm cả xóm ho suốt, trẻ con ốm hết"),
    ("dust", "Phú Cường", "Xe bồn chở bê tông ra vào trạm trộn làm đường đầy bụi, bà con bức xúc lắm."),
    ("dust", "Minh Tân", "trạm trộn bê tông xả bụi, nước thải ra ruộng thôn Minh Tân, đề nghị đình chỉ"),
    ("dust", "Phú Cường", "Đề nghị xã xử lý trạm trộn bê tông Phú Cường, bụi quá không phơi được quần áo"),
    ("dust", "Phú Cường", "bui be tong o phu cuong van chua xu ly, nguoi dan da phan anh nhieu lan"),
]
CULVERT = [
    ("culvert", "Tam Đa", "Cống qua đường liên thôn Tam Đa – Yên Sơn bị sập, xe máy đi qua rất nguy hiểm."),
    ("culvert", "Yên Sơn", "cong tren duong tam da di yen son sap roi, toi qua suyt nga"),
    ("culvert", "Tam Đa", "Đoạn cống ngang đường Tam Đa sụt lún thành hố sâu, đề nghị làm lại cống."),
    (
        "culvert",
        "Yên Sơn",
        "Đường liên thôn từ Yên Sơn sang Tam Đa có cái cống bị vỡ, mưa xuống nước tràn qua đường.",
    ),
    ("culvert", "Tam Đa", "hố sập ở cống đường Tam Đa chưa ai rào chắn, tối đi rất dễ tai nạn"),
    ("culvert", "Yên Sơn", "Cống Tam Đa - Yên Sơn sập cả tuần nay, học sinh phải đi đường vòng."),
]
PIG_FARM = [
    (
        "pigs",
        "Thống Nhất",
        "Trại lợn của hộ ông Tư ở thôn Thống Nhất xả nước thải ra mương, mùi hôi thối nồng nặc.",
    ),
    ("pigs", "Thống Nhất", "trai lon thong nhat boc mui hoi qua, an com ko noi"),
    (
        "pigs",
        "Đoàn Kết",
        "Mùi hôi từ trại chăn nuôi lợn bên Thống Nhất bay sang tận Đoàn Kết, nước mương đen ngòm.",
    ),
    ("pigs", "Thống Nhất", "Đề nghị kiểm tra trại lợn xả thải ra mương thủy lợi thôn Thống Nhất."),
    ("pigs", "Thống Nhất", "Nước thải chăn nuôi lợn chảy thẳng ra mương, ruồi nhặng khắp nơi."),
    ("pigs", "Đoàn Kết", "mùi trại lợn hôi quá, bà con Đoàn Kết và Thống Nhất rất bức xúc"),
]
COMPENSATION = [
    (
        "land",
        "Lãng Sơn",
        "Dự án khu công nghiệp thu hồi đất ruộng thôn Lãng Sơn nhưng giá bồi thường quá thấp.",
    ),
    ("land", "Lãng Sơn", "đền bù đất khu công nghiệp lãng sơn thấp hơn giá thị trường, dân ko đồng ý"),
    (
        "land",
        "Trường Xuân",
        "Gia đình tôi bị thu hồi 500m2 đất lúa cho khu công nghiệp, chưa nhận được tiền bồi thường.",
    ),
    (
        "land",
        "Trường Xuân",
        "Bồi thường giải phóng mặt bằng khu công nghiệp không công khai, đề nghị xã đối thoại.",
    ),
    ("land", "Lãng Sơn", "GPMB khu cong nghiep: dat cua nha toi bi do thieu dien tich, tien den bu sai"),
    (
        "land",
        "Hoành Sơn",
        "Hộ dân thôn Hoành Sơn cũng bị thu hồi đất làm khu công nghiệp mà chưa được họp bàn bồi thường.",
    ),
]
# The same kind of matter in another commune: never the same issue as CONCRETE_DUST.
OTHER_COMMUNE_DUST = [
    ("dust-elsewhere", "Đồng Cả", "Trạm trộn bê tông ở thôn Đồng Cả gây bụi mù mịt, bà con không chịu nổi."),
    ("dust-elsewhere", "Đồng Cả", "tram tron be tong dong ca bui qua, de nghi xa kiem tra"),
]
# One-off texts: each its own matter.
SINGLES = [
    (
        "single-1",
        "Minh Tân",
        "Cảm ơn cán bộ một cửa đã hướng dẫn tôi làm giấy khai sinh cho cháu rất nhiệt tình.",
    ),
    ("single-2", "Tam Đa", "Đèn đường ngõ 5 thôn Tam Đa bị hỏng hai tuần nay."),
    ("single-3", "Hoành Sơn", "Xin hỏi thủ tục chuyển nhượng quyền sử dụng đất cần những giấy tờ gì?"),
    ("single-4", "Đoàn Kết", "Nhà văn hóa thôn Đoàn Kết bị dột mái, đề nghị sửa trước mùa mưa."),
    ("single-5", "Lãng Sơn", "Con tôi chưa được nhận học bổng hộ nghèo học kỳ này."),
    ("single-6", "Trường Xuân", "Có người lạ đi thu mua chó mèo ban đêm, đề nghị công an xã kiểm tra."),
]
GROUPS = [CONCRETE_DUST, CULVERT, PIG_FARM, COMPENSATION]
