"""Administration of the plan. Status history is shown but can never be changed or deleted here."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from framsteg.core.admin import ReadOnlyAdminMixin
from framsteg.steering.models import (
    Area,
    CandidateTarget,
    Commitment,
    CommitmentRevision,
    DocumentLink,
    DocumentVersion,
    Evidence,
    FollowUpPeriod,
    Responsibility,
    Status,
    StatusUpdate,
    SteeringDocument,
)


@admin.register(Status)
class StatusAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "name_en",
        "code",
        "tone",
        "default_progress",
        "requires_reason",
        "is_done",
        "is_active",
        "position",
    ]
    list_filter = ["tone", "is_active", "is_done", "requires_reason"]
    search_fields = ["code", "name", "name_en", "name_fi"]


class DocumentVersionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = DocumentVersion
    fields = ["number", "format", "filename", "imported_at", "imported_by"]
    readonly_fields = fields
    extra = 0
    show_change_link = True


class AreaInline(admin.TabularInline):
    model = Area
    fields = ["position", "title", "kind", "title_inferred", "removed_in"]
    readonly_fields = ["title_inferred", "removed_in"]
    extra = 0
    show_change_link = True


@admin.register(SteeringDocument)
class SteeringDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "period_label", "adopted_on", "author", "organisation"]
    list_filter = ["kind", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["title", "author", "source_note"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation"]
    date_hierarchy = "adopted_on"
    inlines = [AreaInline, DocumentVersionInline]

    @admin.display(description=_("period"))
    def period_label(self, document: SteeringDocument) -> str:
        return document.period_label


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["document", "number", "format", "filename", "imported_at", "imported_by"]
    list_filter = ["format", "document"]
    list_select_related = ["document", "imported_by"]
    search_fields = ["document__title", "filename", "sha256"]


class CommitmentInline(admin.TabularInline):
    model = Commitment
    fk_name = "area"
    fields = ["position", "text", "budget_sek", "removed_in"]
    readonly_fields = ["text", "removed_in"]
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # Commitments come from their document's text, with a place in it.


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["title", "document", "kind", "position", "title_inferred", "is_current"]
    list_filter = ["document", "kind", "title_inferred"]
    list_select_related = ["document"]
    search_fields = ["title", "narrative"]
    autocomplete_fields = ["parent", "responsible"]
    readonly_fields = ["document", "created_in", "removed_in", "source_start", "source_end"]
    inlines = [CommitmentInline]

    @admin.display(description=_("current"), boolean=True)
    def is_current(self, area: Area) -> bool:
        return area.removed_in_id is None


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 1
    autocomplete_fields = ["organisation"]


class StatusUpdateInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = StatusUpdate
    fk_name = "commitment"
    fields = [
        "created_at",
        "period",
        "status",
        "progress",
        "author_name",
        "organisation",
        "corrects",
        "comment",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["-created_at", "-pk"]


class CommitmentRevisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CommitmentRevision
    fields = ["created_at", "version", "previous_text", "new_text"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["reference", "short_text", "document", "area", "is_current"]
    list_filter = ["document", "responsible"]
    list_select_related = ["document", "area"]
    search_fields = ["text", "area__title", "document__title"]
    readonly_fields = [
        "document",
        "area",
        "source_version",
        "source_start",
        "source_end",
        "created_in",
        "removed_in",
    ]
    fields = [
        "document",
        "area",
        "text",
        "position",
        "budget_sek",
        "source_version",
        "source_start",
        "source_end",
        "created_in",
        "removed_in",
    ]
    inlines = [ResponsibilityInline, StatusUpdateInline, CommitmentRevisionInline]

    @admin.display(description=_("text"))
    def short_text(self, commitment: Commitment) -> str:
        return str(commitment)

    @admin.display(description=_("current"), boolean=True)
    def is_current(self, commitment: Commitment) -> bool:
        return commitment.removed_in_id is None


@admin.register(Responsibility)
class ResponsibilityAdmin(admin.ModelAdmin):
    list_display = ["organisation", "commitment", "basis"]
    list_filter = ["basis", "organisation"]
    list_select_related = ["organisation", "commitment"]
    search_fields = ["organisation__name", "commitment__text"]
    autocomplete_fields = ["organisation", "commitment"]


@admin.register(CommitmentRevision)
class CommitmentRevisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["commitment", "version", "created_at"]
    list_select_related = ["commitment", "version__document"]
    search_fields = ["previous_text", "new_text"]


@admin.register(CandidateTarget)
class CandidateTargetAdmin(admin.ModelAdmin):
    list_display = ["text", "value", "unit", "qualifier", "year", "document", "commitment"]
    list_filter = ["document", "unit"]
    list_select_related = ["document", "commitment"]
    search_fields = ["text", "context"]
    readonly_fields = ["document", "version", "area", "commitment", "source_start", "source_end"]


@admin.register(FollowUpPeriod)
class FollowUpPeriodAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "kind", "starts_on", "ends_on", "report_due", "is_open"]
    list_filter = ["kind", "is_open", "year"]
    actions = ["open_for_reporting", "close_for_reporting"]

    @admin.action(description=_("Open the selected period for reporting (closes the open one)"))
    def open_for_reporting(self, request, queryset) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one period to open."), messages.ERROR)
            return
        period = queryset.get()
        with transaction.atomic():
            FollowUpPeriod.objects.filter(is_open=True).exclude(pk=period.pk).update(is_open=False)
            FollowUpPeriod.objects.filter(pk=period.pk).update(is_open=True)
        self.message_user(request, _("%(period)s is open for reporting.") % {"period": period})

    @admin.action(description=_("Close the selected periods for reporting"))
    def close_for_reporting(self, request, queryset) -> None:
        closed = queryset.filter(is_open=True).update(is_open=False)
        self.message_user(
            request,
            ngettext("%(count)d period closed.", "%(count)d periods closed.", closed) % {"count": closed},
        )


class EvidenceInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Evidence
    fields = ["title", "url", "file", "document"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(StatusUpdate)
class StatusUpdateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "commitment",
        "period",
        "status",
        "progress",
        "author_name",
        "organisation",
        "corrects",
    ]
    list_filter = ["period", "status", "organisation"]
    list_select_related = [
        "commitment__area",
        "period",
        "status",
        "organisation",
        "corrects__commitment__area",
        "corrects__status",
    ]
    search_fields = ["commitment__text", "author_name", "comment", "reason", "correction_note"]
    date_hierarchy = "created_at"
    inlines = [EvidenceInline]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "status_update", "url", "file"]
    list_select_related = ["status_update__commitment__area", "status_update__status", "document"]
    search_fields = ["title", "url"]


@admin.register(DocumentLink)
class DocumentLinkAdmin(admin.ModelAdmin):
    list_display = ["document", "commitment", "score", "state", "decided_by", "decided_at"]
    list_filter = ["state", "document"]
    list_select_related = ["document", "commitment", "decided_by"]
    search_fields = ["document__title", "commitment__text"]
    readonly_fields = ["decided_by", "decided_at"]
    autocomplete_fields = ["document", "commitment"]

    def save_model(self, request, obj, form, change) -> None:
        if "state" in form.changed_data:
            obj.decided_by = request.user
            obj.decided_at = timezone.now()
        super().save_model(request, obj, form, change)
