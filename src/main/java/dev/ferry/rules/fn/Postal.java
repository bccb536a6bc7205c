package dev.ferry.rules.fn;

import java.util.Locale;
import java.util.regex.Pattern;

/** Postal-code normalisation by country, so codes exported without their space read as the post office writes them. */
public final class Postal {
    private static final Pattern CANADIAN = Pattern.compile("[A-Z]\\d[A-Z]\\d[A-Z]\\d");

    private Postal() {
    }

    /**
     * Normalises a postal code for an ISO country code: Canada {@code A1A 1A1} (space restored, upper case),
     * United Kingdom outward/inward split, Australia 4 digits (a 3-digit code is a Northern Territory code that lost
     * its leading zero as a spreadsheet number: {@code 800} → {@code 0800}); other countries are trimmed only. Null
     * stays null.
     */
    public static String normalize(String countryCode, Object raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.toString().strip();
        if (countryCode == null) {
            return s;
        }
        String compact = s.replace(" ", "").toUpperCase(Locale.ROOT);
        switch (countryCode.toUpperCase(Locale.ROOT)) {
            case "CA":
                if (CANADIAN.matcher(compact).matches()) {
                    return compact.substring(0, 3) + " " + compact.substring(3);
                }
                return s;
            case "AU":
                return compact.matches("\\d{3}") ? "0" + compact : s;
            case "GB":
                if (compact.length() >= 5 && compact.length() <= 7) {
                    return compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
                }
                return s;
            default:
                return s;
        }
    }
}
