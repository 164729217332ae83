"""The doctors a council may name as a DoLS mental health assessor, each with the approval that lets them act.

Most are commissioned from outside the council and have no account here (an external assessor);
a doctor on the council's own staff is linked to their account, so they can open the requests
they assess. Either way the approval is recorded, and a doctor whose approval has ended cannot
be named.
"""

import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from .categories import DoctorApproval


class ApprovedDoctor(models.Model):
    council = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("full name", max_length=200)
    gmc_number = models.CharField(
        "GMC reference number",
        max_length=7,
        validators=[RegexValidator(r"^\d{7}$", "Enter the GMC reference number, 7 digits")],
    )
    approval = models.CharField("approved as", max_length=20, choices=DoctorApproval.choices)
    approval_reference = models.CharField(
        "approval reference", max_length=100, blank=True, help_text="The section 12 approval number, if any"
    )
    organisation = models.CharField("employed or commissioned through", max_length=200)
    approval_ends_on = models.DateField(
        "approval ends on", help_text="The end of the approval, or of the mental health assessor training's currency"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Only for a doctor on the council's own staff",
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ScopedManager(council="council")

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "approved mental health assessor"

    def __str__(self) -> str:
        return f"{self.name} (GMC {self.gmc_number}, {self.organisation})"

    @property
    def is_external(self) -> bool:
        return self.user_id is None

    def approved_on(self, day: datetime.date) -> bool:
        return day <= self.approval_ends_on
