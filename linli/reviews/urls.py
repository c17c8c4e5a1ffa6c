from django.urls import path

from . import board_views, notice_views, sheet_views, views

app_name = "reviews"

A = "contests/<int:pk>/applications/<int:aid>/"

urlpatterns = [
    path("", board_views.index, name="index"),
    path("showcase/", notice_views.showcase, name="showcase"),
    path("boards/<int:pk>/contests/new/", views.contest_create, name="contest_create"),
    path("contests/<int:pk>/", views.contest_detail, name="contest"),
    path("contests/<int:pk>/edit/", views.contest_edit, name="contest_edit"),
    path("contests/<int:pk>/criteria/", views.criterion_add, name="criterion_add"),
    path(
        "contests/<int:pk>/criteria/<int:cid>/delete/",
        views.criterion_delete,
        name="criterion_delete",
    ),
    path("contests/<int:pk>/awards/", views.tier_add, name="tier_add"),
    path("contests/<int:pk>/comments/", views.rubric_comment, name="rubric_comment"),
    path("contests/<int:pk>/step/<slug:action>/", views.step, name="step"),
    path("contests/<int:pk>/apply/", views.apply, name="apply"),
    path("contests/<int:pk>/results/", notice_views.results, name="results"),
    path("contests/<int:pk>/notice/", notice_views.notice, name="notice"),
    path("contests/<int:pk>/notice/object/", notice_views.object_to, name="object"),
    path("contests/<int:pk>/objections/<int:oid>/answer/", notice_views.answer, name="answer"),
    path("contests/<int:pk>/poster.pdf", notice_views.poster, name="poster"),
    path(A, views.application_detail, name="application"),
    path(A + "sign/", views.sign, name="sign"),
    path(A + "paper/", views.paper, name="paper"),
    path(A + "sheet/", sheet_views.sheet, name="sheet"),
    path(A + "team/", views.team, name="team"),
    path(A + "photos/", views.photo, name="photo"),
    path(A + "withdraw/", views.withdraw, name="withdraw"),
    path(A + "conflict/", views.conflict, name="conflict"),
    path(A + "score/", views.score, name="score"),
    path(A + "milestones/", views.milestone_add, name="milestone_add"),
    path(A + "milestones/<int:mid>/release/", views.milestone_release, name="release"),
    path(A + "inspect/", views.inspect, name="inspect"),
]
