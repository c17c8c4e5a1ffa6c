"""One refusal vocabulary, answered in one place for pages and one for the API."""

from __future__ import annotations

import json

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from linli.core.kit import Forbidden, Refused
from linli.core.kit.http import RefusalMiddleware


def test_a_page_answers_an_uncaught_refusal_with_its_words_and_400(db, settings):
    request = RequestFactory().post("/c/x/", HTTP_REFERER="http://testserver/c/x/")
    request.user = AnonymousUser()
    middleware = RefusalMiddleware(lambda r: None)
    response = middleware.process_exception(request, Refused("这个项目已经结束了。"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "这个项目已经结束了。" in page and 'href="http://testserver/c/x/"' in page


def test_a_page_leaves_other_errors_to_django(db):
    request = RequestFactory().get("/")
    assert RefusalMiddleware(lambda r: None).process_exception(request, Forbidden("x")) is None


def test_a_refused_link_back_never_leaves_the_site(db):
    request = RequestFactory().post("/", HTTP_REFERER="https://evil.example/")
    request.user = AnonymousUser()
    response = RefusalMiddleware(lambda r: None).process_exception(request, Refused("不行"))
    assert "evil.example" not in response.content.decode()


def test_the_api_answers_forbidden_403_and_refused_400_with_the_field(db):
    from linli.api.urls import api

    request = RequestFactory().get("/api/communities")
    forbidden = api.on_exception(request, Forbidden("votes.manage"))
    assert forbidden.status_code == 403
    assert json.loads(forbidden.content) == {"detail": "Not allowed."}
    refused = api.on_exception(request, Refused("Voting has closed.", "ballot"))
    assert refused.status_code == 400
    assert json.loads(refused.content) == {"detail": "Voting has closed.", "field": "ballot"}


def test_a_forbidden_that_says_why_says_it_on_the_403_page_and_in_the_api(db):
    """A "may not" with the words that say which seat or office it takes: the person is told."""
    from linli.api.urls import api
    from linli.core.errors import forbidden

    why = Forbidden("reviews.run_board", "只有评审会主任、副主任或秘书可以这样做。")
    assert str(why) == why.message
    request = RequestFactory().get("/c/x/")
    request.user = AnonymousUser()
    page = forbidden(request, why)
    assert page.status_code == 403
    assert '<p class="error">只有评审会主任、副主任或秘书可以这样做。</p>' in page.content.decode()
    answer = api.on_exception(RequestFactory().get("/api/communities"), why)
    assert answer.status_code == 403
    assert json.loads(answer.content) == {"detail": "只有评审会主任、副主任或秘书可以这样做。"}
    plain = forbidden(request, Forbidden("votes.manage"))
    assert '<p class="error">' not in plain.content.decode()
