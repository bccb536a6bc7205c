package dev.ferry.odoo.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /json/2/<model>/<method>} as Odoo 19's {@code rpc} module serves it (see VERSIONS.md). */
final class Json2Endpoint {
    static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxServer server;
    private final Engine engine;
    private final SandboxConfig config;

    Json2Endpoint(SandboxServer server, Engine engine, SandboxConfig config) {
        this.server = server;
        this.engine = engine;
        this.config = config;
    }

    void handle(HttpExchange ex, byte[] body) throws IOException {
        if (!config.json2()) {
            // Odoo 18 and older have no JSON-2: the route falls through to the login page.
            ex.getResponseHeaders().set("Location", "/web/login?redirect=" + ex.getRequestURI().getPath());
            server.send(ex, 303, "text/html", new byte[0]);
            return;
        }
        String[] parts = ex.getRequestURI().getPath().substring("/json/2/".length()).split("/");
        if (!"POST".equals(ex.getRequestMethod()) || parts.length != 2) {
            error(ex, OdooError.of("werkzeug.exceptions.NotFound", "Did you mean POST /json/2/<model>/<method>?", 404), "dispatch");
            return;
        }
        String model = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        String method = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        String db = ex.getRequestHeaders().getFirst("X-Odoo-Database");
        if (db != null && !db.equals(config.database())) {
            server.send(ex, 404, "text/html", SandboxServer.html("404 Not Found",
                    "No database is selected and the requested URL was not found in the server-wide controllers."));
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "bearer ", 0, 7)) {
            unauthorized(ex, "User not authenticated, use an API Key with a Bearer Authorization header.");
            return;
        }
        if (!auth.substring(7).strip().equals(config.apiKey())) {
            unauthorized(ex, "Invalid apikey");
            return;
        }
        Map<String, Object> args;
        try {
            Object parsed = SandboxEnv.normalize(JSON.readValue(body, Object.class));
            if (!(parsed instanceof Map<?, ?> m)) {
                throw OdooError.of("werkzeug.exceptions.BadRequest", "could not parse the body as json: expected an object", 400);
            }
            args = new LinkedHashMap<>(XmlRpcEndpoint.castMap(m));
        } catch (JsonProcessingException e) {
            error(ex, OdooError.of("werkzeug.exceptions.BadRequest", "could not parse the body as json: " + e.getOriginalMessage(), 400), method);
            return;
        } catch (OdooError e) {
            error(ex, e, method);
            return;
        }
        if (engine.schema.model(model) == null) {
            error(ex, OdooError.of("werkzeug.exceptions.NotFound", "the model '" + model + "' does not exist", 404), method);
            return;
        }
        if (method.startsWith("_")) {
            error(ex, engine.dialect.privateMethod(model, method), method);
            return;
        }
        Engine.Signature sig = engine.signature(model, method);
        if (sig == null) {
            error(ex, OdooError.of("werkzeug.exceptions.NotFound", "The method '" + model + "." + method + "' does not exist", 404), method);
            return;
        }
        SandboxServer.Ticket ticket = server.arrive("json2", model, method);
        if (server.injected(ex, ticket, () -> errorBody(ticket.fault().errorName(), ticket.fault().message(),
                ticket.fault().httpStatus(), ticket.fault().faultString()))) {
            return;
        }
        int status = 200;
        byte[] reply;
        SandboxCall.Outcome outcome = SandboxCall.Outcome.OK;
        try {
            reply = JSON.writeValueAsBytes(engine.invoke(invocation(model, method, sig, args)));
        } catch (OdooError e) {
            outcome = SandboxCall.Outcome.FAULT;
            status = e.status;
            reply = errorBody(e.pythonClass, e.text, e.status, e.traceback(method));
        } catch (RuntimeException e) {
            outcome = SandboxCall.Outcome.FAULT;
            status = 500;
            OdooError bug = OdooError.python("RuntimeError", "sandbox failure: " + e);
            reply = errorBody(bug.pythonClass, bug.text, 500, bug.traceback(method));
        }
        server.reply(ex, ticket, outcome, status, "application/json; charset=utf-8", reply);
    }

    private Engine.Invocation invocation(String model, String method, Engine.Signature sig, Map<String, Object> args) {
        Object context = args.remove("context");
        Ctx ctx = new Ctx(context instanceof Map<?, ?> c ? XmlRpcEndpoint.castMap(c) : Map.of(), engine.adminUid);
        List<Long> ids = null;
        if (args.containsKey("ids")) {
            if (!sig.onRecords()) {
                throw OdooError.of("werkzeug.exceptions.UnprocessableEntity", "cannot call " + model + "." + method + " with ids", 422);
            }
            ids = XmlRpcEndpoint.toIds(args.remove("ids"));
        } else if (sig.onRecords()) {
            ids = new ArrayList<>();
        }
        if (sig.params() != null) {
            for (String k : args.keySet()) {
                if (!sig.params().contains(k)) {
                    throw XmlRpcEndpoint.unexpectedKeyword(method, k);
                }
            }
            for (String r : sig.required()) {
                if (!args.containsKey(r)) {
                    throw OdooError.of("werkzeug.exceptions.UnprocessableEntity", "missing a required argument: '" + r + "'", 422);
                }
            }
        }
        return new Engine.Invocation(model, method, ids, args, ctx);
    }

    private void unauthorized(HttpExchange ex, String message) throws IOException {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        OdooError e = OdooError.of("werkzeug.exceptions.Unauthorized", message, 401);
        server.send(ex, 401, "application/json; charset=utf-8",
                errorBody(e.pythonClass, message, 401, e.traceback("dispatch").replace(e.pythonClass + ": ",
                        e.pythonClass + ": 401 Unauthorized: ")));
    }

    private void error(HttpExchange ex, OdooError e, String where) throws IOException {
        server.send(ex, e.status, "application/json; charset=utf-8", errorBody(e.pythonClass, e.text, e.status, e.traceback(where)));
    }

    /** The error body VERSIONS.md records: name, message, arguments [message, status], context, debug. */
    static byte[] errorBody(String name, String message, int status, String debug) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("message", message);
        body.put("arguments", List.of(message, status));
        body.put("context", Map.of());
        body.put("debug", debug);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
