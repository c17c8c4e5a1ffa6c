"""The module kit: what makes linli's module contract a mechanism.

- :mod:`.commands` - ``@command`` (one transaction, the permission for ``actor``, the row lock)
  and ``@own_command`` (the same for what is the actor's own: account, answers, notifications),
  with :func:`audit` and :func:`ledger` writing inside it;
- :mod:`.refusals` - ``Forbidden`` ("may not", 403) and ``Refused`` ("not now / bad input");
- :mod:`.http` - where refusals become answers, for pages and for the API;
- :mod:`.modules` - the registry each app declares itself in (``kit = Module(...)`` on its
  AppConfig);
- :mod:`.standing` - the standings the role table is written in.

Import from here: ``from linli.core.kit import Forbidden, Refused, command, audit, ledger``. The
``apps.py`` files import ``linli.core.kit.modules`` and ``linli.core.kit.standing`` directly, which
load no models.
"""

from .commands import audit, command, ledger, own_command, running
from .refusals import Forbidden, Refused

__all__ = ["Forbidden", "Refused", "audit", "command", "ledger", "own_command", "running"]
