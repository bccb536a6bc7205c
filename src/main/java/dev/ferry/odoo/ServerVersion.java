package dev.ferry.odoo;

import java.util.List;

/**
 * What the server says about its version.
 *
 * @param serverVersion   e.g. {@code 17.0-20240709} or {@code 19.0}
 * @param versionInfo     e.g. {@code [17, 0, 0, "final", 0, ""]}; integers as {@link Long}
 * @param serverSerie     e.g. {@code 17.0}
 * @param protocolVersion XML-RPC protocol version (1), or 0 when the server did not say (JSON-2's
 *                        {@code /json/version} has none)
 */
public record ServerVersion(String serverVersion, List<Object> versionInfo, String serverSerie, int protocolVersion) {

    public ServerVersion {
        versionInfo = versionInfo == null ? List.of() : List.copyOf(versionInfo);
    }

    /** The major version, e.g. 17, from {@code versionInfo} or else the serie. */
    public int major() {
        if (!versionInfo.isEmpty() && versionInfo.get(0) instanceof Number n) {
            return n.intValue();
        }
        String s = serverSerie != null ? serverSerie : serverVersion;
        StringBuilder digits = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (!Character.isDigit(c)) {
                break;
            }
            digits.append(c);
        }
        if (digits.length() == 0) {
            throw new IllegalStateException("server version '" + s + "' has no major number");
        }
        return Integer.parseInt(digits.toString());
    }
}
