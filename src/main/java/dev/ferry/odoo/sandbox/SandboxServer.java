package dev.ferry.odoo.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The HTTP side: routes requests to the protocol endpoints on 127.0.0.1, numbers and logs model-method calls,
 * and applies the {@link FaultInjector}'s decisions (fault instead of running, drop the reply after running,
 * HTTP status, delay, refused connections).
 */
final class SandboxServer {
    /** A received call, with what the injector decided for it. */
    record Ticket(int number, String protocol, String model, String method, FaultInjector.Decision decision) {
        SandboxFault fault() {
            return ((FaultInjector.Fail) decision.action()).fault();
        }
    }

    private static final java.util.Set<String> READ_ONLY = java.util.Set.of("read", "search", "search_read",
            "search_count", "fields_get", "name_search", "default_get", "exists");

    private final Engine engine;
    private final SandboxConfig config;
    private final XmlRpcEndpoint xmlrpc;
    private final Json2Endpoint json2;
    final FaultInjector faults;
    private final AtomicInteger counter = new AtomicInteger();
    private final List<SandboxCall> calls = new ArrayList<>();
    private final ExecutorService executor;
    private volatile HttpServer http;
    private int port;

    SandboxServer(Engine engine, SandboxConfig config) {
        this.engine = engine;
        this.config = config;
        this.xmlrpc = new XmlRpcEndpoint(this, engine, config);
        this.json2 = new Json2Endpoint(this, engine, config);
        this.faults = new FaultInjector(this::refuseFor);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "odoo-sandbox");
            t.setDaemon(true);
            return t;
        });
    }

    synchronized void start(int requestedPort) throws IOException {
        // The JDK server writes headers and body apart; with Nagle on, the client's delayed ACK adds ~40 ms to every
        // call (measured: 50 ms vs 6 ms a call), which would make the sandbox ten times slower than a real Odoo.
        // The property is read once, when the JDK's server configuration first loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 64);
        s.createContext("/", this::handle);
        s.setExecutor(executor);
        s.start();
        http = s;
        port = s.getAddress().getPort();
    }

    int port() {
        return port;
    }

    synchronized void stop() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
    }

    void close() {
        stop();
        executor.shutdownNow();
    }

    /** Stops listening now and listens again on the same port later, so clients see "connection refused". */
    private void refuseFor(Duration duration) {
        int p = port;
        stop();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(duration.toMillis());
                for (int attempt = 0; ; attempt++) {
                    try {
                        start(p);
                        return;
                    } catch (BindException e) {
                        if (attempt > 50) {
                            throw e;
                        }
                        Thread.sleep(20);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new IllegalStateException("sandbox could not listen again on port " + p, e);
            }
        }, "odoo-sandbox-reopen");
        t.setDaemon(true);
        t.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/xmlrpc/2/common", "/xmlrpc/common" -> xmlrpc.common(ex, body);
                case "/xmlrpc/2/object", "/xmlrpc/object" -> xmlrpc.object(ex, body);
                case "/json/version", "/web/version" -> version(ex);
                default -> {
                    if (path.startsWith("/json/2/")) {
                        json2.handle(ex, body);
                    } else {
                        send(ex, 404, "text/html", html("404 Not Found", "The requested URL was not found on the server."));
                    }
                }
            }
        }
    }

    private void version(HttpExchange ex) throws IOException {
        if (!config.json2()) {
            send(ex, 404, "text/html", html("404 Not Found", "The requested URL was not found on the server."));
            return;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version_info", XmlRpcEndpoint.versionInfo(config.serie()));
        v.put("version", config.serie());
        try {
            send(ex, 200, "application/json; charset=utf-8", Json2Endpoint.JSON.writeValueAsBytes(v));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Ticket arrive(String protocol, String model, String method) {
        int n = counter.incrementAndGet();
        return new Ticket(n, protocol, model, method, faults.decide(model, method));
    }

    /**
     * Applies an injected fault or status instead of running the call; true when the call is answered.
     */
    boolean injected(HttpExchange ex, Ticket t, Supplier<byte[]> faultBody) throws IOException {
        FaultInjector.Action a = t.decision().action();
        if (a instanceof FaultInjector.Fail f) {
            log(t, SandboxCall.Outcome.INJECTED_FAULT);
            boolean xml = "xmlrpc".equals(t.protocol());
            send(ex, xml ? 200 : f.fault().httpStatus(), xml ? "text/xml" : "application/json; charset=utf-8", faultBody.get());
            return true;
        }
        if (a instanceof FaultInjector.Status s) {
            log(t, SandboxCall.Outcome.INJECTED_STATUS);
            send(ex, s.httpStatus(), "text/html", html(s.httpStatus() + " Injected", "The sandbox answered this status on purpose."));
            return true;
        }
        return false;
    }

    /** Answers a call that ran, unless its reply is to be dropped. */
    void reply(HttpExchange ex, Ticket t, SandboxCall.Outcome outcome, int status, String type, byte[] body) throws IOException {
        if (t.decision().action() instanceof FaultInjector.Drop) {
            log(t, SandboxCall.Outcome.REPLY_DROPPED);
            // Closing before sending headers makes the JDK server drop the connection: the client gets no reply.
            ex.close();
            return;
        }
        log(t, outcome);
        if (!t.decision().delay().isZero()) {
            try {
                Thread.sleep(t.decision().delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        send(ex, status, type, body);
    }

    private synchronized void log(Ticket t, SandboxCall.Outcome outcome) {
        calls.add(new SandboxCall(t.number(), t.protocol(), t.model(), t.method(), !READ_ONLY.contains(t.method()), outcome));
    }

    synchronized List<SandboxCall> calls() {
        List<SandboxCall> copy = new ArrayList<>(calls);
        copy.sort(java.util.Comparator.comparingInt(SandboxCall::number));
        return List.copyOf(copy);
    }

    synchronized void clearCalls() {
        calls.clear();
    }

    void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static byte[] html(String title, String text) {
        return ("<!doctype html>\n<html lang=en>\n<title>" + title + "</title>\n<h1>" + title.replaceFirst("^\\d+ ", "")
                + "</h1>\n<p>" + text + "</p>\n").getBytes(StandardCharsets.UTF_8);
    }
}
