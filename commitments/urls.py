"""Public URLs of the commitments app that are not Wagtail pages (mounted under /<lang>/commitments/)."""

from django.urls import path

from . import views

app_name = "commitments"
urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify_certificate, name="verify"),
    path("data/commitments.csv", views.commitments_csv, name="commitments_csv"),
    path("data/commitments.json", views.commitments_json, name="commitments_json"),
    path("data/observatory.csv", views.aggregates_csv, name="aggregates_csv"),
    path("data/observatory.json", views.aggregates_json, name="aggregates_json"),
    path("data/dictionary/", views.data_dictionary, name="data_dictionary"),
]
