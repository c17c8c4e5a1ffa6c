from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("c/<slug:slug>/participation/", views.ledger, name="ledger"),
]
