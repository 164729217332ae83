"""Bulk choices that cannot surprise: nothing pre-ticked, accepting all only after a page that says what it does,
suggestions grouped by assessor, and an accepted run undone within a short window."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from assessflow.allocation import run_selectors, undo
from assessflow.allocation.models import Allocation, AllocationRun
from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.people.models import Handover
from assessflow.people.services import record_on_pathway
from assessflow.tenancy.models import Contract
from assessflow.tests import factories
from assessflow.waiting.models import WaitingListEntry, WaitingTally


class _Page(HTMLParser):
    """The suggestion boxes (their attributes) and each captioned table's body rows as cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes: list[dict] = []
        self.tables: dict[str, list[list[str]]] = {}
        self.caption: str | None = None
        self.cell: str | None = None
        self.row: list[str] | None = None
        self.in_caption = False
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "entry":
            self.boxes.append(attrs)
        elif tag == "caption":
            self.in_caption, self.caption = True, ""
        elif tag == "tbody":
            self.row = None
        elif tag == "tr" and self.caption is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
        elif tag == "br" and self.cell is not None:
            self.cell += " "

    def handle_data(self, data):
        if self.in_caption:
            self.caption += data
        elif self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
            self.tables[self.caption.strip()] = []
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join(self.cell.split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.in_body:
                self.tables[self.caption.strip()].append(self.row)
            self.row = None
        elif tag == "thead":
            self.in_body = True
        elif tag == "table":
            self.caption, self.in_body = None, False


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _waiting(council) -> int:
    with scopes_disabled():
        return sum(WaitingTally.objects.filter(council=council).values_list("waiting", flat=True))


@pytest.fixture
def run_for(cast, sign_in, pool, django_capture_on_commit_callbacks):
    """Six more reviews waiting in council A (nine with the cast's), and the manager's suggestions for them."""
    with scopes_disabled():
        for _ in range(6):
            factories.WaitingListEntryFactory(person=factories.PersonFactory(council=cast.council_a))

    def start():
        manager = sign_in(cast.member("team_manager_a"))
        with django_capture_on_commit_callbacks(execute=True):
            manager.post("/allocation/suggestions/", {"work_type": "", "team": ""})
        with scopes_disabled():
            run = AllocationRun.objects.latest("pk")
        assert run.status == "done" and len(run.suggestions) > 2
        return manager, run

    return start


def _by(run, assessor) -> list[int]:
    return [s["entry"] for s in run.suggestions if s["assessor"] == assessor.pk]


def test_nothing_is_ticked_and_the_rows_are_grouped_by_assessor(cast, run_for):
    manager, run = run_for()
    page = manager.get(f"/allocation/suggestions/{run.pk}/").content.decode()
    boxes = _parse(page).boxes
    assert len(boxes) == len(run.suggestions)
    assert not [box for box in boxes if "checked" in box]
    for key in ("assessor_a", "provider_assessor"):
        name = cast.member(key).user.full_name
        count = len(_by(run, cast.member(key).user))
        assert f"{name}, {cast.member(key).organisation.name}: {count} suggestion" in page
    assert page.count('<details class="govuk-details"') >= 2
    assert f"Accept all {len(run.suggestions)} suggestions" in page


def test_a_long_run_lists_whole_assessor_groups_and_says_what_is_not_listed(cast, run_for, monkeypatch):
    manager, run = run_for()
    monkeypatch.setattr(run_selectors, "SHOWN", 1)
    page = manager.get(f"/allocation/suggestions/{run.pk}/").content.decode()
    first = min(
        (cast.member("assessor_a").user, cast.member("provider_assessor").user), key=lambda u: (u.full_name, u.pk)
    )
    other = len(run.suggestions) - len(_by(run, first))
    assert len(_parse(page).boxes) == len(_by(run, first))
    assert f"{other} more suggestions, for 1 more assessor, are not listed here" in page


def test_accepting_only_the_two_ticked_of_many_accepts_those_two_and_says_so(cast, run_for):
    manager, run = run_for()
    ticked = [s["entry"] for s in run.suggestions[:2]]
    response = manager.post(f"/allocation/suggestions/{run.pk}/accept/", {"entry": ticked})
    assert response["Location"] == f"/allocation/suggestions/{run.pk}/"
    with scopes_disabled():
        assert sorted(Allocation.objects.filter(run=run).values_list("entry_id", flat=True)) == sorted(ticked)
        rest = WaitingListEntry.objects.filter(pk__in=[s["entry"] for s in run.suggestions[2:]])
        assert {e.status for e in rest} == {"waiting"}
    page = manager.get(response["Location"]).content.decode()
    assert "govuk-notification-banner--success" in page
    assert "2 suggestions accepted" in page and "You can undo this until" in page


def test_ticking_none_and_pressing_accept_asks_for_a_choice(cast, run_for):
    manager, run = run_for()
    response = manager.post(f"/allocation/suggestions/{run.pk}/accept/", {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and "Select the suggestions to accept" in page
    assert f'href="#accept-{_parse(page).boxes[0]["value"]}"' in page
    with scopes_disabled():
        assert not Allocation.objects.filter(run=run).exists()


def test_accepting_all_first_says_how_many_go_to_whom_and_to_which_contract(cast, run_for):
    manager, run = run_for()
    page = manager.get(f"/allocation/suggestions/{run.pk}/accept-all/").content.decode()
    with scopes_disabled():
        assert not Allocation.objects.filter(run=run).exists()
        contract = Contract.objects.get(council=cast.council_a, provider=cast.provider)
        provider_cases = _by(run, cast.member("provider_assessor").user)
        people = WaitingListEntry.objects.filter(pk__in=provider_cases).values_list("person_id", flat=True)
        handed = Handover.objects.filter(person_id__in=people, contract=contract, ended_at__isnull=True).count()
    tables = _parse(page).tables
    counts = Counter(s["assessor"] for s in run.suggestions)
    shares = {row[0]: int(row[2]) for row in tables["Cases each assessor gets"]}
    assert shares == {
        cast.member(key).user.full_name: counts[cast.member(key).user.pk]
        for key in ("assessor_a", "provider_assessor")
        if counts[cast.member(key).user.pk]
    }
    assert tables["Cases handed to providers"] == [
        [cast.provider.name, contract.reference, str(len(provider_cases)), str(len(provider_cases) - handed)]
    ]
    assert f"Accept all {len(run.suggestions)} suggestions?" in page
    response = manager.post(f"/allocation/suggestions/{run.pk}/accept-all/")
    assert response["Location"] == f"/allocation/suggestions/{run.pk}/"
    with scopes_disabled():
        assert Allocation.objects.filter(run=run).count() == len(run.suggestions)
    assert f"{len(run.suggestions)} suggestions accepted" in manager.get(response["Location"]).content.decode()


def test_undoing_withdraws_each_allocation_with_its_event_and_lists_what_moved_on(cast, sign_in, run_for):
    manager, run = run_for()
    before = _waiting(cast.council_a)
    manager.post(f"/allocation/suggestions/{run.pk}/accept-all/")
    provider_user, own_user = cast.member("provider_assessor").user, cast.member("assessor_a").user
    with scopes_disabled():
        run.refresh_from_db()
        made = list(Handover.objects.filter(pk__in=run.handovers))
        moved = WaitingListEntry.objects.select_related("person").get(pk=_by(run, own_user)[0])
    assert made and _waiting(cast.council_a) == before - len(run.suggestions)
    # A manager gives one case to the provider's assessor by hand before the run is undone: that one stays.
    manager.post(f"/allocation/entries/{moved.pk}/", {"assessor": provider_user.pk, "reason": "Knows the family"})
    page = manager.get(f"/allocation/suggestions/{run.pk}/").content.decode()
    assert f"Undo these {len(run.suggestions)} allocations" in page

    response = manager.post(f"/allocation/suggestions/{run.pk}/undo/")
    assert response["Location"] == f"/allocation/suggestions/{run.pk}/"
    page = manager.get(response["Location"]).content.decode()
    undone = len(run.suggestions) - 1
    assert f"Undone: {undone} allocations withdrawn and back on the waiting list. 1 could not be undone" in page
    own = len(_by(run, own_user))
    assert f"{own_user.full_name}, {cast.member('assessor_a').organisation.name}: {own} suggestions, 0 still" in page
    assert _parse(page).tables["Not undone"] == [
        [f"{moved.person.full_name} {moved.get_work_type_display()}", "Reallocated since to another assessor"]
    ]
    with scopes_disabled():
        ended = Allocation.objects.filter(run=run, end_reason=undo.UNDO_REASON)
        entries = [str(a.entry_id) for a in ended]
        events = PathwayEvent.objects.filter(event_type=EventType.UNALLOCATED, work_item_id__in=entries)
        assert ended.count() == undone and events.count() == undone
        assert set(WaitingListEntry.objects.filter(pk__in=entries).values_list("status", flat=True)) == {"waiting"}
        # The handovers the run made end; the one made by hand since, and the cast's own, stay.
        assert not Handover.objects.filter(pk__in=[h.pk for h in made], ended_at__isnull=True).exists()
        assert Handover.objects.filter(person=moved.person, ended_at__isnull=True).exists()
        assert Handover.objects.filter(person=cast.person_a_handed, ended_at__isnull=True).exists()
        run.refresh_from_db()
        assert AccessEvent.objects.filter(action="allocation.run_undone", object_id=str(run.pk)).count() == 1
    assert run.status == "undone"
    assert _waiting(cast.council_a) == before - 1
    provider = sign_in(cast.member("provider_assessor"))
    assert provider.get(f"/people/{made[0].person_id}/").status_code == 404


def test_work_started_since_is_not_undone(cast, run_for):
    manager, run = run_for()
    chosen = [s["entry"] for s in run.suggestions[:2]]
    manager.post(f"/allocation/suggestions/{run.pk}/accept/", {"entry": chosen})
    with scopes_disabled():
        started = WaitingListEntry.objects.select_related("person").get(pk=chosen[0])
        record_on_pathway(
            actor=Actor(user=cast.member("assessor_a").user, membership=cast.member("assessor_a")),
            person=started.person,
            work_item=started,
            event_type=EventType.ASSESSMENT_STARTED,
            title="Assessment started",
            from_status="allocated",
            to_status="allocated",
        )
    manager.post(f"/allocation/suggestions/{run.pk}/undo/")
    with scopes_disabled():
        assert list(Allocation.objects.filter(run=run, ended_at__isnull=True).values_list("entry_id", flat=True)) == [
            chosen[0]
        ]
        run.refresh_from_db()
    assert run.not_undone == [{"entry": chosen[0], "why": "Work has started on it: assessment started"}]


def test_after_the_window_the_button_is_gone_and_undoing_is_refused(cast, run_for):
    manager, run = run_for()
    manager.post(f"/allocation/suggestions/{run.pk}/accept/", {"entry": [run.suggestions[0]["entry"]]})
    with scopes_disabled():
        AllocationRun.objects.filter(pk=run.pk).update(
            accepted_at=timezone.now() - undo.UNDO_WINDOW - timezone.timedelta(minutes=1)
        )
    assert "Undo these" not in manager.get(f"/allocation/suggestions/{run.pk}/").content.decode()
    response = manager.post(f"/allocation/suggestions/{run.pk}/undo/")
    assert response.status_code == 400
    assert "could be undone for 30 minutes" in response.content.decode()
    with scopes_disabled():
        assert Allocation.objects.filter(run=run, ended_at__isnull=True).count() == 1
        run.refresh_from_db()
    assert run.status == "accepted"


def test_another_councils_manager_can_neither_see_nor_accept_nor_undo(cast, sign_in, run_for):
    manager, run = run_for()
    assert manager.get(f"/allocation/suggestions/{run.pk}/accept-all/").status_code == 200
    manager.post(f"/allocation/suggestions/{run.pk}/accept/", {"entry": [run.suggestions[0]["entry"]]})
    other = sign_in(cast.member("team_manager_b"))
    for path in ("", "accept-all/"):
        assert other.get(f"/allocation/suggestions/{run.pk}/{path}").status_code == 404
    for path in ("accept-all/", "undo/"):
        assert other.post(f"/allocation/suggestions/{run.pk}/{path}").status_code == 404
    with scopes_disabled():
        run.refresh_from_db()
        assert Allocation.objects.filter(run=run, ended_at__isnull=True).count() == 1
    assert run.status == "accepted"
    assert sign_in(cast.member("team_manager_a")).post(f"/allocation/suggestions/{run.pk}/undo/").status_code == 302


@pytest.mark.parametrize("key", ["provider_contract_manager", "provider_team_manager", "assessor_a"])
def test_only_the_councils_managers_undo_its_runs(cast, sign_in, run_for, key):
    manager, run = run_for()
    manager.post(f"/allocation/suggestions/{run.pk}/accept/", {"entry": [run.suggestions[0]["entry"]]})
    response = sign_in(cast.member(key)).post(f"/allocation/suggestions/{run.pk}/undo/")
    assert response.status_code in (403, 404)
    with scopes_disabled():
        run.refresh_from_db()
        assert Allocation.objects.filter(run=run, ended_at__isnull=True).count() == 1
    assert run.status == "accepted"
    assert sign_in(cast.member("team_manager_a")).post(f"/allocation/suggestions/{run.pk}/undo/").status_code == 302
