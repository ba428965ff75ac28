"""The deployment files are valid and agree with the code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from bot.deploy_profiles import dump, endpoints

ROOT = Path(__file__).resolve().parents[1]


def test_compose_file_has_the_production_services_with_health_checks() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"gateway", "rasa1", "rasa2", "actions", "postgres", "redis"} <= set(services)
    for name, service in services.items():
        assert "healthcheck" in service, name
    assert services["gateway"]["environment"]["RASA_URL"] == "http://rasa1:5005,http://rasa2:5005"


def test_docker_compose_validates_the_file() -> None:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker client on this machine")
    plugin = subprocess.run([docker, "compose", "version"], capture_output=True, check=False)
    if plugin.returncode != 0:
        pytest.skip("the docker client has no compose plugin here (docker compose config skipped)")
    env = {"POSTGRES_PASSWORD": "x", "PSEUDONYM_KEY": "x", "ADDRESS_KEY": "x", "SESSION_KEY": "x"}
    done = subprocess.run(
        [docker, "compose", "-f", str(ROOT / "compose.yaml"), "config", "-q"],
        capture_output=True,
        check=False,
        env={**env, "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr.decode()


def test_kubernetes_manifests_have_probes() -> None:
    documents = list(yaml.safe_load_all((ROOT / "deploy/k8s/assistant.yaml").read_text()))
    deployments = [d for d in documents if d["kind"] == "Deployment"]
    assert {d["metadata"]["name"] for d in deployments} == {"rasa", "actions", "gateway"}
    for deployment in deployments:
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert "readinessProbe" in container and "livenessProbe" in container


def test_production_endpoints_use_postgresql_and_redis() -> None:
    config = endpoints(
        "production",
        {"RASA_TRACKER_URL": "postgresql://u:p@db:5432/rasa", "REDIS_URL": "redis://cache:6379/2"},
    )
    assert config["tracker_store"]["dialect"] == "postgresql"
    assert config["tracker_store"]["url"] == "db" and config["tracker_store"]["db"] == "rasa"
    assert config["lock_store"] == {
        "type": "redis",
        "url": "cache",
        "port": 6379,
        "db": 2,
        "password": None,
        "key_prefix": "assistant",
    }
    assert yaml.safe_load(dump(config)) == config


def test_production_profile_refuses_missing_settings() -> None:
    with pytest.raises(ValueError, match="RASA_TRACKER_URL"):
        endpoints("production", {})


def test_embedded_profile_is_sqlite() -> None:
    assert endpoints("embedded", {})["tracker_store"]["dialect"] == "sqlite"
