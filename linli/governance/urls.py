from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.body_create, name="body_create"),
    path("<int:pk>/", views.body, name="body"),
    path("<int:pk>/seat/", views.seat_create, name="seat_create"),
    path("<int:pk>/motion/", views.motion_create, name="motion_create"),
    path("motions/<int:pk>/", views.motion, name="motion"),
]
