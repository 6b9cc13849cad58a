"""The demo area of DEMO-AREA.md: former Sông Lô district (Vĩnh Phúc), since 1/7/2025 four communes of Phú Thọ.

Village names of former Lãng Công are real (DOMAIN.md §10.1); the others are illustrative and say so.
"""

from typing import Any

DEMO_PROVINCE_CODE = "25"  # Phú Thọ in the post-2025 list
ILLUSTRATIVE = "Tên thôn minh hoạ cho dữ liệu mẫu; cần cán bộ xã đối chiếu danh sách chính thức."

FORMER_PROVINCE: dict[str, Any] = {
    "name": "Tỉnh Vĩnh Phúc",
    "code": "26",
    "note": "Giải thể từ 01/7/2025; toàn bộ địa bàn nhập vào tỉnh Phú Thọ (Nghị quyết 202/2025/QH15).",
}

FORMER_DISTRICT: dict[str, Any] = {
    "name": "Huyện Sông Lô",
    "code": "253",
    "note": "Thành lập năm 2009, trung tâm tại Tam Sơn; chấm dứt từ 01/7/2025 (chính quyền hai cấp).",
    "mapped_elsewhere": [
        {
            "name": "Xã Cao Phong",
            "successor_code": "08866",
            "note": "Theo một bộ dữ liệu bên thứ ba, nhập vào xã Sơn Đông cùng Sơn Đông và Tây Sơn: CHƯA XÁC NHẬN.",
        },
    ],
}

NEW_COMMUNES: list[dict[str, Any]] = [
    {
        "code": "08773",
        "name": "Xã Yên Lãng",
        "formed_from": [
            {"name": "Xã Quang Yên"},
            {"name": "Xã Lãng Công", "code": "08773"},
        ],
        "villages": [
            "Thôn Trường Xuân",
            "Thôn Hoành Sơn",
            "Thôn Tam Đa",
            "Thôn Yên Sơn",
            "Thôn Thành Công",
            "Thôn Phú Cường",
            "Thôn Minh Tân",
            "Thôn Đoàn Kết",
            "Thôn Thống Nhất",
            "Thôn Lãng Sơn",
        ],
        "village_note": "Thôn của xã Lãng Công cũ (nguồn: DOMAIN.md §10.1).",
    },
    {
        "code": "08824",
        "name": "Xã Tam Sơn",
        "formed_from": [
            {"name": "Thị trấn Tam Sơn", "kind": "town"},
            {"name": "Xã Đồng Quế"},
            {"name": "Xã Tân Lập"},
        ],
        "villages": [
            "Thôn Đồng Bùa",
            "Thôn Cao Quang",
            "Thôn Gò Chè",
            "Thôn Tân Tiến",
            "Thôn Bình Hòa",
            "Thôn Quang Hà",
            "Thôn Đồng Măng",
        ],
        "village_note": ILLUSTRATIVE,
    },
    {
        "code": "08848",
        "name": "Xã Sông Lô",
        "formed_from": [
            {"name": "Xã Tứ Yên"},
            {"name": "Xã Đồng Thịnh"},
            {"name": "Xã Đức Bác"},
            {"name": "Xã Yên Thạch"},
        ],
        "villages": [
            "Thôn Bến Đò",
            "Thôn Bãi Sậy",
            "Thôn Đồng Cả",
            "Thôn Lũng Hạ",
            "Thôn Thượng Lạp",
            "Thôn Tân Phong",
            "Thôn Đồng Giang",
        ],
        "village_note": ILLUSTRATIVE,
    },
    {
        "code": "08782",
        "name": "Xã Hải Lựu",
        "formed_from": [
            {"name": "Xã Hải Lựu"},
            {"name": "Xã Nhân Đạo"},
            {"name": "Xã Đôn Nhân"},
            {"name": "Xã Phương Khoan"},
        ],
        "villages": [
            "Thôn Khe Lau",
            "Thôn Suối Cát",
            "Thôn Gò Gạo",
            "Thôn Đồng Thành",
            "Thôn Hải Tiến",
            "Thôn Núi Sỏi",
            "Thôn Đồng Mồ",
        ],
        "village_note": ILLUSTRATIVE,
    },
]
