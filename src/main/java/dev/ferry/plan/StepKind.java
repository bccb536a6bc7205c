package dev.ferry.plan;

/** What a plan step does: create what data needs (schema), import rows (load), or call a method (call). */
public enum StepKind {
    SCHEMA, LOAD, CALL;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
