package dev.ferry.odoo.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sale.order workflow a migration drives through method calls, as {@code sale/models/sale_order.py} and
 * {@code sale_order_line.py} of Odoo 17–19 have it: {@code action_quotation_sent} (draft only), {@code action_confirm}
 * (draft or sent; state sale and date_order now), {@code action_cancel} (not locked; a sent or confirmed order
 * gets the cancel wizard instead unless the context has {@code disable_cancel_warning}), {@code action_lock} /
 * {@code action_unlock}, and the delete rules: an order only in draft or cancel, a line not of a confirmed order.
 * Deliveries, invoices and mails that real Odoo creates on confirmation are not modelled (see the pair's NOTES).
 */
final class SaleRules {
    static final String ORDER = "sale.order";
    static final String LINE = "sale.order.line";
    /** Methods this class implements, all on records. */
    static final List<String> METHODS = List.of("action_quotation_sent", "action_confirm", "action_cancel",
            "action_lock", "action_unlock");

    private final Orm orm;

    SaleRules(Orm orm) {
        this.orm = orm;
    }

    boolean has(String model, String method) {
        return ORDER.equals(model) && orm.schema.model(ORDER) != null && METHODS.contains(method);
    }

    /** Runs a workflow method inside the caller's transaction; returns what Odoo returns. */
    Object call(String method, List<Long> ids, Ctx ctx) {
        ModelInfo m = orm.model(ORDER);
        List<Long> existing = new ArrayList<>();
        for (long id : ids) {
            if (orm.store.exists(ORDER, id)) {
                existing.add(id);
            }
        }
        if (existing.size() < ids.size()) {
            List<Long> missing = new ArrayList<>(ids);
            missing.removeAll(existing);
            throw OdooError.missing(ORDER, missing, ctx.uid());
        }
        return switch (method) {
            case "action_quotation_sent" -> quotationSent(ids, ctx);
            case "action_confirm" -> confirm(m, ids, ctx);
            case "action_cancel" -> cancel(ids, ctx);
            case "action_lock" -> setLocked(ids, true, ctx);
            default -> setLocked(ids, false, ctx);
        };
    }

    private Object quotationSent(List<Long> ids, Ctx ctx) {
        for (long id : ids) {
            if (!"draft".equals(state(id))) {
                throw OdooError.userError("Only draft orders can be marked as sent directly.");
            }
        }
        write(ids, Map.of("state", "sent"), ctx);
        return null;
    }

    private Object confirm(ModelInfo m, List<Long> ids, Ctx ctx) {
        if (orm.dialect.major() < 18) {
            List<String> names = new ArrayList<>();
            boolean refused = false;
            for (long id : ids) {
                names.add(orm.displayName(ORDER, id));
                refused |= !List.of("draft", "sent").contains(state(id));
            }
            if (refused) {
                throw OdooError.userError("The following orders are not in a state requiring confirmation: "
                        + String.join(", ", names));
            }
        } else {
            for (long id : ids) {
                if (!List.of("draft", "sent").contains(state(id))) {
                    throw OdooError.userError("Some orders are not in a state requiring confirmation.");
                }
                if (linesWithoutProduct(id)) {
                    throw OdooError.userError("A line on these orders missing a product, you cannot confirm it.");
                }
            }
        }
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("state", "sale");
        vals.put("date_order", orm.now());
        write(ids, vals, ctx);
        return Boolean.TRUE;
    }

    private Object cancel(List<Long> ids, Ctx ctx) {
        for (long id : ids) {
            if (Boolean.TRUE.equals(orm.store.get(ORDER, id).get("locked"))) {
                throw OdooError.userError("You cannot cancel a locked order. Please unlock it first.");
            }
        }
        boolean wizard = !ValueConverter.truthy(ctx.get("disable_cancel_warning"))
                && ids.stream().anyMatch(id -> !"draft".equals(state(id)));
        if (wizard) {
            if (ids.size() != 1) {
                throw OdooError.python("ValueError", "Expected singleton: sale.order" + PythonRepr.tuple(new ArrayList<>(ids)));
            }
            // _show_cancel_wizard: the order is not cancelled; the caller gets the sale.order.cancel wizard to open.
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("default_order_id", ids.get(0));
            context.put("mark_so_as_canceled", Boolean.TRUE);
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("name", "Cancel " + ("sale".equals(state(ids.get(0))) ? "Sales Order" : "Quotation"));
            action.put("view_mode", "form");
            action.put("res_model", "sale.order.cancel");
            action.put("type", "ir.actions.act_window");
            action.put("context", context);
            action.put("target", "new");
            return action;
        }
        write(ids, Map.of("state", "cancel"), ctx);
        return Boolean.TRUE;
    }

    private Object setLocked(List<Long> ids, boolean locked, Ctx ctx) {
        if (orm.model(ORDER).has("locked")) {
            write(ids, Map.of("locked", locked), ctx);
        }
        return null;
    }

    /** Odoo's ondelete checks: orders only in draft or cancel; lines not of confirmed orders (sections may go). */
    void checkUnlink(String model, List<Long> ids) {
        if (ORDER.equals(model)) {
            for (long id : ids) {
                String s = state(id);
                if (s != null && !"draft".equals(s) && !"cancel".equals(s)) {
                    throw OdooError.userError("You can not delete a sent quotation or a confirmed sales order."
                            + " You must first cancel it.");
                }
            }
        } else if (LINE.equals(model)) {
            for (long id : ids) {
                Map<String, Object> line = orm.store.get(LINE, id);
                if (line != null && line.get("display_type") == null && line.get("order_id") instanceof Long o
                        && "sale".equals(state(o))) {
                    throw OdooError.userError("You can not remove an order line once the sales order is confirmed.\n"
                            + "You should rather set the quantity to 0.");
                }
            }
        }
    }

    private String state(long orderId) {
        Map<String, Object> row = orm.store.get(ORDER, orderId);
        return row == null ? null : (String) row.get("state");
    }

    private boolean linesWithoutProduct(long orderId) {
        for (Map<String, Object> line : orm.store.table(LINE).values()) {
            if (Long.valueOf(orderId).equals(line.get("order_id")) && line.get("display_type") == null
                    && line.get("product_id") == null && !Boolean.TRUE.equals(line.get("is_downpayment"))) {
                return true;
            }
        }
        return false;
    }

    private void write(List<Long> ids, Map<String, Object> vals, Ctx ctx) {
        orm.write(ORDER, ids, vals, ctx);
    }

    /** Field defaults of sale.order that the workflow depends on: a new order is a draft quotation. */
    void defaults(ModelInfo m, Map<String, Object> row) {
        if (ORDER.equals(m.name()) && m.has("state") && row.get("state") == null) {
            row.put("state", "draft");
        }
    }
}
