package dev.ferry.finding;

/** The catalogue of finding codes: one line each, never reused. */
public enum FindingCode {
    CAT_001("CAT-001", "a catalog file cannot be read or is not valid YAML"),
    CAT_002("CAT-002", "a catalog has an unknown kind or schema version"),
    CAT_003("CAT-003", "a catalog has an unknown key"),
    CAT_004("CAT-004", "a catalog value has the wrong shape or is missing"),
    CAT_005("CAT-005", "a catalog names an object, model or field that does not exist"),
    CAT_006("CAT-006", "a target catalog source (fields_get dump) cannot be read"),

    SRC_001("SRC-001", "an export file is missing or cannot be read"),
    SRC_002("SRC-002", "an export file's header lacks a column the catalog requires"),
    SRC_003("SRC-003", "an export file has a column the catalog does not describe"),
    SRC_010("SRC-010", "a required value is empty"),
    SRC_011("SRC-011", "a value does not parse as a number"),
    SRC_012("SRC-012", "a value is not in the field's pick-list"),
    SRC_013("SRC-013", "a value does not parse as a yes/no flag"),
    SRC_014("SRC-014", "a value does not parse as a date or datetime"),
    SRC_015("SRC-015", "a value is not a valid e-mail address"),
    SRC_016("SRC-016", "a record key appears twice in one object"),
    SRC_017("SRC-017", "a reference points at a record that is not in the export"),
    SRC_018("SRC-018", "a custom-field value names a field with no definition"),
    SRC_019("SRC-019", "a record is malformed (wrong number of cells, bad JSON)"),
    SRC_020("SRC-020", "a value holds a control character Odoo cannot store; it is removed"),

    DRL_001("DRL-001", "a rule file does not compile"),
    DRL_002("DRL-002", "a value map file is malformed"),
    DRL_003("DRL-003", "a rule failed at run time"),

    MAP_001("MAP-001", "a source field was neither mapped, declared lossy nor ignored"),
    MAP_002("MAP-002", "a source value has no entry in a value map"),
    MAP_003("MAP-003", "a source field is carried over with loss"),
    MAP_004("MAP-004", "a record needs a human review"),
    MAP_005("MAP-005", "an owner could not be resolved to an Odoo user"),
    MAP_006("MAP-006", "a likely duplicate record"),
    MAP_007("MAP-007", "a decision the plan records for reconciliation (currency, fallbacks)"),
    MAP_008("MAP-008", "a source record was not mapped to anything"),

    PLAN_001("PLAN-001", "a target record names a model the target catalog lacks"),
    PLAN_002("PLAN-002", "a target record names a field the target model lacks"),
    PLAN_003("PLAN-003", "a target value does not fit the field's type"),
    PLAN_004("PLAN-004", "a required target field has no value"),
    PLAN_005("PLAN-005", "a target value is not one of the selection's keys"),
    PLAN_006("PLAN-006", "a reference points at an external id no step creates"),
    PLAN_007("PLAN-007", "references form a cycle"),
    PLAN_008("PLAN-008", "two rules gave one target record different values for a field"),
    PLAN_009("PLAN-009", "a target field is read-only"),
    PLAN_010("PLAN-010", "a plan folder cannot be read or is inconsistent"),
    PLAN_011("PLAN-011", "a reference points at a record of another model than the field's relation"),

    ODOO_001("ODOO-001", "the Odoo server cannot be reached or answered garbage"),
    ODOO_002("ODOO-002", "authentication failed"),
    ODOO_003("ODOO-003", "a module the plan needs is not installed"),
    ODOO_004("ODOO-004", "the live model differs from the plan's catalog"),
    ODOO_005("ODOO-005", "the server's Odoo version differs from the plan's target version"),
    ODOO_006("ODOO-006", "a model the plan writes does not exist on the server"),
    ODOO_007("ODOO-007", "a record the plan refers to by external id does not exist on the server"),
    ODOO_008("ODOO-008", "an owner of the plan's users file has no user on the server"),
    ODOO_021("ODOO-021", "Odoo refused a row"),

    RUN_001("RUN-001", "a run journal cannot be read or does not match the plan"),
    RUN_002("RUN-002", "a step cannot be undone"),
    RUN_003("RUN-003", "a reply was lost; the batch's state is unknown until it is read back"),
    RUN_004("RUN-004", "a loaded record differs from the plan or is missing (verify)"),

    CLI_001("CLI-001", "a command-line argument names something that does not exist");

    private final String id;
    private final String description;

    FindingCode(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The printed code, e.g. {@code SRC-014}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static FindingCode byId(String id) {
        for (FindingCode c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown finding code " + id);
    }
}
