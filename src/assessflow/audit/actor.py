"""Who is acting: the signed-in user in their current role, or a named system job."""

from dataclasses import dataclass

from django.http import HttpRequest

from assessflow.core.client_address import client_address
from assessflow.tenancy.models import Membership, Organisation, User


@dataclass(frozen=True)
class Actor:
    user: User | None
    membership: Membership | None
    ip_address: str | None = None
    path: str = ""
    system_name: str = ""

    @classmethod
    def from_request(cls, request: HttpRequest) -> "Actor":
        return cls(
            user=request.user if request.user.is_authenticated else None,
            membership=getattr(request, "membership", None),
            ip_address=client_address(request),
            path=request.get_full_path()[:500],
        )

    @classmethod
    def system(cls, name: str, *, user: User | None = None) -> "Actor":
        """A command or background job; named so the log says what did it."""
        return cls(user=user, membership=None, system_name=name)

    @property
    def acting_user(self) -> User:
        """The user a change is recorded against (who allocated, who asked, who decided). A system job acting
        for nobody cannot make such a change: it is refused here rather than by the database."""
        if self.user is None:
            raise ValueError(f"{self.name} acts for no user, and this change must name the user who made it")
        return self.user

    @property
    def acting_membership(self) -> Membership:
        """The role the user acts in, for a change only someone in a role may make (a referral from the portal)."""
        if self.membership is None:
            raise ValueError(f"{self.name} acts in no role, and this change must be made in one")
        return self.membership

    @property
    def name(self) -> str:
        if self.user is not None:
            return self.user.full_name or self.user.email
        return f"system: {self.system_name}"

    @property
    def role(self) -> str:
        return self.membership.role if self.membership else ""

    @property
    def organisation(self) -> Organisation | None:
        return self.membership.organisation if self.membership else None
