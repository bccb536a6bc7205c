package dev.ferry.source;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefetchingRowSourceTest {
    /** Rows 1..n; malformed at the given lines; a read failure after {@code failAt} rows when it is positive. */
    private static final class Scripted implements RowSource {
        private final int rows;
        private final List<Integer> malformed;
        private final int failAt;
        private int line;
        boolean closed;

        Scripted(int rows, List<Integer> malformed, int failAt) {
            this.rows = rows;
            this.malformed = malformed;
            this.failAt = failAt;
        }

        @Override
        public List<String> header() {
            return List.of("ID");
        }

        @Override
        public Row next() throws IOException {
            if (line == failAt) {
                throw new IOException("disk gone at " + line);
            }
            if (line == rows) {
                return null;
            }
            line++;
            if (malformed.contains(line)) {
                throw new MalformedRowException(line, "bad quoting");
            }
            return new Row(line, new String[]{"K-" + line});
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static List<String> drain(RowSource s) throws IOException {
        List<String> seen = new ArrayList<>();
        while (true) {
            try {
                RowSource.Row r = s.next();
                if (r == null) {
                    return seen;
                }
                seen.add(r.line() + ":" + r.cells()[0]);
            } catch (RowSource.MalformedRowException e) {
                seen.add(e.line + ": malformed " + e.getMessage());
            }
        }
    }

    @Test
    void handsOnRowsAndMalformedRowsInFileOrder() throws IOException {
        List<String> direct = drain(new Scripted(2000, List.of(1, 700, 1500, 2000), -1));
        Scripted source = new Scripted(2000, List.of(1, 700, 1500, 2000), -1);
        try (PrefetchingRowSource ahead = new PrefetchingRowSource(source)) {
            assertThat(ahead.header()).containsExactly("ID");
            assertThat(drain(ahead)).isEqualTo(direct).hasSize(2000);
            assertThat(ahead.next()).isNull();
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void rethrowsAReadFailureAfterTheRowsBeforeIt() throws IOException {
        try (PrefetchingRowSource ahead = new PrefetchingRowSource(new Scripted(2000, List.of(), 1200))) {
            for (int i = 1; i <= 1200; i++) {
                assertThat(ahead.next().line()).isEqualTo(i);
            }
            assertThatThrownBy(ahead::next).isInstanceOf(IOException.class).hasMessage("disk gone at 1200");
        }
    }

    @Test
    void closesEarlyWithoutReadingToTheEnd() throws IOException {
        Scripted source = new Scripted(1_000_000, List.of(), -1);
        PrefetchingRowSource ahead = new PrefetchingRowSource(source);
        assertThat(ahead.next().line()).isEqualTo(1);
        ahead.close();
        assertThat(source.closed).isTrue();
        assertThat(source.line).isLessThan(1_000_000);
    }
}
