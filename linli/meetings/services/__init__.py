"""Commands on meetings, by what people do: registration (places, waiting list, offers, needs,
invitations), organising (meetings, trainings), attendance (check-in, roles), minutes and action
items, reminders. What people read is in ``linli.meetings.queries``, re-exported here so callers
keep writing ``services.x(...)``."""

from __future__ import annotations

from ..queries import (
    local_time as local_time,
    visible as visible,
    held as held,
    places_left as places_left,
    registration_of as registration_of,
    is_invited as is_invited,
    may_see_link as may_see_link,
    NeedTotal as NeedTotal,
    accommodation_totals as accommodation_totals,
    unarranged as unarranged,
    AreaCount as AreaCount,
    attendance_by_area as attendance_by_area,
    open_actions as open_actions,
    TrainingRecord as TrainingRecord,
    training_progress as training_progress,
    trainings_of as trainings_of,
    skills_of as skills_of,
    feed_for as feed_for,
    feed_meetings as feed_meetings,
    open_items as open_items,
    project_items as project_items,
    areas as areas,
    members_for_choice as members_for_choice,
    leaders as leaders,
)
from .attendance import (
    read_code as read_code,
    checkin_url as checkin_url,
    check_in as check_in,
    mark_attended_online as mark_attended_online,
    walk_in as walk_in,
    set_role as set_role,
)
from .minutes import (
    save_minutes as save_minutes,
    add_action_item as add_action_item,
    set_action_status as set_action_status,
)
from .organising import (
    NEWS_FIELDS as NEWS_FIELDS,
    save_meeting as save_meeting,
    publish as publish,
    cancel_meeting as cancel_meeting,
    save_training as save_training,
)
from .registration import (
    Need as Need,
    clean_needs as clean_needs,
    mark_arranged as mark_arranged,
    register as register,
    update_needs as update_needs,
    cancel_registration as cancel_registration,
    MeetingPlaces as MeetingPlaces,
    offer_next as offer_next,
    offer_for as offer_for,
    answer_offer as answer_offer,
    invite as invite,
)
from .reminders import (
    REMINDER_FIELD as REMINDER_FIELD,
    send_reminders as send_reminders,
    sweep as sweep,
)
