package dev.ferry.rules.fn;

/**
 * Check digits of national business identifiers, so rules write to Odoo only numbers its tax-id validation
 * (base_vat) and users can trust. Every method accepts null and never throws on odd input.
 */
public final class BusinessNumbers {
    private static final int[] ABN_WEIGHTS = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};

    private BusinessNumbers() {
    }

    /** The digits of a value (spaces, dots and dashes dropped), or null when it has none. */
    public static String digits(Object raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (char c : raw.toString().toCharArray()) {
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    /**
     * True when {@code digits} is an Australian Business Number whose ABR checksum holds: 11 digits; subtract 1 from
     * the first, weight them 10, 1, 3, 5, ..., 19; the sum divides by 89. Pass {@link #digits} of the written number.
     */
    public static boolean abnValid(String digits) {
        if (digits == null || digits.length() != 11 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            int d = digits.charAt(i) - '0' - (i == 0 ? 1 : 0);
            sum += d * ABN_WEIGHTS[i];
        }
        return sum % 89 == 0;
    }

    /**
     * True when {@code digits} is an Australian Company Number whose ASIC check digit holds: 9 digits; the first 8
     * weighted 8 down to 1; the ninth is the complement of the sum modulo 10.
     */
    public static boolean acnValid(String digits) {
        if (digits == null || digits.length() != 9 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * (8 - i);
        }
        return (10 - sum % 10) % 10 == digits.charAt(8) - '0';
    }
}
