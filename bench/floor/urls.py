from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path


def constant(request):
    return HttpResponse("ok\n", content_type="text/plain")


def rows(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, slug_en, title_en, date FROM news_newsitem ORDER BY id LIMIT 20")
        found = cursor.fetchall()
    return render(request, "rows.html", {"rows": found})


urlpatterns = [path("constant", constant), path("rows", rows)]
