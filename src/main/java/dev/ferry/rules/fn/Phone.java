package dev.ferry.rules.fn;

import java.util.Locale;

/**
 * National phone numbers by country, for exports whose spreadsheet turned a number into a number cell and so
 * dropped its leading trunk zero. Every method accepts null and never throws on odd input.
 */
public final class Phone {
    private Phone() {
    }

    /**
     * A phone number as the country writes it nationally. Australia ({@code AU}): a value of only digits and spaces
     * that has 9 digits starting 2, 3, 4, 7 or 8 lost its leading 0; it gets it back, written {@code 04xx xxx xxx}
     * for mobiles and {@code 0x xxxx xxxx} otherwise. Any other value, and every other country, is trimmed only.
     * Null stays null.
     */
    public static String national(String countryCode, Object raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.toString().strip();
        if (!"AU".equals(countryCode == null ? null : countryCode.toUpperCase(Locale.ROOT)) || !s.matches("[0-9 ]+")) {
            return s;
        }
        String d = s.replace(" ", "");
        if (d.length() != 9 || "23478".indexOf(d.charAt(0)) < 0) {
            return s;
        }
        d = "0" + d;
        return d.startsWith("04") ? d.substring(0, 4) + " " + d.substring(4, 7) + " " + d.substring(7)
                : d.substring(0, 2) + " " + d.substring(2, 6) + " " + d.substring(6);
    }
}
