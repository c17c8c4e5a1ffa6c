#!/usr/bin/env python
"""Translation workflow: one catalogue per app (so modules never edit the same file).

    .venv/bin/python scripts/i18n.py update            extract strings for every app, fill zh-Hant
                                                       from zh-Hans (OpenCC) and en from the source,
                                                       compile, and list what still lacks zh-Hans
    .venv/bin/python scripts/i18n.py missing APP       print APP's untranslated msgids as JSON
    .venv/bin/python scripts/i18n.py fill APP FILE     apply {msgid: zh-Hans text} from a JSON file
                                                       (plural entries: a list of one string)

APP is a folder under linli/ (core, surveys, ...) or "linli" for the shared templates.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import opencc
import polib

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "linli"
LOCALES = ["zh_Hans", "zh_Hant", "en"]
_S2TWP = opencc.OpenCC("s2twp.json")
# Words OpenCC's Taiwan phrases leave in their mainland form.
TRADITIONAL_FIXES = {"伙伴": "夥伴"}


class _Traditional:
    def convert(self, text: str) -> str:
        converted = _S2TWP.convert(text)
        for simplified, traditional in TRADITIONAL_FIXES.items():
            converted = converted.replace(simplified, traditional)
        return converted


TO_TRADITIONAL = _Traditional()


def app_dirs() -> list[Path]:
    """Apps with something to translate, plus linli/ itself for shared templates and settings."""
    apps = [
        path
        for path in sorted(PKG.iterdir())
        if path.is_dir() and (path / "apps.py").exists() and path.name != "api"
    ]
    return [PKG, *apps]


def catalogue(app: Path, locale: str) -> Path:
    return app / "locale" / locale / "LC_MESSAGES" / "django.po"


def extract(app: Path) -> None:
    (app / "locale").mkdir(exist_ok=True)
    command = [sys.executable, "-m", "django", "makemessages", "--no-location", "--no-obsolete"]
    for locale in LOCALES:
        command += ["-l", locale]
    if app == PKG:  # the shared part: everything except the apps' own folders
        for other in app_dirs()[1:]:
            command += ["--ignore", f"{other.name}/*"]
        command += ["--ignore", "api/*"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "linli.settings",
        "LINLI_DATA_DIR": tempfile.mkdtemp(prefix="linli-i18n-"),
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(command, cwd=app, check=True, env=env, capture_output=True)


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def fill(app: Path) -> list[str]:
    """Fill zh-Hant from zh-Hans and en from the English source. Returns msgids lacking zh-Hans."""
    hans = polib.pofile(str(catalogue(app, "zh_Hans")))
    missing = []
    known: dict[tuple[str, str], polib.POEntry] = {}
    for entry in hans:
        if "fuzzy" in entry.flags:  # a guess by makemessages is not a translation
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = {k: "" for k in entry.msgstr_plural} if entry.msgid_plural else {}
        done = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
        if done:
            known[_key(entry)] = entry
        else:
            missing.append(entry.msgid)
    hans.save()
    hant = polib.pofile(str(catalogue(app, "zh_Hant")))
    for entry in hant:
        source = known.get(_key(entry))
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        if source is None:
            entry.msgstr = ""
            continue
        if entry.msgid_plural:
            text = TO_TRADITIONAL.convert(source.msgstr_plural[0])
            entry.msgstr_plural = {0: text}
        else:
            entry.msgstr = TO_TRADITIONAL.convert(source.msgstr)
    hant.save()
    english = polib.pofile(str(catalogue(app, "en")))
    for entry in english:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
    english.save()
    for locale in LOCALES:
        po = polib.pofile(str(catalogue(app, locale)))
        po.save_as_mofile(str(catalogue(app, locale).with_suffix(".mo")))
    return missing


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        for app in app_dirs():
            extract(app)
            missing = fill(app)
            if missing:
                print(f"{app.name}: {len(missing)} strings lack a zh-Hans translation")
        return 0
    app = PKG if sys.argv[2] == "linli" else PKG / sys.argv[2]
    if command == "missing":
        hans = polib.pofile(str(catalogue(app, "zh_Hans")))
        entries = {
            e.msgid: ([""] if e.msgid_plural else "")
            for e in hans
            if not (e.msgstr or e.msgstr_plural.get(0))
        }
        print(json.dumps(entries, ensure_ascii=False, indent=1))
        return 0
    if command == "fill":
        mapping = json.loads(Path(sys.argv[3]).read_text())
        hans = polib.pofile(str(catalogue(app, "zh_Hans")))
        for entry in hans:
            if mapping.get(entry.msgid):
                value = mapping[entry.msgid]
                if entry.msgid_plural:
                    text = value[0] if isinstance(value, list) else value
                    entry.msgstr_plural = {0: text}
                else:
                    entry.msgstr = value
        hans.save()
        missing = fill(app)
        print(f"{app.name}: {len(missing)} strings still lack zh-Hans")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
