"""The command decorator: one transaction, the permission for the actor, the audit log and the
ledger written inside it, the row lock."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from linli.core import services as core_services
from linli.core.kit import Forbidden, Refused, audit, command, ledger, running
from linli.core.models import AuditEntry, Community, Notice
from linli.participation.models import Act


@command("notices.manage", on="community")
def post_notice(actor, community: Community, title: str, refuse: bool = False) -> Notice:
    notice = Notice.objects.create(community=community, title=title, body="", author=actor)
    audit("notice.publish", notice, after={"title": title})
    if refuse:
        raise Refused("Too late for notices today.", "title")
    return notice


def test_it_runs_the_command_and_audits_for_the_actor_in_the_object_s_community(
    community, organiser
):
    notice = post_notice(organiser, community, "停水通知")
    entry = AuditEntry.objects.get(action="notice.publish")
    assert entry.actor == organiser and entry.community == community
    assert entry.object_id == str(notice.pk) and entry.after == {"title": "停水通知"}


def test_it_forbids_a_person_without_the_standing_before_writing(community, resident):
    with pytest.raises(Forbidden, match=r"^notices\.manage$"):
        post_notice(resident, community, "x")
    with pytest.raises(Forbidden, match=r"^notices\.manage$"):
        post_notice(AnonymousUser(), community, "x")
    assert not Notice.objects.exists() and not AuditEntry.objects.exists()


def test_a_refusal_undoes_the_writes_and_the_audit_entry(community, organiser):
    with pytest.raises(Refused, match=r"^Too late for notices today\.$") as refusal:
        post_notice(organiser, community, "x", refuse=True)
    assert refusal.value.field == "title"
    assert not Notice.objects.exists() and not AuditEntry.objects.exists()


def test_forbidden_is_a_permission_denied_and_service_error_is_refused():
    from django.core.exceptions import PermissionDenied

    assert issubclass(Forbidden, PermissionDenied)
    assert core_services.ServiceError is Refused


def test_the_audit_log_and_the_ledger_are_written_only_inside_a_command(community, resident):
    member = resident.memberships.get()
    with pytest.raises(
        RuntimeError, match=r"^the audit log is written by a @command, inside its transaction$"
    ):
        audit("notice.publish", community)
    with pytest.raises(
        RuntimeError,
        match=r"^the participation ledger is written by a @command, inside its transaction$",
    ):
        ledger(member, method="meeting", channel="in_person", depth=1, source=("m", 1))
    assert running() is None


def test_the_ledger_is_written_inside_the_command(community, organiser, resident):
    member = resident.memberships.get()

    @command("members.record_without_account", on="community")
    def attend(actor, community: Community) -> None:
        assert running() is not None and running().actor == organiser
        ledger(member, method="meeting", channel="in_person", depth=1, source=("m", 1))

    attend(organiser, community)
    assert Act.objects.filter(member=member).count() == 1


def test_a_command_names_its_actor_actor_and_its_target():
    with pytest.raises(
        TypeError,
        match=r"^test_a_command_names_its_actor_actor_and_its_target\.<locals>\.wrong: a command's first parameter is named 'actor'$",
    ):

        @command("notices.manage", on="community")
        def wrong(user, community):  # the actor must be called actor
            return None

    with pytest.raises(
        TypeError,
        match=r"^test_a_command_names_its_actor_actor_and_its_target\.<locals>\.no_target: no parameter 'notice' to check 'notices\.manage' on$",
    ):

        @command("notices.manage", on="notice")
        def no_target(actor, community):
            return None


def test_lock_reads_the_object_afresh_before_the_check(community, organiser):
    from linli.engagement.models import Project

    @command("engagement.open_project", on="project", lock=True)
    def open_it(actor, project: Project) -> str:
        return project.status

    project = Project.objects.create(community=community, title="t", slug="t")
    stale = Project.objects.get(pk=project.pk)
    Project.objects.filter(pk=project.pk).update(status=Project.Status.OPEN)
    with pytest.raises(
        Refused, match=r"^只有筹备中的项目可以开放。$"
    ):  # the stale copy says "planning"; the locked row says "open"
        open_it(organiser, stale)
    assert stale.status == Project.Status.OPEN
