package io.mcbt.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar peer-client.jar ...} as a user would, and captures what it printed. */
final class PeerClientProcess {
  /**
   * What one run gave.
   *
   * @param exitCode the process's exit code
   * @param out standard output
   * @param err standard error
   */
  record Result(int exitCode, String out, String err) {
    /** The value of a {@code label: value} line of the output. */
    String field(String label) {
      return out.lines()
          .filter(line -> line.startsWith(label + ":"))
          .map(line -> line.substring(label.length() + 1).trim())
          .findFirst()
          .orElseThrow(() -> new AssertionError("no \"" + label + ":\" line in:\n" + out + err));
    }
  }

  private PeerClientProcess() {}

  static Result run(Path workDir, String... arguments) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    List<String> command = new ArrayList<>(List.of(ServerProcess.javaBinary(), "-jar"));
    command.add(Jars.peerClient().toString());
    command.addAll(List.of(arguments));
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().remove("MCBT_SERVER");
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("peer-client did not finish: " + command);
    }
    Result result =
        new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }
}
