package dev.ferry.plan;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The compiler's scratch files: length-prefixed UTF-8 strings and ints, cheaper to write and re-read than CSV
 * when a million rows wait for their final order. Never part of a plan.
 */
final class Spool {
    private Spool() {
    }

    /** Appends values to a spool file. */
    static final class Writer implements Closeable {
        private final DataOutputStream out;

        Writer(Path file) throws IOException {
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        }

        void writeByte(int b) throws IOException {
            out.writeByte(b);
        }

        void writeInt(int i) throws IOException {
            out.writeInt(i);
        }

        void writeString(String s) throws IOException {
            byte[] bytes = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        /** Like {@link #writeString}, but keeps null apart from the empty string. */
        void writeNullableString(String s) throws IOException {
            if (s == null) {
                out.writeInt(-1);
            } else {
                writeString(s);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads a spool file back in the order it was written. */
    static final class Reader implements Closeable {
        private final DataInputStream in;
        private int kind;
        /** Reused for every string read: a spool holds millions. */
        private byte[] buffer = new byte[256];

        Reader(Path file) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        }

        String readString() throws IOException {
            return decode(in.readInt());
        }

        private String decode(int n) throws IOException {
            if (n > buffer.length) {
                buffer = new byte[Math.max(n, buffer.length * 2)];
            }
            in.readFully(buffer, 0, n);
            return new String(buffer, 0, n, StandardCharsets.UTF_8);
        }

        int readInt() throws IOException {
            return in.readInt();
        }

        /** A string written by {@link Writer#writeNullableString}. */
        String readNullableString() throws IOException {
            int n = in.readInt();
            return n < 0 ? null : decode(n);
        }

        /** The next string, or null at the end of the file. */
        String readStringOrNull() throws IOException {
            try {
                return readString();
            } catch (EOFException e) {
                return null;
            }
        }

        /** The kind byte of the row last read. */
        int kind() {
            return kind;
        }

        /**
         * Reads a step row (kind, first cell, column-id/value pairs) into {@code row}, placing values by
         * {@code position[columnId]}; false at the end of the file.
         */
        boolean readRow(String[] row, int[] position) throws IOException {
            try {
                kind = in.readByte();
            } catch (EOFException e) {
                return false;
            }
            Arrays.fill(row, "");
            row[0] = readString();
            int pairs = in.readInt();
            for (int i = 0; i < pairs; i++) {
                int column = in.readInt();
                row[position[column]] = readString();
            }
            return true;
        }

        /** Reads a row written as kind, cell count and cells; null at the end of the file. */
        String[] readPlainRow() throws IOException {
            try {
                kind = in.readByte();
            } catch (EOFException e) {
                return null;
            }
            String[] row = new String[in.readInt()];
            for (int i = 0; i < row.length; i++) {
                row[i] = readString();
            }
            return row;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
