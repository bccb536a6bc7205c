package dev.ferry.plan;

import dev.ferry.catalog.YamlNode;
import dev.ferry.finding.Findings;
import dev.ferry.finding.FindingsException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A fixture case ({@code fixtures/<platform>/<case>/case.yaml}): which pair and Odoo versions to compile the
 * case's {@code export/} folder with, the target users file and the options, so a case compiles the same way
 * in tests and on the command line.
 *
 * @param dir      the case folder
 * @param platform source platform id
 * @param pair     rules folder
 * @param versions Odoo versions to compile for; the first is the default
 * @param users    target users file, or null
 * @param options  rule options
 * @param apps     the target's installed modules the rules see ({@code apps:}), or null for the catalog's apps
 * @param export   the export folder ({@code export:}, relative to the case; default {@code export}), so a case can
 *                 compile another case's export under other options or apps
 */
public record CaseFile(Path dir, String platform, String pair, java.util.List<String> versions, Path users,
                       Map<String, String> options, java.util.Set<String> apps, Path export) {

    public static CaseFile load(Path file, String display) {
        Findings findings = new Findings();
        YamlNode doc = YamlNode.parse(file, display, findings);
        doc.checkKeys(Set.of("kind", "schema", "description", "platform", "pair", "odoo", "users", "options", "apps",
                "export"));
        if (!"ferry-case".equals(doc.string("kind", null))) {
            doc.error(dev.ferry.finding.FindingCode.CAT_002, doc.string("kind", null), "kind: ferry-case");
        }
        String platform = doc.requiredString("platform");
        String pair = doc.requiredString("pair");
        java.util.List<String> versions = doc.strings("odoo");
        String users = doc.string("users", null);
        Map<String, String> options = new LinkedHashMap<>();
        YamlNode o = doc.get("options");
        if (o != null) {
            o.entries().forEach((k, v) -> options.put(k, v.text()));
        }
        java.util.Set<String> apps = doc.get("apps") == null ? null : new java.util.TreeSet<>(doc.strings("apps"));
        String export = doc.string("export", "export");
        if (findings.hasErrors()) {
            throw new FindingsException(findings.list());
        }
        Path dir = file.toAbsolutePath().getParent();
        return new CaseFile(dir, platform, pair, versions, users == null ? null : dir.resolve(users), options, apps,
                dir.resolve(export).normalize());
    }

    public Path exportDir() {
        return export;
    }

    public Path expectedDir(String version) {
        return dir.resolve("expected").resolve(version);
    }
}
