package dev.ferry.odoo;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcHttpClientConfig;
import org.apache.xmlrpc.client.XmlRpcStreamTransport;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The Apache XML-RPC transport Ferry uses instead of the stock {@code HttpURLConnection} one: HTTP goes through
 * {@link HttpCaller} (timeouts, safe retries, lost-reply detection; {@code HttpURLConnection} silently re-sends
 * a POST on a dropped keep-alive connection), replies are parsed with {@link HardenedXml} and
 * {@link SafeResponseParser}, and a fault always becomes an {@link OdooFault} built from its code and string,
 * never an exception object the server supplied. One instance serves one request.
 */
final class HardenedHttpTransport extends XmlRpcStreamTransport {
    private final HttpCaller http;
    private final Secret secret;
    private HttpCaller.Target target;
    private byte[] reply;

    HardenedHttpTransport(XmlRpcClient client, HttpCaller http, Secret secret) {
        super(client);
        this.http = http;
        this.secret = secret;
    }

    @Override
    public Object sendRequest(XmlRpcRequest pRequest) throws XmlRpcException {
        this.target = target(pRequest);
        return super.sendRequest(pRequest);
    }

    private static HttpCaller.Target target(XmlRpcRequest r) {
        URI where;
        try {
            where = ((XmlRpcHttpClientConfig) r.getConfig()).getServerURL().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad XML-RPC endpoint URL", e);
        }
        String rpcMethod = r.getMethodName();
        if ("execute_kw".equals(rpcMethod) && r.getParameterCount() >= 5) {
            String method = String.valueOf(r.getParameter(4));
            return new HttpCaller.Target(String.valueOf(r.getParameter(3)), method, ReadOnlyMethods.isReadOnly(method), where);
        }
        return new HttpCaller.Target(null, rpcMethod, ReadOnlyMethods.isReadOnly(rpcMethod), where);
    }

    @Override
    protected void writeRequest(ReqWriter writer) throws XmlRpcException, IOException, SAXException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out);
        HttpCaller.Reply r = http.send("POST", target,
                Map.of("Content-Type", "text/xml; charset=utf-8", "User-Agent", "ferry"), out.toByteArray());
        if (r.status() != 200) {
            throw new OdooProtocolException("HTTP " + r.status() + " from " + target.label()
                    + "; expected 200 with an XML-RPC reply (is this an Odoo server, and the URL its root?)", null);
        }
        reply = r.body();
    }

    @Override
    protected InputStream getInputStream() {
        return new ByteArrayInputStream(keepCarriageReturns(reply));
    }

    /**
     * Odoo's marshaller (Python's {@code xmlrpc.client.escape}) writes a carriage return in a string raw, and an
     * XML parser must turn a raw CR or CRLF into LF, so a stored "a\r\nb" would read back as "a\nb". Each CR
     * byte in character data becomes {@code &#13;}, which the parser keeps as CR. Python writes no CR between
     * tags, no CDATA and no attributes, so character data is simply what lies outside {@code <...>}; in UTF-8
     * the bytes of '<', '>' and CR never occur inside a multi-byte character.
     */
    static byte[] keepCarriageReturns(byte[] xml) {
        int crs = 0;
        for (byte b : xml) {
            if (b == '\r') {
                crs++;
            }
        }
        if (crs == 0) {
            return xml;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length + 4 * crs);
        boolean inMarkup = false;
        for (byte b : xml) {
            if (b == '<') {
                inMarkup = true;
            } else if (b == '>') {
                inMarkup = false;
            } else if (b == '\r' && !inMarkup) {
                out.write('&');
                out.write('#');
                out.write('1');
                out.write('3');
                out.write(';');
                continue;
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    @Override
    protected boolean isResponseGzipCompressed(XmlRpcStreamRequestConfig config) {
        return false;
    }

    @Override
    protected void close() {
        reply = null;
    }

    @Override
    protected XMLReader newXMLReader() {
        return HardenedXml.newReader();
    }

    @Override
    protected Object readResponse(XmlRpcStreamRequestConfig config, InputStream stream) throws XmlRpcException {
        XMLReader reader = newXMLReader();
        SafeResponseParser parser = new SafeResponseParser(config, getClient().getTypeFactory());
        reader.setContentHandler(parser);
        try {
            reader.parse(new InputSource(stream));
        } catch (SAXException | IOException | RuntimeException e) {
            throw new OdooProtocolException("refused the reply of " + target.label() + ": "
                    + secret.redact(String.valueOf(e.getMessage())), null);
        }
        if (parser.isSuccess()) {
            return parser.getResult();
        }
        int code = parser.getErrorCode();
        String text = secret.redact(parser.getErrorMessage());
        if (code == OdooFault.ACCESS_DENIED) {
            throw new AuthenticationException("Odoo refused the credentials for " + target.label() + " (fault 3: "
                    + OdooFault.summarize(text) + ")");
        }
        throw new OdooFault(target.model(), target.method(), code, text, 0, null);
    }
}
