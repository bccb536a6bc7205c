package dev.ferry.catalog;

import java.util.Map;

/**
 * Where a platform keeps custom fields when it stores their definitions apart from record data:
 * definitions are records of one object, values are long-format records of another, joined onto their
 * owner records by form and record key.
 *
 * @param definitions   object whose records define custom fields
 * @param values        object whose records hold custom values (one per record and field)
 * @param defForm       field of a definition naming the form (owner object label)
 * @param defKey        field of a definition holding the custom field's key
 * @param defType       field of a definition holding the platform's type word
 * @param defLabel      field of a definition holding the label
 * @param defChoices    field of a definition holding the pick-list choices, or null
 * @param choiceSeparator separator of the choices
 * @param valueForm     field of a value naming the form
 * @param valueRecord   field of a value holding the owner's key
 * @param valueKey      field of a value holding the custom field's key
 * @param valueValue    field of a value holding the raw value
 * @param forms         platform form label → source object name
 * @param types         platform type word → Ferry field type
 */
public record CustomFieldLayout(String definitions, String values, String defForm, String defKey, String defType,
                                String defLabel, String defChoices, String choiceSeparator, String valueForm,
                                String valueRecord, String valueKey, String valueValue, Map<String, String> forms,
                                Map<String, FieldType> types) {
}
