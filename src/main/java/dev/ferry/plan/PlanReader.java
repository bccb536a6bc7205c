package dev.ferry.plan;

import dev.ferry.catalog.YamlNode;
import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Findings;
import dev.ferry.finding.FindingsException;
import dev.ferry.finding.Origin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a plan folder's {@code plan.yaml} back into a {@link Plan}; the writer and explain start here. */
public final class PlanReader {
    private PlanReader() {
    }

    public static Plan read(Path planDir) {
        Path file = planDir.resolve("plan.yaml");
        if (!Files.isRegularFile(file)) {
            throw FindingsException.of(Finding.error(FindingCode.PLAN_010, Origin.file(file.toString(), 0, 0), null,
                    "a plan folder with plan.yaml (compile one with `ferry compile`)"));
        }
        Findings findings = new Findings();
        YamlNode doc = YamlNode.parse(file, file.toString(), findings);
        doc.checkKeys(Set.of("kind", "schema", "platform", "pair", "odoo-version", "digest", "batch-size", "context",
                "source-counts", "steps", "documents", "findings"));
        if (!"ferry-plan".equals(doc.string("kind", null))) {
            doc.error(FindingCode.PLAN_010, doc.string("kind", null), "kind: ferry-plan");
        }
        List<PlanStep> steps = new ArrayList<>();
        YamlNode stepsNode = doc.get("steps");
        if (stepsNode != null) {
            for (YamlNode s : stepsNode.items()) {
                s.checkKeys(Set.of("id", "kind", "model", "method", "file", "rows", "depends-on", "inverse", "when",
                        "changes", "context", "undo", "undo-context"));
                String id = s.requiredString("id");
                String model = s.requiredString("model");
                int rows = s.integer("rows", 0);
                List<String> deps = s.strings("depends-on");
                String kind = s.requiredString("kind");
                PlanStep step = switch (kind == null ? "" : kind) {
                    case "schema" -> new PlanStep.SchemaStep(id, model, rows, deps);
                    case "load" -> new PlanStep.LoadStep(id, model, rows, deps);
                    case "call" -> new PlanStep.CallStep(id, model, s.requiredString("method"), rows, deps, contract(s));
                    default -> {
                        s.error(FindingCode.PLAN_010, kind, "kind schema, load or call");
                        yield null;
                    }
                };
                if (step != null) {
                    if (!Files.isRegularFile(planDir.resolve(step.file()))) {
                        s.error(FindingCode.PLAN_010, step.file(), "the step's CSV file in the plan folder");
                    }
                    steps.add(step);
                }
            }
        }
        if (findings.hasErrors()) {
            throw new FindingsException(findings.list());
        }
        String digest = doc.string("digest", "");
        return new Plan(doc.requiredString("platform"), doc.requiredString("pair"), doc.requiredString("odoo-version"),
                digest.replaceFirst("^sha256:", ""), doc.integer("batch-size", 500), map(doc.get("context")), steps,
                intMap(doc.get("source-counts")), intMap(doc.get("documents")));
    }

    /** A call step's contract; keys it lacks take the empty value, and no {@code undo} means it cannot be undone. */
    @SuppressWarnings("unchecked")
    private static PlanStep.CallContract contract(YamlNode s) {
        Object when = s.get("when") == null ? List.of() : s.get("when").plain();
        Object context = s.get("context") == null ? Map.of() : s.get("context").plain();
        Object undoContext = s.get("undo-context") == null ? Map.of() : s.get("undo-context").plain();
        if (!(when instanceof List<?>)) {
            s.get("when").error(FindingCode.PLAN_010, String.valueOf(when), "when: an Odoo domain, a list of [field, operator, value]");
            when = List.of();
        }
        if (!(context instanceof Map<?, ?>)) {
            s.get("context").error(FindingCode.PLAN_010, String.valueOf(context), "context: a mapping of context keys");
            context = Map.of();
        }
        if (!(undoContext instanceof Map<?, ?>)) {
            s.get("undo-context").error(FindingCode.PLAN_010, String.valueOf(undoContext), "undo-context: a mapping of context keys");
            undoContext = Map.of();
        }
        return new PlanStep.CallContract((List<Object>) when, s.strings("changes"), (Map<String, Object>) context,
                s.get("undo") == null ? null : s.strings("undo"), (Map<String, Object>) undoContext);
    }

    private static Map<String, String> map(YamlNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        if (n != null && n.isMap()) {
            n.entries().forEach((k, v) -> m.put(k, v.text()));
        }
        return m;
    }

    private static Map<String, Integer> intMap(YamlNode n) {
        Map<String, Integer> m = new LinkedHashMap<>();
        if (n != null && n.isMap()) {
            n.entries().forEach((k, v) -> m.put(k, Integer.parseInt(v.text())));
        }
        return m;
    }
}
