"""The demo council's letter templates and casework settings, added idempotently after its people."""

from django_scopes import scopes_disabled

from assessflow.tenancy.models import Organisation

from .models import CaseworkSettings, LetterTemplate

TEMPLATES = (
    (
        "Appointment",
        LetterTemplate.Kind.APPOINTMENT,
        "Your care and support review",
        "Dear {{ person_name }}\n\n"
        "We would like to meet you to talk about how your care and support is working for you, "
        "and whether anything needs to change.\n\n"
        "{{ worker_name }} will phone you to agree a time that suits you. You are welcome to have a "
        "relative, friend or advocate with you.\n\n"
        "If you need this letter in another format, or an interpreter, please {{ council_contact }}.\n\n"
        "Yours sincerely\n\n{{ worker_name }}\n{{ worker_role }}",
    ),
    (
        "Acknowledgement",
        LetterTemplate.Kind.ACKNOWLEDGEMENT,
        "We have received a request for support",
        "Dear {{ person_name }}\n\n"
        "We have received a request for care and support for you. Your reference is {{ person_reference }}.\n\n"
        "We will contact you soon to talk about what matters to you. If things get worse before then, "
        "please {{ council_contact }}.\n\n"
        "Yours sincerely\n\n{{ worker_name }}",
    ),
    (
        "Review invitation",
        LetterTemplate.Kind.REVIEW_INVITATION,
        "It is time to review your support",
        "Dear {{ person_first_name }}\n\n"
        "At least once a year we check that your support still meets your needs. "
        "We will be in touch in the next few weeks.\n\n"
        "You can ask for a review sooner, at any time: {{ council_contact }}.\n\n"
        "Yours sincerely\n\n{{ worker_name }}",
    ),
)


@scopes_disabled()
def load_demo_casework(council: Organisation) -> None:
    CaseworkSettings.objects.get_or_create(
        council=council,
        defaults={
            "letter_address": "Adult Social Care\nTown Hall, Market Square\nDemo Borough DB1 1AA",
            "letter_phone": "01632 960000",
            "letter_email": "adultcare@demo-borough.example",
        },
    )
    for name, kind, subject, body in TEMPLATES:
        LetterTemplate.objects.get_or_create(
            council=council, name=name, defaults={"kind": kind, "subject": subject, "body": body}
        )
