package dev.ferry.catalog;

import java.util.List;

/**
 * One field of an Odoo model as {@code fields_get} describes it.
 *
 * @param name      technical name
 * @param type      Odoo field type ({@code char}, {@code many2one}, {@code selection}, ...)
 * @param label     the field's {@code string}, which Odoo quotes in its messages
 * @param required  whether Odoo refuses a record without it
 * @param readonly  whether the field is read-only in the UI (Odoo may still accept writes)
 * @param stored    whether the value is stored; non-stored fields are computed
 * @param relation  the comodel of relational fields, else null
 * @param selection the choices of a selection field in Odoo's order, else empty
 */
public record OdooField(String name, String type, String label, boolean required, boolean readonly,
                        boolean stored, String relation, List<Choice> selection) {

    /** One selection choice: the key written to Odoo and its label. */
    public record Choice(String key, String label) {
    }

    public boolean isRelational() {
        return relation != null;
    }

    public boolean isToMany() {
        return "many2many".equals(type) || "one2many".equals(type);
    }

    public boolean hasChoice(String key) {
        for (Choice c : selection) {
            if (c.key().equals(key)) {
                return true;
            }
        }
        return false;
    }
}
