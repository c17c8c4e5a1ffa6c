"""The surveys a resident answered - that they answered, never what - for "my activity".

Read from the participation ledger, which points at the survey and never at the response, so an
anonymous survey is listed too without tying the person to their answers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Activity
from linli.core.models import Member
from linli.participation.models import Act

from .models import Survey


def activity(member: Member) -> list[Activity]:
    acts = list(
        Act.objects.filter(member=member, source_type="surveys.survey").order_by("-occurred_at")[
            :50
        ]
    )
    surveys = {
        str(s.pk): s
        for s in Survey.objects.filter(
            community=member.community, pk__in=[int(a.source_id) for a in acts]
        ).select_related("community")
    }
    return [
        Activity(
            _("Surveys I answered"),
            surveys[act.source_id].title_text,
            surveys[act.source_id].get_absolute_url(),
            act.occurred_at,
            act.get_channel_display(),
        )
        for act in acts
        if act.source_id in surveys
    ]
