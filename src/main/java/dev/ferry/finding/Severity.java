package dev.ferry.finding;

/** How much a finding matters; {@link #ERROR} blocks a plan from being written. */
public enum Severity {
    INFO, WARNING, ERROR;

    /** The lower-case word used in console lines and {@code findings.csv}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
