"""docker-compose.yml against the code: what the Liberty services read, the databases, health, secrets."""
import os
import re
import unittest
from urllib.parse import urlparse

import facts

LOCAL = re.compile(r"127\.0\.0\.1|localhost")  # a local-stack default: wrong inside a container
# The OpenTelemetry SDK variables docker-compose.yml sets (Liberty's mpTelemetry reads them, not the code).
OTEL_VARIABLES = {"OTEL_SDK_DISABLED", "OTEL_SERVICE_NAME", "OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_PROTOCOL",
                  "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER"}
LIBERTY_BUILTINS = {"server.config.dir", "server.output.dir", "wlp.install.dir", "shared.app.dir"}


class ComposeAgainstCode(unittest.TestCase):
    def setUp(self):
        self.spec = facts.compose()
        self.services = self.spec["services"]
        self.liberty = facts.liberty_services(self.spec)

    def each_liberty(self):
        for name, module in self.liberty.items():
            server = facts.server_xml(facts.server_name(module))
            yield name, facts.env(self.services[name]), server, facts.mp_config(module), module

    def test_server_xml_variables_are_set_or_defaulted(self):
        for name, env, server, _, _ in self.each_liberty():
            for ref in server["refs"] - LIBERTY_BUILTINS:
                self.assertTrue(ref in env or server["variables"].get(ref) is not None,
                                f"{name}: server.xml reads ${{{ref}}}, neither set nor defaulted")
            for var, default in server["variables"].items():
                if default and (LOCAL.search(default) or "dev-keys/" in default):
                    self.assertIn(facts.env_name(var) if "." in var else var, env,
                                  f"{name}: {var} defaults to {default}, which does not hold in a container")
            self.assertIn(env.get("HTTP_HOST"), ("*", "0.0.0.0"), f"{name}: HTTP_HOST must listen on every interface")

    def test_microprofile_keys_are_set_or_defaulted(self):
        for name, env, _, config, module in self.each_liberty():
            for key, has_default in facts.config_keys_in_code(module).items():
                self.assertTrue(has_default or key in config or facts.env_name(key) in env,
                                f"{name}: the code reads {key}, which has no value")
            for key, value in config.items():
                if LOCAL.search(value):
                    self.assertIn(facts.env_name(key), env, f"{name}: {key}={value} is a local-stack default")

    def test_every_variable_set_is_one_the_service_reads(self):
        for name, env, server, config, module in self.each_liberty():
            known = {facts.env_name(k) for k in list(config) + list(facts.config_keys_in_code(module))}
            known |= {facts.env_name(v) for v in server["variables"]} | server["refs"]
            if any(f.startswith("mpTelemetry-") for f in server["features"]):  # the runtime reads OpenTelemetry's own variables
                known |= {v for v in env if v in OTEL_VARIABLES}
            self.assertEqual(set(env) - known, set(), f"{name}: set but never read (a typo?)")

    def test_hosts_are_services(self):
        brokers = {n for n, s in self.services.items() if "KAFKA_NODE_ID" in facts.env(s)}
        for name, env, _, _, _ in self.each_liberty():
            self.assertIn(env["DB_HOST"], self.services, name)
            self.assertTrue(self.services[env["DB_HOST"]]["image"].startswith("mysql:"), name)
            if "REDIS_URI" in env:
                self.assertIn(urlparse(env["REDIS_URI"]).hostname, self.services, name)
            hosts = {h.split(":")[0] for h in env.get("KAFKA_BOOTSTRAP_SERVERS", "").split(",")}
            self.assertEqual(hosts, brokers, f"{name}: bootstrap on every broker")

    def test_each_service_its_database(self):
        owner = {}
        for name, env, server, _, module in self.each_liberty():
            owner.setdefault(env["DB_HOST"], set()).add(module)
            db = facts.env(self.services[env["DB_HOST"]])
            self.assertEqual(db["MYSQL_DATABASE"], env.get("DB_NAME", server["variables"]["DB_NAME"]), name)
            self.assertEqual(db["MYSQL_USER"], env["DB_USER"], name)
            self.assertEqual(db["MYSQL_PASSWORD"], env["DB_PASSWORD"], name)
            volumes = self.services[env["DB_HOST"]]["volumes"]
            self.assertTrue(any(v.endswith(":/var/lib/mysql") and v.split(":")[0] in self.spec["volumes"]
                                for v in volumes), f"{env['DB_HOST']}: a named volume of its own")
        self.assertTrue(all(len(m) == 1 for m in owner.values()), f"a database shared by two services: {owner}")

    def test_token_key_is_the_mounted_public_key(self):
        for name, env, _, _, _ in self.each_liberty():
            location = env["MP_JWT_VERIFY_PUBLICKEY_LOCATION"]
            secret = location.rpartition("/run/secrets/")[2]
            self.assertIn(secret, self.services[name].get("secrets", []), f"{name}: {location} is not mounted")
            source = self.spec["secrets"][secret]["file"]
            with open(os.path.join(facts.ROOT, source), encoding="utf-8") as f:
                pem = f.read()
            self.assertIn("BEGIN PUBLIC KEY", pem)
            self.assertNotIn("PRIVATE", pem)

    def test_health_checks_and_start_order(self):
        expected = {"mysql:": "mysqladmin ping", "redis:": "redis-cli ping", "krakend:": "/__health"}
        for name, service in self.services.items():
            deps = service.get("depends_on", {})
            self.assertIsInstance(deps, dict, f"{name}: depends_on needs conditions")
            for dep, how in deps.items():
                healthy = "healthcheck" in self.services[dep]  # else a one-shot: it must have succeeded
                done = "service_healthy" if healthy else "service_completed_successfully"
                self.assertEqual(how.get("condition"), done, f"{name} -> {dep}")
            if service.get("restart") == "no":
                continue  # one-shot (kafka-init)
            test = " ".join(service.get("healthcheck", {}).get("test", []))
            self.assertTrue(test, f"{name}: no health check")
            for prefix, probe in expected.items():
                if service.get("image", "").startswith(prefix):
                    self.assertIn(probe, test, name)
            if "KAFKA_NODE_ID" in facts.env(service):
                self.assertIn("kafka-broker-api-versions.sh", test, name)
        for name, env, _, _, _ in self.each_liberty():
            test = " ".join(self.services[name]["healthcheck"]["test"])
            self.assertIn(f"127.0.0.1:{env['HTTP_PORT']}/health/ready", test, name)
            needed = {env["DB_HOST"], "kafka-init"} | ({"redis"} if "REDIS_URI" in env else set())
            self.assertLessEqual(needed, set(self.services[name]["depends_on"]), name)

    def test_one_network_named_volumes_slow_endpoint_off(self):
        self.assertEqual(len(self.spec["networks"]), 1)
        for name, service in self.services.items():
            self.assertEqual(list(service.get("networks", [])), list(self.spec["networks"]), name)
            for volume in service.get("volumes", []):
                source = volume.split(":")[0]
                self.assertTrue(source in self.spec["volumes"] or volume.endswith(":ro"),
                                f"{name}: {volume}: a named volume, or a read-only file")
            self.assertIn(facts.env(service).get("TEST_SLOW_ENABLED", "false"), ("false",), name)

    def test_credentials_are_overridable_marked_dev_defaults(self):
        for name, service in self.services.items():
            for key, value in facts.env(service).items():
                if re.search(r"PASSWORD|SECRET", key):
                    match = re.fullmatch(r"\$\{[A-Z_]+:-([^}]+)\}", value)
                    self.assertTrue(match, f"{name}: {key} must be ${{VAR:-default}}, overridable")
                    self.assertIn("dev", match.group(1), f"{name}: {key}'s default is not a marked dev value")


if __name__ == "__main__":
    unittest.main()
