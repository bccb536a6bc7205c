package dev.ferry.run;

import dev.ferry.odoo.BatchListener;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the rows Odoo refused to {@code runs/<run-id>/failed/<step>.csv}: the plan's columns as they were, then
 * Odoo's message and the source record and origin from the plan's provenance, so the row can be fixed at its
 * source and the run resumed.
 */
public final class FailedRowsWriter implements BatchListener {
    public static final List<String> EXTRA = List.of("ferry_message", "ferry_source", "ferry_origin");

    private final Path dir;
    private final Provenance provenance;

    public FailedRowsWriter(Path runDir, Provenance provenance) {
        this.dir = runDir.resolve("failed");
        this.provenance = provenance;
    }

    @Override
    public void rowsFailed(String stepId, List<String> header, List<FailedRow> rows) {
        Path file = dir.resolve(stepId + ".csv");
        try {
            Files.createDirectories(dir);
            boolean fresh = !Files.exists(file);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
                 CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").build())) {
                if (fresh) {
                    List<String> h = new ArrayList<>(header);
                    h.addAll(EXTRA);
                    p.printRecord(h);
                }
                for (FailedRow r : rows) {
                    Provenance.Entry e = provenance.of(r.xid());
                    for (int i = 0; i < r.rows().size(); i++) {
                        List<String> cells = new ArrayList<>(r.rows().get(i));
                        cells.add(i == 0 ? r.message() : "");
                        cells.add(i == 0 ? e.source() : "");
                        cells.add(i == 0 ? e.origin() : "");
                        p.printRecord(cells);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
