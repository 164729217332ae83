"""The GOV.UK form patterns: the date input's validation messages, its digits, and length limits."""

import datetime

import pytest
from django import forms

from assessflow.core.forms import GovukDateField, GovukFormMixin


class DateForm(GovukFormMixin, forms.Form):
    date_of_birth = GovukDateField(label="Date of birth", past_only=True)


def errors_for(day, month, year):
    form = DateForm({"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year})
    form.is_valid()
    return form.errors.get("date_of_birth", [])


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date of birth"),
        ("", "3", "1950", "Date of birth must include a day"),
        ("1", "", "", "Date of birth must include a month and year"),
        ("31", "2", "1950", "Date of birth must be a real date"),
        ("1", "1", "50", "Date of birth must be a real date"),
        ("x", "1", "1950", "Date of birth must be a real date"),
        ("1", "1", "2999", "Date of birth must be in the past"),
    ],
)
def test_it_explains_what_is_wrong(day, month, year, message):
    assert errors_for(day, month, year) == [message]


def test_it_accepts_a_real_date():
    form = DateForm({"date_of_birth_0": "7", "date_of_birth_1": "3", "date_of_birth_2": "1947"})
    assert form.is_valid()
    assert form.cleaned_data["date_of_birth"] == datetime.date(1947, 3, 7)


def test_the_summary_links_to_the_first_input_and_each_input_shows_the_error():
    form = DateForm({"date_of_birth_0": "", "date_of_birth_1": "3", "date_of_birth_2": "1950"})
    form.is_valid()
    assert form.error_summary() == [{"href": "#id_date_of_birth_0", "message": "Date of birth must include a day"}]
    assert str(form["date_of_birth"]).count("govuk-input--error") == 3


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [("\u00b9", "1", "1950"), ("1", "1", "\u0661\u0669\u0665\u0660"), ("\u2460", "1", "1950")],
)
def test_digits_other_than_0_to_9_are_refused_in_words(day, month, year):
    assert errors_for(day, month, year) == ["Date of birth must be written with the digits 0 to 9"]


class LimitedForm(GovukFormMixin, forms.Form):
    where = forms.CharField(label="Where did it happen?", max_length=20)
    summary = forms.CharField(label="Summary", max_length=200, widget=forms.Textarea)


def test_a_limit_is_a_message_naming_it_and_a_textarea_counts_down_to_it():
    form = LimitedForm({"where": "x" * 21, "summary": "y" * 201})
    assert not form.is_valid()
    assert form.errors == {
        "where": ["Your answer must be 20 characters or fewer"],
        "summary": ["Summary must be 200 characters or fewer"],
    }
    page = form.render()
    assert " maxlength=" not in page, "a browser would cut the answer short without a word"
    assert 'data-module="govuk-character-count" data-maxlength="200"' in page
    assert 'class="govuk-textarea govuk-js-character-count govuk-textarea--error"' in page
    assert 'aria-describedby="id_summary-error id_summary-info"' in page
    assert '<div id="id_summary-info" class="govuk-hint govuk-character-count__message">' in page


class FollowUpForm(GovukFormMixin, forms.Form):
    """A question whose answers reveal others, one revealed question revealing another in turn."""

    contact = forms.ChoiceField(
        label="Contact", choices=[("phone", "Phone"), ("post", "Post")], widget=forms.RadioSelect
    )
    number = forms.CharField(label="Phone number", error_messages={"required": "Enter a phone number"})
    leave_message = forms.ChoiceField(
        label="Leave a message?", choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect
    )
    message = forms.CharField(label="Message", error_messages={"required": "Enter the message"})
    address = forms.CharField(label="Address", error_messages={"required": "Enter an address"})
    note = forms.CharField(label="Note", required=False)
    reveals = {
        "contact": {"phone": ("number", "leave_message"), "post": ("address",)},
        "leave_message": {"yes": ("message",)},
    }

    def clean(self):
        data = super().clean()
        if data.get("note") == "late":
            self.add_error(None, "Too late to change")
            self.add_error("contact", "Choose again")
        return data


def test_a_revealed_question_is_required_only_under_its_answer_and_emptied_otherwise():
    form = FollowUpForm({"contact": "post", "number": "0161", "leave_message": "yes", "address": "1 High St"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["number"], form.cleaned_data["leave_message"], form.cleaned_data["message"]) == (
        "",
        "",
        "",
    )
    form = FollowUpForm({"contact": "phone", "leave_message": "yes"})
    assert not form.is_valid()
    assert set(form.errors) == {"number", "message"}, "a question under a chosen answer is asked"


def test_a_question_under_a_hidden_question_is_not_asked_whatever_was_posted():
    form = FollowUpForm({"contact": "post", "address": "1 High St", "leave_message": "yes", "message": "Hello"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["message"] == ""


def test_the_summary_puts_the_forms_own_errors_first_then_follows_the_page():
    form = FollowUpForm({"contact": "phone", "leave_message": "yes", "note": "late"})
    form.is_valid()
    assert [item["href"] for item in form.error_summary()] == ["", "#id_contact_0", "#id_number", "#id_message"]
    assert form.page_order() == ["contact", "number", "leave_message", "message", "address", "note"]


def test_revealed_questions_render_inside_their_answers_reveal_once():
    html = str(FollowUpForm())
    assert html.count('name="message"') == 1 and html.count('name="address"') == 1
    assert 'data-aria-controls="conditional-id_contact_0"' in html
    phone = html.split('id="conditional-id_contact_0"', 1)[1].split('id="id_contact_1"', 1)[0]
    assert 'name="number"' in phone and 'name="message"' in phone and 'name="address"' not in phone
    assert "Note (optional)" in html and "Phone number (optional)" not in html


class FilterForm(GovukFormMixin, forms.Form):
    marks_optional = False
    team = forms.CharField(label="Team", required=False)


class OptionalForm(GovukFormMixin, forms.Form):
    team = forms.ChoiceField(label="Team", choices=[("", "None"), ("a", "A")], required=False)
    name = forms.CharField(label="Name")
    agree = forms.BooleanField(label="Keep me informed", required=False)


def test_optional_questions_say_so_and_required_ones_never_do():
    html = str(OptionalForm())
    assert "Team (optional)" in html, "a select that may be left empty is optional too"
    assert "Name (optional)" not in html and "Name</label>" in html
    assert "Keep me informed (optional)" not in html, "an unticked box is itself an answer"
    assert "(optional)" not in str(FilterForm())
