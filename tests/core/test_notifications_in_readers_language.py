"""A notification is said in the language and script of whoever reads it, when they read it: it
keeps the message's msgid and parameters, not the words of the day it was sent. Old rows are
recovered from the catalogues by the data migration."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext_lazy

from linli.core.models import Notification, Role
from linli.core.notify import notify
from linli.core.stored_text import freeze, recover, thaw
from tests.conftest import client_for, make_household, make_person

pytestmark = pytest.mark.django_db


def test_a_message_is_kept_as_its_msgid_and_said_in_each_language():
    spec = freeze((gettext_lazy("You are invited: %(title)s"), {"title": "议事会"}))
    assert spec == {"msgid": "You are invited: %(title)s", "params": {"title": "议事会"}}
    assert thaw(spec, "en") == "You are invited: 议事会"
    zh = thaw(spec, "zh-hans")
    assert "议事会" in zh and "invited" not in zh
    assert "議事會" in thaw(spec, "zh-hant")  # what a person wrote, in the reader's script


def test_context_plurals_and_nested_messages():
    news = freeze(pgettext_lazy("navigation group", "News"))
    assert news == {"msgid": "News", "context": "navigation group"}
    assert thaw(news, "zh-hans") == "消息"
    plural = freeze((ngettext_lazy("%(count)s person", "%(count)s people", "count"), {"count": 2}))
    assert set(plural["texts"]) == {"zh-hans", "zh-hant", "en"}
    nested = freeze((gettext_lazy("You are invited: %(title)s"), {"title": gettext_lazy("Menu")}))
    assert thaw(nested, "zh-hant").endswith("選單")
    assert (
        freeze("写的字") == {"text": "写的字"} and thaw({"text": "写的字"}, "zh-hant") == "寫的字"
    )


def test_the_reader_sees_it_in_the_language_they_read_in_now(community):
    person = make_person(
        community,
        "reader@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "1栋", "1单元", "101"]),
    )
    person.language = "en"
    person.save()
    note = notify(
        person,
        "membership",
        (gettext_lazy("You are invited: %(title)s"), {"title": "楼道议事会"}),
        gettext_lazy("Menu"),
    )
    assert note is not None and note.title == "You are invited: 楼道议事会"  # the email's words
    client = client_for(person)
    client.cookies["linli_language"] = "zh-hant"
    page = client.get("/me/notifications/").content.decode()
    assert "樓道議事會" in page and "You are invited" not in page and "選單" in page
    client.cookies["linli_language"] = "en"
    page = client.get(f"/me/notifications/{note.pk}/").content.decode()
    assert "You are invited: 楼道议事会" in page


def test_old_rows_are_recovered_from_the_catalogues(community):
    zh = thaw({"msgid": "You are invited: %(title)s", "params": {"title": "议事会"}}, "zh-hans")
    assert recover(zh) == {"msgid": "You are invited: %(title)s", "params": {"title": "议事会"}}
    assert recover("Menu") == {"msgid": "Menu"}
    assert recover("完全是用户自己写的一句话") is None


def test_the_data_migration_recovers_messages(community):
    from importlib import import_module

    from django.apps import apps

    person = make_person(
        community,
        "old@test.org",
        Role.RESIDENT,
        make_household(community, ["梧桐院", "1栋", "1单元", "102"]),
    )
    zh = thaw({"msgid": "You are invited: %(title)s", "params": {"title": "议事会"}}, "zh-hans")
    old = Notification.objects.create(user=person, kind="membership", title=zh, body="自己写的")
    migration = import_module("linli.core.migrations.0006_notification_message_recovered")
    migration.recover_messages(apps, None)
    old.refresh_from_db()
    assert old.message == {
        "title": {"msgid": "You are invited: %(title)s", "params": {"title": "议事会"}}
    }
    assert thaw(old.message["title"], "en") == "You are invited: 议事会"
    assert old.body_words == "自己写的"
