"""A backlog file's NHS numbers and dates follow the same digit rule as the forms: full-width read, others refused."""

from django_scopes import scopes_disabled

from assessflow.people.models import Person

from .test_backlog_import import csv_file, upload  # noqa: F401 (upload is the fixture the tests use)

FULL_WIDTH_NHS = "\uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19"  # Alice Ashworth's 943 476 5919
ROWS = [
    f"LUT-1,Alice,Ashworth,1940-05-17,{FULL_WIDTH_NHS},,,,,,reassessment,green,,,,,,",
    "LUT-2,Doris,Fairweather,1938-06-14,943 476 591\u00b2,,,,,,annual_review,,,,,,,",
    "LUT-3,Edna,Pike,\u0661\u0669\u0665\u0660-01-01,,,,,,,six_week_review,,,,,,,",
    "LUT-4,Albert,Stone,\uff11\uff19\uff14\uff11-03-02,,,,,,,annual_review,,,,,,,",
]


def test_nhs_number_and_date_cells_in_other_digits_are_read_or_refused_by_row(cast, upload):  # noqa: F811
    job = upload(csv_file(*ROWS))
    problems = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert set(problems) == {(3, "nhs_number"), (4, "date_of_birth")}
    assert problems[(3, "nhs_number")].endswith("is not a valid NHS number: use the digits 0 to 9")
    assert job.rows_valid == 2

    upload.publish(job, only_valid="1")
    cast.person_a.refresh_from_db()
    assert cast.person_a.external_reference == "LUT-1", "matched on the NHS number, whichever digits wrote it"
    with scopes_disabled():
        albert = Person.objects.get(external_reference="LUT-4")
        assert not Person.objects.filter(family_name__in=["Fairweather", "Pike"]).exists()
    assert str(albert.date_of_birth) == "1941-03-02"
