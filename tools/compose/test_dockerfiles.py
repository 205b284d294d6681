"""Each WAR module's Dockerfile: pinned bases of the pom's versions, the same server.xml, no secret inside.

The secrets rule: a Dockerfile sets no credential and bakes in no key. No ENV or ARG whose name says PASSWORD,
SECRET, TOKEN or KEY; nothing copied from liberty-config/dev-keys/ (which .dockerignore keeps out of every build
context); no PEM private key. The images take every credential and the token key from the deployment.
"""
import os
import re
import unittest

import facts

CONFIG = "/config/"  # the official image's ${server.config.dir}


class Dockerfiles(unittest.TestCase):
    def setUp(self):
        self.spec = facts.compose()
        self.modules = sorted(set(facts.liberty_services(self.spec).values()))
        self.assertEqual(self.modules, ["payment-war", "store-manager-war"])

    def steps(self, module):
        return facts.dockerfile(f"{module}/Dockerfile")

    def final_stage(self, module):
        steps = self.steps(module)
        last = max(i for i, (ins, _) in enumerate(steps) if ins == "FROM")
        return steps[last:]

    def copies(self, stage):
        """(sources, destination, from-stage) of each COPY of a stage, flags removed."""
        found = []
        for ins, args in stage:
            if ins == "COPY":
                words = args.split()
                origin = next((w.split("=", 1)[1] for w in words if w.startswith("--from=")), None)
                paths = [w for w in words if not w.startswith("--")]
                found.append((paths[:-1], paths[-1], origin))
        return found

    def test_bases_are_pinned_to_the_pom_versions(self):
        liberty = facts.pom_property("pom.xml", "openliberty.version")
        java = facts.pom_property("pom.xml", "maven.compiler.release")
        for module in self.modules:
            bases = [args.split()[0] for ins, args in self.steps(module) if ins == "FROM"]
            for base in bases:
                tag = base.rpartition(":")[2]
                self.assertTrue(":" in base and tag != "latest" and re.search(r"\d", tag), f"{module}: {base}")
            self.assertEqual(bases[-1], f"icr.io/appcafe/open-liberty:{liberty}-kernel-slim-java{java}-openj9-ubi")
            self.assertIn(f"Open Liberty {liberty}", facts.read("docs/deployment.puml"), "the diagram's version")
            for base in bases[:-1]:
                self.assertRegex(base, rf"-{java}$|temurin-{java}\b", f"{module}: build stage on Java {java}")

    def test_same_server_xml_and_its_includes(self):
        for module in self.modules:
            server = facts.server_name(module)
            copied = {os.path.basename(src): src for srcs, dest, origin in self.copies(self.final_stage(module))
                      if dest == CONFIG and origin is None for src in srcs}
            chain = facts.server_chain(server)
            self.assertEqual(copied.get("server.xml"), f"liberty-config/{server}/server.xml", module)
            # Included by relative location: every file of the chain lands beside server.xml, under its name.
            self.assertEqual(sorted(copied.values()), sorted(chain), f"{module}: the files features.sh reads")

    def test_features_come_from_the_copied_server_xml(self):
        for module in self.modules:
            stage = self.final_stage(module)
            runs = [(i, args) for i, (ins, args) in enumerate(stage) if ins == "RUN"]
            features_at = next(i for i, args in runs if args.startswith("features.sh"))
            config_at = max(i for i, (ins, args) in enumerate(stage) if ins == "COPY" and CONFIG + "server.xml"
                            in [CONFIG + os.path.basename(s) for s in args.split() if s.endswith(".xml")])
            self.assertLess(config_at, features_at, f"{module}: features.sh before server.xml is copied")
            self.assertTrue(runs[-1][1].startswith("configure.sh"), f"{module}: configure.sh runs last")
            installs = set(re.findall(r"installFeature\s+([\w.-]+)", " ".join(a for _, a in runs)))
            features = facts.server_xml(facts.server_name(module))["features"]
            self.assertLessEqual(installs, features, f"{module}: features installed beyond server.xml")
            self.assertIn("mpHealth-4.0", features)  # the compose health check's /health/ready

    def test_war_and_jdbc_driver_where_server_xml_looks(self):
        for module in self.modules:
            server = facts.server_xml(facts.server_name(module))
            app = next(t.find("webApplication") for t in server["trees"] if t.find("webApplication") is not None)
            final_name = re.search(r"<finalName>([^<]+)</finalName>", facts.read(f"{module}/pom.xml")).group(1)
            jdbc = next(f.get("dir") for t in server["trees"] for f in t.iter("fileset"))
            jdbc = jdbc.replace("${server.config.dir}/", CONFIG).rstrip("/") + "/"
            copies = self.copies(self.final_stage(module))
            self.assertIn(([f"/src/{module}/target/{final_name}.war"], CONFIG + "apps/", "build"), copies)
            self.assertEqual(app.get("location"), f"{final_name}.war", module)
            self.assertTrue(any(dest == jdbc and origin == "build" for _, dest, origin in copies),
                            f"{module}: the driver goes to {jdbc} (service-common.xml's jdbcLib)")
            build = " ".join(a for i, a in self.steps(module) if i == "RUN")
            self.assertIn("-DincludeArtifactIds=mysql-connector-j", build)
            self.assertIn("-Dmdep.stripVersion=true", build, "named as the liberty-maven-plugin names it")
            self.assertIn(f"-pl {module} -am", build)

    def test_no_secret_baked_in(self):
        for module in self.modules:
            text = facts.read(f"{module}/Dockerfile")
            self.assertNotIn("PRIVATE KEY", text)
            for ins, args in self.steps(module):
                if ins in ("ENV", "ARG"):
                    self.assertNotRegex(args.upper(), r"PASSWORD|SECRET|TOKEN|KEY", f"{module}: {ins} {args}")
                if ins in ("COPY", "ADD"):
                    self.assertNotIn("dev-keys", args, f"{module}: copies a key")
            self.assertNotRegex(text, r"storemanager-dev|payment-link-secret", f"{module}: a password literal")

    def test_dockerignore_keeps_keys_and_state_out(self):
        ignored = [line.strip() for line in facts.read(".dockerignore").splitlines()
                   if line.strip() and not line.startswith("#")]
        for pattern in ("liberty-config/dev-keys", ".stack", ".git", "**/target"):
            self.assertIn(pattern, ignored)
        for module in self.modules:
            self.assertEqual(self.spec["services"][next(n for n, m in facts.liberty_services(self.spec).items()
                                                        if m == module)]["build"]["context"], ".")


if __name__ == "__main__":
    unittest.main()
