package dev.ferry.odoo.sandbox;

/**
 * The texts that differ between Odoo 17, 18 and 19, as VERSIONS.md and BEHAVIOUR.md record them. One place,
 * so each version's wording can be checked against the notes side by side.
 */
final class Dialect {
    private final int major;

    Dialect(int major) {
        this.major = major;
    }

    int major() {
        return major;
    }

    /** {@code server_version} as the observed servers answer it. */
    String serverVersion(String serie) {
        return switch (serie) {
            case "17.0" -> "17.0-20240709";
            default -> serie;
        };
    }

    OdooError invalidFieldOnWrite(String model, String field) {
        return OdooError.python("ValueError", major >= 19
                ? "Invalid field " + PythonRepr.of(field) + " in " + PythonRepr.of(model)
                : "Invalid field " + PythonRepr.of(field) + " on model " + PythonRepr.of(model));
    }

    OdooError invalidFieldOnRead(String model, String field) {
        return OdooError.python("ValueError", major >= 19
                ? "Invalid field " + PythonRepr.of(field) + " on " + PythonRepr.of(model)
                : "Invalid field " + PythonRepr.of(field) + " on model " + PythonRepr.of(model));
    }

    OdooError invalidDomainField(String model, String field, String leafRepr) {
        return OdooError.python("ValueError", "Invalid field " + model + "." + field
                + (major >= 18 ? " in condition " : " in leaf ") + leafRepr);
    }

    /** XML-RPC: the traceback's last line for a method the model lacks. */
    OdooError unknownMethod(String model, String method) {
        return OdooError.python("AttributeError", major >= 18
                ? "The method '" + model + "." + method + "' does not exist"
                : "The method '" + method + "' does not exist on the model '" + model + "'");
    }

    OdooError privateMethod(String model, String method) {
        return OdooError.accessError(major >= 18
                ? "Private methods (such as '" + model + "." + method + "') cannot be called remotely."
                : "Private methods (such as " + method + ") cannot be called remotely.");
    }

    /** A NOT NULL violation raised by create or write. */
    OdooError requiredMissing(String modelDescription, String model, String fieldLabel, String field) {
        if (major >= 19) {
            return OdooError.validation("The operation cannot be completed: Missing required value for the field '"
                    + fieldLabel + "' (" + field + ").\nModel: '" + modelDescription + "' (" + model + ")\n"
                    + "- create/update: a mandatory field is not set\n"
                    + "- delete: another model requires the record being deleted, you can archive it instead\n");
        }
        return OdooError.validation("The operation cannot be completed:\n"
                + "- Create/update: a mandatory field is not set.\n"
                + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                + "Model: " + modelDescription + " (" + model + ")\nField: " + fieldLabel + " (" + field + ")\n");
    }

    /** A foreign-key violation: a many2one naming a missing record, or deleting a record still referenced. */
    OdooError foreignKey(String modelDescription, String model, String field, String fieldLabel) {
        if (major >= 19) {
            return OdooError.validation("The operation cannot be completed: Another model is using the record you are trying to delete.\n\n"
                    + "The troublemaker is: '" + modelDescription + "' (" + model + ")\n"
                    + "Thanks to the following constraint: '" + fieldLabel + "' (" + field + ")\n"
                    + "How about archiving the record instead?");
        }
        return OdooError.validation("The operation cannot be completed: another model requires the record being deleted."
                + " If possible, archive it instead.\n\nModel: " + modelDescription + " (" + model + ")\nConstraint: "
                + model.replace('.', '_') + "_" + field + "_fkey\n");
    }

    /** A CHECK or UNIQUE constraint raised by create or write, with the constraint's message. */
    OdooError constraint(String message) {
        return OdooError.validation("The operation cannot be completed: " + message);
    }

    /** {@code load}'s message for a NOT NULL violation. */
    String loadRequired(String modelDescription, String model, String fieldLabel, String field) {
        if (major >= 19) {
            return "Missing required value for the field '" + fieldLabel + "' (" + field + ").\nModel: '"
                    + modelDescription + "' (" + model + ")\n- create/update: a mandatory field is not set\n"
                    + "- delete: another model requires the record being deleted, you can archive it instead\n";
        }
        return "Missing required value for the field '" + fieldLabel + "' (" + field + ")";
    }

    /** {@code load}'s message for a CHECK constraint (17 and 18 quote it). */
    String loadCheck(String message) {
        return major >= 19 ? message : "'" + message + "'";
    }

    /** {@code load}'s message for a UNIQUE constraint. */
    String loadUnique(String field, String fieldLabel, String message) {
        return major >= 19 ? message
                : "The value for the field '" + field + "' already exists (this is probably '" + fieldLabel
                + "' in the current model).";
    }

    /** {@code load} with a column naming no field: not a message but an exception (fault 1). */
    OdooError loadUnknownColumn(String name) {
        return major >= 18 ? OdooError.python("ValueError", "Invalid field name " + PythonRepr.of(name))
                : OdooError.python("KeyError", PythonRepr.of(name));
    }

    /** 18 and 19 add {@code field}, {@code field_name} and {@code moreinfo} to load's conversion messages. */
    boolean detailedLoadMessages() {
        return major >= 18;
    }

    /** Odoo 19 serves JSON-2; older ones answer {@code /json/2} with a redirect to the login page. */
    boolean servesJson2() {
        return major >= 19;
    }
}
