"""Evidence files attached to status updates: public, like the updates they belong to.

Only the evidence folder is served. Nothing else under MEDIA_ROOT is served as a file: residents' photos go
out only through views that ask who may see them.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import HttpRequest
from django.views.static import serve


def evidence_file(request: HttpRequest, path: str):
    response = serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "evidence")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
