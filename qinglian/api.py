from ninja import NinjaAPI

api = NinjaAPI(title="清廉 API", version="1", urls_namespace="api")
