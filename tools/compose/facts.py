"""What the compose checks compare: facts read from the repository's own files, never restated here."""
import glob
import json
import os
import re
import xml.etree.ElementTree as ET

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


def compose():
    return yaml.safe_load(read("docker-compose.yml"))  # SafeLoader resolves anchors and << merges


def resolve(value):
    """A compose value as it runs with an empty environment: ${X:-default} -> default, $$ -> $."""
    value = "" if value is None else str(value)
    value = re.sub(r"\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}", r"\1", value)
    value = re.sub(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}", "", value)
    return value.replace("$$", "$")


def env(service):
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        raw = dict(item.split("=", 1) for item in raw)
    return {k: str(v) for k, v in raw.items()}


def env_name(key):
    """MicroProfile Config's environment form of a key: payment.link.base-url -> PAYMENT_LINK_BASE_URL."""
    return re.sub(r"[^A-Za-z0-9]", "_", key).upper()


def pom_property(pom, name):
    match = re.search(rf"<{re.escape(name)}>([^<]+)</{re.escape(name)}>", read(pom))
    return match.group(1).strip() if match else None


def shell_default(script, var):
    """The default a tools/stack script gives VAR: VAR="${VAR:-value}" (the first one)."""
    match = re.search(rf'{var}="\$\{{{var}:-([^}}]*)\}}"', read(script))
    return match.group(1) if match else None


def liberty_services(spec):
    """Compose services built from a WAR module's Dockerfile: {service: module}."""
    found = {}
    for name, service in spec["services"].items():
        dockerfile = (service.get("build") or {}).get("dockerfile", "")
        if re.fullmatch(r"[a-z-]+-war/Dockerfile", dockerfile):
            found[name] = dockerfile.split("/")[0]
    return found


def server_name(module):
    return pom_property(f"{module}/pom.xml", "liberty.server.name")


def server_chain(server):
    """liberty-config/<server>/server.xml and the files it includes. The WAR's pom assembles shared/ and the
    server's folder into one config dir, so an include is found in either (as Liberty finds it, beside server.xml)."""
    chain, todo = [], [f"liberty-config/{server}/server.xml"]
    while todo:
        rel = todo.pop(0)
        if rel in chain:
            continue
        chain.append(rel)
        for inc in ET.fromstring(read(rel)).iter("include"):
            options = [f"liberty-config/{d}/{inc.get('location')}" for d in (server, "shared")]
            todo.append(next((o for o in options if os.path.exists(os.path.join(ROOT, o))), options[0]))
    return chain


def server_xml(server):
    """Features, <variable> defaults and ${references} of a server's whole configuration."""
    features, variables, refs, trees = set(), {}, set(), []
    for rel in server_chain(server):
        text = read(rel)
        trees.append(ET.fromstring(text))
        refs |= set(re.findall(r"\$\{([^}]+)\}", text))
    for tree in trees:
        features |= {f.text.strip() for f in tree.iter("feature")}
        for var in tree.iter("variable"):
            variables[var.get("name")] = var.get("defaultValue", var.get("value"))
    return {"features": features, "variables": variables, "refs": refs, "trees": trees}


def properties(rel):
    lines = [line.strip() for line in read(rel).splitlines()]
    pairs = [line.split("=", 1) for line in lines if line and not line.startswith("#") and "=" in line]
    return {key.strip(): value.strip() for key, value in pairs}


def mp_config(module):
    """The keys a WAR sees in microprofile-config.properties: store-common's, then its own."""
    found = properties("store-common/src/main/resources/META-INF/microprofile-config.properties")
    found.update(properties(f"{module}/src/main/resources/META-INF/microprofile-config.properties"))
    return found


def config_keys_in_code(module):
    """@ConfigProperty names read by a WAR and store-common: {key: has a defaultValue in the annotation}."""
    keys = {}
    for src in ("store-common", module):
        for java in glob.glob(os.path.join(ROOT, src, "src/main/java/**/*.java"), recursive=True):
            with open(java, encoding="utf-8") as f:
                text = f.read()
            constants = dict(re.findall(r'static final String (\w+)\s*=\s*"([^"]+)"', text))
            for name, default in re.findall(r"@ConfigProperty\(\s*name\s*=\s*([^,)]+)(,\s*defaultValue)?", text):
                name = name.strip()
                key = name.strip('"') if name.startswith('"') else constants.get(name, name)
                keys[key] = keys.get(key, False) or bool(default)
    return keys


def krakend():
    return json.loads(read("krakend/krakend.json"))


def krakend_hosts(config):
    return {h for e in config["endpoints"] for b in e["backend"] for h in b["host"]}


def krakend_namespaces(config):
    """The extra_config namespaces of the service, its endpoints and their backends."""
    levels = [config] + config["endpoints"] + [b for e in config["endpoints"] for b in e["backend"]]
    return {ns for level in levels for ns in level.get("extra_config", {})}


def dockerfile(rel):
    """A Dockerfile's instructions as (INSTRUCTION, arguments), comments dropped, continued lines joined."""
    steps, current = [], ""
    for line in read(rel).splitlines():
        if line.lstrip().startswith("#") and not current:
            continue
        current += line.rstrip("\\").strip() + " " if line.endswith("\\") else line.strip()
        if not line.endswith("\\"):
            if current:
                instruction, _, args = current.partition(" ")
                steps.append((instruction.upper(), args.strip()))
            current = ""
    return steps
