package dev.ferry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time an Odoo server on this machine spends, its own process and PostgreSQL's backends for its database, read
 * from {@code /proc}. On a machine shared with other work, wall time stretches with the load average while CPU time
 * mostly does not, so this is the steadier measure of what a load costs the server.
 */
final class ServerCpu {
    private final long odooPid;
    private final String database;
    private final long nanosPerTick;

    private ServerCpu(long odooPid, String database, long nanosPerTick) {
        this.odooPid = odooPid;
        this.database = database;
        this.nanosPerTick = nanosPerTick;
    }

    /** CPU time used between two samples; {@code odoo} is 0 when the server's process id is not known. */
    record Used(long odoo, long database) {
        long total() {
            return odoo + database;
        }
    }

    /** Per process id, CPU time so far. */
    record Sample(Map<Long, Long> odoo, Map<Long, Long> database) {
    }

    /**
     * The server with process id {@code ODOO_SERVER_PID} (optional) and the backends whose process title names
     * {@code database}; null when {@code /proc} cannot be read (another system, or a server on another host shows
     * no backends, which the caller sees as 0).
     */
    static ServerCpu find(String database) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return null;
        }
        String pid = System.getenv("ODOO_SERVER_PID");
        return new ServerCpu(pid == null || pid.isBlank() ? 0 : Long.parseLong(pid.strip()), database, 1_000_000_000L / clockTicks());
    }

    boolean knowsOdoo() {
        return odooPid > 0;
    }

    Sample sample() {
        Map<Long, Long> odoo = new HashMap<>();
        if (odooPid > 0) {
            long t = cpu(odooPid);
            if (t >= 0) {
                odoo.put(odooPid, t);
            }
        }
        Map<Long, Long> backends = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                if (isBackend(p)) {
                    long t = cpu(pid);
                    if (t >= 0) {
                        backends.put(pid, t);
                    }
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Sample(odoo, backends);
    }

    /** What was used since {@code before}; a backend that started in between counts whole. */
    Used since(Sample before) {
        Sample now = sample();
        return new Used(diff(now.odoo(), before.odoo()), diff(now.database(), before.database()));
    }

    private static long diff(Map<Long, Long> now, Map<Long, Long> before) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : now.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** A PostgreSQL backend of our database: its title is {@code postgres: <cluster>: <user> <database> <client> <state>}. */
    private boolean isBackend(Path proc) {
        try {
            String title = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
            if (!title.startsWith("postgres: ")) {
                return false;
            }
            String[] words = title.substring(title.indexOf(": ", 10) + 2).strip().split(" +");
            return words.length >= 2 && words[1].equals(database);
        } catch (IOException | StringIndexOutOfBoundsException e) {
            return false; // gone meanwhile, or not a backend's title
        }
    }

    /** utime + stime of a process in nanoseconds, or -1 when it is gone. */
    private long cpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * nanosPerTick;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
