package dev.ferry.odoo;

import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM without {@code -Djdk.serialFilter}: calls a server whose fault carries a serialized
 * {@link Canary}, first with the stock Apache client (the control: the payload must be live), then with Ferry's
 * transport, and prints whether the canary's readObject ran each time.
 */
public final class DeserializationProbe {
    public static void main(String[] args) throws Exception {
        try (HostileServer hostile = new HostileServer(HostileServer.faultWithCause())) {
            XmlRpcClientConfigImpl cfg = new XmlRpcClientConfigImpl();
            cfg.setServerURL(hostile.url().resolve("/xmlrpc/2/object").toURL());
            XmlRpcClient stock = new XmlRpcClient();
            stock.setConfig(cfg);
            try {
                stock.execute("execute_kw", new Object[]{"db", 2, "pw", "res.partner", "read", new Object[0]});
            } catch (Throwable expected) {
                // The stock client throws whatever the server sent; only the side effect matters here.
            }
            boolean stockFired = Canary.fired;
            Canary.fired = false;
            ClientOptions options = ClientOptions.defaults().withProtocol(Protocol.XML_RPC)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetry(RetryPolicy.none());
            String hardened;
            try (XmlRpcTransport ferry = new XmlRpcTransport(new OdooServer(hostile.url(), "db"),
                    new Credentials("admin", Secret.of("pw".toCharArray())), options)) {
                ferry.execute("res.partner", "read", List.of(List.of(1L)), Map.of());
                hardened = "no-exception";
            } catch (OdooFault f) {
                hardened = "fault-" + f.code() + "-" + f.faultString() + "-cause-" + (f.getCause() == null ? "none" : "some");
            }
            System.out.println("stock=" + stockFired + " ferry=" + Canary.fired + " " + hardened);
        }
    }
}
