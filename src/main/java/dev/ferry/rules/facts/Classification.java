package dev.ferry.rules.facts;

/**
 * A rule's verdict about a source record, e.g. that a contact is a marketing lead. Insert it with
 * {@code insertLogical} in the classify group; map rules match on it.
 *
 * @param record the classified record
 * @param label  the class, e.g. {@code lead} or {@code partner}
 */
public record Classification(SourceRecord record, String label) {
}
