"""Pages for importing a backlog: upload, the check's report, the choice to import, and the template."""

from contextlib import suppress

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.forms import GovukFormMixin
from assessflow.tenancy.models import Contract
from assessflow.tenancy.permissions import permission_required

from . import backlog_services
from .backlog import COLUMNS, template_csv
from .models import BacklogImport

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a CSV or Excel file",
        help_text="Use the template's columns. Every row is checked before anything is imported",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
    contract = forms.ModelChoiceField(
        label="Hand the cases to a provider",
        queryset=Contract.objects.none(),
        required=False,
        empty_label="No: the council keeps them",
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = Contract.objects.filter(council=council).select_related("provider")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The selected file must be a CSV or an Excel (.xlsx) file")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 200 MB")
        return upload


def _job(request: HttpRequest, import_id: int) -> BacklogImport:
    job = (
        BacklogImport.objects.filter(council=request.membership.organisation, pk=import_id)
        .select_related("contract")
        .first()
    )
    if job is None:
        raise Http404("Not found")
    return job


@require_http_methods(["GET", "POST"])
@permission_required("waiting.import")
def imports(request: HttpRequest) -> HttpResponse:
    council = request.membership.organisation
    form = UploadForm(request.POST or None, request.FILES or None, council=council)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = backlog_services.start_import(
            actor=Actor.from_request(request),
            council=council,
            name=upload.name,
            content=upload.read(),
            contract=form.cleaned_data["contract"],
        )
        return redirect("waiting:import", job.pk)
    return render(
        request,
        "waiting/imports.html",
        {"form": form, "jobs": BacklogImport.objects.filter(council=council)[:20], "columns": COLUMNS},
        status=400 if request.method == "POST" else 200,  # a post that gets here was refused
    )


@require_GET
@permission_required("waiting.import")
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    return render(request, "waiting/import.html", {"job": _job(request, import_id)})


@require_GET
@permission_required("waiting.import")
def import_progress(request: HttpRequest, import_id: int) -> JsonResponse:
    job = _job(request, import_id)
    return JsonResponse(
        {"status": job.status, "checked": job.rows_checked, "total": job.rows_total, "percent": job.percent_checked}
    )


@require_POST
@permission_required("waiting.import")
def import_publish(request: HttpRequest, import_id: int) -> HttpResponse:
    job = _job(request, import_id)
    # Not ready (still checking, or already imported): the job's page shows its real state.
    with suppress(backlog_services.ImportNotReady):
        backlog_services.publish(
            actor=Actor.from_request(request), job=job, only_valid_rows=request.POST.get("only_valid") == "1"
        )
    return redirect("waiting:import", job.pk)


@require_GET
@permission_required("waiting.import")
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="backlog-import-template.csv"'
    return response
