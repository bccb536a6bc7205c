package dev.ferry.odoo.sandbox;

/**
 * A database constraint failed. Kept apart from {@link OdooError} because Odoo words the same violation
 * differently for create/write (a fault) and for {@code load} (a message).
 */
final class ConstraintViolation extends RuntimeException {
    enum Kind { NOT_NULL, CHECK, UNIQUE, FOREIGN_KEY }

    final Kind kind;
    final ModelInfo model;
    final String field;
    /** The constraint's own message (CHECK and UNIQUE). */
    final String constraintMessage;

    ConstraintViolation(Kind kind, ModelInfo model, String field, String constraintMessage) {
        super(kind + " on " + model.name() + "." + field, null, false, false);
        this.kind = kind;
        this.model = model;
        this.field = field;
        this.constraintMessage = constraintMessage;
    }

    private String label() {
        return model.field(field).label();
    }

    /** The fault create and write raise. */
    OdooError asFault(Dialect d) {
        return switch (kind) {
            case NOT_NULL -> d.requiredMissing(model.description(), model.name(), label(), field);
            case CHECK, UNIQUE -> d.constraint(constraintMessage);
            case FOREIGN_KEY -> d.foreignKey(model.description(), model.name(), field, label());
        };
    }

    /** The message {@code load} reports. */
    String asLoadMessage(Dialect d) {
        return switch (kind) {
            case NOT_NULL -> d.loadRequired(model.description(), model.name(), label(), field);
            case CHECK -> d.loadCheck(constraintMessage);
            case UNIQUE -> d.loadUnique(field, label(), constraintMessage);
            case FOREIGN_KEY -> d.foreignKey(model.description(), model.name(), field, label()).text;
        };
    }
}
