from django.urls import path

from . import views

app_name = "grants"

A = "applications/<int:aid>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("calls/<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("calls/<int:pk>/criteria/", views.criterion_add, name="criterion_add"),
    path(
        "calls/<int:pk>/criteria/<int:cid>/delete/", views.criterion_delete, name="criterion_delete"
    ),
    path("calls/<int:pk>/step/<slug:action>/", views.step, name="step"),
    path("calls/<int:pk>/apply/", views.apply, name="apply"),
    path("calls/<int:pk>/ranking/", views.ranking, name="ranking"),
    path(A, views.application_detail, name="application"),
    path(A + "edit/", views.application_edit, name="edit"),
    path(A + "budget/", views.budget_add, name="budget_add"),
    path(A + "budget/<int:lid>/delete/", views.budget_delete, name="budget_delete"),
    path(A + "team/", views.team_add, name="team_add"),
    path(A + "consent/", views.consent, name="consent"),
    path(A + "photos/", views.photo_add, name="photo_add"),
    path(A + "submit/", views.submit, name="submit"),
    path(A + "withdraw/", views.withdraw, name="withdraw"),
    path(A + "score/", views.score, name="score"),
    path(A + "conflict/", views.conflict, name="conflict"),
    path(A + "award/", views.award, name="award"),
    path(A + "decline/", views.decline, name="decline"),
    path(A + "milestones/", views.milestone_add, name="milestone_add"),
    path(A + "agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    path(A + "accept/", views.accept, name="accept"),
    path(A + "countersign/", views.countersign, name="countersign"),
    path(A + "reports/new/", views.report_create, name="report_create"),
    path(A + "reports/<int:rid>/review/", views.report_review, name="report_review"),
    path(A + "evaluate/", views.evaluate, name="evaluate"),
]
