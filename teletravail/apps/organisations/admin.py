from django.contrib import admin

from teletravail.apps.organisations.models import ConsultantAccess, Invitation, Membership, Organisation, Site, Team


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    raw_id_fields = ["commune"]


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "siret", "sector", "headcount", "is_demo", "created_at"]
    list_filter = ["sector", "is_demo"]
    search_fields = ["name", "siret"]
    inlines = [SiteInline, TeamInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "team"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    list_select_related = ["user", "organisation", "team"]
    raw_id_fields = ["user", "organisation", "team", "home_commune"]
    filter_horizontal = ["managed_teams"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    # The token is a credential: never displayed.
    exclude = ["token"]
    raw_id_fields = ["organisation", "team", "home_commune", "invited_by"]


@admin.register(ConsultantAccess)
class ConsultantAccessAdmin(admin.ModelAdmin):
    list_display = ["consultant", "organisation", "granted_at", "revoked_at"]
    search_fields = ["consultant__email", "organisation__name"]
    list_select_related = ["consultant", "organisation"]
    raw_id_fields = ["organisation", "consultant", "granted_by", "revoked_by"]
