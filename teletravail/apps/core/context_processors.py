from django.conf import settings


def platform(request):
    return {"PLATFORM_OPERATOR": settings.PLATFORM_OPERATOR, "PLATFORM_CONTACT_EMAIL": settings.PLATFORM_CONTACT_EMAIL}
