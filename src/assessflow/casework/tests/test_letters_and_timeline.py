"""Letters filed on the record as tagged PDFs, and the one timeline that shows everything."""

import io
import uuid

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from pypdf import PdfReader

from assessflow.casework.models import CaseworkSettings, Document, LetterTemplate
from assessflow.people.models import Person, TimelineEntry


def _new_letters(cast):
    """Letters filed on Alice's record by the test, not the one the cast starts with."""
    return Document.objects.filter(person=cast.person_a, category="letter").exclude(
        pk=cast.casework[cast.person_a.pk]["letter"].pk
    )


def test_a_letter_is_previewed_then_filed_as_a_tagged_pdf_with_the_persons_details(cast, sign_in):
    with scopes_disabled():
        Person.objects.filter(pk=cast.person_a.pk).update(address_line_1="4 Orchard Close", town="Luton")
        CaseworkSettings.objects.create(
            council=cast.council_a, letter_address="Town Hall\nLuton", letter_phone="01582 546000"
        )
    template = cast.letter_templates[cast.council_a.pk]
    client = sign_in(cast.member("assessor_a"))
    url = reverse("casework:letter-new", args=[cast.person_a.pk])
    preview = client.get(url, {"template": template.pk}).content.decode()
    assert "Dear Alice Ashworth" in preview

    assert client.post(url, {"template": template.pk}).status_code == 302
    with scopes_disabled():
        [letter] = _new_letters(cast)
    pdf = PdfReader(io.BytesIO(letter.file.read()))
    text = pdf.pages[0].extract_text()
    for expected in (
        "Alice Ashworth",
        "4 Orchard Close",
        "Luton",
        "LU1 2BQ",
        "Council A",
        "Dear Alice Ashworth",
        cast.member("assessor_a").user.full_name,
    ):
        assert expected in text
    assert pdf.trailer["/Root"]["/MarkInfo"]["/Marked"], "the PDF is tagged for screen readers"
    page = client.get(reverse("people:detail", args=[cast.person_a.pk])).content.decode()
    assert f"Letter filed: {template.name}" in page


def test_a_large_print_letter_is_one_option_away(cast, sign_in):
    template = cast.letter_templates[cast.council_a.pk]
    client = sign_in(cast.member("assessor_a"))
    client.post(reverse("casework:letter-new", args=[cast.person_a.pk]), {"template": template.pk, "large_print": "on"})
    with scopes_disabled():
        letter = _new_letters(cast).get()
        assert letter.title == f"{template.name} (large print)"


def test_a_template_with_an_unknown_merge_field_is_refused_by_name(cast, sign_in):
    client = sign_in(cast.member("council_admin_a"))
    page = client.post(
        reverse("casework:letter-template-new"),
        {
            "name": "Outcome",
            "kind": "outcome",
            "subject": "Your outcome",
            "body": "Dear {{ person_name }}, {{ secret_key }} {{ person.__class__ }}",
        },
    ).content.decode()
    assert "These are not merge fields: secret_key" in page
    with scopes_disabled():
        assert not LetterTemplate.objects.filter(name="Outcome").exists()


def test_the_timeline_pages_newest_first_and_filters_by_kind(cast, sign_in):
    now = timezone.now()
    with scopes_disabled():
        TimelineEntry.objects.bulk_create(
            TimelineEntry(
                council=cast.council_a,
                person=cast.person_a,
                kind="note" if i % 2 else "document",
                occurred_at=now - timezone.timedelta(minutes=i),
                title=f"Entry number {i:03d}",
            )
            for i in range(60)
        )
    client = sign_in(cast.member("assessor_a"))
    url = reverse("people:detail", args=[cast.person_a.pk])
    first = client.get(url).context["timeline"]
    assert [e.title for e in first.entries[:2]] == ["Entry number 000", "Entry number 001"]
    assert len(first.entries) == 25
    second = client.get(url, {"before": first.next_cursor}).context["timeline"]
    assert second.entries[0].title == "Entry number 025"
    notes = client.get(url, {"kind": "note"}).context["timeline"]
    assert {e.kind for e in notes.entries} == {"note"}


def test_every_kind_of_casework_reaches_the_timeline(cast, sign_in):
    client = sign_in(cast.member("team_manager_a"))
    person = cast.person_a
    client.post(
        reverse("casework:note-new", args=[person.pk]),
        {
            "submission_id": str(uuid.uuid4()),
            "note_type": "phone_call",
            "occurred_on_0": "2",
            "occurred_on_1": "11",
            "occurred_on_2": "2026",
            "text": "Called",
        },
    )
    client.post(
        reverse("casework:task-new", args=[person.pk]),
        {
            "submission_id": str(uuid.uuid4()),
            "title": "Book OT visit",
            "due_on_0": "9",
            "due_on_1": "12",
            "due_on_2": "2026",
            "assigned_to": cast.member("assessor_a").user.pk,
        },
    )
    client.post(
        reverse("casework:warning-new", args=[person.pk]),
        {
            "submission_id": str(uuid.uuid4()),
            "warning_type": "interpreter",
            "note": "Needs a Polish interpreter",
            "review_on_0": "1",
            "review_on_1": "6",
            "review_on_2": "2099",
        },
    )
    client.post(
        reverse("casework:letter-new", args=[person.pk]), {"template": cast.letter_templates[cast.council_a.pk].pk}
    )
    with scopes_disabled():
        kinds = set(TimelineEntry.objects.filter(person=person).values_list("kind", flat=True))
    assert {"note", "task", "warning", "letter"} <= kinds


def test_a_double_click_on_create_files_one_letter(cast, sign_in):
    template = cast.letter_templates[cast.council_a.pk]
    client = sign_in(cast.member("assessor_a"))
    url = reverse("casework:letter-new", args=[cast.person_a.pk])
    submission = client.get(url, {"template": template.pk}).context["submission_id"]
    client.post(url, {"template": template.pk, "submission_id": submission})
    client.post(url, {"template": template.pk, "submission_id": submission})
    with scopes_disabled():
        assert _new_letters(cast).count() == 1
