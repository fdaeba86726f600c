"""The container set-up: docker-compose.yml wires web, worker, beat, PostgreSQL and Redis safely.

These tests read the YAML only; they need no database and no Docker engine.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"

APP_SERVICES = ("web", "worker", "beat")
ALL_SERVICES = (*APP_SERVICES, "postgres", "redis")
DUMMY_ENV = {
    "POSTGRES_PASSWORD": "dummy-postgres-password",
    "DJANGO_SECRET_KEY": "dummy-secret-key-for-compose-validation-only-0123456789abcdef",
}
EXPECTED_APP_ENV = {
    "DJANGO_SETTINGS_MODULE": "hospital_some.settings.production",
    "DATABASE_URL": (
        "postgres://hospital_some:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/hospital_some"
    ),
    "REDIS_URL": "redis://redis:6379/0",
    "DJANGO_SECRET_KEY": "${DJANGO_SECRET_KEY:?set DJANGO_SECRET_KEY}",
    "DJANGO_ALLOWED_HOSTS": "${DJANGO_ALLOWED_HOSTS:-localhost}",
    "DJANGO_SECURE_SSL_REDIRECT": "${DJANGO_SECURE_SSL_REDIRECT:-true}",
}

# $$, $NAME, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}
_VARIABLE = re.compile(
    r"\$(?:(?P<escaped>\$)|(?P<bare>[A-Za-z_][A-Za-z0-9_]*)"
    r"|\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\})"
)


class MissingVariable(Exception):
    pass


def interpolate(value: str, env: dict[str, str]) -> str:
    """A small version of Compose's variable substitution, enough for this file."""

    def replace(match: re.Match) -> str:
        if match["escaped"]:
            return "$"
        name = match["bare"] or match["name"]
        op, arg = match["op"], match["arg"]
        present = name in env and (env[name] != "" or not (op or "").startswith(":"))
        if present:
            return env[name]
        if op in (":-", "-"):
            return arg
        if op in (":?", "?"):
            raise MissingVariable(f"{name}: {arg}")
        return ""

    return _VARIABLE.sub(replace, value)


def interpolate_tree(node, env: dict[str, str]):
    if isinstance(node, str):
        return interpolate(node, env)
    if isinstance(node, dict):
        return {key: interpolate_tree(value, env) for key, value in node.items()}
    if isinstance(node, list):
        return [interpolate_tree(item, env) for item in node]
    return node


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def command_text(service: dict) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_the_five_services_exist(services):
    assert set(ALL_SERVICES) <= set(services)
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"


def test_app_services_share_one_build_and_the_anchored_environment(compose, services):
    anchor = compose["x-app-env"]
    assert anchor == EXPECTED_APP_ENV
    builds = [services[name]["build"] for name in APP_SERVICES]
    assert builds[0] in (".", {"context": ".", "dockerfile": "Dockerfile"})
    assert all(build == builds[0] for build in builds)
    assert len({services[name].get("image") for name in APP_SERVICES}) == 1
    for name in APP_SERVICES:
        assert services[name]["environment"] == anchor, name


def test_the_raw_yaml_uses_the_anchor_for_every_app_service():
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    assert re.search(r"^x-app-env: &(\S+)", text, re.MULTILINE)
    anchor = re.search(r"^x-app-env: &(\S+)", text, re.MULTILINE)[1]
    assert text.count(f"environment: *{anchor}") == len(APP_SERVICES)


def test_app_service_commands(services):
    assert "celery -A hospital_some worker --loglevel=INFO" in command_text(services["worker"])
    assert "celery -A hospital_some beat --loglevel=INFO" in command_text(services["beat"])


def test_web_runs_migrate_before_gunicorn(services):
    command = command_text(services["web"])
    migrate = command.find("python manage.py migrate --noinput")
    gunicorn = command.find("gunicorn hospital_some.wsgi:application")
    assert migrate != -1
    assert gunicorn != -1
    assert migrate < gunicorn
    assert "&&" in command[migrate:gunicorn], "gunicorn must start only when migrate succeeded"
    assert "0.0.0.0:8000" in command[gunicorn:]


def test_web_waits_for_healthy_postgres_and_redis(services):
    depends_on = services["web"]["depends_on"]
    assert isinstance(depends_on, dict), "depends_on needs the long form to carry conditions"
    for dependency in ("postgres", "redis"):
        assert depends_on[dependency] == {"condition": "service_healthy"}


def test_healthchecks_everywhere_except_worker_and_beat(services):
    for name in ALL_SERVICES:
        if name in ("worker", "beat"):
            assert "healthcheck" not in services[name], name
        else:
            test = services[name]["healthcheck"]["test"]
            assert test, name
            assert (test if isinstance(test, str) else test[0]) != "NONE", name


def test_healthcheck_commands(services):
    web = " ".join(services["web"]["healthcheck"]["test"])
    assert "python" in web
    assert "urllib" in web
    assert "http://127.0.0.1:8000/healthz" in web
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert "redis-cli ping" in " ".join(services["redis"]["healthcheck"]["test"])


def test_no_literal_secrets(compose, services):
    anchor = compose["x-app-env"]
    assert anchor["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY")
    database_url = anchor["DATABASE_URL"]
    password = re.fullmatch(r"postgres://hospital_some:(.*)@postgres:5432/hospital_some", database_url)
    assert password
    assert password[1].startswith("${POSTGRES_PASSWORD")
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    for value in DUMMY_ENV.values():
        assert value not in text
    secret_keys = re.compile(r"^\s*-?\s*(\w*(?:SECRET|PASSWORD)\w*)\s*[:=]\s*(.*)$", re.MULTILINE)
    assignments = secret_keys.findall(text)
    assert {key for key, _ in assignments} == {"DJANGO_SECRET_KEY", "POSTGRES_PASSWORD"}
    for key, value in assignments:
        assert value.strip().strip("\"'").startswith("${"), key


def test_interpolation_resolves_every_reference_with_the_required_env(compose):
    resolved = interpolate_tree(compose, dict(DUMMY_ENV))
    env = resolved["services"]["web"]["environment"]
    assert env["DATABASE_URL"] == (
        f"postgres://hospital_some:{DUMMY_ENV['POSTGRES_PASSWORD']}@postgres:5432/hospital_some"
    )
    assert env["DJANGO_SECRET_KEY"] == DUMMY_ENV["DJANGO_SECRET_KEY"]
    assert env["DJANGO_ALLOWED_HOSTS"] == "localhost"
    assert env["DJANGO_SECURE_SSL_REDIRECT"] == "true"
    postgres_env = resolved["services"]["postgres"]["environment"]
    assert postgres_env["POSTGRES_PASSWORD"] == DUMMY_ENV["POSTGRES_PASSWORD"]
    assert "${" not in yaml.safe_dump(resolved)


@pytest.mark.parametrize("missing", sorted(DUMMY_ENV))
def test_interpolation_refuses_a_missing_secret(compose, missing):
    env = {name: value for name, value in DUMMY_ENV.items() if name != missing}
    with pytest.raises(MissingVariable, match=missing):
        interpolate_tree(compose, env)


def _compose_env(**values: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in DUMMY_ENV}
    env.update(values)
    return env


def test_docker_compose_config_validates(compose, tmp_path):
    docker_compose = shutil.which("docker-compose")
    if docker_compose is None:
        # No binary here: the same guarantee, checked by interpolating the parsed file.
        resolved = interpolate_tree(compose, dict(DUMMY_ENV))
        assert "${" not in yaml.safe_dump(resolved)
        assert set(ALL_SERVICES) <= set(resolved["services"])
        with pytest.raises(MissingVariable):
            interpolate_tree(compose, {})
        return

    # An empty env file keeps a developer's untracked .env out of the result.
    empty_env_file = tmp_path / "empty.env"
    empty_env_file.write_text("", encoding="utf-8")
    base = [docker_compose, "--env-file", str(empty_env_file), "-f", str(COMPOSE_FILE), "config"]

    ok = subprocess.run(
        [*base, "-q"],
        cwd=ROOT,
        env=_compose_env(**DUMMY_ENV),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr

    without_secrets = subprocess.run(
        [*base, "-q"],
        cwd=ROOT,
        env=_compose_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert without_secrets.returncode != 0
    stderr = without_secrets.stderr
    assert re.search(r"set (POSTGRES_PASSWORD|DJANGO_SECRET_KEY)", stderr), stderr
