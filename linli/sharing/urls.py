from django.urls import path

from . import views

app_name = "sharing"

urlpatterns = [
    path("", views.board, name="board"),
    path("mine/", views.mine, name="mine"),
    path("figures/", views.figures, name="figures"),
    path("problems/", views.problems, name="problems"),
    path("poster.pdf", views.poster_pdf, name="poster"),
    path("items/new/", views.item_edit, name="item_new"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/state/", views.item_state, name="item_state"),
    path("items/<int:pk>/waiting/", views.waiting, name="waiting"),
    path("loans/<int:pk>/", views.loan_detail, name="loan"),
    path("loans/<int:pk>/problem/", views.problem_report, name="problem"),
    path("loans/<int:pk>/<slug:step>/", views.loan_step, name="loan_step"),
    path("problems/<int:pk>/<slug:step>/", views.problem_step, name="problem_step"),
]
