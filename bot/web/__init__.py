"""The web server: the consultants' ticket API (and, later, the help page and staff console)."""
