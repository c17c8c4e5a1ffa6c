"""The API object's house rules: input the database cannot hold is refused with a translated
400/422, every operation documents the errors it can answer with, and the docs page uses
django-ninja's bundled Swagger UI (served from our static files, never a CDN)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser

from linli.core.bad_input import (
    BAD_INPUT_ERRORS,
    BadInput,
    check_json,
    log_refusal,
    message_for,
    unreadable_body_message,
)

# Statuses any operation may answer with, besides the ones it documents itself.
ERROR_STATUSES = {
    "400": "Bad request: the body could not be read or holds text that cannot be stored",
    "401": "Not signed in, or the token is not valid",
    "403": "Signed in, but this role may not do this",
    "404": "No such community or object, or not visible to the caller",
    "422": "A value is missing, malformed or out of range",
}
ERROR_SCHEMA = {
    "title": "ErrorOut",
    "type": "object",
    "properties": {
        "detail": {
            "title": "Detail",
            "description": "A translated message, or a list of field errors for 422.",
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
        }
    },
    "required": ["detail"],
}


class CheckedJsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body)
        check_json(data)
        return data


class LinliAPI(NinjaAPI):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(parser=CheckedJsonParser(), **kwargs)
        for error in BAD_INPUT_ERRORS:
            self.add_exception_handler(error, self._unstorable)  # type: ignore[arg-type]
        self.add_exception_handler(HttpError, self._http_error)  # type: ignore[arg-type]

    def _unstorable(self, request: HttpRequest, error: Exception) -> HttpResponse:
        log_refusal(request, error)
        return self.create_response(request, {"detail": message_for(error)}, status=422)

    def _http_error(self, request: HttpRequest, error: HttpError) -> HttpResponse:
        detail = str(error)
        if isinstance(error.__cause__, BadInput):
            detail = error.__cause__.message
        elif detail.startswith("Cannot parse request body"):
            detail = unreadable_body_message()
        return self.create_response(request, {"detail": detail}, status=error.status_code)

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["ErrorOut"] = ERROR_SCHEMA
        error_ref = {"$ref": "#/components/schemas/ErrorOut"}
        for methods in schema["paths"].values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_STATUSES.items():
                    if status not in responses and int(status) not in responses:
                        responses[int(status)] = {
                            "description": description,
                            "content": {"application/json": {"schema": error_ref}},
                        }
        return schema
