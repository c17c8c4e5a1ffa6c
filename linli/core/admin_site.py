"""``/admin/``: Django's admin as a support desk for site administrators only (not staff)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class SupportAdminSite(admin.AdminSite):
    site_header = _("linli support")
    site_title = _("linli support")
    index_title = _("Mail outbox, queued tasks, audit log, accounts and API tokens")

    def has_permission(self, request: HttpRequest) -> bool:
        # Only site administrators: organisers work through the site's own pages and services.
        user = request.user
        return bool(user.is_active and user.is_superuser)


class SupportAdminConfig(AdminConfig):
    default_site = "linli.core.admin_site.SupportAdminSite"
