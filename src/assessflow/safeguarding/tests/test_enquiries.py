"""An enquiry's life: who works on it, the adult's wishes, capacity and advocacy, strategy, protection plan, close."""

import datetime
import uuid

from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.casework.models import Task
from assessflow.safeguarding.models import Enquiry, ProtectionAction, StrategyDiscussion


def _enquiry(cast):
    return cast.casework[cast.person_a.pk]["enquiry"]


def _edit(enquiry, **changes):
    return {
        "version": enquiry.version,
        "caused_partner": "",
        "outcomes_asked": "yes",
        "outcomes_asked_of": "adult",
        "outcomes_expressed": "yes",
        "desired_outcomes": "To stay at home and for her son to stop taking her money",
        "capacity": "has",
        "capacity_decisions": "Where to live; who manages her money",
        "substantial_difficulty": "yes",
        "appropriate_person": "no",
        "advocate": "",
        **changes,
    }


def _conclusion(enquiry, **changes):
    return {
        "version": enquiry.version,
        "risk_types": ["financial", "psychological"],
        "risk_location": "own_home",
        "risk_source": "known",
        "action_taken": "risk_action",
        "risk_result": "reduced",
        "outcomes_asked": "yes",
        "outcomes_asked_of": "adult",
        "outcomes_expressed": "yes",
        "desired_outcomes": "To stay at home",
        "outcomes_achieved": "partially",
        "conclusion": "Bank mandate changed; son moved out; she still gives him cash",
        **changes,
    }


def test_the_adults_wishes_and_a_need_for_an_advocate_are_recorded(cast, sign_in):
    enquiry = _enquiry(cast)
    client = sign_in(cast.member("safeguarding_a"))
    response = client.post(f"/safeguarding/enquiries/{enquiry.pk}/edit/", _edit(enquiry))
    assert response.status_code == 302
    with scopes_disabled():
        enquiry.refresh_from_db()
    assert enquiry.outcomes_asked and enquiry.outcomes_expressed
    assert enquiry.advocate_needed  # substantial difficulty and no appropriate person (s.68)
    page = client.get(f"/safeguarding/enquiries/{enquiry.pk}/").content.decode()
    assert "Needed (s.68)" in page
    assert "To stay at home" in page


def test_wishes_said_to_be_expressed_must_be_written_down(cast, sign_in):
    enquiry = _enquiry(cast)
    client = sign_in(cast.member("safeguarding_a"))
    page = client.post(f"/safeguarding/enquiries/{enquiry.pk}/edit/", _edit(enquiry, desired_outcomes="")).content
    assert "Record the outcomes they want" in page.decode()


def test_a_named_worker_outside_the_team_may_open_the_enquiry(cast, sign_in):
    enquiry = _enquiry(cast)
    assessor = cast.member("assessor_a")
    outsider = sign_in(assessor)
    assert outsider.get(f"/safeguarding/enquiries/{enquiry.pk}/").status_code == 403
    team = sign_in(cast.member("safeguarding_a"))
    team.post(f"/safeguarding/enquiries/{enquiry.pk}/edit/", _edit(enquiry, named_workers=[assessor.user.pk]))
    opened = sign_in(assessor).get(f"/safeguarding/enquiries/{enquiry.pk}/")
    assert opened.status_code == 200
    assert enquiry.reference in opened.content.decode()


def test_a_protection_plan_action_is_a_task_for_its_owner(cast, sign_in):
    enquiry = _enquiry(cast)
    client = sign_in(cast.member("safeguarding_a"))
    due = timezone.localdate() + datetime.timedelta(days=7)
    client.post(
        f"/safeguarding/enquiries/{enquiry.pk}/actions/new/",
        {
            "action": "Ask the bank to change the mandate",
            "owner": cast.member("assessor_a").user.pk,
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
            "submission_id": str(uuid.uuid4()),
        },
    )
    with scopes_disabled():
        action = ProtectionAction.objects.get(action="Ask the bank to change the mandate")
        task = Task.objects.get(pk=action.task_id)
        named = list(enquiry.named_workers.all())
    assert task.assigned_to == cast.member("assessor_a").user
    assert task.due_on == due
    # The task sits on the person's open record: it says nothing of the safeguarding action itself.
    assert "bank" not in task.title + task.details
    assert named == [cast.member("assessor_a").user]  # so the owner can open the enquiry to read it


def test_a_strategy_meeting_cannot_be_in_the_future(cast, sign_in):
    enquiry = _enquiry(cast)
    client = sign_in(cast.member("safeguarding_a"))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = client.post(
        f"/safeguarding/enquiries/{enquiry.pk}/strategy/",
        {
            "kind": "meeting",
            "held_on_0": tomorrow.day,
            "held_on_1": tomorrow.month,
            "held_on_2": tomorrow.year,
            "attendees": "Police, GP",
            "decisions": "Police to visit",
            "submission_id": str(uuid.uuid4()),
        },
    ).content.decode()
    assert "must be in the past" in page


def test_concluding_a_s42_enquiry_needs_the_collections_findings(cast, sign_in):
    enquiry = _enquiry(cast)
    client = sign_in(cast.member("safeguarding_a"))
    url = f"/safeguarding/enquiries/{enquiry.pk}/conclude/"
    page = client.post(url, _conclusion(enquiry, risk_types=[], risk_source="", risk_result="")).content.decode()
    assert "Select the type or types of risk" in page
    assert "Select the source of the risk" in page
    assert "Select the result for the risk" in page
    page = client.post(url, _conclusion(enquiry, outcomes_achieved="")).content.decode()
    assert "Say whether the outcomes they wanted were achieved" in page
    assert client.post(url, _conclusion(enquiry)).status_code == 302
    with scopes_disabled():
        enquiry.refresh_from_db()
        concern = enquiry.concern
    assert enquiry.status == Enquiry.Status.CONCLUDED
    assert enquiry.outcomes_achieved == "partially"
    assert enquiry.risk_types == ["financial", "psychological"]
    assert concern.status == "closed"


def test_breaking_the_glass_lets_a_worker_read_an_enquiry_but_not_change_it(cast, sign_in):
    enquiry = _enquiry(cast)
    client = sign_in(cast.member("assessor_a"))
    client.post(f"/safeguarding/concerns/{enquiry.concern_id}/break-glass/", {"reason": "Duty call tonight"})
    opened = client.get(f"/safeguarding/enquiries/{enquiry.pk}/")
    assert opened.status_code == 200
    assert enquiry.reference in opened.content.decode()
    assessor = cast.member("assessor_a").user.pk
    edit = client.post(f"/safeguarding/enquiries/{enquiry.pk}/edit/", _edit(enquiry, named_workers=[assessor]))
    assert edit.status_code == 403
    assert client.post(f"/safeguarding/enquiries/{enquiry.pk}/conclude/", _conclusion(enquiry)).status_code == 403
    with scopes_disabled():
        assert not enquiry.named_workers.exists()


def test_a_named_worker_adds_to_the_plan_but_only_the_team_or_lead_closes_it(cast, sign_in):
    enquiry = _enquiry(cast)
    team = sign_in(cast.member("safeguarding_a"))
    worker = cast.member("assessor_a")
    team.post(f"/safeguarding/enquiries/{enquiry.pk}/edit/", _edit(enquiry, named_workers=[worker.user.pk]))
    client = sign_in(worker)
    assert client.post(f"/safeguarding/enquiries/{enquiry.pk}/strategy/", _strategy()).status_code == 302
    assert _discussions(enquiry) == [worker.user.pk]
    with scopes_disabled():
        enquiry.refresh_from_db()
    assert client.post(f"/safeguarding/enquiries/{enquiry.pk}/conclude/", _conclusion(enquiry)).status_code == 403


def _strategy(**changes):
    today = timezone.localdate()
    return {
        "kind": "meeting",
        "held_on_0": today.day,
        "held_on_1": today.month,
        "held_on_2": today.year,
        "attendees": "Police, GP",
        "decisions": "Police to visit the son",
        "submission_id": str(uuid.uuid4()),
        **changes,
    }


def _discussions(enquiry) -> list:
    with scopes_disabled():
        return list(StrategyDiscussion.objects.filter(enquiry=enquiry).values_list("recorded_by", flat=True))


def test_breaking_the_glass_does_not_let_a_worker_record_a_strategy_discussion(cast, sign_in):
    enquiry = _enquiry(cast)
    client = sign_in(cast.member("assessor_a"))
    client.post(f"/safeguarding/concerns/{enquiry.concern_id}/break-glass/", {"reason": "Duty call tonight"})
    assert enquiry.reference in client.get(f"/safeguarding/enquiries/{enquiry.pk}/").content.decode()
    url = f"/safeguarding/enquiries/{enquiry.pk}/strategy/"
    assert client.get(url).status_code == 403
    assert client.post(url, _strategy()).status_code == 403
    assert _discussions(enquiry) == []
    # The same answers from the team are recorded: the refusal was the glass, not the form.
    team = cast.member("safeguarding_a")
    assert sign_in(team).post(url, _strategy()).status_code == 302
    assert _discussions(enquiry) == [team.user.pk]
