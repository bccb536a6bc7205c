package dev.ferry.plan;

import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWriterTest {
    @TempDir
    Path dir;

    /** The plan files must not change by a byte when they are written without CSVPrinter. */
    @Test
    void writesWhatCommonsCsvPrints() throws Exception {
        Random rnd = new Random(3);
        String[] pieces = {"", "a", "Zoë", " ", "\t", ",", "\"", "\n", "\r", "#", "!", "x y", "ferry_aspec.contact_C_1",
                "<p>Met</p>", "12.50", "$", "\u0001", "é", "''"};
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"id", "name", "parent_id/id"});
        rows.add(new String[]{"", "", ""});
        for (int n = 0; n < 5000; n++) {
            String[] row = new String[1 + rnd.nextInt(4)];
            for (int i = 0; i < row.length; i++) {
                StringBuilder b = new StringBuilder();
                for (int k = rnd.nextInt(4); k > 0; k--) {
                    b.append(pieces[rnd.nextInt(pieces.length)]);
                }
                row[i] = b.toString();
            }
            rows.add(row);
        }
        StringWriter expected = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(expected, PlanWriter.CSV)) {
            for (String[] r : rows) {
                p.printRecord((Object[]) r);
            }
        }
        Path file = dir.resolve("out.csv");
        try (CsvWriter w = new CsvWriter(file)) {
            for (int i = 0; i < rows.size(); i++) {
                if (i % 2 == 0) {
                    w.row(rows.get(i));
                } else {
                    w.row(List.of(rows.get(i)));
                }
            }
        }
        assertThat(Files.readString(file)).isEqualTo(expected.toString());
    }
}
