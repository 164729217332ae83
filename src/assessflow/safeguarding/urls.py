from django.urls import path

from . import dols_views, enquiry_views, report_views, views
from .dols_tasks import ORDER, slug

app_name = "safeguarding"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("settings/", views.settings_page, name="settings"),
    path("returns/", report_views.returns, name="returns"),
    path("returns.csv", report_views.returns_csv, name="returns-csv"),
    path("people/<int:person_id>/", views.person_records, name="person"),
    path("people/<int:person_id>/concerns/new/", views.raise_concern, name="raise"),
    path("people/<int:person_id>/dols/new/", dols_views.new_request, name="dols-new"),
    path("concerns/<int:concern_id>/", views.concern, name="concern"),
    path("concerns/<int:concern_id>/received/", views.received, name="received"),
    path("concerns/<int:concern_id>/triage/", views.triage, name="triage"),
    path("concerns/<int:concern_id>/decide/", views.decide, name="decide"),
    path("concerns/<int:concern_id>/break-glass/", views.break_glass, name="concern-break-glass"),
    path("enquiries/<int:enquiry_id>/", enquiry_views.enquiry, name="enquiry"),
    path("enquiries/<int:enquiry_id>/edit/", enquiry_views.edit, name="enquiry-edit"),
    path("enquiries/<int:enquiry_id>/strategy/", enquiry_views.strategy, name="strategy"),
    path("enquiries/<int:enquiry_id>/actions/new/", enquiry_views.protection_action, name="protection-action"),
    path("enquiries/<int:enquiry_id>/conclude/", enquiry_views.conclude, name="conclude"),
    path("dols/", dols_views.dols_list, name="dols-list"),
    path("dols/doctors/", dols_views.doctors, name="dols-doctors"),
    path("dols/<int:application_id>/", dols_views.application, name="dols"),
    path("dols/<int:application_id>/break-glass/", views.break_glass, name="dols-break-glass"),
    *(
        path(f"dols/<int:application_id>/{step}/", dols_views.step, {"step": step}, name=f"dols-{step}")
        for step in dols_views.STEPS
    ),
    path("dols/<int:application_id>/assessments/", dols_views.assessments, name="dols-assessments"),
    *(
        path(
            f"dols/<int:application_id>/assessments/{slug(requirement)}/",
            dols_views.assess,
            {"requirement": requirement},
            name=f"dols-assess-{slug(requirement)}",
        )
        for requirement in ORDER
    ),
]
