package dev.ferry.rules.facts;

import java.util.List;

/**
 * A relational value of a target record. The plan writes each kind as Odoo's import format does:
 * {@code field/id} for external ids, {@code field/.id} for database ids, {@code field} for a display name.
 */
public sealed interface Ref {

    /** A many2one to a record by external id (one Ferry creates, or one Odoo ships such as {@code base.ca}). */
    record Xid(String xid) implements Ref {
    }

    /** A many2many by external ids; the plan writes them comma-separated, which replaces the set in Odoo. */
    record Xids(List<String> xids) implements Ref {
        public Xids {
            xids = List.copyOf(xids);
        }
    }

    /** A many2one by database id, used for records Ferry does not create (users from the users directory). */
    record DbId(long id) implements Ref {
    }

    /** A many2one by display name, which Odoo resolves with name_search (e.g. a province by name). */
    record Name(String name) implements Ref {
    }

    /**
     * The content of a file of the export folder (path relative to it), written base64 into binary fields such as
     * {@code ir.attachment.datas}. A missing file is a warning and leaves the field empty.
     */
    record File(String path) implements Ref {
    }

    /** An integer reference ({@code res_id}) to a record of the model named in {@code modelField}, by external id. */
    record ResXid(String xid) implements Ref {
    }
}
