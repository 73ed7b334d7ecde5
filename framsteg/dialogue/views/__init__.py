"""Views of the residents' pages: reporting, following one's own case, and the public list of reports."""
