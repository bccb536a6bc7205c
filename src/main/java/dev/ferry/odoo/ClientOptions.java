package dev.ferry.odoo;

import java.time.Duration;
import java.util.Objects;

/**
 * Transport settings.
 *
 * @param protocol       which protocol to speak; {@link Protocol#AUTO} asks the server's version first
 * @param connectTimeout limit on opening a TCP/TLS connection
 * @param readTimeout    limit on waiting for the reply once the request is sent; keep it above Odoo's
 *                       {@code limit-time-real} (120 s by default) or long loads look lost
 * @param retry          re-sending of calls that failed in transit
 */
public record ClientOptions(Protocol protocol, Duration connectTimeout, Duration readTimeout, RetryPolicy retry) {

    public ClientOptions {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    /** AUTO protocol, 10 s connect, 180 s read, {@link RetryPolicy#defaults()}. */
    public static ClientOptions defaults() {
        return new ClientOptions(Protocol.AUTO, Duration.ofSeconds(10), Duration.ofSeconds(180), RetryPolicy.defaults());
    }

    public ClientOptions withProtocol(Protocol p) {
        return new ClientOptions(p, connectTimeout, readTimeout, retry);
    }

    public ClientOptions withTimeouts(Duration connect, Duration read) {
        return new ClientOptions(protocol, connect, read, retry);
    }

    public ClientOptions withRetry(RetryPolicy r) {
        return new ClientOptions(protocol, connectTimeout, readTimeout, r);
    }
}
