from django.urls import path

from . import manage_views, views

app_name = "volunteering"

urlpatterns = [
    path("", views.team_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("mine/certificate.pdf", views.certificate, name="certificate"),
    path("certificates/<str:code>/", views.verify, name="verify"),
    path("certificates/<str:code>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("hours/<int:pk>/correct/", views.correct, name="correct"),
    path("volunteers/", manage_views.volunteers, name="volunteers"),
    path(
        "volunteers/<int:member_id>/certificate.pdf",
        manage_views.member_certificate,
        name="member_certificate",
    ),
    path("report.<spreadsheet:fmt>", manage_views.residents_report, name="residents_report"),
    path("teams/new/", manage_views.team_create, name="team_create"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("teams/<int:pk>/edit/", manage_views.team_edit, name="team_edit"),
    path("teams/<int:pk>/members/", manage_views.members, name="members"),
    path("teams/<int:pk>/activities/new/", manage_views.activity_create, name="activity_create"),
    path("teams/<int:pk>/schedules/new/", manage_views.schedule_edit, name="schedule_create"),
    path(
        "teams/<int:pk>/schedules/<int:schedule>/",
        manage_views.schedule_edit,
        name="schedule_edit",
    ),
    path("teams/<int:pk>/report.<spreadsheet:fmt>", manage_views.team_report, name="team_report"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("activities/<int:pk>/cancel-sign-up/", views.cancel_signup, name="cancel_signup"),
    path("activities/<int:pk>/offer/<str:token>/", views.offer, name="offer"),
    path("activities/<int:pk>/edit/", manage_views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/group/", manage_views.group, name="group"),
    path("activities/<int:pk>/check-in/", manage_views.checkin, name="checkin"),
    path("activities/<int:pk>/hours/", manage_views.hours, name="hours"),
    path("activities/<int:pk>/impact/", manage_views.impact, name="impact"),
]
