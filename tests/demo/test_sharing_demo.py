"""The demo is true to seed 004: 113 of 148 households of 金桂苑 lend 800 items, 60+ loans, one
overdue, one problem mediated and settled, thank-you notes shown on boxes."""

from __future__ import annotations

from linli.core.models import Community
from linli.participation.models import Act
from linli.sharing import services
from linli.sharing.models import Item, Loan, Problem


def test_the_demo_board_of_jingui(demo, db):
    jingui = Community.objects.get(name="金桂社区")
    summary = services.figures(jingui)
    assert (summary.households, summary.listing, summary.items) == (148, 113, 800)
    assert summary.taking_part == 113 and summary.share == 76
    assert summary.loans >= 60
    assert (
        Loan.objects.filter(
            community=jingui, status="handed_over", due_on__lt=services.today()
        ).count()
        == 1
    )
    mediated = Problem.objects.get(loan__community=jingui, status="resolved")
    assert mediated.mediation_notes and mediated.outcome
    assert Loan.objects.filter(community=jingui, thanks_shown=True).exists()
    names = set(Item.objects.filter(community=jingui).values_list("name", flat=True))
    assert {"锤子", "电钻", "烤箱", "儿童绘本", "帐篷", "梯子"} <= names
    assert Act.objects.filter(method="sharing", community=jingui).count() >= 60
    yinxing = Community.objects.get(name="银杏社区")
    assert Loan.objects.filter(
        community=yinxing, thanks_shown=True, borrower__user__email="resident@example.org"
    ).exists()
