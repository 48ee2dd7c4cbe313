"""The plan loader with random and mutated files: it names the problem (PlanFileError) or loads
the plan; it never fails with anything else."""

import copy

import yaml
from hypothesis import given
from hypothesis import strategies as st

from beredskab.plans.schema import PlanDocument
from beredskab.plans.services import PlanFileError, parse_plan
from tests.conftest import YAML_DUMPER

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)
YAML_NASTIES = [
    "!!python/object/apply:os.system ['true']",
    "a: &x [*x]",
    "[" * 200 + "]" * 200,
    "key: value\n\tindented: with a tab",
    "? complex key\n: value",
    "%YAML 9.9\n---\na: 1",
    "a: 1\na: 2",
    "\ufeffschema_version: 1",
    "- - - -",
    "municipality: {slug: '../../etc', name: {da: x}}",
]


def loads_or_names_the_problem(text):
    try:
        result = parse_plan(text, "fuzz.yaml")
    except PlanFileError as exc:
        assert "fuzz.yaml" in str(exc)
        return
    assert isinstance(result, PlanDocument)


@given(text=st.one_of(st.text(max_size=500), st.sampled_from(YAML_NASTIES)))
def test_any_text(text):
    loads_or_names_the_problem(text)


def paths(data, prefix=()):
    """Every (path to a value) in nested dicts and lists."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


@given(data=st.data())
def test_mutated_plan_files(allerod_data, data):
    plan = copy.deepcopy(allerod_data)
    every = paths(plan)
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(every))
        action = data.draw(st.sampled_from(["replace", "delete", "duplicate"]))
        try:
            parent = plan
            for part in path[:-1]:
                parent = parent[part]
            if action == "replace":
                parent[path[-1]] = data.draw(VALUES)
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, list):
                parent.append(copy.deepcopy(parent[path[-1]]))
        except (KeyError, IndexError, TypeError):
            pass  # an earlier mutation already removed or replaced the parent

    loads_or_names_the_problem(yaml.dump(plan, Dumper=YAML_DUMPER, allow_unicode=True))
