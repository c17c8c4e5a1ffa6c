"""Standings: how far a person stands in a community, from the public to the site administrator.

Kept apart from :mod:`linli.core.permissions` (which needs the models) so that each app's
``apps.py`` can name the standing its actions need when it declares them."""

from __future__ import annotations

from enum import IntEnum


class Standing(IntEnum):
    PUBLIC = 0  # anyone, signed in or not
    SIGNED_IN = 1  # any account
    MEMBER = 5  # any membership, even one waiting for approval
    RESIDENT = 10  # a verified member
    LEADER = 20
    BOARD_MEMBER = 30
    ORGANISER = 40
    COMMUNITY_ADMIN = 50
    SITE_ADMIN = 100
