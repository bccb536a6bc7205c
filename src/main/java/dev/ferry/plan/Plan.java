package dev.ferry.plan;

import java.util.List;
import java.util.Map;

/**
 * A compiled load plan, as {@code plan.yaml} records it.
 *
 * @param platform    source platform id
 * @param pair        rules folder the plan was compiled with
 * @param odooVersion target catalog version, e.g. {@code 17.0}
 * @param digest      SHA-256 over every input (catalogs, rules, value maps, export files, options)
 * @param batchSize   rows per {@code load} call
 * @param context     Odoo context keys the writer passes to every call (e.g. {@code tz})
 * @param steps       steps in execution order
 * @param sourceCounts records read per source object
 * @param documents   written documents (manifests, inventories) shipped with the plan, by file name → rows
 */
public record Plan(String platform, String pair, String odooVersion, String digest, int batchSize,
                   Map<String, String> context, List<PlanStep> steps, Map<String, Integer> sourceCounts,
                   Map<String, Integer> documents) {

    public PlanStep step(String id) {
        for (PlanStep s : steps) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
