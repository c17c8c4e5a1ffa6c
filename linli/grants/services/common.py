"""What every part of the grants services shares: the status shorthand, the standard duties and
who counts as a verified resident."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.models import Community, Member
from linli.core.services import ServiceError

from ..models import (
    Application,
)

S = Application.Status
DUTIES = (
    "1. 按里程碑提交进度报告：开展的活动、参与人数、支出明细及票据照片。\n"
    "2. 项目结束后一个月内提交结项报告。\n"
    "3. 资金专款专用，变更预算须事先书面告知社区。\n"
    "4. 接受社区和居民的监督，配合年度评估。"
)


def _now() -> datetime:
    return timezone.now()


def _verified(member: Member | None, community: Community) -> Member:
    if member is None or member.community_id != community.pk or not member.is_verified:
        raise ServiceError(_("Only verified residents of this community can do this."))
    return member
