"""The one member picker: each person once, named with address and role, grouped by courtyard,
working as a plain form without JavaScript."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext

from linli.core.fields import MemberField, MembersField, member_label
from linli.core.models import Member
from linli.core.widgets import DateInput, DateTimeInput
from tests.conftest import make_household, make_person


class PickOne(forms.Form):
    person = MemberField(label="Who")

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Member.objects.filter(community=community)


class PickSome(forms.Form):
    people = MembersField(label="Who", required=False)


def test_a_person_is_named_with_address_and_role(community, household, resident):
    member = Member.objects.get(user=resident)
    label = member_label(member)
    assert label.startswith(member.name) and household.flat.label in label
    assert str(member.get_role_display()) in label


def test_people_are_grouped_by_courtyard_each_once_those_without_address_last(
    community, household, resident, leader, organiser, other_community
):
    other_yard = make_household(community, ["枫杨院", "1栋", "1单元", "101"])
    make_person(community, "yard@test.org", household=other_yard)
    make_person(other_community, "elsewhere@test.org")
    choices = list(PickOne(community=community).fields["person"].choices)
    assert choices[0][0] == ""
    groups = [group for group, _options in choices[1:]]
    assert groups[-1] == gettext("No address recorded") and len(groups) == len(set(groups))
    assert set(groups[:-1]) == {household.area.name, "枫杨院"}
    values = [value for _group, options in choices[1:] for value, _label in options]
    assert len(values) == len(set(values)) == Member.objects.filter(community=community).count()


def test_the_plain_form_chooses_and_refuses_someone_not_on_the_list(
    community, household, resident, outsider
):
    member = Member.objects.get(user=resident)
    form = PickOne({"person": member.pk}, community=community)
    assert form.is_valid() and form.cleaned_data["person"] == member
    stranger = Member.objects.get(user=outsider)
    assert not PickOne({"person": stranger.pk}, community=community).is_valid()


def test_it_renders_a_grouped_select_and_brings_its_search_script(community, household, resident):
    html = str(PickOne(community=community)["person"])
    assert "<optgroup" in html and "data-member-picker" in html
    assert "data-search-label=" in html and "member-picker.js" in html


def test_several_people_by_community_as_checkboxes(community, household, resident, leader):
    field = MembersField(community=community, label="Who")
    assert {m.pk for m in field.queryset} == set(
        Member.objects.filter(community=community, status="verified").values_list("pk", flat=True)
    )
    html = field.widget.render("people", [], {"id": "id_people"})
    assert 'type="checkbox"' in html and "member-picker.js" in html


def test_the_date_widgets_read_and_write_what_the_browser_s_pickers_use():
    assert 'type="date"' in DateInput().render("d", "2026-03-01")
    rendered = DateTimeInput().render("t", __import__("datetime").datetime(2026, 3, 1, 9, 30))
    assert 'type="datetime-local"' in rendered and 'value="2026-03-01T09:30"' in rendered
