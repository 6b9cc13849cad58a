"""DomainError carries every field's problem; pages and the API show them all."""

from django import forms

from gandan.errors import NON_FIELD, DomainError
from gandan.web import form_add_domain_error


class TwoFields(forms.Form):
    name = forms.CharField(required=False)
    phone = forms.CharField(required=False)


def test_a_one_field_error_is_still_written_the_short_way():
    error = DomainError("phone_invalid", "Bad phone.", field="phone")

    assert (error.code, error.field, str(error.message)) == ("phone_invalid", "phone", "Bad phone.")
    assert error.errors == {"phone": ["Bad phone."]}


def test_an_error_of_several_fields_keeps_every_message_and_leads_with_the_first():
    error = DomainError(
        "applicant_invalid", errors={"name": "No name.", "phone": ["Bad phone.", "Too short."]}
    )

    assert (error.field, error.message) == ("name", "No name.")
    assert error.errors == {"name": ["No name."], "phone": ["Bad phone.", "Too short."]}


def test_an_error_of_the_whole_request_has_no_field():
    error = DomainError("locked", "Locked.")

    assert error.field is None
    assert error.errors == {NON_FIELD: ["Locked."]}


def test_a_form_shows_every_field_a_service_refused():
    form = TwoFields({"name": "", "phone": "1"})
    form.is_valid()

    form_add_domain_error(
        form, DomainError("x", errors={"name": "No name.", "phone": "Bad phone.", "other": "Odd."})
    )

    assert form.errors == {"name": ["No name."], "phone": ["Bad phone."], NON_FIELD: ["Odd."]}


def test_a_form_maps_the_services_field_names_to_its_own():
    form = TwoFields({})
    form.is_valid()

    form_add_domain_error(
        form,
        DomainError("x", errors={"persons.0.phone": "Bad phone."}),
        rename=lambda name: name.rsplit(".", 1)[-1],
    )

    assert form.errors == {"phone": ["Bad phone."]}
