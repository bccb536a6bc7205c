package dev.ferry.source;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads another row source ahead on its own thread, in batches, so parsing the file (CSV lexing is half the
 * first pass) overlaps with checking and indexing the rows on the caller's thread. Rows, malformed rows and
 * failures reach the caller in file order, exactly as the wrapped source produced them.
 */
final class PrefetchingRowSource implements RowSource {
    private static final int BATCH = 512;
    private static final Object END = new Object();

    /** A failure that ended reading; rethrown where it happened. */
    private record Failure(Throwable error) {
    }

    private final RowSource source;
    private final List<String> header;
    private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(4);
    private final Thread thread;
    private Object[] batch;
    private int next;
    private boolean ended;

    PrefetchingRowSource(RowSource source) {
        this.source = source;
        this.header = source.header();
        this.thread = new Thread(this::readAhead, "ferry-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    private void readAhead() {
        try {
            boolean more = true;
            while (more) {
                Object[] b = new Object[BATCH];
                int n = 0;
                while (n < BATCH && more) {
                    try {
                        Row r = source.next();
                        b[n++] = r == null ? END : r;
                        more = r != null;
                    } catch (MalformedRowException e) {
                        b[n++] = e;
                    } catch (IOException | RuntimeException | Error e) {
                        b[n++] = new Failure(e);
                        more = false;
                    }
                }
                queue.put(n == BATCH ? b : java.util.Arrays.copyOf(b, n));
            }
        } catch (InterruptedException e) {
            // closed before the end: stop reading
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Row next() throws IOException {
        if (ended) {
            return null;
        }
        if (batch == null || next == batch.length) {
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("reading interrupted");
            }
            next = 0;
        }
        Object item = batch[next++];
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof MalformedRowException m) {
            throw m;
        }
        if (item instanceof Failure f) {
            ended = true;
            if (f.error() instanceof IOException io) {
                throw io;
            }
            if (f.error() instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) f.error();
        }
        return (Row) item;
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
