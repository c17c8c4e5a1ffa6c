"""Commands on meetings, by what people do: registration (places, waiting list, offers, needs,
invitations), organising (meetings, trainings), attendance (check-in, roles), minutes and action
items, reminders. What people read is in ``linli.meetings.queries``, re-exported here so callers
keep writing ``services.x(...)``."""

from __future__ import annotations

from ..queries import (
    AreaCount as AreaCount,
)
from ..queries import (
    NeedTotal as NeedTotal,
)
from ..queries import (
    TrainingRecord as TrainingRecord,
)
from ..queries import (
    accommodation_totals as accommodation_totals,
)
from ..queries import (
    areas as areas,
)
from ..queries import (
    attendance_by_area as attendance_by_area,
)
from ..queries import (
    feed_for as feed_for,
)
from ..queries import (
    feed_meetings as feed_meetings,
)
from ..queries import (
    held as held,
)
from ..queries import (
    is_invited as is_invited,
)
from ..queries import (
    leaders as leaders,
)
from ..queries import (
    local_time as local_time,
)
from ..queries import (
    may_see_link as may_see_link,
)
from ..queries import (
    members_for_choice as members_for_choice,
)
from ..queries import (
    open_actions as open_actions,
)
from ..queries import (
    open_items as open_items,
)
from ..queries import (
    places_left as places_left,
)
from ..queries import (
    project_items as project_items,
)
from ..queries import (
    registration_of as registration_of,
)
from ..queries import (
    skills_of as skills_of,
)
from ..queries import (
    training_progress as training_progress,
)
from ..queries import (
    trainings_of as trainings_of,
)
from ..queries import (
    unarranged as unarranged,
)
from ..queries import (
    visible as visible,
)
from .attendance import (
    check_in as check_in,
)
from .attendance import (
    checkin_url as checkin_url,
)
from .attendance import (
    mark_attended_online as mark_attended_online,
)
from .attendance import (
    read_code as read_code,
)
from .attendance import (
    set_role as set_role,
)
from .attendance import (
    walk_in as walk_in,
)
from .minutes import (
    add_action_item as add_action_item,
)
from .minutes import (
    save_minutes as save_minutes,
)
from .minutes import (
    set_action_status as set_action_status,
)
from .organising import (
    NEWS_FIELDS as NEWS_FIELDS,
)
from .organising import (
    cancel_meeting as cancel_meeting,
)
from .organising import (
    publish as publish,
)
from .organising import (
    save_meeting as save_meeting,
)
from .organising import (
    save_training as save_training,
)
from .registration import (
    Need as Need,
)
from .registration import (
    answer_offer as answer_offer,
)
from .registration import (
    cancel_registration as cancel_registration,
)
from .registration import (
    clean_needs as clean_needs,
)
from .registration import (
    invite as invite,
)
from .registration import (
    mark_arranged as mark_arranged,
)
from .registration import (
    offer_for as offer_for,
)
from .registration import (
    offer_next as offer_next,
)
from .registration import (
    register as register,
)
from .registration import (
    update_needs as update_needs,
)
from .reminders import (
    REMINDER_FIELD as REMINDER_FIELD,
)
from .reminders import (
    send_reminders as send_reminders,
)
from .reminders import (
    sweep as sweep,
)
