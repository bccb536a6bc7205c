package dev.ferry.source;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/** CSV rows through commons-csv; a UTF-8 BOM is skipped, quoted cells may hold delimiters and newlines. */
final class CsvRowSource implements RowSource {
    private final CSVParser parser;
    private final Iterator<CSVRecord> it;
    private final List<String> header;
    private long lastLine;

    CsvRowSource(Path file, char delimiter) throws IOException {
        BOMInputStream in = BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).get();
        this.parser = CSVParser.parse(reader, format);
        this.header = parser.getHeaderNames();
        this.it = parser.iterator();
        this.lastLine = parser.getCurrentLineNumber();
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Row next() throws IOException {
        try {
            if (!it.hasNext()) {
                return null;
            }
            CSVRecord rec = it.next();
            int start = (int) lastLine + 1;
            lastLine = parser.getCurrentLineNumber();
            String[] cells = new String[header.size()];
            int n = Math.min(rec.size(), cells.length);
            for (int i = 0; i < n; i++) {
                cells[i] = rec.get(i);
            }
            if (rec.size() != header.size()) {
                throw new MalformedRowException(start, rec.size() + " cells where the header has " + header.size());
            }
            return new Row(start, cells);
        } catch (UncheckedIOException e) {
            throw new MalformedRowException((int) parser.getCurrentLineNumber(), e.getCause().getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
