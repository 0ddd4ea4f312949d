from django.contrib.admin.apps import AdminConfig


class PlatformAdminConfig(AdminConfig):
    """Django's admin on the platform's site (admin_site), kept apart because app configs load before models."""

    default_site = "teletravail.apps.core.admin_site.PlatformAdminSite"
