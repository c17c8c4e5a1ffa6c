"""Report-backs: publishing tells everyone who took part (in-app, and by email where they gave
one); drafts stay among organisers; the published record is kept whole."""

from __future__ import annotations

import pytest

from linli.core.models import Member, Notification, OutboundEmail
from linli.core.services import ServiceError
from linli.engagement import services
from linli.engagement.models import ReportBack
from linli.participation.services import record
from tests.conftest import client_for, make_person


@pytest.fixture
def took_part(community, household, open_project, resident, leader):
    """The resident and the leader took part twice each; a neighbour without an account or
    email took part on paper; someone else took part in another project only."""
    phone_only = Member.objects.create(
        community=community, name="王婆婆", household=household, status="verified"
    )
    email_only = Member.objects.create(
        community=community, name="李伯", email="li@example.net", status="verified"
    )
    for member in [resident.memberships.get(), leader.memberships.get(), phone_only, email_only]:
        for source in [("engagement.phase", 1), ("engagement.phase", 2)]:
            record(
                member,
                method="meeting",
                channel="in_person",
                depth=2,
                source=source,
                project=open_project,
            )
    bystander = make_person(community, "bystander@test.org")
    record(bystander.memberships.get(), method="survey", channel="online", depth=2, source=("s", 1))
    return {"phone_only": phone_only, "email_only": email_only, "bystander": bystander}


def publish(client, community, project, **data):
    phase = project.phases.first()
    payload = {
        "phase": phase.pk,
        "heard": "大家说院坝积水",
        "did": "先修排水，因为最急",
        "decided": "先修排水",
    }
    payload.update(data)
    return client.post(
        f"/c/{community.slug}/engagement/{project.pk}/report-back/", {**payload, "publish": "1"}
    )


def test_publishing_notifies_each_participant_once_in_app_and_by_email(
    community, organiser, open_project, resident, leader, took_part
):
    response = publish(client_for(organiser), community, open_project)
    assert response.status_code == 302
    report = ReportBack.objects.get()
    assert report.is_published and report.notified == 4
    notes = Notification.objects.filter(kind="project_report_back")
    assert sorted(n.user.email for n in notes) == ["leader@test.org", "resident@test.org"]
    assert all(f"#report-{report.pk}" in n.url for n in notes)
    mails = OutboundEmail.objects.filter(kind="project_report_back")
    assert sorted(m.to for m in mails) == ["leader@test.org", "li@example.net", "resident@test.org"]
    assert "院坝积水" in mails.get(to="li@example.net").text
    # (opening the project told every resident of its plan's 公示; that is another kind)
    assert not notes.filter(user=took_part["bystander"]).exists()


def test_the_notification_is_in_each_persons_language(
    community, organiser, open_project, resident, took_part
):
    resident.language = "en"
    resident.save()
    publish(client_for(organiser), community, open_project)
    note = Notification.objects.get(user=resident, kind="project_report_back")
    assert note.title.startswith("You took part in")
    mail = OutboundEmail.objects.get(to="resident@test.org", kind="project_report_back")
    assert mail.language == "en"


def test_a_resident_who_turned_it_off_gets_nothing(
    community, organiser, open_project, resident, took_part
):
    from linli.core.models import NotificationPreference

    NotificationPreference.objects.create(
        user=resident, kind="project_report_back", email=False, in_app=False
    )
    publish(client_for(organiser), community, open_project)
    kind = "project_report_back"
    assert not Notification.objects.filter(user=resident, kind=kind).exists()
    assert not OutboundEmail.objects.filter(to="resident@test.org", kind=kind).exists()


def test_a_draft_notifies_nobody_and_residents_do_not_see_it(
    community, organiser, open_project, resident, took_part
):
    client = client_for(organiser)
    phase = open_project.phases.first()
    response = client.post(
        f"/c/{community.slug}/engagement/{open_project.pk}/report-back/",
        {"phase": phase.pk, "heard": "草稿听到", "did": "草稿做了", "draft": "1"},
    )
    assert response.status_code == 302
    report = ReportBack.objects.get()
    assert not report.is_published
    assert not Notification.objects.filter(kind="project_report_back").exists()
    assert (
        "草稿听到" not in client_for(resident).get(open_project.get_absolute_url()).content.decode()
    )
    # publish the draft later
    response = client.post(
        f"/c/{community.slug}/engagement/{open_project.pk}/report-back/{report.pk}/",
        {"phase": phase.pk, "heard": "草稿听到", "did": "草稿做了", "publish": "1"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (
        report.is_published and Notification.objects.filter(kind="project_report_back").count() == 2
    )


def test_the_project_page_keeps_the_full_record(community, organiser, open_project, resident):
    client = client_for(organiser)
    publish(client, community, open_project, heard="第一次听到", decided="")
    publish(client, community, open_project, heard="第二次听到", decided="修排水")
    page = client_for(resident).get(open_project.get_absolute_url()).content.decode()
    assert page.index("第一次听到") < page.index("第二次听到")
    assert "修排水" in page


def test_a_published_report_back_stays_as_it_is(community, organiser, open_project):
    publish(client_for(organiser), community, open_project)
    report = ReportBack.objects.get()
    response = client_for(organiser).post(
        f"/c/{community.slug}/engagement/{open_project.pk}/report-back/{report.pk}/",
        {"phase": report.phase.pk, "heard": "改写", "did": "改写", "publish": "1"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.heard == "大家说院坝积水"
    with pytest.raises(
        ServiceError, match=r"^已发布的反馈不能修改。如需补充或更正，请发布一条新的反馈。$"
    ):
        services.save_report_back(
            organiser, open_project, services.ReportInput(report.phase, "x", "y"), report=report
        )


def test_bad_report_backs_are_refused(community, organiser, project, open_project, other_community):
    client = client_for(organiser)
    response = publish(client, community, open_project, heard="")
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    # a phase of another project
    from tests.engagement.conftest import make_project

    other = make_project(community, organiser, title="别的项目")
    response = publish(client, community, open_project, phase=other.phases.first().pk)
    assert response.status_code == 200 and not ReportBack.objects.exists()
    # publishing on a project residents cannot see yet
    with pytest.raises(ServiceError, match=r"^居民还看不到这个项目。请先开放项目，再发布反馈。$"):
        services.save_report_back(
            organiser, other, services.ReportInput(other.phases.first(), "a", "b"), publish=True
        )


def test_what_organisers_wrote_reaches_each_person_in_their_script(
    community, organiser, open_project, resident, took_part
):
    resident.language = "zh-hant"
    resident.save()
    publish(client_for(organiser), community, open_project, heard="大家说院坝积水")
    assert "院壩積水" in Notification.objects.get(user=resident).body
    assert "院坝积水" in OutboundEmail.objects.get(to="li@example.net").text
