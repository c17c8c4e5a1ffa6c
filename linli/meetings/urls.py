from django.urls import path

from . import hearing_views, manage_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("mine/", views.my_meetings, name="mine"),
    path("feed/<str:token>.ics", views.calendar_feed, name="feed"),
    path("actions/", views.actions, name="actions"),
    path("actions/<int:item>/status/", views.action_status, name="action_status"),
    path("new/", manage_views.meeting_create, name="create"),
    path("trainings/new/", manage_views.training_edit, name="training_create"),
    path("trainings/<int:pk>/", views.training_detail, name="training"),
    path("trainings/<int:pk>/edit/", manage_views.training_edit, name="training_edit"),
    path("people/<int:member_id>/", manage_views.member_record, name="member"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/cancel-registration/", views.cancel_registration, name="unregister"),
    path("<int:pk>/ticket/", views.ticket, name="ticket"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("<int:pk>/offer/<str:token>/", views.offer, name="offer"),
    path("<int:pk>/edit/", manage_views.meeting_edit, name="edit"),
    path("<int:pk>/publish/", manage_views.publish, name="publish"),
    path("<int:pk>/cancel/", manage_views.cancel, name="cancel"),
    path("<int:pk>/people/", manage_views.people, name="people"),
    path("<int:pk>/people/<int:reg>/role/", manage_views.set_role, name="role"),
    path("<int:pk>/people/<int:reg>/online/", manage_views.attended_online, name="online"),
    path("<int:pk>/needs/<int:need>/", manage_views.arrange, name="arrange"),
    path("<int:pk>/register-for/", manage_views.register_for, name="register_for"),
    path("<int:pk>/invite/", manage_views.invite, name="invite"),
    path("<int:pk>/check-in/", manage_views.checkin, name="checkin"),
    path("<int:pk>/minutes/", manage_views.minutes, name="minutes"),
    path("<int:pk>/speak/", hearing_views.speak, name="speak"),
    path("<int:pk>/hearing/", hearing_views.hearing, name="hearing"),
    path("<int:pk>/hearing/response/", hearing_views.response, name="hearing_response"),
    path(
        "<int:pk>/hearing/speakers/<int:speaker>/testimony/",
        hearing_views.testimony,
        name="testimony",
    ),
]
