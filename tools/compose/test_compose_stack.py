"""docker-compose.yml against ./stack: the gateway's hosts, Kafka, the topics and the image versions."""
import re
import unittest
from urllib.parse import urlparse

import facts

# The extra_config namespaces KrakenD CE 2.12.0 serves that krakend.json may use (krakend/README.md, "Strict
# check": the ones our engine build wires; CE has them all built in, "router" and "backend/http" as aliases).
CE_NAMESPACES = {"router", "github_com/luraproject/lura/router/gin", "qos/ratelimit/router",
                 "backend/http", "github.com/devopsfaith/krakend/http"}
# KrakenD CE release -> the lura and krakend-ratelimit versions it pins (CE v2.12.0's go.mod: lura v2.12.1,
# krakend-ratelimit/v3 v3.3.0).
CE_PINS = {"2.12.0": {"github.com/luraproject/lura/v2": "v2.12.1", "github.com/krakend/krakend-ratelimit/v3": "v3.3.0"}}


class ComposeAgainstStack(unittest.TestCase):
    def setUp(self):
        self.spec = facts.compose()
        self.services = self.spec["services"]
        self.brokers = {n: s for n, s in self.services.items()
                        if s.get("image", "").startswith("apache/kafka:") and "KAFKA_NODE_ID" in facts.env(s)}

    def gateway(self):
        mounting = [n for n, s in self.services.items()
                    if any(str(v).startswith("./krakend/krakend.json:") for v in s.get("volumes", []))]
        self.assertEqual(len(mounting), 1, "exactly one service mounts krakend/krakend.json")
        return mounting[0], self.services[mounting[0]]

    def test_krakend_hosts_are_the_liberty_services_on_their_ports(self):
        liberty = facts.liberty_services(self.spec)
        for url in facts.krakend_hosts(facts.krakend()):
            host, port = urlparse(url).hostname, urlparse(url).port
            self.assertIn(host, liberty, f"krakend.json names {host}: no such Liberty service in docker-compose.yml")
            self.assertEqual(facts.resolve(facts.env(self.services[host]).get("HTTP_PORT")), str(port), host)
        named = {urlparse(u).hostname for u in facts.krakend_hosts(facts.krakend())}
        self.assertEqual(set(liberty) - named, set(), "a replica the gateway never reaches")

    def test_gateway_is_krakend_ce_of_the_pinned_engine(self):
        name, gateway = self.gateway()
        version = re.search(r'GATEWAY_VERSION=(\S+)', facts.read("tools/stack/gateway.sh")).group(1)
        self.assertEqual(gateway["image"], f"krakend:{version}")
        gomod = facts.read("krakend/go.mod")
        for module, pinned in CE_PINS[version].items():
            self.assertRegex(gomod, rf"{re.escape(module)} {re.escape(pinned)}\b", f"go.mod vs KrakenD CE {version}")
        unknown = facts.krakend_namespaces(facts.krakend()) - CE_NAMESPACES
        self.assertEqual(unknown, set(), "krakend.json uses namespaces not checked against the CE image")
        self.assertEqual(gateway.get("command")[-1], "/etc/krakend/krakend.json")
        self.assertTrue(any(v.endswith(":ro") for v in gateway["volumes"]), "krakend.json mounted read-only")

    def test_only_the_gateway_is_published_and_the_trace_ui_on_the_loopback(self):
        name, gateway = self.gateway()
        published = {n for n, s in self.services.items() if s.get("ports")}
        self.assertEqual(published, {name, "jaeger"})
        self.assertEqual([p.split(":")[-1] for p in gateway["ports"]], [str(facts.krakend()["port"])])
        self.assertTrue(all(p.startswith("127.0.0.1:") for p in self.services["jaeger"]["ports"]),
                        "the trace UI has no authentication: loopback only")

    def test_services_export_traces_to_the_collector(self):
        jaeger = self.services["jaeger"]
        self.assertEqual(facts.env(jaeger).get("COLLECTOR_OTLP_ENABLED"), "true")
        for name in facts.liberty_services(self.spec):
            env = facts.env(self.services[name])
            self.assertEqual(env.get("OTEL_SDK_DISABLED"), "false", name)
            self.assertEqual(urlparse(env["OTEL_EXPORTER_OTLP_ENDPOINT"]).hostname, "jaeger", name)
            self.assertEqual(env.get("OTEL_EXPORTER_OTLP_PROTOCOL"), "http/protobuf", name)

    def test_three_kraft_brokers_of_the_stack_kafka_version(self):
        version = facts.pom_property("tools/kafka/pom.xml", "kafka.version")
        self.assertEqual(len(self.brokers), 3)
        ids, cluster = set(), set()
        for name, broker in self.brokers.items():
            e = facts.env(broker)
            self.assertEqual(broker["image"], f"apache/kafka:{version}", name)
            ids.add(e["KAFKA_NODE_ID"]); cluster.add(e["CLUSTER_ID"])
            self.assertEqual(e["KAFKA_ADVERTISED_LISTENERS"], f"PLAINTEXT://{name}:9092")
            voters = {v.split("@")[1].split(":")[0] for v in e["KAFKA_CONTROLLER_QUORUM_VOTERS"].split(",")}
            self.assertEqual(voters, set(self.brokers), f"{name}: one quorum of every broker")
            self.assertIn(f"{e['KAFKA_LOG_DIRS']}", [v.split(":")[1] for v in broker.get("volumes", [])],
                          f"{name}: its log directory on a named volume")
        self.assertEqual(ids, {"1", "2", "3"})
        self.assertEqual(len(cluster), 1, "the brokers share one cluster id")

    def test_broker_settings_are_the_three_broker_ones_of_the_stack(self):
        script = facts.read("tools/stack/kafka-config.sh")
        body = script[script.index("write_kafka_node_config()"):script.index("format_kafka()")]
        three = body.split("\n    else\n", 1)[1]
        settings = dict(re.findall(r"^([a-z][a-z0-9.]*)=([^$\s]+)$", three, re.M))
        self.assertIn("min.insync.replicas", settings, "kafka-config.sh no longer parses as expected")
        for name, broker in self.brokers.items():
            e = facts.env(broker)
            for key, value in settings.items():
                self.assertEqual(e.get("KAFKA_" + facts.env_name(key)), value, f"{name}: {key}")

    def test_init_creates_the_stack_topics(self):
        init = [s for n, s in self.services.items() if s.get("image", "").startswith("apache/kafka:")
                and n not in self.brokers]
        self.assertEqual(len(init), 1, "one kafka-init service")
        e, script = facts.env(init[0]), facts.resolve(" ".join(init[0]["command"]))
        stack = facts.read("tools/stack/kafka-start.sh")
        topics = re.search(r"for topic in (.+); do", stack).group(1).split()
        wanted = [t for t in topics if not t.endswith('.it"')]  # .it: the local in-container test server only
        self.assertEqual(re.search(r"for topic in (.+); do", script).group(1).split(), wanted)
        self.assertEqual(e["KAFKA_TOPIC"], facts.shell_default("tools/stack/kafka.sh", "KAFKA_TOPIC"))
        self.assertEqual(e["KAFKA_PARTITIONS"], facts.shell_default("tools/stack/kafka.sh", "KAFKA_PARTITIONS"))
        three = re.search(r'else KAFKA_REPLICATION_FACTOR="\$\{KAFKA_REPLICATION_FACTOR:-(\d+)\}"',
                          facts.read("tools/stack/kafka.sh")).group(1)
        self.assertEqual(e["KAFKA_REPLICATION_FACTOR"], three)
        self.assertEqual(e["KAFKA_MIN_INSYNC_REPLICAS"], re.search(r"\|\| isr=(\d+)", stack).group(1))
        for flag in ("--create", "--if-not-exists", '--partitions "$KAFKA_PARTITIONS"',
                     '--replication-factor "$KAFKA_REPLICATION_FACTOR"',
                     "min.insync.replicas=$KAFKA_MIN_INSYNC_REPLICAS"):
            self.assertIn(flag, script)
        self.assertEqual(set(e["KAFKA_BOOTSTRAP_SERVERS"].split(",")), {f"{b}:9092" for b in self.brokers})
        for name in facts.liberty_services(self.spec):
            le = facts.env(self.services[name])
            self.assertEqual(le.get("KAFKA_TOPIC"), e["KAFKA_TOPIC"], name)
            self.assertEqual(le.get("KAFKA_BOOTSTRAP_SERVERS"), e["KAFKA_BOOTSTRAP_SERVERS"], name)

    def test_images_are_pinned_to_the_stack_versions(self):
        for name, service in self.services.items():
            if "build" in service:
                continue  # built here: the Dockerfile tests check its base images
            image = service.get("image", "")
            tag = image.rpartition(":")[2]
            self.assertTrue(":" in image and tag != "latest" and re.search(r"\d", tag), f"{name}: {image} unpinned")
            if image.startswith("mysql:"):
                self.assertEqual(tag.split(".")[0], "8", f"{name}: MySQL 8, as the Hibernate dialect")
            if image.startswith("redis:"):
                self.assertEqual(tag.split(".")[0], "7", name)
            self.assertIn(image, facts.read("docs/deployment.puml"), f"the deployment diagram shows {image}")


if __name__ == "__main__":
    unittest.main()
