package dev.ferry.rules.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule knows about an Odoo method it asks to be called ({@link Output#call(String, String, String,
 * SourceRecord, CallSpec)}), written into the plan's call step so the writer can apply it without knowing the
 * method. Immutable: every method returns a new spec.
 *
 * @param when        an Odoo domain ({@code [field, operator, value]} leaves, implicitly AND-ed) a record must still
 *                    match for the method to run on it; a record that no longer matches is taken as done. Empty: the
 *                    method runs on every record
 * @param changes     fields the method writes (verify does not compare them with the plan's rows)
 * @param context     context keys the call needs, e.g. {@code disable_cancel_warning = true}
 * @param undo        methods rollback calls, in order, on records the run created, before their step unlinks them;
 *                    empty: unlinking alone undoes the call; null: the call cannot be undone
 * @param undoContext context keys the undo calls need
 */
public record CallSpec(List<Object> when, List<String> changes, Map<String, Object> context, List<String> undo,
                       Map<String, Object> undoContext) {
    /** Nothing known: called on every record, never undone. */
    public static final CallSpec NONE = new CallSpec(List.of(), List.of(), Map.of(), null, Map.of());

    public CallSpec {
        when = List.copyOf(when);
        changes = List.copyOf(changes);
        context = Map.copyOf(context);
        undo = undo == null ? null : List.copyOf(undo);
        undoContext = Map.copyOf(undoContext);
    }

    /** Adds a precondition leaf; {@code value} is a String, Number, Boolean or a list of them (for {@code in}). */
    public CallSpec when(String field, String operator, Object value) {
        List<Object> w = new ArrayList<>(when);
        w.add(List.of(field, operator, value));
        return new CallSpec(w, changes, context, undo, undoContext);
    }

    /** The fields the method writes. Null or blank entries are skipped. */
    public CallSpec changes(List<String> fields) {
        List<String> c = new ArrayList<>(changes);
        for (String f : fields) {
            if (f != null && !f.isBlank()) {
                c.add(f.strip());
            }
        }
        return new CallSpec(when, c, context, undo, undoContext);
    }

    /** A context key the call is made with. */
    public CallSpec context(String key, Object value) {
        Map<String, Object> c = new LinkedHashMap<>(context);
        c.put(key, value);
        return new CallSpec(when, changes, c, undo, undoContext);
    }

    /** Rollback calls these methods, in order, on records the run created; none given: unlinking undoes the call. */
    public CallSpec undoneBy(List<String> methods) {
        List<String> u = new ArrayList<>();
        for (String m : methods) {
            if (m != null && !m.isBlank()) {
                u.add(m.strip());
            }
        }
        return new CallSpec(when, changes, context, u, undoContext);
    }

    /** A context key the undo calls are made with. */
    public CallSpec undoContext(String key, Object value) {
        Map<String, Object> c = new LinkedHashMap<>(undoContext);
        c.put(key, value);
        return new CallSpec(when, changes, context, undo, c);
    }
}
