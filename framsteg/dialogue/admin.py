"""Administration of what residents can report and where it goes.

Categories with their questions, response-time promises and routing rules are set up here.
Cases are only looked at here: they are handled on the staff pages, where every change is recorded as an
event. API keys are created with `framsteg create_api_key` and only listed and revoked here.
"""

from __future__ import annotations

import re

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from framsteg.dialogue import rules
from framsteg.dialogue.models import (
    ApiKey,
    Case,
    CaseEvent,
    Category,
    CategoryQuestion,
    Photo,
    ResponsePromise,
    RoutingRule,
)
from framsteg.dialogue.services.apikeys import revoke_key

_REFERENCE = re.compile(r"^\s*(\d{4})-0*(\d+)\s*$")


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class CategoryQuestionInline(admin.TabularInline):
    model = CategoryQuestion
    fields = ["position", "code", "label", "datatype", "required", "choices", "translations"]
    extra = 0


class RoutingRuleInline(admin.TabularInline):
    model = RoutingRule
    fields = ["district", "organisation"]
    autocomplete_fields = ["organisation"]
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "organisation", "position", "is_active", "publish_when_clean"]
    list_filter = ["kind", "is_active", "publish_when_clean", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "code", "keywords"]
    prepopulated_fields = {"code": ["name"]}
    autocomplete_fields = ["organisation"]
    fields = [
        "kind",
        "name",
        "code",
        "translations",
        "description",
        "description_translations",
        "keywords",
        "organisation",
        "position",
        "is_active",
        "publish_when_clean",
    ]
    inlines = [CategoryQuestionInline, RoutingRuleInline]


@admin.register(ResponsePromise)
class ResponsePromiseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "category", "confirm_within", "answer_within"]
    list_filter = ["kind"]
    list_select_related = ["category"]
    autocomplete_fields = ["category"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "district", "organisation"]
    list_filter = ["district", "organisation"]
    list_select_related = ["category", "district", "organisation"]
    search_fields = ["category__name", "category__code", "organisation__name"]
    autocomplete_fields = ["category", "organisation"]


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ["created_at", "kind", "is_public", "author", "text", "data"]
    readonly_fields = fields
    ordering = ["created_at", "pk"]


class PhotoInline(ReadOnlyInline):
    model = Photo
    # The file name only: photos are never linked or served from their storage path.
    fields = ["image_name", "width", "height", "is_public", "removed_at"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def image_name(self, photo: Photo) -> str:
        return photo.image.name or "—"


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Cases can be looked up here; handling them happens on the staff pages so that it leaves events."""

    list_display = [
        "reference",
        "kind",
        "category",
        "status",
        "organisation",
        "district",
        "created_at",
        "answer_due",
    ]
    list_filter = [
        "kind",
        "status",
        "source",
        "is_published",
        "text_review",
        "category",
        "organisation",
        "district",
    ]
    list_select_related = ["category", "organisation", "district"]
    search_fields = ["place", "published_text"]
    search_help_text = _("A reference such as 2026-00042, or words from the place or the published text.")
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    inlines = [PhotoInline, CaseEventInline]
    exclude = ["commitments"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("reference"), ordering="number")
    def reference(self, case: Case) -> str:
        return case.reference

    def get_search_results(self, request, queryset, search_term):
        match = _REFERENCE.match(search_term or "")
        if match:
            return queryset.filter(year=int(match[1]), number=int(match[2])), False
        return super().get_search_results(request, queryset, search_term)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are listed and revoked here; a key is created with `framsteg create_api_key` and shown once."""

    list_display = ["name", "prefix", "created_at", "created_by", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    fields = ["name", "prefix", "created_at", "created_by", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_revoke_permission(self, request) -> bool:
        return rules.may_manage_api_keys(request.user)

    @admin.action(description=_("Revoke the selected API keys"), permissions=["revoke"])
    def revoke(self, request, queryset) -> None:
        keys = list(queryset.filter(revoked_at__isnull=True))
        for key in keys:
            revoke_key(key, user=request.user)
        self.message_user(
            request,
            ngettext("Revoked %(count)d API key.", "Revoked %(count)d API keys.", len(keys))
            % {"count": len(keys)},
            messages.SUCCESS,
        )
