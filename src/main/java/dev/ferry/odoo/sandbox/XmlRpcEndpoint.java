package dev.ferry.odoo.sandbox;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /xmlrpc/2/common} and {@code /xmlrpc/2/object} as Odoo's {@code rpc} controller serves them. */
final class XmlRpcEndpoint {
    private final SandboxServer server;
    private final Engine engine;
    private final SandboxConfig config;

    XmlRpcEndpoint(SandboxServer server, Engine engine, SandboxConfig config) {
        this.server = server;
        this.engine = engine;
        this.config = config;
    }

    void common(HttpExchange ex, byte[] body) throws IOException {
        XmlRpcWire.MethodCall call = parse(ex, body);
        if (call == null) {
            return;
        }
        List<Object> p = call.params();
        switch (call.name()) {
            case "version" -> server.send(ex, 200, "text/xml", XmlRpcWire.response(version()));
            case "authenticate", "login" -> {
                if (p.size() < 3) {
                    fault(ex, OdooError.python("TypeError", call.name() + "() missing required positional arguments"), call.name());
                    return;
                }
                if (!config.database().equals(p.get(0))) {
                    fault(ex, unknownDatabase(p.get(0)), call.name());
                    return;
                }
                boolean ok = config.login().equals(p.get(1)) && config.secretMatches(p.get(2));
                server.send(ex, 200, "text/xml", XmlRpcWire.response(ok ? (Object) engine.adminUid : Boolean.FALSE));
            }
            default -> fault(ex, OdooError.python("NameError", "Method not available " + call.name()), call.name());
        }
    }

    Map<String, Object> version() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("server_version", engine.dialect.serverVersion(config.serie()));
        v.put("server_version_info", versionInfo(config.serie()));
        v.put("server_serie", config.serie());
        v.put("protocol_version", 1L);
        return v;
    }

    static List<Object> versionInfo(String serie) {
        String[] parts = serie.split("\\.");
        return List.of(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0L, 0L, "final", 0L, "");
    }

    private OdooError unknownDatabase(Object db) {
        return OdooError.of("psycopg2.OperationalError", "connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\""
                + " failed: FATAL:  database \"" + db + "\" does not exist", 500);
    }

    void object(HttpExchange ex, byte[] body) throws IOException {
        XmlRpcWire.MethodCall call = parse(ex, body);
        if (call == null) {
            return;
        }
        List<Object> p = call.params();
        if (!"execute_kw".equals(call.name()) && !"execute".equals(call.name())) {
            fault(ex, OdooError.python("NameError", "Method not available " + call.name()), call.name());
            return;
        }
        if (p.size() < 5) {
            fault(ex, OdooError.python("TypeError", call.name() + "() missing required positional arguments"), call.name());
            return;
        }
        String model = String.valueOf(p.get(3));
        String method = String.valueOf(p.get(4));
        List<Object> args;
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if ("execute_kw".equals(call.name())) {
            args = p.size() > 5 && p.get(5) instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
            if (p.size() > 6 && p.get(6) instanceof Map<?, ?> kw) {
                kw.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
            }
        } else {
            args = new ArrayList<>(p.subList(5, p.size()));
        }
        SandboxServer.Ticket ticket = server.arrive("xmlrpc", model, method);
        if (server.injected(ex, ticket, () -> XmlRpcWire.fault(ticket.fault().code(), ticket.fault().faultString()))) {
            return;
        }
        byte[] reply;
        SandboxCall.Outcome outcome = SandboxCall.Outcome.OK;
        try {
            if (!config.database().equals(p.get(0))) {
                throw unknownDatabase(p.get(0));
            }
            if (!Long.valueOf(engine.adminUid).equals(p.get(1)) || !config.secretMatches(p.get(2))) {
                throw OdooError.accessDenied();
            }
            Engine.Invocation inv = invocation(model, method, args, kwargs);
            Object result = engine.invoke(inv);
            if ("create".equals(method) && inv.args().get("vals_list") instanceof Map && result instanceof List<?> ids) {
                // Odoo's call_kw answers a single dict with a single id.
                result = ids.get(0);
            }
            if (containsNone(result)) {
                // Odoo's XML-RPC controller marshals with allow_none=False after the call's transaction committed:
                // the change stays, the client gets a fault (e.g. action_quotation_sent, which returns None).
                outcome = SandboxCall.Outcome.FAULT;
                reply = XmlRpcWire.fault(1, OdooError.python("TypeError", "cannot marshal None unless allow_none is enabled")
                        .traceback(method));
            } else {
                reply = XmlRpcWire.response(result);
            }
        } catch (OdooError e) {
            outcome = SandboxCall.Outcome.FAULT;
            reply = XmlRpcWire.fault(e.faultCode(), e.faultString(method));
        } catch (RuntimeException e) {
            outcome = SandboxCall.Outcome.FAULT;
            reply = XmlRpcWire.fault(1, OdooError.python("RuntimeError", "sandbox failure: " + e).traceback(method));
        }
        server.reply(ex, ticket, outcome, 200, "text/xml", reply);
    }

    private static boolean containsNone(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof java.util.Collection<?> c) {
            return c.stream().anyMatch(XmlRpcEndpoint::containsNone);
        }
        return v instanceof Map<?, ?> m && m.values().stream().anyMatch(XmlRpcEndpoint::containsNone);
    }

    /** Odoo's call_kw: record methods take their ids first; the rest fills the signature, then kwargs. */
    private Engine.Invocation invocation(String model, String method, List<Object> args, Map<String, Object> kwargs) {
        if (method.startsWith("_")) {
            throw engine.dialect.privateMethod(model, method);
        }
        engine.orm.model(model);
        Engine.Signature sig = engine.signature(model, method);
        if (sig == null) {
            throw engine.dialect.unknownMethod(model, method);
        }
        Object context = kwargs.remove("context");
        Ctx ctx = new Ctx(context instanceof Map<?, ?> c ? castMap(c) : Map.of(), engine.adminUid);
        List<Long> ids = null;
        List<Object> positional = new ArrayList<>(args);
        if (sig.onRecords()) {
            if (positional.isEmpty()) {
                throw OdooError.python("IndexError", "list index out of range");
            }
            ids = toIds(positional.remove(0));
        }
        Map<String, Object> named = new LinkedHashMap<>();
        if (sig.params() == null) {
            if (!positional.isEmpty()) {
                throw OdooError.python("TypeError", method + "() takes no positional arguments besides the ids");
            }
            named.putAll(kwargs);
            return new Engine.Invocation(model, method, ids, named, ctx);
        }
        if (positional.size() > sig.params().size()) {
            throw OdooError.python("TypeError", "BaseModel." + method + "() takes from 1 to " + (sig.params().size() + 1)
                    + " positional arguments but " + (positional.size() + 1) + " were given");
        }
        for (int i = 0; i < positional.size(); i++) {
            named.put(sig.params().get(i), positional.get(i));
        }
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            if (!sig.params().contains(e.getKey())) {
                throw unexpectedKeyword(method, e.getKey());
            }
            if (named.containsKey(e.getKey())) {
                throw OdooError.python("TypeError", "BaseModel." + method + "() got multiple values for argument '" + e.getKey() + "'");
            }
            named.put(e.getKey(), e.getValue());
        }
        for (String r : sig.required()) {
            if (!named.containsKey(r)) {
                throw OdooError.python("TypeError", "BaseModel." + method + "() missing 1 required positional argument: '" + r + "'");
            }
        }
        return new Engine.Invocation(model, method, ids, named, ctx);
    }

    static OdooError unexpectedKeyword(String method, String key) {
        String where = "search_read".equals(method) ? "_read_format" : method;
        return OdooError.python("TypeError", "BaseModel." + where + "() got an unexpected keyword argument '" + key + "'");
    }

    static List<Long> toIds(Object v) {
        if (v instanceof Long id) {
            return List.of(id);
        }
        List<Long> ids = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof Long id)) {
                    throw OdooError.python("TypeError", "ids must be integers, got " + PythonRepr.of(o));
                }
                ids.add(id);
            }
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private XmlRpcWire.MethodCall parse(HttpExchange ex, byte[] body) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            server.send(ex, 405, "text/html", SandboxServer.html("405 Method Not Allowed",
                    "The method is not allowed for the requested URL."));
            return null;
        }
        try {
            return XmlRpcWire.parseCall(body);
        } catch (Exception e) {
            fault(ex, OdooError.of("xml.parsers.expat.ExpatError", String.valueOf(e.getMessage()), 500), "dispatch");
            return null;
        }
    }

    private void fault(HttpExchange ex, OdooError e, String where) throws IOException {
        server.send(ex, 200, "text/xml", XmlRpcWire.fault(e.faultCode(), e.faultString(where)));
    }
}
