from django.urls import path

from . import figures_views, views

app_name = "insights"

urlpatterns = [
    path("", views.fair, name="fair"),
    path("baselines/", views.baselines, name="baselines"),
    path("baselines/import/", views.import_margins, name="import_margins"),
    path("measure/<str:key>/", views.measure, name="measure"),
    path("flags/<int:pk>/", views.flag, name="flag"),
    path("flags/<int:pk>/letters/", views.flag_letters, name="flag_letters"),
    path("flags/<int:pk>/call-list/", views.flag_call_list, name="flag_call_list"),
    path("flags/<int:pk>/message/", views.flag_message, name="flag_message"),
    path("flags/<int:pk>/follow-up/", views.flag_follow_up, name="flag_follow_up"),
    path("surveys/<int:pk>/weighted/", views.survey_weighted, name="survey_weighted"),
    path("notices/<int:pk>/read/", views.notice_read, name="notice_read"),
    path("ladder/", views.ladder, name="ladder"),
    path("visits/", views.visits, name="visits"),
    path("figures/", figures_views.figures_page, name="figures"),
    path("figures/repeated/", figures_views.choose_repeated, name="choose_repeated"),
    path("figures/repeated/<int:pk>/remove/", figures_views.drop_repeated, name="drop_repeated"),
    path("figures.<opendata:fmt>", figures_views.figures_export, name="figures_export"),
    path("district/", figures_views.district, name="district"),
    path("report.pdf", figures_views.annual_report, name="annual_report"),
    path("projects/<int:pk>/targets/", views.targets, name="targets"),
    path("leaders/", views.leaders, name="leaders"),
    path("leaders/<int:member_id>/stage/", views.leader_stage, name="leader_stage"),
    path("ladder/me/", views.my_ladder, name="my_ladder"),
    path("ladder/members/<int:member_id>/", views.member_ladder, name="member_ladder"),
]
