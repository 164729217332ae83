from assessflow.core.extensions import ExtensionPoint


def test_a_point_keeps_what_was_registered_in_order_and_once():
    point: ExtensionPoint[str] = ExtensionPoint("test.point")
    point.register("first")
    point.register("second")
    point.register("first")  # ready() may run again
    assert list(point) == ["first", "second"]
    assert len(point) == 2


def test_a_single_answer_point_keeps_the_latest_and_is_empty_until_one_is_given():
    point: ExtensionPoint[str] = ExtensionPoint("test.single", single=True)
    assert point.one() is None
    point.register("old")
    point.register("new")
    assert (point.one(), list(point)) == ("new", ["new"])


def test_what_the_installed_apps_registered_is_there_once_django_has_loaded_them():
    from assessflow.allocation.selectors import is_approved_bia
    from assessflow.allocation.services import end_allocation_when_work_ends
    from assessflow.people.extensions import CONCERN_HANDLER, timeline_kinds
    from assessflow.safeguarding.services.dols_assessors import BIA_CHECKS
    from assessflow.waiting.extensions import ENTRY_LEFT_LIST

    assert is_approved_bia in list(BIA_CHECKS)
    assert end_allocation_when_work_ends in list(ENTRY_LEFT_LIST)
    assert CONCERN_HANDLER.one() is not None
    assert {"record", "pathway", "note", "letter"} <= set(timeline_kinds())
