package io.mcbt.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The packaged artifacts under test, as the build passes them in. */
final class Jars {
  private Jars() {}

  static Path server() {
    return existing("mcbt.serverJar");
  }

  static Path peerClient() {
    return existing("mcbt.peerClientJar");
  }

  static Path workDir() {
    return Path.of(System.getProperty("mcbt.workDir", "target/e2e"));
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isRegularFile(Path.of(value))) {
      throw new IllegalStateException(
          property
              + " must name the packaged jar (run through Maven: ./mvnw verify); got "
              + value);
    }
    return Path.of(value);
  }
}
