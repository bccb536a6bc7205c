package dev.ferry.odoo;

import org.apache.xmlrpc.common.TypeFactory;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.apache.xmlrpc.parser.XmlRpcResponseParser;
import org.xml.sax.SAXException;

import java.util.HashMap;
import java.util.Map;

/**
 * The stock response parser, minus its one fatal habit: for a fault carrying {@code faultCause} it runs
 * {@code ObjectInputStream.readObject()} on bytes the server chose (CVE-2019-17570), whatever the settings.
 * Here the cause is dropped before the stock code sees it, so no Java object from a server is ever deserialized.
 */
final class SafeResponseParser extends XmlRpcResponseParser {

    SafeResponseParser(XmlRpcStreamRequestConfig config, TypeFactory typeFactory) {
        super(config, typeFactory);
    }

    @Override
    protected void addResult(Object result) throws SAXException {
        if (!isSuccess() && result instanceof Map<?, ?> fault && fault.containsKey("faultCause")) {
            Map<Object, Object> copy = new HashMap<>(fault);
            copy.remove("faultCause");
            super.addResult(copy);
            return;
        }
        super.addResult(result);
    }
}
