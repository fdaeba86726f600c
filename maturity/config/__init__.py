"""Configuration of the scale per level, in the app: the role catalogue, role requirements, monitoring norms,
required metrics and required guideline documents."""
