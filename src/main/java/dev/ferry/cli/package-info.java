/** The {@code ferry} command line: one picocli class per verb, rendering results and mapping exit codes. */
package dev.ferry.cli;
