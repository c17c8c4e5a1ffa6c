from django.urls import path

from . import manage_views, views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", manage_views.survey_create, name="create"),
    path("import/", manage_views.definition_import, name="import"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/thanks/", views.thanks, name="thanks"),
    path("<int:pk>/results/", views.survey_results, name="results"),
    path("<int:pk>/paper/<str:language>.pdf", views.paper_pdf, name="paper"),
    path("<int:pk>/edit/", manage_views.survey_edit, name="edit"),
    path("<int:pk>/build/", manage_views.build, name="build"),
    path("<int:pk>/questions/new/", manage_views.question_edit, name="question_new"),
    path("<int:pk>/questions/<int:question>/", manage_views.question_edit, name="question"),
    path("<int:pk>/sections/new/", manage_views.section_edit, name="section_new"),
    path("<int:pk>/sections/<int:section>/", manage_views.section_edit, name="section"),
    path("<int:pk>/items/", manage_views.item_action, name="item_action"),
    path("<int:pk>/status/", manage_views.status_action, name="status"),
    path("<int:pk>/export.<spreadsheet:fmt>", manage_views.export, name="export"),
    path("<int:pk>/definition.json", manage_views.definition_download, name="definition"),
    path("<int:pk>/enter/", manage_views.paper_entry, name="paper_entry"),
]
