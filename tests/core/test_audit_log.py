from __future__ import annotations

from tests.conftest import client_for


def test_community_admin_reads_and_exports_the_audit_log(community, community_admin, organiser):
    client_for(organiser).post(
        f"/c/{community.slug}/manage/notices/new/", {"title": "停水通知", "body": "周三停水。"}
    )
    client = client_for(community_admin)
    response = client.get(f"/c/{community.slug}/manage/audit/")
    assert "notice.publish" in response.content.decode()
    export = client.get(f"/c/{community.slug}/manage/audit/?format=csv")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "notice.publish" in text and "停水通知" in text
