"""The default monitoring norms per level, read from the scale's monitoring requirements (admins may change them).

Durations are minutes. "Working time" is 08–16 on working days, public holidays of the hospital's country excluded.
"""

DAY = 24 * 60
WORKING_DAY = 8 * 60

NORMS = {
    1: {
        "check_interval_minutes": WORKING_DAY,
        "checks_in_working_time": True,
        "answer_within_minutes": None,
        "answer_in_working_time": True,
        "involvement_check_interval_minutes": None,
        "dormant_after_days": 30,
        "escalate_after_minutes": WORKING_DAY,
        "justification": (
            "Level 1: 'daily checks of own profiles' — one check per working day. The profiles are information pillars "
            "without dialogue, so the level sets no answer deadline."
        ),
    },
    2: {
        "check_interval_minutes": 160,
        "checks_in_working_time": True,
        "answer_within_minutes": WORKING_DAY,
        "answer_in_working_time": True,
        "involvement_check_interval_minutes": None,
        "dormant_after_days": 30,
        "escalate_after_minutes": 240,
        "justification": (
            "Level 2: 'several daily checks of own profiles with a view to feedback, within normal working hours' — "
            "three checks in the eight working hours (at most 160 working minutes apart); feedback within one "
            "working day."
        ),
    },
    3: {
        "check_interval_minutes": 120,
        "checks_in_working_time": False,
        "answer_within_minutes": 120,
        "answer_in_working_time": False,
        "involvement_check_interval_minutes": None,
        "dormant_after_days": 30,
        "escalate_after_minutes": 120,
        "justification": (
            "Level 3: 'continuous checks of own profiles with a view to dialogue and user service (365/24/7)' — a "
            "check at least every two hours around the clock, and an answer within two hours."
        ),
    },
    4: {
        "check_interval_minutes": 120,
        "checks_in_working_time": False,
        "answer_within_minutes": 120,
        "answer_in_working_time": False,
        "involvement_check_interval_minutes": 60,
        "dormant_after_days": 30,
        "escalate_after_minutes": 120,
        "justification": (
            "Level 4: as level 3, plus 'dedicated monitoring of posts that include user involvement' — those posts "
            "are checked every hour."
        ),
    },
    5: {
        "check_interval_minutes": 60,
        "checks_in_working_time": False,
        "answer_within_minutes": 60,
        "answer_in_working_time": False,
        "involvement_check_interval_minutes": 60,
        "dormant_after_days": 30,
        "escalate_after_minutes": 60,
        "justification": (
            "Level 5: 'departments listen, answer and contribute in real time … specifically in their own networks' — "
            "network owners check at least hourly and answer within an hour."
        ),
    },
}
