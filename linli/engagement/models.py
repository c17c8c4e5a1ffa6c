"""Engagement projects: the plan (purpose, decision at stake, residents' power over it, areas,
stakeholders, budget, methods), its phases, the equity plan, report-backs and lessons learned.

The participation ledger (``participation.Act.project``) points at ``Project``; who "took part in a
project" is always read from there, never stored twice.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """How much power residents have over the decision (IAP2 spectrum of public participation)."""

    INFORM = "inform", _("Inform")
    CONSULT = "consult", _("Consult")
    INVOLVE = "involve", _("Involve")
    COLLABORATE = "collaborate", _("Collaborate")
    EMPOWER = "empower", _("Empower")


# What each level promises residents, in plain words: shown on the project page and in the form.
LEVEL_PROMISES: dict[str, Any] = {
    Level.INFORM: _(
        "We will keep you informed. The decision is already made or is made by the community "
        "committee; you will learn what is happening, when and why."
    ),
    Level.CONSULT: _(
        "Your opinion will be heard, but the decision is made by the community committee. "
        "We will tell you what we heard and how it shaped the decision."
    ),
    Level.INVOLVE: _(
        "We will work with you throughout, so that your concerns and hopes are reflected in the "
        "options. The community committee decides and explains how your input was used."
    ),
    Level.COLLABORATE: _(
        "Residents and the community committee decide together: we look for the solution with "
        "you and follow your advice as far as we possibly can."
    ),
    Level.EMPOWER: _("Residents decide. The community committee will carry out what you decide."),
}


class Method(models.TextChoices):
    """How a project engages people: the linli modules and offline ways that have no module."""

    SURVEYS = "surveys", _("surveys and questionnaires")
    MEETINGS = "meetings", _("meetings and events")
    PROPOSALS = "proposals", _("proposals and discussion")
    VOTES = "votes", _("votes")
    BUDGETING = "budgeting", _("participatory budgeting")
    REVIEWS = "reviews", _("review boards and contests")
    VOLUNTEERING = "volunteering", _("volunteer teams")
    SHARING = "sharing", _("item-sharing")
    HOME_VISITS = "home_visits", _("home visits")
    COURTYARD_MEETINGS = "courtyard_meetings", _("courtyard meetings")
    BRIEFINGS = "briefings", _("briefings")
    PHONE = "phone", _("phone calls")
    NOTICE_BOARD = "notice_board", _("posters and notice boards")
    SITE_VISITS = "site_visits", _("site visits")


# Methods that are a linli module, so the project page can link to the module's own pages.
MODULE_METHODS = frozenset(
    {"surveys", "meetings", "proposals", "votes", "budgeting", "reviews", "volunteering", "sharing"}
)


class ProjectQuerySet(models.QuerySet["Project"]):
    """Read-only selections of projects; the permission questions are asked in ``rules.py``."""

    def of(self, community: Any) -> ProjectQuerySet:
        return self.filter(community=community)

    def published(self) -> ProjectQuerySet:
        """What residents and the public see: open and closed projects, never one being planned."""
        return self.exclude(status=Project.Status.PLANNING)

    def visible_to(self, user: Any, community: Any) -> ProjectQuerySet:
        """The community's projects ``user`` may read: organisers also see those being planned."""
        from linli.core.permissions import can

        projects = self.of(community)
        return projects if can(user, "engagement.manage", community) else projects.published()


class Project(models.Model):
    class Status(models.TextChoices):
        PLANNING = "planning", _("being planned")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    community = models.ForeignKey(
        "core.Community", on_delete=models.CASCADE, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=60)
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    decision = models.TextField(
        _("the decision at stake"),
        blank=True,
        help_text=_("What will be decided, in one or two sentences residents understand."),
    )
    level = models.CharField(
        _("residents' power over the decision"),
        max_length=12,
        choices=Level.choices,
        default=Level.CONSULT,
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    areas = models.ManyToManyField(
        "core.Place",
        blank=True,
        related_name="projects",
        verbose_name=_("affected courtyards and buildings"),
    )
    stakeholder_groups = models.TextField(
        _("groups affected or involved"),
        blank=True,
        help_text=_("One group per line, e.g. older residents of 梧桐院, tenants, shop owners."),
    )
    partners = models.ManyToManyField(
        "core.Partner", blank=True, related_name="projects", verbose_name=_("partners")
    )
    budget = models.DecimalField(
        _("budget (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    methods = models.JSONField(_("methods"), default=list, blank=True)
    lead = models.ForeignKey(
        "core.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
        verbose_name=_("lead organiser"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    # Set when the project was opened although its equity plan was unfinished: the reason given.
    opened_despite = models.TextField(_("reason for opening with an unfinished plan"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("engagement project")
        verbose_name_plural = _("engagement projects")
        ordering: ClassVar[list[str]] = ["-created_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["community", "slug"], name="project_slug_per_community"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="project_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("engagement:detail", args=[self.community.slug, self.pk])

    @property
    def is_published(self) -> bool:
        """Residents see a project once it is open; planning stays among organisers."""
        return self.status != self.Status.PLANNING

    @property
    def level_promise(self) -> Any:
        return LEVEL_PROMISES[self.level]

    @property
    def stakeholder_list(self) -> list[str]:
        return [line.strip() for line in self.stakeholder_groups.splitlines() if line.strip()]

    def method_labels(self) -> list[Any]:
        labels = dict(Method.choices)
        return [labels.get(m, m) for m in self.methods]


class Phase(models.Model):
    class Kind(models.TextChoices):
        PUBLICISE = "publicise", _("Publicise")
        VISIT = "visit", _("Visit and listen")
        CONSULT = "consult", _("Consult")
        DECIDE = "decide", _("Decide")
        IMPLEMENT = "implement", _("Carry out")
        REPORT_BACK = "report_back", _("Report back")
        OTHER = "other", _("Other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind of phase"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("what happens"),
        blank=True,
        help_text=_("Where and how residents can take part in this phase."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering: ClassVar[list[str]] = ["project", "order"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["project", "order"], name="phase_order_per_project"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="phase_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.name}"


class EquityItem(models.Model):
    """One answer of a project's equity plan. Every project has one row per topic."""

    class Topic(models.TextChoices):
        LANGUAGES = "languages", _("Languages")
        ACCESS = "access", _("Disability access")
        SUPPORT = "support", _("Childcare, transport, meals or stipend")
        TIMES = "times", _("Times that suit working residents")
        LEFT_OUT = "left_out", _("Groups usually left out, and how to reach them")
        TRUST = "trust", _("Trust and history")

    class State(models.TextChoices):
        NOT_YET = "not_yet", _("not yet")
        DONE = "done", _("done")
        NOT_NEEDED = "not_needed", _("not needed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="equity_items")
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices)
    answer = models.TextField(_("our plan"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.NOT_YET
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("equity plan item")
        verbose_name_plural = _("equity plan items")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["project", "topic"], name="equity_topic_per_project"),
            # A plan that is "done" or "not needed" says how, or why: never a bare tick.
            models.CheckConstraint(
                condition=Q(state="not_yet") | ~Q(answer=""),
                name="equity_answer_when_settled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_topic_display()} ({self.get_state_display()})"

    @property
    def is_settled(self) -> bool:
        return self.state != self.State.NOT_YET


class ReportBack(models.Model):
    """ "You said, we did": what we heard in a phase, and what we did and why. Once published it
    stays as it is - a correction is a new report-back - so the record residents read is whole."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="report_backs")
    # A phase with report-backs cannot be deleted (the services refuse), so the record keeps its place.
    phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, related_name="report_backs", verbose_name=_("phase")
    )
    heard = models.TextField(_("what we heard"))
    did = models.TextField(_("what we did and why"))
    decided = models.CharField(
        _("what was decided"),
        max_length=300,
        blank=True,
        help_text=_("One sentence, if a decision was made in this phase."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    notified = models.PositiveIntegerField(_("people notified"), default=0)

    class Meta:
        verbose_name = _("report-back")
        verbose_name_plural = _("report-backs")
        ordering: ClassVar[list[str]] = ["published_at", "created_at"]

    def __str__(self) -> str:
        return f"{self.project}: {self.phase.name}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Lesson(models.Model):
    """What the organisers learned, written when the project closes; read across projects."""

    class Again(models.TextChoices):
        YES = "yes", _("yes, the same way")
        WITH_CHANGES = "with_changes", _("yes, with changes")
        NO = "no", _("no")

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="lesson")
    worked = models.TextField(_("what worked"))
    change = models.TextField(_("what to change next time"))
    again = models.CharField(
        _("would you run a project like this again?"), max_length=12, choices=Again.choices
    )
    # The project's methods the organisers would use again; the others they would not.
    methods_again = models.JSONField(_("methods you would use again"), default=list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lessons learned")
        verbose_name_plural = _("lessons learned")
        ordering: ClassVar[list[str]] = ["-written_at"]

    def __str__(self) -> str:
        return f"{self.project}: lessons"
