"""Issue 22, item 2: every form that chooses community members uses the one member picker
(name · address · role, grouped by courtyard, searchable, working without JavaScript)."""

from __future__ import annotations

import pytest

from linli.core.fields import MemberField, MembersField
from linli.core.widgets import MemberCheckboxes, MemberSelect


def _forms():  # type: ignore[no-untyped-def]
    from linli.budgeting.forms import ProcessForm
    from linli.feedback.forms import StaffReportForm
    from linli.governance.forms import SeatForm
    from linli.meetings.forms import ActionItemForm, InviteForm, OnBehalfForm
    from linli.opinions.forms import PaperForm
    from linli.volunteering.forms import AddMembersForm, GroupForm

    return [
        (ProcessForm, "reviewers", MembersField),
        (StaffReportForm, "member", MemberField),
        (SeatForm, "member", MemberField),
        (OnBehalfForm, "member", MemberField),
        (InviteForm, "members", MembersField),
        (ActionItemForm, "owner", MemberField),
        (PaperForm, "member", MemberField),
        (AddMembersForm, "members", MembersField),
        (GroupForm, "members", MembersField),
    ]


@pytest.mark.parametrize("index", range(9))
def test_member_fields_are_the_one_picker(index):
    form_class, name, kind = _forms()[index]
    field = form_class.base_fields[name]
    assert isinstance(field, kind), form_class
    widget = MembersField.widget if kind is MembersField else MemberSelect
    assert isinstance(field.widget, MemberCheckboxes if kind is MembersField else widget)


@pytest.mark.django_db
def test_the_picker_names_address_and_role(community, resident, household):
    from linli.governance.forms import SeatForm

    html = str(SeatForm(community=community)["member"])
    assert "<optgroup" in html
    assert " · " in html
