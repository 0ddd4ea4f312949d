import logging
import time

from django.utils.cache import patch_cache_control


# Files generated for someone (reports, exports, calendar feeds) even when sent without Content-Disposition.
DOCUMENT_CONTENT_TYPES = {
    "application/pdf",
    "text/csv",
    "text/calendar",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class PrivateNoStoreMiddleware:
    """`Cache-Control: private, no-store` on every answer to a signed-in person and on every download (the private
    iCalendar feed is fetched anonymously, its token being the credential): no shared cache or disk cache keeps
    what belongs to one person or one organisation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        user = getattr(request, "user", None)
        if (
            (user is not None and user.is_authenticated)
            or response.has_header("Content-Disposition")
            or content_type in DOCUMENT_CONTENT_TYPES
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response


request_logger = logging.getLogger("teletravail.requests")


class RequestLogMiddleware:
    """One log line per request (production): method, the route it matched (not the path, which may hold a private
    calendar token), status and duration. No user, no address: the logs hold no personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        match = getattr(request, "resolver_match", None)
        request_logger.info(
            "%s %s %s",
            request.method,
            match.route if match else "",
            response.status_code,
            extra={
                "method": request.method,
                "route": match.route if match else None,
                "view": match.view_name if match else None,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response
