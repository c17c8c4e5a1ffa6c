"""The API beside governance's: a body's meetings with agenda, quorum, minutes and resolutions
(public once published, the body's before), and issues resolved per year on each body."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from linli.governance import meeting_services as services
from linli.governance.models import Resolution
from tests.conftest import client_for

from .test_meetings import members, schedule


def test_meetings_in_the_api_follow_the_pages_rule(board, resident):
    sitting = schedule(board)
    item = services.add_agenda_item(board.secretary, sitting, title="Lights")
    services.record_attendance(board.secretary, sitting, members(board, "chair", "wang", "li"))
    services.stand_aside_on_item(board.secretary, item, board.seats["li"].member, "His stairwell.")
    services.write_item_minutes(board.secretary, item, "Three lamps are broken.")
    resolution = services.resolve(
        board.secretary,
        item,
        text="Fix the lights",
        owner=board.seats["vice"].member,
        due_on=timezone.localdate() + timedelta(days=3),
    )
    slug = board.body.community.slug
    url = f"/api/communities/{slug}/body-meetings"
    assert client_for(None).get(url).json() == []
    assert client_for(resident).get(url).json() == []
    [found] = client_for(board.vice).get(url, {"body": board.body.pk}).json()
    assert (found["quorate"], found["present"], found["entitled"]) == (True, 3, 5)
    [agenda] = found["agenda"]
    assert (agenda["present"], agenda["entitled"], agenda["quorate"]) == (2, 4, True)
    assert agenda["stood_aside"] == [{"name": "李大爷", "reason": "His stairwell."}]
    services.publish_minutes(board.secretary, sitting)
    services.follow_up(board.vice, resolution, Resolution.Status.DONE, "Three new lamps.")
    [public] = client_for(None).get(url).json()
    assert public["resolutions"][0]["report_back"] == "Three new lamps."
    assert public["resolutions"][0]["status"] == "done"
    [body] = client_for(None).get(f"/api/communities/{slug}/bodies").json()
    assert body["issues_resolved"] == [{"year": timezone.localtime().year, "issues_resolved": 1}]
