package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.OdooField;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One model as the sandbox needs it: the catalog's fields plus what {@code fields_get} does not tell and Odoo's
 * Python code does (description, name field, default order, one2many inverses).
 *
 * @param name             technical name
 * @param fields           fields by name, magic fields included
 * @param description      {@code _description}, which Odoo's constraint messages quote
 * @param recName          the field shown as the record's name, or null (then {@code model,id})
 * @param nameSearchFields fields {@code name_search} matches
 * @param order            default order, e.g. {@code complete_name asc, id desc}
 * @param inverses         one2many field to the many2one of the comodel that backs it; absent when unknown
 */
record ModelInfo(String name, SortedMap<String, OdooField> fields, String description, String recName,
                 List<String> nameSearchFields, String order, Map<String, String> inverses) {

    OdooField field(String f) {
        return fields.get(f);
    }

    boolean has(String f) {
        return fields.containsKey(f);
    }

    /** Models with chatter get a "created" message and lose their messages when deleted. */
    boolean isMailThread() {
        return fields.containsKey("message_ids");
    }
}
