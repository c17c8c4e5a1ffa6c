"""The public JSON API at /api/, with its OpenAPI schema at /api/openapi.json.

Each app adds its router here with one line."""

from linli.budgeting import api as budgeting_api
from linli.engagement import api as engagement_api
from linli.grants import api as grants_api
from linli.meetings import api as meetings_api
from linli.proposals import api as proposals_api
from linli.reviews import api as reviews_api
from linli.sharing import api as sharing_api
from linli.surveys import api as surveys_api
from linli.volunteering import api as volunteering_api
from linli.votes import api as votes_api

from . import core
from .base import LinliAPI

api = LinliAPI(title="linli API", version="1", urls_namespace="api", docs_url="/docs")
api.add_router("", core.router)
api.add_router("", votes_api.router)
api.add_router("", proposals_api.router)
api.add_router("", engagement_api.router)
api.add_router("", surveys_api.router)
api.add_router("", meetings_api.router)
api.add_router("", reviews_api.router)
api.add_router("", sharing_api.router)
api.add_router("", volunteering_api.router)
api.add_router("", grants_api.router)
api.add_router("", budgeting_api.router)
