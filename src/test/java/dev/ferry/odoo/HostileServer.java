package dev.ferry.odoo;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP server that answers every XML-RPC call with a crafted body (authenticate gets uid 2 so that
 * object calls go out), and counts the requests it gets.
 */
final class HostileServer implements AutoCloseable {
    private final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    /** The bytes of the last request that was not authenticate, as they arrived. */
    volatile byte[] lastCall;
    private volatile String reply;

    HostileServer(String reply) throws IOException {
        this.reply = reply;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] raw = ex.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            boolean login = body.contains("<methodName>authenticate</methodName>");
            if (!login) {
                lastCall = raw;
            }
            String answer = login
                    ? "<?xml version='1.0'?><methodResponse><params><param><value><int>2</int></value></param></params></methodResponse>"
                    : this.reply;
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/xml");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static String fault(int code, String faultString, String extraMembers) {
        return "<?xml version='1.0'?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>" + code + "</int></value></member>"
                + "<member><name>faultString</name><value><string>" + faultString + "</string></value></member>"
                + extraMembers + "</struct></value></fault></methodResponse>";
    }

    static String faultWithCause() {
        return fault(2, "boom", "<member><name>faultCause</name><value><base64>" + Canary.payloadBase64()
                + "</base64></value></member>");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
