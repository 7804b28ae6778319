"""System checks for a deployment (`qinglian check --deploy`), and the same test when the WSGI server starts.

With QINGLIAN_DEBUG off, static files are served from the collected, hashed tree (WhiteNoise's manifest storage):
a template asking for a file the manifest lacks raises, so a production started without `collectstatic` (or not
re-run after an upgrade) answered every page 500 with no hint. Now it refuses to start, saying what to run.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core import checks
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

COLLECT = "qinglian collectstatic --noinput"
_SHOWN = 5  # missing files named in the message; the rest are counted


@register("qinglian", deploy=True)
def static_files_collected(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """qinglian.E001 when the manifest of collected static files is missing, E002 when it lacks files the
    apps ship (collected before an upgrade). Nothing to say with DEBUG on or a storage without a manifest."""
    if settings.DEBUG:
        return []
    storage = storages["staticfiles"]
    manifest_name = getattr(storage, "manifest_name", None)
    if manifest_name is None:
        return []
    if not storage.exists(manifest_name):
        return [
            Error(
                f"静态文件尚未收集：{settings.STATIC_ROOT} 中没有 {manifest_name}，"
                "关闭调试模式后每个页面都会出错（500）",
                hint=f"请先运行 `{COLLECT}`，再启动服务",
                id="qinglian.E001",
            )
        ]
    hashed_files, _hash = storage.load_manifest()
    collected = set(hashed_files)
    missing = sorted(path for path in _shipped_files() if path not in collected)
    if not missing:
        return []
    named = "、".join(missing[:_SHOWN]) + (f" 等 {len(missing)} 个文件" if len(missing) > _SHOWN else "")
    return [
        Error(
            f"已收集的静态文件不是当前版本：缺少 {named}，引用它们的页面会出错（500）",
            hint=f"升级后请重新运行 `{COLLECT}`",
            id="qinglian.E002",
        )
    ]


def _shipped_files() -> set[str]:
    """Every static path the finders offer (the apps' static/ and the npm packages of STATICFILES_DIRS)."""
    ignore = ["CVS", ".*", "*~"]  # collectstatic's defaults
    shipped = set()
    for finder in get_finders():
        for path, storage in finder.list(ignore):
            # A STATICFILES_DIRS entry with a prefix ("vendor/bootstrap", …) is collected under it, as collectstatic
            # does; without it every npm file would count as missing and production would refuse to start.
            prefix = getattr(storage, "prefix", None)
            shipped.add(f"{prefix}/{path}" if prefix else path)
    return {path.replace("\\", "/") for path in shipped}


def refuse_to_serve_misconfigured() -> None:
    """Called when the WSGI application is built (config/wsgi.py): every Qinglian check, the deployment ones
    included (static files collected, the data and audit keys set, audit retention), and ImproperlyConfigured with
    the Chinese reasons when one fails — so gunicorn's workers fail to boot and the log says what to do, instead of
    answering 500 to everyone or running production with derived keys."""
    found = checks.run_checks(include_deployment_checks=True)
    errors = [e for e in found if e.level >= checks.ERROR and (e.id or "").startswith("qinglian.")]
    if errors:
        raise ImproperlyConfigured("；".join(f"{e.msg}。{e.hint}" for e in errors))
