"""The project's URLs plus /bench/noop/: the least a Django view can do through the same
middleware, the yardstick for the throughput of the real pages."""

from django.http import HttpResponse
from django.urls import path

from beredskab.access import public
from beredskab.urls import urlpatterns as project_urlpatterns


@public
def noop(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/noop/", noop), *project_urlpatterns]
