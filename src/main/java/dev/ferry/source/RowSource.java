package dev.ferry.source;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Rows of one export file, whatever its format, as text cells aligned with a header. */
interface RowSource extends Closeable {

    /** One row: its 1-based line (or sheet row) and its cells in header order; missing cells are null. */
    record Row(int line, String[] cells) {
    }

    List<String> header();

    /** The next row, or null at the end. A malformed row throws {@link MalformedRowException}. */
    Row next() throws IOException;

    /** A row that cannot be read at all (broken quoting, bad JSON). */
    final class MalformedRowException extends IOException {
        final int line;

        MalformedRowException(int line, String message) {
            super(message);
            this.line = line;
        }
    }
}
