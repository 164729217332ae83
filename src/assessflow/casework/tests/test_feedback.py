"""Every change to notes, documents, warnings, tasks and letters is confirmed in a success banner, and a form
opened from a person's page goes back there (or offers the way back) once it is done."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.casework.models import Document, Note, Task
from assessflow.casework.tests.test_documents import PDF
from assessflow.casework.tests.test_notes import note_payload
from assessflow.casework.tests.test_tasks_and_warnings import set_task
from assessflow.tests.feedback import banner, banner_links


def person_page(cast) -> str:
    return reverse("people:detail", args=[cast.person_a.pk])


@pytest.mark.parametrize(
    ("label", "url_name"),
    [
        ("Add a note", "casework:note-new"),
        ("Upload a document", "casework:document-new"),
        ("Set a task", "casework:task-new"),
        ("Write a letter", "casework:letter-new"),
        ("Add a warning", "casework:warning-new"),
    ],
)
def test_the_person_pages_links_to_add_to_the_record_carry_the_way_back(cast, sign_in, label, url_name):
    page = sign_in(cast.member("team_manager_a")).get(person_page(cast)).content.decode()
    link = f"{reverse(url_name, args=[cast.person_a.pk])}?next={person_page(cast)}"
    assert f'<a class="govuk-link" href="{link}">{label}</a>' in page


def test_a_form_opened_from_another_page_shows_the_way_back_to_it(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    referral = reverse("frontdoor:referral", args=[cast.casework[cast.person_a.pk]["referral"].pk])
    page = client.get(f"{reverse('casework:note-new', args=[cast.person_a.pk])}?next={referral}").content.decode()
    assert f'<a href="{referral}" class="govuk-back-link">Back</a>' in page


def test_a_note_added_from_a_person_page_goes_back_there_and_says_so(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    url = f"{reverse('casework:note-new', args=[cast.person_a.pk])}?next={person_page(cast)}"
    response = client.post(url, note_payload())
    assert response["Location"] == person_page(cast)
    assert banner(client.get(response["Location"])) == "Note added to Alice Ashworth's record"


def test_a_note_added_from_a_referral_goes_back_to_the_referral(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    referral = reverse("frontdoor:referral", args=[cast.casework[cast.person_a.pk]["referral"].pk])
    url = f"{reverse('casework:note-new', args=[cast.person_a.pk])}?next={referral}"
    response = client.post(url, note_payload())
    assert response["Location"] == referral
    assert banner(client.get(referral)) == "Note added to Alice Ashworth's record"


def test_changing_amending_and_retracting_a_note_are_each_confirmed(cast, sign_in):
    author = cast.member("team_manager_a")
    note = cast.casework[cast.person_a.pk]["note"]
    with scopes_disabled():
        Note.objects.filter(pk=note.pk).update(author=author.user)
    client = sign_in(author)
    page = client.post(reverse("casework:note-edit", args=[note.pk]), {"version": 1, "text": "Fixed"}, follow=True)
    assert banner(page) == "Note on Alice Ashworth's record changed"
    amendment = {"submission_id": str(uuid.uuid4()), "text": "The call was on Tuesday"}
    page = client.post(reverse("casework:note-amend", args=[note.pk]), amendment, follow=True)
    assert banner(page) == "Amendment added to the note"
    page = client.post(reverse("casework:note-retract", args=[note.pk]), {"reason": "Wrong record"}, follow=True)
    assert banner(page) == "Note retracted from Alice Ashworth's record"


def test_adding_and_removing_a_document_name_it(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    data = {
        "submission_id": str(uuid.uuid4()),
        "title": "GP letter",
        "category": "health",
        "file": SimpleUploadedFile("gp.pdf", PDF),
    }
    url = f"{reverse('casework:document-new', args=[cast.person_a.pk])}?next={person_page(cast)}"
    page = client.post(url, data, follow=True)
    assert banner(page) == "Document added to Alice Ashworth's record: GP letter"
    with scopes_disabled():
        document = Document.objects.get(title="GP letter")
    page = client.post(reverse("casework:document-retract", args=[document.pk]), {"reason": "Wrong"}, follow=True)
    assert banner(page) == "Document removed from Alice Ashworth's record: GP letter"


def test_adding_and_ending_a_warning_name_its_kind(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    data = {
        "submission_id": str(uuid.uuid4()),
        "warning_type": "no_phone",
        "note": "Hard of hearing: write instead",
        "review_on_0": "1",
        "review_on_1": "1",
        "review_on_2": "2099",
    }
    page = client.post(reverse("casework:warning-new", args=[cast.person_a.pk]), data, follow=True)
    assert banner(page).startswith("Warning added to Alice Ashworth's record: ")
    warning = cast.casework[cast.person_a.pk]["warning"]
    page = client.post(reverse("casework:warning-end", args=[warning.pk]), follow=True)
    assert banner(page) == (f"Warning ended on Alice Ashworth's record: {warning.get_warning_type_display().lower()}")


def test_setting_passing_on_and_closing_a_task_are_each_confirmed(cast, sign_in):
    client = sign_in(cast.member("team_manager_a"))
    assessor, front_door = cast.member("assessor_a").user, cast.member("front_door_a").user
    response = set_task(client, cast, assigned_to=assessor.pk)
    page = client.get(response["Location"])
    assert banner(page) == (f"Task set for {assessor.full_name} on Alice Ashworth's record: Order a raised toilet seat")
    with scopes_disabled():
        task = Task.objects.get(title="Order a raised toilet seat")
    page = client.post(reverse("casework:task-reassign", args=[task.pk]), {"assigned_to": front_door.pk}, follow=True)
    assert banner(page) == f"Task passed to {front_door.full_name}: Order a raised toilet seat"
    page = client.post(reverse("casework:task-close", args=[task.pk]), {"outcome": "cancel"}, follow=True)
    assert banner(page) == "Task cancelled: Order a raised toilet seat"
    page = client.post(reverse("casework:task-close", args=[task.pk]), {"outcome": "done"}, follow=True)
    assert banner(page) == "", "closing a closed task confirms nothing"


def test_completing_a_task_says_it_is_done(cast, sign_in):
    task = cast.casework[cast.person_a.pk]["task"]
    with scopes_disabled():
        Task.objects.filter(pk=task.pk).update(assigned_to=cast.member("assessor_a").user)
    client = sign_in(cast.member("assessor_a"))
    page = client.post(reverse("casework:task-close", args=[task.pk]), {"outcome": "done"}, follow=True)
    assert banner(page) == f"Task done: {task.title}"


def test_a_letter_written_from_the_person_page_is_filed_with_the_way_back(cast, sign_in):
    template = cast.letter_templates[cast.council_a.pk]
    client = sign_in(cast.member("assessor_a"))
    url = f"{reverse('casework:letter-new', args=[cast.person_a.pk])}?next={person_page(cast)}"
    page = client.post(url, {"template": template.pk}, follow=True)
    assert banner(page) == (
        f"Letter filed on Alice Ashworth's record: {template.name}. Back to Alice Ashworth's record"
    )
    assert banner_links(page) == [person_page(cast)]

    letter = page.context["letter"]
    today = timezone.localdate()
    sent = {"how": "post", "sent_on_0": today.day, "sent_on_1": today.month, "sent_on_2": today.year}
    page = client.post(reverse("casework:letter-sent", args=[letter.pk]), sent, follow=True)
    assert banner(page) == f"Letter recorded as posted on {today:%-d %B %Y}: {template.name}"


def test_letter_templates_and_settings_are_confirmed(cast, sign_in):
    client = sign_in(cast.member("council_admin_a"))
    data = {"name": "Outcome", "kind": "outcome", "subject": "Your outcome", "body": "Dear {{ person_name }}"}
    page = client.post(reverse("casework:letter-template-new"), data, follow=True)
    assert banner(page) == "Letter template saved: Outcome"
    template = cast.letter_templates[cast.council_a.pk]
    switch = reverse("casework:letter-template-switch", args=[template.pk])
    page = client.post(switch, {"active": "0"}, follow=True)
    assert banner(page) == f"Letter template switched off: {template.name}"
    settings = {
        "note_edit_window_hours": 24,
        "max_upload_mb": 10,
        "letter_address": "Town Hall",
        "letter_phone": "01582 000000",
        "letter_email": "adultcare@example.gov.uk",
    }
    page = client.post(reverse("casework:settings"), settings, follow=True)
    assert banner(page) == "Letter settings saved"


def test_a_refused_change_confirms_nothing(cast, sign_in):
    client = sign_in(cast.member("assessor_a"))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = {"submission_id": str(uuid.uuid4()), "title": "", "due_on_0": yesterday.day}
    page = client.post(reverse("casework:task-new", args=[cast.person_a.pk]), data, follow=True)
    assert page.status_code == 200
    assert banner(page) == ""


def test_previewing_a_letter_keeps_the_way_back_to_the_person_page(cast, sign_in):
    template = cast.letter_templates[cast.council_a.pk]
    client = sign_in(cast.member("assessor_a"))
    url = f"{reverse('casework:letter-new', args=[cast.person_a.pk])}?next={person_page(cast)}"
    page = client.get(url).content.decode()
    assert f'<input type="hidden" name="next" value="{person_page(cast)}">' in page, "the preview form carries it"
    preview = f"{reverse('casework:letter-new', args=[cast.person_a.pk])}?next={person_page(cast)}"
    preview += f"&template={template.pk}"
    created = client.post(preview, {"template": template.pk}, follow=True)
    assert banner_links(created) == [person_page(cast)]
