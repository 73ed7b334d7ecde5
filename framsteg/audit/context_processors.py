from framsteg.audit import rules


def audit(request) -> dict:
    """`can_read_audit_log` for the staff menu, worked out only when a template asks."""
    user = getattr(request, "user", None)
    return {"can_read_audit_log": lambda: rules.can_read_log(user)}
