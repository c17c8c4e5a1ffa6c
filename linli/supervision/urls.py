from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.index, name="index"),
    path("books/", views.ledger_books, name="books"),
    path("books/receipt/<slug:kind>/<int:pk>/", views.receipt, name="receipt"),
    path("audit/", views.audit_log, name="audit"),
    path("ask/", views.ask, name="ask"),
    path("queries/<int:pk>/", views.query, name="query"),
]
