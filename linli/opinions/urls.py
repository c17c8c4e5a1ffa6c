from django.urls import path

from . import manage_views, views

app_name = "opinions"

urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("new/", manage_views.conversation_create, name="create"),
    path("<int:pk>/", views.conversation_detail, name="detail"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/statement/", views.write_statement, name="write"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/report/", views.report_back, name="report"),
    path("<int:pk>/edit/", manage_views.conversation_edit, name="edit"),
    path("<int:pk>/moderate/", manage_views.moderate, name="moderate"),
    path("<int:pk>/sheet/", manage_views.sheet, name="sheet"),
    path("<int:pk>/paper/", manage_views.paper_entry, name="paper"),
    path("<int:pk>/close/", manage_views.close, name="close"),
    path("<int:pk>/recompute/", manage_views.recompute_now, name="recompute"),
    path("<int:pk>/export.zip", manage_views.export, name="export"),
]
