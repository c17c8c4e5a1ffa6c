from django.urls import path

from . import manage_views, views

app_name = "engagement"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("manage/", manage_views.manage_list, name="manage"),
    path("lessons/", manage_views.lessons, name="lessons"),
    path("new/", manage_views.project_create, name="create"),
    path("<int:pk>/organise/", manage_views.organise, name="organise"),
    path("<int:pk>/edit/", manage_views.project_edit, name="edit"),
    path("<int:pk>/phases/", manage_views.phases, name="phases"),
    path("<int:pk>/equity/", manage_views.equity, name="equity"),
    path("<int:pk>/open/", manage_views.open_project, name="open"),
    path("<int:pk>/report-back/", manage_views.report_back, name="report_back"),
    path(
        "<int:pk>/report-back/<int:report_pk>/", manage_views.report_back, name="report_back_edit"
    ),
    path("<int:pk>/close/", manage_views.close, name="close"),
]
