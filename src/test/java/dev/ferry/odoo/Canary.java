package dev.ferry.odoo;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/** A harmless class whose deserialization is visible: the attack payload of the CVE-2019-17570 tests. */
public class Canary extends RuntimeException implements Serializable {
    private static final long serialVersionUID = 1L;
    static volatile boolean fired;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        fired = true;
        in.defaultReadObject();
    }

    static String payloadBase64() {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(new Canary());
            }
            return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
