"""How big each part of a generated city is: plain arithmetic, no Django.

Rates are per community and per year, chosen so that 20 communities of 2,500 households make a
ledger of about a million acts over three years (a survey answered by a third of the residents,
two votes a year, a meeting a month and so on: the busier end of what the seed cases report).
"""

from __future__ import annotations

from dataclasses import dataclass

YEARS = 3

# (buildings, units per building, floors, flats per floor) of one estate or courtyard: a
# courtyard is a few low blocks, a commercial estate towers of two units.
AREA_SHAPES = {
    "old_courtyard": (4, 2, 5, 2),
    "commercial": (6, 2, 14, 2),
    "resettlement": (5, 3, 6, 2),
}
AREA_TYPES = ("old_courtyard", "commercial", "old_courtyard", "resettlement", "commercial")


@dataclass(frozen=True)
class Rates:
    """Activity per community per year, and shares of residents taking part."""

    surveys: int = 4
    survey_share: float = 0.33
    votes: int = 2
    vote_share: float = 0.4
    meetings: int = 12
    meeting_size: int = 45
    proposals: int = 12
    supports_per_proposal: int = 30
    comments_per_proposal: int = 4
    conversations: int = 1
    conversation_share: float = 0.12
    statements: int = 8
    teams: int = 3
    activities_per_team: int = 10
    volunteers_per_activity: int = 8
    item_share: float = 0.03
    loans_per_item: int = 3
    account_share: float = 0.35
    consent_share: float = 0.6


@dataclass(frozen=True)
class Area:
    name: str
    area_type: str
    buildings: int
    units: int
    floors: int
    per_floor: int

    @property
    def flats(self) -> int:
        return self.buildings * self.units * self.floors * self.per_floor


def split(total: int, parts: int) -> list[int]:
    """``total`` in ``parts`` whole shares that differ by at most one, larger first."""
    if parts <= 0:
        raise ValueError("parts must be positive")
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


AREA_NAMES = [
    "梧桐",
    "槐树",
    "桂花",
    "石榴",
    "杏林",
    "锦绣",
    "橡树",
    "翠湖",
    "安居",
    "银杏",
    "海棠",
    "紫藤",
    "芙蓉",
    "枫林",
    "竹园",
    "兰亭",
]


def areas_for(households: int) -> list[Area]:
    """Estates and courtyards enough to hold ``households`` flats, of mixed types."""
    areas: list[Area] = []
    room = 0
    index = 0
    while room < households:
        area_type = AREA_TYPES[index % len(AREA_TYPES)]
        shape = AREA_SHAPES[area_type]
        suffix = "院" if area_type == "old_courtyard" else "苑"
        round_ = index // len(AREA_NAMES)
        name = AREA_NAMES[index % len(AREA_NAMES)] + suffix + (f"{round_ + 1}期" if round_ else "")
        areas.append(Area(name, area_type, *shape))
        room += areas[-1].flats
        index += 1
    return areas


def flat_names(area: Area) -> list[tuple[str, str, str]]:
    """(building, unit, flat) names in the order flats fill up: "3栋", "2单元", "502"."""
    return [
        (f"{b}栋", f"{u}单元", f"{floor}{flat:02d}")
        for b in range(1, area.buildings + 1)
        for u in range(1, area.units + 1)
        for floor in range(1, area.floors + 1)
        for flat in range(1, area.per_floor + 1)
    ]
