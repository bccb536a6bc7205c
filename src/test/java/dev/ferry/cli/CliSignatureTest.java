package dev.ferry.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each subcommand's --help is the CLI's contract: it equals src/test/resources/cli/&lt;cmd&gt;.txt. A changed
 * surface fails here; rewrite the file with -Dferry.cli.update=true and review it like code.
 */
class CliSignatureTest {
    @ParameterizedTest
    @ValueSource(strings = {"compile", "explain", "catalog import", "load", "verify", "rollback", "run"})
    void helpMatchesTheRecordedSignature(String command) throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setUsageHelpWidth(100);
        String[] args = (command + " --help").split(" ");
        assertThat(cl.execute(args)).isZero();
        Path golden = Path.of("src/test/resources/cli/" + command.replace(' ', '-') + ".txt");
        if (Boolean.getBoolean("ferry.cli.update")) {
            Files.writeString(golden, out.toString(), StandardCharsets.UTF_8);
        }
        assertThat(out.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
