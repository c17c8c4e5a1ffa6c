"""Turn the rules' explanation codes and numbers into sentences a resident understands."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_CEILING, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from linli.core.money import yuan


def sentence(
    code: str,
    numbers: Mapping[str, Any],
    group_labels: Mapping[str, str],
    left: Any = None,
) -> str:
    """``left``: the money left unspent at the end, to say when that was too little as well."""
    text = _sentence(code, numbers, group_labels)
    cost = Decimal(str(numbers.get("cost", 0) or 0))
    if code == "shares_ran_out" and left is not None and Decimal(str(left)) < cost:
        text += " " + _("The %(left)s left at the end was not enough either.") % {
            "left": yuan(left)
        }
    return text


def _sentence(code: str, numbers: Mapping[str, Any], group_labels: Mapping[str, str]) -> str:
    votes = int(numbers.get("votes", 0) or 0)
    cost = yuan(numbers.get("cost", 0))
    if code == "funded_equal_shares":
        supporters = int(numbers.get("supporters", votes) or votes)
        return ngettext(
            "Funded: %(n)d neighbour supported it and their equal shares covered its %(cost)s.",
            "Funded: %(n)d neighbours supported it and their equal shares covered its %(cost)s.",
            supporters,
        ) % {"n": supporters, "cost": cost}
    if code == "funded":
        return ngettext(
            "Funded: %(n)d neighbour voted for it and its %(cost)s fitted in the money left "
            "when its turn came.",
            "Funded: %(n)d neighbours voted for it and its %(cost)s fitted in the money left "
            "when its turn came.",
            votes,
        ) % {"n": votes, "cost": cost}
    if code == "funded_completion":
        return ngettext(
            "Funded from the money left at the end: %(n)d neighbour voted for it and its "
            "%(cost)s still fitted.",
            "Funded from the money left at the end: %(n)d neighbours voted for it and its "
            "%(cost)s still fitted.",
            votes,
        ) % {"n": votes, "cost": cost}
    if code == "funded_free":
        return _("Funded: it costs nothing and neighbours asked for it.")
    if code == "did_not_fit":
        left = yuan(numbers.get("remaining_budget", 0))
        return _("Not funded: it did not fit in the %(left)s left.") % {"left": left}
    if code == "shares_ran_out":
        money = Decimal(str(numbers.get("supporters_money", 0) or 0))
        # Whole yuan, rounded up: "it would have needed ¥7,254 more".
        missing = max(Decimal(str(numbers.get("cost", 0) or 0)) - money, Decimal(0))
        missing = missing.to_integral_value(rounding=ROUND_CEILING)
        return _(
            "Not funded: its supporters' shares ran out after funding projects they liked more; "
            "it would have needed %(missing)s more."
        ) % {"missing": yuan(missing)}
    if code == "no_support":
        return _("Not funded: nobody voted for it.")
    if code == "over_project_cap":
        return _("Not funded: it costs more than the %(cap)s one project may cost.") % {
            "cap": yuan(numbers.get("cap", 0))
        }
    if code == "over_group_cap":
        group = str(numbers.get("group", ""))
        return _("Not funded: over the %(cap)s cap for %(group)s.") % {
            "cap": yuan(numbers.get("cap", 0)),
            "group": group_labels.get(group, group),
        }
    return _("Not funded.")


def update_text(kind: str, project: str, detail: str, amount: Any) -> str:
    """A line of the process page's updates, in the reader's language."""
    if kind == "milestone":
        return _("%(project)s: “%(milestone)s” done.") % {"project": project, "milestone": detail}
    if kind == "spending":
        return _("%(project)s: %(amount)s spent on %(what)s.") % {
            "project": project,
            "amount": yuan(amount),
            "what": detail,
        }
    return _("%(project)s is done.") % {"project": project}


TIE_BREAK = gettext_lazy(
    "Where two projects are exactly level, the one whose project number comes first when the "
    "numbers are read as text wins (10 comes before 9), as in pabutools, the reference "
    "implementation."
)


def tie_break() -> str:
    return str(TIE_BREAK)


RULE_SUMMARY = {
    "greedy_votes": gettext_lazy(
        "Projects were taken in order of votes (most first); each was funded if it "
        "still fitted in the money left."
    ),
    "greedy_per_cost": gettext_lazy(
        "Projects were taken in order of votes per yuan; each was funded if it "
        "still fitted in the money left."
    ),
    "mes_cost": gettext_lazy(
        "Method of Equal Shares: every voter got an equal share of the budget; a project "
        "was funded when its supporters' shares could pay for it, cheapest per supporter first. "
        "Money left at the end was used for the next projects that fitted."
    ),
    "mes_cardinality": gettext_lazy(
        "Method of Equal Shares, counting every project a voter chose as equally "
        "welcome: every voter got an equal share of the budget; a project was funded when its "
        "supporters' shares could pay for it. Money left at the end was used for the next projects "
        "that fitted."
    ),
    "greedy_borda": gettext_lazy(
        "Each ballot gave a project more points the higher it was ranked; projects "
        "were taken in order of points and funded if they still fitted."
    ),
    "greedy_first": gettext_lazy(
        "Only first choices counted; projects were taken in order of first choices "
        "and funded if they still fitted."
    ),
}


def rule_summary(rule: str) -> str:
    return str(RULE_SUMMARY[rule])
