from __future__ import annotations

import re

from linli.core.letters import invitation_letters, signup_url
from tests.conftest import client_for, make_household


def test_one_page_per_household_with_a_qr_link_that_fills_in_the_code(community, organiser):
    households = [make_household(community, ["梧桐院", "1栋", "1单元", f"10{i}"]) for i in range(3)]
    pdf = invitation_letters(community, households, "zh-hans")
    assert pdf.startswith(b"%PDF")
    # One page object per household: "/Type /Page" not followed by "s" (the page tree).
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) == 3
    assert signup_url(households[0]).endswith(
        f"/accounts/register/?code={households[0].invitation_code}"
    )


def test_letters_view_filters_by_area_and_language(community, organiser):
    make_household(community, ["梧桐院", "1栋", "1单元", "101"])
    response = client_for(organiser).get(
        f"/c/{community.slug}/manage/households/letters.pdf?language=zh-hant"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
