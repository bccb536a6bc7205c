package dev.ferry.odoo;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;

import java.net.MalformedURLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * {@link OdooClient} over Odoo's XML-RPC API ({@code /xmlrpc/2/common}, {@code /xmlrpc/2/object} with
 * {@code execute_kw}), on the Apache client with extensions and exception transport off, UTC dates, and the
 * hardened transport, parser, type factory and request writer of this package.
 */
public final class XmlRpcTransport implements OdooClient {
    private final OdooServer server;
    private final Credentials credentials;
    private final XmlRpcClient rpc;
    private final XmlRpcClientConfigImpl common;
    private final XmlRpcClientConfigImpl object;
    private volatile Long uid;

    public XmlRpcTransport(OdooServer server, Credentials credentials, ClientOptions options) {
        this.server = server;
        this.credentials = credentials;
        HttpCaller http = new HttpCaller(options);
        this.rpc = new XmlRpcClient();
        this.common = config(server, "/xmlrpc/2/common", options);
        this.object = config(server, "/xmlrpc/2/object", options);
        rpc.setConfig(common);
        rpc.setTypeFactory(new OdooTypeFactory(rpc));
        rpc.setXmlWriterFactory(XmlRpcRequestWriter.FACTORY);
        rpc.setTransportFactory(() -> new HardenedHttpTransport(rpc, http, credentials.secret()));
    }

    private static XmlRpcClientConfigImpl config(OdooServer server, String path, ClientOptions options) {
        XmlRpcClientConfigImpl c = new XmlRpcClientConfigImpl();
        try {
            c.setServerURL(server.resolve(path).toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Odoo URL '" + server.url() + "' is not a valid URL", e);
        }
        // Extensions would enable <ex:serializable>; exceptions would ship Java exception objects. Both stay off.
        c.setEnabledForExtensions(false);
        c.setEnabledForExceptions(false);
        c.setTimeZone(TimeZone.getTimeZone("UTC"));
        c.setEncoding("UTF-8");
        c.setConnectionTimeout((int) options.connectTimeout().toMillis());
        c.setReplyTimeout((int) options.readTimeout().toMillis());
        return c;
    }

    @Override
    public Protocol protocol() {
        return Protocol.XML_RPC;
    }

    @Override
    public ServerVersion version() {
        Map<String, Object> v = OdooValues.map(call(common, "version", List.of()), "common.version");
        List<?> info = v.get("server_version_info") instanceof List<?> l ? l : List.of();
        return new ServerVersion(String.valueOf(v.get("server_version")), new ArrayList<>(info),
                String.valueOf(v.get("server_serie")),
                v.get("protocol_version") instanceof Long p ? p.intValue() : 0);
    }

    @Override
    public long authenticate() {
        Object r = call(common, "authenticate", List.of(server.database(), credentials.login(),
                credentials.secret().reveal(), Map.of()));
        if (r instanceof Long id && id > 0) {
            uid = id;
            return id;
        }
        throw new AuthenticationException("Odoo refused login '" + credentials.login() + "' on database '"
                + server.database() + "' at " + server.url() + " (authenticate answered "
                + OdooValues.describe(r) + "); check the password or API key");
    }

    @Override
    public Object execute(String model, String method, List<?> args, Map<String, ?> kwargs) {
        Long id = uid;
        if (id == null) {
            id = authenticate();
        }
        List<Object> params = new ArrayList<>(7);
        params.add(server.database());
        params.add(id);
        params.add(credentials.secret().reveal());
        params.add(model);
        params.add(method);
        params.add(OdooValues.toWire(args == null ? List.of() : args));
        params.add(OdooValues.toWire(kwargs == null ? Map.of() : kwargs));
        return call(object, "execute_kw", params);
    }

    private Object call(XmlRpcClientConfigImpl endpoint, String rpcMethod, List<Object> params) {
        try {
            return OdooValues.fromWire(rpc.execute(endpoint, rpcMethod, params));
        } catch (XmlRpcException e) {
            // Only the library's own failures get here (our transport throws OdooExceptions); its messages hold
            // no request data, but pass them through redaction anyway.
            throw new OdooProtocolException("XML-RPC call " + rpcMethod + " to " + endpoint.getServerURL()
                    + " failed: " + credentials.secret().redact(String.valueOf(e.getMessage())), null);
        }
    }

    @Override
    public void close() {
        // HttpClient instances hold no resources that need closing on Java 17.
    }

    @Override
    public String toString() {
        return "XmlRpcTransport[" + server.url() + ", db=" + server.database() + ", login=" + credentials.login() + "]";
    }
}
