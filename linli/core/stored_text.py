"""Words kept for later, said in the reader's language and script when they are read.

A notification is written once but read by a person who may have changed their language since,
or who reads Traditional characters: so it keeps the message's msgid (and context) and its
parameters, not the words of the day it was sent. ``freeze`` turns a message into JSON, ``thaw``
says it in the active language (or ``language``):

    {"msgid": "You are invited: %(title)s", "params": {"title": "议事会"}}
    {"msgid": "News", "context": "navigation group"}
    {"texts": {"zh-hans": "...", "zh-hant": "...", "en": "..."}}   # a plural or formatted message
    {"text": "..."}                                                # words a person wrote

Parameters may themselves be messages (a status's label); words people wrote (a title) are shown
in the reader's Chinese script.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _made_by_gettext
from django.utils.translation import pgettext_lazy as _made_by_pgettext

from .script import to_script

# Each lazy translation function makes proxies of its own class: that tells which one made a message.
# (Named so that makemessages does not take "x" for a message.)
_GETTEXT = type(_made_by_gettext("x"))
_PGETTEXT = type(_made_by_pgettext("x", "x"))

Spec = dict[str, Any]


def freeze(text: Any) -> Spec:
    """A message (lazy, with parameters as ``(message, {name: value})``, or plain) as JSON."""
    if isinstance(text, tuple):
        message, params = text
        spec = freeze(message)
        if "msgid" in spec:
            spec["params"] = {name: _param(value) for name, value in params.items()}
            return spec
        return _every_language(text)
    if isinstance(text, Promise):
        args: tuple[Any, ...] = tuple(getattr(text, "_args", ()))
        if type(text) is _GETTEXT and len(args) == 1:
            return {"msgid": str(args[0])}
        if type(text) is _PGETTEXT and len(args) == 2:
            return {"msgid": str(args[1]), "context": str(args[0])}
        return _every_language(text)
    return {"text": "" if text is None else str(text)}


def _param(value: Any) -> Any:
    if isinstance(value, Promise | tuple):
        return freeze(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    return str(value)


def _every_language(text: Any) -> Spec:
    """What cannot be kept as a msgid (a plural, a formatted lazy string) is said now in every
    language the site speaks."""
    from .notify import render_text

    return {"texts": {code: render_text(text, code) for code, _name in settings.LANGUAGES}}


def thaw(spec: Mapping[str, Any] | None, language: str | None = None) -> str:
    """The words of ``spec`` in ``language`` (default: the active one), in its Chinese script."""
    if not spec:
        return ""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        return _say(spec, language)


def _say(spec: Mapping[str, Any], language: str) -> str:
    if "msgid" in spec:
        msgid = spec["msgid"]
        words = pgettext(spec["context"], msgid) if spec.get("context") else gettext(msgid)
        params = spec.get("params")
        if params:
            values = {
                name: _say(value, language)
                if isinstance(value, Mapping)
                else to_script(str(value), language)
                for name, value in params.items()
            }
            try:
                return words % values
            except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder
                return msgid % values
        return words
    if "texts" in spec:
        texts = spec["texts"]
        found = (
            texts.get(language)
            or texts.get(settings.LANGUAGE_CODE)
            or next(iter(texts.values()), "")
        )
        return to_script(str(found), language)
    return to_script(str(spec.get("text", "")), language)


def recover(words: str) -> Spec | None:
    """The message ``words`` were made from, if they are one of the catalogues' translations (in
    any language), with its parameters: how notifications stored before messages were kept as
    msgids are said in their reader's language. None when nothing matches."""
    if not words:
        return None
    exact, patterns = _reverse_catalogues()
    if words in exact:
        return dict(exact[words])
    for pattern, names, spec in patterns:
        found = pattern.fullmatch(words)
        if found:
            return {**spec, "params": dict(zip(names, found.groups(), strict=True))}
    return None


_REVERSED: tuple[dict[str, Spec], list[tuple[Any, list[str], Spec]]] | None = None


def _reverse_catalogues() -> tuple[dict[str, Spec], list[tuple[Any, list[str], Spec]]]:
    import re

    from django.utils.translation import trans_real

    global _REVERSED
    if _REVERSED is not None:
        return _REVERSED
    exact: dict[str, Spec] = {}
    patterns: list[tuple[Any, list[str], Spec]] = []
    placeholder = re.compile(r"%\((\w+)\)s")
    for code, _name in settings.LANGUAGES:
        catalogue = trans_real.translation(code)._catalog  # type: ignore[attr-defined]
        for key, translated in catalogue.items():
            if not isinstance(key, str) or not translated or "%" in key.replace("%(", ""):
                continue
            context, _sep, msgid = key.rpartition("\x04")
            spec: Spec = {"msgid": msgid, **({"context": context} if context else {})}
            for said in {translated, msgid}:
                names = placeholder.findall(said)
                if not names:
                    exact.setdefault(said, spec)
                elif len(set(names)) == len(names) and len(placeholder.sub("", said)) >= 4:
                    parts = placeholder.split(said)
                    regex = "".join(
                        re.escape(part) if index % 2 == 0 else "(.+?)"
                        for index, part in enumerate(parts)
                    )
                    patterns.append((re.compile(regex, re.DOTALL), names, spec))
    # the longest, most specific wording first
    patterns.sort(key=lambda row: -len(row[0].pattern))
    _REVERSED = (exact, patterns)
    return _REVERSED
