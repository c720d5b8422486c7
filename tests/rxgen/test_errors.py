"""Malformed ``.xg`` and ``.et`` input gives one located error, never a traceback.

Specific mistakes must be reported at the right ``file:line:column`` with a useful message;
hypothesis then mangles valid files (characters and tokens deleted, inserted, replaced) and
requires that the compiler either writes an importable module or raises
:class:`~trio_rxrpc.rxgen.RxgenError` located inside the text.  ``trio-rxrpc rxgen``
reports the same in one line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from xgmodel import interface_sources

from trio_rxrpc.rxgen import (
    ErrorTableError,
    RxgenError,
    generate,
    parse_error_table_source,
    parse_file,
    parse_source,
)

REPO = Path(__file__).resolve().parents[2]

# (source, "line:column", message) of bad.xg
CASES: dict[str, tuple[str, str, str]] = {
    "unknown type": ("struct s {\n    afs_int32 a;\n    foo b;\n};\n",
                     "3:5", "unknown type 'foo'"),
    "duplicate name": ("const A = 1;\nstruct A { int x; };\n",
                       "2:8", "'A' is already declared at bad.xg:1:7"),
    "duplicate opcode": ("P(IN int a) = 1;\nQ(OUT int *b) = 1;\n",
                         "2:1", "opcode 1 of Q is already used by P"),
    "missing opcode": ("P(IN int a);\n", "1:12", "procedure P: expected '= OPCODE', found ';'"),
    "missing opcode at the end": ("P(IN int a)", "1:12",
                                  "procedure P: expected '= OPCODE', found end of file"),
    "negative size": ("struct s { int x[-1]; };\n", "1:16", "x: size -1 is negative"),
    "size not a constant": ("struct s { int x[N]; };\n", "1:18", "'N' is not a known constant"),
    "size zero": ("struct s { opaque x[0]; };\n", "1:19", "x: a fixed array of size 0"),
    "bound beyond 32 bits": ("struct s { int x<0x100000000>; };\n", "1:16",
                             "x: size 4294967296 does not fit in 32 bits"),
    "fixed array too large": (
        "struct s {\n  afs_int32 x[300000];\n};\n", "2:13",
        "1200000 bytes of fixed-size data: more than the 1048576 this compiler allows in "
        "one type"),
    "fixed struct too large": (
        "struct a { afs_int32 x[200000]; };\nstruct s {\n  a one;\n  a two;\n};\n", "2:8",
        "1600000 bytes of fixed-size data: more than the 1048576 this compiler allows in "
        "one type"),
    "string without <N>": ("struct s {\n\tstring name;\n};\n", "2:2", "name: string needs <N>"),
    "string with [N]": ("struct s { string name[4]; };\n", "1:12", "name: string needs <N>"),
    "opaque without size": ("struct s { opaque o; };\n", "1:12",
                            "o: opaque needs [N] or <N>"),
    "unclosed comment": ("const A = 1;\n  /* never\n closed\n", "2:3", "comment is never closed"),
    "unsupported #ifdef": ("const A = 1;\n#ifdef KERNEL\n", "2:1",
                           'preprocessor directive #ifdef is not supported (only #define '
                           'NAME VALUE and #include "FILE")'),
    "unsupported #if": ("#if 0\n", "1:1", 'preprocessor directive #if is not supported (only '
                        '#define NAME VALUE and #include "FILE")'),
    "missing ';'": ("const A = 1\nconst B = 2;\n", "2:1", "expected ';', found 'const'"),
    "union without cases": ("union u switch (int t) {\n    default: void;\n};\n", "1:7",
                            "union u has no cases"),
    "duplicate case": ("union u switch (int t) {\n    case 1: int a;\n    case 2: case 1: void;"
                       "\n};\n", "3:18", "case 1 appears twice (first at bad.xg:2:10)"),
    "second default": ("union u switch (int t) {\n    case 1: void;\n    default: void;\n"
                       "    default: int x;\n};\n", "4:5", "a second default case"),
    "case outside the discriminant": ("union u switch (unsigned t) {\n    case -1: void;\n};\n",
                                      "2:10", "case value -1 is outside 0..4294967295"),
    "union on a struct": ("struct s { int a; };\nunion u switch (s t) { case 1: void; };\n",
                          "2:19", "union u must switch on an integer or enum, not s"),
    "empty enum": ("enum e { };\n", "1:6", "enum e has no members"),
    "enum value beyond 32 bits": ("enum e { A = 4294967295 };\n", "1:14",
                                  "enum value 4294967295 is outside -2147483648..2147483647"),
    "empty struct": ("struct s { };\n", "1:8", "struct s has no fields"),
    "duplicate field": ("struct s { int a; short a; };\n", "1:25", "field 'a' appears twice"),
    "duplicate parameter": ("P(IN int a, OUT int *a) = 1;\n", "1:22",
                            "parameter 'a' appears twice"),
    "opcode beyond 32 bits": ("P() = 0x80000000;\n", "1:7",
                              "opcode 2147483648 is outside -2147483648..2147483647"),
    "unexpected character": ("const A = 1;\nconst B = $;\n", "2:11", "unexpected character '$'"),
    "malformed number": ("const A = 09;\n", "1:11", "malformed number '09'"),
    "#define of nothing known": ("#define A B\n", "1:1",
                                 "#define A: 'B' is not a number or a known constant"),
    "#include without a file": ('#include "other.xg"\n', "1:1",
                                "#include needs a file to be relative to"),
    "pointer to an array": ("struct s { int *x[3]; };\n", "1:17", "x: a pointer to an array"),
    "void field": ("struct s { void; };\n", "1:16", "a struct field cannot be void"),
    "typedef of void": ("typedef void v;\n", "1:9", "typedef of void"),
    "end of file in a struct": ("struct s { int a;", "1:18", "expected a type, found end of file"),
    "stray token": ("= 3;\n", "1:1", "expected a declaration or a procedure, found '='"),
    "built-in type redeclared": ("typedef int afs_int32;\n", "1:13",
                                 "'afs_int32' is a built-in type"),
    "typedef cycle": ("typedef b a;\ntypedef a b;\n", "1:11", "typedef 'a' stands for itself"),
    "struct holding itself": (
        "struct s {\n    int a;\n    s inner[2];\n};\n", "1:8",
        "'s' contains itself: only a pointer (*) or a variable-length array (<>) can lead "
        "back to it"),
    # Names that would break the generated Python module.
    "Python keyword as a type": ("struct class { int a; };\n", "1:8",
                                 "'class' is a Python keyword"),
    "Python keyword as a constant": ("enum e { A, None };\n", "1:13",
                                     "'None' is a Python keyword"),
    "runtime helper as a constant": ("const need = 4;\n", "1:7",
                                     "'need' is a name the generated module uses itself"),
    "built-in as a type": ("struct tuple { int a; };\n", "1:8",
                           "'tuple' is a name the generated module uses itself"),
    "generated helper as a type": ("struct _S0 { int a; };\n", "1:8",
                                   "'_S0' is a name the generated module uses itself"),
    "base class member as a procedure": ("serve(IN int a) = 1;\n", "1:1",
                                         "'serve' cannot name a procedure in Python"),
    "result class taken": ("struct PResult { int a; };\nP(OUT int *x, OUT int *y) = 1;\n",
                           "1:8", "'PResult' is the name of a procedure's result class"),
    "fields equal in Python": ("struct s {\n    int _x;\n    int x_;\n};\n", "3:9",
                               "fields '_x' and 'x_' would both be 'x_' in Python"),
    "parameters equal in Python": ("P(IN int b, int b_) = 1;\n", "1:17",
                                   "parameters 'b' and 'b_' would both be 'b_' in Python"),
}


@pytest.mark.parametrize(("source", "where", "message"), list(CASES.values()), ids=list(CASES))
def test_mistakes_are_located(source: str, where: str, message: str) -> None:
    with pytest.raises(RxgenError) as caught:
        generate(parse_source(source, "bad.xg"))
    line, column = map(int, where.split(":"))
    assert (caught.value.location.line, caught.value.location.column) == (line, column)
    assert caught.value.location.file == "bad.xg"
    assert caught.value.message == message
    assert str(caught.value) == f"bad.xg:{where}: {message}"


def test_include_errors_name_the_included_file(tmp_path: Path) -> None:
    (tmp_path / "main.xg").write_text('const A = 1;\n#include "inner.xg"\n')
    (tmp_path / "inner.xg").write_text("struct s {\n  int a\n};\n")
    with pytest.raises(RxgenError) as caught:
        parse_file(tmp_path / "main.xg")
    assert caught.value.location.file == str(tmp_path / "inner.xg")
    assert (caught.value.location.line, caught.value.location.column) == (3, 1)
    assert caught.value.message == "expected ';', found '}'"


def test_a_missing_include_is_located(tmp_path: Path) -> None:
    (tmp_path / "main.xg").write_text('const A = 1;\n\n  #include "gone.xg"\n')
    with pytest.raises(RxgenError) as caught:
        parse_file(tmp_path / "main.xg")
    assert str(caught.value) == (f"{tmp_path / 'main.xg'}:3:3: cannot read 'gone.xg': "
                                 "No such file or directory")


def test_an_include_of_itself_stops(tmp_path: Path) -> None:
    (tmp_path / "loop.xg").write_text('#include "loop.xg"\n')
    with pytest.raises(RxgenError, match="#include nests too deeply"):
        parse_file(tmp_path / "loop.xg")


# ------------------------------------------------------------------ mangled input

BASE = """package M_
statindex 3
%#include <stdio.h>
const SIZE = 4;         /* a comment */
#define LIMIT 0x10
typedef char name[SIZE];
typedef afs_int32 counts<LIMIT>;
enum kind { ONE = 1, TWO };
struct item {
    name title;
    kind k;
    unsigned hyper big;
    string note<LIMIT>;
    opaque blob<>;
    u_char raw[3];
    item *next;
    counts c;
};
union pick switch (kind k) {
    case ONE: item i;
    case TWO: void;
    default: afs_uint32 other;
};
Get(IN name n, OUT item *i) = 1;
split Put(IN item i, INOUT pick *p, OUT counts *c) = 2;
proc multi Nothing() split = 0x3;
"""

TOKENS = [
    ";", "{", "}", "(", ")", "[", "]", "<", ">", "*", ",", "=", ":", "-", "\n", " ",
    "struct", "union", "switch", "case", "default", "void", "typedef", "enum", "const",
    "IN", "OUT", "INOUT", "split", "multi", "proc", "string", "opaque", "unsigned", "hyper",
    "int", "char", "u_char", "bool", "package", "prefix", "statindex", "/*", "*/", "//",
    "%", "#define X 3\n", "#if 0\n", '#include "x.xg"\n', "0", "-1", "0x", "0xFFFFFFFF",
    "4294967296", "99999999999999999999", "08", "class", "None", "self", "_x", "x_",
    "_S0", "need", "tuple", "serve", "item", "kind", "name", "ONE", "SIZE", "$", "é", "\0",
]


@st.composite
def mangled(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """Valid text with a few characters or tokens deleted, inserted, replaced or moved."""
    text: str = draw(base)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        end = min(len(text), at + draw(st.integers(0, 12)))
        action = draw(st.sampled_from(["delete", "insert", "insert", "replace", "replace",
                                       "duplicate", "char"]))
        if action == "delete":
            text = text[:at] + text[end:]
        elif action == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif action == "replace":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[end:]
        elif action == "duplicate":
            text = text[:at] + text[at:end] + text[at:]
        else:
            text = text[:at] + draw(st.characters()) + text[at:]
    return text


def assert_located(error: RxgenError, text: str, filename: str) -> None:
    """``error`` points into ``text`` and says so in one line."""
    where = error.location
    assert where.file == filename
    assert 1 <= where.line <= text.count("\n") + 1, error
    assert where.column >= 1
    assert str(error) == f"{filename}:{where.line}:{where.column}: {error.message}"
    assert "\n" not in error.message


def compiles_or_is_located(text: str) -> None:
    """The compiler writes a module that imports, or raises a located RxgenError."""
    try:
        module = generate(parse_source(text, "m.xg"), service_id=1)
    except RxgenError as exc:
        assert_located(exc, text, "m.xg")
        return
    namespace: dict[str, object] = {"__name__": "mangled"}
    exec(compile(module, "mangled.py", "exec"), namespace)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(mangled(st.just(BASE)))
def test_mangled_interfaces_fail_only_with_located_errors(text: str) -> None:
    compiles_or_is_located(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled(interface_sources()))
def test_mangled_random_interfaces_fail_only_with_located_errors(text: str) -> None:
    compiles_or_is_located(text)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_any_text_fails_only_with_located_errors(text: str) -> None:
    compiles_or_is_located(text)


BASE_ET = """# a comment
error_table NOTE
    ec NOTE_NOENT, "No such note"
    ec NOTE_EXISTS = 3,
       "A note with that title
exists"
    error_code NOTE_LAST, "last"
end
"""

ET_TOKENS = ["error_table", "et", "ec", "error_code", "end", ",", "=", '"', "#", "\n", " ",
             "NOTE", "X1", "1x", "300", "-1", "TOOLONGNAME", "é", "\0"]


@st.composite
def mangled_tables(draw: st.DrawFn) -> str:
    text = BASE_ET
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        end = min(len(text), at + draw(st.integers(0, 8)))
        token = draw(st.sampled_from(ET_TOKENS) | st.characters())
        text = text[:at] + token + text[end if draw(st.booleans()) else at:]
    return text


@settings(max_examples=200, deadline=None)
@given(mangled_tables())
def test_mangled_error_tables_fail_only_with_located_errors(text: str) -> None:
    try:
        table = parse_error_table_source(text, "m.et")
    except ErrorTableError as exc:
        assert_located(exc, text, "m.et")
        return
    codes = [e.code for e in table.entries]
    assert codes == sorted(set(codes))
    assert all(table.base <= code < table.base + 256 for code in codes)


# ------------------------------------------------------------------ the command line


def rxgen(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{path}" if path else str(REPO)}
    return subprocess.run([sys.executable, "-m", "trio_rxrpc", "rxgen", *argv], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=60, check=False)


def test_cli_reports_a_malformed_file_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.xg").write_text("const A = 1;\nstruct s {\n    string name;\n};\n")
    done = rxgen("bad.xg", "-o", "out.py", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == "rxgen: bad.xg:3:5: name: string needs <N>\n"
    assert not (tmp_path / "out.py").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xg"]


def test_cli_reports_a_malformed_error_table_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "ok.xg").write_text("P() = 1;\n")
    (tmp_path / "bad.et").write_text("error_table AB\n  ec X \"no comma\"\nend\n")
    done = rxgen("ok.xg", "--errors", "bad.et", "-o", "out.py", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == "rxgen: bad.et:2:8: expected ',', found '\"no comma\"'\n"
    assert not (tmp_path / "out.py").exists()


def test_cli_reports_a_missing_file_in_one_line(tmp_path: Path) -> None:
    done = rxgen("absent.xg", "-o", "out.py", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == "rxgen: cannot read absent.xg: No such file or directory\n"
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out.py").exists()


def test_cli_keeps_an_existing_output_when_the_input_is_bad(tmp_path: Path) -> None:
    (tmp_path / "bad.xg").write_text("P(IN int a);\n")
    (tmp_path / "out.py").write_text("# older module\n")
    done = rxgen("bad.xg", "-o", "out.py", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("rxgen: bad.xg:1:12: ")
    assert (tmp_path / "out.py").read_text() == "# older module\n"
