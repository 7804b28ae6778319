"""The app-config base every Qinglian app uses: how an app plugs into the house is said once, here.

Apps subclass it as `appconfig.QinglianAppConfig` (the module, not the class, imported into their apps.py):
Django picks an app's config among the AppConfig classes named in apps.py, and must see only one.

A new domain app declares, on its AppConfig, where its pages and API live and which of its records carry
evidence; the shell discovers the rest by name (`<app>.nav` for menu entries and workbench cards, `<app>.rules`
for rules, `<app>.demo` for the demo organ, `<app>/rule_params.json` for shipped parameters). Nothing else in
the project names the app: `config/urls.py` mounts `url_prefix`, `core.api` mounts `api_routers`, the evidence
app registers `evidence` (see docs/decisions/0004-adding-a-domain-app.md).
"""

from __future__ import annotations

import importlib
import importlib.util

from django.apps import AppConfig, apps


def import_optional(module: str) -> None:
    """Import `module` when it exists. An ImportError raised *inside* an existing module is not swallowed."""
    if importlib.util.find_spec(module) is not None:
        importlib.import_module(module)


class QinglianAppConfig(AppConfig):
    # "npc/" mounts `<app>.urls` under /npc/; None for an app without pages.
    url_prefix: str | None = None
    # API prefix -> "module:attribute" of a ninja Router, mounted under /api/ when the API is first built.
    api_routers: dict[str, str] = {}
    # Model name -> name of its `access_<thing>` in `<app>.permissions`: these records may carry evidence.
    # A value may be ("access_x", {"pdf", …}) for a record that takes only those file kinds (evidence.sniff codes).
    evidence: dict[str, str | tuple[str, frozenset[str]]] = {}

    def ready(self) -> None:
        import_optional(f"{self.name}.nav")  # menu entries and workbench cards register on import


def qinglian_configs() -> list[QinglianAppConfig]:
    """The installed Qinglian apps, in INSTALLED_APPS order (lower layers first)."""
    return [c for c in apps.get_app_configs() if isinstance(c, QinglianAppConfig)]
