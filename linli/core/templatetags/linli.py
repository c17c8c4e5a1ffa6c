"""Template helpers available in every template (registered as builtins in settings)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from linli.core import permissions, punctuation
from linli.core.kit import modules
from linli.core.script import to_script

register = template.Library()


@register.filter(name="script")
def script_filter(value: Any) -> str:
    """User-written text in the reader's Chinese script. Keeps the value's escaping state."""
    if value is None:
        return ""
    converted = to_script(str(value))
    return mark_safe(converted) if isinstance(value, SafeString) else converted


@register.simple_tag(takes_context=True)
def can(context: dict[str, Any], action: str, target: Any) -> bool:
    """``{% can "action or rule" community_or_object as flag %}``: the permission, for the reader."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return target is not None and permissions.can(user, action, target)


@register.simple_tag(takes_context=True)
def module_nav(context: dict[str, Any], community: Any) -> list[modules.Nav]:
    """The community navigation every module declares, in order, less modules the community
    switched off and what the reader may not see."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return [
        entry
        for label, entry in modules.labelled_nav_entries()
        if community.module_on(label)
        and (entry.action is None or permissions.can(user, entry.action, community))
    ]


@register.simple_tag(takes_context=True)
def module_nav_groups(context: dict[str, Any], community: Any) -> list[dict[str, Any]]:
    """The community navigation in its groups (``NAV_GROUPS``), empty groups left out."""
    entries = module_nav(context, community)
    groups = []
    for key, label in modules.NAV_GROUPS:
        found = [entry for entry in entries if entry.group == key]
        if found:
            groups.append({"key": key, "label": label, "entries": found})
    return groups


@register.simple_tag(takes_context=True)
def module_links(context: dict[str, Any], kind: str, community: Any) -> list[Any]:
    """``{% module_links "me_links" community as links %}``: the links (or notice actions) every
    module adds to this page of core, in order, less modules the community switched off and what
    the reader may not do there."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return [
        entry
        for label, entry in modules.labelled_entries(kind)
        if community.module_on(label)
        and (entry.action is None or permissions.can(user, entry.action, community))
    ]


@register.filter
def audit_words(action: str) -> str:
    """An audit action ("budgeting.appeal") in plain, translated words."""
    from linli.core.audit_words import sentence

    return sentence(str(action))


@register.filter
def language_names(codes: Any) -> str:
    """Language codes ("en", "zh-hant") as their names, never the raw code, joined the way the
    reader's language lists things ("简体中文、English" in Chinese)."""
    from django.conf import settings

    names = dict(settings.LANGUAGES)
    if isinstance(codes, str):
        codes = [codes]
    return punctuation.listing(str(names.get(code, code)) for code in codes or ())


@register.simple_tag
def colon() -> str:
    """``{% translate "Results" %}{% colon %}{{ value }}``: "：" in Chinese, ": " otherwise."""
    return punctuation.mark("colon")


@register.simple_tag
def paren_open() -> str:
    """``{% translate "Applications" %}{% paren_open %}{{ n }}{% paren_close %}``: "申报（3）" in
    Chinese, "Applications (3)" otherwise. It stands for the space before the bracket too."""
    return punctuation.parenthesis("open")


@register.simple_tag
def paren_close() -> str:
    """The closing bracket matching ``{% paren_open %}``: "）" in Chinese, ")" otherwise."""
    return punctuation.parenthesis("close")


@register.simple_tag
def list_sep(kind: str = "comma") -> str:
    """Between items of a list: ``{% if not forloop.last %}{% list_sep %}{% endif %}`` gives "、"
    in Chinese and ", " otherwise; ``{% list_sep "semicolon" %}`` gives "；" or "; "."""
    return punctuation.mark(kind)


@register.filter(name="listing")
def listing_filter(items: Any) -> str:
    """``{{ names|listing }}``: joined as the reader's language lists things."""
    return punctuation.listing(items or ())


@register.filter
def percent(part: float, whole: float) -> str:
    """``part`` of ``whole`` as a whole percentage, rounded half up (linli.core.rounding)."""
    from linli.core.rounding import percent as shown

    return shown(part, whole)


@register.filter
def number(value: Any, places: int = 1) -> str:
    """A figure rounded half up, without a trailing ".0" (linli.core.rounding)."""
    from linli.core.rounding import number as shown

    return shown(value, places)


@register.filter
def bar_width(part: Any, whole: Any) -> str:
    """CSS width of a bar for ``part`` of ``whole``: ``style="width:{{ n|bar_width:total }}"``
    (linli.core.rounding.bar_width: half is half width, never over 100%)."""
    from linli.core.rounding import bar_width as width

    return width(part, whole)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` for a dict, or the item at index ``key`` of a list; None if missing."""
    if not mapping:
        return None
    if isinstance(mapping, list | tuple):
        return mapping[key] if isinstance(key, int) and 0 <= key < len(mapping) else None
    return mapping.get(key)


@register.filter
def module_on(community: Any, label: str) -> bool:
    """``{% if community|module_on:"sharing" %}``: whether the community has the module on."""
    return community is None or bool(community.module_on(label))
