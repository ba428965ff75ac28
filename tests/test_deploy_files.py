"""The deployment files are valid and agree with the code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.deploy_profiles import dump, endpoints

ROOT = Path(__file__).resolve().parents[1]


def test_compose_file_has_the_production_services_with_health_checks() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"gateway", "rasa1", "rasa2", "actions", "postgres", "redis"} <= set(services)
    for name, service in services.items():
        one_shot = name == "content-init"
        assert one_shot or "healthcheck" in service, name
    assert services["gateway"]["environment"]["RASA_URL"] == "http://rasa1:5005,http://rasa2:5005"


def test_docker_compose_validates_the_file() -> None:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("[optional] no docker client on this machine")
    plugin = subprocess.run([docker, "compose", "version"], capture_output=True, check=False)
    if plugin.returncode != 0:
        pytest.skip("[optional] the docker client has no compose plugin here")
    env = {
        "POSTGRES_PASSWORD": "x",
        "PSEUDONYM_KEY": "x",
        "ADDRESS_KEY": "x",
        "SESSION_KEY": "x",
        "RASA_AUTH_TOKEN": "x",
    }
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


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    return data


def _k8s() -> list[dict[str, Any]]:
    text = (ROOT / "deploy/k8s/assistant.yaml").read_text(encoding="utf-8")
    return [d for d in yaml.safe_load_all(text) if d]


def _deployment(name: str) -> dict[str, Any]:
    [found] = [d for d in _k8s() if d["kind"] == "Deployment" and d["metadata"]["name"] == name]
    spec: dict[str, Any] = found["spec"]["template"]["spec"]
    return spec


def test_compose_keeps_rasa_and_the_stores_off_every_network_but_the_private_one() -> None:
    compose = _compose()
    assert compose["networks"]["backend"]["internal"] is True
    for name in ("rasa1", "rasa2", "actions", "postgres", "redis"):
        service = compose["services"][name]
        assert service["networks"] == ["backend"], name
        assert "ports" not in service, name
    assert set(compose["services"]["gateway"]["networks"]) == {"frontend", "backend"}


def test_rasa_api_requires_a_token_in_compose_and_kubernetes() -> None:
    services = _compose()["services"]
    for name in ("rasa1", "rasa2", "gateway"):
        assert services[name]["environment"]["RASA_AUTH_TOKEN"].startswith("${RASA_AUTH_TOKEN:?")
    for name in ("rasa1", "rasa2"):
        # the runner refuses to serve the API without a token in this profile
        assert services[name]["environment"]["PROFILE"] == "production"
    [rasa] = _deployment("rasa")["containers"]
    assert {"name": "PROFILE", "value": "production"} in rasa["env"]
    policies = [d for d in _k8s() if d["kind"] == "NetworkPolicy"]
    guarded = {p["spec"]["podSelector"]["matchLabels"]["app"] for p in policies}
    assert guarded == {"rasa", "actions"}


def test_editor_saves_reach_the_action_server_in_compose_and_kubernetes() -> None:
    """The gateway writes answers, the action server serves them: one shared volume.

    Both images keep the answers in /app/content, where CONTENT_DIR defaults to.
    """
    services = _compose()["services"]
    for name in ("gateway", "actions", "content-init"):
        mounts = services[name]["volumes"]
        assert any(m.startswith("content:") for m in mounts), name
    assert "content:/app/content" in services["gateway"]["volumes"]
    assert "content:/app/content" in services["actions"]["volumes"]
    for name in ("gateway", "actions"):
        mounts = _deployment(name)["containers"][0]["volumeMounts"]
        assert {"name": "content", "mountPath": "/app/content"}.items() <= mounts[0].items(), name
        [volume] = _deployment(name)["volumes"]
        assert volume["persistentVolumeClaim"]["claimName"] == "content"
    [claim] = [d for d in _k8s() if d["kind"] == "PersistentVolumeClaim"]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    for dockerfile in ("Dockerfile.gateway", "Dockerfile.rasa"):
        assert "COPY content content" in (ROOT / "deploy" / dockerfile).read_text()


def test_content_seeding_keeps_what_editors_saved(tmp_path: Path) -> None:
    """The seeding command (compose and Kubernetes) adds new files and overwrites none."""
    [command] = {
        _compose()["services"]["content-init"]["command"][2].split(" && ")[0],
        _deployment("gateway")["initContainers"][0]["command"][2],
    }
    image, volume = tmp_path / "app" / "content", tmp_path / "shared-content"
    (image / "answers").mkdir(parents=True)
    (image / "answers" / "asylum.yml").write_text("from the image")
    (image / "answers" / "new_topic.yml").write_text("new in this image")
    (volume / "answers").mkdir(parents=True)
    (volume / "answers" / "asylum.yml").write_text("saved by an editor")
    local = command.replace("/app/content", str(image)).replace("/shared-content", str(volume))
    subprocess.run(["sh", "-c", local], check=True)
    assert (volume / "answers" / "asylum.yml").read_text() == "saved by an editor"
    assert (volume / "answers" / "new_topic.yml").read_text() == "new in this image"


def test_both_profiles_name_the_proxy_whose_forwarded_address_is_believed() -> None:
    """Without TRUSTED_PROXIES every client shares the proxy's address (login caps)."""
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    gateway_env = compose["services"]["gateway"]["environment"]
    subnet = compose["networks"]["frontend"]["ipam"]["config"][0]
    assert subnet["gateway"] in gateway_env["TRUSTED_PROXIES"]
    documents = list(
        yaml.safe_load_all((ROOT / "deploy/k8s/assistant.yaml").read_text(encoding="utf-8"))
    )
    gateway = next(
        d
        for d in documents
        if d and d["kind"] == "Deployment" and d["metadata"]["name"] == "gateway"
    )
    env = {
        e["name"]: e.get("value")
        for e in gateway["spec"]["template"]["spec"]["containers"][0]["env"]
    }
    assert env.get("TRUSTED_PROXIES")
