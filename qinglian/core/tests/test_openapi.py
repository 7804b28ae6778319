"""The OpenAPI document tells the truth: no two schemas share a component name (ninja would let the last one
written overwrite the others, so the party-life meeting POST was documented with the NPC meeting's body), and the
request body each POST/PUT/PATCH documents is the schema the endpoint validates."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from django.test import Client
from ninja import Schema
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.schema import NinjaGenerateJsonSchema
from pydantic import TypeAdapter

from qinglian.core.api import api

WRITES = {"POST", "PUT", "PATCH"}


def _schema_classes(base: type = Schema) -> list[type]:
    found = []
    for sub in base.__subclasses__():
        if sub.__module__.startswith("qinglian."):
            found.append(sub)
        found.extend(_schema_classes(sub))
    return found


def test_no_two_schemas_share_a_name():
    api.get_openapi_schema()  # mounts every app's routers, importing their schemas
    modules: dict[str, set[str]] = defaultdict(set)
    for cls in _schema_classes():
        modules[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: places for name, places in modules.items() if len(places) > 1} == {}


def test_each_component_name_is_written_with_one_definition(monkeypatch):
    written: dict[str, list[Any]] = defaultdict(list)
    original = OpenAPISchema.add_schema_definitions

    def spy(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            if definition not in written[name]:
                written[name].append(definition)
        original(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", spy)
    api.get_openapi_schema()
    assert written, "the document has no components"
    assert sorted(name for name, versions in written.items() if len(versions) > 1) == []


def _resolve(node: Any, components: dict[str, Any]) -> Any:
    """`node` with every $ref replaced by its definition (the document's or the model's own $defs)."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _resolve(components[node["$ref"].rsplit("/", 1)[-1]], components)
        return {k: _resolve(v, components) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_resolve(v, components) for v in node]
    return node


def _strip_titles(node: Any) -> Any:
    """Titles are labels (ninja names an optional body's wrapper after the parameter), not what is validated."""
    if isinstance(node, dict):
        return {k: _strip_titles(v) for k, v in node.items() if not (k == "title" and isinstance(v, str))}
    if isinstance(node, list):
        return [_strip_titles(v) for v in node]
    return node


def _body_models() -> list[tuple[str, str, type]]:
    """(operationId, method, the pydantic model the endpoint validates its JSON body with) for every write."""
    found = []
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                bodies = [m for m in operation.models if m.__ninja_param_source__ == "body"]
                for method in set(operation.methods) & WRITES:
                    for model in bodies:
                        (field,) = model.model_fields.values()
                        found.append((api.get_openapi_operation_id(operation), method, field.annotation))
    return found


def test_each_write_documents_the_body_it_validates():
    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    operations = {
        (op["operationId"], method.upper()): op for item in document["paths"].values() for method, op in item.items()
    }
    checked = 0
    for operation_id, method, annotation in _body_models():
        documented = operations[(operation_id, method)]["requestBody"]["content"]["application/json"]["schema"]
        # What pydantic validates the body with, its own definitions resolved from its own $defs only.
        own = TypeAdapter(annotation).json_schema(ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema)
        expected = _resolve(own, own.get("$defs", {}))
        assert _strip_titles(_resolve(documented, components)) == _strip_titles(expected), operation_id
        checked += 1
    assert checked >= 20, checked  # every app's writes were found


@pytest.mark.django_db
def test_the_docs_and_the_schema_are_for_signed_in_accounts(party_officer):
    anonymous = Client()
    for url in ("/api/docs", "/api/openapi.json"):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    client = Client()
    client.force_login(party_officer)
    assert client.get("/api/docs").status_code == 200
    assert client.get("/api/openapi.json").json()["info"]["title"] == "清廉 API"
