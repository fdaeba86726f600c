"""What a plan asks for that its unit's level on the scale does not allow."""

from django.utils.translation import gettext as _

from channels_plan.models import ChannelPlan, Platform
from maturity.models import Level


def plan_level_conflicts(*, plan: ChannelPlan, level: Level | None, feature_codes: set[str]) -> list[str]:
    """Each conflict as a sentence for the person who drafts or reviews the plan.

    ``feature_codes`` are the interaction features the level allows (passed in so lists can prefetch them).
    """
    if level is None:
        return [_("The unit has no assessed level on the scale yet.")]
    conflicts = []
    if plan.invites_dialogue and "comments" not in feature_codes:
        conflicts.append(
            _("Level %(number)s does not allow comments and dialogue on the profiles.") % {"number": level.number}
        )
    if plan.platform == Platform.FACEBOOK_GROUP and "closed_groups" not in feature_codes:
        conflicts.append(
            _("Closed patient and relatives groups belong to level 5; the unit is at level %(number)s.")
            % {"number": level.number}
        )
    if plan.department_posts and level.posting_scope == Level.PostingScope.CENTRAL_ONLY:
        conflicts.append(
            _("At level %(number)s only the central communication unit posts on official profiles.")
            % {"number": level.number}
        )
    return conflicts
