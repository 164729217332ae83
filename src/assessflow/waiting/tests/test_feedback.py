"""Screening, reprioritising, keeping in touch, the settings and every step of an import are each confirmed in a
success banner that names the referral, the priority, the person or the file."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.frontdoor.tests.test_referrals import screening_payload
from assessflow.tests.feedback import banner
from assessflow.waiting.models import BacklogImport

from . import handover
from .test_keep_in_touch import contact


def followed(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def test_screening_onto_a_list_names_the_referral_and_the_list(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    client = sign_in(cast.member("front_door_a"))
    page = client.post(reverse("waiting:screen", args=[referral.pk]), screening_payload(), follow=True)
    assert banner(page) == f"{referral.get_kind_display()} {referral.reference} screened onto the needs assessment list"


def test_closing_at_screening_says_how_it_closed(cast, sign_in):
    referral = cast.casework[cast.person_a.pk]["referral"]
    client = sign_in(cast.member("front_door_a"))
    data = screening_payload(decision="closed_signposted")
    page = client.post(reverse("waiting:screen", args=[referral.pk]), data, follow=True)
    assert banner(page) == f"{referral.get_kind_display()} {referral.reference} closed and signposted"


def test_reprioritising_names_the_new_priority(cast, sign_in):
    entry = cast.casework[cast.person_a.pk]["entry"]
    client = sign_in(cast.member("team_manager_a"))
    data = {"version": 1, "priority": "red", "rationale": "Carer admitted to hospital"}
    page = client.post(reverse("waiting:reprioritise", args=[entry.pk]), data, follow=True)
    assert banner(page) == "Waiting list entry moved to red priority"
    stale = client.post(reverse("waiting:reprioritise", args=[entry.pk]), {**data, "priority": "green"})
    assert stale.status_code == 400
    assert banner(stale) == "", "a refused change confirms nothing"


def test_a_keep_in_touch_contact_names_the_person(cast, sign_in):
    entry = cast.casework[cast.person_a.pk]["entry"]
    client = sign_in(cast.member("front_door_a"))
    page = followed(client, contact(client, entry))
    assert banner(page) == "Keep-in-touch contact with Alice Ashworth recorded"


def test_saving_the_settings_is_confirmed(cast, sign_in):
    admin = sign_in(cast.member("council_admin_a"))
    form = admin.get(reverse("waiting:settings")).context["form"]
    data = {name: form.initial[name] for name in form.fields}
    page = admin.post(reverse("waiting:settings"), data, follow=True)
    assert banner(page) == "Waiting list timescales and keep-in-touch intervals saved"


def test_each_step_of_an_import_is_confirmed(cast, staff, importer):
    upload = SimpleUploadedFile("handover.csv", handover.csv_bytes(7))
    page = followed(importer.client, importer.post(reverse("waiting:imports"), {"file": upload}))
    assert banner(page) == "handover.csv uploaded"
    with scopes_disabled():
        job = BacklogImport.objects.latest("pk")

    data = importer.matching(job)[1]
    page = followed(importer.client, importer.post(reverse("waiting:import-mapping", args=[job.pk]), data))
    assert banner(page) == "Columns of handover.csv matched: its rows are being checked"

    page = followed(importer.client, importer.post(reverse("waiting:import-rematch", args=[job.pk])))
    assert banner(page) == "handover.csv is back to have its columns matched"

    page = followed(importer.client, importer.post(reverse("waiting:import-abandon", args=[job.pk])))
    assert banner(page) == "Import of handover.csv abandoned"


def test_publishing_an_import_says_the_page_shows_when_it_is_done(cast, staff, importer):
    job = importer.upload("handover.csv", handover.csv_bytes(7))
    job = importer.match(job, importer.matching(job)[1])
    assert job.status == "checked", job.failure
    importer.client.get(reverse("waiting:import", args=[job.pk]))  # where the earlier steps' banners were read
    page = followed(importer.client, importer.post(reverse("waiting:import-publish", args=[job.pk])))
    assert banner(page) == "Importing handover.csv: this page shows when it is done"
