"""Public URLs of the supplychain app (mounted at /<lang>/value-chain/): open data of the aggregates."""

from django.urls import path

from . import views

app_name = "supplychain"
urlpatterns = [
    path("open-data/maturity.<str:fmt>", views.maturity_data, name="maturity_data"),
    path("open-data/referrals.<str:fmt>", views.referral_data, name="referral_data"),
]
