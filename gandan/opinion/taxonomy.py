"""The topics a province starts with (loaded once by a data migration; from then on the province edits them).

Keywords: one phrase per line, written as an official would, matched without diacritics on whole words; a topic
scores by the phrases a text holds (longer phrases weigh more). "other" catches what no topic claims."""

SEED: list[tuple[str, str, str, str]] = [
    # (code, name, name in English, keywords)
    (
        "land",
        "Đất đai",
        "Land",
        "đất\nđất đai\nsổ đỏ\nquyền sử dụng đất\ngiấy chứng nhận quyền sử dụng đất\nthửa đất\nranh giới\n"
        "lấn chiếm\ntranh chấp đất\nbồi thường\ngiải phóng mặt bằng\nthu hồi đất\ntái định cư\ncấp sổ\n"
        "đền bù\nđo đạc\nđịa chính\nmốc giới\nđất công\nđất ở",
    ),
    (
        "environment",
        "Môi trường",
        "Environment",
        "ô nhiễm\nmôi trường\nbụi\nkhói\nmùi hôi\nnước thải\nxả thải\nrác\nrác thải\nbãi rác\ntiếng ồn\n"
        "khí thải\nhóa chất\nchăn nuôi\ntrại lợn\nnhà máy\nlò gạch\nbê tông\nđốt rơm\ncá chết",
    ),
    (
        "roads",
        "Giao thông, đường sá",
        "Traffic and roads",
        "đường\nđường giao thông\nổ gà\nxuống cấp\nsạt lở\ncầu\ncống\nxe tải\nxe quá tải\ntai nạn\n"
        "đèn đường\nbiển báo\nvỉa hè\nđường liên thôn\nđường bê tông\nngập đường\ngờ giảm tốc",
    ),
    (
        "irrigation",
        "Thủy lợi, nông nghiệp",
        "Irrigation and agriculture",
        "thủy lợi\nmương\nkênh\nbơm nước\ntrạm bơm\ntưới\nruộng\nlúa\nmùa màng\ngiống\nphân bón\n"
        "sâu bệnh\nvật nuôi\ndịch bệnh\nngô\ncây trồng\nhạn hán\nngập úng\nđê điều\nvỡ đê\nhồ chứa",
    ),
    (
        "social",
        "Chính sách xã hội",
        "Social policy",
        "hộ nghèo\ncận nghèo\ntrợ cấp\nngười có công\nthương binh\nliệt sĩ\nbảo trợ xã hội\nngười cao tuổi\n"
        "khuyết tật\nhỗ trợ\nbảo hiểm y tế\nbảo hiểm xã hội\nlương hưu\nchế độ\nnhà tình nghĩa\ntrẻ em",
    ),
    (
        "security",
        "An ninh, trật tự",
        "Security and order",
        "trộm\ntrộm cắp\nđánh nhau\nma túy\ncờ bạc\ntrật tự\nan ninh\ngây rối\nmất trộm\nlừa đảo\n"
        "công an\nhành hung\nđe dọa\nkaraoke\nđua xe\ntụ tập",
    ),
    (
        "procedures",
        "Thủ tục hành chính",
        "Administrative procedures",
        "thủ tục\nhồ sơ\nmột cửa\nchậm\ntrễ hẹn\ngiấy tờ\nchứng thực\nkhai sinh\nhộ tịch\ncăn cước\n"
        "cư trú\nnộp hồ sơ\ntrả kết quả\nphiếu hẹn\ndịch vụ công\nlệ phí",
    ),
    (
        "conduct",
        "Tác phong cán bộ",
        "Officials' conduct",
        "cán bộ\nthái độ\nhách dịch\nnhũng nhiễu\ngây khó khăn\ntiêu cực\ntham nhũng\nvòi vĩnh\n"
        "phong bì\nthờ ơ\nvô trách nhiệm\nquát\ncửa quyền\nlạm quyền",
    ),
    (
        "utilities",
        "Hạ tầng, điện nước",
        "Infrastructure and utilities",
        "điện\nmất điện\nnước sạch\nnước sinh hoạt\ncúp nước\ndây điện\ntrạm biến áp\ncột điện\n"
        "internet\nsóng điện thoại\nnhà văn hóa\nloa\nchiếu sáng\nthoát nước\ncống thoát",
    ),
    (
        "health",
        "Y tế",
        "Health",
        "trạm y tế\nbệnh viện\nkhám bệnh\nthuốc\ntiêm\nvắc xin\nsốt xuất huyết\ndịch\nbác sĩ\n"
        "an toàn thực phẩm\nngộ độc",
    ),
    (
        "education",
        "Giáo dục",
        "Education",
        "trường\ntrường học\nhọc sinh\ngiáo viên\nhọc phí\nlớp học\nmầm non\nthu tiền\nsách giáo khoa\n"
        "bán trú\nđiểm trường",
    ),
    (
        "religion",
        "Tôn giáo, dân tộc",
        "Religion and ethnicity",
        "tôn giáo\nnhà thờ\nchùa\nđình\ngiáo xứ\ntín ngưỡng\ndân tộc\nđồng bào\nngười Dao\n"
        "lễ hội\ntruyền đạo",
    ),
    ("other", "Khác", "Other", ""),
]


def seed(topic_model) -> int:
    """Create the seed topics that are missing (by code); returns how many were created."""
    created = 0
    for order, (code, name, name_en, keywords) in enumerate(SEED):
        _topic, made = topic_model.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "keywords": keywords, "order": order}
        )
        created += made
    return created
