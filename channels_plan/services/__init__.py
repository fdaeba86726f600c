"""Every write of the app: locked, checked, audited, one transaction each."""

from channels_plan.calendar.services import calendar_feed_token_reset
from channels_plan.proposals.services import (
    proposal_create,
    proposal_decide,
    proposal_record_publication,
    proposal_schedule_directly,
    proposal_submit,
    proposal_update,
)
from channels_plan.services.enrolment import (
    posting_enrolment_end,
    posting_enrolment_grant,
    posting_enrolment_request,
)
from channels_plan.services.plans import (
    channel_review_record,
    channel_status_set,
    plan_create,
    plan_decide,
    plan_mark_evaluated,
    plan_result_record,
    plan_submission_errors,
    plan_submit,
    plan_update,
)

__all__ = [
    "calendar_feed_token_reset",
    "channel_review_record",
    "channel_status_set",
    "plan_create",
    "plan_decide",
    "plan_mark_evaluated",
    "plan_result_record",
    "plan_submission_errors",
    "plan_submit",
    "plan_update",
    "posting_enrolment_end",
    "posting_enrolment_grant",
    "posting_enrolment_request",
    "proposal_create",
    "proposal_decide",
    "proposal_record_publication",
    "proposal_schedule_directly",
    "proposal_submit",
    "proposal_update",
]
