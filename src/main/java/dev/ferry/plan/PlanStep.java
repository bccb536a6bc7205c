package dev.ferry.plan;

import java.util.List;
import java.util.Map;

/**
 * One step of a load plan. Schema and load steps carry a CSV in Odoo's import format; call steps name a method
 * and a CSV of external ids. Every step says how it is undone, or why it cannot be.
 */
public sealed interface PlanStep permits PlanStep.SchemaStep, PlanStep.LoadStep, PlanStep.CallStep {

    /** Step id, {@code <nn>-<kind>-<model>}, which is also the stem of its CSV file. */
    String id();

    String model();

    /** CSV file name inside the plan folder. */
    default String file() {
        return id() + ".csv";
    }

    /** Number of records (not continuation rows). */
    int rows();

    /** Ids of the steps whose records this step references. */
    List<String> dependsOn();

    StepKind kind();

    /** How rollback undoes this step, in words; {@link #irreversible()} says why it cannot. */
    String inverse();

    /** Null when the step can be undone, else the reason it cannot. */
    default String irreversible() {
        return null;
    }

    /** Creates what later data needs: custom fields, teams, stages, tags. Undone by deleting what it created. */
    record SchemaStep(String id, String model, int rows, List<String> dependsOn) implements PlanStep {
        public StepKind kind() {
            return StepKind.SCHEMA;
        }

        public String inverse() {
            return "unlink the records this step created; restore the fields it updated";
        }
    }

    /** Imports rows through Odoo's {@code load}; an upsert by external id. */
    record LoadStep(String id, String model, int rows, List<String> dependsOn) implements PlanStep {
        public StepKind kind() {
            return StepKind.LOAD;
        }

        public String inverse() {
            return "unlink the records this step created; restore the fields it updated";
        }
    }

    /**
     * Calls {@code method} on each listed record, e.g. {@code action_confirm}. What the plan knows about the method
     * is in its {@link CallContract}: the records it may run on, the fields it changes, the context it needs, and
     * how rollback undoes it on records the run created.
     */
    record CallStep(String id, String model, String method, int rows, List<String> dependsOn, CallContract contract)
            implements PlanStep {
        public CallStep {
            contract = contract == null ? CallContract.NONE : contract;
        }

        public CallStep(String id, String model, String method, int rows, List<String> dependsOn) {
            this(id, model, method, rows, dependsOn, CallContract.NONE);
        }

        public StepKind kind() {
            return StepKind.CALL;
        }

        public String inverse() {
            if (contract.undo() == null) {
                return "none";
            }
            return (contract.undo().isEmpty() ? "nothing beyond unlinking" : "call " + String.join(", then ", contract.undo())
                    + " on") + " the records the run created before their load step unlinks them; records that existed"
                    + " before the run keep what " + method + " did";
        }

        @Override
        public String irreversible() {
            return contract.undo() != null ? null
                    : "Odoo has no general undo for " + method + "; its effects (confirmations, postings) stay";
        }
    }

    /**
     * What a call step's method needs and does, as plan metadata the writer applies without knowing the method.
     *
     * @param when        an Odoo domain a record must still match for the call to run on it (e.g. {@code [["state", "in",
     *                    ["draft", "sent"]]]}); records that no longer match are skipped as done, which makes a
     *                    re-run or a resume safe. Empty: every record is called
     * @param changes     fields the method changes, which verify does not compare with the plan's rows
     * @param context     context keys the call needs (e.g. {@code disable_cancel_warning: true}), added to the run's
     * @param undo        methods rollback calls, in order, on the records the run created before unlinking them;
     *                    empty when unlinking alone undoes the call; null when the call cannot be undone
     * @param undoContext context keys those undo calls need
     */
    record CallContract(List<Object> when, List<String> changes, Map<String, Object> context, List<String> undo,
                        Map<String, Object> undoContext) {
        /** A method the plan knows nothing about: called on every record, never undone. */
        public static final CallContract NONE = new CallContract(List.of(), List.of(), Map.of(), null, Map.of());

        public CallContract {
            when = when == null ? List.of() : List.copyOf(when);
            changes = changes == null ? List.of() : List.copyOf(changes);
            context = context == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
            undo = undo == null ? null : List.copyOf(undo);
            undoContext = undoContext == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(undoContext));
        }
    }
}
