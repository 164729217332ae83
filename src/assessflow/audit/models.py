"""The append-only access log: who read, changed or exported which record, when and from where."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from assessflow.tenancy.roles import Role

from .display import field_label, sentence_for


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an access-log entry."""


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Access-log entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Access-log entries cannot be deleted.")


class AccessEvent(models.Model):
    class Kind(models.TextChoices):
        VIEW = "view", "Viewed"
        SEARCH = "search", "Searched"
        CHANGE = "change", "Changed"
        EXPORT = "export", "Exported"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=200, help_text="The actor's name when the event happened.")
    role = models.CharField(max_length=30, blank=True)
    organisation = models.ForeignKey("tenancy.Organisation", null=True, on_delete=models.PROTECT, related_name="+")
    council = models.ForeignKey("tenancy.Organisation", null=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    action = models.CharField(max_length=60, help_text="A dotted code such as person.updated.")
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    # No foreign key: the log must outlive and never cascade from the record it describes.
    person_id = models.BigIntegerField(null=True, blank=True)
    fields = models.JSONField(default=list, blank=True, help_text="Names of the fields read or changed.")
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)

    objects = ScopedManager(council="council", _manager_class=models.Manager.from_queryset(AccessEventQuerySet))

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["council", "person_id", "-at"], name="audit_person_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Access-log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Access-log entries cannot be deleted.")

    @property
    def sentence(self) -> str:
        return sentence_for(self.action)

    @property
    def field_labels(self) -> list[str]:
        return [field_label(self.object_type, name) for name in self.fields]

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else "System"
