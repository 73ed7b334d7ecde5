from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from framsteg.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


class OrganisationMembershipInline(admin.TabularInline):
    """On a user: the organisations they report for or coordinate."""

    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]
    verbose_name = _("organisation the user reports for")
    verbose_name_plural = _("organisations the user reports for")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "keyword_count"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "kind", "parent", "keywords", "website"]
    inlines = [MembershipInline]

    @admin.display(description=_("keywords"))
    def keyword_count(self, organisation: Organisation) -> int:
        return len(organisation.keyword_list())


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserWithMembershipsAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, OrganisationMembershipInline]
