"""One way to run a page's command: ``attempt`` and ``on_form`` both hand back what the command
returned (in a ``Done``, true even for None) or None after a refusal, said on the form."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from linli.core.attempt import Done, attempt, on_form
from linli.core.kit import Forbidden, Refused


class TitleForm(forms.Form):
    title = forms.CharField()


def _request():  # type: ignore[no-untyped-def]
    request = RequestFactory().post("/")
    request.session = {}  # type: ignore[attr-defined]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _said(request) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_attempt_returns_the_command_s_result_and_says_done():
    request = _request()
    made = attempt(request, lambda: {"pk": 7}, "Made.")
    assert made == Done({"pk": 7}) and made.value == {"pk": 7}
    assert _said(request) == [("success", "Made.")]


def test_a_command_returning_nothing_still_reads_as_done():
    request = _request()
    for nothing in (None, [], 0, ""):
        made = attempt(request, lambda nothing=nothing: nothing, "Done.")
        assert made and made.value == nothing


def test_a_refusal_goes_on_the_named_field_and_into_a_message():
    request = _request()
    form = TitleForm({"title": "停水"})
    assert form.is_valid()

    def refuse() -> None:
        raise Refused("Too late for notices today.", "title")

    assert attempt(request, refuse, "Made.", form) is None
    assert form.errors == {"title": ["Too late for notices today."]}
    assert _said(request) == [("error", "Too late for notices today.")]


def test_a_refusal_about_no_field_of_the_form_goes_on_the_whole_form():
    form = TitleForm({"title": "停水"})
    assert form.is_valid()

    def refuse() -> None:
        raise Refused("The vote has closed.", "closes_at")

    assert on_form(form, refuse) is None
    assert form.non_field_errors() == ["The vote has closed."]


def test_on_form_hands_back_the_same_done_and_renames_fields():
    form = TitleForm({"title": "停水"})
    assert form.is_valid()
    assert on_form(form, lambda: 3) == Done(3)

    def refuse() -> None:
        raise Refused("Give it a title.", "name")

    assert on_form(form, refuse, field=lambda name: {"name": "title"}.get(name)) is None
    assert form.errors == {"title": ["Give it a title."]}


def test_forbidden_is_not_caught_it_is_the_403():
    def forbid() -> None:
        raise Forbidden("notices.manage")

    with pytest.raises(Forbidden, match=r"^notices\.manage$"):
        attempt(_request(), forbid, "Made.")


# --- form_page: the page whose form runs one command, then leaves -----------------------------


@pytest.fixture
def shown(monkeypatch):  # type: ignore[no-untyped-def]
    """What form_page would render: (template, context, status)."""
    from django.http import HttpResponse

    from linli.core import attempt as module

    pages: list[tuple[str, dict, int]] = []

    def render(request, template, context, status=200):  # type: ignore[no-untyped-def]
        pages.append((template, context, status))
        return HttpResponse(status=status)

    monkeypatch.setattr(module, "render", render)
    return pages


def _page(request, run, **options):  # type: ignore[no-untyped-def]
    from linli.core.attempt import form_page

    form = TitleForm(request.POST if request.method == "POST" else None)
    return form_page(request, form, run, "x.html", {"heading": "H"}, **options), form


def test_form_page_shows_the_form_on_get_and_runs_nothing(shown):
    ran: list[dict] = []
    response, form = _page(RequestFactory().get("/"), ran.append)
    assert response.status_code == 200 and ran == []
    assert shown == [("x.html", {"heading": "H", "form": form}, 200)]


def test_form_page_runs_the_command_says_it_and_redirects(shown):
    request = _request()
    request.POST = {"title": "停水通知"}  # type: ignore[attr-defined]
    response, _form = _page(
        request,
        lambda data: {"title": data["title"], "pk": 4},
        to=lambda made: f"/notices/{made['pk']}/",
        said=lambda made: f"Posted {made['title']}.",
    )
    assert (response.status_code, response.url) == (302, "/notices/4/")
    assert _said(request) == [("success", "Posted 停水通知.")] and shown == []


def test_form_page_keeps_what_was_typed_after_a_refusal_or_bad_input(shown):
    def refuse(data) -> None:  # type: ignore[no-untyped-def]
        raise Refused("Too late for notices today.", "name")

    request = _request()
    request.POST = {"title": "停水通知"}  # type: ignore[attr-defined]
    response, form = _page(request, refuse, field=lambda name: "title", said="Posted.")
    assert response.status_code == 400 and _said(request) == []
    assert form.errors == {"title": ["Too late for notices today."]}
    assert form["title"].value() == "停水通知"
    request.POST = {"title": ""}  # type: ignore[attr-defined]
    response, form = _page(request, refuse)
    assert response.status_code == 400 and form.errors == {
        "title": ["这个字段是必填项。"]
    }  # Chinese: the default language
