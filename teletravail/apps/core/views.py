from django.shortcuts import render

from teletravail.apps.core.legal import personal_data_table
from teletravail.apps.core.modules import MODULES


def home(request):
    return render(request, "core/home.html", {"modules": MODULES})


def modules(request):
    return render(request, "core/modules.html", {"modules": MODULES})


def legal_notice(request):
    return render(request, "core/legal/legal_notice.html")


def personal_data(request):
    return render(request, "core/legal/personal_data.html", {"data_table": personal_data_table()})


def accessibility(request):
    return render(request, "core/legal/accessibility.html")


def sitemap(request):
    return render(request, "core/legal/sitemap.html", {"modules": MODULES})
