from __future__ import annotations

from linli.core.models import Demographics, Member
from tests.conftest import client_for


def test_answers_need_consent_are_editable_and_deletable(resident):
    member = Member.objects.get(user=resident)
    client = client_for(resident)
    url = f"/me/about-me/{member.pk}/"
    response = client.post(url, {"age_band": "60-74", "gender": "woman"})
    assert response.status_code == 200 and not Demographics.objects.exists()
    response = client.post(
        url, {"age_band": "60-74", "gender": "woman", "languages": ["zh", "bo"], "consent": "on"}
    )
    assert response.status_code == 302
    answers = Demographics.objects.get(member=member)
    assert answers.languages == ["zh", "bo"] and answers.consented_at
    client.post(url, {"age_band": "75+", "consent": "on"})
    answers.refresh_from_db()
    assert answers.age_band == "75+"
    client.post(f"/me/about-me/{member.pk}/delete/")
    assert not Demographics.objects.filter(member=member).exists()


def test_nobody_else_can_see_or_change_them(resident, leader, organiser):
    member = Member.objects.get(user=resident)
    for other in (leader, organiser):
        assert client_for(other).get(f"/me/about-me/{member.pk}/").status_code == 404


def test_my_data_export_and_account_deletion(resident):
    from linli.participation.services import record

    member = Member.objects.get(user=resident)
    record(member, method="survey", channel="online", depth=2, source=("test.thing", 1))
    client = client_for(resident)
    data = client.get("/me/data.json").json()
    assert data["account"]["email"] == "resident@test.org"
    assert data["memberships"][0]["participation"][0]["method"] == "survey"
    response = client.post("/me/delete/", {"confirm": "DELETE"})
    assert response.status_code == 302
    from linli.core.models import User
    from linli.participation.models import Act

    assert not User.objects.filter(email="resident@test.org").exists()
    assert Act.objects.filter(member__isnull=True).count() == 1  # still counted, without the person
