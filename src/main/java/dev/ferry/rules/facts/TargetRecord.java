package dev.ferry.rules.facts;

import dev.ferry.finding.Origin;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A record a rule wants in Odoo: model, external id and field values. Values are plain Java values
 * (String, Long, BigDecimal, Boolean, LocalDate, LocalDateTime) or {@link Ref}s. A null value means "leave the
 * field out"; use {@link #clear} to write an empty value on purpose.
 */
public final class TargetRecord {
    /** Marker for a value written as an empty cell, which clears the field in Odoo. */
    public static final Object EMPTY = new Object() {
        @Override
        public String toString() {
            return "";
        }
    };

    private final String model;
    private final String xid;
    private final String sourceKey;
    private final Origin origin;
    private final Map<String, Object> values = new LinkedHashMap<>();
    /*
     * Most records get one rule and no lines (rules emit millions of small ones, such as a tag per record), so
     * the rule set and the lines map are made only when a second rule or a first line comes.
     */
    private String firstRule;
    private TreeSet<String> rules;
    private Map<String, java.util.List<TargetRecord>> lines;
    private Output output;
    /** The rule last added; a rule sets many fields in a row, this skips the repeated adds. */
    private String lastRule;

    public TargetRecord(String model, String xid, String sourceKey, Origin origin, String rule) {
        this.model = model;
        this.xid = xid;
        this.sourceKey = sourceKey;
        this.origin = origin;
        addRule(rule);
    }

    private void addRule(String rule) {
        if (rule == null) {
            return;
        }
        if (rules != null) {
            rules.add(rule);
        } else if (firstRule == null) {
            firstRule = rule;
        } else if (!rule.equals(firstRule)) {
            rules().add(rule);
        }
    }

    public String getModel() {
        return model;
    }

    /** External id, e.g. {@code ferry_aspec.contact_C_1001}. */
    public String getXid() {
        return xid;
    }

    /** Record key of the source record that produced this row, e.g. {@code aspec/contact#C-1001}. */
    public String getSourceKey() {
        return sourceKey;
    }

    public Origin origin() {
        return origin;
    }

    /** Links the record to the output that stamps later changes with the rule making them; engine use only. */
    void attach(Output out) {
        this.output = out;
    }

    /** Sets a field; null leaves the field out of the row. Returns this for chaining. */
    public TargetRecord set(String field, Object value) {
        if (value != null) {
            values.put(field, value);
            String rule = output == null ? null : output.currentRule();
            if (rule != null && rule != lastRule) {
                addRule(rule);
                lastRule = rule;
            }
        }
        return this;
    }

    /** Writes an empty value on purpose. */
    public TargetRecord clear(String field) {
        values.put(field, EMPTY);
        return this;
    }

    /** Copies a source field's value and marks it mapped. */
    public TargetRecord map(String field, SourceRecord source, String sourceField) {
        return set(field, source.take(sourceField));
    }

    /** A many2one by external id; null leaves the field out. */
    public TargetRecord ref(String field, String targetXid) {
        return targetXid == null ? this : set(field, new Ref.Xid(targetXid));
    }

    /** A many2many by external ids; an empty collection leaves the field out. */
    public TargetRecord refs(String field, Collection<String> targetXids) {
        return targetXids == null || targetXids.isEmpty() ? this : set(field, new Ref.Xids(List.copyOf(targetXids)));
    }

    /** A many2one by database id. */
    public TargetRecord dbId(String field, long id) {
        return set(field, new Ref.DbId(id));
    }

    /** A many2one resolved by Odoo from a display name; null leaves the field out. */
    public TargetRecord byName(String field, String name) {
        return name == null ? this : set(field, new Ref.Name(name));
    }

    /** A binary field filled with a file of the export folder (path relative to it); null leaves the field out. */
    public TargetRecord file(String field, String exportRelativePath) {
        return exportRelativePath == null ? this : set(field, new Ref.File(exportRelativePath));
    }

    /** An integer reference ({@code res_id}) by external id of a record Ferry creates. */
    public TargetRecord resRef(String field, String targetXid) {
        return targetXid == null ? this : set(field, new Ref.ResXid(targetXid));
    }

    /**
     * Adds a line to a one2many field (e.g. {@code order_line}); the plan writes it as a continuation row under
     * this record. The line's model is the field's relation; {@code lineXid} may be null for anonymous lines.
     */
    public TargetRecord line(String field, String lineXid) {
        TargetRecord l = new TargetRecord(null, lineXid, sourceKey, origin, null);
        if (lines == null) {
            lines = new LinkedHashMap<>();
        }
        lines.computeIfAbsent(field, k -> new java.util.ArrayList<>()).add(l);
        return l;
    }

    /** One2many lines by field, in the order added; an empty map (not to be modified) when there are none. */
    public Map<String, java.util.List<TargetRecord>> lines() {
        return lines == null ? Map.of() : lines;
    }

    public Object get(String field) {
        return values.get(field);
    }

    public Map<String, Object> values() {
        return values;
    }

    /** Rules that contributed to this record, as {@code <drl path>: <rule name>}, sorted. */
    public TreeSet<String> rules() {
        if (rules == null) {
            rules = new TreeSet<>();
            if (firstRule != null) {
                rules.add(firstRule);
            }
        }
        return rules;
    }

    /** The first of {@link #rules} in their sorted order, or null when no rule is recorded. */
    public String firstRuleLabel() {
        return rules == null ? firstRule : rules.isEmpty() ? null : rules.first();
    }

    /** {@link #rules} joined with {@code "; "}, as provenance lists them. */
    public String rulesText() {
        return rules == null ? (firstRule == null ? "" : firstRule) : String.join("; ", rules);
    }

    @Override
    public String toString() {
        return model + " " + xid;
    }
}
