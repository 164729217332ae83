"""Pages for importing a backlog: upload, matching a handover file, the check's report, the choice to import or
abandon, and the template."""

from contextlib import suppress

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessflow.audit.actor import Actor
from assessflow.core.forms import GovukFormMixin
from assessflow.core.journeys import done
from assessflow.tenancy.permissions import permission_required

from . import backlog_services, selectors
from .backlog import COLUMNS, template_csv
from .import_forms import MappingForm, column_label
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
        queryset=None,
        required=False,
        empty_label="No: the council keeps them",
    )
    saved = forms.ModelChoiceField(
        label="Match its columns as before",
        help_text="A file from another system is matched to Assessflow's columns before it is checked",
        queryset=None,
        required=False,
        empty_label="No: match this file afresh",
    )

    def __init__(self, *args, choices: tuple[QuerySet, QuerySet], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset, self.fields["saved"].queryset = choices

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The selected file must be a CSV or an Excel (.xlsx) file")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 200 MB")
        return upload


def _job(request: HttpRequest, import_id: int) -> BacklogImport:
    return selectors.import_for(request.membership, import_id)


@require_http_methods(["GET", "POST"])
@permission_required("waiting.import")
def imports(request: HttpRequest) -> HttpResponse:
    council = request.membership.organisation
    choices = selectors.import_choices(request.membership)
    form = UploadForm(request.POST or None, request.FILES or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = backlog_services.start_import(
            actor=Actor.from_request(request),
            council=council,
            name=upload.name,
            content=upload.read(),
            contract=form.cleaned_data["contract"],
            saved=form.cleaned_data["saved"],
        )
        return done(request, f"{job.original_name} uploaded", "waiting:import", job.pk)
    return render(
        request,
        "waiting/imports.html",
        {"form": form, "jobs": selectors.recent_imports(request.membership), "columns": COLUMNS},
        status=400 if request.method == "POST" else 200,  # a post that gets here was refused
    )


def _detail(request: HttpRequest, job: BacklogImport, *, refused: str = "") -> HttpResponse:
    columns = (job.mapping or {}).get("columns", {})
    # Each problem names the file's own header too, when the file was matched.
    errors = [{**e, "header": columns.get(e["column"], "")} for e in job.errors]
    context = {"job": job, "errors": errors, "refused": refused}
    return render(request, "waiting/import.html", context, status=400 if refused else 200)


@require_GET
@permission_required("waiting.import")
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    return _detail(request, _job(request, import_id))


@require_GET
@permission_required("waiting.import")
def import_progress(request: HttpRequest, import_id: int) -> JsonResponse:
    job = _job(request, import_id)
    return JsonResponse(
        {
            "status": job.status,
            "checked": job.rows_checked,
            "total": job.rows_total,
            "percent": job.percent_checked,
            "text": job.progress_text,
        }
    )


@require_POST
@permission_required("waiting.import")
def import_publish(request: HttpRequest, import_id: int) -> HttpResponse:
    job = _job(request, import_id)
    try:
        backlog_services.publish(
            actor=Actor.from_request(request), job=job, only_valid_rows=request.POST.get("only_valid") == "1"
        )
    except backlog_services.ImportNotReady as refused:
        # Nothing was written: the page says why (rows with problems, or not ready), never silently.
        job.refresh_from_db()
        return _detail(request, job, refused=str(refused))
    return done(request, f"Importing {job.original_name}: this page shows when it is done", "waiting:import", job.pk)


@require_http_methods(["GET", "POST"])
@permission_required("waiting.import")
def import_mapping(request: HttpRequest, import_id: int) -> HttpResponse:
    job = _job(request, import_id)
    if job.status != BacklogImport.Status.MAPPING:
        return redirect("waiting:import", job.pk)
    form = MappingForm(request.POST if request.method == "POST" else None, job=job)
    if request.method == "POST" and form.is_valid():
        # Matched already (another tab): the job's page shows where it is.
        with suppress(backlog_services.ImportNotReady):
            backlog_services.set_mapping(
                actor=Actor.from_request(request),
                job=job,
                mapping=form.mapping(),
                save_as=form.cleaned_data["save_as"],
            )
            return done(
                request, f"Columns of {job.original_name} matched: its rows are being checked", "waiting:import", job.pk
            )
        return redirect("waiting:import", job.pk)
    return render(
        request,
        "waiting/import_mapping.html",
        {"job": job, "form": form, "column_label": column_label},
        status=400 if request.method == "POST" else 200,
    )


def _act_on_job(request: HttpRequest, import_id: int, action, said: str) -> HttpResponse:
    """Abandon an import or send it back to be matched; a job not in a state for it says why on its page."""
    job = _job(request, import_id)
    try:
        action(actor=Actor.from_request(request), job=job)
    except backlog_services.ImportNotReady as refused:
        job.refresh_from_db()
        return _detail(request, job, refused=str(refused))
    return done(request, said.format(name=job.original_name), "waiting:import", job.pk)


@require_POST
@permission_required("waiting.import")
def import_abandon(request: HttpRequest, import_id: int) -> HttpResponse:
    return _act_on_job(request, import_id, backlog_services.abandon, "Import of {name} abandoned")


@require_POST
@permission_required("waiting.import")
def import_rematch(request: HttpRequest, import_id: int) -> HttpResponse:
    return _act_on_job(request, import_id, backlog_services.rematch, "{name} is back to have its columns matched")


@require_GET
@permission_required("waiting.import")
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="backlog-import-template.csv"'
    return response
