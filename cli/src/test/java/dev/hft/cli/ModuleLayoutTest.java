package dev.hft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The module layout stays true: each module's main sources reference (import or spell out) only the modules it may
 * depend on, its pom declares no other module of ours outside test scope, and each module owns its packages alone.
 * Wire formats sit below every stage and depend on each other only; the ring events sit on the runtime; the order-entry
 * journal sits on the events; a strategy compiles against the runtime, the events (with the OUCH codes they carry) and
 * the journal, never against DPDK, ingress or egress.
 */
class ModuleLayoutTest {

    private static final Path ROOT = Path.of(System.getProperty("hft.root", ".."));

    /** Module folder -> the packages it owns. */
    private static final Map<String, List<String>> PACKAGES = new LinkedHashMap<>();
    /** Module folder -> the modules its main code may use. */
    private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        module("pipeline", List.of("dev.hft.pipeline"));
        module("wire/net", List.of("dev.hft.wire.net", "dev.hft.wire.pcap"));
        module("wire/mold", List.of("dev.hft.wire.mold"), "wire/net");
        module("wire/soup", List.of("dev.hft.wire.soup"));
        module("wire/itch", List.of("dev.hft.wire.itch"), "wire/net");
        module("wire/ouch", List.of("dev.hft.wire.ouch"), "wire/net");
        module("events", List.of("dev.hft.events"), "pipeline", "wire/ouch");
        module("journal", List.of("dev.hft.journal"), "pipeline", "events", "wire/ouch");
        module("dpdk", List.of("dev.hft.dpdk"), "pipeline");
        module("ingress", List.of("dev.hft.ingress"), "pipeline", "events", "wire/net", "wire/mold", "wire/itch", "dpdk");
        module("book", List.of("dev.hft.book"), "pipeline", "events", "wire/itch", "wire/net");
        module("egress", List.of("dev.hft.egress"), "pipeline", "events", "journal", "wire/net", "wire/mold", "wire/soup",
                "wire/ouch", "dpdk");
        module("strategy", List.of("dev.hft.strategy"), "pipeline", "events", "journal", "wire/ouch");
        module("venue", List.of("dev.hft.venue"), "wire/net", "wire/mold", "wire/soup", "wire/itch", "wire/ouch");
        module("bench", List.of("dev.hft.bench"), "pipeline", "events", "journal", "wire/net", "wire/mold", "wire/soup", "wire/itch",
                "wire/ouch", "dpdk", "ingress", "book", "egress", "strategy", "venue");
        module("cli", List.of("dev.hft.cli"), "pipeline", "events", "journal", "wire/net", "wire/mold", "wire/soup", "wire/itch",
                "wire/ouch", "dpdk", "ingress", "book", "egress", "strategy", "venue", "bench");
    }

    private static void module(String folder, List<String> packages, String... allowed) {
        PACKAGES.put(folder, packages);
        ALLOWED.put(folder, Set.of(allowed));
    }

    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.hft\\.[a-z]+(?:\\.[a-z]+)?)\\.");

    private static String owner(String reference) {
        String best = null;
        for (Map.Entry<String, List<String>> e : PACKAGES.entrySet()) {
            for (String pkg : e.getValue()) {
                if ((reference + ".").startsWith(pkg + ".") && (best == null || pkg.length() > best.length())) {
                    best = e.getKey();
                }
            }
        }
        return best;
    }

    @Test
    void everyModuleIsDeclaredHere() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        Set<String> modules = new TreeSet<>();
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertEquals(new TreeSet<>(PACKAGES.keySet()), modules, "a new module needs its place in this table");
    }

    @Test
    void mainSourcesUseOnlyTheModulesBelowThem() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String module : PACKAGES.keySet()) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    Matcher pkg = Pattern.compile("(?m)^package ([\\w.]+);").matcher(text);
                    assertTrue(pkg.find(), file.toString());
                    if (!module.equals(owner(pkg.group(1)))) {
                        violations.add(ROOT.relativize(file) + ": package " + pkg.group(1) + " belongs to " + owner(pkg.group(1)));
                    }
                    Matcher ref = REFERENCE.matcher(text);
                    Set<String> used = new TreeSet<>();
                    while (ref.find()) {
                        String other = owner(ref.group(1));
                        if (other != null && !other.equals(module) && !ALLOWED.get(module).contains(other)) {
                            used.add(other + " (" + ref.group(1) + ")");
                        }
                    }
                    used.forEach(u -> violations.add(ROOT.relativize(file) + " uses " + u));
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void pomsDeclareOnlyTheModulesBelowThem() throws IOException {
        Map<String, String> byArtifact = new LinkedHashMap<>();
        PACKAGES.keySet().forEach(m -> byArtifact.put("hft-" + m.replace('/', '-'), m));
        List<String> violations = new ArrayList<>();
        Pattern dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
        for (String module : PACKAGES.keySet()) {
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            Matcher d = dependency.matcher(pom);
            while (d.find()) {
                String body = d.group(1);
                Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(body);
                if (!artifact.find() || !byArtifact.containsKey(artifact.group(1)) || body.contains("<scope>test</scope>")) {
                    continue;
                }
                String other = byArtifact.get(artifact.group(1));
                if (!ALLOWED.get(module).contains(other)) {
                    violations.add(module + "/pom.xml depends on " + other);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theRuleCatchesAViolation() {
        assertEquals("dpdk", owner("dev.hft.dpdk"));
        assertEquals("wire/net", owner("dev.hft.wire.pcap"));
        assertTrue(!ALLOWED.get("strategy").contains(owner("dev.hft.egress")), "strategy may not use egress");
        assertTrue(!ALLOWED.get("venue").contains(owner("dev.hft.pipeline")), "the venue speaks wire formats only");
    }
}
