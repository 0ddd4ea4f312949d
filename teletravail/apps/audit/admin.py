from django.contrib import admin

from teletravail.apps.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by services.record_event and never edited by hand."""

    list_display = ["created_at", "action", "actor_email", "organisation", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_email", "organisation__name"]
    list_select_related = ["organisation"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
