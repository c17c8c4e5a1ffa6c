"""What waits for the organiser in insights: consultations still open (a survey, a vote - the
participatory budget's ballot is one -, a meeting series, an engagement project) in which some
group takes part at less than four-fifths of the best-reached group's rate.

It reads the flags the daily check raised rather than measuring on every visit: measuring all
open consultations is the sweep's job, and the dashboard must stay fast and never write. A flag
whose consultation closed since the last check is left out here; the next check closes it."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from linli.core import permissions
from linli.core.kit.modules import WorkItem
from linli.core.models import Community
from linli.core.script import to_script

from . import queries
from .models import Flag
from .representativeness import JOINT
from .subjects import subject

SHOWN = 5  # consultations named one by one; the rest share one line pointing at the list


def _still_open(community: Community, key: str) -> bool:
    try:
        return subject(community, key).is_open
    except Http404:  # the consultation was deleted
        return False


def work(community: Community, user: Any) -> list[WorkItem]:
    if not permissions.can(user, "insights.view", community):
        return []
    by_subject: dict[str, list[Flag]] = {}
    for flag in queries.open_flags(community).order_by("subject", "ratio_now", "pk"):
        by_subject.setdefault(flag.subject, []).append(flag)
    open_ones = [flags for key, flags in by_subject.items() if _still_open(community, key)]
    # The widest gap first: the group furthest behind is where letters and calls help most.
    open_ones.sort(key=lambda flags: min(_ratio(f) for f in flags))
    labels = queries.group_labels()
    items = []
    for flags in open_ones[:SHOWN]:
        worst = min(flags, key=_ratio)
        # Combinations (橡树湾 · 租户) repeat the single groups beside them: name the single
        # groups, and the combinations only when nothing else is flagged.
        named = [f for f in flags if f.dimension != JOINT] or flags
        groups = _separator().join(queries.group_label(f.dimension, f.group, labels) for f in named)
        label = _("Low reach in “%(title)s”: %(groups)s") % {
            "title": to_script(worst.subject_title),
            "groups": groups,
        }
        # The flag page of the group furthest behind, at its letters and call list.
        url = reverse("insights:flag", args=[community.slug, worst.pk]) + "#act-heading"
        items.append(WorkItem(label, len(named), url))
    rest = open_ones[SHOWN:]
    if rest:
        url = reverse("insights:fair", args=[community.slug]) + "#flags-heading"
        items.append(WorkItem(_("Other open consultations with low reach"), len(rest), url))
    return items


def _separator() -> str:
    """Lists read "租户、藏语" in Chinese and "tenants, Tibetan" in English."""
    return "、" if (translation.get_language() or "").startswith("zh") else ", "


def _ratio(flag: Flag) -> float:
    return flag.ratio_now if flag.ratio_now is not None else flag.ratio_when_raised
