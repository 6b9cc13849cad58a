"""The desk's search goes through gandan.search: accents ignored, any part of the phone, scoped to the officer's
commune, and rows written behind the services' back become searchable with `search_reindex`."""

from django.core.management import call_command

from gandan.dossiers.models import Dossier
from gandan.dossiers.selectors import dossier_list_for_user, procedures_in_force, procedures_search
from gandan.dossiers.tests.factories import make_procedure, submit
from gandan.search.models import SearchDocument


def found(user, query: str) -> list[str]:
    return list(dossier_list_for_user(user, worklist="all", query=query).values_list("code", flat=True))


def test_a_search_without_accents_finds_the_name_the_address_and_the_procedure(desk_officer):
    procedure = make_procedure(name="Giao đất, cho thuê đất đai")
    dossier = submit(procedure, desk_officer.unit, name="Trần Thị Hoà", phone="0977123456")

    assert dossier.code in found(desk_officer, "tran thi hoa")
    assert dossier.code in found(desk_officer, "dat dai")
    assert dossier.code in found(desk_officer, "HOA ben do")  # the name and the address together


def test_any_part_of_the_phone_finds_it_but_a_codes_digits_do_not_match_a_phone(desk_officer):
    procedure = make_procedure()
    dossier = submit(procedure, desk_officer.unit, phone="0977123456")
    other = submit(procedure, desk_officer.unit, phone=f"0977{dossier.code[-4:]}99")

    assert found(desk_officer, "3456") == [dossier.code]
    assert found(desk_officer, "0977 123 456") == [dossier.code]
    assert found(desk_officer, dossier.code) == [dossier.code]  # its last group is in the other's phone
    assert other.code not in found(desk_officer, dossier.code)


def test_a_dossier_of_another_commune_is_not_found(desk_officer, other_commune_leader):
    dossier = submit(make_procedure(), desk_officer.unit, name="Khổng Minh Nghiêm")

    assert found(desk_officer, "khong minh nghiem") == [dossier.code]
    assert found(other_commune_leader, "khong minh nghiem") == []


def test_search_reindex_makes_rows_written_without_the_services_searchable(desk_officer):
    dossier = submit(make_procedure(), desk_officer.unit, name="Quách Thị Khuê")
    SearchDocument.objects.filter(kind="dossier", object_id=dossier.pk).delete()
    Dossier.objects.filter(pk=dossier.pk).update(applicant_name="Quách Thị Khuê Loan")
    assert found(desk_officer, "khue") == []

    call_command("search_reindex", "dossier", "--missing", verbosity=0)

    assert found(desk_officer, "quach khue loan") == [dossier.code]


def test_procedures_are_found_without_accents_by_name_or_code(db):
    marriage = procedures_in_force().get(name__icontains="kết hôn")

    assert marriage in procedures_in_force(query="dang ky ket hon")
    assert marriage in procedures_search(query="KET HON")
    assert list(procedures_in_force(query="ket hon xyz")) == []
