"""The API's documentation (/api/docs, /api/openapi.json) names each body and answer by its schema's class name.
Two modules' classes of one name were one entry: the desk's, the petitions' and the dialogues' lookups were all
documented with the dialogues' answer, and a dossier's intake with a petition's body, so an integrator reading the
documentation wrote the wrong request. Every name is now one shape."""

import json
from collections import defaultdict

import pydantic
import pytest

from gandan.api import api


@pytest.fixture(scope="module")
def documented_api() -> dict:
    """What /api/openapi.json serves (as JSON: its answers' codes are strings there)."""
    return json.loads(json.dumps(api.get_openapi_schema(), default=str))


def _models(annotation, found: dict[str, set[type]], depth: int = 0) -> None:
    """Every pydantic model reachable from an annotation (lists, unions and fields followed)."""
    if depth > 8:
        return
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        if annotation in found[annotation.__name__]:
            return
        # ninja's own wrappers (a response's envelope, a view's gathered query or path parameters) and the
        # pages' query input are flattened into parameters or inlined: they are never a named entry.
        generated = annotation.__module__ == "abc" or annotation.__module__.startswith("ninja.")
        if not generated and not annotation.__qualname__.endswith(".Input"):
            found[annotation.__name__].add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, found, depth + 1)
        return
    for argument in getattr(annotation, "__args__", ()) or ():
        _models(argument, found, depth + 1)


def test_no_two_schemas_of_the_api_share_a_name():
    found: dict[str, set[type]] = defaultdict(set)
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _models(model, found)
                for model in (operation.response_models or {}).values():
                    _models(model, found)

    shared = {
        name: sorted(c.__module__ for c in classes) for name, classes in found.items() if len(classes) > 1
    }
    assert len(found) > 50  # the walk reached the API's schemas
    assert shared == {}


@pytest.mark.parametrize(
    ("path", "method", "fields"),
    [
        ("/api/v1/dossiers/lookup", "post", {"procedure", "current_appointment", "timeline"}),
        ("/api/v1/petitions/lookup", "post", {"kind", "statutory_due", "timeline"}),
        ("/api/v1/dialogues/questions/{code}", "get", {"dialogue_id", "question"}),
    ],
)
def test_each_lookups_documented_answer_is_its_own(documented_api, path, method, fields):
    schema = documented_api
    reference = schema["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"][
        "$ref"
    ]
    documented = schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]["properties"]

    assert fields <= set(documented)


def test_the_desks_intake_is_documented_with_the_desks_body(documented_api):
    schema = documented_api
    body = schema["paths"]["/api/v1/dossiers/"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]
    documented = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]["properties"]

    assert "procedure_id" in documented and "parts" not in documented
