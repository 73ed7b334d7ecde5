from django.conf import settings


def site(request) -> dict:
    return {"municipality_name": settings.MUNICIPALITY_NAME}
