"""A GET never writes: the proposal pages read the community's rules without creating them; the
administrators' form saves them (audited) through the command."""

from __future__ import annotations

from linli.core.models import AuditEntry
from linli.proposals import services
from linli.proposals.models import ProposalSettings
from tests.conftest import client_for


def test_the_pages_read_the_default_rules_without_saving_them(community, resident, organiser):
    # The agenda is for organisers: a resident is refused, the anonymous visitor sent to sign in.
    expected = {
        resident: {"": 200, "agenda/": 403, "answers/": 200},
        organiser: {"": 200, "agenda/": 200, "answers/": 200},
        None: {"": 200, "agenda/": 302, "answers/": 200},
    }
    for user, statuses in expected.items():
        got = {
            page: client_for(user).get(f"/c/{community.slug}/proposals/{page}").status_code
            for page in statuses
        }
        assert got == statuses, user
    assert not ProposalSettings.objects.filter(community=community).exists()
    assert (
        services.settings_for(community).support_threshold == ProposalSettings().support_threshold
    )


def test_changing_the_rules_saves_them_once_and_audits(community, community_admin):
    services.update_rules(community_admin, community, support_threshold=7)
    services.update_rules(community_admin, community, window_days=20)
    saved = ProposalSettings.objects.get(community=community)
    assert (saved.support_threshold, saved.window_days) == (7, 20)
    assert AuditEntry.objects.filter(action="proposals.rules").count() == 2
