"""The JSON Schemas shipped with the package, compiled once, checked fast.

fastjsonschema compiles each schema to Python and answers "valid" quickly; only a file that
fails is checked again with jsonschema, whose errors (with `best_match` for `oneOf`) say
precisely what is wrong and where. jsonschema (and referencing) are imported only then: a
run where every file is valid, such as a warm pull-request check, never pays for them.
"""

from __future__ import annotations

import copy
import difflib
import json
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

import fastjsonschema

if TYPE_CHECKING:
    import jsonschema
    from referencing import Registry

from ftgitops.findings import JsonPath

KINDS = ("platform", "tenant", "change", "release", "maintenance", "incident")
BASE_URI = "https://ftgitops.example/schemas/"


class SchemaProblem(NamedTuple):
    """One schema violation: code, message and where."""

    code: str
    message: str
    path: JsonPath


def load_schema_documents() -> dict[str, dict[str, Any]]:
    """Every schema shipped in the package, by file name."""
    folder = resources.files("ftgitops") / "schemas"
    return {
        entry.name: json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    }


class SchemaSet:
    """The compiled validators, built once per run and shared by every file."""

    def __init__(self) -> None:
        self.documents = load_schema_documents()

    def schema(self, kind: str) -> dict[str, Any]:
        """The schema document of a file kind."""
        return self.documents[f"{kind}.schema.json"]

    @cached_property
    def _by_uri(self) -> dict[str, dict[str, Any]]:
        return {document["$id"]: document for document in self.documents.values()}

    @cached_property
    def _registry(self) -> Registry[Any]:
        from referencing import Registry, Resource

        resources_ = [(uri, Resource.from_contents(doc)) for uri, doc in self._by_uri.items()]
        return Registry().with_resources(resources_)

    @cached_property
    def _fast(self) -> dict[str, Callable[[Any], Any]]:
        """Compiled validators, from a copy: fastjsonschema rewrites each `$ref` in place, and
        `documents` must stay as shipped (the check's cache key digests them)."""
        shipped = copy.deepcopy(self.documents)
        by_uri = {document["$id"]: document for document in shipped.values()}
        handlers = {"https": lambda uri: by_uri[uri]}
        return {
            kind: fastjsonschema.compile(
                shipped[f"{kind}.schema.json"], handlers=handlers, use_formats=False
            )
            for kind in KINDS
        }

    def is_valid(self, kind: str, instance: Mapping[str, Any]) -> bool:
        """The fast pass."""
        try:
            self._fast[kind](instance)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def problems(self, kind: str, instance: Mapping[str, Any]) -> list[SchemaProblem]:
        """Every violation, explained; empty for a valid instance."""
        if self.is_valid(kind, instance):
            return []
        import jsonschema

        validator = jsonschema.Draft202012Validator(self.schema(kind), registry=self._registry)
        errors = sorted(
            validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))
        )
        return [problem for error in errors for problem in _explain(_best(error))]


def _best(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For `oneOf`, the branch that got furthest into the value says the most."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return error
    depth = len(error.absolute_path)
    deeper = [e for e in error.context if len(e.absolute_path) > depth]
    import jsonschema

    best = jsonschema.exceptions.best_match(deeper or error.context)
    return _best(best) if best is not None else error


def _path(error: jsonschema.ValidationError) -> JsonPath:
    return tuple(part if isinstance(part, int) else str(part) for part in error.absolute_path)


def _explain(error: jsonschema.ValidationError) -> Iterator[SchemaProblem]:
    path, keyword = _path(error), error.validator
    if keyword == "required":
        yield SchemaProblem("FT102", _required_message(error), path)
    elif keyword == "additionalProperties":
        yield from _unknown_fields(error, path)
    elif keyword == "type":
        yield SchemaProblem("FT104", _type_message(error), path)
    elif keyword in ("enum", "const"):
        yield SchemaProblem("FT105", _choice_message(error), path)
    elif keyword == "maxItems":
        count = len(error.instance) if isinstance(error.instance, list) else 0
        limit = error.validator_value
        yield SchemaProblem("FT312", f"the list has {count:,} items; the limit is {limit}", path)
    elif keyword == "propertyNames":
        yield SchemaProblem(
            "FT101",
            f"the name {error.instance!r} is not allowed: use lower-case letters, digits, dashes",
            path,
        )
    else:
        yield SchemaProblem("FT101", _value_message(error), path)


def _required_message(error: jsonschema.ValidationError) -> str:
    missing = str(error.message).split("'")[1] if "'" in error.message else error.message
    return f"the field {missing!r} is required"


def _unknown_fields(error: jsonschema.ValidationError, path: JsonPath) -> Iterator[SchemaProblem]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = list(schema.get("properties", {}))
    extra = sorted(set(error.instance) - set(known)) if isinstance(error.instance, dict) else []
    for name in extra:
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known fields: {', '.join(known)}"
        yield SchemaProblem("FT103", f"unknown field {name!r}{hint}", (*path, name))


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "nothing",
}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping" if isinstance(value, dict) else "nothing"


def _type_message(error: jsonschema.ValidationError) -> str:
    wanted = error.validator_value
    wanted_list = wanted if isinstance(wanted, list) else [wanted]
    names = " or ".join(_TYPE_NAMES.get(str(w), str(w)) for w in wanted_list)
    message = f"expected {names}, got {_type_name(error.instance)} ({error.instance!r})"
    if "string" in wanted_list and isinstance(error.instance, int | float | bool):
        message += ": quote the value so YAML keeps it as written"
    if "boolean" in wanted_list and isinstance(error.instance, str):
        message += ": write true or false"
    return message


def _choice_message(error: jsonschema.ValidationError) -> str:
    value = error.validator_value
    allowed: list[Any] = (
        list(value) if error.validator == "enum" and isinstance(value, list) else [value]
    )
    shown = ", ".join(str(a) for a in allowed)
    close = difflib.get_close_matches(str(error.instance), [str(a) for a in allowed], n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{error.instance!r} is not allowed here; allowed: {shown}{hint}"


def _value_message(error: jsonschema.ValidationError) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator == "pattern" and description:
        return f"{error.instance!r} does not have the required form: {description}"
    message = str(error.message)
    return message if len(message) <= 200 else message[:197] + "..."
