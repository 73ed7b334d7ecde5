"""The goal tree on the staff side: judging goals per period, linking goals across documents, naming the
long-term goals and choosing goals' owners."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from framsteg.core.decorators import staff_page
from framsteg.organisations.models import Organisation
from framsteg.steering import rules
from framsteg.steering.models import Area, Commitment, FollowUpPeriod, GoalContribution, Judgement
from framsteg.steering.rollup import RollupRule
from framsteg.steering.selectors import goals as goal_selectors
from framsteg.steering.services import goals as goal_services


def _period(request: HttpRequest) -> FollowUpPeriod | None:
    """The period asked for (?period=id), else the open one, else the latest."""
    periods = FollowUpPeriod.objects.order_by("-ends_on", "-pk")
    chosen = request.GET.get("period", "")
    if chosen.isdigit():
        found = periods.filter(pk=int(chosen)).first()
        if found is not None:
            return found
    return FollowUpPeriod.open_period() or periods.first()


def _goal(pk: int) -> Area:
    goal = goal_selectors.goals_queryset().prefetch_related("responsible").filter(pk=pk).first()
    if goal is None:
        raise Http404
    return goal


@staff_page(rules.may_see_goals)
def goal_tree(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    rule = RollupRule.configured()
    tree = goal_selectors.goal_tree(period, drafts=True, rule=rule)
    nodes = [node for root in tree for node in root.walk()]
    prefetch_related_objects([node.goal for node in nodes], "responsible")
    for node in nodes:
        node.may_judge = period is not None and rules.can_judge(request.user, node.goal)
    return render(
        request,
        "steering/staff/goals.html",
        {
            "nav": "staff",
            "period": period,
            "periods": FollowUpPeriod.objects.order_by("-ends_on", "-pk"),
            "nodes": nodes,
            "rule": rule.statement,
            "may_edit": rules.may_edit_goal_tree(request.user),
            "unnamed": [node.goal for node in nodes if node.goal.awaiting_name],
        },
    )


class JudgementForm(forms.Form):
    judgement = forms.ChoiceField(
        label=gettext_lazy("Judgement"), choices=Judgement.choices, widget=forms.RadioSelect
    )
    analysis = forms.CharField(
        label=gettext_lazy("Analysis"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "What the judgement rests on: what was done, what the indicators show, what is left and what "
            "will be done."
        ),
    )


@staff_page(rules.may_see_goals)
def judge(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal(pk)
    if not rules.can_judge(request.user, goal):
        raise Http404
    period = _period(request)
    if period is None:
        return render(
            request, "steering/staff/goal_judge.html", {"nav": "staff", "goal": goal, "period": None}
        )
    form = JudgementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal_services.judge_goal(
                goal,
                period,
                form.cleaned_data["judgement"],
                form.cleaned_data["analysis"],
                by=request.user,
                organisation=rules.judging_organisation(request.user, goal),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if rules.needs_review(request.user):
                messages.success(request, _("Your judgement is saved as a draft; a coordinator reviews it."))
            else:
                messages.success(request, _("The judgement is saved and public."))
            return redirect(f"{request.path}?period={period.pk}")
    return render(
        request,
        "steering/staff/goal_judge.html",
        {
            "nav": "staff",
            "goal": goal,
            "period": period,
            "form": form,
            "forms": [form],
            "history": goal_selectors.judgement_history(goal, drafts=True),
            "indicators": goal_selectors.indicator_readings([goal]).get(goal.pk, []),
            "is_forecast": period.kind == FollowUpPeriod.Kind.INTERIM,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


class ContributionForm(forms.Form):
    source = forms.ChoiceField(label=gettext_lazy("Goal or commitment that contributes"))
    contribution = forms.CharField(
        label=gettext_lazy("How it contributes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("In a sentence or two, as the documents or the owners put it."),
    )

    def __init__(self, *args, areas: list[Area], commitments: list[Commitment], **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {str(area.pk): area for area in areas}
        self.commitments = {str(commitment.pk): commitment for commitment in commitments}
        self.fields["source"].choices = [
            ("", _("Choose …")),
            (
                _("Goals of other documents"),
                [(f"area-{area.pk}", f"{area.document.title}: {area.title}") for area in areas],
            ),
            (
                _("Commitments of other documents"),
                [(f"commitment-{c.pk}", f"{c.document.title} {c.reference}: {c}") for c in commitments],
            ),
        ]

    def clean_source(self) -> Area | Commitment:
        kind, _sep, pk = self.cleaned_data["source"].partition("-")
        found = (self.areas if kind == "area" else self.commitments if kind == "commitment" else {}).get(pk)
        if found is None:
            raise ValidationError(_("Choose a goal or a commitment from the list."))
        return found


@staff_page(rules.may_see_goals)
def contributions(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal(pk)
    if not rules.can_edit_contributions(request.user, goal):
        raise Http404
    areas, commitments = goal_selectors.contribution_candidates(goal)
    if not rules.may_edit_goal_tree(request.user):  # owners link commitments to their goal; goals are linked
        areas = []  # by coordinators
    form = ContributionForm(request.POST or None, areas=areas, commitments=commitments)
    if request.method == "POST" and form.is_valid():
        try:
            goal_services.set_contribution(
                goal, form.cleaned_data["source"], form.cleaned_data["contribution"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The link is saved."))
            return redirect("staff:goal-contributions", pk=goal.pk)
    return render(
        request,
        "steering/staff/goal_contributions.html",
        {
            "nav": "staff",
            "goal": goal,
            "form": form,
            "forms": [form],
            "may_edit": rules.may_edit_goal_tree(request.user),
            "links": GoalContribution.objects.filter(goal=goal).select_related(
                "from_area__document", "from_commitment__area", "from_commitment__document"
            ),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@staff_page(rules.may_see_goals)
def remove_contribution(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_or_404(GoalContribution.objects.select_related("goal__document"), pk=pk)
    goal = contribution.goal
    owner_may = contribution.from_commitment_id and rules.can_judge(request.user, goal)
    if not (rules.may_edit_goal_tree(request.user) or owner_may):
        raise Http404
    goal_services.remove_contribution(contribution, by=request.user)
    messages.success(request, _("The link is removed."))
    return redirect("staff:goal-contributions", pk=goal.pk)


class GoalForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Name"), max_length=300, required=False)
    narrative = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    naming_source = forms.CharField(
        label=gettext_lazy("Where the name and description come from"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "The adopted document, and its page or section, e.g. “Ett hållbart Botkyrka, s. 4”."
        ),
    )
    owners = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Owners (judge the goal each period)"),
        queryset=Organisation.objects.order_by("kind", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, names_goal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not names_goal:
            for name in ("title", "narrative", "naming_source"):
                del self.fields[name]


@staff_page(rules.may_edit_goal_tree)
def edit_goal(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal(pk)
    names_goal = goal.kind == Area.Kind.LONG_TERM_GOAL
    initial = {"owners": list(goal.responsible.all())}
    if names_goal:
        initial.update(
            title="" if goal.awaiting_name else goal.title,
            narrative=goal.narrative,
            naming_source=goal.naming_source,
        )
    form = GoalForm(request.POST or None, initial=initial, names_goal=names_goal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if names_goal:
                goal_services.edit_goal(
                    goal,
                    by=request.user,
                    owners=data["owners"],
                    title=data["title"],
                    narrative=data["narrative"],
                    naming_source=data["naming_source"],
                )
            else:
                goal_services.edit_goal(goal, by=request.user, owners=data["owners"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The goal is saved."))
            return redirect("staff:goal-edit", pk=goal.pk)
    return render(
        request,
        "steering/staff/goal_edit.html",
        {"nav": "staff", "goal": goal, "form": form, "forms": [form], "names_goal": names_goal},
        status=400 if form.is_bound and form.errors else 200,
    )
