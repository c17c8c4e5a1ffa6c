"""Every change to a budget process, split by what people do: who may do what (``access``),
organisers setting a process up (``setup``), residents' ideas with their review and appeal
(``ideas``), the vote and its outcome (``voting``), and tracking funded projects
(``implementation``). The vote is a ``votes.Vote``: ballots are cast, replaced, entered on paper
and sealed by the votes app. Everything is re-exported here, so
``from linli.budgeting import services`` keeps working."""

from .access import (
    group_labels,
    is_reviewer,
    may_see_idea_photo,
    may_see_receipt,
    may_see_receipts,
    may_track,
    require_reviewer,
    visible_processes,
)
from .ideas import (
    appeal,
    decide_appeal,
    import_proposal,
    merge_idea,
    projects,
    review_idea,
    set_cost,
    submit_idea,
)
from .implementation import (
    add_milestone,
    add_spending,
    mark_done,
    milestone_done,
    progress,
    set_owner,
    spent,
)
from .open_now import (
    open_items,
    project_items,
)
from .setup import (
    check_setup,
    limits,
    publish,
    save_process,
    set_sub_budget,
)
from .voting import (
    BALLOT_TYPES,
    ballots_as_projects,
    compute_outcome,
    funded,
    open_vote,
    outcome_of,
    publish_outcome,
    results_visible,
)

__all__ = [
    "BALLOT_TYPES",
    "add_milestone",
    "add_spending",
    "appeal",
    "ballots_as_projects",
    "check_setup",
    "compute_outcome",
    "decide_appeal",
    "funded",
    "group_labels",
    "import_proposal",
    "is_reviewer",
    "limits",
    "mark_done",
    "may_see_idea_photo",
    "may_see_receipt",
    "may_see_receipts",
    "may_track",
    "merge_idea",
    "milestone_done",
    "open_items",
    "open_vote",
    "outcome_of",
    "progress",
    "project_items",
    "projects",
    "publish",
    "publish_outcome",
    "require_reviewer",
    "results_visible",
    "review_idea",
    "save_process",
    "set_cost",
    "set_owner",
    "set_sub_budget",
    "spent",
    "submit_idea",
    "visible_processes",
]
