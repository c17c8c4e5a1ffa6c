"""A site is set up by commands alone: a site administrator, a community, its first admins."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import translation

from linli.core.models import AuditEntry, Community, Member, OutboundEmail, Role, User


def test_it_creates_the_site_administrator_without_questions(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "office@street.example")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-Long-pass-for-office-42")
    monkeypatch.setenv("DJANGO_SUPERUSER_NAME", "街道办")
    call_command("createsuperuser", "--noinput")
    admin = User.objects.get(email="office@street.example")
    assert admin.is_superuser and admin.name == "街道办"
    assert admin.check_password("a-Long-pass-for-office-42")


def test_it_creates_a_community_by_command_and_audits_it(db, capsys):
    call_command(
        "community",
        "create",
        "--slug",
        "wutong",
        "--name",
        "梧桐社区",
        "--city",
        "成都市",
        "--district",
        "武侯区",
    )
    community = Community.objects.get(slug="wutong")
    assert (community.name, community.city, community.district) == ("梧桐社区", "成都市", "武侯区")
    assert community.languages == ["zh-hans", "zh-hant", "en"]
    assert AuditEntry.objects.filter(action="community.create", community=community).exists()
    assert "created wutong" in capsys.readouterr().out


def test_it_refuses_a_second_community_with_the_same_short_name(community):
    with (
        translation.override("en"),
        pytest.raises(CommandError, match=r"^A community with this short name already exists\.$"),
    ):
        call_command("community", "create", "--slug", community.slug, "--name", "again")


def test_it_refuses_an_address_name_that_is_not_a_slug(db):
    with pytest.raises(
        CommandError, match=r"^输入由字母，数字，下划线或连字符号组成的有效“字段”。$"
    ):
        call_command("community", "create", "--slug", "梧桐 社区", "--name", "x")
    assert not Community.objects.exists()


def test_it_appoints_an_existing_account_by_command(community, resident):
    call_command("community", "appoint", "--slug", community.slug, "--email", resident.email)
    member = Member.objects.get(community=community, user=resident)
    assert member.role == Role.COMMUNITY_ADMIN


def test_it_invites_a_person_without_an_account(community, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "community",
            "appoint",
            "--slug",
            community.slug,
            "--email",
            "new@office.example",
            "--role",
            "organiser",
            "--name",
            "小王",
        )
    user = User.objects.get(email="new@office.example")
    assert not user.has_usable_password()
    assert Member.objects.get(community=community, user=user).role == Role.ORGANISER
    invitation = OutboundEmail.objects.get(to="new@office.example")
    assert "/accounts/password/reset/" in invitation.text
    assert len(mail.outbox) == 1
