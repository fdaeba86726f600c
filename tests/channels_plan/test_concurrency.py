"""Two reviewers decide on the same plan or proposal at the same moment: exactly one decision is recorded."""

import threading

import pytest
from django.db import connection
from django.utils import timezone, translation

from channels_plan.exceptions import PlanError
from channels_plan.models import ChannelPlan, ContentProposal, PlanDecision, ProposalDecision
from channels_plan.services import plan_decide, proposal_decide
from governance.models import User


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_deciding_at_once_record_exactly_one_decision(demo):
    plan = ChannelPlan.objects.get(title="Hjerteforeningens fællesskab på Facebook")
    reviewers = [User.objects.get(username="lead"), User.objects.get(username="community")]
    decisions = ["approve", "reject"]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(reviewer: User, decision: str) -> None:
        start.wait()
        try:
            with translation.override("en"):
                plan_decide(plan=plan, decision=decision, comment="Samtidig", acting_user=reviewer)
            outcomes.append("recorded")
        except PlanError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=pair) for pair in zip(reviewers, decisions, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(outcomes) == 2
    assert outcomes.count("recorded") == 1
    assert any(outcome.startswith("This plan has already been decided") for outcome in outcomes)
    assert PlanDecision.objects.filter(plan=plan).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_deciding_on_a_proposal_at_once_record_exactly_one_decision(demo):
    proposal = ContentProposal.objects.get(title="Sådan forbereder du dig til en ballonudvidelse")
    reviewers = [User.objects.get(username="lead"), User.objects.get(username="community")]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(reviewer: User) -> None:
        start.wait()
        try:
            with translation.override("en"):
                proposal_decide(
                    proposal=proposal,
                    decision="schedule",
                    comment="",
                    scheduled_at=timezone.now(),
                    acting_user=reviewer,
                )
            outcomes.append("recorded")
        except PlanError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(reviewer,)) for reviewer in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes.count("recorded") == 1
    assert any(outcome.startswith("This proposal has already been decided") for outcome in outcomes)
    assert ProposalDecision.objects.filter(proposal=proposal).count() == 1
