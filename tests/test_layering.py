"""Architecture tests.

The sans-I/O core stays sans-I/O (no trio, sockets, clocks or ambient randomness in _proto)
and free of import cycles; the library never imports the command line; and only the call's
own modules write a call's fields, its state only through the transition table.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import trio_rxrpc
from trio_rxrpc._proto.call import CallCore
from trio_rxrpc._proto.callhost import CallHost
from trio_rxrpc._proto.endpoint import EndpointCore

PROTO = Path(trio_rxrpc.__file__).parent / "_proto"
FORBIDDEN = {"trio", "socket", "time", "secrets", "random", "os", "select", "selectors",
             "asyncio", "threading"}
"""Modules whose use would tie the core to I/O, a clock or hidden randomness."""
ALLOWED = {("endpoint.py", "random")}
"""endpoint.py imports random only to build a *seeded* default when no source is given."""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


PROTO_FILES = sorted(PROTO.rglob("*.py"))


def test_proto_files_found() -> None:
    assert len(PROTO_FILES) >= 10


@pytest.mark.parametrize("path", PROTO_FILES, ids=lambda p: str(p.relative_to(PROTO)))
def test_proto_module_imports_nothing_forbidden(path: Path) -> None:
    bad = {m for m in _imports(path) & FORBIDDEN if (path.name, m) not in ALLOWED}
    assert not bad, f"{path.relative_to(PROTO)} imports {sorted(bad)}"


def test_the_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import trio\nfrom time import monotonic\nfrom . import wire\n")
    assert _imports(sample) & FORBIDDEN == {"trio", "time"}


CLI_MODULES = {"_cli", "_listcmd", "_demo", "_group_cli", "_rxgen_cli", "_rxperf_cli",
               "__main__", "_commands"}
"""The command line: the library may be used without it, so nothing else imports it."""


def _relative_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            found.update((node.module or "").split("."))
            found.update(alias.name for alias in node.names)
    return found


LIBRARY_FILES = sorted(
    path for path in Path(trio_rxrpc.__file__).parent.rglob("*.py")
    if path.stem not in CLI_MODULES and "_commands" not in path.parts)


@pytest.mark.parametrize("path", LIBRARY_FILES,
                         ids=lambda p: str(p.relative_to(PROTO.parent)))
def test_the_library_does_not_import_the_command_line(path: Path) -> None:
    assert not _relative_imports(path) & CLI_MODULES, \
        f"{path.name} imports a command-line module"


def test_the_cli_checker_catches_a_lazy_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def page():\n    from ._listcmd import KINDS\n    return KINDS\n")
    assert "_listcmd" in _relative_imports(sneaky)


def _runtime_imports(path: Path, package: str) -> set[str]:
    """The modules of ``package`` that ``path`` imports when it is imported (not under
    ``if TYPE_CHECKING:`` and not inside functions)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    here = str(path.relative_to(PROTO).with_suffix("")).replace("/", ".").split(".")
    found: set[str] = set()
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        base = here[:-node.level] if node.level <= len(here) else []
        module = ".".join([*base, *([node.module] if node.module else [])])
        found.add(module)
        found.update(f"{module}.{alias.name}" if module else alias.name for alias in node.names)
    return found & set(package.split(","))


def _proto_graph() -> dict[str, set[str]]:
    names = {str(p.relative_to(PROTO).with_suffix("")).replace("/", ".") for p in PROTO_FILES}
    names = {n.removesuffix(".__init__") for n in names if n != "__init__"}
    package = ",".join(sorted(names))
    graph = {}
    for path in PROTO_FILES:
        name = str(path.relative_to(PROTO).with_suffix("")).replace("/", ".")
        if name == "__init__":
            continue
        graph[name.removesuffix(".__init__")] = _runtime_imports(path, package)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt, [*path, nxt])
                if found:
                    return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


def test_the_core_has_no_import_cycle() -> None:
    graph = _proto_graph()
    assert "call_rx" in graph["inbound"]  # the graph sees the imports
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_cycle_finder_finds_one() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


# ------------------------------------------------------- the endpoint never writes a call

CALL_MODULES = {"call.py", "call_tx.py", "call_rx.py", "call_life.py", "call_timers.py",
                "transitions.py"}
"""The call itself: only these modules may assign to a call's fields."""
CALL_FIELDS = frozenset(getattr(CallCore, "__mypyc_attrs__", None) or CallCore.__slots__)
"""A call's fields: its slots, or the attributes of the class mypyc compiled."""
MUTATORS = frozenset({"append", "appendleft", "extend", "insert", "pop", "popleft", "remove",
                      "clear", "add", "discard", "update", "setdefault", "sort", "reverse",
                      "__setitem__", "__delitem__"})
"""Methods that change the container they are called on."""


class _CallWrites(ast.NodeVisitor):
    """Finds writes to a call's fields: ``call.x = ...``, ``call.x += ...``,
    ``del call.x[...]``, ``call.x[i] = ...``, ``call.x.clear()`` and ``setattr(call, ...)``.

    An expression holds a call if it is a name ending in ``call``, an attribute named
    ``call`` (``ch.call``), a parameter annotated ``CallCore``, or a name bound from one of
    those (``old = ch.call``).  Only fields of ``CallCore`` count, so other objects' fields
    of the same name (``conn.peer``) do not.
    """

    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self.aliases: set[str] = set()

    def holds_call(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Name):
            return node.id.endswith("call") or node.id in self.aliases
        return isinstance(node, ast.Attribute) and node.attr == "call"

    def field(self, node: ast.expr) -> str | None:
        """The call field that ``node`` is, or is an item or a slice of."""
        if isinstance(node, ast.Subscript):
            node = node.value
        if (isinstance(node, ast.Attribute) and node.attr in CALL_FIELDS
                and self.holds_call(node.value)):
            return node.attr
        return None

    def target(self, node: ast.expr) -> None:
        if isinstance(node, ast.Tuple | ast.List):
            for element in node.elts:
                self.target(element)
            return
        name = self.field(node)
        if name is not None:
            self.found.append((node.lineno, name))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
            annotation = ast.unparse(arg.annotation) if arg.annotation else ""
            if annotation.strip("'\"") == "CallCore":
                self.aliases.add(arg.arg)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self.target(target)
            if isinstance(target, ast.Name) and self.holds_call(node.value):
                self.aliases.add(target.id)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.target(node.target)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.target(node.target)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self.target(target)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in MUTATORS:
            name = self.field(func.value)
            if name is not None:
                self.found.append((node.lineno, name))
        if (isinstance(func, ast.Name) and func.id in ("setattr", "delattr") and node.args
                and self.holds_call(node.args[0])):
            self.found.append((node.lineno, "setattr"))
        self.generic_visit(node)


def _call_writes(source: str) -> list[tuple[int, str]]:
    finder = _CallWrites()
    finder.visit(ast.parse(source))
    return finder.found


ENDPOINT_SIDE = [path for path in PROTO_FILES if path.parent == PROTO
                 and path.name not in CALL_MODULES]


def test_the_call_modules_exist() -> None:
    names = {path.name for path in PROTO_FILES}
    assert names >= CALL_MODULES
    assert {"endpoint.py", "inbound.py", "serverside.py", "tables.py"} <= {
        path.name for path in ENDPOINT_SIDE}


@pytest.mark.parametrize("path", ENDPOINT_SIDE, ids=lambda p: p.name)
def test_the_endpoint_never_writes_a_call_field(path: Path) -> None:
    writes = list(_call_writes(path.read_text()))
    assert not writes, f"{path.name} writes call fields (line, field): {writes}"


def test_the_call_write_checker_catches_writes() -> None:
    sample = '''
def f(ep, ch, conn, peer, c: CallCore):
    call.state = 1
    ch.call.peer = peer
    del call.tx_bufs[:], call.tx_lost[:]
    call.rx_bufs.clear()
    old = ch.call
    old.accepted = True
    c.heard = True
    created_call.tx_sacked[0] = 1
    call.busy_count += 1
    call.waiter: object = None
    setattr(call, "error", "x")
'''
    assert [name for _line, name in _call_writes(sample)] == [
        "state", "peer", "tx_bufs", "tx_lost", "rx_bufs", "accepted", "heard", "tx_sacked",
        "busy_count", "waiter", "setattr"]


def test_the_call_write_checker_leaves_other_objects_alone() -> None:
    sample = '''
def f(ep, ch, conn, peer, listener, call):
    ch.call = call
    conn.peer = peer
    call.peer.cwnd_hint = 4
    call.ep.dirty.add(call)
    call.conn.held.append(call)
    listener.pending -= 1
    state = call.state
    ep.new_calls.append(call)
    call.local_abort(1, 0.0)
'''
    assert _call_writes(sample) == []


def _state_writes(path: Path) -> list[str]:
    """The functions in ``path`` that assign an attribute named ``state`` (once per write)."""
    found: list[str] = []
    for func in ast.walk(ast.parse(path.read_text())):
        if not isinstance(func, ast.FunctionDef):
            continue
        for node in ast.walk(func):
            targets: list[ast.expr] = (
                node.targets if isinstance(node, ast.Assign)
                else [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else [])
            found.extend(func.name for target in targets
                         if isinstance(target, ast.Attribute) and target.attr == "state")
    return sorted(found)


def test_only_the_transition_table_changes_a_call_state() -> None:
    writes = {path.name: _state_writes(path) for path in PROTO_FILES if _state_writes(path)}
    assert writes == {
        "call.py": ["__init__"],  # a new call's start state
        "transitions.py": ["__init__", "advance"],  # (InvalidTransition keeps the state it saw)
    }


# What the core keeps of the application is typed (see _proto/boundary.py): the slots have
# protocol types, and nothing looks them up or dispatches on them by name or by class.
BOUNDARY_SLOTS = {"owner", "waiter", "listener", "queue"}
PACKAGE_FILES = sorted(Path(trio_rxrpc.__file__).parent.rglob("*.py"))


def _name_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _untyped_boundary(source: str, *, core: bool) -> list[str]:
    """Where ``source`` reaches a boundary slot untyped: ``getattr``/``hasattr`` naming one
    or applied to one, ``isinstance`` of one, and (in the core) a slot or argument annotated
    ``object`` or ``Any``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            func, args = node.func.id, node.args
            subject = _name_of(args[0])
            named = (args[1].value if len(args) > 1 and isinstance(args[1], ast.Constant)
                     and isinstance(args[1].value, str) else None)
            if func in {"getattr", "hasattr"} and (
                    subject in BOUNDARY_SLOTS or named in BOUNDARY_SLOTS | {"_wake"}):
                found.append(f"line {node.lineno}: {func}() on {subject or named}")
            if func == "isinstance" and subject in BOUNDARY_SLOTS:
                found.append(f"line {node.lineno}: isinstance() of {subject}")
        annotation: ast.expr | None
        if isinstance(node, ast.AnnAssign):
            slot, annotation = _name_of(node.target), node.annotation
        elif isinstance(node, ast.arg):
            slot, annotation = node.arg, node.annotation
        else:
            continue
        if (core and slot in BOUNDARY_SLOTS and annotation is not None
                and re.search(r"\b(object|Any)\b", ast.unparse(annotation))):
            found.append(f"line {node.lineno}: {slot} is untyped")
    return found


@pytest.mark.parametrize("path", PACKAGE_FILES, ids=lambda p: str(p.relative_to(PROTO.parent)))
def test_the_core_boundary_is_typed(path: Path) -> None:
    assert _untyped_boundary(path.read_text(), core=PROTO in path.parents) == []


def test_the_boundary_checker_catches_untyped_slots() -> None:
    sneaky = (
        "class C:\n"
        "    owner: object = None\n"
        "    def f(self, call, queue: Any = None):\n"
        "        self.waiter: 'object | None' = None\n"
        "        g = getattr(call.listener, 'queue', None)\n"
        "        wake = getattr(call.x, '_wake', None)\n"
        "        return isinstance(call.owner, C) or hasattr(call, 'waiter')\n"
    )
    assert len(_untyped_boundary(sneaky, core=True)) == 7
    assert len(_untyped_boundary(sneaky, core=False)) == 4
    assert _untyped_boundary("class L:\n    queue: AcceptQueue | None = None\n", core=True) == []


# ------------------------------------------- a call asks its endpoint only through CallHost

HOST_MEMBERS = frozenset(
    name for name in (*vars(CallHost), *getattr(CallHost, "__annotations__", ()))
    if not name.startswith("_"))
"""What a call may ask of its endpoint (see _proto/callhost.py)."""
HOST_SLOTS = frozenset({"host", "ep"})
"""The names a call's endpoint goes by (``ep`` was its old name: it must not come back)."""
ENDPOINT_MODULES = frozenset({"endpoint", "inbound", "serverside", "tables"})
HOST_USERS = sorted(path for path in PROTO_FILES if path.name in CALL_MODULES)


class _HostUses(ast.NodeVisitor):
    """Finds what is used of a call's host: ``x.host.name``, ``x.ep.name``, and ``name`` of
    a local bound from one (``host = call.host``) or a parameter annotated ``CallHost``."""

    def __init__(self) -> None:
        self.used: list[tuple[int, str]] = []
        self.aliases: set[str] = set()

    def is_host(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Attribute):
            return node.attr in HOST_SLOTS
        return isinstance(node, ast.Name) and node.id in self.aliases

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
            if arg.annotation is not None and ast.unparse(arg.annotation).strip(
                    "'\"") == "CallHost":
                self.aliases.add(arg.arg)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if self.is_host(node.value):
            self.aliases.update(t.id for t in node.targets if isinstance(t, ast.Name))
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if self.is_host(node.value):
            self.used.append((node.lineno, node.attr))
        self.generic_visit(node)


def _host_uses(source: str) -> list[tuple[int, str]]:
    finder = _HostUses()
    finder.visit(ast.parse(source))
    return finder.used


def _imports_at_run_time(source: str) -> set[str]:
    """The modules (last dotted part) that ``source`` imports outside ``if TYPE_CHECKING:``,
    including imports inside functions."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            for statement in node.orelse:
                visit(statement)
            return
        if isinstance(node, ast.ImportFrom):
            if node.module:
                found.add(node.module.split(".")[-1])
            if node.level:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[-1] for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def test_the_host_protocol_is_what_the_endpoint_offers() -> None:
    assert {"config", "counters", "want_transmit", "changed", "schedule"} <= HOST_MEMBERS
    endpoint = EndpointCore()
    assert [name for name in sorted(HOST_MEMBERS) if not hasattr(endpoint, name)] == []


@pytest.mark.parametrize("path", HOST_USERS, ids=lambda p: p.name)
def test_a_call_uses_only_the_host_protocol(path: Path) -> None:
    source = path.read_text()
    extra = [(line, name) for line, name in _host_uses(source) if name not in HOST_MEMBERS]
    assert not extra, f"{path.name} uses endpoint members outside CallHost: {extra}"
    assert not _imports_at_run_time(source) & ENDPOINT_MODULES, \
        f"{path.name} imports the endpoint side at run time"


def test_the_host_checkers_catch_violations() -> None:
    sample = '''
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from .endpoint import EndpointCore
def f(call, h: CallHost):
    call.host.want_transmit(call)
    call.ep.dirty[call] = None
    host = call.host
    host.out.append(1)
    self.host.schedule(call)
    h.live_calls.pop(call)
    call.conn.peer.address
def g():
    from . import inbound
    return inbound
'''
    assert [name for _line, name in _host_uses(sample)] == [
        "want_transmit", "dirty", "out", "schedule", "live_calls"]
    assert _imports_at_run_time(sample) & ENDPOINT_MODULES == {"inbound"}
    assert _imports_at_run_time("from .endpoint import EndpointCore\n") == {
        "endpoint", "EndpointCore"}
