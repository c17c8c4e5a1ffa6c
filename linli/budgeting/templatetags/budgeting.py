from typing import Any

from django import template

from linli.budgeting.explain import yuan as _yuan

register = template.Library()


@register.filter
def yuan(amount: Any) -> str:
    """¥18,000 - whole yuan with thousands separators, cents only when there are any."""
    return _yuan(amount)
