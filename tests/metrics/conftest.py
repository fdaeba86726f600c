from tests.empty_inbox import demo, department, make_active_channel  # noqa: F401  (fixtures)
