package dev.ferry.cli;

import dev.ferry.odoo.ClientOptions;
import dev.ferry.odoo.Credentials;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.OdooServer;
import dev.ferry.odoo.Protocol;
import dev.ferry.odoo.Secret;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.run.PlanLoad;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where Odoo is and who logs in; the secret only from an environment variable or a file, never an option value. */
final class ConnectionOptions {
    @Option(names = "--url", paramLabel = "URL", description = "Odoo server URL (default: the embedded sandbox).")
    String url;

    @Option(names = "--db", paramLabel = "DB", description = "Database name.")
    String db;

    @Option(names = "--user", paramLabel = "LOGIN", defaultValue = "admin", description = "Login (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password.")
    Path passwordFile;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable holding an API key.")
    String apiKeyEnv;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "File holding an API key.")
    Path apiKeyFile;

    @Option(names = "--protocol", paramLabel = "auto|xml-rpc|json-2", defaultValue = "auto",
            description = "Wire protocol (default: auto, JSON-2 on Odoo 19+).")
    String protocol;

    Secret secret() {
        try {
            if (apiKeyEnv != null) {
                return Secret.fromEnv(apiKeyEnv);
            }
            if (apiKeyFile != null) {
                return Secret.fromFile(apiKeyFile);
            }
            if (passwordEnv != null) {
                return Secret.fromEnv(passwordEnv);
            }
            if (passwordFile != null) {
                return Secret.fromFile(passwordFile);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.BAD_INPUT, e.getMessage());
        }
        throw new CliException(Main.USAGE, "give the secret with --password-env, --password-file, --api-key-env or --api-key-file");
    }

    OdooClient connect() {
        Protocol p = switch (protocol.toLowerCase(java.util.Locale.ROOT)) {
            case "xml-rpc" -> Protocol.XML_RPC;
            case "json-2" -> Protocol.JSON_2;
            case "auto" -> Protocol.AUTO;
            default -> throw new CliException(Main.USAGE, "--protocol: found '" + protocol + "'; expected auto, xml-rpc or json-2");
        };
        try {
            return OdooClient.connect(OdooServer.of(url, db), new Credentials(user, secret()), ClientOptions.defaults().withProtocol(p));
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.BAD_INPUT, e.getMessage());
        }
    }

    PlanLoad.Target target(OdooClient client) {
        return new PlanLoad.Target(client, java.net.URI.create(url), db, false);
    }

    static OdooClient sandboxClient(OdooSandbox sandbox) {
        boolean json2 = sandbox.version().startsWith("19");
        return OdooClient.connect(new OdooServer(sandbox.url(), sandbox.database()),
                new Credentials(sandbox.login(), Secret.of((json2 ? sandbox.apiKey() : sandbox.password()).toCharArray())),
                ClientOptions.defaults().withProtocol(json2 ? Protocol.JSON_2 : Protocol.XML_RPC));
    }
}
