package dev.ferry.odoo;

import org.apache.xmlrpc.serializer.XmlWriterFactory;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes an XML-RPC request as UTF-8 that Odoo's expat parser reads back as exactly the strings Ferry sent.
 * The library's own writer escapes per UTF-16 unit, so an emoji went out as two surrogate references that
 * expat refuses ("reference to invalid character number"), and it wrote a carriage return raw, which every
 * XML parser turns into a line feed. Here characters outside the Basic Multilingual Plane go out as their
 * UTF-8 bytes, a carriage return as {@code &#13;} (a reference survives line-end normalisation), tabs and line
 * feeds raw. Characters XML 1.0 cannot carry at all (C0 controls other than tab, line feed and carriage return;
 * unpaired surrogates; U+FFFE and U+FFFF) are refused before anything is sent: the compiler removes them from
 * source values with a finding, so only a caller's own values can hold them.
 */
final class XmlRpcRequestWriter extends DefaultHandler {
    /** The factory the client is given; one writer per request. */
    static final XmlWriterFactory FACTORY = (config, stream) -> new XmlRpcRequestWriter(stream);

    private final Writer out;

    XmlRpcRequestWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 14);
    }

    @Override
    public void startDocument() throws SAXException {
        write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    @Override
    public void endDocument() throws SAXException {
        try {
            out.flush();
        } catch (IOException e) {
            throw new SAXException(e);
        }
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        // Only the library's extensions declare a namespace, and they stay off for Odoo.
        throw new SAXException("namespace '" + uri + "' in an XML-RPC request; Odoo speaks plain XML-RPC");
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (atts != null && atts.getLength() > 0) {
            throw new SAXException("attributes on <" + qName + ">; XML-RPC elements have none");
        }
        write("<" + qName + ">");
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        write("</" + qName + ">");
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        try {
            escape(ch, start, length, out);
        } catch (IOException e) {
            throw new SAXException(e);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    private void write(String markup) throws SAXException {
        try {
            out.write(markup);
        } catch (IOException e) {
            throw new SAXException(e);
        }
    }

    /**
     * Writes text as XML 1.0 character data. Runs of plain characters are copied in one call, so a surrogate
     * pair always reaches the UTF-8 encoder whole.
     *
     * @throws IllegalArgumentException for a character XML 1.0 cannot carry; the message names its code point
     *                                  and index but never the text, which may be a password
     */
    static void escape(char[] ch, int start, int length, Writer w) throws IOException {
        int end = start + length;
        int run = start;
        int i = start;
        while (i < end) {
            char c = ch[i];
            String replacement;
            if (c >= 0x20 && c < 0xD800 && c != '&' && c != '<' && c != '>') {
                i++;
                continue;
            }
            if (c == '&') {
                replacement = "&amp;";
            } else if (c == '<') {
                replacement = "&lt;";
            } else if (c == '>') {
                // Only "]]>" needs it, but Python's marshaller escapes every '>' too.
                replacement = "&gt;";
            } else if (c == '\r') {
                replacement = "&#13;";
            } else if (c == '\t' || c == '\n') {
                i++;
                continue;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(ch[i + 1])) {
                i += 2;
                continue;
            } else if (c >= 0xE000 && c <= 0xFFFD) {
                i++;
                continue;
            } else {
                throw new IllegalArgumentException(String.format("a text value holds U+%04X at index %d, which XML 1.0"
                        + " cannot carry, so XML-RPC cannot send it; remove it from the value", (int) c, i - start));
            }
            w.write(ch, run, i - run);
            w.write(replacement);
            i++;
            run = i;
        }
        w.write(ch, run, end - run);
    }
}
