package dev.ferry.rules.facts;

import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Findings;
import dev.ferry.finding.Origin;
import dev.ferry.finding.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code out} global: how rules emit target records, findings, and lossy or ignored fields. Every emission
 * is stamped with the rule that made it (provenance), which {@code ferry explain} prints.
 */
public final class Output {
    /** A row of a written document such as an attachment manifest or a report inventory. */
    public record DocumentRow(String document, List<String> header, List<String> cells, String rule) {
    }

    /** How often a field was declared lossy or ignored, with the first record that did so. */
    public record Disposition(String object, String field, boolean lossy, String reason, String rule,
                              String firstRecord, int count) {
    }

    private final String platform;
    private final Context ctx;
    private final Findings findings;
    private final List<TargetRecord> emitted = new ArrayList<>();
    private final List<DocumentRow> documents = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private final java.util.Set<String> decisions = new java.util.HashSet<>();
    /** Counted per call of lossy/ignore (several per record): keyed by a record, sorted only when listed. */
    private final Map<DispositionKey, Counted> dispositions = new HashMap<>();
    private String currentRule;
    private final String xidPrefix;

    private record DispositionKey(String object, String field, boolean lossy, String reason) {
        /** The order dispositions are listed in. */
        String sortKey() {
            return object + "." + field + "|" + lossy + "|" + reason;
        }
    }

    /** The first disposition of a key and how many records had it. */
    private static final class Counted {
        final Disposition first;
        int count = 1;

        Counted(Disposition first) {
            this.first = first;
        }
    }

    public Output(String platform, Context ctx, Findings findings) {
        this.platform = platform;
        this.ctx = ctx;
        this.findings = findings;
        this.xidPrefix = "ferry_" + platform + ".";
    }

    /** The context the rules ran in. */
    public Context context() {
        return ctx;
    }

    /** Called by the engine before a rule's consequence runs; not for rule authors. */
    public void enterRule(String rule) {
        this.currentRule = rule;
    }

    /** The rule whose consequence is running, as {@code <drl path>: <rule name>}. */
    public String currentRule() {
        return currentRule;
    }

    /**
     * The stable external id of a source record: {@code ferry_<platform>.<object>_<key>}, with the key reduced
     * to letters, digits and {@code _} so re-runs upsert the same Odoo record.
     */
    public String xid(String object, Object key) {
        if (key == null) {
            return null;
        }
        return xidPrefix + object + "_" + sanitize(key.toString());
    }

    /** The external id of the record itself; the key fields count as mapped, since the id carries them. */
    public String xid(SourceRecord r) {
        r.claimKey();
        return xid(r.getObject(), r.getKey());
    }

    static String sanitize(String raw) {
        int clean = 0;
        while (clean < raw.length() && raw.charAt(clean) < 128 && Character.isLetterOrDigit(raw.charAt(clean))) {
            clean++;
        }
        if (clean == raw.length()) {
            return raw;
        }
        StringBuilder b = new StringBuilder(raw.length());
        boolean lastUnderscore = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = c < 128 && Character.isLetterOrDigit(c);
            if (ok) {
                b.append(c);
                lastUnderscore = false;
            } else if (!lastUnderscore) {
                b.append('_');
                lastUnderscore = true;
            }
        }
        return b.toString();
    }

    /** Emits a target record for a source record; the source's origin travels with it. */
    public TargetRecord record(String model, String xid, SourceRecord source) {
        TargetRecord t = new TargetRecord(model, xid, source == null ? null : source.getRecordKey(),
                source == null ? Origin.NONE : source.origin(), currentRule);
        t.attach(this);
        emitted.add(t);
        return t;
    }

    /**
     * Asks for an Odoo method to be called on a record after all loads, e.g. {@code action_confirm} on an
     * order that was accepted in the source. Workflow states are reached this way, never by writing them.
     */
    public void call(String model, String method, String xid, SourceRecord source) {
        call(model, method, xid, source, CallSpec.NONE);
    }

    /**
     * As {@link #call(String, String, String, SourceRecord)}, with what the rule knows about the method: when it may
     * run, what it changes, how it is undone. Every call of one model and method should carry the same spec; the
     * plan keeps the first.
     */
    public void call(String model, String method, String xid, SourceRecord source, CallSpec spec) {
        calls.add(new Call(model, method, xid, source == null ? null : source.getRecordKey(), currentRule,
                spec == null ? CallSpec.NONE : spec));
    }

    /** A method call requested by a rule. */
    public record Call(String model, String method, String xid, String sourceKey, String rule, CallSpec spec) {
    }

    /** Claims every field of the record that is still unclaimed, as ignored with the reason. */
    public void ignoreRest(SourceRecord r, String reason) {
        for (String f : r.unclaimed()) {
            ignore(r, f, reason);
        }
    }

    /** Declares a field carried over with loss (or not at all), with the reason; reported once per field. */
    public void lossy(SourceRecord r, String field, String reason) {
        claimField(r, field);
        dispose(r, field, true, reason);
    }

    /** Declares a field deliberately not migrated, with the reason. */
    public void ignore(SourceRecord r, String field, String reason) {
        claimField(r, field);
        dispose(r, field, false, reason);
    }

    private void claimField(SourceRecord r, String field) {
        if (field.startsWith("custom.")) {
            r.claimCustom(field.substring("custom.".length()));
        } else {
            r.claim(field);
        }
    }

    /** Counts only records that had a value: an empty field loses nothing. */
    private synchronized void dispose(SourceRecord r, String field, boolean lossy, String reason) {
        Object value = field.startsWith("custom.") ? r.getCustom().get(field.substring("custom.".length())) : r.get(field);
        if (!SourceRecord.present(value)) {
            return;
        }
        DispositionKey k = new DispositionKey(r.getObject(), field, lossy, reason);
        Counted c = dispositions.get(k);
        if (c == null) {
            dispositions.put(k, new Counted(new Disposition(r.getObject(), field, lossy, reason, currentRule,
                    r.getRecordKey(), 1)));
        } else {
            c.count++;
        }
    }

    /** A value with no entry in a value map: an error naming the map's keys. */
    public void unmapped(SourceRecord r, String field, String map, ValueMaps values) {
        add(Severity.ERROR, FindingCode.MAP_002, r, field, r.text(field),
                "one of " + values.keys(map) + " (value map '" + map + "')",
                "add the value to rules/<pair>/values/" + map + ".yaml, or fix the export");
    }

    /** A record a person should look at before loading (warning). */
    public void review(SourceRecord r, String field, String reason) {
        add(Severity.WARNING, FindingCode.MAP_004, r, field, field == null ? null : r.text(field), reason, null);
    }

    /** A likely duplicate of another record (warning). */
    public void duplicate(SourceRecord r, String field, String otherKey) {
        add(Severity.WARNING, FindingCode.MAP_006, r, field, field == null ? null : r.text(field),
                "a unique value; it duplicates " + otherKey, "merge the records in Odoo after loading, or in the export");
    }

    /**
     * A decision made for the whole migration (currency, fallback), recorded in findings for reconciliation. The same
     * decision is recorded once per compile however often a rule makes it (a rule with no source record in its
     * condition fires once per rule batch).
     */
    public synchronized void decision(String topic, String text) {
        if (!decisions.add(topic + "\u0000" + text)) {
            return;
        }
        findings.add(new Finding(FindingCode.MAP_007, Severity.INFO, new Origin(null, 0, 0, null, topic), null,
                text, null, currentRule));
    }

    /** A free finding, for checks the shortcuts do not cover. */
    public void finding(String code, String severity, SourceRecord r, String field, Object value, String expected) {
        add(Severity.valueOf(severity.toUpperCase(java.util.Locale.ROOT)), FindingCode.byId(code), r, field,
                value == null ? null : value.toString(), expected, null);
    }

    private void add(Severity s, FindingCode code, SourceRecord r, String field, String value, String expected,
                     String hint) {
        Origin o = r == null ? Origin.NONE : r.origin().withField(field);
        findings.add(new Finding(code, s, o, value, expected, hint, currentRule));
    }

    /**
     * Resolves a source owner (user name or e-mail) to an Odoo user and sets {@code targetField} on {@code t}.
     * Unresolved owners get the {@code fallback-owner} option's user if there is one, else the field is left
     * for Odoo's default; either way an unresolved-owner warning names the owner.
     */
    public void owner(SourceRecord r, String field, TargetRecord t, String targetField) {
        Object raw = r.take(field);
        if (raw == null) {
            return;
        }
        String email = ctx.sourceUserEmail(raw.toString());
        UserDirectory.User u = ctx.users().byEmail(email);
        if (u != null) {
            t.dbId(targetField, u.id());
            return;
        }
        String fallbackEmail = ctx.option("fallback-owner");
        UserDirectory.User fb = ctx.users().byEmail(fallbackEmail);
        if (fb != null) {
            t.dbId(targetField, fb.id());
        }
        add(Severity.WARNING, FindingCode.MAP_005, r, field, raw.toString(),
                (email == null ? "a user of the export's users list" : "an Odoo user with e-mail " + email)
                        + (fb != null ? "; assigned to fallback owner " + fb.login() : "; left to Odoo's default"),
                "create the user in Odoo and add them to the users file, or set option fallback-owner");
    }

    /** Adds a row to a written document (manifest, inventory) that ships with the plan but is not loaded. */
    public void document(String name, List<String> header, List<?> cells) {
        List<String> text = new ArrayList<>();
        for (Object c : cells) {
            text.add(c == null ? "" : c.toString());
        }
        documents.add(new DocumentRow(name, List.copyOf(header), text, currentRule));
    }

    /** Target records emitted since the last drain; the engine calls this after each batch. */
    public List<TargetRecord> drainRecords() {
        List<TargetRecord> out = new ArrayList<>(emitted);
        emitted.clear();
        return out;
    }

    public List<Call> calls() {
        return calls;
    }

    public List<DocumentRow> documents() {
        return documents;
    }

    /** Lossy and ignored fields with their record counts, by object, field, kind and reason. */
    public synchronized List<Disposition> dispositions() {
        Map<String, Disposition> sorted = new TreeMap<>();
        dispositions.forEach((k, c) -> {
            Disposition d = c.first;
            sorted.put(k.sortKey(), new Disposition(d.object(), d.field(), d.lossy(), d.reason(), d.rule(),
                    d.firstRecord(), c.count));
        });
        return new ArrayList<>(sorted.values());
    }
}
