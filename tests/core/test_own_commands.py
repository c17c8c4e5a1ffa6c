"""What is a person's own - answers about themselves, notifications, API tokens, the profile - is
changed only by that person: through the pages (another person's POST changes nothing) and
through the commands themselves (``@own_command`` refuses anyone else)."""

from __future__ import annotations

import pytest

from linli.core import account_services
from linli.core.kit import Forbidden
from linli.core.models import ApiToken, AuditEntry, Demographics, Member, Notification
from tests.conftest import client_for


@pytest.fixture
def answers(resident):
    member = Member.objects.get(user=resident)
    client_for(resident).post(
        f"/me/about-me/{member.pk}/", {"age_band": "60-74", "gender": "woman", "consent": "on"}
    )
    return Demographics.objects.get(member=member)


def test_another_person_cannot_change_or_delete_my_answers(resident, leader, organiser, answers):
    member = answers.member
    for other in (leader, organiser):
        client = client_for(other)
        assert (
            client.post(
                f"/me/about-me/{member.pk}/", {"age_band": "75+", "consent": "on"}
            ).status_code
            == 404
        )
        assert client.post(f"/me/about-me/{member.pk}/delete/").status_code == 404
    answers.refresh_from_db()
    assert answers.age_band == "60-74"


def test_the_audit_says_the_answers_changed_never_what_they_are(answers):
    entry = AuditEntry.objects.get(action="member.demographics_save")
    assert entry.community is None and entry.after is None and entry.before is None


def test_the_commands_refuse_anything_not_the_actors_own(resident, leader, answers):
    member = answers.member
    with pytest.raises(Forbidden, match=r"^own$"):
        account_services.delete_demographics(leader, member)
    with pytest.raises(Forbidden, match=r"^own$"):
        account_services.set_language(leader, resident, "en")
    assert Demographics.objects.filter(member=member).exists()
    resident.refresh_from_db()
    assert resident.language != "en"


def test_a_notification_is_shown_on_get_and_marked_read_only_by_its_owners_post(resident, leader):
    note = Notification.objects.create(user=resident, kind="membership", title="Hello", url="/me/")
    mine, theirs = client_for(resident), client_for(leader)
    page = mine.get(f"/me/notifications/{note.pk}/")
    assert page.status_code == 200 and "Hello" in page.content.decode()
    note.refresh_from_db()
    assert note.read_at is None, "a GET only shows"
    assert theirs.post(f"/me/notifications/{note.pk}/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None
    response = mine.post(f"/me/notifications/{note.pk}/")
    assert response.status_code == 302 and response["Location"] == "/me/"
    note.refresh_from_db()
    assert note.read_at is not None
    with pytest.raises(Forbidden, match=r"^own$"):
        account_services.mark_read(leader, note)


def test_the_list_opens_a_notification_with_a_post_that_works_without_javascript(resident):
    note = Notification.objects.create(user=resident, kind="membership", title="Hello")
    html = client_for(resident).get("/me/notifications/").content.decode()
    assert f'action="/me/notifications/{note.pk}/"' in html and 'method="post"' in html
    assert f'href="/me/notifications/{note.pk}/"' not in html


def test_a_token_is_revoked_only_by_its_owner(organiser, community_admin):
    token = account_services.create_api_token(organiser, organiser, "script", ["read"], 30)
    assert token.startswith("linli_")
    row = ApiToken.objects.get(user=organiser)
    client_for(community_admin).post("/me/api-tokens/", {"revoke": str(row.pk)})
    assert ApiToken.objects.filter(pk=row.pk).exists()
    with pytest.raises(Forbidden, match=r"^own$"):
        account_services.revoke_api_token(community_admin, row)
    client_for(organiser).post("/me/api-tokens/", {"revoke": str(row.pk)})
    assert not ApiToken.objects.filter(pk=row.pk).exists()
    assert AuditEntry.objects.filter(action="api_token.revoke").count() == 1


def test_notification_choices_belong_to_the_person_who_makes_them(resident, leader):
    client_for(resident).post("/me/notifications/settings/", {"membership-email": "on"})
    choice = resident.notification_preferences.get(kind="membership")
    assert choice.email and not choice.in_app
    assert not leader.notification_preferences.exists()
    with pytest.raises(Forbidden, match=r"^own$"):
        account_services.save_notification_choices(leader, resident, ["membership"], {})
