package dev.ferry.odoo;

import org.apache.ws.commons.util.NamespaceContextImpl;
import org.apache.xmlrpc.common.TypeFactoryImpl;
import org.apache.xmlrpc.common.XmlRpcController;
import org.apache.xmlrpc.common.XmlRpcStreamConfig;
import org.apache.xmlrpc.parser.I8Parser;
import org.apache.xmlrpc.parser.NullParser;
import org.apache.xmlrpc.parser.TypeParser;
import org.apache.xmlrpc.serializer.TypeSerializer;
import org.apache.xmlrpc.serializer.TypeSerializerImpl;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * The XML-RPC types Odoo (Python's xmlrpc) speaks, and no others. Python sends plain {@code <nil/>} and
 * {@code <i8>}, which the stock factory only knows in its "extensions" namespace; turning extensions on would
 * also allow {@code <ex:serializable>} (Java deserialization, CVE-2016-5003). So extensions stay off and this
 * factory adds the two plain tags, refuses every other namespaced tag, and writes nulls and longs the way
 * Python reads them.
 */
final class OdooTypeFactory extends TypeFactoryImpl {
    private static final TypeSerializer NIL = new TypeSerializerImpl() {
        @Override
        public void write(ContentHandler h, Object o) throws SAXException {
            h.startElement("", VALUE_TAG, VALUE_TAG, ZERO_ATTRIBUTES);
            h.startElement("", "nil", "nil", ZERO_ATTRIBUTES);
            h.endElement("", "nil", "nil");
            h.endElement("", VALUE_TAG, VALUE_TAG);
        }
    };

    private static final TypeSerializer I8 = new TypeSerializerImpl() {
        @Override
        public void write(ContentHandler h, Object o) throws SAXException {
            write(h, "i8", o.toString());
        }
    };

    OdooTypeFactory(XmlRpcController controller) {
        super(controller);
    }

    @Override
    public TypeParser getParser(XmlRpcStreamConfig config, NamespaceContextImpl context, String uri, String localName) {
        String ns = uri == null ? "" : uri;
        boolean plainOrExt = ns.isEmpty() || XmlRpcWriter.EXTENSIONS_URI.equals(ns);
        if (plainOrExt && "nil".equals(localName)) {
            return new NullParser();
        }
        if (plainOrExt && "i8".equals(localName)) {
            return new I8Parser();
        }
        if (!ns.isEmpty()) {
            // null means "unknown type": the parser then fails the whole reply. Never a serializable or DOM parser.
            return null;
        }
        return super.getParser(config, context, uri, localName);
    }

    @Override
    public TypeSerializer getSerializer(XmlRpcStreamConfig config, Object o) throws SAXException {
        if (o == null) {
            return NIL;
        }
        if (o instanceof Long l) {
            // Python reads <int> and <i8> alike; keep <int> for the ids and counts that fit, like Python writes them.
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? super.getSerializer(config, l.intValue()) : I8;
        }
        return super.getSerializer(config, o);
    }
}
