from __future__ import annotations

from pathlib import Path

import polib

from linli.core.script import to_script
from tests.conftest import client_for

PKG = Path(__file__).resolve().parents[2] / "linli"


def test_every_catalogue_is_complete_and_compiled():
    catalogues = list(PKG.glob("**/locale/*/LC_MESSAGES/django.po"))
    assert len(catalogues) >= 9
    for path in catalogues:
        po = polib.pofile(str(path))
        untranslated = [e.msgid for e in po.untranslated_entries()]
        assert not untranslated, f"{path}: {untranslated[:5]}"
        assert not po.fuzzy_entries(), f"{path} has fuzzy entries"
        mo = path.with_suffix(".mo")
        assert mo.exists(), f"{mo} is missing"
        assert len(polib.mofile(str(mo))) >= len(po.translated_entries()), f"{mo} is out of date"


def test_one_text_has_one_translation_across_apps():
    """Django merges every app's catalogue into one, so a msgid translated two ways shows the
    other app's words (a survey page once said 投票时间, "voting time"). Words that mean different
    things in different places need a context (pgettext / {% translate ... context ... %})."""
    for language in ["zh_Hans", "zh_Hant"]:
        seen: dict[tuple[str, str], dict[str, str]] = {}
        for path in PKG.glob(f"**/locale/{language}/LC_MESSAGES/django.po"):
            for entry in polib.pofile(str(path)).translated_entries():
                text = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
                seen.setdefault((entry.msgctxt or "", entry.msgid), {})[path.parts[-5]] = text
        clashes = {key: by_app for key, by_app in seen.items() if len(set(by_app.values())) > 1}
        assert not clashes, f"{language}: {list(clashes.items())[:5]}"


def test_switching_language_is_remembered(client, community):
    response = client.post("/language/", {"language": "en", "next": f"/c/{community.slug}/"})
    assert response.status_code == 302 and response.url == f"/c/{community.slug}/"
    assert "Open now" in client.get(f"/c/{community.slug}/").content.decode()
    client.post("/language/", {"language": "zh-hant", "next": "/"})
    assert "開放" in client.get(f"/c/{community.slug}/").content.decode()


def test_a_signed_in_persons_language_is_saved_on_the_account(resident):
    client = client_for(resident)
    client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    resident.refresh_from_db()
    assert resident.language == "en"


def test_open_redirects_are_refused(client, db):
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response.url == "/"


def test_user_text_is_shown_in_the_readers_script(client, community):
    from linli.core.models import Notice

    Notice.objects.create(community=community, title="院落美化大赛开始报名", body="欢迎参加")
    client.post("/language/", {"language": "zh-hant", "next": "/"})
    html = client.get(f"/c/{community.slug}/").content.decode()
    assert "院落美化大賽開始報名" in html
    assert to_script("院落美化", "zh-hant") == "院落美化"
    assert to_script("評審會", "zh-hans") == "评审会"


def test_large_text_switch(client, community):
    client.post("/display/", {"large_text": "1", "next": "/"})
    assert 'class="large-text"' in client.get("/").content.decode()
