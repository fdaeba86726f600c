"""The editorial calendar: month and list views of planned and published posts, and its iCal feed."""
