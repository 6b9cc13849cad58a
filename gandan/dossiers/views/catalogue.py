"""Staff pages of the procedure catalogue: the list, one procedure, and importing the province's published list."""

import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from gandan.accounts.rules import Perm
from gandan.accounts.scope import scope_path
from gandan.core.procedure_catalogue import COLUMNS
from gandan.dossiers.models import OnlineLevel
from gandan.dossiers.selectors import procedure_fields, procedure_get, procedures_search
from gandan.dossiers.services.catalogue import (
    fields_text,
    papers_text,
    procedure_update_application,
    procedures_check,
    procedures_import,
)
from gandan.errors import DomainError
from gandan.kit.downloads import generated_file
from gandan.web import form_add_domain_error, hint_input, paginate, require_perm

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
TEMPLATE_COLUMNS = ["code", "name", "field", "legal_basis", "time_limit", "fee", "online_level", "components",
                    "fields", "lead_unit", "valid_from", "valid_to"]  # fmt: skip
TEMPLATE_EXAMPLES = [
    ["1.001193", "Đăng ký khai sinh", "Hộ tịch", "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP",
     "Ngay trong ngày tiếp nhận hồ sơ", "Miễn lệ phí đối với đăng ký khai sinh đúng hạn", "Toàn trình",
     "- Tờ khai đăng ký khai sinh (bản chính)\n- Giấy chứng sinh (bản chính)\n"
     "- Văn bản ủy quyền có chứng thực (bản chính, khi nộp hồ sơ thay người khác)",
     "ten_tre | Họ, chữ đệm và tên của trẻ | văn bản | bắt buộc\n"
     "ngay_sinh | Ngày sinh | ngày | bắt buộc, không sau hôm nay | | dd/mm/yyyy\n"
     "gioi_tinh | Giới tính | lựa chọn | bắt buộc | Nam; Nữ",
     "UBND cấp xã", "01/07/2025", ""],
    ["2.001035", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
     "Chứng thực", "Nghị định số 23/2015/NĐ-CP; Thông tư số 226/2016/TT-BTC", "02 ngày làm việc",
     "50.000 đồng/hợp đồng, giao dịch", "Không",
     "- Dự thảo hợp đồng, giao dịch (bản chính)\n- Giấy tờ tùy thân (bản sao kèm bản chính để đối chiếu) x2",
     "", "UBND cấp xã", "", ""],
]  # fmt: skip


class ProcedureFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search by name or code"),
        required=False,
        max_length=100,
        widget=hint_input(gettext_lazy("e.g. khai sinh"), search=True),
    )
    field = forms.ChoiceField(label=gettext_lazy("Field"), required=False)
    online = forms.ChoiceField(
        label=gettext_lazy("Online service"),
        required=False,
        choices=[("", gettext_lazy("All levels")), *OnlineLevel.choices],
    )
    expired = forms.BooleanField(label=gettext_lazy("Show expired procedures"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("All fields"))] + [(f, f) for f in procedure_fields()]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Catalogue file (CSV or Excel .xlsx)"),
        help_text=gettext_lazy("At most 2 MB. The first row names the columns, as in the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    check_only = forms.BooleanField(label=gettext_lazy("Only check the file, save nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB. Split it into smaller files."))
        return upload


@require_safe
@login_required
def procedure_list(request):
    require_perm(request.user, Perm.DOSSIERS_VIEW)
    form = ProcedureFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = procedures_search(
        query=data.get("q", ""),
        field=data.get("field", ""),
        online_level=data.get("online", ""),
        include_expired=data.get("expired", False),
        unit_path=scope_path(request.user),
    )
    context = {
        "form": form,
        "filtered": bool(data.get("q") or data.get("field") or data.get("online")),
        "today": timezone.localdate(),
        "can_edit": request.user.can(Perm.PROCEDURES_EDIT),
        **paginate(request, rows),
    }
    return render(request, "dossiers/procedures.html", context)


@require_safe
@login_required
def procedure_detail(request, pk: int):
    require_perm(request.user, Perm.DOSSIERS_VIEW)
    procedure = procedure_get(pk)
    context = {
        "procedure": procedure,
        "components": procedure.components.all(),
        "fields": procedure.fields_schema,
        "today": timezone.localdate(),
        "can_edit": request.user.can(Perm.PROCEDURES_EDIT),
    }
    return render(request, "dossiers/procedures_detail.html", context)


class ApplicationEditForm(forms.Form):
    fields_text = forms.CharField(
        label=gettext_lazy("Application fields, one per line"),
        required=False,
        max_length=20000,
        help_text=gettext_lazy(
            "key | label | type | flags | options separated by ; | help. Types: text, longtext, date, choice, "
            "number, idnumber. Flags: bắt buộc, không sau hôm nay. "
            "E.g. ngay_sinh | Ngày sinh | date | bắt buộc, không sau hôm nay"
        ),
        widget=forms.Textarea(attrs={"rows": 10, "class": "mono"}),
    )
    papers_text = forms.CharField(
        label=gettext_lazy("Papers, one per line"),
        required=False,
        max_length=20000,
        help_text=gettext_lazy(
            "As in the catalogue: name (form, “nếu có” if optional, or the case it is needed in, starting with "
            "“khi” or “trường hợp”) x count. E.g. - Văn bản ủy quyền (bản chính, khi nộp hồ sơ thay người khác)"
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
    )


@require_http_methods(["GET", "POST"])
@login_required
def procedure_edit(request, pk: int):
    """Edit what a procedure asks: the fields of its application and its papers (with their cases)."""
    require_perm(request.user, Perm.PROCEDURES_EDIT)
    procedure = procedure_get(pk)
    initial = {"fields_text": fields_text(procedure), "papers_text": papers_text(procedure)}
    form = ApplicationEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            procedure_update_application(
                procedure=procedure,
                by=request.user,
                fields=form.cleaned_data["fields_text"],
                papers=form.cleaned_data["papers_text"],
            )
        except DomainError as error:
            form_add_domain_error(form, error, rename={"fields": "fields_text", "papers": "papers_text"})
        else:
            messages.success(request, _("The procedure's application and papers were saved."))
            return redirect("dossiers:procedure", pk=procedure.pk)
    status = 422 if form.errors else 200
    return render(
        request, "dossiers/procedures_edit.html", {"procedure": procedure, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
def procedure_import(request):
    """Upload the province's catalogue: every line is checked, and a file with any bad line saves nothing."""
    require_perm(request.user, Perm.PROCEDURES_EDIT)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if form.cleaned_data["check_only"]:
            report = procedures_check(file=upload)
        else:
            report = procedures_import(file=upload, by=request.user)
        if report.saved:
            messages.success(
                request,
                _(
                    "The catalogue was imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged."
                )
                % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
            )
            return redirect("dossiers:procedures")
    context = {"form": form, "report": report, "columns": [COLUMNS[key][0] for key in TEMPLATE_COLUMNS]}
    return render(request, "dossiers/procedures_import.html", context)


@require_safe
@login_required
def procedure_import_template(request):
    """A CSV with the header row and two example lines, in UTF-8 with a BOM so that Excel shows the diacritics."""
    require_perm(request.user, Perm.PROCEDURES_EDIT)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([COLUMNS[key][0] for key in TEMPLATE_COLUMNS])
    writer.writerows(TEMPLATE_EXAMPLES)
    return generated_file(
        ("\ufeff" + buffer.getvalue()).encode(),
        filename="mau-danh-muc-thu-tuc.csv",
        content_type="text/csv; charset=utf-8",
    )
