"""Where a signal came from, shown in Vietnamese words rather than stored codes (opinion/sources.py)."""

from django.utils import translation

from gandan.opinion.sources import source_label


def test_sources_and_channels_are_named_in_vietnamese():
    with translation.override("vi"):
        assert source_label("ingest", "hotline") == "Nhập từ tệp — đường dây nóng"
        assert source_label("petition") == "Đơn"
        assert source_label("dossiers.rating") == "Đánh giá hồ sơ"
        assert source_label("reception") == "Sổ tiếp công dân"
        assert source_label("mobilization_note") == "Ý kiến nhân dân do tổ dân vận ghi nhận"


def test_an_unknown_code_is_shown_as_it_is():
    with translation.override("vi"):
        assert source_label("portal.comment", "zalo") == "portal.comment — zalo"
