"""The command line's pack cache: a pack read and checked once is taken from the cache, the same objects; an edited
file, a broken pack, another language or other reader code is read from the files again; a cache that cannot be
written or read only means no cache."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import campaign.worksheet as worksheet
from campaign.campaign_file import campaign_to_yaml
from campaign.config import read_config
from campaign.example import example_campaign
from campaign.pack_cache import _classes, _plain, pack_key
from campaign.worksheet import DEFAULT_PACK, WorksheetError, load_worksheets

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, folder)
    return folder


@pytest.fixture
def files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every worksheet file the loader reads and checks, by name."""
    read: list[str] = []
    real = worksheet._load_model

    def counted(path: Path, *args: object, **kwargs: object) -> object:
        read.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(worksheet, "_load_model", counted)
    return read


def test_a_second_load_takes_the_same_pack_from_the_cache(pack: Path, tmp_path: Path, files_read: list[str]) -> None:
    cache = tmp_path / "cache"
    first = load_worksheets(pack, cache=cache)
    assert len(files_read) == len(list(pack.glob("*.yaml"))) and len(list(cache.glob("pack-*.json"))) == 1
    files_read.clear()
    again = load_worksheets(pack, cache=cache)
    assert files_read == []
    assert again == first == load_worksheets(pack)
    classes = _classes(worksheet.pack_models())
    assert _plain(again, classes) == _plain(first, classes)  # each object of the same class, with the same fields given
    assert type(again.worksheets) is tuple and again.worksheets[1].fields[0].model_fields_set


@pytest.mark.parametrize("language", ["fr", "es", "pt"])
def test_a_translation_is_cached_apart_and_read_the_same(pack: Path, tmp_path: Path, language: str) -> None:
    cache = tmp_path / "cache"
    english = load_worksheets(pack, cache=cache)
    translated = load_worksheets(pack, language, cache=cache)
    assert load_worksheets(pack, language, cache=cache) == translated == load_worksheets(pack, language)
    assert translated != english and len(list(cache.glob("pack-*.json"))) == 2


def test_an_edited_worksheet_is_read_again(pack: Path, tmp_path: Path, files_read: list[str]) -> None:
    cache = tmp_path / "cache"
    load_worksheets(pack, cache=cache)
    path = pack / "01-objectives.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")
    files_read.clear()
    edited = load_worksheets(pack, cache=cache)
    assert "01-objectives.yaml" in files_read and edited.worksheet("objectives").title.startswith("Edited ")


def test_a_translation_edited_is_read_again(pack: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_worksheets(pack, "fr", cache=cache)
    path = pack / "locales" / "fr" / "pack.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Modifié ", 1), encoding="utf-8")
    assert load_worksheets(pack, "fr", cache=cache).info.title.startswith("Modifié ")


def test_a_broken_pack_is_refused_the_same_way_and_never_stored(pack: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_worksheets(pack, cache=cache)
    path = pack / "02-audiences.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: table", "type: tabel", 1), encoding="utf-8")
    with pytest.raises(WorksheetError) as uncached:
        load_worksheets(pack)
    for _ in range(2):
        with pytest.raises(WorksheetError) as cached:
            load_worksheets(pack, cache=cache)
        assert [str(problem) for problem in cached.value.problems] == [str(p) for p in uncached.value.problems]
    assert "02-audiences.yaml:" in str(cached.value) and len(list(cache.glob("pack-*.json"))) == 1


def test_other_reader_code_makes_another_key(pack: Path, tmp_path: Path) -> None:
    code = tmp_path / "code"
    shutil.copytree(ROOT / "campaign", code, ignore=shutil.ignore_patterns("__pycache__"))
    before = pack_key(pack, None, code)
    reader = code / "strict_yaml.py"
    reader.write_text(reader.read_text(encoding="utf-8") + "\n# a change\n", encoding="utf-8")
    assert before is not None and pack_key(pack, None, code) != before
    assert pack_key(pack, None) == pack_key(pack, None)  # the same bytes, the same key


def test_a_damaged_entry_is_read_from_the_files_and_written_again(pack: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_worksheets(pack, cache=cache)
    (entry,) = cache.glob("pack-*.json")
    entry.write_text('{"key": "' + entry.stem.removeprefix("pack-") + '", "pack": {"model": "Nothing"', "utf-8")
    assert load_worksheets(pack, cache=cache) == first
    assert load_worksheets(pack, cache=cache) == first and entry.read_text(encoding="utf-8").endswith("}")


def test_a_folder_that_cannot_be_written_means_no_cache(pack: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert load_worksheets(pack, cache=blocker / "cache") == load_worksheets(pack)


def test_the_cache_folder_follows_the_settings(tmp_path: Path) -> None:
    assert read_config({"ADVOCACY_CACHE": "off"}).cache is None
    assert read_config({"ADVOCACY_CACHE": " OFF "}).cache is None
    assert read_config({"ADVOCACY_CACHE": str(tmp_path)}).cache == tmp_path
    assert read_config({"XDG_CACHE_HOME": str(tmp_path)}).cache == tmp_path / "advocacy-campaign-builder"
    assert read_config({}).cache == Path.home() / ".cache" / "advocacy-campaign-builder"


def _export(source: Path, out: Path, cache: str) -> bytes:
    out.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "campaign", "export", str(source), "--format", "pdf", "--out", str(out)],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "ADVOCACY_CACHE": cache, "HOME": str(source.parent)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return (out / f"{source.stem}.pdf").read_bytes()


def test_a_second_cold_export_reads_the_cache_and_gives_the_same_pdf_bytes(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(campaign_to_yaml(example_campaign(load_worksheets())), encoding="utf-8")
    cache = tmp_path / "cache"
    first = _export(source, tmp_path / "first", str(cache))
    (entry,) = cache.glob("pack-*.json")
    written = entry.stat().st_mtime_ns
    assert _export(source, tmp_path / "second", str(cache)) == first
    assert entry.stat().st_mtime_ns == written, "the second export read the entry and wrote nothing"
    assert _export(source, tmp_path / "uncached", "off") == first


def test_an_export_with_a_cache_that_cannot_be_written_still_writes_its_pdf(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(campaign_to_yaml(example_campaign(load_worksheets())), encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert _export(source, tmp_path / "out", str(blocker / "cache")).startswith(b"%PDF")


@pytest.mark.parametrize(
    "text",
    [
        "a: one\nb: two\n",
        "a: one  \nb: two\t\n",
        "a: one \r\nb: two\r\n",
        "a: |\n  kept\n  lines\nb: two   ",
        "a: 'quoted \n  fold'\n",
        "a: x\t \t\r\nb: y\r\n\t\n",
        "a: no line end at all",
        "a: two\n\n\n",
    ],
)
def test_blanks_at_line_ends_are_dropped_exactly_as_the_pattern_drops_them(text: str) -> None:
    # the reader skips the pattern when no blank stands before a line end: the same document either way
    from campaign.strict_yaml import _BLANKS_AT_LINE_END, read_yaml

    trimmed = _BLANKS_AT_LINE_END.sub("", text)
    assert read_yaml(text) == read_yaml(trimmed)
    assert _BLANKS_AT_LINE_END.sub("", trimmed) == trimmed
