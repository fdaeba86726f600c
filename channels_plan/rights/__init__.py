"""Posting rights: the policy that turns level, enrolment, role and training into object permissions
(``policy``), and the overview page of who may post where (``overview``)."""
