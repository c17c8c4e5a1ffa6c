"""The audit log in plain, translated words: "budgeting.appeal" is shown as the module's name and
what was done ("参与式预算 · 对审核结果提出申诉"), never as the code. The code stays in the CSV
export and the filter's value. Core names no app: a module is named by its AppConfig's
``verbose_name``; what was done is looked up by the verb after the dot."""

from __future__ import annotations

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

# Core's own subjects (the part before the dot that is not an app).
SUBJECTS: dict[str, str | Promise] = {
    "account": pgettext_lazy("audit log", "Account"),
    "api_token": pgettext_lazy("audit log", "API tokens"),
    "households": pgettext_lazy("audit log", "Households"),
    "member": pgettext_lazy("audit log", "Members"),
    "partner": pgettext_lazy("audit log", "Partners"),
    "place": pgettext_lazy("audit log", "Addresses"),
}

DOINGS: dict[str, str | Promise] = {
    "amendment_accepted": pgettext_lazy("audit log", "took an amendment into the text"),
    "amendment_declined": pgettext_lazy("audit log", "declined an amendment"),
    "amendment_proposed": pgettext_lazy("audit log", "proposed an amendment"),
    "commented": pgettext_lazy("audit log", "commented"),
    "consent": pgettext_lazy("audit log", "agreed to be named on a team"),
    "milestone_done": pgettext_lazy("audit log", "marked a milestone done"),
    "newsletter.send": pgettext_lazy("audit log", "sent a newsletter"),
    "photo": pgettext_lazy("audit log", "added a photo"),
    "put_to_body": pgettext_lazy("audit log", "put a text to a body's decision"),
    "put_to_vote": pgettext_lazy("audit log", "put a text to a household vote"),
    "query_answered": pgettext_lazy("audit log", "answered a formal query"),
    "query_raised": pgettext_lazy("audit log", "raised a formal query"),
    "revised": pgettext_lazy("audit log", "revised a text"),
    "settled": pgettext_lazy("audit log", "recorded the outcome of an adoption"),
    "team_added": pgettext_lazy("audit log", "added someone to a team"),
    "team_set": pgettext_lazy("audit log", "set a team"),
    "action_added": pgettext_lazy("audit log", "added an action item"),
    "hearing_answered": pgettext_lazy("audit log", "published the written response to a hearing"),
    "hearing_set_up": pgettext_lazy("audit log", "set up a public hearing"),
    "speaker_registered": pgettext_lazy("audit log", "signed someone up to speak at a hearing"),
    "testimony_recorded": pgettext_lazy("audit log", "recorded a testimony at a hearing"),
    "action_status": pgettext_lazy("audit log", "changed an action item's state"),
    "activity_cancelled": pgettext_lazy("audit log", "cancelled an activity"),
    "add": pgettext_lazy("audit log", "added"),
    "agenda": pgettext_lazy("audit log", "put on the agenda"),
    "answer": pgettext_lazy("audit log", "answered"),
    "answered": pgettext_lazy("audit log", "answered"),
    "appeal": pgettext_lazy("audit log", "appealed a decision"),
    "appeal_decided": pgettext_lazy("audit log", "decided an appeal"),
    "awarded": pgettext_lazy("audit log", "awarded a grant"),
    "board": pgettext_lazy("audit log", "changed the notice board"),
    "body_created": pgettext_lazy("audit log", "set up a resident body"),
    "call_saved": pgettext_lazy("audit log", "saved a call for projects"),
    "cancelled": pgettext_lazy("audit log", "cancelled"),
    "certificate_issued": pgettext_lazy("audit log", "issued a certificate"),
    "charter_adopted": pgettext_lazy("audit log", "adopted a charter"),
    "choose_repeated_question": pgettext_lazy("audit log", "kept a repeated question"),
    "close": pgettext_lazy("audit log", "closed"),
    "closed": pgettext_lazy("audit log", "closed"),
    "closed_early": pgettext_lazy("audit log", "closed early"),
    "comment_hidden": pgettext_lazy("audit log", "hid a comment"),
    "cost": pgettext_lazy("audit log", "costed an idea"),
    "count_recorded": pgettext_lazy("audit log", "recorded a count"),
    "countersigned": pgettext_lazy("audit log", "countersigned an agreement"),
    "create": pgettext_lazy("audit log", "created"),
    "created": pgettext_lazy("audit log", "created"),
    "criterion_added": pgettext_lazy("audit log", "added a criterion"),
    "criterion_removed": pgettext_lazy("audit log", "removed a criterion"),
    "declined": pgettext_lazy("audit log", "declined"),
    "demographics_delete": pgettext_lazy("audit log", "deleted answers about themselves"),
    "demographics_save": pgettext_lazy("audit log", "saved answers about themselves"),
    "done": pgettext_lazy("audit log", "marked as done"),
    "drop_repeated_question": pgettext_lazy("audit log", "dropped a repeated question"),
    "edit": pgettext_lazy("audit log", "edited"),
    "edited": pgettext_lazy("audit log", "edited"),
    "equity": pgettext_lazy("audit log", "saved the equity plan"),
    "evaluated": pgettext_lazy("audit log", "recorded an evaluation"),
    "exported": pgettext_lazy("audit log", "exported the answers"),
    "group_signed_up": pgettext_lazy("audit log", "signed up a group"),
    "hours_corrected": pgettext_lazy("audit log", "corrected hours"),
    "idea": pgettext_lazy("audit log", "submitted an idea"),
    "idea_from_proposal": pgettext_lazy("audit log", "turned a proposal into an idea"),
    "impact": pgettext_lazy("audit log", "recorded an impact"),
    "impact_removed": pgettext_lazy("audit log", "removed an impact"),
    "import_margins": pgettext_lazy("audit log", "imported population figures"),
    "invited": pgettext_lazy("audit log", "invited people"),
    "leader_stage": pgettext_lazy("audit log", "changed a leader's stage"),
    "lessons": pgettext_lazy("audit log", "recorded lessons learned"),
    "make_proposal": pgettext_lazy("audit log", "turned feedback into a proposal"),
    "me_too": pgettext_lazy("audit log", "said “me too”"),
    "measure_targets": pgettext_lazy("audit log", "set targets"),
    "mediation_notes": pgettext_lazy("audit log", "wrote mediation notes"),
    "merged": pgettext_lazy("audit log", "merged"),
    "milestone": pgettext_lazy("audit log", "recorded a milestone"),
    "moderate": pgettext_lazy("audit log", "moderated"),
    "motion_decided": pgettext_lazy("audit log", "decided a motion"),
    "motion_opened": pgettext_lazy("audit log", "opened a motion"),
    "object": pgettext_lazy("audit log", "objected"),
    "office_changed": pgettext_lazy("audit log", "changed an office"),
    "open": pgettext_lazy("audit log", "opened"),
    "open_anyway": pgettext_lazy("audit log", "opened despite a warning"),
    "outcome": pgettext_lazy("audit log", "recorded the outcome"),
    "owner": pgettext_lazy("audit log", "changed who is responsible"),
    "phases": pgettext_lazy("audit log", "changed the phases"),
    "print_invitations": pgettext_lazy("audit log", "printed invitation letters"),
    "problem_reported": pgettext_lazy("audit log", "reported a problem"),
    "problem_resolved": pgettext_lazy("audit log", "resolved a problem"),
    "profile": pgettext_lazy("audit log", "changed their profile"),
    "publicity": pgettext_lazy("audit log", "put a decision under public notice"),
    "publish": pgettext_lazy("audit log", "published"),
    "published": pgettext_lazy("audit log", "published"),
    "published_results": pgettext_lazy("audit log", "published the results"),
    "question_deleted": pgettext_lazy("audit log", "deleted a question"),
    "question_saved": pgettext_lazy("audit log", "saved a question"),
    "registered_for": pgettext_lazy("audit log", "registered someone"),
    "registration_cancelled": pgettext_lazy("audit log", "cancelled a registration"),
    "report": pgettext_lazy("audit log", "reported"),
    "report_back": pgettext_lazy("audit log", "reported back"),
    "results_published": pgettext_lazy("audit log", "published the results"),
    "reviewed": pgettext_lazy("audit log", "reviewed"),
    "revoke": pgettext_lazy("audit log", "revoked"),
    "role": pgettext_lazy("audit log", "changed a role"),
    "route": pgettext_lazy("audit log", "passed on to who handles it"),
    "rules": pgettext_lazy("audit log", "changed the rules"),
    "seat_ended": pgettext_lazy("audit log", "ended a seat"),
    "seated": pgettext_lazy("audit log", "gave someone a seat"),
    "section_saved": pgettext_lazy("audit log", "saved a section"),
    "set_target": pgettext_lazy("audit log", "set a target"),
    "sheet": pgettext_lazy("audit log", "entered a paper sheet"),
    "spending": pgettext_lazy("audit log", "recorded spending"),
    "statement": pgettext_lazy("audit log", "added a statement"),
    "stood_aside": pgettext_lazy("audit log", "stood aside"),
    "sub_budget": pgettext_lazy("audit log", "changed a sub-budget"),
    "training_saved": pgettext_lazy("audit log", "saved a training"),
    "update": pgettext_lazy("audit log", "updated"),
    "visit": pgettext_lazy("audit log", "recorded a visit"),
    "vote_opened": pgettext_lazy("audit log", "opened the vote"),
    "voted": pgettext_lazy("audit log", "recorded a vote"),
    "walk_in": pgettext_lazy("audit log", "recorded a walk-in"),
}


def subject(action: str) -> str:
    """Where it happened: the module's name, or core's subject."""
    prefix = action.split(".", 1)[0]
    if prefix in SUBJECTS:
        return str(SUBJECTS[prefix])
    try:
        return str(apps.get_app_config(prefix).verbose_name)
    except LookupError:
        return prefix.replace("_", " ")


def doing(action: str) -> str:
    """What was done, in words."""
    verb = action.split(".", 1)[-1]
    words = DOINGS.get(verb)
    return str(words) if words is not None else verb.replace("_", " ")


def sentence(action: str) -> str:
    return f"{subject(action)} · {doing(action)}"
