"""The read-only JSON API at /api/v1/: the plan, its status history and vocabularies, as open data."""

from ninja import NinjaAPI

from framsteg.api.indicators import router as indicators_router
from framsteg.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from framsteg.api.views import router
from framsteg.steering.exports import ROLLUP_RULE, SOURCE_NOTE

DESCRIPTION = f"""
The municipality's plan: steering documents, their areas and commitments, and every status update,
read-only.

**Source.** {SOURCE_NOTE} Every commitment carries the exact quote and offsets of its place in the
document version it was read from.

**Roll-ups.** {ROLLUP_RULE}

**Indicators.** Key figures with their sources, targets and releases. A source may revise a whole
back-series, so measurements come in releases that are never mixed; the current release is used unless
another is asked for. Each indicator is judged against its latest target from its trend.

**Paging.** Lists take `page` (from 1) and `page_size` ({DEFAULT_PAGE_SIZE} by default, at most
{MAX_PAGE_SIZE}) and answer with `count`, `next`, `previous` and `items`.

**Language.** Codes never change; labels follow the request's `Accept-Language` (sv, en, fi).

The same shapes are available offline with `framsteg export --format json`.
"""

api = NinjaAPI(title="framsteg", version="1", description=DESCRIPTION.strip())
api.add_router("", router)
api.add_router("", indicators_router)
