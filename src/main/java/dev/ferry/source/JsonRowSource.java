package dev.ferry.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * JSON records streamed one object at a time, so a large API dump is never held whole. Columns are property
 * paths ({@code siteCustomer.name}); nested objects and arrays become their JSON text.
 */
final class JsonRowSource implements RowSource {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonParser parser;
    private final List<String> columns;

    JsonRowSource(Path file, String arrayProperty, List<String> columns) throws IOException {
        this.columns = columns;
        this.parser = MAPPER.getFactory().createParser(file.toFile());
        JsonToken t = parser.nextToken();
        if (arrayProperty != null) {
            if (t != JsonToken.START_OBJECT) {
                throw new MalformedRowException(1, "a JSON object with property '" + arrayProperty + "'");
            }
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                t = parser.nextToken();
                if (name.equals(arrayProperty)) {
                    break;
                }
                parser.skipChildren();
            }
        }
        if (t != JsonToken.START_ARRAY) {
            throw new MalformedRowException(parser.currentLocation().getLineNr(),
                    "a JSON array of records" + (arrayProperty == null ? "" : " in '" + arrayProperty + "'"));
        }
    }

    @Override
    public List<String> header() {
        return columns;
    }

    @Override
    public Row next() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null || t == JsonToken.END_ARRAY) {
            return null;
        }
        int line = parser.currentTokenLocation().getLineNr();
        if (t != JsonToken.START_OBJECT) {
            parser.skipChildren();
            throw new MalformedRowException(line, "a JSON object per record");
        }
        JsonNode node = MAPPER.readTree(parser);
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            JsonNode v = node;
            for (String part : columns.get(i).split("\\.")) {
                v = v == null ? null : v.get(part);
            }
            if (v != null && !v.isNull()) {
                cells[i] = v.isValueNode() ? v.asText() : v.toString();
            }
        }
        return new Row(line, cells);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
