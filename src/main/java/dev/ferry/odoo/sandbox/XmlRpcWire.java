package dev.ferry.odoo.sandbox;

import dev.ferry.odoo.HardenedXml;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server side of XML-RPC as Python's {@code xmlrpc} speaks it: requests parsed with the same hardened SAX
 * reader the client uses, replies written the way Python's marshaller writes them ({@code <nil/>} for None,
 * {@code <int>} for ints, {@code <boolean>0</boolean>} for False).
 */
final class XmlRpcWire {
    /** A parsed {@code <methodCall>}. */
    record MethodCall(String name, List<Object> params) {
    }

    private XmlRpcWire() {
    }

    static MethodCall parseCall(byte[] body) throws SAXException, IOException {
        XMLReader reader = HardenedXml.newReader();
        CallHandler h = new CallHandler();
        reader.setContentHandler(h);
        reader.parse(new InputSource(new ByteArrayInputStream(body)));
        if (h.methodName == null) {
            throw new SAXException("no methodName in the request");
        }
        return new MethodCall(h.methodName, h.params);
    }

    private static final class CallHandler extends DefaultHandler {
        private static final class Struct {
            final Map<String, Object> map = new LinkedHashMap<>();
            String name;
        }

        private final Deque<Object> containers = new ArrayDeque<>();
        private final Deque<Boolean> typed = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private final List<Object> params = new ArrayList<>();
        private String methodName;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            text.setLength(0);
            switch (localName) {
                case "value" -> typed.push(false);
                case "array" -> {
                    markTyped();
                    containers.push(new ArrayList<>());
                }
                case "struct" -> {
                    markTyped();
                    containers.push(new Struct());
                }
                case "string", "int", "i4", "i8", "boolean", "double", "nil", "base64", "dateTime.iso8601" -> markTyped();
                default -> {
                }
            }
        }

        private void markTyped() {
            if (!typed.isEmpty()) {
                typed.pop();
                typed.push(true);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            String t = text.toString();
            try {
                switch (localName) {
                    case "methodName" -> methodName = t.strip();
                    case "string", "dateTime.iso8601" -> emit(t);
                    case "int", "i4", "i8" -> emit(Long.parseLong(t.strip()));
                    case "boolean" -> emit("1".equals(t.strip()));
                    case "double" -> emit(Double.parseDouble(t.strip()));
                    case "nil" -> emit(null);
                    case "base64" -> emit(Base64.getMimeDecoder().decode(t.strip()));
                    case "array" -> emit(containers.pop());
                    case "struct" -> emit(((Struct) containers.pop()).map);
                    case "name" -> ((Struct) containers.peek()).name = t;
                    case "value" -> {
                        if (!typed.pop()) {
                            emit(t);
                        }
                    }
                    default -> {
                    }
                }
            } catch (RuntimeException e) {
                throw new SAXException("bad XML-RPC value in <" + localName + ">: " + e.getMessage());
            }
            text.setLength(0);
        }

        @SuppressWarnings("unchecked")
        private void emit(Object v) {
            Object top = containers.peek();
            if (top == null) {
                params.add(v);
            } else if (top instanceof List<?> l) {
                ((List<Object>) l).add(v);
            } else {
                Struct s = (Struct) top;
                s.map.put(s.name, v);
            }
        }
    }

    static byte[] response(Object value) {
        StringBuilder b = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n");
        value(b, value);
        b.append("</param>\n</params>\n</methodResponse>\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] fault(int code, String faultString) {
        StringBuilder b = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n");
        b.append("<member>\n<name>faultCode</name>\n<value><int>").append(code).append("</int></value>\n</member>\n");
        b.append("<member>\n<name>faultString</name>\n<value><string>").append(escape(withoutControls(faultString)))
                .append("</string></value>\n</member>\n");
        b.append("</struct></value>\n</fault>\n</methodResponse>\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder b, Object v) {
        b.append("<value>");
        if (v == null) {
            b.append("<nil/>");
        } else if (v instanceof Boolean bool) {
            b.append("<boolean>").append(bool ? 1 : 0).append("</boolean>");
        } else if (v instanceof Long || v instanceof Integer) {
            long l = ((Number) v).longValue();
            String tag = l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? "int" : "i8";
            b.append('<').append(tag).append('>').append(l).append("</").append(tag).append('>');
        } else if (v instanceof Double d) {
            b.append("<double>").append(PythonRepr.of(d)).append("</double>");
        } else if (v instanceof String s) {
            b.append("<string>").append(escape(withoutControls(s))).append("</string>");
        } else if (v instanceof byte[] bytes) {
            b.append("<base64>\n").append(Base64.getEncoder().encodeToString(bytes)).append("\n</base64>\n");
        } else if (v instanceof List<?> l) {
            b.append("<array><data>\n");
            for (Object o : l) {
                value(b, o);
            }
            b.append("</data></array>");
        } else if (v instanceof Map<?, ?> m) {
            b.append("<struct>\n");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append("<member>\n<name>").append(escape(String.valueOf(e.getKey()))).append("</name>\n");
                value(b, e.getValue());
                b.append("</member>\n");
            }
            b.append("</struct>");
        } else {
            b.append("<string>").append(escape(v.toString())).append("</string>");
        }
        b.append("</value>\n");
    }

    /**
     * Odoo's marshaller drops C0 controls other than tab, line feed and carriage return from every string it
     * answers ({@code CONTROL_CHARACTERS} in {@code odoo/addons/base/controllers/rpc.py}), since XML 1.0 cannot
     * carry them; carriage returns stay raw.
     */
    static String withoutControls(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean drop = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
            if (drop && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            } else if (!drop && b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
