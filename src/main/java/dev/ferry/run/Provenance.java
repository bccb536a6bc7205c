package dev.ferry.run;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The plan's {@code provenance.csv}: for each external id, the source record key and its file:line. */
public final class Provenance {
    /** Where a target record came from. */
    public record Entry(String source, String origin) {
    }

    private final Map<String, Entry> byXid;

    private Provenance(Map<String, Entry> byXid) {
        this.byXid = byXid;
    }

    public static Provenance read(Path planDir) {
        Map<String, Entry> m = new HashMap<>();
        Path f = planDir.resolve("provenance.csv");
        if (Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                 CSVParser p = CSVParser.parse(r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
                for (CSVRecord rec : p) {
                    m.putIfAbsent(rec.get("id"), new Entry(rec.get("source"), rec.get("origin")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        }
        return new Provenance(m);
    }

    /** The entry, or one with empty texts when the plan has none for this id. */
    public Entry of(String xid) {
        return byXid.getOrDefault(xid, new Entry("", ""));
    }
}
