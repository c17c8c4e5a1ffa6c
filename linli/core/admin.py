"""What support staff see in ``/admin/``. Anything that a service owns (mail, audit, tokens,
communities) is read-only here; what may change (an account switched off, a token revoked) is
written to the audit log like every other administrator action."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import Group
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from . import audit
from .models import ApiToken, AuditEntry, Community, OutboundEmail, User


class AuditedAdmin(admin.ModelAdmin):
    """Every save and delete through the admin goes to the audit log with before and after."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = None
        if change and obj.pk is not None:
            stored = type(obj).objects.filter(pk=obj.pk).first()
            before = audit.snapshot(stored) if stored is not None else None
        super().save_model(request, obj, form, change)
        audit.log(
            request.user,
            f"admin.{'change' if change else 'add'}",
            obj,
            community=_community_of(obj),
            before=before,
            after=audit.snapshot(obj),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit.log(
            request.user,
            "admin.delete",
            obj,
            community=_community_of(obj),
            before=audit.snapshot(obj),
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _community_of(obj: Model) -> Community | None:
    community = getattr(obj, "community", None)
    return community if isinstance(community, Community) else None


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "to", "kind", "subject", "status", "attempts", "sent_at")
    list_filter = ("status", "kind", "language")
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_repr", "community")
    list_filter = ("action", "object_type", "community")
    search_fields = ("action", "object_repr", "actor__email")
    date_hierarchy = "at"


@admin.register(Community)
class CommunityAdmin(ReadOnlyAdmin):
    """Communities are set up on the site administration page (/site/), which audits each step."""

    list_display = ("name", "slug", "city", "district", "created_at")
    search_fields = ("name", "slug")


@admin.register(User)
class UserAdmin(AuditedAdmin):
    """Accounts: support may correct a name or address and switch an account off; a password is
    never set here (the person resets it), and site-administrator rights are given on the server."""

    list_display = ("email", "phone", "name", "is_active", "is_superuser", "date_joined")
    list_filter = ("is_active", "is_superuser", "language")
    search_fields = ("email", "phone", "name")
    fields = ("email", "phone", "name", "language", "large_text", "is_active", "is_superuser")
    readonly_fields = ("is_superuser",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # people register, or are invited from the site administration page

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deleting an account is the person's own act (me/delete), which anonymises


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """Tokens are created by their owners (the hash only is stored); support may revoke one."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at")
    search_fields = ("name", "prefix", "user__email")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at")
    exclude = ("key_hash",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


admin.site.unregister(Group)  # roles live on memberships, not in Django groups
