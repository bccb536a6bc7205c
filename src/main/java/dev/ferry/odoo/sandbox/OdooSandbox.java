package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.OdooCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An in-process Odoo stand-in for writer tests: an HTTP server on 127.0.0.1 speaking XML-RPC
 * ({@code /xmlrpc/2/common}, {@code /xmlrpc/2/object}) and, for Odoo 19 catalogs, JSON-2
 * ({@code /json/2/<model>/<method>}), holding records in memory under the models and fields of an
 * {@link OdooCatalog}. It answers as BEHAVIOUR.md and VERSIONS.md record a real server answering (fault codes
 * and texts per version, {@code load} messages, all-or-nothing calls), starts with the base records migrations
 * point at (company, admin, CA/US/AU with some states, USD/CAD, activity types, message subtypes, one
 * {@code ir.model} row per model), and can misbehave on purpose through {@link #faults()}.
 *
 * <pre>{@code
 * try (OdooSandbox odoo = OdooSandbox.start(catalog)) {
 *     OdooClient c = OdooClient.connect(OdooServer.of(odoo.url().toString(), odoo.database()),
 *             new Credentials(odoo.login(), Secret.of(odoo.password().toCharArray())), ClientOptions.defaults());
 * }
 * }</pre>
 */
public final class OdooSandbox implements AutoCloseable {
    private final Engine engine;
    private final SandboxServer server;
    private final SandboxConfig config;

    private OdooSandbox(Engine engine, SandboxServer server, SandboxConfig config) {
        this.engine = engine;
        this.server = server;
        this.config = config;
    }

    /** A sandbox with the defaults of {@link Builder}, listening on a free port. */
    public static OdooSandbox start(OdooCatalog catalog) {
        return builder(catalog).start();
    }

    public static Builder builder(OdooCatalog catalog) {
        return new Builder(catalog);
    }

    /** Settings of a sandbox; every one has a default. */
    public static final class Builder {
        private final OdooCatalog catalog;
        private String database = "ferry";
        private String login = "admin";
        private String password = "admin";
        private String apiKey;
        private int port;
        private Boolean json2;
        private Clock clock = Clock.systemUTC();

        private Builder(OdooCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            byte[] key = new byte[20];
            new SecureRandom().nextBytes(key);
            this.apiKey = HexFormat.of().formatHex(key);
        }

        /** Database name (default {@code ferry}). */
        public Builder database(String name) {
            this.database = name;
            return this;
        }

        /** The admin's login and password (default {@code admin}/{@code admin}). */
        public Builder credentials(String login, String password) {
            this.login = login;
            this.password = password;
            return this;
        }

        /** The admin's API key (default: 40 random hex digits, as Odoo generates). */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** Port to listen on; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Whether to serve JSON-2; by default only for catalogs of Odoo 19 and later. */
        public Builder json2(boolean enabled) {
            this.json2 = enabled;
            return this;
        }

        /** The clock for create_date/write_date and date defaults (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public OdooSandbox start() {
            Engine engine = new Engine(catalog, clock);
            boolean j2 = json2 != null ? json2 : engine.dialect.servesJson2();
            SandboxConfig config = new SandboxConfig(database, login, password, apiKey, catalog.version(), j2);
            SandboxServer server = new SandboxServer(engine, config);
            try {
                server.start(port);
            } catch (IOException e) {
                throw new UncheckedIOException("sandbox cannot listen on 127.0.0.1:" + port, e);
            }
            return new OdooSandbox(engine, server, config);
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    public String database() {
        return config.database();
    }

    public String login() {
        return config.login();
    }

    /** The admin's password; a test fixture, not a secret. */
    public String password() {
        return config.password();
    }

    /** The admin's API key for JSON-2 (also accepted as an XML-RPC password). */
    public String apiKey() {
        return config.apiKey();
    }

    /** The version the sandbox plays, e.g. {@code 17.0}. */
    public String version() {
        return config.serie();
    }

    /** The admin's user id (2, as in Odoo). */
    public long adminUid() {
        return engine.adminUid;
    }

    /** Direct record access with Odoo's semantics, bypassing HTTP and the call log. */
    public SandboxEnv env() {
        return new SandboxEnv(engine);
    }

    /** An immutable copy of all records now. */
    public SandboxSnapshot snapshot() {
        return engine.transaction(() -> SandboxSnapshot.of(engine.store));
    }

    /** Scripted faults, dropped replies, delays and refused connections. */
    public FaultInjector faults() {
        return server.faults;
    }

    /** The model-method calls received so far, in arrival order. */
    public List<SandboxCall> calls() {
        return server.calls();
    }

    /** How many model-method calls arrived. */
    public int callCount() {
        return calls().size();
    }

    /**
     * How many calls of methods that can change data arrived (create, write, unlink, load, custom methods...),
     * whatever their outcome; "loading twice writes nothing new" means this does not grow the second time.
     */
    public int writeCallCount() {
        return (int) calls().stream().filter(SandboxCall::writing).count();
    }

    /** Forgets the call log (numbering for fault rules continues). */
    public void clearCalls() {
        server.clearCalls();
    }

    /**
     * Adds a public method to a model, e.g. {@code sale.order.action_confirm}.
     *
     * @param onRecords true when the method takes ids first ({@code ids} in JSON-2)
     */
    public void registerMethod(String model, String method, boolean onRecords, SandboxMethod implementation) {
        engine.register(model, method, onRecords, implementation);
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "OdooSandbox[" + url() + ", db=" + config.database() + ", Odoo " + config.serie() + "]";
    }
}
