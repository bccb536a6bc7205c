package dev.ferry.plan;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes CSV rows byte for byte as commons-csv prints them with {@link PlanWriter#CSV} (RFC 4180, LF records,
 * minimal quoting), for the plan's big files: CSVPrinter costs a stream, a lambda and several writer calls per
 * cell, which made writing a million-row plan slower than building it. Cells are never null.
 */
final class CsvWriter implements Closeable {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(512);

    CsvWriter(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    void row(String... cells) throws IOException {
        line.setLength(0);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            cell(line, cells[i], i == 0);
        }
        line.append('\n');
        out.append(line);
    }

    void row(Iterable<String> cells) throws IOException {
        line.setLength(0);
        boolean first = true;
        for (String c : cells) {
            if (!first) {
                line.append(',');
            }
            cell(line, c, first);
            first = false;
        }
        line.append('\n');
        out.append(line);
    }

    /**
     * commons-csv's minimal quoting: an empty first cell, a cell starting with a character up to {@code #}, one
     * holding a comma, quote or line break, or one ending in a space or control character is quoted, with quotes
     * doubled.
     */
    static void cell(StringBuilder b, String v, boolean first) {
        int len = v.length();
        boolean quote;
        if (len == 0) {
            quote = first;
        } else if (v.charAt(0) <= '#') {
            quote = true;
        } else {
            quote = v.charAt(len - 1) <= ' ';
            for (int i = 0; i < len && !quote; i++) {
                char c = v.charAt(i);
                quote = c == '\n' || c == '\r' || c == '"' || c == ',';
            }
        }
        if (!quote) {
            b.append(v);
            return;
        }
        b.append('"');
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (v.charAt(i) == '"') {
                b.append(v, start, i + 1);
                start = i;
            }
        }
        b.append(v, start, len).append('"');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
