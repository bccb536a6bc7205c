package dev.ferry.source;

import dev.ferry.catalog.SourceCatalog;
import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Findings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportReaderTest {
    @TempDir
    Path dir;

    private SourceCatalog catalog() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, """
                kind: source-platform
                schema: 1
                platform: t
                label: T
                description: Test.
                defaults: {date-format: dd/MM/yyyy}
                objects:
                  site:
                    label: Site
                    description: A site.
                    file: sites.csv
                    key: id
                    fields:
                      id: {column: ID, type: string, required: true}
                      name: {column: Name, type: string, dedupe: true}
                  job:
                    label: Job
                    description: A job.
                    file: jobs.json
                    format: json
                    json-path: jobs
                    key: number
                    fields:
                      number: {column: jobNumber, type: string}
                      site: {column: site.id, type: ref, ref: site}
                      created: {column: created, type: date, format: yyyy-MM-dd}
                """);
        return SourceCatalog.load(f, "c.yaml");
    }

    @Test
    void readsBomCsvWithEmbeddedNewlinesKeepingStartLinesAndJsonRecords() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Files.write(export.resolve("sites.csv"), concat(bom,
                "ID,Name\r\nS1,\"Head office\r\nlevel 2\"\r\nS2,Depot\r\nS3,\"head  OFFICE\nlevel 2\"\r\n".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(export.resolve("jobs.json"), """
                {"count": 2, "jobs": [
                  {"jobNumber": "J1", "site": {"id": "S2"}, "created": "2024-02-29"},
                  {"jobNumber": "J2", "site": {"id": "S9"}, "created": "2024-02-30"}
                ]}
                """);
        Findings findings = new Findings();
        ExportReader reader = new ExportReader(catalog(), export, "export", findings);
        reader.index();
        List<RawRecord> records = new ArrayList<>();
        reader.forEach(records::add);

        assertThat(records).extracting(RawRecord::key).containsExactly("S1", "S2", "S3", "J1", "J2");
        assertThat(records).extracting(RawRecord::line).containsExactly(2, 4, 5, 2, 3);
        assertThat(records.get(0).values()[1]).isEqualTo("Head office\r\nlevel 2");
        assertThat(records.get(1).referencedBy()).containsEntry("job", 1);
        assertThat(records.get(2).duplicates()).containsEntry("name", "S1");
        assertThat(findings.list()).extracting(Finding::code)
                .containsExactlyInAnyOrder(FindingCode.SRC_017, FindingCode.SRC_014);
        Finding dangling = findings.list().stream().filter(f -> f.code() == FindingCode.SRC_017).findFirst().orElseThrow();
        assertThat(dangling.headLine()).isEqualTo("export/jobs.json:3: error SRC-017: t/job#J2 site: found 'S9'; "
                + "expected the key of a record of object 'site' in the export");
    }

    @Test
    void flagsUndescribedColumnsDuplicateKeysAndMissingFiles() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Files.writeString(export.resolve("sites.csv"), "ID,Name,Colour\nS1,A,red\nS1,B,blue\n");
        Findings findings = new Findings();
        new ExportReader(catalog(), export, "export", findings).index();
        assertThat(findings.list()).extracting(f -> f.code().id() + "@" + f.origin().position())
                .contains("SRC-003@export/sites.csv:1:3", "SRC-016@export/sites.csv:3", "SRC-001@export/jobs.json");
    }

    @Test
    void removesControlCharactersOnceWithAWarningNamingLineRecordFieldAndCharacter() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Files.writeString(export.resolve("sites.csv"), "ID,Name\nS1,Ring\u0007 the bell\tnow\r\nS\u00002,\u001bDepot\n");
        Files.writeString(export.resolve("jobs.json"), """
                {"jobs": [{"jobNumber": "J1", "site": {"id": "S2"}, "created": "2024-02-29\\u000b"}]}
                """);
        Findings findings = new Findings();
        ExportReader reader = new ExportReader(catalog(), export, "export", findings);
        reader.index();
        List<RawRecord> records = new ArrayList<>();
        reader.forEach(records::add);

        assertThat(records).extracting(RawRecord::key).containsExactly("S1", "S2", "J1");
        assertThat(records.get(0).values()[1]).isEqualTo("Ring the bell\tnow\r\n".strip());
        assertThat(records.get(1).values()).containsExactly("S2", "Depot");
        assertThat(records.get(2).values()[2]).hasToString("2024-02-29");
        assertThat(findings.list()).extracting(Finding::headLine).containsExactlyInAnyOrder(
                "export/sites.csv:2: warning SRC-020: t/site#S1 name: found 'Ring<U+0007> the bell\tnow'; expected text"
                        + " Odoo can store; U+0007 (BEL) is removed, since XML 1.0 (and so XML-RPC) cannot carry it",
                "export/sites.csv:3: warning SRC-020: t/site#S2 id: found 'S<U+0000>2'; expected text Odoo can store;"
                        + " U+0000 (NUL) is removed, since XML 1.0 (and so XML-RPC) cannot carry it",
                "export/sites.csv:3: warning SRC-020: t/site#S2 name: found '<U+001B>Depot'; expected text Odoo can"
                        + " store; U+001B (ESC) is removed, since XML 1.0 (and so XML-RPC) cannot carry it",
                "export/jobs.json:1: warning SRC-020: t/job#J1 created: found '2024-02-29<U+000B>'; expected text"
                        + " Odoo can store; U+000B (VT) is removed, since XML 1.0 (and so XML-RPC) cannot carry it");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
