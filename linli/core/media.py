"""Who may open an uploaded file. Nothing under MEDIA_ROOT is served as a folder: every request for
``/media/<name>`` finds the kind of file from the folder its name starts with, the record that holds
it, and asks that kind's rule whether this person may see it - the same rule as the page that
shows the file. Anyone else gets a 404, as if the file did not exist.

Each app declares its kinds once, in its AppConfig.ready(), with ``register(FileKind(...))``; core
names no app. The files themselves are sent by Django (a FileResponse), or, when
``LINLI_MEDIA_SENDFILE`` is ``x-accel-redirect`` (nginx) or ``x-sendfile`` (Apache, lighttpd), by the
web server after Django has said yes (see docs/security.md, "Uploads and exports" for the server configuration).
"""

from __future__ import annotations

import mimetypes
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.db.models import Model, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from linli.core.uploads import looks_random


@dataclass(frozen=True)
class FileKind:
    """One kind of uploaded file: where it is stored, which record holds it, who may see it.

    ``folders`` are the ``upload_to`` folder and any older folder the same fields used, so files
    stored before the names became random are still found. ``fields`` are the model's file fields
    kept in those folders. ``may_see(user, obj)`` mirrors the page that shows the file. A file an
    anonymous visitor may see is public (shared caches may keep it for an hour); any other is
    sent with ``Cache-Control: private, no-store``.
    """

    name: str
    folders: tuple[str, ...]
    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    may_see: Callable[[Any, Any], bool]

    def holder(self, name: str) -> Model | None:
        model = apps.get_model(self.model)
        holds = Q()
        for field_name in self.fields:
            holds |= Q(**{field_name: name})
        found: Model | None = model._default_manager.filter(holds).first()
        return found

    def public(self, holder: Model) -> bool:
        return self.may_see(AnonymousUser(), holder)


KINDS: dict[str, FileKind] = {}


def register(kind: FileKind) -> None:
    KINDS[kind.name] = kind


def kind_of(name: str) -> FileKind | None:
    """The kind whose folder is the longest start of ``name`` (``grants/receipts`` before
    ``grants``)."""
    best: tuple[int, FileKind] | None = None
    for kind in KINDS.values():
        for folder in kind.folders:
            if name.startswith(folder.rstrip("/") + "/") and (
                best is None or len(folder) > best[0]
            ):
                best = (len(folder), kind)
    return best[1] if best else None


def _clean(path: str) -> str | None:
    """The stored name asked for, or None for anything that tries to leave MEDIA_ROOT."""
    if not path or "\\" in path or "\0" in path or path.startswith("/"):
        return None
    normal = posixpath.normpath(path)
    if normal != path or normal.startswith("..") or "/../" in f"/{normal}/":
        return None
    return normal


def serve(request: HttpRequest, path: str) -> HttpResponseBase:
    name = _clean(path)
    kind = kind_of(name) if name else None
    holder = kind.holder(name) if kind and name else None
    if kind is None or holder is None or name is None or not kind.may_see(request.user, holder):
        raise Http404
    response = _send(name)
    public = kind.public(holder)
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    if not public:
        response["Vary"] = "Cookie"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def send_under(
    user: Any, rule: str, target: Any, name: Callable[[], str | None]
) -> HttpResponseBase:
    """Send a stored file to ``user`` under a rule of the role table: ``Forbidden`` (403) unless
    they may do ``rule`` on ``target``, then the file ``name()`` names, or 404 when it names none.
    The name is looked up only after the rule allowed it, so a person who may not learns nothing
    of which files exist. Such a file is never public: no shared cache keeps it, no browser
    guesses its type. For files served by their folder under ``/media/`` see :func:`serve`."""
    from linli.core.permissions import require

    require(user, rule, target)
    found = name()
    if not found:
        raise Http404
    response = _send(found)
    response["Cache-Control"] = "private, no-store"
    response["Vary"] = "Cookie"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _send(name: str) -> HttpResponseBase:
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    how = getattr(settings, "LINLI_MEDIA_SENDFILE", "")
    if how == "x-accel-redirect":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.LINLI_MEDIA_ACCEL_PREFIX.rstrip("/") + "/" + name
        return response
    if how == "x-sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = default_storage.path(name)
        return response
    if not default_storage.exists(name):
        raise Http404
    return FileResponse(default_storage.open(name, "rb"), content_type=content_type)


def randomise_old_names() -> int:
    """Give every stored file with an old, guessable name (``proposals/2026/05/IMG_0001.jpg``) a
    random one, and delete the old file. Returns how many files moved; running it again moves
    none. Used by ``manage.py randomise_media_names`` after upgrading."""
    moved = 0
    for kind in KINDS.values():
        model = apps.get_model(kind.model)
        for field_name in kind.fields:
            field = model._meta.get_field(field_name)
            rows = model._default_manager.exclude(**{field_name: ""}).exclude(
                **{f"{field_name}__isnull": True}
            )
            for row in rows.iterator():
                stored = getattr(row, field_name)
                if looks_random(stored.name) or not stored.storage.exists(stored.name):
                    continue
                old = stored.name
                with stored.storage.open(old, "rb") as handle:
                    new = stored.storage.save(field.upload_to(row, old), handle)  # type: ignore[attr-defined]
                model._default_manager.filter(pk=row.pk).update(**{field_name: new})
                stored.storage.delete(old)
                moved += 1
    return moved
