from django.urls import path

from . import views

app_name = "conventions"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/v/<int:number>/", views.version, name="version"),
    path("<int:pk>/wall.pdf", views.wall_sheet, name="wall_sheet"),
    path("<int:pk>/revise/", views.revise, name="revise"),
    path("<int:pk>/amend/", views.propose, name="propose"),
    path("<int:pk>/typed-in/", views.record_comment, name="record_comment"),
    path("<int:pk>/adopt/", views.adopt, name="adopt"),
    path("<int:pk>/settle/", views.settle, name="settle"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("amendments/<int:pk>/", views.amendment, name="amendment"),
]
