from django.urls import path

from . import manage_views, views

app_name = "feedback"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("report/", views.report, name="report"),
    path("summary/", views.summary, name="summary"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/me-too/", views.me_too, name="me_too"),
    path("manage/", manage_views.queue, name="queue"),
    path("manage/new/", manage_views.enter, name="enter"),
    path("manage/<int:pk>/", manage_views.manage_item, name="manage_item"),
]
