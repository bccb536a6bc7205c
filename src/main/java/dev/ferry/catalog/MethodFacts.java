package dev.ferry.catalog;

import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Findings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the methods Ferry calls are declared on one Odoo version, read from the catalog's {@code methods.yaml}
 * ({@code tools/odoo-facts} generates it from a real server): whether a method is bound to the model or to records
 * (whose ids XML-RPC takes as the first argument), and its parameter names (JSON-2 names every argument). Models
 * override methods with other signatures: on 17.0 and 18.0 {@code sale.order.line.default_get} is bound to records,
 * and 19.0 renamed {@code default_get}'s {@code fields_list} to {@code fields}.
 */
public final class MethodFacts {
    public enum Bound { MODEL, RECORDS }

    public record Signature(Bound bound, List<String> params) {
    }

    private static final MethodFacts NONE = new MethodFacts(Map.of(), Map.of(), Map.of());

    private final Map<String, Signature> base;
    private final Map<String, Map<String, Signature>> models;
    private final Map<String, Set<String>> writtenAfter;

    private MethodFacts(Map<String, Signature> base, Map<String, Map<String, Signature>> models,
                        Map<String, Set<String>> writtenAfter) {
        this.base = base;
        this.models = models;
        this.writtenAfter = writtenAfter;
    }

    /** No facts: calls go out as the caller shaped them. */
    public static MethodFacts none() {
        return NONE;
    }

    /**
     * The facts of a catalog folder: {@code methods.yaml} (generated) and {@code overrides.yaml} (observed), each
     * optional (a catalog made before them, or pulled from a customer's server).
     */
    static MethodFacts load(Path dir, Findings findings) {
        MethodFacts methods = methods(dir.resolve("methods.yaml"), findings);
        Path overrides = dir.resolve("overrides.yaml");
        if (!Files.isRegularFile(overrides)) {
            return methods;
        }
        YamlNode doc = YamlNode.parse(overrides, overrides.toString(), findings);
        doc.checkKeys(Set.of("kind", "schema", "version", "written-after"));
        if (!"odoo-overrides".equals(doc.string("kind", null))) {
            doc.error(FindingCode.CAT_002, doc.string("kind", null), "kind: odoo-overrides");
        }
        Map<String, Set<String>> after = new HashMap<>();
        YamlNode w = doc.get("written-after");
        if (w != null) {
            w.entries().forEach((model, fields) -> after.put(model, Set.copyOf(fields.items().stream().map(YamlNode::text).toList())));
        }
        return new MethodFacts(methods.base, methods.models, Map.copyOf(after));
    }

    private static MethodFacts methods(Path file, Findings findings) {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        YamlNode doc = YamlNode.parse(file, file.toString(), findings);
        doc.checkKeys(Set.of("kind", "schema", "version", "base", "models"));
        if (!"odoo-methods".equals(doc.string("kind", null))) {
            doc.error(FindingCode.CAT_002, doc.string("kind", null), "kind: odoo-methods");
        }
        Map<String, Signature> base = signatures(doc.get("base"));
        Map<String, Map<String, Signature>> models = new HashMap<>();
        YamlNode m = doc.get("models");
        if (m != null) {
            m.entries().forEach((model, node) -> models.put(model, signatures(node)));
        }
        return new MethodFacts(Map.copyOf(base), Map.copyOf(models), Map.of());
    }

    private static Map<String, Signature> signatures(YamlNode node) {
        Map<String, Signature> out = new HashMap<>();
        if (node == null) {
            return out;
        }
        node.entries().forEach((method, s) -> {
            s.checkKeys(Set.of("bound", "params"));
            String bound = s.requiredString("bound");
            if (!bound.equals("model") && !bound.equals("records")) {
                s.error(FindingCode.CAT_004, bound, "bound: model or records");
                return;
            }
            out.put(method, new Signature(bound.equals("model") ? Bound.MODEL : Bound.RECORDS, List.copyOf(s.strings("params"))));
        });
        return out;
    }

    /** The method's signature on this model: its own override, else BaseModel's; null when the facts do not say. */
    public Signature of(String model, String method) {
        Signature own = models.getOrDefault(model, Map.of()).get(method);
        return own != null ? own : base.get(method);
    }

    /**
     * Fields of {@code model} that Odoo replaces when other fields are written in the same call (a task's
     * {@code date_end} whenever its stage is written), so the writer writes them in a call of their own after.
     */
    public Set<String> writtenAfter(String model) {
        return writtenAfter.getOrDefault(model, Set.of());
    }
}
