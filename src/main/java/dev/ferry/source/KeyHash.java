package dev.ferry.source;

/**
 * 64-bit hashes of record keys and external ids. Indexes over millions of records keep these longs instead of
 * the strings; with 64 bits, two of two million keys collide with a probability near 10^-7.
 */
public final class KeyHash {
    private KeyHash() {
    }

    /** FNV-1a over the characters, finished with MurmurHash3's fmix64 so similar keys spread well. */
    public static long of(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
