"""/admin/ is a support desk for site administrators only; service-owned data is read-only and
every change made there is audited."""

from __future__ import annotations

import pytest

from linli.core.api_tokens import create_token
from linli.core.models import ApiToken, AuditEntry, OutboundEmail, User
from tests.conftest import PASSWORD, client_for

PAGES = [
    "/admin/",
    "/admin/core/outboundemail/",
    "/admin/core/auditentry/",
    "/admin/core/user/",
    "/admin/core/apitoken/",
    "/admin/core/community/",
    "/admin/django_tasks_database/dbtaskresult/",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_site_administrator_sees_each_support_page(site_admin, url):
    assert client_for(site_admin).get(url).status_code == 200


@pytest.mark.parametrize("role", ["community_admin", "organiser", "resident", "anonymous"])
def test_nobody_else_gets_in(people, role):
    response = client_for(people[role]).get("/admin/core/outboundemail/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_staff_flag_alone_does_not_open_the_admin(db):
    staff = User.objects.create_user(email="staff@test.org", password=PASSWORD, name="s")
    staff.is_staff = True
    staff.save()
    assert client_for(staff).get("/admin/").status_code == 302


def test_the_outbox_and_audit_log_are_read_only(site_admin):
    mail = OutboundEmail.objects.create(
        to="a@b.org", kind="membership", language="en", subject="s", text="t"
    )
    client = client_for(site_admin)
    assert client.get("/admin/core/outboundemail/add/").status_code == 403
    client.post(f"/admin/core/outboundemail/{mail.pk}/change/", {"to": "evil@x.org"})
    mail.refresh_from_db()
    assert mail.to == "a@b.org"
    assert (
        client.post(f"/admin/core/outboundemail/{mail.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    entry = AuditEntry.objects.create(action="x", object_type="y")
    assert (
        client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )


def test_switching_an_account_off_is_audited(site_admin, resident):
    client = client_for(site_admin)
    response = client.post(
        f"/admin/core/user/{resident.pk}/change/",
        {"email": resident.email, "phone": "", "name": resident.name, "language": "zh-hans"},
    )
    assert response.status_code == 302, response.content
    resident.refresh_from_db()
    assert not resident.is_active
    entry = AuditEntry.objects.get(action="admin.change")
    assert entry.actor == site_admin
    assert entry.before["is_active"] is True and entry.after["is_active"] is False
    assert "password" not in entry.after


def test_the_admin_cannot_make_a_site_administrator(site_admin, resident):
    client_for(site_admin).post(
        f"/admin/core/user/{resident.pk}/change/",
        {
            "email": resident.email,
            "name": resident.name,
            "language": "en",
            "is_active": "on",
            "is_superuser": "on",
        },
    )
    resident.refresh_from_db()
    assert not resident.is_superuser


def test_revoking_a_token_is_audited(site_admin, organiser):
    create_token(organiser, "spreadsheet")
    token = ApiToken.objects.get(user=organiser)
    response = client_for(site_admin).post(
        "/admin/core/apitoken/",
        {"action": "delete_selected", "_selected_action": [token.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert AuditEntry.objects.filter(action="admin.delete", object_type="core.apitoken").exists()
