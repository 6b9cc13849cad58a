"""A demo catalogue of common commune-level procedures, written the way a province publishes its list.

DEMO VALUES. These are for demonstrating and testing the one-stop desk. Before real use, import the province's own
published catalogue (Quyết định công bố danh mục thủ tục hành chính of the provincial People's Committee) and check
every line against it: time limits, and above all fees, are set or varied by each province (HĐND tỉnh).

Where the values come from (confidence tags as in DOMAIN.md):
- time limits of civil status and certification follow the Law on Civil Status 60/2014, Decree 123/2015 and
  Decree 23/2015 [S]; residence limits follow the Law on Residence 68/2020 (7 working days to register permanent
  residence, 3 for temporary residence) [S]; residence fees follow Circular 75/2022/TT-BTC (20.000/10.000 đồng and
  15.000/7.000 đồng, in person/online) as shown on the national portal [S]; certification fees follow Circular
  226/2016/TT-BTC [S];
- land dispute mediation at the commune: 30 days under Land Law 31/2024 (in force 1/8/2024). The 45 days often
  quoted are the Land Law 2013's; that version is kept below as an expired procedure [S/U];
- the codes of civil status, certification, residence, business household and social protection procedures are
  the national portal's codes as other public projects cite them [S]; the codes of the building permit, land
  registration change, farming household confirmation and land mediation procedures are stand-in codes in the
  national format [U];
- amounts marked "mức do HĐND tỉnh quy định" and the social protection time limits after 1/7/2025 are
  plausible examples only [U].

Each entry is one row of the import (the same column keys, the same free text), so the demo goes through the same
checks as a province's file. The six procedures a commune desk handles most (birth, marriage and death registration,
certification of copies and of signatures, residence confirmation) are done in full: the application's fields (as on
the official declaration forms of Circular 04/2020/TT-BTP and form CT01) and every paper, with the case in which a
conditional paper is needed [S].
"""

_CIVIL_STATUS = "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP"
_CIVIL_STATUS_FEES = f"{_CIVIL_STATUS}; Thông tư số 85/2019/TT-BTC"
_CERTIFICATION = "Nghị định số 23/2015/NĐ-CP; Thông tư số 01/2020/TT-BTP; Thông tư số 226/2016/TT-BTC"
_RESIDENCE = (
    "Luật Cư trú số 68/2020/QH14; Nghị định số 154/2024/NĐ-CP; Thông tư số 55/2021/TT-BCA; "
    "Thông tư số 66/2023/TT-BCA; Thông tư số 75/2022/TT-BTC"
)
_SOCIAL = "Nghị định số 20/2021/NĐ-CP; Nghị định số 76/2024/NĐ-CP"
_SAME_DAY_15H = (
    "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết "
    "quả trong ngày làm việc tiếp theo"
)
_CERTIFY_SAME_DAY = (
    "Trong ngày cơ quan tiếp nhận yêu cầu, hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ"
)
_POLICE = "Công an cấp xã"


def _fields(*lines: str) -> str:
    """The "Trường thông tin" cell: one field per line, `key | label | type | flags | options | help`."""
    return "\n".join(lines)


def _papers(*papers: str) -> str:
    """The "Thành phần hồ sơ" cell as provinces write it: one "- " line per paper."""
    return "\n".join(f"- {paper}" for paper in papers)


DEMO_PROCEDURES: list[dict[str, str]] = [
    # --- Hộ tịch (civil status) ---
    {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "field": "Hộ tịch",
        "legal_basis": _CIVIL_STATUS_FEES,
        "time_limit": _SAME_DAY_15H,
        "fee": "Miễn lệ phí đối với đăng ký khai sinh đúng hạn",
        "online_level": "Toàn trình",
        # Law on Civil Status Art. 16; Decree 123/2015 Art. 9; Circular 04/2020 Art. 2 (authorisation).
        "components": _papers(
            "Tờ khai đăng ký khai sinh (bản chính)",
            "Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh (bản chính)",
            "Biên bản xác nhận việc trẻ bị bỏ rơi (bản chính, khi khai sinh cho trẻ bị bỏ rơi)",
            "Văn bản chứng minh việc mang thai hộ (bản chính, khi trẻ được sinh ra do mang thai hộ)",
            "Văn bản ủy quyền (bản chính, khi nộp hồ sơ thay người khác, có chứng thực trừ khi người được ủy "
            "quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột)",
        ),
        "fields": _fields(
            "ten_tre | Họ, chữ đệm và tên của trẻ | text | bắt buộc",
            "gioi_tinh | Giới tính | choice | bắt buộc | Nam; Nữ",
            "ngay_sinh | Ngày, tháng, năm sinh | date | bắt buộc, không sau hôm nay | | dd/mm/yyyy",
            "noi_sinh | Nơi sinh | text | bắt buộc | | Tên cơ sở y tế, hoặc thôn, xã, tỉnh nơi sinh",
            "dan_toc | Dân tộc | text | bắt buộc | | Ví dụ: Kinh",
            "quoc_tich | Quốc tịch | text | bắt buộc | | Ví dụ: Việt Nam",
            "que_quan | Quê quán | text | | | Theo quê quán của cha hoặc mẹ, như cha mẹ thỏa thuận",
            "ten_me | Họ, chữ đệm và tên người mẹ | text | bắt buộc",
            "ngay_sinh_me | Ngày sinh của mẹ | date | không sau hôm nay",
            "so_dinh_danh_me | Số định danh cá nhân của mẹ | idnumber",
            "ten_cha | Họ, chữ đệm và tên người cha | text | | | Để trống nếu chưa xác định được cha",
            "ngay_sinh_cha | Ngày sinh của cha | date | không sau hôm nay",
            "so_dinh_danh_cha | Số định danh cá nhân của cha | idnumber",
            "noi_cu_tru_cha_me | Nơi cư trú của cha, mẹ | text | bắt buộc",
            "quan_he | Quan hệ của người đi đăng ký với trẻ | choice | bắt buộc | Cha; Mẹ; Ông; Bà; "
            "Anh, chị ruột; Người thân thích khác; Người được ủy quyền",
        ),
    },
    {
        "code": "1.000894",
        "name": "Đăng ký kết hôn",
        "field": "Hộ tịch",
        "legal_basis": f"Luật Hôn nhân và gia đình số 52/2014/QH13; {_CIVIL_STATUS}",
        "time_limit": (
            "Ngay trong ngày tiếp nhận hồ sơ; trường hợp cần xác minh điều kiện kết hôn thì không quá "
            "05 ngày làm việc"
        ),
        "fee": "Miễn lệ phí",
        "online_level": "Một phần",
        # Law on Civil Status Art. 17-18 (both present at registration); Decree 123/2015 Art. 10.
        "components": _papers(
            "Tờ khai đăng ký kết hôn (bản chính)",
            "Giấy tờ tùy thân của hai bên nam, nữ (bản chính)",
            "Giấy xác nhận tình trạng hôn nhân (bản chính, khi bên nam hoặc bên nữ không cư trú tại xã nơi "
            "đăng ký kết hôn)",
            "Trích lục ghi chú ly hôn (bản sao có chứng thực, khi một bên đã ly hôn ở nước ngoài)",
        ),
        "fields": _fields(
            "chong_ten | Họ, chữ đệm và tên bên nam | text | bắt buộc",
            "chong_ngay_sinh | Ngày sinh bên nam | date | bắt buộc, không sau hôm nay | | dd/mm/yyyy",
            "chong_so_dinh_danh | Số định danh cá nhân bên nam | idnumber | bắt buộc",
            "chong_dan_toc | Dân tộc bên nam | text | bắt buộc",
            "chong_noi_cu_tru | Nơi cư trú bên nam | text | bắt buộc",
            "vo_ten | Họ, chữ đệm và tên bên nữ | text | bắt buộc",
            "vo_ngay_sinh | Ngày sinh bên nữ | date | bắt buộc, không sau hôm nay | | dd/mm/yyyy",
            "vo_so_dinh_danh | Số định danh cá nhân bên nữ | idnumber | bắt buộc",
            "vo_dan_toc | Dân tộc bên nữ | text | bắt buộc",
            "vo_noi_cu_tru | Nơi cư trú bên nữ | text | bắt buộc",
            "lan_ket_hon | Kết hôn lần thứ mấy (bên nam / bên nữ) | text | | | Ví dụ: lần đầu / lần đầu",
        ),
    },
    {
        "code": "1.000656",
        "name": "Đăng ký khai tử",
        "field": "Hộ tịch",
        "legal_basis": _CIVIL_STATUS_FEES,
        "time_limit": "Ngay trong ngày tiếp nhận hồ sơ; trường hợp cần xác minh thì không quá 03 ngày làm việc",
        "fee": "Miễn lệ phí đối với đăng ký khai tử đúng hạn",
        "online_level": "Toàn trình",
        # Law on Civil Status Art. 33-34 (within 15 days of the death, by a relative); Decree 123/2015 Art. 4.
        "components": _papers(
            "Tờ khai đăng ký khai tử (bản chính)",
            "Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử (bản chính)",
            "Văn bản ủy quyền (bản chính, khi nộp hồ sơ thay người khác)",
        ),
        "fields": _fields(
            "ten_nguoi_mat | Họ, chữ đệm và tên người đã chết | text | bắt buộc",
            "gioi_tinh | Giới tính | choice | bắt buộc | Nam; Nữ",
            "ngay_sinh_nguoi_mat | Ngày sinh | date | không sau hôm nay | | dd/mm/yyyy",
            "so_dinh_danh_nguoi_mat | Số định danh cá nhân | idnumber",
            "dan_toc | Dân tộc | text | bắt buộc",
            "noi_cu_tru_cuoi | Nơi cư trú cuối cùng | text | bắt buộc",
            "ngay_chet | Ngày chết | date | bắt buộc, không sau hôm nay | | dd/mm/yyyy",
            "noi_chet | Nơi chết | text | bắt buộc",
            "nguyen_nhan | Nguyên nhân chết | text | bắt buộc",
            "quan_he | Quan hệ của người đi đăng ký với người đã chết | text | bắt buộc | | Ví dụ: con",
        ),
    },
    {
        "code": "1.001022",
        "name": "Đăng ký nhận cha, mẹ, con",
        "field": "Hộ tịch",
        "legal_basis": _CIVIL_STATUS_FEES,
        "time_limit": (
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp cần xác minh thì kéo dài thêm không quá "
            "05 ngày làm việc"
        ),
        "fee": "15.000 đồng (mức do HĐND tỉnh quy định)",
        "online_level": "Một phần",
        "components": _papers(
            "Tờ khai đăng ký nhận cha, mẹ, con (bản chính)",
            "Văn bản của cơ quan y tế, cơ quan giám định hoặc chứng cứ chứng minh quan hệ cha, mẹ, con "
            "(bản chính hoặc bản sao)",
        ),
    },
    {
        "code": "2.000635",
        "name": "Cấp bản sao trích lục hộ tịch",
        "field": "Hộ tịch",
        "legal_basis": f"{_CIVIL_STATUS}; Thông tư số 281/2016/TT-BTC",
        "time_limit": (
            "Ngay trong ngày tiếp nhận yêu cầu; trường hợp nhận yêu cầu sau 15 giờ thì trả kết quả trong ngày "
            "làm việc tiếp theo"
        ),
        "fee": "8.000 đồng/bản sao trích lục",
        "online_level": "Toàn trình",
        "components": _papers(
            "Tờ khai cấp bản sao trích lục hộ tịch (bản chính)",
            "Văn bản ủy quyền (bản chính, nếu có)",
        ),
    },
    {
        "code": "1.004873",
        "name": "Cấp Giấy xác nhận tình trạng hôn nhân",
        "field": "Hộ tịch",
        "legal_basis": _CIVIL_STATUS_FEES,
        "time_limit": (
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp cần xác minh thì không quá 23 ngày"
        ),
        "fee": "10.000 đồng (mức do HĐND tỉnh quy định)",
        "online_level": "Toàn trình",
        "components": _papers(
            "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (bản chính)",
            "Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây (bản chính, nếu có)",
        ),
    },
    {
        "code": "1.004837",
        "name": "Đăng ký giám hộ",
        "field": "Hộ tịch",
        "legal_basis": f"Bộ luật Dân sự số 91/2015/QH13; {_CIVIL_STATUS_FEES}",
        "time_limit": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": "15.000 đồng (mức do HĐND tỉnh quy định)",
        "online_level": "Một phần",
        "components": _papers("Tờ khai đăng ký giám hộ (bản chính)", "Văn bản cử người giám hộ (bản chính)"),
    },
    # --- Chứng thực (certification) ---
    {
        "code": "2.000815",
        "name": (
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc "
            "chứng nhận"
        ),
        "field": "Chứng thực",
        "legal_basis": _CERTIFICATION,
        "time_limit": _CERTIFY_SAME_DAY,
        "fee": "2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa 200.000 đồng/bản",
        "online_level": "Một phần",
        # Decree 23/2015 Art. 20: the original, and the copies if the requester brings them (else the desk copies).
        "components": _papers(
            "Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao (bản chính)",
            "Bản sao cần chứng thực (bản sao, nếu có)",
        ),
        "fields": _fields(
            "ten_giay_to | Tên giấy tờ, văn bản cần chứng thực | text | bắt buộc | | Ví dụ: Bằng tốt nghiệp THPT",
            "co_quan_cap | Cơ quan đã cấp bản chính | text",
            "so_trang | Số trang của bản chính | number | bắt buộc",
            "so_ban | Số bản sao cần chứng thực | number | bắt buộc",
        ),
    },
    {
        "code": "2.000884",
        "name": "Chứng thực chữ ký trong các giấy tờ, văn bản",
        "field": "Chứng thực",
        "legal_basis": _CERTIFICATION,
        "time_limit": _CERTIFY_SAME_DAY,
        "fee": "10.000 đồng/trường hợp",
        "online_level": "Không",
        # Decree 23/2015 Art. 24: the identity paper (original or certified copy) and the paper to be signed; the
        # requester signs in front of the certifying officer.
        "components": _papers(
            "Giấy tờ tùy thân còn giá trị sử dụng (bản chính hoặc bản sao có chứng thực)",
            "Giấy tờ, văn bản mà người yêu cầu sẽ ký (bản chính)",
        ),
        "fields": _fields(
            "ten_van_ban | Tên giấy tờ, văn bản cần chứng thực chữ ký | text | bắt buộc | | Ví dụ: Giấy ủy quyền",
            "ngon_ngu | Ngôn ngữ của văn bản | choice | bắt buộc | Tiếng Việt; Song ngữ; Tiếng nước ngoài",
            "so_ban | Số bản cần chứng thực | number | bắt buộc",
        ),
    },
    {
        "code": "2.001035",
        "name": "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
        "field": "Chứng thực",
        "legal_basis": f"Bộ luật Dân sự số 91/2015/QH13; {_CERTIFICATION}",
        "time_limit": "Không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": "50.000 đồng/hợp đồng, giao dịch",
        "online_level": "Không",
        "components": _papers(
            "Dự thảo hợp đồng, giao dịch (bản chính)",
            "Giấy tờ tùy thân của người yêu cầu chứng thực (bản sao kèm bản chính để đối chiếu)",
            "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở hoặc giấy tờ thay thế "
            "(bản sao kèm bản chính để đối chiếu)",
        ),
    },
    # --- Cư trú (residence; the commune police decide) ---
    {
        "code": "1.004222",
        "name": "Đăng ký thường trú",
        "field": "Cư trú",
        "legal_basis": _RESIDENCE,
        "time_limit": "07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": "20.000 đồng (nộp trực tiếp); 10.000 đồng (nộp trực tuyến)",
        "online_level": "Toàn trình",
        "lead_unit": _POLICE,
        "components": _papers(
            "Tờ khai thay đổi thông tin cư trú (Mẫu CT01) (bản chính)",
            "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (bản sao, nếu có)",
        ),
    },
    {
        "code": "1.004194",
        "name": "Đăng ký tạm trú",
        "field": "Cư trú",
        "legal_basis": _RESIDENCE,
        "time_limit": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": "15.000 đồng (nộp trực tiếp); 7.000 đồng (nộp trực tuyến)",
        "online_level": "Toàn trình",
        "lead_unit": _POLICE,
        "components": _papers(
            "Tờ khai thay đổi thông tin cư trú (Mẫu CT01) (bản chính)",
            "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (bản sao, nếu có)",
        ),
    },
    {
        "code": "1.010041",
        "name": "Xác nhận thông tin về cư trú",
        "field": "Cư trú",
        "legal_basis": _RESIDENCE,
        "time_limit": (
            "Không quá 0,5 ngày làm việc nếu thông tin đã có trong Cơ sở dữ liệu về cư trú; không quá 03 ngày "
            "làm việc nếu phải xác minh"
        ),
        "fee": "Miễn phí",
        "online_level": "Toàn trình",
        "lead_unit": _POLICE,
        # Law on Residence 68/2020; Circular 55/2021/TT-BCA Art. 17 (request on form CT01, result on form CT07).
        "components": _papers("Tờ khai thay đổi thông tin cư trú (Mẫu CT01) (bản chính)"),
        "fields": _fields(
            "noi_dung | Nội dung đề nghị xác nhận | choice | bắt buộc | Thông tin về thường trú; "
            "Thông tin về tạm trú; Quá trình cư trú; Thông tin khác về cư trú",
            "noi_cu_tru | Nơi cư trú hiện nay | text | bắt buộc",
            "tu_ngay | Xác nhận từ ngày | date | không sau hôm nay | | Để trống nếu xác nhận hiện tại",
            "muc_dich | Mục đích sử dụng | text | bắt buộc | | Ví dụ: bổ sung hồ sơ xin việc",
        ),
    },
    # --- Kinh doanh (business households, at the commune since 1/7/2025) ---
    {
        "code": "1.001612",
        "name": "Đăng ký thành lập hộ kinh doanh",
        "field": "Kinh doanh",
        "legal_basis": (
            "Luật Doanh nghiệp số 59/2020/QH14; Nghị định số 168/2025/NĐ-CP; Nghị quyết của HĐND tỉnh về lệ phí "
            "đăng ký hộ kinh doanh"
        ),
        "time_limit": "03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ",
        "fee": "100.000 đồng/lần (miễn khi nộp trực tuyến)",
        "online_level": "Toàn trình",
        "components": _papers(
            "Giấy đề nghị đăng ký hộ kinh doanh (bản chính)",
            "Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (bản chính, nếu có)",
            "Văn bản ủy quyền cho thành viên hộ gia đình (bản sao có chứng thực, nếu có)",
        ),
    },
    # --- Xây dựng (building permits for houses, at the commune since 1/7/2025) ---
    {
        "code": "1.009994",
        "name": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "field": "Xây dựng",
        "legal_basis": (
            "Luật Xây dựng số 50/2014/QH13, sửa đổi bởi Luật số 62/2020/QH14; Nghị định số 175/2024/NĐ-CP; "
            "Nghị quyết của HĐND tỉnh về lệ phí cấp giấy phép xây dựng"
        ),
        "time_limit": "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": "75.000 đồng/giấy phép",
        "online_level": "Một phần",
        "components": _papers(
            "Đơn đề nghị cấp giấy phép xây dựng (bản chính)",
            "Giấy tờ hợp pháp về quyền sử dụng đất (bản sao có chứng thực)",
            "Bản vẽ thiết kế xây dựng (bản chính) x2",
        ),
    },
    # --- Đất đai (land) ---
    {
        "code": "1.012772",
        "name": "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "field": "Đất đai",
        "legal_basis": (
            "Luật Đất đai số 31/2024/QH15; Nghị định số 101/2024/NĐ-CP; Nghị quyết của HĐND tỉnh về lệ phí cấp "
            "Giấy chứng nhận"
        ),
        "time_limit": "Không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": "30.000 đồng/lần (mức do HĐND tỉnh quy định)",
        "online_level": "Một phần",
        "lead_unit": "Văn phòng đăng ký đất đai (nhận hồ sơ tại xã)",
        "valid_from": "01/08/2024",
        "components": _papers(
            "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK) (bản chính)",
            "Giấy chứng nhận đã cấp (bản chính)",
            "Hợp đồng, văn bản về việc chuyển quyền đã được công chứng hoặc chứng thực (bản chính)",
        ),
    },
    {
        "code": "1.013967",
        "name": "Hòa giải tranh chấp đất đai tại cấp xã",
        "field": "Đất đai",
        "legal_basis": "Luật Đất đai số 31/2024/QH15 (Điều 235); Nghị định số 102/2024/NĐ-CP",
        "time_limit": "30 ngày kể từ ngày nhận được đơn yêu cầu hòa giải",
        "fee": "Không",
        "online_level": "Không",
        "valid_from": "01/08/2024",
        "components": _papers(
            "Đơn yêu cầu hòa giải tranh chấp đất đai (bản chính)",
            "Giấy tờ liên quan đến thửa đất tranh chấp (bản sao, nếu có)",
        ),
    },
    {
        # The Land Law 2013 version, kept to show how a replaced procedure leaves the list but stays on record.
        "code": "1.003554",
        "name": "Hòa giải tranh chấp đất đai (Luật Đất đai 2013)",
        "field": "Đất đai",
        "legal_basis": "Luật Đất đai số 45/2013/QH13 (Điều 202); Nghị định số 43/2014/NĐ-CP",
        "time_limit": "45 ngày kể từ ngày nhận được đơn yêu cầu",
        "fee": "Không",
        "online_level": "Không",
        "valid_from": "01/07/2014",
        "valid_to": "31/07/2024",
        "components": _papers("Đơn yêu cầu hòa giải tranh chấp đất đai (bản chính)"),
    },
    # --- Bảo trợ xã hội, giảm nghèo (social protection) ---
    {
        "code": "1.001731",
        "name": "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        "field": "Bảo trợ xã hội",
        "legal_basis": _SOCIAL,
        "time_limit": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": "Không",
        "online_level": "Một phần",
        "components": _papers(
            "Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04) (bản chính)",
            "Giấy báo tử hoặc trích lục khai tử (bản sao)",
        ),
    },
    {
        "code": "1.001776",
        "name": "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng",
        "field": "Bảo trợ xã hội",
        "legal_basis": _SOCIAL,
        "time_limit": "15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": "Không",
        "online_level": "Một phần",
        "components": _papers(
            "Tờ khai đề nghị trợ giúp xã hội (Mẫu số 1a) (bản chính)",
            "Giấy xác nhận khuyết tật (bản sao, nếu có)",
        ),
    },
    {
        "code": "1.009987",
        "name": "Xác nhận hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp và diêm nghiệp có mức sống trung bình",
        "field": "Giảm nghèo",
        "legal_basis": (
            "Luật Bảo hiểm y tế số 25/2008/QH12 (sửa đổi, bổ sung); Nghị định số 07/2021/NĐ-CP; "
            "Thông tư số 02/2022/TT-BLĐTBXH"
        ),
        "time_limit": "07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": "Không",
        "online_level": "Không",
        "components": _papers(
            "Giấy đề nghị xác nhận hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp và diêm nghiệp có mức sống "
            "trung bình (bản chính)"
        ),
    },
]
