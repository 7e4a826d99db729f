"""deploy/k8s/ (issue 8, item 4): the kustomize base is valid Kubernetes, offline, and wires the worker
as the job needs it: probes on its endpoints, a volume per pod at its data dir, a policy it accepts,
settings it accepts, the topics Job, the optional ServiceMonitor.

Schemas: kubernetes-validate's bundled OpenAPI schemas (no cluster, no network). Rendering the
kustomization needs `kubectl kustomize`; without kubectl those tests skip and the per-file checks
(every manifest, every reference of the kustomization files) still run.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from streams import policyfile, settings

K8S = Path(__file__).resolve().parents[1] / "deploy" / "k8s"
# The oldest Kubernetes the manifests are written for, and the newest the schemas know.
VERSIONS = ("1.29.0", kubernetes_validate.latest_version())
CRDS = {"ServiceMonitor"}  # kinds of operators' CRDs: no schema in kubernetes-validate
MANIFESTS = sorted(p for p in K8S.rglob("*.yaml") if p.name != "kustomization.yaml")
KUSTOMIZATIONS = sorted(K8S.rglob("kustomization.yaml"))


def load(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def one(kind: str) -> dict:
    (found,) = [doc for path in MANIFESTS for doc in load(path) if doc["kind"] == kind]
    return found


def config_env() -> dict[str, str]:
    lines = (K8S / "config.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def worker_container() -> dict:
    (container,) = one("StatefulSet")["spec"]["template"]["spec"]["containers"]
    return container


def validate(doc: dict, version: str) -> None:
    kubernetes_validate.validate(doc, version, strict=True)  # strict: a misspelt field fails too


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: str(p.relative_to(K8S)))
def test_each_manifest_is_valid_kubernetes(path, version):
    for doc in load(path):
        if doc["kind"] not in CRDS:
            validate(doc, version)


@pytest.mark.parametrize("path", KUSTOMIZATIONS, ids=lambda p: str(p.relative_to(K8S)))
def test_every_file_a_kustomization_names_exists(path):
    spec = yaml.safe_load(path.read_text())
    named = [*spec.get("resources", []), *spec.get("components", [])]
    named += [entry.split("=")[-1] for generator in spec.get("configMapGenerator", []) + spec.get("secretGenerator", [])
              for entry in generator.get("files", []) + generator.get("envs", [])]
    named += [patch["path"] for patch in spec.get("patches", []) if "path" in patch]
    for name in named:
        target = path.parent / name
        assert target.is_file() or (target / "kustomization.yaml").is_file(), f"{path}: {name} does not exist"


def render(directory: Path) -> list[dict]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("no kubectl to render the kustomization (the per-file checks ran)")
    rendered = subprocess.run([kubectl, "kustomize", str(directory)], capture_output=True, text=True, timeout=120)
    assert rendered.returncode == 0, rendered.stderr
    return [doc for doc in yaml.safe_load_all(rendered.stdout) if doc]


def render_with(components: list[str], tmp_path: Path) -> list[dict]:
    """The base with these of its components, as an overlay of a user's would render it."""
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "kustomization.yaml").write_text(yaml.safe_dump({
        "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",  # kustomize takes relative paths
        "resources": [os.path.relpath(K8S, overlay)],
        "components": [os.path.relpath(K8S / "components" / name, overlay) for name in components]}))
    return render(overlay)


@pytest.mark.parametrize("components", [[], ["servicemonitor"], ["mtls"]], ids=lambda c: "+".join(["base", *c]))
def test_the_rendered_deployment_is_valid_and_its_config_references_resolve(components, tmp_path):
    docs = render_with(components, tmp_path)

    kinds = sorted(doc["kind"] for doc in docs)
    assert kinds == sorted(["ConfigMap", "ConfigMap", "Service", "StatefulSet", "PodDisruptionBudget", "Job",
                            *(["ServiceMonitor"] if "servicemonitor" in components else [])])
    for doc in docs:
        if doc["kind"] not in CRDS:
            validate(doc, VERSIONS[-1])
    config_maps = {doc["metadata"]["name"] for doc in docs if doc["kind"] == "ConfigMap"}
    for doc in docs:
        pod = doc.get("spec", {}).get("template", {}).get("spec", {})
        refs = [source["configMapRef"]["name"] for container in pod.get("containers", [])
                for source in container.get("envFrom", []) if "configMapRef" in source]
        refs += [volume["configMap"]["name"] for volume in pod.get("volumes", []) if "configMap" in volume]
        assert set(refs) <= config_maps, f"{doc['kind']} names a ConfigMap the deployment does not have"


def test_the_worker_is_probed_on_its_endpoints_at_its_http_port():
    container = worker_container()
    (port,) = container["ports"]
    assert port["containerPort"] == int(config_env()["HYGIENE_HTTP_PORT"])
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz"), ("startupProbe", "/healthz")):
        assert container[probe]["httpGet"] == {"path": path, "port": port["name"]}


def test_each_worker_keeps_its_table_on_a_volume_of_its_own_at_its_data_dir():
    statefulset = one("StatefulSet")
    (claim,) = statefulset["spec"]["volumeClaimTemplates"]
    mounts = {mount["name"]: mount["mountPath"] for mount in worker_container()["volumeMounts"]}
    assert mounts[claim["metadata"]["name"]] == config_env()["HYGIENE_DATA_DIR"]
    assert claim["spec"]["accessModes"] == ["ReadWriteOnce"]


def test_workers_stop_gracefully_spread_over_nodes_and_drain_one_at_a_time():
    statefulset = one("StatefulSet")
    pod = statefulset["spec"]["template"]
    labels = pod["metadata"]["labels"]
    assert pod["spec"]["terminationGracePeriodSeconds"] >= 30
    (term,) = pod["spec"]["affinity"]["podAntiAffinity"]["preferredDuringSchedulingIgnoredDuringExecution"]
    assert term["podAffinityTerm"]["labelSelector"]["matchLabels"].items() <= labels.items()
    assert term["podAffinityTerm"]["topologyKey"] == "kubernetes.io/hostname"
    budget = one("PodDisruptionBudget")
    assert budget["spec"]["maxUnavailable"] == 1
    assert budget["spec"]["selector"]["matchLabels"].items() <= labels.items()
    resources = worker_container()["resources"]
    assert {"cpu", "memory"} <= set(resources["requests"]) and "memory" in resources["limits"]


def test_the_configuration_is_one_the_job_accepts():
    env = config_env() | {"KAFKA_SASL_USERNAME": "from-the-secret", "KAFKA_SASL_PASSWORD": "from-the-secret"}
    loaded = settings.load(env)  # raises SettingsError naming any bad value
    assert loaded.kafka_security.sasl
    secret_env = {item["name"] for item in worker_container()["env"]
                  if item["valueFrom"]["secretKeyRef"]["name"] == "bounce-hygiene-kafka"}
    assert secret_env == {"KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"}
    assert not {"KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"} & set(config_env()), "secrets belong in the Secret"


def test_the_policy_file_is_mounted_where_the_job_reads_it_and_parses():
    policy_path = Path(config_env()["HYGIENE_POLICY"])
    mounts = {mount["name"]: Path(mount["mountPath"]) for mount in worker_container()["volumeMounts"]}
    volumes = {volume["name"]: volume for volume in one("StatefulSet")["spec"]["template"]["spec"]["volumes"]}
    assert volumes["policy"]["configMap"]["name"] == "bounce-hygiene-policy"
    assert policy_path.parent == mounts["policy"]
    policyfile.parse((K8S / policy_path.name).read_text(), "deploy/k8s/policy.toml")


def test_the_topics_job_creates_the_topics_with_the_workers_settings():
    job = one("Job")
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert container["args"] == ["topics", "create"]
    assert (container["envFrom"], container["env"]) == (worker_container()["envFrom"], worker_container()["env"])
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "OnFailure"


def test_the_service_monitor_scrapes_metrics_of_the_worker_service():
    monitor, service = one("ServiceMonitor"), one("Service")
    (endpoint,) = monitor["spec"]["endpoints"]
    labels = service["metadata"]["labels"] | {"app.kubernetes.io/name": "bounce-hygiene"}  # the base's labels
    assert monitor["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert endpoint["port"] in {port["name"] for port in service["spec"]["ports"]}
    assert endpoint["path"] == "/metrics"


def test_the_mtls_component_trades_the_sasl_secret_for_a_mounted_client_certificate(tmp_path):
    docs = render_with(["mtls"], tmp_path)

    (env_map,) = [doc for doc in docs if doc["kind"] == "ConfigMap" and "KAFKA_SECURITY_PROTOCOL" in doc["data"]]
    tls_files = [Path(env_map["data"][name]) for name in ("KAFKA_SSL_CA_FILE", "KAFKA_SSL_CERT_FILE", "KAFKA_SSL_KEY_FILE")]
    with pytest.raises(settings.SettingsError) as raised:
        settings.load(env_map["data"])  # the files exist only in the pod: nothing else may be wrong
    assert raised.value.problems == [f"{name}='{path}': no such file" for name, path in
                                     zip(("KAFKA_SSL_CA_FILE", "KAFKA_SSL_CERT_FILE", "KAFKA_SSL_KEY_FILE"), tls_files)]
    for doc in docs:
        if doc["kind"] in ("StatefulSet", "Job"):
            pod = doc["spec"]["template"]["spec"]
            (container,) = pod["containers"]
            assert "env" not in container, f"{doc['kind']} still reads the SASL Secret"
            secret_volumes = {v["name"] for v in pod["volumes"] if v.get("secret", {}).get("secretName") == "bounce-hygiene-kafka-tls"}
            mounted = {Path(m["mountPath"]) for m in container["volumeMounts"] if m["name"] in secret_volumes}
            assert {path.parent for path in tls_files} == mounted
