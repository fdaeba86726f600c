"""The guidelines library: documents per kind (response, monitoring, networks …), versions, review and approval."""
