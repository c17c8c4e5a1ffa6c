"""The public JSON API at /api/, with its OpenAPI schema at /api/openapi.json.

Each module declares its router in its AppConfig (``api_router=Hook("linli.<app>.api.router",
order)``); they are mounted here in that order, after the API's own (communities and the caller).
Refusals become answers in one place: ``install_api_handlers``."""

from linli.core.kit import modules
from linli.core.kit.http import install_api_handlers

from . import core
from .base import LinliAPI

api = LinliAPI(title="linli API", version="1", urls_namespace="api", docs_url="/docs")
install_api_handlers(api)
api.add_router("", core.router)
for router in modules.functions("api_router"):
    api.add_router("", router)
