package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.OdooField;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The record semantics of Odoo's ORM that a writer meets: value conversion, defaults, required/check/unique/
 * foreign-key constraints in PostgreSQL's order, x2many commands, cascades on delete, external ids, and the
 * res.partner and mail behaviours BEHAVIOUR.md records. Everything runs inside the caller's undo scope.
 */
final class Orm {
    /** Set by the ORM, never by a caller's values. */
    private static final Set<String> MAGIC = Set.of("id", "display_name", "create_date", "write_date", "create_uid",
            "write_uid", "__last_update");
    /** Many2ones Odoo reads while creating (computes), so a missing target is a MissingError, not a FK violation. */
    private static final Set<String> READ_DURING_CREATE = Set.of("res.partner.parent_id", "res.partner.team_id",
            "crm.lead.team_id", "project.task.project_id");
    /** Required fields Odoo fills itself (_inherits parents, configuration defaults) that the sandbox does not model. */
    private static final Set<String> FILLED_BY_ODOO = Set.of("product.product.product_tmpl_id",
            "account.payment.move_id", "account.bank.statement.line.move_id", "sale.order.warehouse_id",
            "purchase.order.picking_type_id", "product.template.uom_id", "product.template.uom_po_id",
            "product.template.categ_id", "ir.model.order", "ir.model.field_id");
    /** Links declared ondelete='cascade' that the naming rule of {@link #isCascade} does not cover. */
    private static final Set<String> CASCADES = Set.of("product.product.product_tmpl_id");
    /** UNIQUE constraints: model → field → Odoo's constraint message. */
    private static final Map<String, Map<String, String>> UNIQUE = Map.of(
            "crm.tag", Map.of("name", "Tag name already exists!"),
            "product.tag", Map.of("name", "Tag name already exists!"),
            "res.users", Map.of("login", "You can not have two users with the same login !"));
    static final String CONTACT_NAME_CHECK = "Contacts require a name";
    /** Context keys BEHAVIOUR.md lists as suppressing the "created" chatter message. */
    private static final List<String> CHATTER_OFF = List.of("tracking_disable", "mail_create_nolog",
            "mail_create_nosubscribe", "mail_notrack");

    final Schema schema;
    final Store store;
    final Dialect dialect;
    private final Clock clock;
    final PartnerRules partners;
    final ProductRules products;
    final SaleRules sales;
    final AccountRules accounts;

    Orm(Schema schema, Store store, Dialect dialect, Clock clock) {
        this.schema = schema;
        this.store = store;
        this.dialect = dialect;
        this.clock = clock;
        this.partners = new PartnerRules(schema, store);
        this.products = new ProductRules(this);
        this.sales = new SaleRules(this);
        this.accounts = new AccountRules(this);
    }

    ModelInfo model(String name) {
        ModelInfo m = schema.model(name);
        if (m == null) {
            throw OdooError.userError("Object " + name + " doesn't exist");
        }
        return m;
    }

    String now() {
        return ValueConverter.DATETIME.format(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
    }

    String today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    }

    // ------------------------------------------------------------------ create

    List<Long> create(String model, List<Map<String, Object>> valsList, Ctx ctx) {
        ModelInfo m = model(model);
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> vals : valsList) {
            ids.add(createOne(m, vals, ctx));
        }
        return ids;
    }

    long createOne(ModelInfo m, Map<String, Object> vals, Ctx ctx) {
        checkKnown(m, vals.keySet());
        Map<String, Object> row = new HashMap<>();
        Map<String, Object> x2many = new LinkedHashMap<>();
        Set<String> deferredFk = new LinkedHashSet<>();
        Map<String, Object> delegated = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            OdooField f = m.field(e.getKey());
            if (delegatesToPartner(m, f)) {
                delegated.put(f.name(), e.getValue());
                continue;
            }
            if (MAGIC.contains(f.name()) || !keepsValue(f)) {
                continue;
            }
            if ("one2many".equals(f.type()) || "many2many".equals(f.type())) {
                x2many.put(f.name(), e.getValue());
                continue;
            }
            Object v = ValueConverter.convert(m, f, e.getValue());
            row.put(f.name(), v);
            if ("many2one".equals(f.type()) && v != null) {
                checkTargetRead(m, f, (Long) v, ctx, deferredFk);
            }
        }
        for (Map.Entry<String, Object> e : x2many.entrySet()) {
            OdooField f = m.field(e.getKey());
            if ("many2many".equals(f.type()) || !m.inverses().containsKey(f.name())) {
                row.put(f.name(), applyIdCommands(m, f, List.of(), e.getValue(), ctx));
            }
        }
        applyDefaults(m, row, ctx);
        if (!delegated.isEmpty() && row.get("partner_id") == null) {
            row.put("partner_id", createOne(model("res.partner"), delegated, new Ctx(Map.of("tracking_disable", true), ctx.uid())));
        } else if (!delegated.isEmpty()) {
            write("res.partner", List.of((Long) row.get("partner_id")), delegated, ctx);
        }
        deriveOnCreate(m, row, ctx);
        checkConstraints(m, row, null, deferredFk);
        long id = store.nextId(m.name());
        String now = now();
        row.put("create_date", now);
        row.put("write_date", now);
        row.put("create_uid", ctx.uid());
        row.put("write_uid", ctx.uid());
        store.insert(m.name(), id, row);
        for (Map.Entry<String, Object> e : x2many.entrySet()) {
            OdooField f = m.field(e.getKey());
            if ("one2many".equals(f.type()) && m.inverses().containsKey(f.name())) {
                applyOne2many(m, f, id, e.getValue(), ctx);
            }
        }
        if ("res.partner".equals(m.name())) {
            partners.refreshPartner(id, !x2many.isEmpty());
        }
        if ("product.template".equals(m.name())) {
            products.templateCreated(id, ctx);
        }
        if (vals.get("id") instanceof String xid && !xid.isEmpty() && ctx.get("_import_current_module") instanceof String mod) {
            // Odoo's O2MIdMapper: during an import, a one2many line may carry its own external id.
            int dot = xid.indexOf('.');
            setXmlid(dot < 0 ? mod : xid.substring(0, dot), dot < 0 ? xid : xid.substring(dot + 1), m.name(), id,
                    ValueConverter.truthy(ctx.get("noupdate")), ctx);
        }
        if (m.isMailThread() && CHATTER_OFF.stream().noneMatch(ctx::flag)) {
            logCreation(m, id, ctx);
        }
        return id;
    }

    /**
     * Whether a written value is kept: stored fields, and non-stored fields the admin may write (company-dependent
     * properties such as property_payment_term_id in 17, computed fields with an inverse such as a template's
     * standard_price), which Odoo stores elsewhere and reads back as written.
     */
    private static boolean keepsValue(OdooField f) {
        return f.stored() || !f.readonly() && !"one2many".equals(f.type()) && !"many2many".equals(f.type());
    }

    private void checkKnown(ModelInfo m, Collection<String> fields) {
        for (String f : fields) {
            if (!m.has(f)) {
                throw dialect.invalidFieldOnWrite(m.name(), f);
            }
        }
    }

    /**
     * Defaults Odoo's field definitions give, for the fields {@code row} lacks; only those a migration meets. As in
     * Odoo, a field given explicitly, even as False, gets no default: an empty required field stays empty and fails.
     */
    private void applyDefaults(ModelInfo m, Map<String, Object> row, Ctx ctx) {
        defaults(m, row, ctx).forEach(row::putIfAbsent);
    }

    /** What {@code default_get} answers: the default of each field {@code row} does not set. */
    Map<String, Object> defaults(ModelInfo m, Map<String, Object> row, Ctx ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (m.has("active") && !row.containsKey("active")) {
            out.put("active", Boolean.TRUE);
        }
        if ("res.partner".equals(m.name()) && m.has("type") && !row.containsKey("type")) {
            out.put("type", "contact");
        }
        if ("crm.lead".equals(m.name()) && m.has("type") && !row.containsKey("type")) {
            out.put("type", "opportunity");
        }
        if ("crm.lead".equals(m.name()) && m.has("user_id") && !row.containsKey("user_id")) {
            out.put("user_id", ctx.uid());
        }
        if ("mail.message".equals(m.name()) && m.has("message_type") && !row.containsKey("message_type")) {
            out.put("message_type", "comment");
        }
        if (("sale.order".equals(m.name()) || "purchase.order".equals(m.name())) && m.has("name") && !row.containsKey("name")) {
            out.put("name", "New");
        }
        for (OdooField f : m.fields().values()) {
            if (!f.required() || !f.stored() || row.containsKey(f.name()) || out.containsKey(f.name())
                    || MAGIC.contains(f.name())) {
                continue;
            }
            switch (f.type()) {
                case "selection" -> {
                    if (!f.selection().isEmpty()) {
                        out.put(f.name(), f.selection().get(0).key());
                    }
                }
                case "date" -> out.put(f.name(), today());
                case "datetime" -> out.put(f.name(), now());
                case "integer" -> out.put(f.name(), 0L);
                case "float", "monetary" -> out.put(f.name(), 0.0);
                case "boolean" -> out.put(f.name(), Boolean.FALSE);
                case "many2one" -> {
                    Long d = defaultTarget(m, f, row, ctx);
                    if (d != null) {
                        out.put(f.name(), d);
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private Long defaultTarget(ModelInfo m, OdooField f, Map<String, Object> row, Ctx ctx) {
        switch (f.relation()) {
            case "res.company" -> {
                return store.exists("res.company", 1) ? 1L : null;
            }
            case "res.users" -> {
                return ctx.uid();
            }
            case "res.currency" -> {
                Map<String, Object> company = store.get("res.company", 1);
                return company == null ? null : (Long) company.get("currency_id");
            }
            case "res.partner" -> {
                // partner_invoice_id / partner_shipping_id are computed from partner_id on orders.
                return row.get("partner_id") instanceof Long p ? p : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** A res.users field that lives on its partner (Odoo's {@code _inherits}): name, e-mail, phone and the like. */
    private boolean delegatesToPartner(ModelInfo m, OdooField f) {
        return "res.users".equals(m.name()) && !f.stored() && !MAGIC.contains(f.name()) && schema.model("res.partner") != null
                && model("res.partner").has(f.name()) && model("res.partner").field(f.name()).stored();
    }

    /** Computed and related values the sandbox keeps in step on create. */
    private void deriveOnCreate(ModelInfo m, Map<String, Object> row, Ctx ctx) {
        sales.defaults(m, row);
        accounts.defaults(m, row);
        if ("res.partner".equals(m.name())) {
            partners.inheritParentAddress(m, row);
        }
        if ("mail.activity".equals(m.name())) {
            syncActivityModel(m, row, ctx);
        }
        if ("res.users".equals(m.name()) && m.has("partner_id") && row.get("partner_id") == null) {
            // _inherits res.partner: a user creates its partner.
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", row.getOrDefault("name", row.get("login")));
            row.put("partner_id", createOne(model("res.partner"), p, new Ctx(Map.of("tracking_disable", true), ctx.uid())));
        }
    }

    private void syncActivityModel(ModelInfo m, Map<String, Object> row, Ctx ctx) {
        if (row.get("res_model") instanceof String rm && m.has("res_model_id") && row.get("res_model_id") == null) {
            Long irModel = irModelId(rm);
            if (irModel == null) {
                model(rm);
                throw OdooError.python("ValueError", "Invalid model " + PythonRepr.of(rm));
            }
            row.put("res_model_id", irModel);
        }
        if (row.get("res_model_id") instanceof Long rmId && m.has("res_model")) {
            Map<String, Object> irm = store.get("ir.model", rmId);
            if (irm != null) {
                row.put("res_model", irm.get("model"));
            }
        }
        if (row.get("res_model") instanceof String rm && row.get("res_id") instanceof Long resId && resId != 0) {
            model(rm);
            if (!store.exists(rm, resId)) {
                throw OdooError.missing(rm, List.of(resId), ctx.uid());
            }
        }
    }

    Long irModelId(String modelName) {
        for (var e : store.table("ir.model").entrySet()) {
            if (modelName.equals(e.getValue().get("model"))) {
                return e.getKey();
            }
        }
        return null;
    }

    private void logCreation(ModelInfo m, long id, Ctx ctx) {
        ModelInfo msg = schema.model("mail.message");
        if (msg == null) {
            return;
        }
        Map<String, Object> row = new HashMap<>();
        putIf(msg, row, "model", m.name());
        putIf(msg, row, "res_id", id);
        putIf(msg, row, "message_type", "notification");
        putIf(msg, row, "body", "<p>" + m.description() + " created</p>");
        putIf(msg, row, "date", now());
        putIf(msg, row, "subtype_id", xmlidTarget("mail", "mt_note"));
        Map<String, Object> user = store.get("res.users", ctx.uid());
        putIf(msg, row, "author_id", user == null ? null : user.get("partner_id"));
        long mid = store.nextId("mail.message");
        row.put("create_date", now());
        row.put("write_date", now());
        row.put("create_uid", ctx.uid());
        row.put("write_uid", ctx.uid());
        store.insert("mail.message", mid, row);
    }

    private static void putIf(ModelInfo m, Map<String, Object> row, String field, Object v) {
        if (m.has(field) && v != null) {
            row.put(field, v);
        }
    }

    // ------------------------------------------------------------------ constraints

    /** PostgreSQL's order: NOT NULL, CHECK, UNIQUE on the row, then foreign keys at the end of the statement. */
    private void checkConstraints(ModelInfo m, Map<String, Object> row, Long selfId, Set<String> fkFields) {
        for (OdooField f : m.fields().values()) {
            if (!f.required() || !f.stored() || "one2many".equals(f.type()) || MAGIC.contains(f.name())
                    || FILLED_BY_ODOO.contains(m.name() + "." + f.name())) {
                continue;
            }
            if (f.relation() != null && schema.model(f.relation()) == null) {
                // Mixins (mail.alias, resource.resource) fill these in Odoo; the sandbox has no such models.
                continue;
            }
            if (row.get(f.name()) == null) {
                throw new ConstraintViolation(ConstraintViolation.Kind.NOT_NULL, m, f.name(), null);
            }
        }
        if ("res.partner".equals(m.name()) && "contact".equals(row.get("type")) && row.get("name") == null && m.has("name")) {
            throw new ConstraintViolation(ConstraintViolation.Kind.CHECK, m, "name", CONTACT_NAME_CHECK);
        }
        for (Map.Entry<String, String> u : UNIQUE.getOrDefault(m.name(), Map.of()).entrySet()) {
            Object v = row.get(u.getKey());
            if (v == null || !m.has(u.getKey())) {
                continue;
            }
            for (var other : store.table(m.name()).entrySet()) {
                if (!other.getKey().equals(selfId) && v.equals(other.getValue().get(u.getKey()))) {
                    throw new ConstraintViolation(ConstraintViolation.Kind.UNIQUE, m, u.getKey(), u.getValue());
                }
            }
        }
        for (String fname : fkFields) {
            OdooField f = m.field(fname);
            if (row.get(fname) instanceof Long target && schema.model(f.relation()) != null && !store.exists(f.relation(), target)) {
                throw new ConstraintViolation(ConstraintViolation.Kind.FOREIGN_KEY, m, f.name(), null);
            }
        }
    }

    /** Many2ones Odoo reads during create fail at once; the others are checked as foreign keys at the end. */
    private void checkTargetRead(ModelInfo m, OdooField f, long target, Ctx ctx, Set<String> deferredFk) {
        if (READ_DURING_CREATE.contains(m.name() + "." + f.name())) {
            if (schema.model(f.relation()) != null && !store.exists(f.relation(), target)) {
                throw OdooError.missing(f.relation(), List.of(target), ctx.uid());
            }
        } else {
            deferredFk.add(f.name());
        }
    }

    // ------------------------------------------------------------------ write

    void write(String model, List<Long> ids, Map<String, Object> vals, Ctx ctx) {
        ModelInfo m = model(model);
        requireExisting(m, ids, ctx);
        checkKnown(m, vals.keySet());
        Map<String, Object> plain = new LinkedHashMap<>();
        Map<String, Object> x2many = new LinkedHashMap<>();
        Set<String> deferredFk = new LinkedHashSet<>();
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            OdooField f = m.field(e.getKey());
            if (MAGIC.contains(f.name()) || !keepsValue(f)) {
                continue;
            }
            if ("one2many".equals(f.type()) || "many2many".equals(f.type())) {
                x2many.put(f.name(), e.getValue());
                continue;
            }
            Object v = ValueConverter.convert(m, f, e.getValue());
            plain.put(f.name(), v);
            if ("many2one".equals(f.type()) && v != null) {
                checkTargetRead(m, f, (Long) v, ctx, deferredFk);
            }
        }
        for (long id : ids) {
            for (Map.Entry<String, Object> e : plain.entrySet()) {
                store.set(m.name(), id, e.getKey(), e.getValue());
            }
            for (Map.Entry<String, Object> e : x2many.entrySet()) {
                OdooField f = m.field(e.getKey());
                if ("one2many".equals(f.type()) && m.inverses().containsKey(f.name())) {
                    applyOne2many(m, f, id, e.getValue(), ctx);
                } else {
                    List<Long> current = ids(store.get(m.name(), id).get(f.name()));
                    store.set(m.name(), id, f.name(), applyIdCommands(m, f, current, e.getValue(), ctx));
                }
            }
            Map<String, Object> row = store.get(m.name(), id);
            if ("res.partner".equals(m.name()) && (plain.containsKey("parent_id") || plain.containsKey("type"))) {
                Map<String, Object> copy = new HashMap<>(row);
                partners.inheritParentAddress(m, copy);
                for (String a : PartnerRules.ADDRESS_FIELDS) {
                    if (m.has(a) && !Objects.equals(copy.get(a), row.get(a))) {
                        store.set(m.name(), id, a, copy.get(a));
                    }
                }
            }
            if ("mail.activity".equals(m.name())) {
                Map<String, Object> copy = new HashMap<>(row);
                syncActivityModel(m, copy, ctx);
                copy.forEach((k, v) -> {
                    if (!Objects.equals(v, row.get(k))) {
                        store.set(m.name(), id, k, v);
                    }
                });
            }
            checkConstraints(m, store.get(m.name(), id), id, deferredFk);
            store.set(m.name(), id, "write_date", now());
            store.set(m.name(), id, "write_uid", ctx.uid());
            if ("res.partner".equals(m.name())) {
                partners.syncChildrenAddress(m, id, plain);
                partners.refreshPartner(id);
            }
            if ("product.template".equals(m.name())) {
                products.templateWritten(id, plain);
            }
        }
    }

    private void requireExisting(ModelInfo m, List<Long> ids, Ctx ctx) {
        List<Long> missing = new ArrayList<>();
        for (long id : ids) {
            if (!store.exists(m.name(), id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw OdooError.missing(m.name(), missing, ctx.uid());
        }
    }

    // ------------------------------------------------------------------ unlink

    void unlink(String model, List<Long> ids, Ctx ctx) {
        ModelInfo m = model(model);
        requireExisting(m, ids, ctx);
        sales.checkUnlink(m.name(), ids);
        for (long id : ids) {
            if (store.exists(m.name(), id)) {
                unlinkOne(m, id, ctx);
            }
        }
    }

    private void unlinkOne(ModelInfo m, long id, Ctx ctx) {
        store.delete(m.name(), id);
        for (ModelInfo other : schema.models()) {
            for (OdooField f : other.fields().values()) {
                if (!m.name().equals(f.relation()) || !f.stored() || MAGIC.contains(f.name())) {
                    continue;
                }
                if ("many2one".equals(f.type())) {
                    boolean cascade = isCascade(m, other, f);
                    for (var e : List.copyOf(store.table(other.name()).entrySet())) {
                        if (Long.valueOf(id).equals(e.getValue().get(f.name()))) {
                            if (cascade) {
                                if (store.exists(other.name(), e.getKey())) {
                                    unlinkOne(other, e.getKey(), ctx);
                                }
                            } else if (f.required()) {
                                throw dialect.foreignKey(other.description(), other.name(), f.name(), f.label());
                            } else {
                                store.set(other.name(), e.getKey(), f.name(), null);
                            }
                        }
                    }
                } else if ("many2many".equals(f.type()) || ("one2many".equals(f.type()) && !other.inverses().containsKey(f.name()))) {
                    for (var e : List.copyOf(store.table(other.name()).entrySet())) {
                        List<Long> current = ids(e.getValue().get(f.name()));
                        if (current.contains(id)) {
                            List<Long> next = new ArrayList<>(current);
                            next.remove(Long.valueOf(id));
                            store.set(other.name(), e.getKey(), f.name(), next);
                        }
                    }
                }
            }
        }
        // Odoo deletes what points at a record by (model, res_id): chatter, activities, followers, external ids.
        for (String[] ref : new String[][]{{"mail.message", "model"}, {"mail.activity", "res_model"},
                {"mail.followers", "res_model"}, {"ir.model.data", "model"}}) {
            if (!store.hasModel(ref[0])) {
                continue;
            }
            for (var e : List.copyOf(store.table(ref[0]).entrySet())) {
                Map<String, Object> r = e.getValue();
                if (m.name().equals(r.get(ref[1])) && Long.valueOf(id).equals(r.get("res_id"))) {
                    store.delete(ref[0], e.getKey());
                }
            }
        }
    }

    /**
     * Which required many2ones cascade on delete. Odoo declares {@code ondelete='cascade'} on the lines of a
     * document (sale.order.line.order_id, account.move.line.move_id, res.partner.bank.partner_id) and leaves
     * other required links to its default, restrict. The sandbox tells them apart by name: a child model named
     * after its parent ({@code sale.order} → {@code sale.order.line}) is a part of it.
     */
    private static boolean isCascade(ModelInfo parent, ModelInfo child, OdooField f) {
        return f.required() && child.name().startsWith(parent.name() + ".") || CASCADES.contains(child.name() + "." + f.name());
    }

    // ------------------------------------------------------------------ x2many commands

    private List<Long> applyIdCommands(ModelInfo m, OdooField f, List<Long> current, Object value, Ctx ctx) {
        List<Long> out = new ArrayList<>(current);
        if (value == null || Boolean.FALSE.equals(value)) {
            return new ArrayList<>();
        }
        if (!(value instanceof List<?> list)) {
            throw OdooError.python("ValueError", "Wrong value for " + m.name() + "." + f.name() + ": " + PythonRepr.of(value));
        }
        if (list.stream().allMatch(o -> o instanceof Long)) {
            List<Long> set = new ArrayList<>();
            for (Object o : list) {
                set.add((Long) o);
            }
            requireTargets(f, set, ctx);
            return dedupe(set);
        }
        for (Object o : list) {
            List<?> cmd = command(m, f, o);
            int op = ((Long) cmd.get(0)).intValue();
            switch (op) {
                case 0 -> out.add(createOne(model(f.relation()), valsOf(cmd, 2), ctx));
                case 1 -> write(f.relation(), List.of(idOf(cmd)), valsOf(cmd, 2), ctx);
                case 2 -> {
                    long id = idOf(cmd);
                    out.remove(Long.valueOf(id));
                    unlink(f.relation(), List.of(id), ctx);
                }
                case 3 -> out.remove(Long.valueOf(idOf(cmd)));
                case 4 -> {
                    long id = idOf(cmd);
                    requireTargets(f, List.of(id), ctx);
                    if (!out.contains(id)) {
                        out.add(id);
                    }
                }
                case 5 -> out.clear();
                case 6 -> {
                    List<Long> set = ids(cmd.size() > 2 ? cmd.get(2) : List.of());
                    requireTargets(f, set, ctx);
                    out = dedupe(set);
                }
                default -> throw OdooError.python("ValueError", "Wrong value for " + m.name() + "." + f.name() + ": " + PythonRepr.of(o));
            }
        }
        return out;
    }

    private void applyOne2many(ModelInfo m, OdooField f, long id, Object value, Ctx ctx) {
        String inverse = m.inverses().get(f.name());
        ModelInfo co = model(f.relation());
        List<Long> current = one2manyIds(m, f, id);
        if (value == null || Boolean.FALSE.equals(value)) {
            return;
        }
        if (!(value instanceof List<?> list)) {
            throw OdooError.python("ValueError", "Wrong value for " + m.name() + "." + f.name() + ": " + PythonRepr.of(value));
        }
        List<List<?>> commands = new ArrayList<>();
        if (list.stream().allMatch(o -> o instanceof Long)) {
            commands.add(List.of(6L, 0L, list));
        } else {
            for (Object o : list) {
                commands.add(command(m, f, o));
            }
        }
        for (List<?> cmd : commands) {
            int op = ((Long) cmd.get(0)).intValue();
            switch (op) {
                case 0 -> {
                    Map<String, Object> vals = new LinkedHashMap<>(valsOf(cmd, 2));
                    vals.put(inverse, id);
                    createOne(co, vals, ctx);
                }
                case 1 -> write(co.name(), List.of(idOf(cmd)), valsOf(cmd, 2), ctx);
                case 2 -> unlink(co.name(), List.of(idOf(cmd)), ctx);
                case 3 -> detach(co, inverse, idOf(cmd), ctx);
                case 4 -> {
                    requireTargets(f, List.of(idOf(cmd)), ctx);
                    write(co.name(), List.of(idOf(cmd)), Map.of(inverse, id), ctx);
                }
                case 5 -> {
                    for (long c : one2manyIds(m, f, id)) {
                        detach(co, inverse, c, ctx);
                    }
                }
                case 6 -> {
                    List<Long> set = ids(cmd.size() > 2 ? cmd.get(2) : List.of());
                    requireTargets(f, set, ctx);
                    for (long c : current) {
                        if (!set.contains(c)) {
                            detach(co, inverse, c, ctx);
                        }
                    }
                    for (long c : set) {
                        write(co.name(), List.of(c), Map.of(inverse, id), ctx);
                    }
                }
                default -> throw OdooError.python("ValueError", "Wrong value for " + m.name() + "." + f.name() + ": " + PythonRepr.of(cmd));
            }
        }
    }

    private void detach(ModelInfo co, String inverse, long id, Ctx ctx) {
        if (!store.exists(co.name(), id)) {
            return;
        }
        if (co.field(inverse).required()) {
            unlink(co.name(), List.of(id), ctx);
        } else {
            Map<String, Object> vals = new HashMap<>();
            vals.put(inverse, null);
            write(co.name(), List.of(id), vals, ctx);
        }
    }

    List<Long> one2manyIds(ModelInfo m, OdooField f, long id) {
        String inverse = m.inverses().get(f.name());
        if (inverse == null) {
            Map<String, Object> row = store.get(m.name(), id);
            return row == null ? List.of() : ids(row.get(f.name()));
        }
        List<Long> out = new ArrayList<>();
        for (var e : store.table(f.relation()).entrySet()) {
            if (Long.valueOf(id).equals(e.getValue().get(inverse))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private void requireTargets(OdooField f, List<Long> ids, Ctx ctx) {
        if (schema.model(f.relation()) == null) {
            return;
        }
        List<Long> missing = new ArrayList<>();
        for (long id : ids) {
            if (!store.exists(f.relation(), id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw OdooError.missing(f.relation(), missing, ctx.uid());
        }
    }

    private static List<?> command(ModelInfo m, OdooField f, Object o) {
        if (o instanceof List<?> cmd && !cmd.isEmpty() && cmd.get(0) instanceof Long) {
            return cmd;
        }
        throw OdooError.python("ValueError", "Wrong value for " + m.name() + "." + f.name() + ": " + PythonRepr.of(o));
    }

    private static long idOf(List<?> cmd) {
        if (cmd.size() > 1 && cmd.get(1) instanceof Long id) {
            return id;
        }
        throw OdooError.python("ValueError", "Invalid command " + PythonRepr.of(cmd));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> valsOf(List<?> cmd, int index) {
        if (cmd.size() > index && cmd.get(index) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        return Map.of();
    }

    private static List<Long> dedupe(List<Long> ids) {
        return new ArrayList<>(new LinkedHashSet<>(ids));
    }

    static List<Long> ids(Object v) {
        List<Long> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Long id) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ read

    List<Map<String, Object>> read(String model, List<Long> ids, List<String> fields, boolean classic) {
        ModelInfo m = model(model);
        List<String> names = fields == null || fields.isEmpty() ? new ArrayList<>(m.fields().keySet()) : fields;
        for (String f : names) {
            if (!m.has(f)) {
                throw dialect.invalidFieldOnRead(m.name(), f);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (long id : ids) {
            Map<String, Object> row = store.get(m.name(), id);
            if (row == null || !seen.add(id)) {
                continue;
            }
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("id", id);
            for (String f : names) {
                if (!"id".equals(f)) {
                    rec.put(f, readValue(m, m.field(f), id, row, classic));
                }
            }
            out.add(rec);
        }
        return out;
    }

    Object readValue(ModelInfo m, OdooField f, long id, Map<String, Object> row, boolean classic) {
        if ("id".equals(f.name())) {
            return id;
        }
        if (delegatesToPartner(m, f) && row.get("partner_id") instanceof Long partner && store.get("res.partner", partner) != null) {
            ModelInfo pm = model("res.partner");
            return readValue(pm, pm.field(f.name()), partner, store.get("res.partner", partner), classic);
        }
        if ("display_name".equals(f.name())) {
            return displayName(m.name(), id);
        }
        if ("complete_name".equals(f.name()) && "ir.model.data".equals(m.name())) {
            return row.get("module") + "." + row.get("name");
        }
        Object v = row.get(f.name());
        switch (f.type()) {
            case "integer", "many2one_reference" -> {
                return v == null ? 0L : v;
            }
            case "float", "monetary" -> {
                return v == null ? 0.0 : v;
            }
            case "many2one" -> {
                if (!(v instanceof Long target)) {
                    return Boolean.FALSE;
                }
                return classic ? List.of(target, displayName(f.relation(), target)) : target;
            }
            case "one2many" -> {
                return one2manyIds(m, f, id);
            }
            case "many2many" -> {
                return ids(v);
            }
            default -> {
                return v == null ? Boolean.FALSE : v;
            }
        }
    }

    /** The record's name as Odoo shows it in many2one values and {@code name_search}. */
    String displayName(String model, long id) {
        ModelInfo m = schema.model(model);
        Map<String, Object> row = m == null ? null : store.get(model, id);
        if (row == null) {
            return model + "," + id;
        }
        if ("res.country.state".equals(model) && row.get("country_id") instanceof Long c) {
            Map<String, Object> country = store.get("res.country", c);
            return row.get("name") + " (" + (country == null ? "" : country.get("code")) + ")";
        }
        if ("ir.model.data".equals(model)) {
            return row.get("module") + "." + row.get("name");
        }
        if ("product.product".equals(model) && products.displayName(model, row) != null) {
            return products.displayName(model, row);
        }
        if (m.recName() != null && row.get(m.recName()) instanceof String s) {
            return s;
        }
        if ("res.partner".equals(model) && row.get("name") instanceof String s) {
            return s;
        }
        return model + "," + id;
    }

    // ------------------------------------------------------------------ external ids

    /** The record an external id points at, or null (also when the record was deleted). */
    Long xmlidTarget(String module, String name) {
        Long[] r = xmlidRow(module, name);
        return r == null ? null : r[1];
    }

    /** [ir.model.data id, res_id] or null; res_id only if the record still exists. */
    Long[] xmlidRow(String module, String name) {
        Long imd = store.xmlid(module, name);
        if (imd == null) {
            return null;
        }
        Map<String, Object> r = store.get("ir.model.data", imd);
        Long resId = r.get("res_id") instanceof Long l ? l : null;
        String model = (String) r.get("model");
        boolean alive = resId != null && model != null && store.hasModel(model) && store.exists(model, resId);
        return new Long[]{imd, alive ? resId : null};
    }

    String xmlidModel(long imdId) {
        Map<String, Object> r = store.get("ir.model.data", imdId);
        return r == null ? null : (String) r.get("model");
    }

    void setXmlid(String module, String name, String model, long resId, boolean noupdate, Ctx ctx) {
        Long[] existing = xmlidRow(module, name);
        if (existing != null) {
            store.set("ir.model.data", existing[0], "res_id", resId);
            store.set("ir.model.data", existing[0], "model", model);
            return;
        }
        Map<String, Object> row = new HashMap<>();
        row.put("module", module);
        row.put("name", name);
        row.put("model", model);
        row.put("res_id", resId);
        row.put("noupdate", noupdate);
        String now = now();
        row.put("create_date", now);
        row.put("write_date", now);
        row.put("create_uid", ctx.uid());
        row.put("write_uid", ctx.uid());
        store.insert("ir.model.data", store.nextId("ir.model.data"), row);
    }
}
