package dev.ferry.run;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Run ids sort by start time: {@code r-<yyyyMMdd-HHmmss>-<4 hex>}, e.g. {@code r-20241118-093015-3fa2}. */
public final class RunId {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunId() {
    }

    public static String next(Clock clock) {
        byte[] b = new byte[2];
        RANDOM.nextBytes(b);
        return "r-" + LocalDateTime.now(clock).format(FORMAT) + "-" + HexFormat.of().formatHex(b);
    }

    public static String next() {
        return next(Clock.systemUTC());
    }
}
