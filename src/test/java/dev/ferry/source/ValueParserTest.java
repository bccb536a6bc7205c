package dev.ferry.source;

import dev.ferry.catalog.FieldType;
import dev.ferry.catalog.SourceField;
import dev.ferry.catalog.SourceObject;
import dev.ferry.finding.FindingCode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ValueParserTest {
    private final ValueParser parser = new ValueParser();
    private final SourceObject canada = object("MM/dd/yyyy", "MM/dd/yyyy hh:mm a", Locale.forLanguageTag("en-CA"));

    private static SourceObject object(String date, String datetime, Locale locale) {
        return new SourceObject("o", "O", "O.", "o.csv", "csv", null, null, List.of("id"), null, List.of(), ',',
                date, datetime, locale, "CAD", true, false);
    }

    private static SourceField field(FieldType type, List<String> values) {
        return new SourceField("f", "F", type, false, null, values, ";", null, List.of("Y"), List.of("N"), null,
                false, false);
    }

    private ValueParser.Result parse(FieldType type, String raw) {
        return parser.parse(canada, field(type, List.of("Open", "Won")), raw);
    }

    @Test
    void parsesDatesStrictlyInTheCatalogFormat() {
        assertThat(parse(FieldType.DATE, "03/14/2024").value()).isEqualTo(LocalDate.of(2024, 3, 14));
        ValueParser.Result impossible = parse(FieldType.DATE, "02/31/2024");
        assertThat(impossible.value()).isNull();
        assertThat(impossible.problem().code()).isEqualTo(FindingCode.SRC_014);
        assertThat(impossible.problem().expected()).isEqualTo("a date MM/dd/yyyy");
        assertThat(parse(FieldType.DATE, "31/02/2024").problem()).isNotNull();
    }

    @Test
    void readsTwelveHourDatetimesWhateverTheLocaleCallsAmPm() {
        assertThat(parse(FieldType.DATETIME, "03/14/2024 02:30 PM").value())
                .isEqualTo(LocalDateTime.of(2024, 3, 14, 14, 30));
        assertThat(parse(FieldType.DATETIME, "03/14/2024 12:05 am").value())
                .isEqualTo(LocalDateTime.of(2024, 3, 14, 0, 5));
    }

    @Test
    void readsMoneyWithGroupingAndSymbolsButNotGarbage() {
        assertThat(parse(FieldType.MONEY, "12,500.00").value()).isEqualTo(new BigDecimal("12500.00"));
        assertThat(parse(FieldType.MONEY, "CA$12,500.50").value()).isEqualTo(new BigDecimal("12500.50"));
        assertThat(parse(FieldType.MONEY, "(1,200.00)").value()).isEqualTo(new BigDecimal("-1200.00"));
        assertThat(parse(FieldType.MONEY, "12.500,00").problem().code()).isEqualTo(FindingCode.SRC_011);
        assertThat(parse(FieldType.INT, "1,250").value()).isEqualTo(1250L);
        assertThat(parse(FieldType.INT, "12.5").problem()).isNotNull();
    }

    @Test
    void readsFlagsPickListsListsAndEmptiness() {
        assertThat(parse(FieldType.BOOL, "y").value()).isEqualTo(Boolean.TRUE);
        assertThat(parse(FieldType.BOOL, "maybe").problem().code()).isEqualTo(FindingCode.SRC_013);
        assertThat(parse(FieldType.ENUM, "won").value()).isEqualTo("Won");
        assertThat(parse(FieldType.ENUM, "Pending").problem().expected()).isEqualTo("one of Open, Won");
        assertThat(parse(FieldType.LIST, " VIP ; ;Key Account").value()).isEqualTo(List.of("VIP", "Key Account"));
        assertThat(parse(FieldType.STRING, "   ").value()).isNull();
        assertThat(parse(FieldType.EMAIL, "a@@b").problem().error()).isFalse();
    }

    @Test
    void keepsMultiLineTextButDropsTrailingBlankLines() {
        assertThat(parse(FieldType.TEXT, "line one\r\nline two\n\n").value()).isEqualTo("line one\nline two");
    }
}
