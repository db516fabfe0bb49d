package io.mcbt.platform;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the server keeps its data.
 *
 * @param mongoUri a real MongoDB ({@code MONGODB_URI}); empty means the embedded store
 * @param databaseName the database to use ({@code MCBT_MONGODB_DATABASE}, default {@code mcbt})
 * @param dataDir the embedded store's folder ({@code MCBT_DATA_DIR}, default {@code ./data})
 * @param embeddedPort the embedded store's loopback port ({@code MCBT_EMBEDDED_MONGO_PORT}, default
 *     0: any free port)
 */
public record StoreSettings(
    Optional<String> mongoUri, String databaseName, Path dataDir, int embeddedPort) {}
