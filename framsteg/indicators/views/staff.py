"""Goal owners' staff pages for what measures their goal: linked indicators and the indicators' targets."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from framsteg.core.decorators import staff_page
from framsteg.indicators import rules
from framsteg.indicators.assessment import assess_indicators
from framsteg.indicators.models import Indicator, Target
from framsteg.indicators.services import goals as goal_measures
from framsteg.steering.models import Area
from framsteg.steering.selectors.goals import goals_queryset


def _goal(request: HttpRequest, pk: int) -> Area:
    goal = goals_queryset().prefetch_related("responsible").filter(pk=pk).first()
    if goal is None or not rules.may_edit_goal_measures(request.user, goal):
        raise Http404
    return goal


class LinkForm(forms.Form):
    indicator = forms.ModelChoiceField(label=gettext_lazy("Indicator"), queryset=Indicator.objects.none())

    def __init__(self, *args, goal: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.exclude(areas=goal).order_by("name")


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["kind", "value", "year", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


@staff_page(rules.may_use_goal_measures)
def goal_indicators(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
    form = LinkForm(request.POST or None, goal=goal)
    if request.method == "POST" and form.is_valid():
        goal_measures.link_indicator(goal, form.cleaned_data["indicator"], by=request.user)
        messages.success(request, _("The indicator now follows the goal."))
        return redirect("indicators-staff:goal-indicators", pk=goal.pk)
    linked = list(goal.indicators.order_by("name"))
    assessments = assess_indicators(linked)
    return render(
        request,
        "indicators/staff/goal_indicators.html",
        {
            "nav": "staff",
            "goal": goal,
            "form": form,
            "forms": [form],
            "linked": [assessments[indicator.pk] for indicator in linked],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@staff_page(rules.may_use_goal_measures)
def unlink(request: HttpRequest, pk: int, indicator: int) -> HttpResponse:
    goal = _goal(request, pk)
    found = get_object_or_404(Indicator, pk=indicator, areas=goal)
    goal_measures.unlink_indicator(goal, found, by=request.user)
    messages.success(request, _("The indicator no longer follows the goal."))
    return redirect("indicators-staff:goal-indicators", pk=goal.pk)


@staff_page(rules.may_use_goal_measures)
def edit_target(request: HttpRequest, pk: int, indicator: int, target: int | None = None) -> HttpResponse:
    goal = _goal(request, pk)
    found = get_object_or_404(Indicator, pk=indicator, areas=goal)
    existing = get_object_or_404(Target, pk=target, indicator=found) if target else None
    form = TargetForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal_measures.save_target(
                found,
                by=request.user,
                kind=data["kind"],
                value=data["value"],
                year=data["year"],
                note=data["note"],
                target=existing,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The target is saved."))
            return redirect("indicators-staff:goal-indicators", pk=goal.pk)
    return render(
        request,
        "indicators/staff/target.html",
        {"nav": "staff", "goal": goal, "indicator": found, "target": existing, "form": form, "forms": [form]},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@staff_page(rules.may_use_goal_measures)
def remove_target(request: HttpRequest, pk: int, indicator: int, target: int) -> HttpResponse:
    goal = _goal(request, pk)
    found = get_object_or_404(Target, pk=target, indicator_id=indicator, indicator__areas=goal)
    goal_measures.remove_target(found, by=request.user)
    messages.success(request, _("The target is removed."))
    return redirect("indicators-staff:goal-indicators", pk=goal.pk)
