"""The opinion map is accessible SVG: role="img", an aria-label, a <title> per mark, group names
drawn, colour and shape per group, and text escaped."""

from __future__ import annotations

from linli.opinions import map_svg


def test_the_map_is_an_image_with_a_label_and_a_title_per_mark():
    dots = [
        map_svg.Dot(0.0, 0.0, 0, "A participant in group A"),
        map_svg.Dot(1.0, 0.5, 1, "A participant in group B"),
        map_svg.Dot(0.5, 1.0, None, "voted too little"),
    ]
    svg = map_svg.render(dots, {0: "Group A", 1: "Group <B>"}, 'Map "of" views')
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-label="Map &quot;of&quot; views"' in svg
    assert svg.count("<title>") == 4  # the map's own and one per mark
    assert "Group &lt;B&gt;</text>" in svg and "<B>" not in svg
    assert map_svg.colour_of(0) != map_svg.colour_of(1) and map_svg.shape_of(0) != map_svg.shape_of(
        1
    )


def test_a_map_of_one_point_does_not_divide_by_zero():
    svg = map_svg.render([map_svg.Dot(2.0, 2.0, 0, "one")], {0: "A"}, "map")
    assert "nan" not in svg
