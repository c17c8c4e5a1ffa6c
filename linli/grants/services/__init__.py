"""Every change to a micro-grant call, split by what people do: who sees what (``access``), the
call (``calls``), applying (``applications``), the panel's review (``panel``), awards
(``awards``), the agreement, reports and the yearly evaluation (``follow_up``). Each change
checks permission and state and writes ledger, audit and notifications in one transaction.
Scoring reuses the review boards' pure rules (``linli.reviews.scoring``). Everything is
re-exported here, so ``from linli.grants import services`` keeps working."""

from .access import (
    awarded,
    is_public,
    may_read,
    may_see_photo,
    may_see_photos,
    may_see_receipt,
    may_see_receipts,
    may_track,
    on_panel,
    on_team,
    team_named,
    visible_calls,
)
from .applications import (
    add_budget_line,
    add_photo,
    add_team_member,
    consent,
    remove_budget_line,
    start,
    submit,
    update,
    withdraw,
)
from .awards import (
    award,
    decline,
)
from .calls import (
    accepting,
    add_criterion,
    remove_criterion,
    save_call,
    step,
)
from .common import (
    DUTIES,
    S,
)
from .follow_up import (
    accept_agreement,
    add_milestone,
    continuable,
    countersign,
    evaluate,
    review_report,
    submit_report,
)
from .open_now import (
    open_items,
    project_items,
)
from .panel import (
    all_in,
    auto_conflict,
    cap_left,
    community_awarded,
    declare_conflict,
    outcome,
    recused_pairs,
    reviewed,
    score,
    scores_visible,
    suggestion,
)

__all__ = [
    "DUTIES",
    "S",
    "accept_agreement",
    "accepting",
    "add_budget_line",
    "add_criterion",
    "add_milestone",
    "add_photo",
    "add_team_member",
    "all_in",
    "auto_conflict",
    "award",
    "awarded",
    "cap_left",
    "community_awarded",
    "consent",
    "continuable",
    "countersign",
    "declare_conflict",
    "decline",
    "evaluate",
    "is_public",
    "may_read",
    "may_see_photo",
    "may_see_photos",
    "may_see_receipt",
    "may_see_receipts",
    "may_track",
    "on_panel",
    "on_team",
    "open_items",
    "outcome",
    "project_items",
    "recused_pairs",
    "remove_budget_line",
    "remove_criterion",
    "review_report",
    "reviewed",
    "save_call",
    "score",
    "scores_visible",
    "start",
    "step",
    "submit",
    "submit_report",
    "suggestion",
    "team_named",
    "update",
    "visible_calls",
    "withdraw",
]
