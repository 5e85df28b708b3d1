"""`python -m campaign`: worksheets, example, validate and new, as a user runs them."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from campaign.strict_yaml import MAX_BYTES
from tests.campaign.test_strict_yaml import BILLION_LAUGHS

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, data_dir: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "CAMPAIGN_DATA_DIR": str(data_dir or ROOT / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "campaign", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
        input=stdin,
    )
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(), result.stderr.decode())


def test_worksheets_lists_id_title_and_field_count() -> None:
    result = run("worksheets")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1. profile") and "Campaign profile (" in lines[0] and "fields)" in lines[0]
    assert len(lines) >= 7


@pytest.fixture(scope="module")
def example_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = run("example")
    assert result.returncode == 0 and result.stderr == ""
    path = tmp_path_factory.mktemp("example") / "example.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_the_example_is_a_complete_valid_campaign(example_file: Path) -> None:
    data = yaml.safe_load(example_file.read_text(encoding="utf-8"))
    assert data["answers"]["profile"]["country"] == "Kenya"
    result = run("validate", str(example_file))
    assert result.returncode == 0
    assert result.stdout.strip() == f"{example_file}: valid (complete)"


def test_validate_reads_standard_input(example_file: Path) -> None:
    result = run("validate", "-", stdin=example_file.read_bytes())
    assert (result.returncode, result.stdout.strip()) == (0, "-: valid (complete)")


def test_validate_reports_each_problem_on_its_own_line(example_file: Path, tmp_path: Path) -> None:
    text = example_file.read_text(encoding="utf-8").replace("level: national", "level: nationwide", 1)
    text = text.replace("paper: a4", "paper: a3", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    level_line = next(n for n, line in enumerate(text.splitlines(), 1) if "level: nationwide" in line)
    assert f"{bad}:{level_line}: answers.profile.level: choose one of:" in lines[1] + lines[0]


def test_validate_speaks_the_language_asked_for(example_file: Path, tmp_path: Path) -> None:
    text = example_file.read_text(encoding="utf-8").replace("paper: a4", "paper: a3", 1)
    text = text.replace("start_date: '2027-03-01'", "start_date: '1 March'", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run("validate", str(bad), "--lang", "fr")
    assert result.returncode == 1
    assert "settings.paper: choisissez parmi\u00a0: 'a4' ou 'letter'" in result.stderr
    assert "answers.profile.start_date: écrivez la date sous la forme AAAA-MM-JJ" in result.stderr
    assert run("validate", str(example_file), "--lang", "es").stdout.strip() == f"{example_file}: válido (completo)"


HOSTILE = {
    "binary junk": bytes(range(256)) * 40,
    "billion laughs": BILLION_LAUGHS,
    "python tag": b"schema_version: !!python/object/apply:os.system ['touch /tmp/pwned']\n",
    "too big": b"a: " + b"x" * (MAX_BYTES + 10),
    "deep nesting": b"[" * 10000 + b"]" * 10000,
    "not a mapping": b"- just\n- a list\n",
    "empty": b"",
    "latin-1": "name: café".encode("latin-1"),
}


@pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
def test_validate_never_shows_a_traceback(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    result = run("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.startswith(f"{path}")
    assert len(result.stderr.splitlines()) >= 1


def test_validate_a_missing_file() -> None:
    result = run("validate", "/no/such/file.yaml")
    assert result.returncode == 1
    assert result.stderr.strip() == "/no/such/file.yaml: cannot be read (No such file or directory)"


def test_new_creates_a_campaign_in_the_data_folder(tmp_path: Path) -> None:
    result = run("new", "--title", "Every Child Needs a Social Worker", data_dir=tmp_path)
    assert result.returncode == 0
    campaign_id, path = result.stdout.split()
    assert Path(path) == tmp_path / "campaigns" / campaign_id / "campaign.yaml"
    assert "name: Every Child Needs a Social Worker" in Path(path).read_text(encoding="utf-8")
    assert run("validate", path).returncode == 0


def test_a_display_name_never_becomes_a_path(tmp_path: Path) -> None:
    result = run("new", "--title", "../../etc/passwd", data_dir=tmp_path)
    _, path = result.stdout.split()
    assert "passwd" not in path and Path(path).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["campaigns"]


def test_history_lists_versions_and_restore_brings_one_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    campaign_id = run("new", "--title", "First name", data_dir=data).stdout.split()[0]
    from campaign import CampaignRepository, load_worksheets, open_store

    repository = CampaignRepository(open_store(data), load_worksheets())
    current = repository.load(campaign_id)
    changed = current.copy()
    changed.set_answer("profile", "name", "Typed over")
    repository.save(changed, current)

    listed = run("history", campaign_id, data_dir=data)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "Typed over: 2 version(s) kept"
    assert lines[2].split()[0] == "2" and lines[2].endswith("—                 Profile: Campaign name  (current)")
    assert lines[3].split()[0] == "1" and lines[3].endswith("First version")

    restored = run("restore", campaign_id, "1", data_dir=data)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.strip() == "version 1 is back as version 3; version 2 is kept"
    assert repository.load(campaign_id).answer("profile", "name") == "First name"
    assert repository.load_revision(campaign_id, 2).answer("profile", "name") == "Typed over"


@pytest.mark.parametrize("arguments", [["history", "../../etc"], ["restore", "A" * 22, "1"], ["restore", "x", "1"]])
def test_history_and_restore_refuse_unknown_campaigns_plainly(arguments: list[str], tmp_path: Path) -> None:
    result = run(*arguments, data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.yaml"))


def test_an_id_that_starts_with_a_dash_is_read_as_an_id_not_an_option(tmp_path: Path) -> None:
    """One id in 64 starts with "-" (ids are URL-safe base64 of 128 random bits): the commands still take it."""
    data = tmp_path / "data"
    made = run("new", "--title", "Dash first", data_dir=data).stdout.split()[0]
    dashed = "-" + made[1:]
    folder = (data / "campaigns" / made).rename(data / "campaigns" / dashed)
    for saved in folder.rglob("*.yaml"):  # the campaign and its kept versions name their id
        saved.write_text(saved.read_text(encoding="utf-8").replace(made, dashed), encoding="utf-8")
    listed = run("history", dashed, "--last", "5", data_dir=data)
    assert listed.returncode == 0, listed.stderr
    assert "Dash first" in listed.stdout
    restored = run("restore", dashed, "1", data_dir=data)
    assert restored.returncode == 0, restored.stderr
    assert run("history", "-not-an-id", data_dir=data).returncode == 2  # an unknown option is still refused
