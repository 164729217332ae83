"""The safeguarding queue and the DoLS list run a fixed number of queries however many cases they show."""

from django_scopes import scopes_disabled

from assessflow.people.tests.test_query_counts import queries_for
from assessflow.tests.factories import ConcernFactory, DolsApplicationFactory, EnquiryFactory, PersonFactory


def test_the_safeguarding_queue_costs_the_same_for_few_or_many_concerns(cast, sign_in):
    client = sign_in(cast.member("safeguarding_a"))
    few = queries_for(client, "/safeguarding/")
    with scopes_disabled():
        for _ in range(10):
            person = PersonFactory(council=cast.council_a)
            ConcernFactory(person=person)
            EnquiryFactory(concern__person=person)
    assert queries_for(client, "/safeguarding/") == few


def test_the_dols_list_costs_the_same_for_few_or_many_requests(cast, sign_in):
    client = sign_in(cast.member("dols_a"))
    few = queries_for(client, "/safeguarding/dols/")
    with scopes_disabled():
        DolsApplicationFactory.create_batch(10, person__council=cast.council_a, council=cast.council_a)
        DolsApplicationFactory.create_batch(
            5, person__council=cast.council_a, council=cast.council_a, status="granted", ends_on="2099-01-01"
        )
    assert queries_for(client, "/safeguarding/dols/") == few
