"""A large-print letter is large throughout and signs off on one page; each way to reach the council has its verb."""

import io
import uuid

from django.urls import reverse
from django_scopes import scopes_disabled
from pypdf import PdfReader

from assessflow.audit.actor import Actor
from assessflow.casework.models import CaseworkSettings, LetterTemplate
from assessflow.casework.services.letters import send_letter
from assessflow.tests import factories

SIGN_OFF = "Yours sincerely\n\n{{ worker_name }}\n{{ worker_role }}"


def _pdf_of(cast, body: str, *, large_print: bool = True) -> PdfReader:
    with scopes_disabled():
        template = factories.LetterTemplateFactory(council=cast.council_a, body=body)
        member = cast.member("assessor_a")
        letter = send_letter(
            actor=Actor(user=member.user, membership=member),
            person=cast.person_a,
            template=template,
            submission_id=uuid.uuid4(),
            large_print=large_print,
        )
        return PdfReader(io.BytesIO(letter.file.read()))


def _sizes_in_points(page) -> dict[str, float]:
    """Each piece of text on the page with the size it is printed at, in points."""
    sizes = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes[text.strip()] = round(abs(size * tm[3] * cm[3]), 1)

    page.extract_text(visitor_text=visit)
    return sizes


def test_a_large_print_letter_keeps_its_closing_with_the_signature_wherever_the_page_breaks(cast):
    worker = cast.member("assessor_a").user.full_name
    # One more line each time walks the page break through the end of the letter.
    for lines in range(4, 16):
        body = "Dear {{ person_name }}\n\n" + "\n\n".join(f"Line {n} of the letter." for n in range(lines))
        pdf = _pdf_of(cast, f"{body}\n\n{SIGN_OFF}")
        pages = [page.extract_text() for page in pdf.pages]
        [closing_page] = [n for n, text in enumerate(pages) if "Yours sincerely" in text]
        assert worker in pages[closing_page], f"with {lines} lines the signature left its closing"
        assert f"Line {lines - 1} of the letter." in pages[closing_page], "the closing is not alone on its page"


def test_every_part_of_a_large_print_letter_is_large_the_page_numbers_too(cast):
    body = "Dear {{ person_name }}\n\n" + "\n\n".join(f"Line {n} of the letter." for n in range(14))
    pdf = _pdf_of(cast, f"{body}\n\n{SIGN_OFF}")
    assert len(pdf.pages) > 1
    for page in pdf.pages:
        sizes = _sizes_in_points(page)
        assert any(text.startswith("Page ") for text in sizes), "the page number is read"
        small = {text: size for text, size in sizes.items() if size < 18}
        assert not small, f"printed smaller than 18pt: {small}"


def test_a_standard_letter_stays_at_its_ordinary_size(cast):
    sizes = _sizes_in_points(_pdf_of(cast, f"Dear {{{{ person_name }}}}\n\n{SIGN_OFF}", large_print=False).pages[0])
    assert sizes["Dear Alice Ashworth"] == 11


def test_each_way_to_reach_the_council_has_its_own_verb(cast, sign_in):
    with scopes_disabled():
        CaseworkSettings.objects.create(
            council=cast.council_a,
            letter_address="Town Hall\nLuton",
            letter_phone="01582 546000",
            letter_email="adultcare@luton.example",
        )
        template = factories.LetterTemplateFactory(
            council=cast.council_a, body="Dear {{ person_name }}\n\nIf anything changes, please {{ council_contact }}."
        )
    client = sign_in(cast.member("assessor_a"))
    preview = client.get(reverse("casework:letter-new", args=[cast.person_a.pk]), {"template": template.pk})
    text = preview.content.decode()
    assert (
        "please call 01582 546000, email adultcare@luton.example "
        "or write to us at the address at the top of this letter."
    ) in text
    assert "Phone: 01582 546000" in text and "Email: adultcare@luton.example" in text


def test_with_only_a_phone_number_the_letter_offers_only_a_call(cast, sign_in):
    with scopes_disabled():
        CaseworkSettings.objects.create(council=cast.council_a, letter_phone="01582 546000")
        template = factories.LetterTemplateFactory(
            council=cast.council_a, body="Dear {{ person_name }}\n\nPlease {{ council_contact }}."
        )
    client = sign_in(cast.member("assessor_a"))
    text = client.get(
        reverse("casework:letter-new", args=[cast.person_a.pk]), {"template": template.pk}
    ).content.decode()
    assert "Please call 01582 546000." in text


def test_a_template_that_writes_a_verb_before_the_contact_routes_is_refused_naming_it(cast, sign_in):
    client = sign_in(cast.member("council_admin_a"))
    page = client.post(
        reverse("casework:letter-template-new"),
        {
            "name": "Review",
            "kind": "review_invitation",
            "subject": "Your review",
            "body": "You can ask for a review at any time by calling {{ council_contact }}.",
        },
    ).content.decode()
    assert "take out &#x27;by calling&#x27; before it" in page
    with scopes_disabled():
        assert not LetterTemplate.objects.filter(name="Review").exists()
