from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "framsteg.api"
    verbose_name = "API"
