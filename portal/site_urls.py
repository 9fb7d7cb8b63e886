from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.PageDetailView.as_view(), name="page"),
]
