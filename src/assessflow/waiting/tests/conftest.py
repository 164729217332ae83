"""Fixtures for the import tests: the staff a handover file names, and the council administrator importing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from assessflow.tenancy.roles import Qualification, Role
from assessflow.tests import factories
from assessflow.waiting.models import BacklogImport

from .importing import offered


@pytest.fixture
def staff(cast):
    """The workers a handover file names: two of the council's, one of its provider's; and two who must not match:
    a worker of council B, and a worker of a provider that works only for council B."""
    with scopes_disabled():
        outsider = factories.ProviderFactory(name="Provider Z")
        factories.ContractFactory(council=cast.council_b, provider=outsider)

        def worker(org, role, name, email, **extra):
            user = factories.UserFactory(full_name=name, email=email)
            return factories.MembershipFactory(user=user, organisation=org, role=role, **extra)

        return {
            "priya": worker(
                cast.council_a, Role.ASSESSOR, "Priya Shah", "p.shah@council-a.example",
                qualification=Qualification.SOCIAL_WORKER,
            ),
            "sam": worker(cast.council_a, Role.TEAM_MANAGER, "Sam Taylor", "sam.taylor@council-a.example"),
            "tom": worker(
                cast.provider, Role.ASSESSOR, "Tom Okafor", "tom.okafor@provider-p.example",
                qualification=Qualification.CONTRACTED_ASSESSOR,
            ),
            "council_b": worker(
                cast.council_b, Role.ASSESSOR, "Bea Outside", "bea@council-b.example",
                qualification=Qualification.SOCIAL_WORKER,
            ),
            "provider_q": worker(
                outsider, Role.ASSESSOR, "Quentin Elsewhere", "q@provider-q.example",
                qualification=Qualification.CONTRACTED_ASSESSOR,
            ),
        }  # fmt: skip


@pytest.fixture
def importer(cast, sign_in, django_capture_on_commit_callbacks):
    """Council A's administrator at the import pages; each post runs the background work it starts."""
    client = sign_in(cast.member("council_admin_a"))

    class Importer:
        def __init__(self) -> None:
            self.client = client

        def post(self, url: str, data: dict | None = None):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(url, data or {})

        def upload(self, name: str, content: bytes, **extra) -> BacklogImport:
            self.post(reverse("waiting:imports"), {"file": SimpleUploadedFile(name, content), **extra})
            with scopes_disabled():
                return BacklogImport.objects.latest("pk")

        def matching(self, job: BacklogImport) -> tuple[str, dict[str, str]]:
            page = client.get(reverse("waiting:import-mapping", args=[job.pk])).content.decode()
            return page, offered(page)

        def match(self, job: BacklogImport, data: dict) -> BacklogImport:
            self.post(reverse("waiting:import-mapping", args=[job.pk]), data)
            job.refresh_from_db()
            return job

        def publish(self, job: BacklogImport, **extra) -> BacklogImport:
            self.post(reverse("waiting:import-publish", args=[job.pk]), extra)
            job.refresh_from_db()
            return job

    return Importer()
