from django.urls import path

from . import meeting_views, member_views, views

app_name = "governance"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.body_create, name="body_create"),
    path("<int:pk>/", views.body, name="body"),
    path("<int:pk>/seat/", views.seat_create, name="seat_create"),
    path("<int:pk>/motion/", views.motion_create, name="motion_create"),
    path("<int:pk>/join/", member_views.join, name="join"),
    path("<int:pk>/resign/", member_views.resign, name="resign"),
    path("<int:pk>/remove/", member_views.remove, name="remove"),
    path("<int:pk>/resignation/", member_views.record_resignation, name="record_resignation"),
    path("motions/<int:pk>/", views.motion, name="motion"),
    path("<int:pk>/meetings/new/", meeting_views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meeting_views.meeting, name="meeting"),
    path("resolutions/<int:pk>/", meeting_views.resolution, name="resolution"),
]
