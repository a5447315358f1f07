"""Find every user-facing problem text in the source, by walking the AST (used by test_messages_zh.py).

A *shape* is the English text with each run-time part replaced by ``{}``: ``f"the row has {len(row)} cells"``
has the shape ``the row has {} cells``. Shapes are collected from

* ``Problem(message, …, expected=…)``, ``InputError("…")`` and ``report.warn("…", expected=…)``;
* wrappers: a function that passes one of its own parameters to ``Problem`` as the message or ``expected``
  (``fail(key, message, value, expected)`` in the scheme reader, …) — then every call of it;
* names and calls used for those arguments: a local or module-level variable (all its assignments, ``+=``
  included), a conditional expression, a concatenation, a module-level function's ``return`` values, a
  dictionary's values (``_EXPECTED.get(name, "…")``).

What cannot be traced is reported as *unresolved*, so a new kind of call site makes the test fail instead of
slipping through untranslated. A text that is wholly run-time (``" / ".join(names)``: a list of names) has the
shape ``{}`` and needs no translation.
"""

from __future__ import annotations

import ast
import itertools
from dataclasses import dataclass, field
from pathlib import Path

HOLE = "{}"
PROBLEM_CALLS = {"Problem", "InputError"}
MESSAGE_FIELDS = {"message": 0, "expected": None}  # keyword → positional index in Problem (None: keyword only)


@dataclass
class Findings:
    shapes: dict[str, set[str]] = field(default_factory=dict)  # shape → {"file:line", …}
    unresolved: list[str] = field(default_factory=list)

    def add(self, shape: str, where: str) -> None:
        self.shapes.setdefault(shape, set()).add(where)


def collapse(text: str) -> str:
    while HOLE + HOLE in text:
        text = text.replace(HOLE + HOLE, HOLE)
    return text


class _Module:
    def __init__(self, path: Path, root: Path):
        self.path, self.name = path, str(path.relative_to(root))
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.functions = {n.name: n for n in self.tree.body if isinstance(n, ast.FunctionDef)}

    def scopes(self, node: ast.AST):
        """The enclosing functions and lambdas, innermost first, then the module."""
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                yield node
        yield self.tree


def _params(fn) -> list[str]:
    args = fn.args
    return [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]


def _own_nodes(scope):
    """Nodes of a scope without descending into nested functions (their assignments are theirs)."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))


class _Resolver:
    def __init__(self, module: _Module, root: Path):
        self.m, self.root = module, root

    def shapes(self, node: ast.AST | None, depth: int = 0) -> list[str] | None:
        """Alternative shapes of an expression; None when it cannot be traced."""
        if node is None or depth > 8:
            return None if node is not None else []
        if isinstance(node, ast.Constant):
            return [node.value] if isinstance(node.value, str) else []
        if isinstance(node, ast.JoinedStr):
            parts = [[v.value] if isinstance(v, ast.Constant) else [HOLE] for v in node.values]
            return ["".join(p) for p in itertools.product(*parts)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.shapes(node.left, depth + 1), self.shapes(node.right, depth + 1)
            if left is None or right is None:
                return None
            return [a + b for a in left or [""] for b in right or [""]]
        if isinstance(node, ast.IfExp):
            body, other = self.shapes(node.body, depth + 1), self.shapes(node.orelse, depth + 1)
            return None if body is None or other is None else body + other
        if isinstance(node, ast.Name):
            return self._name(node, depth)
        if isinstance(node, ast.Call):
            return self._call(node, depth)
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Dict):  # {"a": "…", "b": "…"}[key]
            out: list[str] = []
            for value in node.value.values:
                got = self.shapes(value, depth + 1)
                if got is None:
                    return None
                out.extend(got)
            return out
        if isinstance(node, (ast.Subscript, ast.Attribute)):  # a value read from data (a header, a name)
            return [HOLE]
        return None

    def _name(self, node: ast.Name, depth: int) -> list[str] | None:
        for scope in self.m.scopes(node):
            if not isinstance(scope, ast.Module) and node.id in _params(scope):
                return ["<param>"]
            found: list[str] = []
            assigned = False
            for n in _own_nodes(scope):
                if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in n.targets):
                    got = self.shapes(n.value, depth + 1)
                    if got is None:
                        return None
                    found.extend(got)
                    assigned = True
            for n in _own_nodes(scope):
                if (isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name) and n.target.id == node.id
                        and isinstance(n.op, ast.Add)):
                    extra = self.shapes(n.value, depth + 1)
                    if extra is None:
                        return None
                    found.extend(a + b for a in list(found) for b in extra)
            if assigned:
                return found
        imported = self._imported(node.id, constant=True)  # a module constant from another module
        return None if imported is None else imported._name(ast.Name(id=node.id), depth + 1)

    def _call(self, node: ast.Call, depth: int) -> list[str] | None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "join":
            return [HOLE]  # a list of names or values
        if isinstance(func, ast.Name) and func.id in ("str", "repr", "type"):
            return [HOLE]
        if isinstance(func, ast.Name) and func.id in self.m.functions:
            out: list[str] = []
            for n in ast.walk(self.m.functions[func.id]):
                if isinstance(n, ast.Return):
                    got = self._returned(n.value, depth)
                    if got is None:
                        return None
                    out.extend(got)
            return out
        if isinstance(func, ast.Name):
            imported = self._imported(func.id)
            if imported is not None:
                return imported.shapes(ast.Call(func=func, args=node.args, keywords=node.keywords), depth + 1)
        if _kwargs_lookup(node, self.m):  # where.pop("expected", EXPECTED) in a wrapper: the default here
            return self.shapes(node.args[1], depth + 1) if len(node.args) > 1 else []
        if isinstance(func, ast.Attribute) and func.attr == "get" and isinstance(func.value, ast.Name):
            stored = self._stored_in(func.value.id, depth)
            default = self.shapes(node.args[1], depth + 1) if len(node.args) > 1 else []
            return None if stored is None or default is None else stored + default
        return None

    def _imported(self, name: str, constant: bool = False) -> _Resolver | None:
        """The resolver of the module a function (or constant) was imported from (``from app.x import …``)."""
        for node in self.m.tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and any(a.name == name for a in node.names):
                path = self.root.joinpath(*node.module.split(".")).with_suffix(".py")
                if path.exists():
                    other = _Resolver(_Module(path, self.root), self.root)
                    if constant:
                        return other
                    return other if name in other.m.functions else None
        return None

    def _returned(self, value, depth):
        # names.get(kind, kind.__name__) and " or ".join(...) in a helper: the values of the dictionary
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get":
            if isinstance(value.func.value, ast.Name):
                return self._stored_in(value.func.value.id, depth, scope_of=value)
        return self.shapes(value, depth + 1)

    def _stored_in(self, name: str, depth: int, scope_of: ast.AST | None = None) -> list[str] | None:
        """Every string put into the dictionary ``name``: literal values, comprehension values, item assignments."""
        scopes = list(self.m.scopes(scope_of)) if scope_of is not None else [self.m.tree]
        out: list[str] = []
        for scope in scopes:
            for n in _own_nodes(scope):
                if isinstance(n, ast.Assign):
                    for t in n.targets:
                        if isinstance(t, ast.Name) and t.id == name:
                            if isinstance(n.value, ast.Dict):
                                values = n.value.values
                            elif isinstance(n.value, ast.DictComp):
                                values = [n.value.value]
                            else:
                                return None
                            for v in values:
                                got = self.shapes(v, depth + 1)
                                if got is None:
                                    return None
                                out.extend(got)
                        elif isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == name:
                            got = self.shapes(n.value, depth + 1)
                            if got is None:
                                return None
                            out.extend(got)
        return out


def _kwargs_lookup(call: ast.Call, module: _Module) -> bool:
    """``where.pop("expected", …)`` / ``.get`` on the ``**where`` of the enclosing function."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in ("pop", "get") and isinstance(func.value, ast.Name)
            and call.args and isinstance(call.args[0], ast.Constant)):
        return False
    for scope in module.scopes(call):
        if isinstance(scope, ast.FunctionDef) and scope.args.kwarg is not None:
            return scope.args.kwarg.arg == func.value.id
    return False


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _argument(call: ast.Call, position: int | None, keyword: str) -> ast.AST | None:
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    if position is not None and len(call.args) > position and not any(
            isinstance(a, ast.Starred) for a in call.args[:position + 1]):
        return call.args[position]
    return None


def _wrappers(module: _Module) -> dict[str, dict[str, tuple[int | None, str]]]:
    """Functions that hand a parameter to Problem as message/expected: name → {field: (position, parameter)}."""
    out: dict[str, dict[str, tuple[int | None, str]]] = {}
    for fn in ast.walk(module.tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        params = _params(fn)
        skip = 1 if params and params[0] in ("self", "cls") else 0
        for call in ast.walk(fn):
            if not (isinstance(call, ast.Call) and _callee(call) == "Problem"):
                continue
            for fld, position in MESSAGE_FIELDS.items():
                arg = _argument(call, position, fld)
                if isinstance(arg, ast.Call) and _kwargs_lookup(arg, module) and fn.args.kwarg is not None:
                    out.setdefault(fn.name, {})[fld] = (None, arg.args[0].value)  # damaged(msg, expected=…)
                if isinstance(arg, ast.Name) and arg.id in params and fn.name not in ("__init__", "warn"):
                    positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
                    index = positional.index(arg.id) - skip if arg.id in positional else None
                    out.setdefault(fn.name, {})[fld] = (index, arg.id)
    return out


def collect(root: Path, packages: tuple[str, ...] = ("app", "maps"), exclude: tuple[str, ...] = ("app/gui",),
            include: tuple[str, ...] = ("app/gui/screenshot.py",)) -> Findings:
    """Shapes of the messages under ``packages``; ``exclude`` skips folders (the GUI's own texts go through Qt's
    tr()), ``include`` takes files back (``hazedesk gui --screenshot`` prints its problems on the terminal)."""
    findings = Findings()
    modules = []
    for path in sorted(p for pkg in packages for p in (root / pkg).rglob("*.py")):
        rel = str(path.relative_to(root))
        if rel in include or not (any(rel.startswith(e + "/") for e in exclude) or rel == "app/errors.py"):
            modules.append(_Module(path, root))
    wrappers: dict[str, dict[str, tuple[int | None, str]]] = {}
    for module in modules:  # wrappers are called from other modules too (cells.parse_numbers)
        for name, fields in _wrappers(module).items():
            wrappers.setdefault(name, {}).update(fields)
    for module in modules:
        rel = module.name
        resolver = _Resolver(module, root)
        for call in ast.walk(module.tree):
            if not isinstance(call, ast.Call):
                continue
            name = _callee(call)
            if name in PROBLEM_CALLS:
                if name == "InputError" and call.args and not isinstance(call.args[0], ast.Constant | ast.JoinedStr):
                    continue  # InputError(problem, more): the Problem objects are collected where built
                targets = {f: (p, f) for f, p in MESSAGE_FIELDS.items()}
            elif name == "warn" and (call.args or call.keywords):
                targets = {"message": (0, "message"), "expected": (None, "expected")}
            elif name in wrappers:
                targets = {f: wrappers[name][f] for f in wrappers[name]}
            elif _is_forwarded_fail(module, call):
                targets = {"message": (0, "message")}
            else:
                continue
            for fld, (position, keyword) in targets.items():
                arg = _argument(call, position, keyword)
                if arg is None:
                    continue
                where = f"{rel}:{call.lineno}"
                got = resolver.shapes(arg)
                if got is None:
                    findings.unresolved.append(f"{where} {fld}={ast.unparse(arg)}")
                    continue
                for shape in got:
                    if shape != "<param>":
                        findings.add(collapse(shape), where)
    return findings


def _is_forwarded_fail(module: _Module, call: ast.Call) -> bool:
    """``fail("not a date-time", value)`` where ``fail`` is a parameter: a wrapper handed in (recommend._time)."""
    if not isinstance(call.func, ast.Name):
        return False
    for scope in module.scopes(call):
        if isinstance(scope, (ast.FunctionDef, ast.Lambda)) and call.func.id in _params(scope):
            return call.func.id == "fail"
    return False


if __name__ == "__main__":  # list the shapes: python -m tests.message_sources
    found = collect(Path(__file__).resolve().parents[1])
    for s in sorted(found.shapes):
        print(repr(s))
    for u in found.unresolved:
        print("UNRESOLVED", u)
