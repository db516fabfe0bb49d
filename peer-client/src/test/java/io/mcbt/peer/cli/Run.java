package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** What one run of the command line did: its exit code, what it printed and what it wrote out. */
record Run(int exitCode, String out, String err, byte[] stdoutBytes) {
  /** Runs the peer client's command line with {@code args}, in this process. */
  static Run of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CommandLine commandLine = PeerClient.commandLine(new PeerClient(bytes));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString(), bytes.toByteArray());
  }

  void assertNoStackTrace() {
    assertFalse(err.contains("\tat "), err);
    assertFalse(err.contains("Exception"), err);
  }
}
