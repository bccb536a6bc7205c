package dev.ferry.odoo;

import java.util.List;

/**
 * The answer of Odoo's {@code load} (its native import).
 *
 * @param ids      database ids of the imported records in row order, or null when Odoo returned False:
 *                 then at least one row was bad and nothing of the call was saved
 * @param messages Odoo's messages, errors and warnings, in Odoo's order; empty on success
 * @param nextRow  with {@code _import_limit} in the context, the index of the first row not imported yet;
 *                 0 when every row was processed
 */
public record LoadResult(List<Long> ids, List<Message> messages, int nextRow) {

    public LoadResult {
        ids = ids == null ? null : List.copyOf(ids);
        messages = List.copyOf(messages);
    }

    /** Whether Odoo saved the call (ids is not False). */
    public boolean saved() {
        return ids != null;
    }

    /**
     * One message of {@code load}.
     *
     * @param type    {@code error} or {@code warning}
     * @param message Odoo's text, e.g. {@code No matching record found for external id 'x' in field 'Related Company'}
     * @param rowFrom first row (0-based, in the rows passed to this call) the message is about, -1 if none
     * @param rowTo   last row of that record (continuation rows included), -1 if none
     * @param record  0-based index of the record (not the row) the message is about, -1 if none
     * @param field   the technical field name when Odoo gave one, else null
     */
    public record Message(String type, String message, int rowFrom, int rowTo, int record, String field) {

        public boolean isError() {
            return "error".equals(type);
        }
    }
}
