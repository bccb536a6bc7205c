package dev.ferry.odoo;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one HTTP request for a transport and decides, per failure, whether re-sending is safe. The rule:
 * a request that provably never reached the server (refused, connect timeout, 503) is retried with backoff;
 * one that may have reached it is retried only when the call is read-only, otherwise the caller gets a
 * {@link ReplyLostException}. TLS failures are never retried: a bad certificate does not heal.
 */
final class HttpCaller {
    /** The reply of one exchange. */
    record Reply(int status, String contentType, byte[] body) {
    }

    /**
     * What is being called, for messages and the retry decision.
     *
     * @param model    model, or null for version/authenticate
     * @param method   Odoo method
     * @param readOnly whether re-sending after a lost reply is harmless
     * @param where    the URL, for messages
     */
    record Target(String model, String method, boolean readOnly, URI where) {
        String label() {
            return (model == null ? method : model + "." + method) + " at " + where;
        }
    }

    private final HttpClient client;
    private final ClientOptions options;

    HttpCaller(ClientOptions options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                // Odoo never redirects an API call; a redirect means a login page or a proxy, not an answer.
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Reply send(String httpMethod, Target target, Map<String, String> headers, byte[] body) {
        RetryPolicy retry = options.retry();
        Throwable last = null;
        String lastReason = null;
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                sleep(retry.delayBefore(attempt), target, attempt - 1);
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(target.where()).timeout(options.readTimeout());
            headers.forEach(b::header);
            b.method(httpMethod, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            boolean sent;
            try {
                HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = r.statusCode();
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (status == 503) {
                    // Service unavailable: the server (or its gateway) did not take the request.
                    sent = false;
                    lastReason = "HTTP 503 Service Unavailable";
                } else if (status == 502 || status == 504) {
                    // A gateway may have forwarded the request before giving up on Odoo's reply.
                    sent = true;
                    lastReason = "HTTP " + status + " from a gateway";
                } else {
                    return new Reply(status, type, r.body());
                }
                last = null;
            } catch (HttpConnectTimeoutException e) {
                sent = false;
                last = e;
                lastReason = "connect timed out after " + options.connectTimeout().toMillis() + " ms";
            } catch (HttpTimeoutException e) {
                sent = true;
                last = e;
                lastReason = "no reply within " + options.readTimeout().toMillis() + " ms";
            } catch (SSLException e) {
                throw new OdooUnreachableException("TLS with " + target.where().getHost() + " failed for "
                        + target.label() + ": " + e.getMessage() + "; check the certificate (verification stays on)",
                        attempt, e);
            } catch (IOException e) {
                sent = !neverConnected(e);
                last = e;
                lastReason = e instanceof java.net.ConnectException ? "connection refused"
                        : e.getCause() instanceof java.nio.channels.UnresolvedAddressException || e.getCause() instanceof java.net.UnknownHostException
                        ? "unknown host " + target.where().getHost()
                        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OdooUnreachableException("interrupted while calling " + target.label(), attempt, e);
            }
            if (sent && !target.readOnly()) {
                throw new ReplyLostException(target.model(), target.method(), "reply lost for " + target.label()
                        + " (" + lastReason + "): the call may or may not have been applied; read the records back"
                        + " before sending it again", last);
            }
            if (attempt >= retry.maxAttempts()) {
                throw new OdooUnreachableException("cannot reach Odoo for " + target.label() + " after " + attempt
                        + (attempt == 1 ? " attempt" : " attempts") + " (" + lastReason + ")", attempt, last);
            }
        }
    }

    /** Whether the failure happened before a connection existed, so no byte of the request left. */
    private static boolean neverConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration d, Target target, int attempts) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OdooUnreachableException("interrupted while waiting to retry " + target.label(), attempts, e);
        }
    }
}
