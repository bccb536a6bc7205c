package dev.ferry.run;

/**
 * The first line of a journal: what was loaded where. Never holds credentials: the target is the URL's host and
 * port only.
 *
 * @param runId      e.g. {@code r-20241118-093015-3fa2}
 * @param planDir    absolute path of the plan folder
 * @param planDigest the plan's digest (sha256 hex), checked on resume
 * @param host       server host[:port], no user info, no path
 * @param database   database name
 * @param version    server version, e.g. {@code 17.0}
 * @param protocol   XML_RPC or JSON_2
 * @param sandbox    whether the target was Ferry's embedded sandbox
 * @param batchSize  records per load call
 * @param onError    stop or continue
 * @param sample     records per load step of a sample run, or 0 for the whole plan
 */
public record RunInfo(String runId, String planDir, String planDigest, String host, String database, String version,
                      String protocol, boolean sandbox, int batchSize, String onError, int sample) {
}
