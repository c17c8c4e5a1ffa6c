"""The site administration page: create communities and appoint their first staff, no shell."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from linli.core.models import AuditEntry, Community, Member, Role, User
from tests.conftest import PASSWORD, client_for


@pytest.mark.parametrize(
    "role", ["community_admin", "organiser", "leader", "resident", "outsider", "anonymous"]
)
def test_only_site_administrators_reach_it(people, role):
    response = client_for(people[role]).get("/site/")
    assert response.status_code == (302 if role == "anonymous" else 403)


def test_a_staff_account_that_is_not_a_site_administrator_is_refused(db):
    staff = User.objects.create_user(email="staff@test.org", password=PASSWORD, name="s")
    staff.is_staff = True
    staff.save()
    assert client_for(staff).get("/site/").status_code == 403


def test_without_a_community_the_start_page_leads_to_the_first_run_page(client, db):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/welcome/"
    assert "linli createsuperuser" in response.content.decode()


def test_the_first_run_page_sends_the_site_administrator_to_set_up(site_admin):
    response = client_for(site_admin).get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/site/"
    assert "/site/communities/new/" in response.content.decode()


def test_the_first_run_page_steps_aside_once_a_community_exists(client, community):
    assert client.get("/welcome/").status_code == 302
    assert client.get("/").status_code == 200


def test_it_creates_a_community_and_audits_it(site_admin):
    client = client_for(site_admin)
    response = client.post(
        "/site/communities/new/",
        {"name": "银杏社区", "slug": "yinxing", "city": "成都市", "district": "武侯区"},
    )
    assert response.status_code == 302
    community = Community.objects.get(slug="yinxing")
    entry = AuditEntry.objects.get(action="community.create")
    assert entry.actor == site_admin and entry.community == community


def test_it_shows_the_reason_when_the_short_name_is_taken(site_admin, community):
    response = client_for(site_admin).post(
        "/site/communities/new/", {"name": "again", "slug": community.slug}
    )
    assert response.status_code == 200
    assert Community.objects.count() == 1
    assert response.context["form"].errors["slug"]


def test_it_appoints_an_existing_account(site_admin, community, resident):
    response = client_for(site_admin).post(
        f"/site/communities/{community.slug}/",
        {"appoint": "1", "email": resident.email, "role": Role.COMMUNITY_ADMIN},
    )
    assert response.status_code == 302
    assert Member.objects.get(community=community, user=resident).role == Role.COMMUNITY_ADMIN
    entry = AuditEntry.objects.get(action="member.appoint")
    assert entry.before == {"role": "resident", "status": "verified"}
    assert entry.after["role"] == "community_admin"


def test_an_invited_person_chooses_a_password_from_the_mail_and_signs_in(
    site_admin, community, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(site_admin).post(
            f"/site/communities/{community.slug}/",
            {"appoint": "1", "email": "worker@office.example", "name": "小李", "role": "organiser"},
        )
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Choose-a-good-one-77", "new_password2": "Choose-a-good-one-77"},
    )
    assert client.login(username="worker@office.example", password="Choose-a-good-one-77")
    assert client.get(f"/c/{community.slug}/manage/").status_code == 200


def test_it_appoints_only_administrators_and_organisers(site_admin, community):
    response = client_for(site_admin).post(
        f"/site/communities/{community.slug}/",
        {"appoint": "1", "email": "x@example.org", "role": "resident"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="x@example.org").exists()


def test_the_site_administrator_reaches_the_household_import(site_admin, community):
    page = client_for(site_admin).get(f"/site/communities/{community.slug}/").content.decode()
    assert f"/c/{community.slug}/manage/households/import/" in page
    assert (
        client_for(site_admin).get(f"/c/{community.slug}/manage/households/import/").status_code
        == 200
    )
