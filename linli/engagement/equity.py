"""The equity plan's guided questions: what each topic asks the organiser to think through.

Seed 000 names the barriers (language, disability, digital access, time, money, trust); the plan
asks about each before a project opens, with prompts drawn from what worked in seed 003
(briefings in every courtyard, home visits, courtyard meetings, phone invitations).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import EquityItem

Topic = EquityItem.Topic


@dataclass(frozen=True)
class Guide:
    topic: str
    question: Any
    prompts: tuple[Any, ...]
    # Public topics tell residents what support they can count on; the others are the organisers'
    # own notes (who is left out, old conflicts) and stay among organisers.
    public: bool


GUIDES: tuple[Guide, ...] = (
    Guide(
        Topic.LANGUAGES,
        _("Which languages are needed, and how will materials be translated?"),
        (
            _("Which languages and dialects do people here speak (Sichuanese, Tibetan, English…)?"),
            _("Who translates posters, surveys and notices, and who checks the translation?"),
            _("Will someone interpret at meetings, including sign language?"),
            _("Plain words and large print for people who read little."),
        ),
        True,
    ),
    Guide(
        Topic.ACCESS,
        _("How can people with a disability take part?"),
        (
            _("Are meeting places step-free, with a seat and a toilet nearby?"),
            _("Can people answer by phone, on paper, or with a helper at home?"),
            _("Are online pages readable with a screen reader and large text?"),
        ),
        True,
    ),
    Guide(
        Topic.SUPPORT,
        _("Will you offer childcare, transport, a meal or a stipend?"),
        (
            _("Childcare during meetings for parents of young children."),
            _("Transport or an escort for people who cannot walk far."),
            _("A meal, tea, or a small stipend for people who give their time."),
        ),
        True,
    ),
    Guide(
        Topic.TIMES,
        _("Which times suit residents who work?"),
        (
            _("Evenings and weekends as well as weekday daytime."),
            _("How long will surveys stay open, so shift workers can answer?"),
        ),
        True,
    ),
    Guide(
        Topic.LEFT_OUT,
        _("Which groups are usually left out here, and how will you reach them?"),
        (
            _("Tenants, newcomers, older people living alone, young people, migrant workers…"),
            _("Door-to-door visits, phone calls, courtyard meetings, resident leaders."),
            _("Watch who takes part while the project is open and reach out again."),
        ),
        False,
    ),
    Guide(
        Topic.TRUST,
        _("What trust and history should you keep in mind?"),
        (
            _("Earlier projects and promises that residents remember, kept or not."),
            _("Old conflicts between courtyards, neighbours, or with the committee."),
            _("Who residents trust to carry a message (a leader, a shopkeeper, a doctor)."),
        ),
        False,
    ),
)

GUIDE_BY_TOPIC: dict[str, Guide] = {guide.topic: guide for guide in GUIDES}
PUBLIC_TOPICS = frozenset(guide.topic for guide in GUIDES if guide.public)
