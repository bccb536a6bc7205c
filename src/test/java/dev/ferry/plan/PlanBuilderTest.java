package dev.ferry.plan;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class PlanBuilderTest {
    private static final DateTimeFormatter ODOO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void writesDatetimesInOdoosFormat() {
        for (LocalDateTime dt : new LocalDateTime[]{LocalDateTime.of(2024, 3, 4, 14, 30), LocalDateTime.of(1, 1, 1, 0, 0),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.of(0, 6, 1, 8, 5),
                LocalDateTime.of(12345, 1, 2, 3, 4, 5), LocalDateTime.of(-44, 3, 15, 12, 0)}) {
            assertThat(PlanBuilder.datetime(dt)).as(dt.toString()).isEqualTo(dt.format(ODOO));
        }
    }
}
