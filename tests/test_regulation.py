"""The regulation, the tests and the code agree (docs/regulation.md).

Everything is read statically — the Markdown tables, the test sources through ``ast``, the
apps' sources as text — so these tests hold whichever subset of the suite runs.
"""

import ast
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "docs" / "regulation.md"
APPS = ("onsite", "attendance", "archive", "meetingroom", "equipment", "duties")
STATUSES = ("built", "not yet", "not software", "retired")
RULE_ID = re.compile(r"R\d+(?:\.\d+)?-[a-z0-9]+(?:-[a-z0-9]+)*")


def table_rows(first_column):
    """The rows, as dicts, of the document's tables whose header starts with ``first_column``."""
    rows, header = [], None
    for line in DOCUMENT.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif header[0] == first_column and not set(line) <= set("|-: "):
            rows.append(dict(zip(header, cells, strict=False)))
    return rows


def document_rules():
    """{id: status} of every rule in the document."""
    return {row["id"]: row.get("status") for row in table_rows("id")}


def rules_named_by_tests():
    """{id: [test files]} for every ``pytest.mark.rule(...)`` in tests/ (decorators, pytestmark)."""
    named = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "pytest.mark.rule":
                for arg in node.args:
                    where = str(path.relative_to(ROOT))
                    named.setdefault(ast.literal_eval(arg), []).append(where)
    return named


def rules_cited_in_code():
    """{id: [source files]} for every rule id written in the apps' code (not migrations)."""
    cited = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for rule in RULE_ID.findall(path.read_text(encoding="utf-8")):
                cited.setdefault(rule, []).append(str(path.relative_to(ROOT)))
    return cited


def test_every_built_rule_has_a_test():
    named = rules_named_by_tests()
    untested = [rule for rule, status in document_rules().items() if status == "built"]
    untested = [rule for rule in untested if rule not in named]
    assert not untested, f"built, but no test has @pytest.mark.rule for: {untested}"


def test_every_rule_a_test_names_is_in_the_document():
    rules = document_rules()
    wrong = {
        rule: f"{rules.get(rule, 'not in the document')} (named in {', '.join(sorted(set(files)))})"
        for rule, files in rules_named_by_tests().items()
        if rules.get(rule) != "built"
    }
    assert not wrong, (
        f"tests name rules that are not `built` in docs/regulation.md: {wrong}. "
        "A test holding a `not yet` rule means it is built now: update its status."
    )


def test_every_rule_cited_in_code_is_in_the_document():
    rules = document_rules()
    unknown = {
        rule: sorted(set(files))
        for rule, files in rules_cited_in_code().items()
        if rules.get(rule, "retired") == "retired"
    }
    assert not unknown, f"the code cites rules missing from (or retired in) the document: {unknown}"


def test_rule_ids_are_unique_and_well_formed():
    rows = table_rows("id")
    assert rows, "docs/regulation.md has no rule table"
    ids = Counter(row["id"] for row in rows)
    problems = [f"{rule}: used {count} times" for rule, count in ids.items() if count > 1]
    for row in rows:
        rule = row["id"]
        section = rule[1:].split("-")[0]
        if not RULE_ID.fullmatch(rule):
            problems.append(f"{rule}: not R<section>-<slug> (lower-case slug)")
        elif (row.get("§") or "?").split()[0] != f"§{section}":
            problems.append(f"{rule}: its § {row.get('§')!r} is not section {section}")
        if row.get("status") not in STATUSES:
            problems.append(f"{rule}: status {row.get('status')!r} is not one of {STATUSES}")
        if not row.get("原文") or not row.get("rule"):
            problems.append(f"{rule}: the quote or the paraphrase is missing")
    assert not problems, problems


def test_the_summary_counts_each_status():
    counted = Counter(row["status"] for row in table_rows("id"))
    expected = {status: counted[status] for status in STATUSES}
    expected["total"] = sum(counted.values())
    summary = {row["status"]: int(row["rules"]) for row in table_rows("status")}
    assert summary == expected
