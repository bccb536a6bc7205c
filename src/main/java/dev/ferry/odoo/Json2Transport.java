package dev.ferry.odoo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link OdooClient} over Odoo 19's JSON-2 API: {@code POST /json/2/<model>/<method>} with a JSON object of
 * named arguments, {@code Authorization: bearer <API key>} and {@code X-Odoo-Database}. Error bodies
 * ({@code {"name", "message", "arguments", "context", "debug"}}) become {@link OdooFault}s; 401 becomes an
 * {@link AuthenticationException}.
 */
public final class Json2Transport implements OdooClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final OdooServer server;
    private final Credentials credentials;
    private final HttpCaller http;
    private volatile Long uid;

    public Json2Transport(OdooServer server, Credentials credentials, ClientOptions options) {
        this.server = server;
        this.credentials = credentials;
        this.http = new HttpCaller(options);
    }

    /**
     * Asks {@code GET /json/version}, which Odoo 19 answers with {@code {"version_info": [...], "version": "19.0"}};
     * null when the server does not answer it (Odoo 18 and older give an HTML 404).
     */
    static ServerVersion probeVersion(OdooServer server, ClientOptions options) {
        HttpCaller.Target t = new HttpCaller.Target(null, "version", true, server.resolve("/json/version"));
        HttpCaller.Reply r = new HttpCaller(options).send("GET", t, Map.of("Accept", "application/json", "User-Agent", "ferry"), null);
        if (r.status() != 200 || !r.contentType().startsWith("application/json")) {
            return null;
        }
        return parseVersion(r.body(), t);
    }

    private static ServerVersion parseVersion(byte[] body, HttpCaller.Target t) {
        Map<String, Object> v = OdooValues.map(OdooValues.fromWire(parse(body, t)), "GET " + t.where());
        List<?> info = v.get("version_info") instanceof List<?> l ? l : List.of();
        String version = String.valueOf(v.get("version"));
        String serie = info.size() >= 2 ? info.get(0) + "." + info.get(1) : version;
        return new ServerVersion(version, new ArrayList<>(info), serie, 0);
    }

    @Override
    public Protocol protocol() {
        return Protocol.JSON_2;
    }

    @Override
    public ServerVersion version() {
        HttpCaller.Target t = new HttpCaller.Target(null, "version", true, server.resolve("/json/version"));
        HttpCaller.Reply r = http.send("GET", t, Map.of("Accept", "application/json", "User-Agent", "ferry"), null);
        if (r.status() != 200) {
            throw new OdooProtocolException("HTTP " + r.status() + " from " + t.label()
                    + "; expected the version (is the server Odoo 19 or later?)", null);
        }
        return parseVersion(r.body(), t);
    }

    /**
     * JSON-2 has no login call: the API key is checked on every request. This finds the user id of the
     * credentials' login, which also proves the key works.
     */
    @Override
    public long authenticate() {
        List<Map<String, Object>> users = searchRead("res.users", List.of(List.of("login", "=", credentials.login())),
                List.of("id"), 0, 1, null);
        if (users.isEmpty() || !(users.get(0).get("id") instanceof Long id)) {
            throw new AuthenticationException("Odoo accepted the API key but has no user with login '"
                    + credentials.login() + "' on database '" + server.database() + "' at " + server.url());
        }
        uid = id;
        return id;
    }

    @Override
    public Object execute(String model, String method, List<?> args, Map<String, ?> kwargs) {
        Map<String, Object> named = Json2Arguments.named(model, method, args, kwargs);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(OdooValues.toWire(named));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments of " + model + "." + method + " cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
        HttpCaller.Target t = new HttpCaller.Target(model, method, ReadOnlyMethods.isReadOnly(method),
                server.resolve("/json/2/" + encode(model) + "/" + encode(method)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "bearer " + credentials.secret().reveal());
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Accept", "application/json");
        headers.put("User-Agent", "ferry");
        if (server.database() != null) {
            headers.put("X-Odoo-Database", server.database());
        }
        HttpCaller.Reply r = http.send("POST", t, headers, body);
        boolean json = r.contentType().startsWith("application/json");
        if (r.status() == 200 && json) {
            return OdooValues.fromWire(parse(r.body(), t));
        }
        if (!json) {
            throw new OdooProtocolException("HTTP " + r.status() + " (" + (r.contentType().isEmpty() ? "no content type" : r.contentType())
                    + ") from " + t.label() + "; expected a JSON-2 answer (check the database name '"
                    + server.database() + "' and that the server is Odoo 19 or later)", null);
        }
        throw fault(model, method, r, t);
    }

    private OdooException fault(String model, String method, HttpCaller.Reply r, HttpCaller.Target t) {
        Object parsed = parse(r.body(), t);
        Map<String, Object> err = parsed instanceof Map<?, ?> ? OdooValues.map(parsed, t.label()) : Map.of();
        String name = err.get("name") instanceof String s ? s : "";
        String message = credentials.secret().redact(err.get("message") instanceof String s ? s : "");
        if (r.status() == 401 || name.endsWith("AccessDenied")) {
            return new AuthenticationException("Odoo refused the API key for " + t.label() + " (HTTP " + r.status()
                    + " " + name + ": " + OdooFault.summarize(message) + "); JSON-2 takes an API key, not a password"
                    + " (choose Protocol.XML_RPC to log in with a password)");
        }
        return new OdooFault(model, method, codeOf(name, r.status()), message, r.status(), name);
    }

    /** XML-RPC's fault numbering for a JSON-2 error, so callers can test one code whatever the protocol. */
    private static int codeOf(String name, int status) {
        if (name.endsWith("AccessError") || status == 403) {
            return OdooFault.ACCESS_ERROR;
        }
        if (name.startsWith("odoo.exceptions.")) {
            return OdooFault.USER_ERROR;
        }
        return OdooFault.UNEXPECTED;
    }

    private static Object parse(byte[] body, HttpCaller.Target t) {
        try {
            return JSON.readValue(body, Object.class);
        } catch (IOException e) {
            throw new OdooProtocolException("reply of " + t.label() + " is not JSON ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The user id found by {@link #authenticate()}, or null before. */
    Long uid() {
        return uid;
    }

    @Override
    public void close() {
        // HttpClient instances hold no resources that need closing on Java 17.
    }

    @Override
    public String toString() {
        return "Json2Transport[" + server.url() + ", db=" + server.database() + ", login=" + credentials.login() + "]";
    }
}
