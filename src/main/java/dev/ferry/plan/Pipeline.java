package dev.ferry.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs compile stages on their own threads joined by small bounded queues, so reading, rules and validation
 * overlap on a two-core machine while each stage still sees its input in order. A failure in any stage ends
 * the others and is rethrown to the caller as it was.
 */
final class Pipeline implements AutoCloseable {
    /** Batches waiting between two stages: more only keeps more records alive through young collections. */
    private static final int DEPTH = 2;
    private static final Object END = new Object();

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });
    private final List<Future<?>> stages = new ArrayList<>();

    /** A stage body that may block on its queue. */
    interface Body<T> {
        void run(T arg) throws Exception;
    }

    /** The producing end handed to a producer stage. */
    static final class Sink<T> {
        private final BlockingQueue<Object> queue;

        private Sink(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        void put(T item) {
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("compile interrupted", e);
            }
        }
    }

    /** What the caller reads from a producer stage. */
    final class Source<T> {
        private final BlockingQueue<Object> queue;
        private final Future<?> stage;

        private Source(BlockingQueue<Object> queue, Future<?> stage) {
            this.queue = queue;
            this.stage = stage;
        }

        /** The next item, or null when the producer is done. */
        @SuppressWarnings("unchecked")
        T take() {
            while (true) {
                Object item = poll(queue);
                if (item == END) {
                    return null;
                }
                if (item != null) {
                    return (T) item;
                }
                if (stage.isDone() && queue.isEmpty()) {
                    rethrow(stage);
                    return null;
                }
            }
        }
    }

    /** What the caller writes to a consumer stage. */
    final class Drain<T> {
        private final BlockingQueue<Object> queue;
        private final Future<?> stage;

        private Drain(BlockingQueue<Object> queue, Future<?> stage) {
            this.queue = queue;
            this.stage = stage;
        }

        void put(T item) {
            offer(item);
        }

        private void offer(Object item) {
            try {
                while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    if (stage.isDone()) {
                        rethrow(stage);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("compile interrupted", e);
            }
        }

        /** Signals the end and waits until the consumer has handled everything. */
        void finish() {
            offer(END);
            rethrow(stage);
        }
    }

    <T> Source<T> produce(String name, Body<Sink<T>> body) {
        BlockingQueue<Object> q = new ArrayBlockingQueue<>(DEPTH);
        Future<?> f = threads.submit(() -> {
            Thread.currentThread().setName(name);
            body.run(new Sink<>(q));
            q.put(END);
            return null;
        });
        stages.add(f);
        return new Source<>(q, f);
    }

    @SuppressWarnings("unchecked")
    <T> Drain<T> consume(String name, Body<T> body) {
        BlockingQueue<Object> q = new ArrayBlockingQueue<>(DEPTH);
        Future<?> f = threads.submit(() -> {
            Thread.currentThread().setName(name);
            for (Object item; (item = q.take()) != END; ) {
                body.run((T) item);
            }
            return null;
        });
        stages.add(f);
        return new Drain<>(q, f);
    }

    private static Object poll(BlockingQueue<Object> q) {
        try {
            return q.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("compile interrupted", e);
        }
    }

    /** Waits for a stage and rethrows its failure unchanged when it is unchecked. */
    static void rethrow(Future<?> stage) {
        try {
            stage.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("compile interrupted", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
