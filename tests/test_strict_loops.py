"""An assertion inside a `for` loop checks nothing when the loop runs over an empty list: such a test passes whatever
the code does. So every loop of the tests whose body asserts runs over something proven non-empty before it: a
literal (or a module constant or a name just bound to one, or `range` of a positive number), or an expression an
earlier assertion of the same block (or of the blocks around it) shows non-empty — `assert rows`,
`assert len(rows) == 3`, `assert sorted(rows) == [...]`. Wrapping calls (`enumerate`, `sorted`, `zip`, `.items()`…)
have the emptiness of what they wrap.
"""

import ast
from pathlib import Path


TESTS = Path(__file__).parent
# Calls whose result is empty exactly when their first argument is.
WRAPPERS = {"sorted", "list", "tuple", "set", "frozenset", "reversed", "enumerate", "dict", "iter", "len"}
VIEWS = {"items", "values", "keys", "all"}  # `rows.items()`, `rows.all()` are empty when `rows` is
SIZES = {"count", "exists"}  # a query set's `rows.count()` says what `len(rows)` does


def unwrapped(node):
    """What the emptiness of `node` is that of: `enumerate(sorted(rows.items()))` → `rows`."""
    while True:
        if isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Name) and node.func.id in WRAPPERS:
            node = node.args[0]
        elif (
            isinstance(node, ast.Call)
            and not node.args
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in VIEWS | SIZES
        ):
            node = node.func.value
        else:
            return node


def same(one, other):
    return ast.dump(unwrapped(one)) == ast.dump(unwrapped(other))


def conjuncts(test):
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return [part for value in test.values for part in conjuncts(value)]
    return [test]


def _number(node, constants):
    if isinstance(node, ast.Name) and node.id in constants:
        node = constants[node.id]
    return node.value if isinstance(node, ast.Constant) and type(node.value) in (int, float) else None


def _is_size(node):
    """`len(rows)` or `rows.count()`: a number, not the rows themselves."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len":
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "count"


def shows_non_empty(test, subject, constants):
    """Whether `assert test` shows `subject` non-empty."""
    for part in conjuncts(test):
        if same(part, subject):
            return True  # `assert rows`, `assert len(rows)`, `assert rows.exists()`
        if not isinstance(part, ast.Compare) or len(part.ops) != 1:
            continue
        left, operator, right = part.left, part.ops[0], part.comparators[0]
        if isinstance(operator, ast.In) and same(right, subject):
            return True  # `assert "geo" in groups`
        for side, other, flipped in ((left, right, False), (right, left, True)):
            if not same(side, subject):
                continue
            if isinstance(operator, ast.Eq) and non_empty(other, (), constants):
                return True  # `assert sorted(rows) == [...]`
            if isinstance(operator, ast.NotEq) and isinstance(other, ast.List | ast.Tuple | ast.Set):
                return not other.elts  # `assert rows != []`
            number = _number(other, constants)
            if not _is_size(side) or number is None:
                continue
            if flipped:  # `assert 0 < len(rows)`
                mirrored = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE}
                operator = mirrored.get(type(operator), type(operator))()
            if isinstance(operator, ast.Eq | ast.GtE) and number >= 1 or isinstance(operator, ast.Gt) and number >= 0:
                return True
    return False


def root_name(node):
    """`rows` of `rows`, `page.rows`, `rows[0]`, `rows.all()`; None for anything else."""
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _bound_names(statement):
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
        targets = [statement.target]
    else:
        return set()
    return {node.id for target in targets for node in ast.walk(target) if isinstance(node, ast.Name)}


def non_empty(node, preceding, constants):
    """Whether `node` is non-empty for sure where a loop after the `preceding` statements runs over it."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "zip":
        proven = [non_empty(argument, preceding, constants) for argument in node.args]
        strict = any(
            keyword.arg == "strict" and getattr(keyword.value, "value", None) is True for keyword in node.keywords
        )
        return bool(proven) and (any(proven) if strict else all(proven))  # zip stops at the shortest
    if unwrapped(node) is not node:
        return non_empty(unwrapped(node), preceding, constants)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return any(
            non_empty(element.value, preceding, constants) if isinstance(element, ast.Starred) else True
            for element in node.elts
        )
    if isinstance(node, ast.Dict):
        return any(
            key is not None or non_empty(value, preceding, constants)
            for key, value in zip(node.keys, node.values, strict=True)
        )
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str | bytes) and len(node.value) > 0
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return non_empty(node.left, preceding, constants) or non_empty(node.right, preceding, constants)
    if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
        return all(
            not comprehension.ifs and non_empty(comprehension.iter, preceding, constants)
            for comprehension in node.generators
        )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split":
        return bool(node.args)  # `text.split(sep)` holds at least one piece, `text.split()` none for a blank text
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range":
        bounds = [_number(argument, constants) for argument in node.args]
        if None in bounds or len(bounds) not in (1, 2):
            return False
        start, stop = (0, *bounds) if len(bounds) == 1 else bounds
        return stop > start
    name = root_name(node)
    bindings = [index for index, statement in enumerate(preceding) if name in _bound_names(statement)]
    if bindings:  # only what follows the name's last binding speaks of its value
        binding = preceding[bindings[-1]]
        if isinstance(node, ast.Name) and isinstance(binding, ast.Assign | ast.AnnAssign) and binding.value:
            if non_empty(binding.value, preceding[: bindings[-1]], constants):
                return True
        preceding = preceding[bindings[-1] + 1 :]
    elif isinstance(node, ast.Name) and node.id in constants:
        return non_empty(constants[node.id], (), constants)
    return any(
        isinstance(statement, ast.Assert) and shows_non_empty(statement.test, node, constants)
        for statement in preceding
    )


def asserts_in(statements):
    """Whether an `assert` runs in these statements (not in a function they define)."""
    pending = list(statements)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Assert):
            return True
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            pending.extend(ast.iter_child_nodes(node))
    return False


def module_constants(tree):
    """Module-level names bound once, by a plain assignment: their values."""
    bound = {}
    for statement in tree.body:
        for name in _bound_names(statement):
            bound.setdefault(name, []).append(statement)
    return {
        name: statements[0].value
        for name, statements in bound.items()
        if len(statements) == 1 and isinstance(statements[0], ast.Assign | ast.AnnAssign) and statements[0].value
    }


def loose_loops(source):
    """The line numbers of the loops whose body asserts over an iterable not proven non-empty."""
    tree = ast.parse(source)
    constants = module_constants(tree)
    found = []

    def visit(statements, before):
        for index, statement in enumerate(statements):
            preceding = before + statements[:index]
            if isinstance(statement, ast.For | ast.AsyncFor) and asserts_in(statement.body):
                if not non_empty(statement.iter, preceding, constants):
                    found.append(statement.lineno)
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                visit(statement.body, [])  # a body runs later: what precedes its definition proves nothing
                continue
            for field in ("body", "orelse", "finalbody"):
                block = getattr(statement, field, None)
                if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                    visit(block, preceding)
            for handler in getattr(statement, "handlers", []):
                visit(handler.body, preceding)
            for case in getattr(statement, "cases", []):
                visit(case.body, preceding)

    visit(tree.body, [])
    return found


def test_no_assertion_of_the_tests_sits_in_a_loop_that_may_run_zero_times():
    paths = sorted(TESTS.rglob("*.py"))
    assert len(paths) > 100
    offenders = [
        f"{path.relative_to(TESTS.parent)}:{line}"
        for path in paths
        for line in loose_loops(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_check_flags_a_loop_over_an_unproven_list_and_passes_a_proven_one():
    flagged = """
def test_a():
    rows = fetch()
    for row in rows:
        assert row.ok
    for key, value in sorted(table.items()):
        assert value
    for row, other in zip(rows, others):
        assert row == other
    assert rows
    for row in other_rows:
        assert row
def test_b(rows):
    assert len(rows) >= 0
    for row in rows:
        assert row
    assert rows
    rows = fetch()
    for row in rows:
        assert row
def test_c(rows, others):
    assert 5 > len(rows) and "a" not in others
    for row in rows + others:
        assert row
    assert rows or others
    for row in [*rows, *others]:
        assert row
    for row in (row for row in rows if row.ok):
        assert row
    for number in range(COUNT):
        assert number
    for word in text.split():
        assert word
"""
    assert loose_loops(flagged) == [4, 6, 8, 11, 15, 19, 23, 26, 28, 30, 32]
    passed = """
CASES = [(1, 2), (3, 4)]
COUNT = 3
def test_d():
    rows = fetch()
    assert len(rows) == 3
    for index, row in enumerate(rows, start=1):
        assert row.ok
    for case in CASES:
        assert case
    for name in ("a", "b"):
        assert name
    for number in range(COUNT):
        assert number >= 0
    table = fetch_table()
    assert sorted(table) == ["a"] and other
    for key, value in table.items():
        assert value
    with context():
        for row, same in zip(rows, rows):
            for value in row.values:
                print(value)
    pairs = [(1, 1)]
    for left, right in pairs:
        assert left == right
    for row in rows:
        count(row)
def test_e(rows, others, people):
    assert "a" in others and 0 < len(people)
    for row, other in zip(rows, others, strict=True):
        assert row == other
    for row in rows + others:
        assert row
    for person in [*rows, *people]:
        assert person
    for row in [row.name for row in others]:
        assert row
    assert people.count() > 10
    for person in people.all():
        assert person
    for line in text.split("\\n"):
        assert line
"""
    assert loose_loops(passed) == []
