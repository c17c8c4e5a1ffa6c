"""Open flags on the organiser's home page (the kit's open items); nobody else sees them."""

from __future__ import annotations

from linli.core.open_now import open_items
from linli.insights import services


def test_the_organiser_sees_open_flags_on_the_home_page(fair_world, resident):
    services.sweep()
    items = [
        i for i in open_items(fair_world.community, fair_world.organiser) if "insights" in i.url
    ]
    assert items and any("橡树湾" in item.title for item in items)
    assert not [i for i in open_items(fair_world.community, resident) if "insights" in i.url]
