package io.mcbt.peer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven recorded in the jar, so that it never needs to be written down twice. */
final class VersionProvider implements CommandLine.IVersionProvider {
  private static final String POM_PROPERTIES =
      "/META-INF/maven/io.mcbt/mcbt-peer-client/pom.properties";

  @Override
  public String[] getVersion() {
    return new String[] {
      "peer-client " + version(), "Java " + Runtime.version() + " " + System.getProperty("os.name")
    };
  }

  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        return "(development build)";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "(unknown version)");
    } catch (IOException e) {
      return "(unknown version)";
    }
  }
}
