"""The feedback API: public items, reporting and "me too" for residents, the same refusals."""

from __future__ import annotations

import json

from linli.feedback.models import Report
from tests.conftest import client_for, make_household


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_report_list_and_me_too_through_the_api(community, resident, yinxing_resident, wutong):
    base = f"/api/communities/{community.slug}/feedback"
    created = post(
        client_for(resident),
        base,
        {"category": "drainage", "text": "院坝积水", "place_id": wutong.pk},
    )
    assert created.status_code == 201 and created.json()["joined"] is False
    item_id = created.json()["item"]["id"]
    listed = client_for(None).get(base).json()
    assert [i["id"] for i in listed] == [item_id] and "院坝积水" not in json.dumps(listed)
    assert post(client_for(yinxing_resident), f"{base}/{item_id}/me-too").status_code == 201
    assert post(client_for(yinxing_resident), f"{base}/{item_id}/me-too").status_code == 400
    detail = client_for(None).get(f"{base}/{item_id}").json()
    assert detail["me_too"] == 1 and {c["courtyard"] for c in detail["by_courtyard"]} == {
        "梧桐院",
        "银杏院",
    }


def test_the_api_refuses_a_place_elsewhere_and_anonymous_reports(
    community, other_community, resident
):
    base = f"/api/communities/{community.slug}/feedback"
    elsewhere = make_household(other_community, ["别院", "1栋", "1单元", "1"]).area
    refused = post(
        client_for(resident),
        base,
        {"category": "drainage", "text": "积水", "place_id": elsewhere.pk},
    )
    assert refused.status_code == 400 and refused.json()["field"] == "place"
    assert post(client_for(None), base, {"category": "drainage", "text": "积水"}).status_code == 401
    assert not Report.objects.exists()
