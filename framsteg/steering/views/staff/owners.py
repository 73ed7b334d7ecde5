"""Edit who answers for a commitment, in the staff pages (not only the Django admin)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from framsteg.core.decorators import staff_page
from framsteg.organisations.models import Organisation
from framsteg.steering import rules
from framsteg.steering.models import Commitment
from framsteg.steering.services import commitments as commitment_services


class OwnersForm(forms.Form):
    owners = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Responsible organisations"),
        queryset=Organisation.objects.order_by("kind", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "They report on the commitment and are reminded when they have not. Reports already made stay "
            "in the history when an organisation is removed."
        ),
    )


@staff_page(rules.may_edit_commitments)
def edit_owners(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(
        Commitment.objects.current().select_related("area", "document").prefetch_related("responsible"), pk=pk
    )
    if request.method == "POST":
        form = OwnersForm(request.POST)
        if form.is_valid():
            commitment_services.set_owners(commitment, form.cleaned_data["owners"], by=request.user)
            messages.success(
                request, _("The owners of %(reference)s are saved.") % {"reference": commitment.reference}
            )
            return redirect("staff:owners", pk=commitment.pk)
    else:
        form = OwnersForm(initial={"owners": list(commitment.responsible.all())})
    bases = {row.organisation_id: row for row in commitment.responsibilities.all()}
    return render(
        request,
        "steering/staff/owners.html",
        {"nav": "staff", "commitment": commitment, "form": form, "bases": bases},
        status=400 if form.is_bound and form.errors else 200,
    )
