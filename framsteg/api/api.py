from ninja import NinjaAPI

api = NinjaAPI(title="framsteg", version="1")
