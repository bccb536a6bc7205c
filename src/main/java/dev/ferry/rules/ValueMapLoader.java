package dev.ferry.rules;

import dev.ferry.catalog.YamlNode;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Findings;
import dev.ferry.finding.FindingsException;
import dev.ferry.rules.facts.ValueMaps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Reads {@code values/*.yaml}: {@code kind: value-map}, a description, optional fallback, and the entries. */
final class ValueMapLoader {
    private ValueMapLoader() {
    }

    static ValueMaps loadAll(Path dir, Path projectRoot) {
        ValueMaps maps = new ValueMaps();
        if (!Files.isDirectory(dir)) {
            return maps;
        }
        Findings findings = new Findings();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String display = RuleEngine.rel(projectRoot, p);
                YamlNode doc = YamlNode.parse(p, display, findings);
                doc.checkKeys(Set.of("kind", "schema", "description", "fallback", "values"));
                if (!"value-map".equals(doc.string("kind", null))) {
                    doc.error(FindingCode.DRL_002, doc.string("kind", null), "kind: value-map");
                }
                if (!"1".equals(doc.string("schema", null))) {
                    doc.error(FindingCode.DRL_002, doc.string("schema", null), "schema: 1");
                }
                doc.requiredString("description");
                Map<String, String> entries = new LinkedHashMap<>();
                YamlNode v = doc.get("values");
                if (v == null) {
                    doc.error(FindingCode.DRL_002, null, "key 'values' with the map's entries");
                } else {
                    v.entries().forEach((k, n) -> entries.put(k, n.text()));
                }
                String name = p.getFileName().toString().replaceFirst("\\.yaml$", "");
                maps.add(new ValueMaps.ValueMap(name, display, entries, doc.string("fallback", null)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (findings.hasErrors()) {
            throw new FindingsException(findings.list());
        }
        return maps;
    }
}
