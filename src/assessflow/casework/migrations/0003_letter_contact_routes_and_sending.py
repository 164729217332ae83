"""A council's phone and email for letters become two fields, templates stop writing a verb before the contact
routes (which now bring their own), and letters filed so far say on the timeline that they were filed, not sent."""

import re

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# What joined a phone number and an email in the one old field: "01632 960000 or adultcare@…", "Tel: …".
JOINERS = re.compile(r"\b(?:or|and|tel|telephone|phone|email|e-mail)\b[:.]?|[,;/:]", re.IGNORECASE)
VERB_BEFORE_CONTACT = re.compile(
    r"(\s+by\s+|\s*\b)(?:calling|phoning|ringing|emailing|contacting|call|phone|ring|email|contact|write\s+to)"
    r"(?:\s+us)?(?:\s+(?:on|at))?\s+(\{\{\s*council_contact\s*\}\})",
    re.IGNORECASE,
)


def _without_verb(match: re.Match) -> str:
    # "at any time by calling X" reads "at any time: call X or email Y"; "please call us on X" reads "please call X".
    return f": {match.group(2)}" if match.group(1).strip() else f"{match.group(1)}{match.group(2)}"


def split_contact_and_fix_templates(apps, schema_editor):
    CaseworkSettings = apps.get_model("casework", "CaseworkSettings")
    LetterTemplate = apps.get_model("casework", "LetterTemplate")
    for row in CaseworkSettings.objects.exclude(letter_contact=""):
        found = EMAIL.search(row.letter_contact)
        row.letter_email = found.group(0) if found else ""
        rest = EMAIL.sub(" ", row.letter_contact)
        row.letter_phone = " ".join(JOINERS.sub(" ", rest).split())[:40]
        row.save(update_fields=["letter_email", "letter_phone"])
    for template in LetterTemplate.objects.all():
        body = VERB_BEFORE_CONTACT.sub(_without_verb, template.body)
        subject = VERB_BEFORE_CONTACT.sub(_without_verb, template.subject)
        if (body, subject) != (template.body, template.subject):
            template.body, template.subject = body, subject
            template.save(update_fields=["body", "subject"])


def join_contact(apps, schema_editor):
    CaseworkSettings = apps.get_model("casework", "CaseworkSettings")
    for row in CaseworkSettings.objects.all():
        row.letter_contact = " or ".join(part for part in (row.letter_phone, row.letter_email) if part)
        row.save(update_fields=["letter_contact"])


def letters_filed_not_sent(apps, schema_editor):
    TimelineEntry = apps.get_model("people", "TimelineEntry")
    for entry in TimelineEntry.objects.filter(kind="letter", object_type="casework.document", title__startswith="Letter: "):
        entry.title = "Letter filed: " + entry.title.removeprefix("Letter: ")
        entry.summary = "Filed on the record, not yet sent"
        entry.url = entry.url.replace("/documents/", "/letters/")
        entry.save(update_fields=["title", "summary", "url"])


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0002_personwarning_submission_id'),
        ('people', '0005_person_impairment_answers_fit'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='caseworksettings',
            name='letter_email',
            field=models.EmailField(blank=True, max_length=254, verbose_name='email address for letters'),
        ),
        migrations.AddField(
            model_name='caseworksettings',
            name='letter_phone',
            field=models.CharField(blank=True, max_length=40, verbose_name='phone number for letters'),
        ),
        migrations.RunPython(split_contact_and_fix_templates, join_contact),
        migrations.RemoveField(
            model_name='caseworksettings',
            name='letter_contact',
        ),
        migrations.RunPython(letters_filed_not_sent, migrations.RunPython.noop),
        migrations.AddField(
            model_name='document',
            name='sent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='when it was sent'),
        ),
        migrations.AddField(
            model_name='document',
            name='sent_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='document',
            name='sent_how',
            field=models.CharField(blank=True, choices=[('post', 'Posted'), ('email', 'Emailed'), ('hand', 'Handed to the person')], max_length=10, verbose_name='how it was sent'),
        ),
        migrations.AlterField(
            model_name='document',
            name='category',
            field=models.CharField(choices=[('assessment', 'Assessment or review'), ('correspondence', 'Correspondence'), ('health', 'Health or medical'), ('financial', 'Financial'), ('safeguarding', 'Safeguarding'), ('letter', 'Letter from the council'), ('other', 'Other')], max_length=20),
        ),
    ]
