"""The demo's projects are true to seeds 003 and 004 and reach real people."""

from __future__ import annotations

from linli.core.models import Notification, OutboundEmail
from linli.engagement import queries
from linli.engagement.models import Lesson, Project


def test_demo_projects(demo, db):
    yinxing = Project.objects.filter(community__slug="yinxing")
    closed = yinxing.get(status="closed")
    assert "院落美化" in closed.title and closed.phases.count() == 7
    assert closed.report_backs.filter(published_at__isnull=False).count() == 4
    assert Lesson.objects.filter(project=closed).exists()
    open_one = yinxing.get(status="open")
    assert [p.kind for p in queries.current_phases(open_one)] == ["consult"]
    assert 0 < len(queries.unfinished_equity(open_one)) < 6 and open_one.opened_despite
    assert yinxing.filter(status="planning").count() == 1
    assert Project.objects.filter(community__slug="jingui", title__contains="共享").exists()
    # the demo accounts took part, and heard back
    for email in ("leader@example.org", "resident@example.org"):
        assert Notification.objects.filter(user__email=email, kind="project_report_back").exists()
        assert OutboundEmail.objects.filter(to=email, kind="project_report_back").exists()
    assert queries.participants(closed).count() > 50
