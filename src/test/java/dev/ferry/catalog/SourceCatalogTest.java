package dev.ferry.catalog;

import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.FindingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SourceCatalogTest {
    @TempDir
    Path dir;

    private FindingsException loadFailing(String yaml) throws Exception {
        Path f = dir.resolve("x.yaml");
        Files.writeString(f, yaml);
        return catchThrowableOfType(FindingsException.class, () -> SourceCatalog.load(f, "catalogs/sources/x.yaml"));
    }

    private static final String HEAD = """
            kind: source-platform
            schema: 1
            platform: x
            label: X
            description: A test platform.
            objects:
              job:
                label: Job
                description: A job.
                file: jobs.csv
                key: id
                fields:
            """;

    @Test
    void rejectsUnknownFieldKeyWithItsPosition() throws Exception {
        FindingsException e = loadFailing(HEAD + """
                      id: {column: ID, type: string}
                      status: {column: Status, type: enum, picklist: [A, B]}
                """);
        assertThat(e).isNotNull();
        Finding f = e.findings().get(0);
        assertThat(f.code()).isEqualTo(FindingCode.CAT_003);
        assertThat(f.origin().file()).isEqualTo("catalogs/sources/x.yaml");
        assertThat(f.origin().line()).isEqualTo(14);
        assertThat(f.origin().column()).isEqualTo(44);
        assertThat(f.headLine()).contains("found key 'picklist'; expected one of column, dedupe, description");
    }

    @Test
    void rejectsUnknownKindAndTypeAndDanglingRefTogether() throws Exception {
        FindingsException e = loadFailing(HEAD.replace("source-platform", "source-platfrom") + """
                      id: {column: ID, type: strng}
                      site: {column: Site, type: ref, ref: site}
                """);
        assertThat(e.findings()).extracting(Finding::code)
                .contains(FindingCode.CAT_002, FindingCode.CAT_004, FindingCode.CAT_005);
    }

    @Test
    void loadsCompositeKeysAndFieldFlags() throws Exception {
        Path f = dir.resolve("ok.yaml");
        Files.writeString(f, HEAD.replace("key: id", "key: [id, part]\n    lookup: true") + """
                      id: {column: ID, type: string, required: true}
                      part: {column: Part, type: int, index: true, dedupe: true}
                """);
        SourceCatalog c = SourceCatalog.load(f, "ok.yaml");
        SourceObject job = c.object("job");
        assertThat(job.keyFields()).containsExactly("id", "part");
        assertThat(job.lookup()).isTrue();
        assertThat(job.field("part").index()).isTrue();
        assertThat(job.field("part").dedupe()).isTrue();
        assertThat(job.dateFormat()).isEqualTo("yyyy-MM-dd");
    }

    @Test
    void shippedCatalogsLoad() {
        SourceCatalog aspec = SourceCatalog.load(Path.of("catalogs/sources/aspec.yaml"), "aspec.yaml");
        assertThat(aspec.objects()).containsKeys("account", "contact", "ibo", "interaction");
        assertThat(aspec.customFields().forms()).containsEntry("IBO", "ibo");
    }
}
