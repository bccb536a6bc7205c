package dev.ferry.catalog;

import java.util.Locale;

/** The value types a source catalog can give a field; each parses to one Java type (see {@link #javaType()}). */
public enum FieldType {
    STRING(String.class), TEXT(String.class), INT(Long.class), DECIMAL(java.math.BigDecimal.class),
    MONEY(java.math.BigDecimal.class), DATE(java.time.LocalDate.class), DATETIME(java.time.LocalDateTime.class),
    BOOL(Boolean.class), EMAIL(String.class), PHONE(String.class), ENUM(String.class), LIST(java.util.List.class),
    REF(String.class), USER(String.class);

    private final Class<?> javaType;

    FieldType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The Java type a parsed value of this field has in a {@code SourceRecord}. */
    public Class<?> javaType() {
        return javaType;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FieldType parse(String word) {
        for (FieldType t : values()) {
            if (t.word().equals(word)) {
                return t;
            }
        }
        return null;
    }

    public static String words() {
        StringBuilder b = new StringBuilder();
        for (FieldType t : values()) {
            b.append(b.isEmpty() ? "" : ", ").append(t.word());
        }
        return b.toString();
    }
}
