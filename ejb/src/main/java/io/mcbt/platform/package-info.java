/**
 * What every bounded context of the server stands on: the MongoDB connection (a real MongoDB when
 * {@code MONGODB_URI} is set, otherwise an embedded, file-backed MongoDB-compatible store) and the
 * server's settings.
 */
package io.mcbt.platform;
