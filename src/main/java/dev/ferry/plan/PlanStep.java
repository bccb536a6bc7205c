package dev.ferry.plan;

import java.util.List;

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

    /** Calls {@code method} on each listed record, e.g. {@code action_confirm}; workflow changes are not undone. */
    record CallStep(String id, String model, String method, int rows, List<String> dependsOn) implements PlanStep {
        public StepKind kind() {
            return StepKind.CALL;
        }

        public String inverse() {
            return "none";
        }

        @Override
        public String irreversible() {
            return "Odoo has no general undo for " + method + "; its effects (confirmations, postings) stay";
        }
    }
}
