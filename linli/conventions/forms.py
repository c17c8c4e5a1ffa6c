"""Forms of conventions. They only clean what was typed; the commands decide."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.fields import MemberField, MembersField, verified_members
from linli.core.models import Community, Place
from linli.core.widgets import DateTimeInput
from linli.participation.models import Channel

from .services import TYPED_IN

ARTICLES_HELP = _(
    "One article per paragraph (leave an empty line between them), or each line starting "
    "第一条, 第二条... linli numbers the articles."
)


class ConventionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=120)
    area = forms.ModelChoiceField(
        label=_("courtyard or estate it binds"),
        queryset=Place.objects.none(),
        required=False,
        help_text=_("Leave empty for a convention of the whole community."),
    )
    preamble = forms.CharField(
        label=_("preamble"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    articles = forms.CharField(
        label=_("articles"), help_text=ARTICLES_HELP, widget=forms.Textarea(attrs={"rows": 12})
    )
    drafters = MembersField(label=_("drafters"), required=False)

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Place.objects.filter(  # type: ignore[attr-defined]
            community=community, parent__isnull=True
        )
        self.fields["drafters"].queryset = verified_members(community)  # type: ignore[attr-defined]


class ReviseForm(forms.Form):
    preamble = forms.CharField(
        label=_("preamble"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    articles = forms.CharField(
        label=_("articles"), help_text=ARTICLES_HELP, widget=forms.Textarea(attrs={"rows": 14})
    )
    note = forms.CharField(label=_("what changed"), max_length=300)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RecordCommentForm(forms.Form):
    member = MemberField(label=_("resident"))
    channel = forms.ChoiceField(
        label=_("channel"),
        choices=[(c.value, c.label) for c in Channel if c in TYPED_IN],
        initial=Channel.IN_PERSON,
    )
    article = forms.TypedChoiceField(
        label=_("article"), coerce=int, required=False, empty_value=None
    )
    text = forms.CharField(
        label=_("comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, community: Community, articles: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = verified_members(community)  # type: ignore[attr-defined]
        choices: list[tuple[Any, Any]] = [("", _("the convention as a whole"))]
        choices += [(a.pk, f"{a.position}. {a.text[:40]}") for a in articles]
        self.fields["article"].choices = choices  # type: ignore[attr-defined]


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label=_("proposed wording"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Leave empty to propose striking the article out."),
    )
    reason = forms.CharField(label=_("why"), widget=forms.Textarea(attrs={"rows": 3}))


class DecideAmendmentForm(forms.Form):
    answer = forms.CharField(
        label=_("answer of the drafters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Public. Needed when the amendment is declined."),
    )


class HouseholdVoteForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("opens"), widget=DateTimeInput())
    closes_at = forms.DateTimeField(label=_("closes"), widget=DateTimeInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        now = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["opens_at"].initial = now
        self.fields["closes_at"].initial = now + timedelta(days=14)


class BodyMotionForm(forms.Form):
    body: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("resident body"),
        queryset=None,  # type: ignore[arg-type]
    )
    method = forms.ChoiceField(label=_("decided by"))

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        from linli.governance.models import Body, Motion

        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(community=community)  # type: ignore[attr-defined]
        self.fields["method"].choices = Motion.Method.choices  # type: ignore[attr-defined]
