"""The opinion map as inline SVG, made on the server: one dot per participant, coloured and
shaped by group, with each group's name at its centre. Pure Python, no Django: the caller passes
the translated words. Every dot and label has a <title>; the whole map has role="img" and an
aria-label; the page shows the same numbers in a table beside it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

# Okabe-Ito colours, told apart with colour blindness; shapes tell groups apart without colour.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
SHAPES = ("circle", "square", "triangle", "diamond", "cross")
UNGROUPED = "#767676"
SIZE, MARGIN = 320, 24


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    group: int | None  # None: voted too little to be placed in a group
    title: str


def _scale(values: Sequence[float]) -> tuple[float, float]:
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    span = high - low or 1.0
    return low, span


def _shape(kind: str, x: float, y: float, colour: str, title: str) -> str:
    r = 5.0
    inside = f"<title>{escape(title)}</title>"
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}">{inside}</circle>'
    if kind == "square":
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" '
            f'fill="{colour}">{inside}</rect>'
        )
    if kind == "triangle":
        points = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y + r:.1f} {x - r:.1f},{y + r:.1f}"
    elif kind == "diamond":
        points = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
    else:  # cross: a plus sign drawn as one polygon
        a, b = r, r / 3
        corners = [
            (-b, -a), (b, -a), (b, -b), (a, -b), (a, b), (b, b),
            (b, a), (-b, a), (-b, b), (-a, b), (-a, -b), (-b, -b),
        ]  # fmt: skip
        points = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in corners)
    return f'<polygon points="{points}" fill="{colour}">{inside}</polygon>'


def colour_of(group: int | None) -> str:
    return UNGROUPED if group is None else COLOURS[group % len(COLOURS)]


def shape_of(group: int | None) -> str:
    return "circle" if group is None else SHAPES[group % len(SHAPES)]


def render(dots: Sequence[Dot], group_names: Mapping[int, str], label: str) -> str:
    """The map of ``dots``; ``group_names`` names each group (its label is drawn at its centre)."""
    xs, ys = [d.x for d in dots], [d.y for d in dots]
    (x0, xspan), (y0, yspan) = _scale(xs), _scale(ys)
    inner = SIZE - 2 * MARGIN

    def place(d: Dot) -> tuple[float, float]:
        return (MARGIN + (d.x - x0) / xspan * inner, SIZE - MARGIN - (d.y - y0) / yspan * inner)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" role="img" '
        f'aria-label="{escape(label)}" class="opinion-map">',
        f"<title>{escape(label)}</title>",
        f'<rect x="0" y="0" width="{SIZE}" height="{SIZE}" fill="#ffffff" stroke="#767676"/>',
    ]
    placed = [(d, *place(d)) for d in dots]
    for d, x, y in sorted(placed, key=lambda item: (item[0].group is not None, item[0].group)):
        parts.append(_shape(shape_of(d.group), x, y, colour_of(d.group), d.title))
    for group, name in sorted(group_names.items()):
        mine = [(x, y) for d, x, y in placed if d.group == group]
        if not mine:
            continue
        cx = sum(x for x, _y in mine) / len(mine)
        cy = min(y for _x, y in mine) - 10
        parts.append(
            f'<text x="{cx:.1f}" y="{max(cy, 14):.1f}" text-anchor="middle" font-size="14" '
            f'font-weight="bold" fill="#1a1a1a" stroke="#ffffff" stroke-width="3" '
            f'paint-order="stroke">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
