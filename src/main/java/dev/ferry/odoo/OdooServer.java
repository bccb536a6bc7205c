package dev.ferry.odoo;

import java.net.URI;
import java.util.Objects;

/**
 * Where the writer connects: the server's base URL and the database name.
 *
 * @param url      base URL such as {@code https://odoo.example.com} (no path needed, no credentials in it)
 * @param database database name; sent as {@code X-Odoo-Database} over JSON-2 and as the first argument over
 *                 XML-RPC. Null only makes sense for JSON-2 on a server with a single database.
 */
public record OdooServer(URI url, String database) {

    public OdooServer {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("Odoo URL '" + url.getHost() + "' has scheme '" + scheme
                    + "'; expected http or https");
        }
        if (url.getRawUserInfo() != null) {
            // A password in the URL would end up in every message that names the server.
            throw new IllegalArgumentException("Odoo URL for host '" + url.getHost()
                    + "' carries user info; expected the credentials in an environment variable or file instead");
        }
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        url = URI.create(s);
    }

    public static OdooServer of(String url, String database) {
        return new OdooServer(URI.create(url), database);
    }

    /** The URL of a path on this server, e.g. {@code /xmlrpc/2/object}. */
    public URI resolve(String path) {
        return URI.create(url + path);
    }
}
