"""Documents the site makes (forms, registers, templates) go out through one helper, never hand-built headers."""

from gandan.kit.downloads import generated_file


def test_a_generated_document_is_a_download_that_is_never_cached():
    response = generated_file(b"a,b\n", filename="mau.csv", content_type="text/csv; charset=utf-8")

    assert response["Content-Disposition"] == 'attachment; filename="mau.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Length"] == "4"
    assert response["Cache-Control"] == "private, no-store"
    assert response.getvalue() == b"a,b\n"


def test_a_name_with_vietnamese_letters_or_quotes_stays_one_valid_header():
    response = generated_file(
        b"%PDF-", filename='Sổ "tiếp" dân.pdf', content_type="application/pdf", inline=True
    )

    assert (
        response["Content-Disposition"]
        == "inline; filename*=utf-8''S%E1%BB%95%20%22ti%E1%BA%BFp%22%20d%C3%A2n.pdf"
    )
