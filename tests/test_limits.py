"""Tests of welfare_rules._limits: bounded JSON/TOML loading, sizes, lines, digits."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules import _limits
from welfare_rules._limits import (
    MAX_DEPTH,
    MAX_INPUT_BYTES,
    MAX_INPUT_ENV,
    check_data,
    check_depth,
    check_lines,
    check_size,
    data_depth_exceeds,
    has_surrogates,
    json_array_pieces,
    json_depth_exceeds,
    load_json,
    load_toml,
    max_input_bytes,
    parse_size,
    read_bytes,
    scrub_surrogates,
    toml_depth_exceeds,
)
from welfare_rules.errors import (
    InputLimitError,
    InputSizeError,
    NestingDepthError,
    SettingError,
    WelfareRulesError,
)

# --- JSON ----------------------------------------------------------------------------------


def _nested_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_load_json_reads_plain_json() -> None:
    assert load_json('{"a": [1, 2, {"b": null}]}') == {"a": [1, 2, {"b": None}]}
    assert load_json(b'{"a": 1}') == {"a": 1}
    assert load_json('{"a": 1}'.encode("utf-16")) == {"a": 1}
    assert load_json(b"\xef\xbb\xbf[1]".decode("utf-8-sig")) == [1]


@pytest.mark.parametrize("depth", [1, 50, MAX_DEPTH])
def test_json_up_to_the_limit_is_read(depth: int) -> None:
    assert data_depth_exceeds(load_json(_nested_json(depth)), MAX_DEPTH) is None


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,  # issue 13: Person.from_json("[" * 100000) raised RecursionError
        _nested_json(MAX_DEPTH + 1),
        '{"nodes": [' + '{"children": [' * 900 + "]}" * 900 + "]}",  # 900 node levels
        "[" * 10**6 + "]" * 10**6,
    ],
    ids=["open-100k", "limit+1", "tree-900", "pairs-1M"],
)
def test_deep_json_is_a_nesting_depth_error(text: str) -> None:
    with pytest.raises(NestingDepthError) as info:
        load_json(text, what="report.json")
    error = info.value
    assert isinstance(error, InputLimitError)
    assert isinstance(error, ValueError)
    assert (error.depth, error.limit, error.line) == (MAX_DEPTH + 1, MAX_DEPTH, 1)
    assert str(error) == ("line 1: report.json nested 101 levels deep, more than the limit of 100")
    assert error.text.vi == "dòng 1: report.json lồng nhau 101 tầng, quá giới hạn 100 tầng"


def test_the_depth_error_names_the_line() -> None:
    text = '{\n"a":\n' + "[\n" * 200
    with pytest.raises(NestingDepthError) as info:
        load_json(text)
    assert info.value.line == 2 + MAX_DEPTH


def test_brackets_inside_json_strings_do_not_count() -> None:
    text = json.dumps({"label": "[" * 10_000, "escaped": '\\"[[[' * 1000, "list": [["]"]]})
    assert load_json(text)["list"] == [["]"]]


def test_an_unterminated_json_string_is_a_syntax_error() -> None:
    with pytest.raises(json.JSONDecodeError):
        load_json('["abc' + "[" * 1000)


def test_a_smaller_depth_limit() -> None:
    assert load_json("[[1]]", max_depth=2) == [[1]]
    with pytest.raises(NestingDepthError, match="limit of 2"):
        load_json("[[[1]]]", max_depth=2)


@pytest.mark.parametrize("limit", [0, -1, _limits.MAX_DEPTH_CEILING + 1])
def test_a_depth_limit_outside_the_ceiling_is_a_setting_error(limit: int) -> None:
    with pytest.raises(SettingError, match="max_depth"):
        load_json("[]", max_depth=limit)
    with pytest.raises(SettingError):
        load_toml("", max_depth=limit)


@pytest.mark.parametrize("digits", [101, 4_301, 100_000])
def test_json_integers_beyond_the_digit_limit(digits: int) -> None:
    # issue 13: Python's 4.300-digit limit leaked as a bare ValueError
    for text in ("1" * digits, f'{{"amount": -{"9" * digits}}}'):
        with pytest.raises(InputSizeError) as info:
            load_json(text)
        assert info.value.unit == "digits"
        assert info.value.size == digits
        assert str(info.value).startswith("a number in JSON is ")
        assert info.value.text.vi.startswith("một số trong JSON dài ")


def test_json_integers_up_to_the_limit_are_read() -> None:
    assert load_json("9" * 100) == 10**100 - 1
    assert load_json("1e400") == float("inf")  # a float is left to the models to refuse


@pytest.mark.parametrize(
    "text",
    [
        "[" * (MAX_DEPTH + 1) + "1" + "]" * MAX_DEPTH + "x",  # and bad syntax after it
        "[" * (MAX_DEPTH + 1) + "1" * 200 + "]" * (MAX_DEPTH + 1),  # and a long number
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),  # parses: too deep all the same
    ],
    ids=["bad-syntax", "long-number", "valid"],
)
def test_the_depth_error_comes_first_whatever_else_is_wrong(text: str) -> None:
    # issue 15: the text is parsed first and scanned only where a limit may be passed;
    # a too-deep text is still a depth error before anything else, with its line
    with pytest.raises(NestingDepthError) as info:
        load_json(text)
    assert (info.value.depth, info.value.line) == (MAX_DEPTH + 1, 1)


def test_long_digit_runs_in_strings_are_no_number() -> None:
    assert load_json(json.dumps({"text": "1" * 500, "n": 5})) == {"text": "1" * 500, "n": 5}


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner),
    max_leaves=20,
)


@given(_json_values, st.integers(1, 6))
def test_nests_deeper_measures_as_the_walk_does(data: object, limit: int) -> None:
    assert _limits._nests_deeper(data, limit) == (data_depth_exceeds(data, limit) is not None)


# --- a long array read in pieces (issue 15) --------------------------------------------------

_AWKWARD = st.sampled_from(
    ["}", "},", "},{", "]", "[", "{", '"', "\\", '"nodes": [', "é", "7301952846173", " "]
)
_ELEMENTS = st.lists(
    st.recursive(
        st.one_of(st.integers(-5, 10**6), st.lists(_AWKWARD, max_size=4).map("".join), st.none()),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.lists(_AWKWARD, max_size=3).map("".join), inner, max_size=3)
        ),
        max_leaves=8,
    ).map(lambda value: {"v": value}),
    min_size=1,
    max_size=8,
)


def _read_in_pieces(text: bytes, key: str, piece_bytes: int) -> tuple[object, list[object]] | None:
    read = json_array_pieces(text, key, piece_bytes=piece_bytes)
    if read is None:
        return None
    head, pieces = read
    try:
        return head, [element for piece in pieces for element in piece]
    except ValueError:
        return None


@given(
    _ELEMENTS,
    st.dictionaries(
        st.sampled_from(["title", "x", "nodes "]), st.lists(_AWKWARD, max_size=5).map("".join)
    ),
    st.integers(1, 60),
    st.booleans(),
)
@example([{"v": "},{"}], {}, 1, False)
@example([{"v": ['"nodes": [']}], {"title": '"nodes": ['}, 1, True)
def test_an_array_read_in_pieces_is_the_array_parsed_whole(
    elements: list[object], others: dict[str, str], piece_bytes: int, spaced: bool
) -> None:
    # each guess at a cut is proved by parsing: whatever is read is what json reads
    whole = {**others, "nodes": elements}
    text = json.dumps(whole, ensure_ascii=False, indent=1 if spaced else None).encode()
    read = _read_in_pieces(text, "nodes", piece_bytes)
    if read is not None:
        head, found = read
        assert found == elements
        assert head == {key: value for key, value in whole.items() if key != "nodes"}


@pytest.mark.parametrize(
    "text",
    [
        b'{"nodes": [{"a": 1}], "nodes": [{"a": 2}]}',  # the last one counts
        b'{"x": {"nodes": [{"a": 1}]}, "nodes": [{"a": 2}]}',  # an inner one first
        b'{"title": "\\"nodes\\": [{}]", "nodes": [{"a": 2}]}',  # in a string first
    ],
)
def test_an_array_read_in_pieces_is_the_one_json_reads(text: bytes) -> None:
    read = _read_in_pieces(text, "nodes", 1)
    if read is not None:
        head, found = read
        assert {**head, "nodes": found} == json.loads(text)  # type: ignore[dict-item]


def test_an_array_is_read_in_pieces_of_about_the_size_asked() -> None:
    elements = [{"label": f"x{i}", "children": [{"n": i}]} for i in range(200)]
    text = json.dumps({"title": "t", "nodes": elements, "citations": []}).encode()
    read = json_array_pieces(text, "nodes", piece_bytes=500)
    assert read is not None
    head, pieces = read
    sizes = [len(piece) for piece in pieces]
    assert len(sizes) > 10
    assert sum(sizes) == 200
    assert head == {"title": "t", "citations": []}


@pytest.mark.parametrize(
    "text",
    [
        b'{"nodes": [{"a": "\\ud800"}]}',  # a surrogate escape: the careful reader
        '{"nodes": [{"a": 1}]}'.encode("utf-16"),
        b"\xef\xbb\xbf" + b'{"nodes": [{"a": 1}]}',
        b'{"n": ' + b"1" * 101 + b', "nodes": [{"a": 1}]}',  # a long number outside
        b'{"nodes": []}',
        b'{"nodes": 5}',
        b'{"other": [{"a": 1}]}',
        b'[{"nodes": [{"a": 1}]}]',
    ],
)
def test_what_needs_the_careful_reader_is_not_read_in_pieces(text: bytes) -> None:
    assert _read_in_pieces(text, "nodes", 1) is None


def test_a_long_number_in_a_piece_stops_the_pieces() -> None:
    text = b'{"nodes": [{"a": 1}, {"a": ' + b"1" * 101 + b"}]}"
    read = json_array_pieces(text, "nodes", piece_bytes=1)
    assert read is not None
    with pytest.raises(ValueError, match="digits"):
        list(read[1])


def test_a_lone_surrogate_escape_becomes_the_replacement_character() -> None:
    data = load_json('{"a\\ud800": ["x\\udfffy", "\\ud83d\\ude00"]}')
    assert data == {"a\ufffd": ["x\ufffdy", "\U0001f600"]}  # a real pair is kept
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # can be written back


def test_a_raw_lone_surrogate_becomes_the_replacement_character() -> None:
    assert load_json('["a\udc80"]') == ["a\ufffd"]
    assert load_json(b'["a\xed\xa0\x80"]') == ["a\ufffd"]  # an encoded surrogate


@given(st.text())
@example("\ud800")
@example("a\udfff\ud800b")
def test_any_json_string_loads_to_writable_text(text: str) -> None:
    loaded = load_json(json.dumps(text))
    loaded.encode("utf-8")  # never UnicodeEncodeError
    assert loaded == scrub_surrogates(text)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab', max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(alphabet='[]{}"\\', max_size=3), children, max_size=3)
    ),
    max_leaves=30,
)


@given(_JSON, st.integers(min_value=1, max_value=8))
def test_the_json_scan_agrees_with_the_parsed_depth(data: object, limit: int) -> None:
    text = json.dumps(data)
    scanned = json_depth_exceeds(text, limit)
    parsed = data_depth_exceeds(data, limit)
    assert (scanned is None) == (parsed is None)
    if scanned is not None:
        assert scanned[0] == parsed == limit + 1


# --- TOML ----------------------------------------------------------------------------------


def test_load_toml_reads_plain_toml() -> None:
    text = 'title = "Tết [2024]" # a comment [[[\n[[nodes]]\nlabel = "Mức 600.000đ"\namount = 13200000\n'
    assert load_toml(text) == {
        "title": "Tết [2024]",
        "nodes": [{"label": "Mức 600.000đ", "amount": 13_200_000}],
    }


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 100_000,  # issue 13: deep TOML raised RecursionError
        "x = " + "[" * 101 + "]" * 101,
        "x = " + "{a = " * 101 + "1" + "}" * 101,
        "a" + ".a" * 100_000 + " = 1",  # tomllib takes quadratic time and memory on these
        "[" + "a." * 100_000 + "a]\nx = 1",
        "a.\"b\".'c'" + " . d" * 200 + " = 1",
    ],
    ids=["open-100k", "arrays", "inline-tables", "dotted-key", "dotted-header", "quoted"],
)
def test_deep_toml_is_a_nesting_depth_error(text: str) -> None:
    with pytest.raises(NestingDepthError) as info:
        load_toml(text, what="ruleset.toml")
    assert info.value.limit == MAX_DEPTH
    assert info.value.depth is not None
    assert info.value.depth > MAX_DEPTH
    assert info.value.line == 1
    assert "ruleset.toml" in str(info.value)


def test_toml_up_to_the_limit_is_read() -> None:
    assert load_toml("x = " + "[" * 99 + "]" * 99)["x"] == _nest(98)
    assert load_toml("a" + ".a" * 98 + " = 1") == _dotted(99)


def _nest(depth: int) -> list[object]:
    return [_nest(depth - 1)] if depth else []


def _dotted(parts: int) -> dict[str, object]:
    data: object = 1
    for _ in range(parts):
        data = {"a": data}
    assert isinstance(data, dict)
    return data


def test_brackets_and_dots_in_toml_strings_and_comments_do_not_count() -> None:
    lines = [
        'note = "[[[[ . . . . {{{{"',
        "literal = '[[[[ ....'",
        "# [[[[[[[[[[[[ ....................",
        'multi = """\n[[[[[[[[[[[[\n.....\n"""',
        "lit_multi = '''\n{{{{{{{{{{\n'''",
        "amount = 1.5",
    ]
    text = "\n".join(f"{line.replace(' = ', f'{i} = ', 1)}" for i in range(60) for line in lines)
    data = load_toml(text)
    assert data["note0"] == "[[[[ . . . . {{{{"
    assert data["amount59"] == 1.5


def test_data_nested_deeper_than_toml_brackets_show_is_caught_after_parsing() -> None:
    # a table header path and dotted keys inside it add up; the check after parsing sees it
    text = "[" + ".".join(["a"] * 60) + "]\n" + ".".join(["b"] * 60) + " = 1\n"
    with pytest.raises(NestingDepthError):
        load_toml(text)


@pytest.mark.parametrize("digits", [101, 4_301])
def test_toml_integers_beyond_the_digit_limit(digits: int) -> None:
    with pytest.raises(InputSizeError, match="a number in TOML") as info:
        load_toml(f"x = {'1' * digits}")
    assert info.value.unit == "digits"


def test_toml_syntax_errors_are_left_as_they_are() -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        load_toml("x = ")


def test_a_lone_surrogate_in_toml_text_becomes_the_replacement_character() -> None:
    assert load_toml('x = "a\udc80"') == {"x": "a\ufffd"}


def test_the_toml_scan_bounds_brackets_and_dotted_keys() -> None:
    # what tomllib would recurse or go quadratic on; the data's own depth is checked after
    assert toml_depth_exceeds("a.b = [[1]]", 5) is None
    assert toml_depth_exceeds("a.b.c.d = 1", 2) == (3, 5)
    assert toml_depth_exceeds("x = [[[1]]]", 2) == (3, 6)
    assert toml_depth_exceeds("x = 1.5\ny = 2.5\nz = 3.5", 1) is None


# --- plain data ----------------------------------------------------------------------------


def test_data_depth_is_measured_without_recursion() -> None:
    data: list[object] = []
    inner = data
    for _ in range(100_000):
        child: list[object] = []
        inner.append(child)
        inner = child
    assert data_depth_exceeds(data, MAX_DEPTH) == MAX_DEPTH + 1
    with pytest.raises(NestingDepthError, match="report"):
        check_depth({"nodes": data}, what="report")
    check_depth({"nodes": [{"children": []}]}, what="report")
    assert data_depth_exceeds(5, 1) is None


@given(_JSON, st.integers(min_value=1, max_value=8))
def test_check_data_agrees_with_the_data_depth(data: object, limit: int) -> None:
    depth = data_depth_exceeds(data, limit)
    if depth is None:
        assert check_data(data, what="x", max_depth=limit) is data  # no surrogate: no copy
    else:
        with pytest.raises(NestingDepthError) as caught:
            check_data(data, what="x", max_depth=limit)
        assert caught.value.depth == depth


def test_check_data_replaces_lone_surrogates_everywhere() -> None:
    data = {"a\ud800": ["x", ("\udfff", 1)], 2: {"k": "\ud801y"}, "n": None}
    assert check_data(data, what="x") == {
        "a\ufffd": ["x", ("\ufffd", 1)],
        2: {"k": "\ufffdy"},
        "n": None,
    }
    assert "a\ud800" in data  # the caller's data is left as it was
    assert check_data("\ud800", what="x") == "\ufffd"
    assert check_data(5, what="x") == 5


def test_check_data_measures_depth_without_recursion() -> None:
    data: list[object] = []
    inner = data
    for _ in range(100_000):
        child: list[object] = []
        inner.append(child)
        inner = child
    with pytest.raises(NestingDepthError, match="101"):
        check_data({"nodes": data}, what="report")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{}", False),
        ('"Tết"', False),
        ('"\\ud800"', True),
        ('"\ud800"', True),
        ('"\\u0041"', False),
    ],
)
def test_has_surrogates(text: str, expected: bool) -> None:
    assert has_surrogates(text) is expected


# --- sizes and lines -----------------------------------------------------------------------


def test_parse_size() -> None:
    assert parse_size("1024") == 1024
    assert parse_size("50M") == MAX_INPUT_BYTES
    assert parse_size(" 2 kib ") == 2048
    assert parse_size("1G") == 1024**3
    for bad in ("", "-1", "1.5M", "ten", "1T"):
        with pytest.raises(SettingError, match=MAX_INPUT_ENV) as info:
            parse_size(bad)
        assert isinstance(info.value, WelfareRulesError)
        assert "không hợp lệ" in info.value.text.vi


def test_max_input_bytes_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAX_INPUT_ENV, raising=False)
    assert max_input_bytes() == MAX_INPUT_BYTES
    monkeypatch.setenv(MAX_INPUT_ENV, "10k")
    assert max_input_bytes() == 10_240
    monkeypatch.setenv(MAX_INPUT_ENV, " ")
    assert max_input_bytes() == MAX_INPUT_BYTES
    monkeypatch.setenv(MAX_INPUT_ENV, "lots")
    with pytest.raises(SettingError):
        max_input_bytes()


def test_read_bytes_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"x" * 101)
    assert read_bytes(path, limit=101) == b"x" * 101
    with pytest.raises(InputSizeError) as info:
        read_bytes(path, limit=100)
    assert (info.value.size, info.value.limit, info.value.unit) == (101, 100, "bytes")
    assert str(info.value) == f"{path} is 101 bytes long, more than the limit of 100 bytes"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_read_bytes_of_an_endless_file() -> None:
    # issue 13: `audit /dev/zero` grew to 1,8 GB
    with pytest.raises(InputSizeError) as info:
        read_bytes("/dev/zero", limit=1000)
    assert info.value.size is None
    assert str(info.value) == "/dev/zero is longer than the limit of 1000 bytes"


def test_read_bytes_uses_the_environment_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"[]" * 100)
    monkeypatch.setenv(MAX_INPUT_ENV, "100")
    with pytest.raises(InputSizeError):
        read_bytes(path)


def test_check_size() -> None:
    check_size(b"x" * 10, what="x", limit=10)
    with pytest.raises(InputSizeError, match="11 characters"):
        check_size("x" * 11, what="x", limit=10)
    with pytest.raises(InputSizeError, match="11 bytes"):
        check_size(b"x" * 11, what="x", limit=10)


def test_check_lines_names_the_first_long_line() -> None:
    check_lines("short\n" * 10, what="r.txt", limit=5)
    with pytest.raises(InputSizeError) as info:
        check_lines("ok\nok\n" + "x" * 11 + "\n" + "y" * 20, what="r.txt", limit=10)
    error = info.value
    assert (error.line, error.size, error.unit) == (3, 11, "characters")
    assert str(error) == "line 3: r.txt is 11 characters long, more than the limit of 10 characters"
    assert error.text.vi == "dòng 3: r.txt dài 11 ký tự, quá giới hạn 10 ký tự"


def test_a_tree_of_the_deepest_depth_writes_and_reads_back_and_one_deeper_does_not() -> None:
    from welfare_rules.audit.report import Node, Report
    from welfare_rules.errors import ReportDataError

    def chain(levels: int) -> Report:
        node = Node(label="leaf", count=1)
        for _ in range(levels - 1):
            node = Node(label="x", count=1, children=(node,))
        return Report(nodes=(node,))

    deepest = chain(_limits.MAX_TREE_DEPTH)
    assert Report.from_json(deepest.model_dump_json()) == deepest
    deeper = chain(_limits.MAX_TREE_DEPTH + 1)
    with pytest.raises(ReportDataError, match="nested"):
        Report.from_json(deeper.model_dump_json())
